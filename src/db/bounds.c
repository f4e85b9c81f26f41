/* `kaoping check`'s report of stored values outside model/limits.h: files written before the
 * limits existed (or changed with another tool) may hold an 18-digit 分值 or a unit name with
 * terminal escapes. The queries only list the stored values; the rule is the model's. */
#include "db/bounds.h"

#include <stdio.h>
#include <stdlib.h>

#include "db/store_internal.h"
#include "model/limits.h"
#include "model/text.h"
#include "model/xmalloc.h"

/* One stored column: the SQL of its row's description, and which limit applies. */
struct bounded_column {
    const char *table, *what, *column, *label, *where;
    bool text;
    int limit; /* enum limit_num or enum limit_text */
};

#define T_KEY "year || ' 年度单位 ' || unit || ' 指标 ' || item"
#define P_KEY "year || ' 年度单位 ' || unit || ' 指标 ' || item || ' 第 ' || quarter || ' 季度'"
#define L_KEY "'台账记录 ' || substr(id, 1, 8) || ' (' || year || ' 年度单位 ' || unit || ')'"
#define A_KEY "year || ' 年度单位 ' || unit"
#define S_KEY "year || ' 年度考核方案'"
#define C_KEY "year || ' 年度「' || pool || '」类别「' || name || '」'"
#define R_KEY "'整改记录 ' || substr(id, 1, 8)"
#define NUM(t, k, c, l, lim)                                                                       \
    {                                                                                              \
        t, k, c, l, NULL, false, lim                                                               \
    }
#define TXT(t, k, c, l, lim)                                                                       \
    {                                                                                              \
        t, k, c, l, NULL, true, lim                                                                \
    }

static const struct bounded_column columns[] = {
    NUM("target", T_KEY, "points", "分值", LIMIT_ITEM_POINTS),
    NUM("target", T_KEY, "target_value", "目标值", LIMIT_AMOUNT),
    NUM("target", T_KEY, "budget", "预算金额", LIMIT_MONEY),
    NUM("progress", P_KEY, "actual", "累计完成值", LIMIT_AMOUNT),
    NUM("progress", P_KEY, "spent", "累计支出", LIMIT_MONEY),
    NUM("progress", P_KEY, "score", "评分", LIMIT_SCORE),
    {"ledger", L_KEY, "points", "分值", "type <> 'veto'", false, LIMIT_LEDGER_POINTS},
    NUM("appraisal", A_KEY, "score", "公众评议得分", LIMIT_APPRAISAL),
    NUM("appraisal", A_KEY, "satisfaction", "满意率", LIMIT_PERCENT),
    NUM("category", C_KEY, "points", "类别分值", LIMIT_SHARE),
    NUM("scheme", S_KEY, "half_share", "半年初评分值", LIMIT_SHARE),
    NUM("scheme", S_KEY, "year_share", "年终总评分值", LIMIT_SHARE),
    NUM("scheme", S_KEY, "appraisal_share", "公众评议分值", LIMIT_SHARE),
    NUM("scheme", S_KEY, "inspection_cap", "查访核验扣分上限", LIMIT_SHARE),
    NUM("scheme", S_KEY, "complaint_cap", "投诉查处扣分上限", LIMIT_SHARE),
    NUM("scheme", S_KEY, "bonus_cap", "加分上限", LIMIT_SHARE),
    NUM("scheme", S_KEY, "warn_yellow", "黄色预警阈值", LIMIT_SHARE),
    NUM("scheme", S_KEY, "warn_red", "红色预警阈值", LIMIT_SHARE),
    NUM("scheme", S_KEY, "mismatch", "不匹配阈值", LIMIT_SHARE),
    TXT("unit", "'单位 ' || code", "code", "单位编码", LIMIT_CODE),
    TXT("unit", "'单位 ' || code", "name", "单位名称", LIMIT_NAME),
    TXT("unit", "'单位 ' || code", "leader", "负责人", LIMIT_NAME),
    TXT("unit_year", "year || ' 年度单位 ' || code", "name", "单位名称", LIMIT_NAME),
    TXT("pool", "'分组 ' || name", "name", "分组名称", LIMIT_NAME),
    TXT("category", C_KEY, "name", "类别名称", LIMIT_NAME),
    TXT("target", T_KEY, "item", "指标编码", LIMIT_CODE),
    TXT("target", T_KEY, "name", "指标名称", LIMIT_NAME),
    TXT("target", T_KEY, "measure", "计量单位", LIMIT_NAME),
    TXT("progress", P_KEY, "note", "备注", LIMIT_FREE),
    TXT("ledger", L_KEY, "aspect", "方面", LIMIT_NAME),
    TXT("ledger", L_KEY, "method", "方式", LIMIT_NAME),
    TXT("ledger", L_KEY, "reason", "事由", LIMIT_FREE),
    TXT("ledger", L_KEY, "inspectors", "核验人", LIMIT_NAME),
    TXT("ledger", L_KEY, "evidence", "证据", LIMIT_FREE),
    TXT("rectification", R_KEY, "text", "整改要求", LIMIT_FREE),
    TXT("rectification", R_KEY, "close_note", "完成情况", LIMIT_FREE),
};

/* The shortest %g form that reads back as v ("1e+120", not "9.9999999999999998e+119"). */
static void shortest(double v, char out[32])
{
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(out, 32, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

/* The finding for one stored value, or NULL when it is within its limit. */
static char *finding(const struct bounded_column *c, sqlite3_stmt *s)
{
    char why[256];
    if (c->text) {
        const char *v = (const char *)sqlite3_column_text(s, 1);
        if (!v || limits_check_text((enum limit_text)c->limit, v, why, sizeof why))
            return NULL;
        return xasprintf("%s 的%s%s", (const char *)sqlite3_column_text(s, 0), c->label, why);
    }
    double v = sqlite3_column_double(s, 1);
    char num[32];
    if (limits_check_number((enum limit_num)c->limit, v, why, sizeof why))
        return NULL;
    shortest(v, num);
    return xasprintf("%s 的%s %s 超出范围 (%s)", (const char *)sqlite3_column_text(s, 0), c->label,
                     num, why);
}

static int check_column(struct store *st, const struct bounded_column *c, check_report_fn report,
                        void *ctx)
{
    char *sql = xasprintf("SELECT %s, %s FROM %s WHERE %s IS NOT NULL%s%s", c->what, c->column,
                          c->table, c->column, c->where ? " AND " : "", c->where ? c->where : "");
    sqlite3_stmt *s = store_prepare(st, sql);
    free(sql);
    if (!s)
        return STORE_ERROR;
    int n = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        char *msg = finding(c, s);
        if (!msg)
            continue;
        char *clean = text_clean(msg); /* the key may hold the very characters reported */
        report(ctx, CHECK_ERROR, clean);
        free(clean), free(msg);
        n++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail_sqlite(st, "检查");
    return n;
}

int store_check_bounds(struct store *st, check_report_fn report, void *ctx)
{
    int errors = 0;
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++) {
        int n = check_column(st, &columns[i], report, ctx);
        if (n < 0)
            return STORE_ERROR;
        errors += n;
    }
    return errors;
}
