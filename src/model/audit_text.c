/* Audit values in the operators' words (see audit_text.h). The triggers write flat objects
 * with json_object(): string, number or null values, no nesting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/audit_text.h"

#define KEY_MAX 64
#define VALUE_MAX 512

/* Table-specific labels first ("" = any table), then the common ones. */
static const struct {
    const char *table, *column, *label;
} labels[] = {
    {"appraisal", "score", "公众评议得分"},
    {"target", "method", "计分方式"},
    {"target", "name", "指标名称"},
    {"unit", "name", "单位名称"},
    {"category", "name", "类别"},
    {"pool", "name", "分组"},
    {"publication_row", "half_year", "半年初评"},
    {"publication_row", "year_end", "年终总评"},
    {"publication_row", "key_score", "集中考核"},
    {"publication_row", "appraisal", "公众评议得分"},
    {"publication_row", "inspection", "查访核验"},
    {"publication_row", "complaint", "投诉查处"},
    {"publication_row", "bonus", "加分"},
    {"publication_row", "total", "总分"},
    {"publication_row", "veto", "否决"},
    {"publication_row", "incomplete", "数据不全"},
    {"", "year", "年度"},
    {"", "unit", "单位"},
    {"", "code", "单位编码"},
    {"", "item", "指标"},
    {"", "quarter", "季度"},
    {"", "actual", "累计完成值"},
    {"", "spent", "累计支出"},
    {"", "score", "评分"},
    {"", "satisfaction", "满意率"},
    {"", "note", "备注"},
    {"", "deviation", "偏差原因"},
    {"", "action", "整改措施"},
    {"", "decision", "处置决定"},
    {"", "decision_on", "决定日期"},
    {"", "corrected", "更正"},
    {"", "id", "编号"},
    {"", "date", "日期"},
    {"", "type", "类型"},
    {"", "points", "分值"},
    {"", "aspect", "方面"},
    {"", "method", "方式"},
    {"", "reason", "事由"},
    {"", "inspectors", "核验人"},
    {"", "evidence", "证据"},
    {"", "text", "整改要求"},
    {"", "deadline", "期限"},
    {"", "status", "状态"},
    {"", "source_item", "来源指标"},
    {"", "source_quarter", "来源季度"},
    {"", "source_ledger", "来源台账"},
    {"", "created_at", "登记日期"},
    {"", "closed_at", "完成日期"},
    {"", "close_note", "完成情况"},
    {"", "pool", "分组"},
    {"", "name", "名称"},
    {"", "sort_order", "顺序"},
    {"", "category", "类别"},
    {"", "target_value", "目标值"},
    {"", "measure", "计量单位"},
    {"", "budget", "预算金额"},
    {"", "sched1", "序时进度Q1"},
    {"", "sched2", "序时进度Q2"},
    {"", "sched3", "序时进度Q3"},
    {"", "sched4", "序时进度Q4"},
    {"", "parent", "上级编码"},
    {"", "leader", "负责人"},
    {"", "locked", "审定"},
    {"", "lock_note", "理由"},
    {"", "preset", "预设"},
    {"", "half_share", "半年初评权重"},
    {"", "year_share", "年终总评权重"},
    {"", "appraisal_share", "公众评议权重"},
    {"", "inspection_cap", "查访核验上限"},
    {"", "complaint_cap", "投诉查处上限"},
    {"", "bonus_cap", "加分上限"},
    {"", "band_excellent", "优秀线"},
    {"", "band_good", "良好线"},
    {"", "band_pass", "合格线"},
    {"", "veto_effect", "一票否决"},
    {"", "tie_style", "并列排名"},
    {"", "warn_yellow", "黄色预警"},
    {"", "warn_red", "红色预警"},
    {"", "mismatch", "不匹配阈值"},
    {"", "publication", "发布编号"},
    {"", "stage", "阶段"},
    {"", "published_at", "发布时间"},
    {"", "published_by", "发布人"},
    {"", "rank", "名次"},
    {"", "grade", "等次"},
    {"", "carried_from", "结转自"},
    {"", "approved_on", "批复日期"},
    {"", "approved_by", "批准人"},
    {"target_adjustment", "field", "调整项目"},
    {"", "old_value", "原值"},
    {"", "new_value", "新值"},
    {"", "from_quarter", "起始季度"},
    {"", "recorded_at", "记录日期"},
    {"", "from_year", "起始年度"},
    {"", "position", "顺序"},
    {"grade", "label", "等次"},
    {"grade", "min_score", "最低分"},
    {"grade", "cap", "否决上限"},
    {"score", "source", "评分来源"},
    {"score", "value", "分值"},
    {"", "rater", "评分单位"},
    {"score_source", "name", "评分来源"},
    {"score_source", "pools", "适用分组"},
    {"score_source", "share", "权重"},
    {"score_source", "scale", "分制"},
    {"score_source", "bonus", "加分项"},
    {"score_source", "appraisal", "来自公众评议"},
    {"score_source", "grades", "等次表"},
};

/* Stored codes in the operators' words ("" table = any). */
static const struct {
    const char *table, *column, *value, *label;
} words[] = {
    {"ledger", "type", "inspection", "查访核验"},
    {"ledger", "type", "complaint", "投诉查处"},
    {"ledger", "type", "bonus", "加分"},
    {"ledger", "type", "veto", "一票否决"},
    {"rectification", "status", "open", "未完成"},
    {"rectification", "status", "done", "已完成"},
    {"target", "method", "ratio", "比例"},
    {"target", "method", "inverse", "反向"},
    {"target", "method", "manual", "评分"},
    {"scheme", "veto_effect", "fail", "不合格"},
    {"scheme", "veto_effect", "cap", "至多合格"},
    {"scheme", "veto_effect", "none", "不影响"},
    {"scheme", "tie_style", "competition", "并列跳号"},
    {"scheme", "tie_style", "dense", "并列不跳号"},
    {"year", "locked", "0", "否"},
    {"year", "locked", "1", "是"},
    {"publication_row", "veto", "0", "否"},
    {"publication_row", "veto", "1", "是"},
    {"publication_row", "incomplete", "0", "否"},
    {"publication_row", "incomplete", "1", "是"},
};

/* publication_row keeps the published scores as ranked, in integer hundredths of a point
 * (docs/store.md): shown as the points the ranking showed (8931 → 89.31). */
static const char *const hundredths[] = {"half_year",  "year_end",  "key_score", "appraisal",
                                         "inspection", "complaint", "bonus",     "total"};

/* The word for a stored code, a whole number stored as a real without its ".0" (目标值 10.0
 * reads 10, as typed), or the value itself; buf holds the text when it is made here. */
static const char *value_word(const char *table, const char *column, const char *value,
                              char *buf, size_t bufsz)
{
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (table && strcmp(words[i].table, table) == 0 && strcmp(words[i].column, column) == 0 &&
            strcmp(words[i].value, value) == 0)
            return words[i].label;
    size_t n = strlen(value), digits = strspn(value + (value[0] == '-'), "0123456789");
    if (digits && n == digits + (value[0] == '-') + 2 && strcmp(value + n - 2, ".0") == 0 &&
        n - 2 < bufsz) {
        memcpy(buf, value, n - 2);
        buf[n - 2] = '\0';
        return buf;
    }
    return value;
}

/* The value as the operator knows it: a stored code in words, hundredths as points; buf holds
 * the text when it is made here. */
static const char *shown_value(const char *table, const char *column, const char *value,
                               char *buf, size_t bufsz)
{
    if (!table || strcmp(table, "publication_row") != 0)
        return value_word(table, column, value, buf, bufsz);
    for (size_t i = 0; i < sizeof hundredths / sizeof hundredths[0]; i++) {
        char *end;
        long long v = strtoll(value, &end, 10);
        if (strcmp(hundredths[i], column) == 0 && *value && !*end) {
            long long a = v < 0 ? -v : v;
            snprintf(buf, bufsz, "%s%lld.%02lld", v < 0 ? "-" : "", a / 100, a % 100);
            return buf;
        }
    }
    return value_word(table, column, value, buf, bufsz);
}

const char *audit_label(const char *table, const char *column)
{
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if ((!labels[i].table[0] || (table && strcmp(labels[i].table, table) == 0)) &&
            strcmp(labels[i].column, column) == 0)
            return labels[i].label;
    return column;
}

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

/* A JSON string at p (after its opening quote) into out; returns the byte after the closing
 * quote, or NULL. A \u escape (json_object writes one only for a control character) becomes
 * '?'. */
static const char *read_string(const char *p, char *out, size_t outsz)
{
    size_t n = 0;
    for (; *p && *p != '"'; p++) {
        char c = *p;
        if (c == '\\') {
            c = *++p;
            if (!c)
                return NULL;
            if (strchr("bfnrt", c))
                c = ' '; /* a control character: one space keeps the line one line */
            if (c == 'u') {
                p += strnlen(p, 5) < 5 ? 0 : 4;
                c = '?';
            }
        }
        if (n + 1 < outsz)
            out[n++] = c;
    }
    out[n] = '\0';
    return *p == '"' ? p + 1 : NULL;
}

/* The next "key":value of the object; returns the position after it (at ',' or '}'), or
 * NULL at the end or on text that is not a flat object. */
static const char *next_field(const char *p, char *key, char *val, bool *null)
{
    p = skip_ws(p);
    if (*p == '{' || *p == ',')
        p = skip_ws(p + 1);
    if (*p != '"' || !(p = read_string(p + 1, key, KEY_MAX)))
        return NULL;
    p = skip_ws(p);
    if (*p != ':')
        return NULL;
    p = skip_ws(p + 1);
    *null = false;
    if (*p == '"')
        return read_string(p + 1, val, VALUE_MAX);
    size_t n = 0;
    while (*p && *p != ',' && *p != '}' && *p != ' ') {
        if (*p == '{' || *p == '[')
            return NULL;
        if (n + 1 < VALUE_MAX)
            val[n++] = *p;
        p++;
    }
    val[n] = '\0';
    if (n == 0)
        return NULL;
    if (strcmp(val, "null") == 0) {
        *null = true;
        val[0] = '\0';
    }
    return p;
}

bool audit_value(const char *json, const char *key, char *out, size_t outsz)
{
    char k[KEY_MAX], v[VALUE_MAX];
    bool null;
    if (!json)
        return false;
    for (const char *p = json; (p = next_field(p, k, v, &null));)
        if (strcmp(k, key) == 0) {
            snprintf(out, outsz, "%s", v);
            return true;
        }
    return false;
}

/* Appends "sep text" to out (kept NUL-terminated and within outsz). */
static void append(char *out, size_t outsz, const char *text)
{
    size_t n = strlen(out);
    if (n + 1 < outsz)
        snprintf(out + n, outsz - n, "%s%s", n ? ", " : "", text);
}

void audit_describe(const char *table, const char *old_json, const char *new_json, char *out,
                    size_t outsz)
{
    out[0] = '\0';
    const char *row = new_json ? new_json : old_json;
    char k[KEY_MAX], v[VALUE_MAX], was[VALUE_MAX], part[2 * VALUE_MAX + KEY_MAX];
    char shown_was[32], shown_v[32];
    bool null;
    for (const char *p = row; p && (p = next_field(p, k, v, &null));) {
        if (old_json && new_json) {
            bool had = audit_value(old_json, k, was, sizeof was);
            if (had && strcmp(was, v) == 0)
                continue;
            snprintf(part, sizeof part, "%s %s→%s", audit_label(table, k),
                     had && was[0] ? shown_value(table, k, was, shown_was, sizeof shown_was) : "空",
                     v[0] ? shown_value(table, k, v, shown_v, sizeof shown_v) : "空");
        } else {
            /* the id, and a published row's 发布编号, are the row's key, shown beside it */
            if (null || strcmp(k, "id") == 0 ||
                (table && strcmp(table, "publication_row") == 0 && strcmp(k, "publication") == 0))
                continue;
            snprintf(part, sizeof part, "%s %s", audit_label(table, k),
                     shown_value(table, k, v, shown_v, sizeof shown_v));
        }
        append(out, outsz, part);
    }
}
