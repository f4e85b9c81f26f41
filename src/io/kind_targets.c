/* targets (任务书): 年度, 单位编码, 指标编码, 类别, 指标名称, 分值, 计分方式, 目标值, *计量单位*,
 * *预算金额*, *序时进度*, and on import only *调整原因*, *批准人*, *起始季度* (the adjustment
 * of an approved 任务书, docs/csv.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/field.h"
#include "io/kind_row.h"
#include "model/xmalloc.h"

enum {
    T_YEAR,
    T_UNIT,
    T_ITEM,
    T_CATEGORY,
    T_NAME,
    T_POINTS,
    T_METHOD,
    T_TARGET,
    T_MEASURE,
    T_BUDGET,
    T_SCHEDULE,
    T_REASON,
    T_APPROVER,
    T_FROM_QUARTER
};
static const struct import_column target_cols[] = {
    {"年度", "year", true},        {"单位编码", "unit", true},     {"指标编码", "item", true},
    {"类别", "category", true},    {"指标名称", "name", true},     {"分值", "points", true},
    {"计分方式", "method", true},  {"目标值", "target", true},     {"计量单位", "measure", false},
    {"预算金额", "budget", false}, {"序时进度", "schedule", false},
    /* Import only (data_kind.n_import_only): why and from when an approved target changes. */
    {"调整原因", "reason", false}, {"批准人", "approved_by", false},
    {"起始季度", "from_quarter", false}};

/* The adjustment columns: all three or none (an approved item's change needs them all). */
static void parse_change(struct rowctx *c, struct import_row *r)
{
    char why[512];
    r->change.reason = krow_text_opt(c, T_REASON);
    r->change.approved_by = krow_text_opt(c, T_APPROVER);
    const char *q = krow_num_cell(c, T_FROM_QUARTER);
    if (*q && !field_parse_quarter(q, &r->change.from_quarter, why, sizeof why))
        krow_error(c, T_FROM_QUARTER, "%s", why);
}

static void parse_target(struct rowctx *c, struct import_row *r)
{
    struct target_item *t = &r->v.target;
    char why[512];
    r->year = krow_year(c, T_YEAR);
    r->unit = krow_code(c, T_UNIT, true);
    t->code = krow_code(c, T_ITEM, true);
    t->category = krow_text_req(c, T_CATEGORY);
    t->name = krow_text_req(c, T_NAME);
    krow_number(c, T_POINTS, true, LIMIT_ITEM_POINTS, &t->points);
    char low[64];
    const char *m = field_unguard(krow_cell(c, T_METHOD));
    if (!*m)
        krow_error(c, T_METHOD, "不能为空 (比例、反向或评分)");
    else if (!method_parse(krow_lower(m, low, sizeof low), &t->method))
        krow_error(c, T_METHOD, "「%s」无效, 应为 比例、反向 或 评分 (ratio、inverse、manual)", m);
    krow_number(c, T_TARGET, true, LIMIT_AMOUNT, &t->target);
    t->measure = krow_text_opt(c, T_MEASURE);
    if (!krow_number(c, T_BUDGET, false, LIMIT_MONEY, &t->budget))
        t->budget = 0;
    const char *sched = krow_num_cell(c, T_SCHEDULE);
    static const double def[4] = {25, 50, 75, 100};
    memcpy(t->schedule, def, sizeof def);
    if (*sched && !field_parse_schedule(sched, t->schedule, why, sizeof why))
        krow_error(c, T_SCHEDULE, "%s", why);
    parse_change(c, r);
}

static void free_target(struct import_row *r)
{
    free(r->v.target.code), free(r->v.target.category), free(r->v.target.name);
    free(r->v.target.measure);
    free(r->change.reason), free(r->change.approved_by);
}

static char *key_target(const struct import_row *r)
{
    return xasprintf("%d\x1f%s\x1f%s", r->year, r->unit, r->v.target.code);
}

static size_t export_targets(const struct export_source *src, const struct row_sink *out)
{
    const struct year_data *yd = src->yd;
    for (size_t i = 0; i < yd->n_items; i++) {
        const struct target_item *it = &yd->items[i];
        char sched[180];
        field_format_schedule(it->schedule, sched);
        krow_put_int(out, src->year);
        krow_put_text(out, yd->units[it->unit_index].code), krow_put_text(out, it->code);
        krow_put_text(out, it->category), krow_put_text(out, it->name);
        krow_put_num(out, it->points), krow_put_text(out, method_label(it->method));
        krow_put_num(out, it->target), krow_put_text(out, it->measure);
        krow_put_num(out, it->budget), out->number(out->ctx, sched);
        out->end_row(out->ctx);
    }
    return yd->n_items;
}

const struct data_kind kind_targets = {
    .name = "targets",
    .sheet = "任务书",
    .per_year = true,
    .reads = KIND_READS_TARGETS,
    .cols = target_cols,
    .n_cols = sizeof target_cols / sizeof target_cols[0],
    .n_import_only = 3,
    .dup_column = "指标编码",
    .dup_text = "重复 (同一年度、单位和指标)",
    .parse = parse_target,
    .free_row = free_target,
    .key = key_target,
    .export_rows = export_targets,
};
