/* progress (季度进度): 年度, 单位编码, 指标编码, 季度, 累计完成值, *累计支出*, *评分*, *备注*,
 * *偏差原因*, *整改措施* (双监控 corrections, issue 15 item 5; docs/csv.md). The whole kind
 * (app/kinds.h): columns, parser, key, export writer, store writer, the checks against the
 * unit's items (评分 due, within the item's points, cumulative values going backwards), absent
 * columns keeping the stored values. Streamed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import.h"
#include "app/import_checker.h"
#include "app/kinds.h"
#include "db/targets.h"
#include "io/field.h"
#include "io/kind_row.h"
#include "model/rules.h"
#include "model/xmalloc.h"

enum { P_YEAR, P_UNIT, P_ITEM, P_QUARTER, P_ACTUAL, P_SPENT, P_SCORE, P_NOTE, P_DEVIATION,
       P_ACTION };
static const struct import_column progress_cols[] = {
    {"年度", "year", true},    {"单位编码", "unit", true},     {"指标编码", "item", true},
    {"季度", "quarter", true}, {"累计完成值", "actual", true}, {"累计支出", "spent", false},
    {"评分", "score", false},  {"备注", "note", false},
    {"偏差原因", "deviation", false}, {"整改措施", "action", false}};

static void parse_progress(struct rowctx *c, struct import_row *r)
{
    struct quarter_progress *p = &r->v.progress.p;
    char why[512];
    r->year = krow_year(c, P_YEAR);
    r->unit = krow_code(c, P_UNIT, true);
    r->v.progress.item = krow_code(c, P_ITEM, true);
    const char *q = krow_cell(c, P_QUARTER);
    if (!*q)
        krow_error(c, P_QUARTER, "不能为空 (1-4)");
    else if (!field_parse_quarter(q, &r->v.progress.quarter, why, sizeof why))
        krow_error(c, P_QUARTER, "%s", why);
    p->present = true;
    krow_number(c, P_ACTUAL, true, LIMIT_AMOUNT, &p->actual);
    p->has_spent = krow_number(c, P_SPENT, false, LIMIT_MONEY, &p->spent);
    p->has_score = krow_number(c, P_SCORE, false, LIMIT_SCORE, &p->score);
    p->note = krow_text_opt(c, P_NOTE);
    p->deviation = krow_text_opt(c, P_DEVIATION);
    p->action = krow_text_opt(c, P_ACTION);
}

static void free_progress(struct import_row *r)
{
    free(r->v.progress.item), free(r->v.progress.p.note);
    free(r->v.progress.p.deviation), free(r->v.progress.p.action);
}

/* The key of a quarter's row: also how actual_after below finds a neighbouring quarter. */
static char *progress_key(int year, const char *unit, const char *item, int q)
{
    return xasprintf("%d\x1f%s\x1f%s\x1f%d", year, unit, item, q);
}

static char *key_progress(const struct import_row *r)
{
    return progress_key(r->year, r->unit, r->v.progress.item, r->v.progress.quarter);
}

/* What the check of the quarters around a row needs of it (actual_after): its 累计完成值. */
static double value_progress(const struct import_row *r)
{
    return r->v.progress.p.actual;
}

static size_t export_progress(const struct export_source *src, const struct row_sink *out)
{
    const struct year_data *yd = src->yd;
    size_t rows = 0;
    for (size_t i = 0; i < yd->n_items; i++) {
        const struct target_item *it = &yd->items[i];
        for (int q = 0; q < KP_QUARTERS; q++) {
            const struct quarter_progress *p = &it->q[q];
            if (!p->present)
                continue;
            krow_put_int(out, src->year);
            krow_put_text(out, yd->units[it->unit_index].code), krow_put_text(out, it->code);
            krow_put_int(out, q + 1);
            krow_put_num(out, p->actual), krow_put_num_opt(out, p->has_spent, p->spent);
            krow_put_num_opt(out, p->has_score, p->score), krow_put_text(out, p->note);
            krow_put_text(out, p->deviation), krow_put_text(out, p->action);
            out->end_row(out->ctx);
            rows++;
        }
    }
    return rows;
}

/* ---- the store side ---- */

static int put_progress(struct store *st, struct import_row *r, const struct app_import_request *q,
               enum store_put *res)
{
    (void)q;
    return store_progress_put(st, r->year, r->unit, r->v.progress.item, r->v.progress.quarter,
                              &r->v.progress.p, res);
}

/* A stored progress row keeps the values of the optional columns the file leaves out. */
static void keep_progress(struct checker *c, struct quarter_progress *p,
                          const struct quarter_progress *dbq)
{
    if (!dbq->present)
        return;
    if (checker_absent(c, "累计支出"))
        p->has_spent = dbq->has_spent, p->spent = dbq->spent;
    if (checker_absent(c, "评分"))
        p->has_score = dbq->has_score, p->score = dbq->score;
    if (checker_absent(c, "备注"))
        checker_keep_text(&p->note, dbq->note);
    if (checker_absent(c, "偏差原因"))
        checker_keep_text(&p->deviation, dbq->deviation);
    if (checker_absent(c, "整改措施"))
        checker_keep_text(&p->action, dbq->action);
}

/* The cumulative actual at quarter q after the import: the file's row if any (its key in the
 * file's index, io/import_rows.h), else the database's. Returns false when neither has it. */
static bool actual_after(const struct import_batch *b, const struct import_row *r,
                         const struct target_item *it, int q, double *v, long *line)
{
    char *k = progress_key(r->year, r->unit, r->v.progress.item, q);
    const struct import_key *hit = import_index_find(&b->index, k);
    free(k);
    if (hit) {
        *v = hit->value;
        *line = hit->line;
        return true;
    }
    *line = 0;
    if (it->q[q - 1].present) {
        *v = it->q[q - 1].actual;
        return true;
    }
    return false;
}

static void check_backwards(struct checker *c, const struct import_row *r,
                            const struct target_item *it)
{
    int q = r->v.progress.quarter;
    double mine = r->v.progress.p.actual, other;
    long line;
    char a[40], o[40];
    field_format_number(mine, a);
    if (q > 1 && actual_after(c->b, r, it, q - 1, &other, &line) && mine < other) {
        field_format_number(other, o);
        import_warning(c->probs, r->line, checker_label(c, "累计完成值"),
                       "%s %s 第 %d 季度累计 %s 小于第 %d 季度的 %s%s (累计值通常不应减少)",
                       r->unit, r->v.progress.item, q, a, q - 1, o, line ? "" : " (数据库中)");
    }
    if (q < 4 && actual_after(c->b, r, it, q + 1, &other, &line) && line == 0 &&
        other < mine) {
        field_format_number(other, o);
        import_warning(c->probs, r->line, checker_label(c, "累计完成值"),
                       "%s %s 第 %d 季度累计 %s 大于数据库中第 %d 季度的 %s (累计值通常不应减少)",
                       r->unit, r->v.progress.item, q, a, q + 1, o);
    }
}

static void check_progress(struct checker *c, const struct import_row *r, struct year_cache *y)
{
    const struct target_item *it = checker_find_item(&y->yd, r->unit, r->v.progress.item);
    if (!it && checker_damaged_item(c, r, checker_label(c, "指标编码"), &y->yd, r->v.progress.item))
        return;
    if (!it) {
        import_error(c->probs, r->line, checker_label(c, "指标编码"),
                     "%d 年度单位 %s 的任务书中没有指标「%s」(请先导入 targets)", r->year, r->unit,
                     r->v.progress.item);
        return;
    }
    const struct quarter_progress *p = &r->v.progress.p;
    int q = r->v.progress.quarter;
    if (rules_score_due(it->method, q) && !p->has_score)
        import_error(c->probs, r->line, checker_label(c, "评分"),
                     "指标 %s 的计分方式为评分, 第 %d 季度 (%s) 必须填写评分 (0 到 %g)", it->code,
                     q, rules_score_stage(q), it->points);
    if (p->has_score && !rules_score_within(p->score, it->points)) {
        char s[40];
        field_format_number(p->score, s);
        import_error(c->probs, r->line, checker_label(c, "评分"), "评分 %s 超过指标 %s 的分值 %g", s,
                     it->code, it->points);
    }
    check_backwards(c, r, it);
}

static void check_row_progress(struct checker *c, struct import_row *r, struct year_cache *y,
                               const struct unit *u)
{
    (void)u;
    const struct target_item *it = checker_find_item(&y->yd, r->unit, r->v.progress.item);
    if (it)
        keep_progress(c, &r->v.progress.p, &it->q[r->v.progress.quarter - 1]);
    check_progress(c, r, y);
}

static const struct kind_store progress_store = {
    .put = put_progress,
    .streamed = true,
    .unit_items = true,
    .check_row = check_row_progress,
};

const struct data_kind kind_progress = {
    .name = "progress",
    .sheet = "季度进度",
    .per_year = true,
    .reads = KIND_READS_PROGRESS,
    .cols = progress_cols,
    .n_cols = sizeof progress_cols / sizeof progress_cols[0],
    .dup_column = "季度",
    .dup_text = "重复 (同一年度、单位、指标和季度)",
    .parse = parse_progress,
    .free_row = free_progress,
    .key = key_progress,
    .key_value = value_progress,
    .export_rows = export_progress,
    .store = &progress_store,
};
