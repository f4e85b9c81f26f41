/* Streamed reads of one table of a year (db/load_scan.h): one statement kept open between
 * pieces, so the rows come from a single index walk in key order. */
#include "db/load_scan.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/load.h"
#include "db/load_internal.h"
#include "db/store_internal.h"
#include "db/years.h"
#include "model/xmalloc.h"

/* Rows per piece: big enough that the per-piece work is noise, small enough to be a few
 * hundred KB at most (ledger texts). */
#define SCAN_PIECE 512

struct store_scan {
    struct store *st;
    struct year_data *yd;
    enum store_scan_kind kind;
    sqlite3_stmt *s;
    long unit; /* the last row's unit index, tried first (rows come grouped by unit) */
    bool done; /* stepped to the end: another step would start the statement over */
    size_t piece;
    struct ledger_entry pending; /* the ledger: the next piece's first record, read ahead */
    bool has_pending;
};

/* The year's appraisals into yd->units (codes already loaded): both come in code order, so
 * one walk of each, merged, instead of a probe into appraisal for every unit. */
static int load_appraisals(struct store *st, struct year_data *yd)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT unit, score, satisfaction FROM appraisal"
                                        " WHERE year = ?1 ORDER BY unit");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, yd->year);
    size_t i = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(s, 0);
        while (code && i < yd->n_units && strcmp(yd->units[i].code, code) < 0)
            i++;
        if (!code || i == yd->n_units || strcmp(yd->units[i].code, code) != 0)
            continue; /* not a unit of the year: store_load_year_header skips it too */
        struct unit *u = &yd->units[i++];
        u->has_appraisal = true;
        u->appraisal = sqlite3_column_double(s, 1);
        u->has_satisfaction = sqlite3_column_type(s, 2) != SQLITE_NULL;
        u->satisfaction = sqlite3_column_double(s, 2);
    }
    int rc = step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取公众评议");
    sqlite3_finalize(s);
    return rc;
}

int store_load_year_codes(struct store *st, int year, bool appraisals, struct year_data *yd)
{
    memset(yd, 0, sizeof *yd);
    yd->year = year;
    int rc = store_year_locked(st, year, &yd->locked);
    if (rc != STORE_OK)
        return rc;
    /* One covering walk of unit_year's key; its codes reference unit (a foreign key every
     * connection enforces), so store_load_year_header's join with unit drops nothing.
     * COLLATE BINARY order matches year_data_find_unit's strcmp. */
    sqlite3_stmt *s = store_prepare(st, "SELECT code FROM unit_year WHERE year = ?1 ORDER BY code");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
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
    }
    rc = step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取单位");
    sqlite3_finalize(s);
    if (rc == STORE_OK && appraisals)
        rc = load_appraisals(st, yd);
    if (rc != STORE_OK)
        year_data_free(yd);
    return rc;
}

static const char *const scan_sql[] = {
    [SCAN_TARGETS] = "SELECT unit, item, category, name, points, method, target_value, measure,"
                     " budget, sched1, sched2, sched3, sched4 FROM target WHERE year = ?1"
                     " ORDER BY unit, item",
    [SCAN_PROGRESS] = "SELECT unit, item, quarter, actual, spent, score, note, deviation, action,"
                      " decision, decision_on, corrected"
                      " FROM progress WHERE year = ?1 ORDER BY unit, item, quarter",
    /* By (unit, date) as the index ledger_unit has them; the ids of a day are put in order
     * here (sort_days): SQLite's sorter for "ORDER BY unit, date, id" ran once for every
     * (unit, date), nearly one per record, and was a tenth of the export. */
    [SCAN_LEDGER] = "SELECT id, unit, date, type, points, aspect, method, reason, inspectors,"
                    " evidence FROM ledger WHERE year = ?1 ORDER BY unit, date",
};

int store_scan_count(struct store *st, int year, enum store_scan_kind k, size_t *rows)
{
    static const char *const table[] = {
        [SCAN_TARGETS] = "target", [SCAN_PROGRESS] = "progress", [SCAN_LEDGER] = "ledger"};
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE year = ?1 AND unit IN"
                              " (SELECT code FROM unit_year WHERE year = ?1)", table[k]);
    *rows = 0;
    sqlite3_stmt *s = store_prepare(st, sql);
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    int rc = sqlite3_step(s) == SQLITE_ROW ? STORE_OK : store_fail_sqlite(st, "统计行数");
    if (rc == STORE_OK)
        *rows = (size_t)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rc;
}

struct store_scan *store_scan_open(struct store *st, struct year_data *yd, enum store_scan_kind k,
                                   size_t piece)
{
    sqlite3_stmt *s = store_prepare(st, scan_sql[k]);
    if (!s)
        return NULL;
    sqlite3_bind_int(s, 1, yd->year);
    struct store_scan *sc = xcalloc(1, sizeof *sc);
    *sc = (struct store_scan){.st = st, .yd = yd, .kind = k, .s = s, .unit = -1,
                              .piece = piece ? piece : SCAN_PIECE};
    return sc;
}

/* The row's unit index (the ledger has its unit in column 1), or -1 for a unit not in yd. */
static long row_unit(struct store_scan *sc)
{
    const char *code = (const char *)sqlite3_column_text(sc->s, sc->kind == SCAN_LEDGER ? 1 : 0);
    if (!code)
        return -1;
    if (sc->unit >= 0 && strcmp(sc->yd->units[sc->unit].code, code) == 0)
        return sc->unit;
    long u = year_data_find_unit(sc->yd, code);
    if (u >= 0)
        sc->unit = u;
    return u;
}

/* Adds the row to the piece: a new item, or (progress) another quarter of the last one. */
static void take_row(struct store_scan *sc, size_t unit)
{
    struct year_data *yd = sc->yd;
    if (sc->kind == SCAN_TARGETS) {
        load_fill_item(sc->s, &yd->items[yd->n_items++], unit);
        return;
    }
    const char *code = (const char *)sqlite3_column_text(sc->s, 1);
    struct target_item *last = yd->n_items ? &yd->items[yd->n_items - 1] : NULL;
    if (!last || last->unit_index != unit || strcmp(last->code, code ? code : "") != 0) {
        last = &yd->items[yd->n_items++];
        memset(last, 0, sizeof *last);
        last->unit_index = unit;
        last->code = xstrdup(code ? code : "");
    }
    load_fill_quarter(sc->s, 2, last);
}

static bool same_day(const struct ledger_entry *a, const struct ledger_entry *b)
{
    return a->unit_index == b->unit_index && strcmp(a->date, b->date) == 0;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const struct ledger_entry *)a)->id, ((const struct ledger_entry *)b)->id);
}

/* Each run of one unit's day in id order (strcmp: the column's BINARY collation). */
static void sort_days(struct ledger_entry *l, size_t n)
{
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && same_day(&l[j], &l[i]); j++)
            ;
        if (j - i > 1)
            qsort(l + i, j - i, sizeof *l, by_id);
    }
}

/* The scan's status after its loop stopped at step. */
static int scan_status(struct store_scan *sc, int step, size_t n)
{
    if (step != SQLITE_ROW)
        sc->done = true;
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return store_fail_sqlite(sc->st, "读取年度数据");
    return n > 0 ? 1 : 0;
}

/* A piece of the ledger ends between two days, so that a day is sorted whole: it holds more
 * than sc->piece records when a day straddles the piece's end. */
static int next_ledger(struct store_scan *sc)
{
    struct year_data *yd = sc->yd;
    size_t cap = sc->piece + 1;
    load_free_ledger(yd);
    yd->ledger = xreallocarray(NULL, cap, sizeof *yd->ledger);
    if (sc->has_pending)
        yd->ledger[yd->n_ledger++] = sc->pending, sc->has_pending = false;
    int step = SQLITE_ROW;
    while (!sc->done && (step = sqlite3_step(sc->s)) == SQLITE_ROW) {
        long u = row_unit(sc);
        if (u < 0)
            continue;
        if (yd->n_ledger == cap)
            yd->ledger = xreallocarray(yd->ledger, cap *= 2, sizeof *yd->ledger);
        struct ledger_entry *e = &yd->ledger[yd->n_ledger];
        load_fill_ledger(sc->s, e, (size_t)u);
        if (yd->n_ledger >= sc->piece && !same_day(e, e - 1)) {
            sc->pending = *e, sc->has_pending = true;
            break;
        }
        yd->n_ledger++;
    }
    sort_days(yd->ledger, yd->n_ledger);
    return scan_status(sc, step, yd->n_ledger);
}

int store_scan_next(struct store_scan *sc)
{
    if (sc->kind == SCAN_LEDGER)
        return next_ledger(sc);
    struct year_data *yd = sc->yd;
    load_free_items(yd), yd->items = xreallocarray(NULL, sc->piece, sizeof *yd->items);
    int step = SQLITE_ROW;
    while (!sc->done && yd->n_items < sc->piece && (step = sqlite3_step(sc->s)) == SQLITE_ROW) {
        long u = row_unit(sc);
        if (u >= 0)
            take_row(sc, (size_t)u);
    }
    return scan_status(sc, step, yd->n_items);
}

void store_scan_close(struct store_scan *sc)
{
    if (!sc)
        return;
    if (sc->kind == SCAN_LEDGER)
        load_free_ledger(sc->yd);
    else
        load_free_items(sc->yd);
    struct ledger_entry *p = &sc->pending;
    if (sc->has_pending)
        free(p->aspect), free(p->method), free(p->reason), free(p->inspectors), free(p->evidence);
    sqlite3_finalize(sc->s);
    free(sc);
}
