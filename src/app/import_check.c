/* Checks of an import batch against the store, the part every kind shares: the checker's
 * lookups (units, years, items), the checks of every dated row (the year is open, the unit
 * exists), and the driver that hands each row and the whole file to the kind's own checks
 * (struct kind_store, app/kinds.h). Lookups are sorted arrays and binary searches, so a
 * 200k-row progress file is checked in well under a second. */
#include "app/import_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import_checker.h"
#include "app/kinds.h"
#include "db/load.h"
#include "db/units.h"
#include "db/years.h"
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
const char *checker_label(const struct checker *c, const char *canonical)
{
    return import_column_label(c->b, canonical);
}

struct year_cache *checker_year(struct checker *c, int year, bool data)
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
bool checker_unit_items(struct checker *c, struct year_cache *y, const char *unit)
{
    if (!c->b->kind->store->unit_items || y->whole ||
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
bool checker_year_writable(struct checker *c, struct year_cache *y, long line)
{
    if (!y->locked)
        return true;
    if (!y->lock_reported)
        import_error(c->probs, line, checker_label(c, "年度"),
                     "%d 年度已审定 (锁定), 不能导入; 如需修改请先解锁 (kaoping unlock --year %d "
                     "--reason ...)",
                     y->year, y->year);
    y->lock_reported = true;
    return false;
}

static const struct unit *unit_ref(struct checker *c, const struct import_row *r)
{
    const struct unit *u = c->last_unit && strcmp(c->last_unit->code, r->unit) == 0
                               ? c->last_unit
                               : checker_find_unit(c, r->unit);
    c->last_unit = u ? u : c->last_unit;
    /* A damaged code gets its own message: "import units first" would create a ghost unit. */
    if (!u && !checker_damaged_unit(c, r->line, checker_label(c, "单位编码"), r->unit))
        import_error(c->probs, r->line, checker_label(c, "单位编码"),
                     "单位「%s」不存在 (请先导入 units)", r->unit);
    return u;
}

/* ---- targets ---- */

/* The unit's pool in the row's year (units per year, docs/store.md): a unit may have moved
 * since; the newest entry when the year is not loaded or does not hold the unit yet. */
const char *checker_pool_in_year(const struct year_cache *y, const struct unit *u)
{
    long i = y->loaded ? year_data_find_unit(&y->yd, u->code) : -1;
    return i >= 0 ? y->yd.units[i].pool : u->pool;
}

/* ---- items ---- */

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

const struct target_item *checker_item(struct year_cache *y, const char *unit, const char *item)
{
    const struct year_data *yd = &y->yd;
    if (y->last_item < yd->n_items) {
        const struct target_item *it = &yd->items[y->last_item];
        if (strcmp(it->code, item) == 0 && strcmp(yd->units[it->unit_index].code, unit) == 0)
            return it;
    }
    const struct target_item *it = checker_find_item(yd, unit, item);
    if (it)
        y->last_item = (size_t)(it - yd->items);
    return it;
}

/* ---- absent optional columns keep the database's values ---- */

bool checker_absent(const struct checker *c, const char *canonical)
{
    return !import_has_column(c->b, canonical);
}

bool checker_absent_col(const struct checker *c, size_t col)
{
    return col >= c->b->kind->n_cols || !c->b->header[col];
}

void checker_keep_text(char **dst, const char *db)
{
    free(*dst);
    *dst = db ? xstrdup(db) : NULL;
}

/* One row of a dated kind (targets, progress, ledger, appraisals, scores). False when the
 * database could not be read. */
static bool check_dated(struct checker *c, struct import_row *r)
{
    struct year_cache *y = checker_year(c, r->year, true);
    if (!y)
        return false;
    if (!checker_year_writable(c, y, r->line))
        return true;
    const struct unit *u = unit_ref(c, r);
    if (!u)
        return true;
    if (!checker_unit_items(c, y, r->unit))
        return false;
    c->b->kind->store->check_row(c, r, y, u);
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
        if (c->b->kind->store->free_cache)
            c->b->kind->store->free_cache(c->years[i].kind_cache);
    }
    free(c->years);
    store_free_units(c->units, c->n_units);
    free(c);
}

int import_check(struct store *st, struct import_batch *b, struct import_problems *probs,
                 size_t **order, bool allow_duplicates)
{
    const struct kind_store *ks = b->kind->store;
    *order = xcalloc(b->n ? b->n : 1, sizeof **order);
    for (size_t i = 0; i < b->n; i++)
        (*order)[i] = i;
    struct checker *c = import_checker_open(st, b, probs, allow_duplicates);
    if (!c)
        return STORE_ERROR;
    for (size_t i = 0; ks->check_row && i < b->n && !c->failed; i++)
        import_checker_row(c, &b->rows[i]);
    if (ks->check_all && !c->failed)
        ks->check_all(c, *order);
    int rc = c->failed ? STORE_ERROR : STORE_OK;
    import_checker_close(c);
    return rc;
}
