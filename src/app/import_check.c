/* Referential checks of an import batch against the store. Lookups are sorted arrays and
 * binary searches, so a 200k-row progress file is checked in well under a second. */
#include "app/import_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import_checker.h"
#include "db/load.h"
#include "db/pools.h"
#include "model/sources.h"
#include "db/units.h"
#include "db/years.h"
#include "io/field.h"
#include "model/rules.h"
#include "model/xmalloc.h"

static int cmp_unit(const void *a, const void *b)
{
    return strcmp(((const struct unit *)a)->code, ((const struct unit *)b)->code);
}

const struct unit *checker_find_unit(const struct checker *c, const char *code)
{
    struct unit key = {.code = (char *)code};
    if (c->n_units == 0)
        return NULL; /* bsearch's base must not be NULL */
    return bsearch(&key, c->units, c->n_units, sizeof key, cmp_unit);
}

/* The column as the file named it. */
static const char *label(const struct checker *c, const char *canonical)
{
    return import_column_label(c->b, canonical);
}

static struct year_cache *year_get(struct checker *c, int year, bool data)
{
    struct year_cache *y = NULL;
    for (size_t i = 0; i < c->n_years && !y; i++)
        if (c->years[i].year == year)
            y = &c->years[i];
    if (!y) {
        c->years = xreallocarray(c->years, c->n_years + 1, sizeof *c->years);
        y = &c->years[c->n_years++];
        memset(y, 0, sizeof *y);
        y->year = year;
        if (store_year_locked(c->st, year, &y->locked) != STORE_OK ||
            store_categories(c->st, year, &y->cats, &y->n_cats) != STORE_OK) {
            c->failed = true;
            return NULL;
        }
    }
    if (data && !y->loaded) {
        int rc = store_load_year_header(c->st, year, &y->yd);
        if (rc == STORE_OK && c->b->kind == KIND_LEDGER)
            rc = store_load_year_ledger(c->st, &y->yd);
        if (rc != STORE_OK) {
            c->failed = true;
            return NULL;
        }
        y->loaded = true;
    }
    return y;
}

/* Targets and progress: y->yd.items holds the unit's items (checker_find_item). A file is
 * read a unit at a time, so the year is never held whole; a file whose units are mixed up
 * (more loads than twice the units) gets the whole year once instead. */
static bool unit_items(struct checker *c, struct year_cache *y, const char *unit)
{
    if ((c->b->kind != KIND_TARGETS && c->b->kind != KIND_PROGRESS) || y->whole ||
        (y->items_unit && strcmp(y->items_unit, unit) == 0))
        return true;
    free(y->items_unit);
    y->items_unit = NULL;
    int rc;
    if (++y->item_loads > 2 * c->n_units + 16) {
        year_data_free(&y->yd);
        y->loaded = false;
        rc = store_load_year(c->st, y->year, &y->yd);
        y->loaded = y->whole = rc == STORE_OK;
    } else {
        rc = store_load_unit_items(c->st, unit, &y->yd);
        y->items_unit = xstrdup(unit);
    }
    if (rc != STORE_OK)
        c->failed = true;
    return rc == STORE_OK;
}

/* False (after one error per year) when the year is locked. */
static bool year_writable(struct checker *c, struct year_cache *y, long line)
{
    if (!y->locked)
        return true;
    if (!y->lock_reported)
        import_error(c->probs, line, label(c, "年度"),
                     "%d 年度已审定 (锁定), 不能导入; 如需修改请先解锁 (kaoping unlock --year %d "
                     "--reason ...)",
                     y->year, y->year);
    y->lock_reported = true;
    return false;
}

static const struct unit *unit_ref(struct checker *c, const struct import_row *r)
{
    const struct unit *u = checker_find_unit(c, r->unit);
    /* A damaged code gets its own message: "import units first" would create a ghost unit. */
    if (!u && !checker_damaged_unit(c, r->line, label(c, "单位编码"), r->unit))
        import_error(c->probs, r->line, label(c, "单位编码"), "单位「%s」不存在 (请先导入 units)",
                     r->unit);
    return u;
}

/* ---- units ---- */

static const char *file_parent(const struct import_batch *b, const char *code, bool *in_file)
{
    for (size_t i = 0; i < b->n; i++)
        if (strcmp(b->rows[i].unit, code) == 0) {
            *in_file = true;
            return b->rows[i].v.unit.parent;
        }
    *in_file = false;
    return NULL;
}

/* Parent after the import: the file's value if the file has the unit, else the database's. */
static const char *parent_after(const struct checker *c, const char *code, bool *known)
{
    bool in_file;
    const char *p = file_parent(c->b, code, &in_file);
    if (in_file) {
        *known = true;
        return p;
    }
    const struct unit *u = checker_find_unit(c, code);
    *known = u != NULL;
    return u ? u->parent : NULL;
}

/* Parents new in this file are written before their children (foreign key). */
static void unit_order(const struct checker *c, size_t *order)
{
    const struct import_batch *b = c->b;
    bool *done = xcalloc(b->n ? b->n : 1, sizeof *done);
    size_t n = 0;
    for (bool progress = true; progress && n < b->n;) {
        progress = false;
        for (size_t i = 0; i < b->n; i++) {
            const char *parent = b->rows[i].v.unit.parent;
            if (done[i])
                continue;
            bool ready = !parent || checker_find_unit(c, parent);
            for (size_t j = 0; j < b->n && !ready; j++)
                ready = done[j] && strcmp(b->rows[j].unit, parent) == 0;
            if (ready) {
                done[i] = progress = true;
                order[n++] = i;
            }
        }
    }
    for (size_t i = 0; i < b->n; i++) /* only with errors already reported */
        if (!done[i])
            order[n++] = i;
    free(done);
}

static void check_units(struct checker *c, size_t *order)
{
    char **pools = NULL;
    size_t n_pools = 0;
    /* a units file is the newest year's view (app/import.c): that year's pools */
    int year = store_latest_year(c->st);
    if ((year ? store_year_pools(c->st, year, &pools, &n_pools)
              : store_pools(c->st, &pools, &n_pools)) != STORE_OK) {
        c->failed = true;
        return;
    }
    const struct import_batch *b = c->b;
    for (size_t i = 0; i < b->n; i++) {
        const struct import_row *r = &b->rows[i];
        if (!checker_find_unit(c, r->unit))
            checker_new_unit(c, r, label(c, "单位编码"), label(c, "单位名称"));
        bool pool_ok = false;
        for (size_t p = 0; p < n_pools && !pool_ok; p++)
            pool_ok = strcmp(pools[p], r->v.unit.pool) == 0;
        if (!pool_ok) {
            char all[512] = "";
            for (size_t p = 0, w = 0; p < n_pools && w < sizeof all; p++)
                w += (size_t)snprintf(all + w, sizeof all - w, "%s%s", p ? "、" : "", pools[p]);
            import_error(c->probs, r->line, label(c, "分组"), "分组「%s」不存在 (现有分组: %s)",
                         r->v.unit.pool, all);
        }
        const char *parent = r->v.unit.parent;
        if (!parent)
            continue;
        bool known;
        parent_after(c, parent, &known);
        if (!known) {
            import_error(c->probs, r->line, label(c, "上级编码"),
                         "上级单位「%s」不存在 (数据库和文件中都没有)", parent);
            continue;
        }
        /* Walk up: reaching the unit again means a cycle. */
        const char *p = parent;
        for (size_t steps = 0; p && steps <= b->n + c->n_units; steps++) {
            if (strcmp(p, r->unit) == 0) {
                import_error(c->probs, r->line, label(c, "上级编码"),
                             "上级关系形成循环 (%s 最终是自己的上级)", r->unit);
                break;
            }
            p = parent_after(c, p, &known);
        }
    }
    store_free_strings(pools, n_pools);
    unit_order(c, order);
}

/* ---- targets ---- */

/* The unit's pool in the row's year (units per year, docs/store.md): a unit may have moved
 * since; the newest entry when the year is not loaded or does not hold the unit yet. */
static const char *pool_in_year(const struct year_cache *y, const struct unit *u)
{
    long i = y->loaded ? year_data_find_unit(&y->yd, u->code) : -1;
    return i >= 0 ? y->yd.units[i].pool : u->pool;
}

static void check_target(struct checker *c, const struct import_row *r, struct year_cache *y,
                         const struct unit *unit)
{
    struct unit in_year = *unit;
    in_year.pool = (char *)pool_in_year(y, unit);
    const struct unit *u = &in_year;
    for (size_t i = 0; i < y->n_cats; i++)
        if (strcmp(y->cats[i].pool, u->pool) == 0 &&
            strcmp(y->cats[i].name, r->v.target.category) == 0)
            return;
    char all[512] = "";
    for (size_t i = 0, w = 0; i < y->n_cats && w < sizeof all; i++)
        if (strcmp(y->cats[i].pool, u->pool) == 0)
            w += (size_t)snprintf(all + w, sizeof all - w, "%s%s", w ? "、" : "", y->cats[i].name);
    import_error(c->probs, r->line, label(c, "类别"),
                 "「%s」不是 %d 年度「%s」分组的指标类别 (可用: %s)", r->v.target.category, y->year,
                 u->pool, all);
}

/* ---- progress ---- */

struct item_key {
    const char *unit, *item;
};

static const struct year_data *cmp_yd; /* qsort/bsearch have no context argument */

static int cmp_item(const void *k, const void *e)
{
    const struct item_key *key = k;
    const struct target_item *it = e;
    int d = strcmp(key->unit, cmp_yd->units[it->unit_index].code);
    return d ? d : strcmp(key->item, it->code);
}

const struct target_item *checker_find_item(const struct year_data *yd, const char *unit,
                                            const char *item)
{
    struct item_key k = {unit, item};
    if (yd->n_items == 0)
        return NULL;
    cmp_yd = yd;
    return bsearch(&k, yd->items, yd->n_items, sizeof *yd->items, cmp_item);
}

static char *progress_key(int year, const char *unit, const char *item, int q)
{
    return xasprintf("%d\x1f%s\x1f%s\x1f%d", year, unit, item, q);
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
        import_warning(c->probs, r->line, label(c, "累计完成值"),
                       "%s %s 第 %d 季度累计 %s 小于第 %d 季度的 %s%s (累计值通常不应减少)",
                       r->unit, r->v.progress.item, q, a, q - 1, o, line ? "" : " (数据库中)");
    }
    if (q < 4 && actual_after(c->b, r, it, q + 1, &other, &line) && line == 0 &&
        other < mine) {
        field_format_number(other, o);
        import_warning(c->probs, r->line, label(c, "累计完成值"),
                       "%s %s 第 %d 季度累计 %s 大于数据库中第 %d 季度的 %s (累计值通常不应减少)",
                       r->unit, r->v.progress.item, q, a, q + 1, o);
    }
}

static void check_progress(struct checker *c, const struct import_row *r, struct year_cache *y)
{
    const struct target_item *it = checker_find_item(&y->yd, r->unit, r->v.progress.item);
    if (!it && checker_damaged_item(c, r, label(c, "指标编码"), &y->yd, r->v.progress.item))
        return;
    if (!it) {
        import_error(c->probs, r->line, label(c, "指标编码"),
                     "%d 年度单位 %s 的任务书中没有指标「%s」(请先导入 targets)", r->year, r->unit,
                     r->v.progress.item);
        return;
    }
    const struct quarter_progress *p = &r->v.progress.p;
    int q = r->v.progress.quarter;
    if (rules_score_due(it->method, q) && !p->has_score)
        import_error(c->probs, r->line, label(c, "评分"),
                     "指标 %s 的计分方式为评分, 第 %d 季度 (%s) 必须填写评分 (0 到 %g)", it->code,
                     q, rules_score_stage(q), it->points);
    if (p->has_score && !rules_score_within(p->score, it->points)) {
        char s[40];
        field_format_number(p->score, s);
        import_error(c->probs, r->line, label(c, "评分"), "评分 %s 超过指标 %s 的分值 %g", s,
                     it->code, it->points);
    }
    check_backwards(c, r, it);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- targets: category sums and item counts (warnings) ---- */

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
 * items after the import (the file's plus the stored ones it does not replace). */
static void check_group(struct checker *c, const struct group *g, struct year_cache *y,
                        char **items, size_t n_items)
{
    const struct import_row *first = &c->b->rows[g->row];
    const struct unit *u = checker_find_unit(c, first->unit);
    const char *pool = pool_in_year(y, u);
    const char *cat = first->v.target.category;
    double sum = 0, cat_points = -1;
    size_t count = 0;
    for (size_t i = 0; i < y->n_cats; i++)
        if (strcmp(y->cats[i].pool, pool) == 0 && strcmp(y->cats[i].name, cat) == 0)
            cat_points = y->cats[i].points;
    for (size_t i = 0; i < c->b->n; i++) {
        const struct import_row *r = &c->b->rows[i];
        if (r->year == first->year && strcmp(r->unit, first->unit) == 0 &&
            strcmp(r->v.target.category, cat) == 0)
            sum += r->v.target.points, count++;
    }
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
        import_warning(c->probs, first->line, label(c, "分值"),
                       "%s %d 年度「%s」的指标分值合计 %s, 类别分值为 %s", first->unit, first->year,
                       cat, a, b);
    size_t lo, hi;
    if (!rules_item_count_ok(cat, count) && rules_item_limits(cat, &lo, &hi))
        import_warning(c->probs, first->line, label(c, "类别"),
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
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(g[i].key, g[i - 1].key) == 0)
            continue;
        struct year_cache *y = year_get(c, b->rows[g[i].row].year, true);
        if (y && !y->locked && unit_items(c, y, b->rows[g[i].row].unit))
            check_group(c, &g[i], y, items, b->n);
    }
    for (size_t i = 0; i < n; i++)
        free(g[i].key);
    for (size_t i = 0; i < b->n; i++)
        free(items[i]);
    free(g), free(items);
}

/* A score names a source of the year that applies to the unit's pool, on its scale; a graded
 * source's grade is converted (docs/scoring.md "Score sources"). */
static void check_score(struct checker *c, struct import_row *r, const struct year_cache *y,
                        const struct unit *u)
{
    struct source_score *s = &r->v.score.s;
    const struct score_source *src = sources_find(&y->yd, s->source, u->pool);
    if (!src) {
        const char *names[SOURCES_MAX];
        size_t n = sources_names(&y->yd, names, SOURCES_MAX);
        char list[512] = "";
        for (size_t i = 0, at = 0; i < n && at < sizeof list; i++)
            at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", i ? "、" : "", names[i]);
        if (sources_known(&y->yd, s->source))
            import_error(c->probs, r->line, label(c, "来源"), "来源「%s」不适用于%s的分组「%s」",
                         s->source, u->code, u->pool);
        else
            import_error(c->probs, r->line, label(c, "来源"), "%d 年度没有评分来源「%s」(%s%s)",
                         r->year, s->source, n ? "现有: " : "考核方案没有设评分来源", list);
        return;
    }
    char err[512];
    if (!sources_check_score(src, s->grade, r->v.score.has_value, &s->value, err, sizeof err))
        import_error(c->probs, r->line,
                     label(c, src->scale == SCALE_GRADE && !s->grade ? "等次" : "分值"), "%s",
                     err);
}

/* One row of a dated kind (targets, progress, ledger, appraisals). False when the database
 * could not be read. */
static bool check_dated(struct checker *c, struct import_row *r)
{
    const struct import_batch *b = c->b;
    struct year_cache *y = year_get(c, r->year, true);
    if (!y)
        return false;
    if (!year_writable(c, y, r->line))
        return true;
    const struct unit *u = unit_ref(c, r);
    if (!u)
        return true;
    if (!unit_items(c, y, r->unit))
        return false;
    if (b->kind == KIND_LEDGER)
        checker_match_content(c, r, y);
    checker_merge_dated(c, r, y);
    if (b->kind == KIND_TARGETS && !checker_find_item(&y->yd, r->unit, r->v.target.code))
        checker_damaged_item(c, r, label(c, "指标编码"), &y->yd, r->v.target.code);
    if (b->kind == KIND_TARGETS)
        check_target(c, r, y, u);
    else if (b->kind == KIND_PROGRESS)
        check_progress(c, r, y);
    else if (b->kind == KIND_SCORES)
        check_score(c, r, y, u);
    return true;
}

struct checker *import_checker_open(struct store *st, struct import_batch *b,
                                    struct import_problems *probs, bool allow_duplicates)
{
    struct checker *c = xcalloc(1, sizeof *c);
    *c = (struct checker){.st = st, .b = b, .probs = probs, .allow_duplicates = allow_duplicates};
    if (store_unit_list(st, 0, &c->units, &c->n_units) != STORE_OK) {
        free(c);
        return NULL;
    }
    if (c->n_units)
        qsort(c->units, c->n_units, sizeof *c->units, cmp_unit);
    return c;
}

int import_checker_row(struct checker *c, struct import_row *r)
{
    if (!c->failed && !check_dated(c, r))
        c->failed = true;
    return c->failed ? STORE_ERROR : STORE_OK;
}

void import_checker_close(struct checker *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_years; i++) {
        store_free_categories(c->years[i].cats, c->years[i].n_cats);
        if (c->years[i].loaded)
            year_data_free(&c->years[i].yd);
        free(c->years[i].items_unit);
        free(c->years[i].ledger_by_id);
        free(c->years[i].by_content);
    }
    free(c->years);
    store_free_units(c->units, c->n_units);
    free(c);
}

/* categories: an open year and one of its pools; each row's place in its pool's list is its
 * sort order (1, 2, ...: an exported file reads back unchanged). The rules on a pool's whole
 * list (its sum, a category dropped while items use it) are the store's, once every row is
 * written (app/import.c). */
static void check_categories(struct checker *c)
{
    for (size_t i = 0; i < c->b->n; i++) {
        struct import_row *r = &c->b->rows[i];
        r->v.category.sort_order = 1;
        for (size_t j = 0; j < i; j++)
            r->v.category.sort_order += c->b->rows[j].year == r->year &&
                                        strcmp(c->b->rows[j].v.category.pool, r->v.category.pool) == 0;
        struct year_cache *y = year_get(c, r->year, false);
        if (!y)
            break;
        if (year_writable(c, y, r->line) && !store_year_has_pool(c->st, r->year, r->v.category.pool))
            import_error(c->probs, r->line, label(c, "分组"),
                         "%d 年度没有分组「%s」 (先用 kaoping pool add 添加)", r->year,
                         r->v.category.pool);
    }
}

int import_check(struct store *st, struct import_batch *b, struct import_problems *probs,
                 size_t **order, bool allow_duplicates)
{
    *order = xcalloc(b->n ? b->n : 1, sizeof **order);
    struct checker *c = import_checker_open(st, b, probs, allow_duplicates);
    if (!c)
        return STORE_ERROR;
    if (b->kind == KIND_UNITS) {
        for (size_t i = 0; i < b->n; i++)
            checker_merge_unit(c, &b->rows[i]);
        check_units(c, *order);
    } else if (b->kind == KIND_CATEGORIES) {
        for (size_t i = 0; i < b->n; i++)
            (*order)[i] = i;
        check_categories(c);
    } else {
        for (size_t i = 0; i < b->n; i++)
            (*order)[i] = i;
        for (size_t i = 0; i < b->n && !c->failed; i++)
            import_checker_row(c, &b->rows[i]);
        if (b->kind == KIND_TARGETS && !c->failed)
            check_sums(c);
    }
    int rc = c->failed ? STORE_ERROR : STORE_OK;
    import_checker_close(c);
    return rc;
}
