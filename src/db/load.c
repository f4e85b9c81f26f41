/* Reading a whole year in a few ordered scans (the ranking path: keep it lean). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/load.h"

#include "db/approvals.h"
#include "db/load_internal.h"
#include "db/sources.h"
#include "db/store_internal.h"
#include "db/years.h"
#include "model/xmalloc.h"

long year_data_find_unit(const struct year_data *yd, const char *code)
{
    size_t lo = 0, hi = yd->n_units;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(yd->units[mid].code, code);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static int load_units(struct store *st, struct year_data *yd)
{
    /* COLLATE BINARY order matches strcmp, which the binary search relies on. */
    /* The year's own names and pools (units per year, docs/store.md); the leader is the
     * unit's. */
    sqlite3_stmt *s = store_prepare(st, "SELECT u.code, u.name, u.pool, u.parent, r.leader,"
                                        " a.score, a.satisfaction FROM unit_year u"
                                        " JOIN unit r ON r.code = u.code LEFT JOIN appraisal a"
                                        " ON a.unit = u.code AND a.year = u.year"
                                        " WHERE u.year = ?1 ORDER BY u.code");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, yd->year);
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (yd->n_units == cap) {
            cap = cap ? 2 * cap : 64;
            yd->units = xreallocarray(yd->units, cap, sizeof *yd->units);
        }
        struct unit *u = &yd->units[yd->n_units++];
        memset(u, 0, sizeof *u);
        u->code = column_strdup(s, 0);
        u->name = column_strdup(s, 1);
        u->pool = column_strdup(s, 2);
        u->parent = column_strdup(s, 3);
        u->leader = column_strdup(s, 4);
        u->has_appraisal = sqlite3_column_type(s, 5) != SQLITE_NULL;
        u->appraisal = sqlite3_column_double(s, 5);
        u->has_satisfaction = sqlite3_column_type(s, 6) != SQLITE_NULL;
        u->satisfaction = sqlite3_column_double(s, 6);
    }
    /* A scan that stops on an error (a damaged page, I/O) must not pass for complete. */
    int status = step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取单位");
    sqlite3_finalize(s);
    return status;
}

void load_fill_item(sqlite3_stmt *s, struct target_item *it, size_t unit_index)
{
    memset(it, 0, sizeof *it);
    it->unit_index = unit_index;
    it->code = column_strdup(s, 1);
    it->category = column_strdup(s, 2);
    it->name = column_strdup(s, 3);
    it->points = sqlite3_column_double(s, 4);
    method_parse((const char *)sqlite3_column_text(s, 5), &it->method);
    it->target = sqlite3_column_double(s, 6);
    it->measure = column_strdup(s, 7);
    it->budget = sqlite3_column_double(s, 8);
    for (int q = 0; q < KP_QUARTERS; q++)
        it->schedule[q] = sqlite3_column_double(s, 9 + q);
}

void load_fill_quarter(sqlite3_stmt *s, int col, struct target_item *it)
{
    if (sqlite3_column_type(s, col) == SQLITE_NULL)
        return;
    int q = sqlite3_column_int(s, col);
    if (q < 1 || q > KP_QUARTERS)
        return;
    struct quarter_progress *p = &it->q[q - 1];
    p->present = true;
    p->no_actual = sqlite3_column_type(s, col + 1) == SQLITE_NULL;
    p->actual = sqlite3_column_double(s, col + 1);
    p->has_spent = sqlite3_column_type(s, col + 2) != SQLITE_NULL;
    p->spent = sqlite3_column_double(s, col + 2);
    p->has_score = sqlite3_column_type(s, col + 3) != SQLITE_NULL;
    p->score = sqlite3_column_double(s, col + 3);
    p->note = column_strdup(s, col + 4);
    p->deviation = column_strdup(s, col + 5);
    p->action = column_strdup(s, col + 6);
    decision_parse((const char *)sqlite3_column_text(s, col + 7), &p->decision);
    if (sqlite3_column_type(s, col + 8) != SQLITE_NULL)
        snprintf(p->decision_on, sizeof p->decision_on, "%s", sqlite3_column_text(s, col + 8));
    p->corrected = sqlite3_column_int(s, col + 9) != 0;
}

/* One scan of targets LEFT JOIN progress in primary-key order: no sort needed. */
/* unit == NULL: every unit's items; else only that unit's (the same order either way). */
static int load_items(struct store *st, struct year_data *yd, const char *unit_filter)
{
    /* Two texts rather than `?2 IS NULL OR unit = ?2`, which would hide the index on unit. */
#define ITEMS_SQL(filter)                                                                      \
    "SELECT t.unit, t.item, t.category, t.name, t.points, t.method, t.target_value, t.measure," \
    " t.budget, t.sched1, t.sched2, t.sched3, t.sched4, p.quarter, p.actual, p.spent, p.score,"  \
    " p.note, p.deviation, p.action, p.decision, p.decision_on, p.corrected FROM target t"      \
    " LEFT JOIN progress p ON p.year = t.year"                                                  \
    " AND p.unit = t.unit AND p.item = t.item WHERE t.year = ?1" filter                         \
    " ORDER BY t.unit, t.item, p.quarter"
    /* Cached: an import's checks load one unit after another (2,000 on the province), and
     * preparing this join for each was 2 % of a re-import's instructions (bench/README.md). */
    sqlite3_stmt *s = store_cached(st, unit_filter ? ITEMS_SQL(" AND t.unit = ?2") : ITEMS_SQL(""));
#undef ITEMS_SQL
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, yd->year);
    if (unit_filter)
        bind_text(s, 2, unit_filter);
    size_t cap = 0;
    long unit_index = -1;
    const char *last_unit = "", *last_item = "";
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *unit = (const char *)sqlite3_column_text(s, 0);
        const char *item = (const char *)sqlite3_column_text(s, 1);
        bool same_unit = yd->n_items > 0 && strcmp(unit, last_unit) == 0;
        if (!same_unit)
            unit_index = year_data_find_unit(yd, unit);
        if (unit_index < 0)
            continue; /* cannot happen with foreign keys on */
        if (!same_unit || strcmp(item, last_item) != 0) {
            if (yd->n_items == cap) {
                cap = cap ? 2 * cap : 256;
                yd->items = xreallocarray(yd->items, cap, sizeof *yd->items);
            }
            load_fill_item(s, &yd->items[yd->n_items++], (size_t)unit_index);
        }
        struct target_item *it = &yd->items[yd->n_items - 1];
        load_fill_quarter(s, 13, it);
        last_unit = yd->units[unit_index].code;
        last_item = it->code;
    }
    /* A scan that stops on an error (a damaged page, I/O) must not pass for complete. */
    int status = step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取任务书和进度");
    store_cached_done(s);
    return status;
}

/* The column's text into out (size > 0), cut to size - 1 bytes; "" for NULL. For the fixed
 * fields of rows read by the thousand (ids, dates): snprintf's "%s" cost 6 % of a ledger
 * export. */
static void column_copy(sqlite3_stmt *s, int i, char *out, size_t size)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    size_t n = t ? (size_t)sqlite3_column_bytes(s, i) : 0;
    if (n >= size)
        n = size - 1;
    if (n)
        memcpy(out, t, n);
    out[n] = '\0';
}

void load_fill_ledger(sqlite3_stmt *s, struct ledger_entry *e, size_t unit_index)
{
    memset(e, 0, sizeof *e);
    column_copy(s, 0, e->id, sizeof e->id);
    e->unit_index = unit_index;
    column_copy(s, 2, e->date, sizeof e->date);
    ledger_type_parse((const char *)sqlite3_column_text(s, 3), &e->type);
    e->points = sqlite3_column_double(s, 4);
    e->aspect = column_strdup(s, 5);
    e->method = column_strdup(s, 6);
    e->reason = column_strdup(s, 7);
    e->inspectors = column_strdup(s, 8);
    e->evidence = column_strdup(s, 9);
}

static int load_ledger(struct store *st, struct year_data *yd, const char *unit_filter)
{
#define LEDGER_SQL(filter)                                                                     \
    "SELECT id, unit, date, type, points, aspect, method, reason, inspectors, evidence"         \
    " FROM ledger WHERE year = ?1" filter " ORDER BY unit, date, id"
    sqlite3_stmt *s = store_prepare(st, unit_filter ? LEDGER_SQL(" AND unit = ?2") : LEDGER_SQL(""));
#undef LEDGER_SQL
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, yd->year);
    if (unit_filter)
        bind_text(s, 2, unit_filter);
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long ui = year_data_find_unit(yd, (const char *)sqlite3_column_text(s, 1));
        if (ui < 0)
            continue;
        if (yd->n_ledger == cap) {
            cap = cap ? 2 * cap : 64;
            yd->ledger = xreallocarray(yd->ledger, cap, sizeof *yd->ledger);
        }
        load_fill_ledger(s, &yd->ledger[yd->n_ledger++], (size_t)ui);
    }
    /* A scan that stops on an error (a damaged page, I/O) must not pass for complete. */
    int status = step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取加减分台账");
    sqlite3_finalize(s);
    return status;
}

int store_load_year_header(struct store *st, int year, struct year_data *yd)
{
    memset(yd, 0, sizeof *yd);
    yd->year = year;
    int rc = store_year_locked(st, year, &yd->locked);
    if (rc == STORE_OK)
        rc = store_scheme_get(st, year, &yd->scheme);
    if (rc == STORE_OK)
        rc = store_categories(st, year, &yd->categories, &yd->n_categories);
    if (rc == STORE_OK)
        rc = load_units(st, yd);
    if (rc == STORE_OK)
        rc = store_sources_get(st, year, &yd->sources, &yd->n_sources);
    if (rc == STORE_OK)
        rc = store_scores_load(st, yd);
    if (rc != STORE_OK)
        year_data_free(yd);
    return rc;
}

/* The adjustments of the loaded items (all units', or one unit's) and their in-force terms. */
static int load_in_force(struct store *st, struct year_data *yd, const char *unit_filter)
{
    int rc = store_load_adjustments(st, yd, unit_filter);
    if (rc != STORE_OK || yd->n_adjustments == 0)
        return rc;
    yd->terms = xreallocarray(NULL, (size_t)KP_QUARTERS * yd->n_items, sizeof *yd->terms);
    adjust_attach(yd->items, yd->n_items, yd->adjustments, yd->n_adjustments, yd->terms);
    return STORE_OK;
}

int store_load_year(struct store *st, int year, struct year_data *yd)
{
    int rc = store_load_year_header(st, year, yd);
    if (rc != STORE_OK)
        return rc;
    rc = load_items(st, yd, NULL);
    if (rc == STORE_OK)
        rc = load_in_force(st, yd, NULL);
    if (rc == STORE_OK)
        rc = load_ledger(st, yd, NULL);
    if (rc != STORE_OK)
        year_data_free(yd);
    return rc;
}

void load_free_items(struct year_data *yd)
{
    for (size_t i = 0; i < yd->n_items; i++) {
        struct target_item *it = &yd->items[i];
        free(it->code), free(it->category), free(it->name), free(it->measure);
        for (int q = 0; q < KP_QUARTERS; q++)
            free(it->q[q].note), free(it->q[q].deviation), free(it->q[q].action);
    }
    free(yd->items);
    yd->items = NULL, yd->n_items = 0;
}

void load_free_ledger(struct year_data *yd)
{
    year_data_drop_ledger(yd);
}

int store_load_unit_items(struct store *st, const char *code, struct year_data *yd)
{
    load_free_items(yd);
    return load_items(st, yd, code);
}

int store_load_unit_detail(struct store *st, const char *code, struct year_data *yd)
{
    yd->items = NULL, yd->n_items = 0;
    yd->ledger = NULL, yd->n_ledger = 0;
    yd->adjustments = NULL, yd->n_adjustments = 0, yd->terms = NULL;
    int rc = load_items(st, yd, code);
    if (rc == STORE_OK)
        rc = load_in_force(st, yd, code);
    if (rc == STORE_OK)
        rc = load_ledger(st, yd, code);
    return rc;
}
