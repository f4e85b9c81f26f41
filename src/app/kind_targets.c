/* targets (任务书): 年度, 单位编码, 指标编码, 类别, 指标名称, 分值, 计分方式, 目标值, *计量单位*,
 * *预算金额*, *序时进度*, and on import only *调整原因*, *批准人*, *起始季度* (the adjustment
 * of an approved 任务书, docs/csv.md). The whole kind (app/kinds.h): columns, parser, key,
 * export writer, store writer (with the adjustment), the category check, the category sums and
 * item counts over the file (warnings), absent columns keeping the stored values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import.h"
#include "app/import_checker.h"
#include "app/kinds.h"
#include "db/approvals.h"
#include "db/targets.h"
#include "io/field.h"
#include "io/kind_row.h"
#include "model/rules.h"
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

/* ---- the store side ---- */

static int put_target(struct store *st, struct import_row *r, const struct app_import_request *q,
                      enum store_put *res)
{
    struct target_change row = {r->change.reason, r->change.approved_by, r->change.from_quarter};
    bool given = row.reason || row.approved_by || row.from_quarter;
    return store_target_put_adjusted(st, r->year, r->unit, &r->v.target,
                                     given ? &row : q->change, res);
}

/* A stored item keeps its 计量单位, 预算金额 and 序时进度 when the file lacks the column. */
static void merge_target(struct checker *c, struct import_row *r, struct year_cache *y)
{
    const struct target_item *it = checker_find_item(&y->yd, r->unit, r->v.target.code);
    if (!it)
        return;
    if (checker_absent(c, "计量单位"))
        checker_keep_text(&r->v.target.measure, it->measure);
    if (checker_absent(c, "预算金额"))
        r->v.target.budget = it->budget;
    if (checker_absent(c, "序时进度"))
        memcpy(r->v.target.schedule, it->schedule, sizeof it->schedule);
}

static void check_target(struct checker *c, const struct import_row *r, struct year_cache *y,
                         const struct unit *unit)
{
    struct unit in_year = *unit;
    in_year.pool = (char *)checker_pool_in_year(y, unit);
    const struct unit *u = &in_year;
    for (size_t i = 0; i < y->n_cats; i++)
        if (strcmp(y->cats[i].pool, u->pool) == 0 &&
            strcmp(y->cats[i].name, r->v.target.category) == 0)
            return;
    char all[512] = "";
    for (size_t i = 0, w = 0; i < y->n_cats && w < sizeof all; i++)
        if (strcmp(y->cats[i].pool, u->pool) == 0)
            w += (size_t)snprintf(all + w, sizeof all - w, "%s%s", w ? "、" : "", y->cats[i].name);
    import_error(c->probs, r->line, checker_label(c, "类别"),
                 "「%s」不是 %d 年度「%s」分组的指标类别 (可用: %s)", r->v.target.category, y->year,
                 u->pool, all);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct group {
    char *key;  /* year, unit, category */
    size_t row; /* first file row of the group */
};

static int cmp_group(const void *a, const void *b)
{
    const struct group *x = a, *y = b;
    int d = strcmp(x->key, y->key);
    return d ? d : (x->row > y->row) - (x->row < y->row);
}

/* items: the file's "year, unit, code" keys, sorted. */
static bool file_has_item(char **items, size_t n, int year, const char *unit, const char *code)
{
    char *k = xasprintf("%d\x1f%s\x1f%s", year, unit, code);
    bool hit = n && bsearch(&k, items, n, sizeof *items, cmp_str);
    free(k);
    return hit;
}

/* Items of a category should add up to its points, and some categories have item-count limits
 * (model/rules.h). Both only warn, for the groups the file touches, counting the
 * items after the import (the file's plus the stored ones it does not replace). g[0..n_rows)
 * are the group's file rows, in file order. */
static void check_group(struct checker *c, const struct group *g, size_t n_rows,
                        struct year_cache *y, char **items, size_t n_items)
{
    const struct import_row *first = &c->b->rows[g->row];
    const struct unit *u = checker_find_unit(c, first->unit);
    const char *pool = checker_pool_in_year(y, u);
    const char *cat = first->v.target.category;
    double sum = 0, cat_points = -1;
    size_t count = 0;
    for (size_t i = 0; i < y->n_cats; i++)
        if (strcmp(y->cats[i].pool, pool) == 0 && strcmp(y->cats[i].name, cat) == 0)
            cat_points = y->cats[i].points;
    for (size_t i = 0; i < n_rows; i++)
        sum += c->b->rows[g[i].row].v.target.points, count++;
    for (size_t i = 0; i < y->yd.n_items; i++) {
        const struct target_item *it = &y->yd.items[i];
        if (strcmp(y->yd.units[it->unit_index].code, first->unit) == 0 &&
            strcmp(it->category, cat) == 0 &&
            !file_has_item(items, n_items, first->year, first->unit, it->code))
            sum += it->points, count++;
    }
    char a[40], b[40];
    field_format_number(sum, a);
    field_format_number(cat_points, b);
    if (cat_points >= 0 && !rules_sum_matches(sum, cat_points))
        import_warning(c->probs, first->line, checker_label(c, "分值"),
                       "%s %d 年度「%s」的指标分值合计 %s, 类别分值为 %s", first->unit, first->year,
                       cat, a, b);
    size_t lo, hi;
    if (!rules_item_count_ok(cat, count) && rules_item_limits(cat, &lo, &hi))
        import_warning(c->probs, first->line, checker_label(c, "类别"),
                       "%s %d 年度「%s」有 %zu 项指标, 一般为 %zu 到 %zu 项", first->unit,
                       first->year, cat, count, lo, hi);
}

static void check_sums(struct checker *c)
{
    const struct import_batch *b = c->b;
    struct group *g = xcalloc(b->n ? b->n : 1, sizeof *g);
    char **items = xcalloc(b->n ? b->n : 1, sizeof *items);
    size_t n = 0;
    for (size_t i = 0; i < b->n; i++) {
        const struct import_row *r = &b->rows[i];
        items[i] = xasprintf("%d\x1f%s\x1f%s", r->year, r->unit, r->v.target.code);
        if (checker_find_unit(c, r->unit))
            g[n++] = (struct group){
                xasprintf("%d\x1f%s\x1f%s", r->year, r->unit, r->v.target.category), i};
    }
    if (n)
        qsort(g, n, sizeof *g, cmp_group);
    if (b->n)
        qsort(items, b->n, sizeof *items, cmp_str);
    /* Sorted by (year, unit, category), then row: a group's rows are one run of g (summing a
     * group over the whole file made 8,000 units' 任务书 take 341 s). */
    for (size_t i = 0, end; i < n; i = end) {
        for (end = i + 1; end < n && strcmp(g[end].key, g[i].key) == 0; end++)
            ;
        struct year_cache *y = checker_year(c, b->rows[g[i].row].year, true);
        if (y && !y->locked && checker_unit_items(c, y, b->rows[g[i].row].unit))
            check_group(c, &g[i], end - i, y, items, b->n);
    }
    for (size_t i = 0; i < n; i++)
        free(g[i].key);
    for (size_t i = 0; i < b->n; i++)
        free(items[i]);
    free(g), free(items);
}

static void check_row_target(struct checker *c, struct import_row *r, struct year_cache *y,
                             const struct unit *u)
{
    merge_target(c, r, y);
    if (!checker_find_item(&y->yd, r->unit, r->v.target.code))
        checker_damaged_item(c, r, checker_label(c, "指标编码"), &y->yd, r->v.target.code);
    check_target(c, r, y, u);
}

static void check_all_targets(struct checker *c, size_t *order)
{
    (void)order;
    check_sums(c);
}

static const struct kind_store targets_store = {
    .put = put_target,
    .unit_items = true,
    .check_row = check_row_target,
    .check_all = check_all_targets,
};

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
    .store = &targets_store,
};
