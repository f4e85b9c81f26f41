/* units: 单位编码, 单位名称, 分组, *上级编码*, *负责人* (docs/csv.md). The whole kind
 * (app/kinds.h): columns, parser, key, export writer, store writer (the newest year's view), the
 * checks over the whole file (pools, parents, cycles) and the order parents first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import.h"
#include "app/import_checker.h"
#include "app/kinds.h"
#include "db/pools.h"
#include "db/units.h"
#include "db/years.h"
#include "io/field.h"
#include "io/kind_row.h"
#include "model/xmalloc.h"

enum { U_CODE, U_NAME, U_POOL, U_PARENT, U_LEADER };
static const struct import_column unit_cols[] = {{"单位编码", "code", true},
                                                 {"单位名称", "name", true},
                                                 {"分组", "pool", true},
                                                 {"上级编码", "parent", false},
                                                 {"负责人", "leader", false}};

static void parse_unit(struct rowctx *c, struct import_row *r)
{
    struct unit *u = &r->v.unit;
    r->unit = krow_code(c, U_CODE, true);
    u->code = r->unit;
    u->name = krow_text_req(c, U_NAME);
    u->pool = krow_text_req(c, U_POOL);
    u->parent = krow_code(c, U_PARENT, false);
    u->leader = krow_text_opt(c, U_LEADER);
    if (r->unit && u->parent && strcmp(r->unit, u->parent) == 0)
        krow_error(c, U_PARENT, "单位不能是自己的上级");
}

static void free_unit(struct import_row *r)
{
    free(r->v.unit.name), free(r->v.unit.pool), free(r->v.unit.parent), free(r->v.unit.leader);
}

static char *key_unit(const struct import_row *r)
{
    return xstrdup(r->unit);
}

static size_t export_units(const struct export_source *src, const struct row_sink *out)
{
    for (size_t i = 0; i < src->n_units; i++) {
        const struct unit *u = &src->units[i];
        krow_put_text(out, u->code), krow_put_text(out, u->name), krow_put_text(out, u->pool);
        krow_put_text(out, u->parent), krow_put_text(out, u->leader);
        out->end_row(out->ctx);
    }
    return src->n_units;
}

/* ---- the store side ---- */

static int put_unit(struct store *st, struct import_row *r, const struct app_import_request *q,
               enum store_put *res)
{
    (void)q;
    /* A units file has no year: it is the current (newest) year's view (docs/store.md). */
    return store_unit_put(st, store_latest_year(st), &r->v.unit, res);
}

/* A unit the file gives keeps the stored parent and leader when the file lacks the column. */
static void merge_unit(struct checker *c, struct import_row *r)
{
    const struct unit *u = checker_find_unit(c, r->unit);
    if (!u)
        return;
    if (checker_absent(c, "上级编码"))
        checker_keep_text(&r->v.unit.parent, u->parent);
    if (checker_absent(c, "负责人"))
        checker_keep_text(&r->v.unit.leader, u->leader);
}

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
            checker_new_unit(c, r, checker_label(c, "单位编码"), checker_label(c, "单位名称"));
        bool pool_ok = false;
        for (size_t p = 0; p < n_pools && !pool_ok; p++)
            pool_ok = strcmp(pools[p], r->v.unit.pool) == 0;
        if (!pool_ok) {
            char all[512] = "";
            for (size_t p = 0, w = 0; p < n_pools && w < sizeof all; p++)
                w += (size_t)snprintf(all + w, sizeof all - w, "%s%s", p ? "、" : "", pools[p]);
            import_error(c->probs, r->line, checker_label(c, "分组"), "分组「%s」不存在 (现有分组: %s)",
                         r->v.unit.pool, all);
        }
        const char *parent = r->v.unit.parent;
        if (!parent)
            continue;
        bool known;
        parent_after(c, parent, &known);
        if (!known) {
            import_error(c->probs, r->line, checker_label(c, "上级编码"),
                         "上级单位「%s」不存在 (数据库和文件中都没有)", parent);
            continue;
        }
        /* Walk up: reaching the unit again means a cycle. */
        const char *p = parent;
        for (size_t steps = 0; p && steps <= b->n + c->n_units; steps++) {
            if (strcmp(p, r->unit) == 0) {
                import_error(c->probs, r->line, checker_label(c, "上级编码"),
                             "上级关系形成循环 (%s 最终是自己的上级)", r->unit);
                break;
            }
            p = parent_after(c, p, &known);
        }
    }
    store_free_strings(pools, n_pools);
    unit_order(c, order);
}

/* Units are checked as a whole file: parents (in the database or the file), cycles, pools. */
static void check_all_units(struct checker *c, size_t *order)
{
    for (size_t i = 0; i < c->b->n; i++)
        merge_unit(c, &c->b->rows[i]);
    check_units(c, order);
}

static const struct kind_store units_store = {
    .put = put_unit,
    .check_all = check_all_units,
};

const struct data_kind kind_units = {
    .name = "units",
    .sheet = "单位",
    .per_year = false,
    .cols = unit_cols,
    .n_cols = sizeof unit_cols / sizeof unit_cols[0],
    .dup_column = "单位编码",
    .dup_text = "重复 (同一单位编码)",
    .parse = parse_unit,
    .free_row = free_unit,
    .key = key_unit,
    .export_rows = export_units,
    .store = &units_store,
};
