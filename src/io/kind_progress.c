/* progress (季度进度): 年度, 单位编码, 指标编码, 季度, 累计完成值, *累计支出*, *评分*, *备注*,
 * *偏差原因*, *整改措施* (双监控 corrections, issue 15 item 5; docs/csv.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/field.h"
#include "io/kind_row.h"
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

static char *key_progress(const struct import_row *r)
{
    return xasprintf("%d\x1f%s\x1f%s\x1f%d", r->year, r->unit, r->v.progress.item,
                     r->v.progress.quarter);
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
    .export_rows = export_progress,
};
