/* The unit pickers' counts of one unit (db/load_counts.h): the unit's target rows through the
 * primary key, the quarter's progress rows through progress_checkpoint, the ledger through
 * ledger_unit; each statement is prepared once and kept (store_cached), as the picker asks
 * for one unit after another while the operator pages. */
#include "db/load_counts.h"

#include <string.h>

#include "db/store_internal.h"

static int count_items(struct store *st, int year, const char *code, struct unit_counts *out)
{
    sqlite3_stmt *s =
        store_cached(st, "SELECT points FROM target WHERE year = ?1 AND unit = ?2 ORDER BY item");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, code);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        out->items++;
        out->points += sqlite3_column_double(s, 0);
    }
    store_cached_done(s);
    return step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取任务书");
}

/* Progress rows always belong to an item (a foreign key), so the quarter's rows of the unit
 * are its reported items. */
static int count_reported(struct store *st, int year, const char *code, int quarter,
                          struct unit_counts *out)
{
    sqlite3_stmt *s = store_cached(st, "SELECT count(*) FROM progress WHERE year = ?1"
                                       " AND quarter = ?2 AND unit = ?3");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    sqlite3_bind_int(s, 2, quarter);
    bind_text(s, 3, code);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW)
        out->reported = (size_t)sqlite3_column_int64(s, 0);
    store_cached_done(s);
    return step == SQLITE_ROW ? STORE_OK : store_fail_sqlite(st, "读取进度");
}

static int sum_ledger(struct store *st, int year, const char *code, struct unit_counts *out)
{
    sqlite3_stmt *s = store_cached(st, "SELECT type, points FROM ledger WHERE year = ?1"
                                       " AND unit = ?2 ORDER BY date, id");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, code);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        enum kp_ledger_type t;
        if (!ledger_type_parse((const char *)sqlite3_column_text(s, 0), &t))
            continue; /* the table's CHECK allows no other type */
        out->n_ledger[t]++;
        out->ledger_points[t] += sqlite3_column_double(s, 1);
    }
    store_cached_done(s);
    return step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取加减分台账");
}

int store_unit_counts(struct store *st, int year, const char *code, int quarter, bool ledger,
                      struct unit_counts *out)
{
    memset(out, 0, sizeof *out);
    int rc = count_items(st, year, code, out);
    if (rc == STORE_OK && quarter >= 1 && quarter <= KP_QUARTERS)
        rc = count_reported(st, year, code, quarter, out);
    if (rc == STORE_OK && ledger)
        rc = sum_ledger(st, year, code, out);
    return rc;
}

int store_quarter_complete(struct store *st, int year, int quarter, bool *all)
{
    *all = true;
    sqlite3_stmt *s = store_prepare(
        st, "SELECT EXISTS (SELECT 1 FROM target t WHERE t.year = ?1 AND NOT EXISTS (SELECT 1"
            " FROM progress p WHERE p.year = t.year AND p.unit = t.unit AND p.item = t.item"
            " AND p.quarter = ?2))");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    sqlite3_bind_int(s, 2, quarter);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW)
        *all = sqlite3_column_int(s, 0) == 0;
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? STORE_OK : store_fail_sqlite(st, "读取进度");
}
