/* Streamed reads of one table of a year (db/load_scan.h): one statement kept open between
 * pieces, so the rows come from a single index walk in key order. */
#include "db/load_scan.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "db/load.h"
#include "db/load_internal.h"
#include "db/store_internal.h"
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
};

static const char *const scan_sql[] = {
    [SCAN_TARGETS] = "SELECT unit, item, category, name, points, method, target_value, measure,"
                     " budget, sched1, sched2, sched3, sched4 FROM target WHERE year = ?1"
                     " ORDER BY unit, item",
    [SCAN_PROGRESS] = "SELECT unit, item, quarter, actual, spent, score, note, deviation, action,"
                      " decision, decision_on, corrected"
                      " FROM progress WHERE year = ?1 ORDER BY unit, item, quarter",
    [SCAN_LEDGER] = "SELECT id, unit, date, type, points, aspect, method, reason, inspectors,"
                    " evidence FROM ledger WHERE year = ?1 ORDER BY unit, date, id",
};

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
    if (sc->kind == SCAN_LEDGER) {
        load_fill_ledger(sc->s, &yd->ledger[yd->n_ledger++], unit);
        return;
    }
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

int store_scan_next(struct store_scan *sc)
{
    struct year_data *yd = sc->yd;
    bool ledger = sc->kind == SCAN_LEDGER;
    if (ledger)
        load_free_ledger(yd), yd->ledger = xreallocarray(NULL, sc->piece, sizeof *yd->ledger);
    else
        load_free_items(yd), yd->items = xreallocarray(NULL, sc->piece, sizeof *yd->items);
    int step = SQLITE_ROW;
    while (!sc->done && (ledger ? yd->n_ledger : yd->n_items) < sc->piece &&
           (step = sqlite3_step(sc->s)) == SQLITE_ROW) {
        long u = row_unit(sc);
        if (u >= 0)
            take_row(sc, (size_t)u);
    }
    if (step != SQLITE_ROW)
        sc->done = true;
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return store_fail_sqlite(sc->st, "读取年度数据");
    return (ledger ? yd->n_ledger : yd->n_items) > 0 ? 1 : 0;
}

void store_scan_close(struct store_scan *sc)
{
    if (!sc)
        return;
    if (sc->kind == SCAN_LEDGER)
        load_free_ledger(sc->yd);
    else
        load_free_items(sc->yd);
    sqlite3_finalize(sc->s);
    free(sc);
}
