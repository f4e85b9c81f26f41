/* Ledger records, keyed by a 128-bit id so records from several laptops never collide. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/ledger.h"
#include "db/load_internal.h"
#include "db/store_internal.h"
#include "model/xmalloc.h"

struct ledger_row {
    int year;
    const char *unit;
    const struct ledger_entry *e;
};

static const char *opt(const char *s)
{
    return s && *s ? s : NULL;
}

static void bind_ledger(sqlite3_stmt *s, const void *ctx)
{
    const struct ledger_row *r = ctx;
    bind_text(s, 1, r->e->id);
    sqlite3_bind_int(s, 2, r->year);
    bind_text(s, 3, r->unit);
    bind_text(s, 4, r->e->date);
    bind_text(s, 5, ledger_type_token(r->e->type));
    sqlite3_bind_double(s, 6, r->e->points);
    bind_text(s, 7, opt(r->e->aspect));
    bind_text(s, 8, opt(r->e->method));
    bind_text(s, 9, r->e->reason ? r->e->reason : "");
    bind_text(s, 10, opt(r->e->inspectors));
    bind_text(s, 11, opt(r->e->evidence));
}

int store_ledger_put(struct store *st, int year, const char *unit, struct ledger_entry *e,
                     enum store_put *res)
{
    if (!e->id[0])
        store_new_id(e->id);
    struct ledger_row r = {year, unit, e};
    return store_upsert(
        st, "SELECT count(*) FROM ledger WHERE id = ?1",
        "INSERT INTO ledger(id, year, unit, date, type, points, aspect, method, reason,"
        " inspectors, evidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        " ON CONFLICT(id) DO UPDATE SET (year, unit, date, type, points, aspect,"
        " method, reason, inspectors, evidence) ="
        " (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        " WHERE (year, unit, date, type, points, aspect, method, reason, inspectors,"
        " evidence) IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        bind_ledger, &r, res, "保存加减分记录");
}

int store_ledger_delete(struct store *st, const char *id)
{
    /* A rectification raised from this record would point at nothing (kaoping check: error). */
    sqlite3_stmt *s =
        store_prepare(st, "SELECT count(*) FROM rectification WHERE source_ledger = ?1");
    if (!s)
        return STORE_ERROR;
    bind_text(s, 1, id);
    int n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
    sqlite3_finalize(s);
    if (n < 0)
        return store_fail_sqlite(st, "删除加减分记录");
    if (n > 0)
        return store_fail(st, STORE_INVALID, "加减分记录 %.8s 已登记了 %d 条整改, 不能删除", id, n);
    s = store_prepare(st, "DELETE FROM ledger WHERE id = ?1");
    if (!s)
        return STORE_ERROR;
    bind_text(s, 1, id);
    int rc = store_step_done(st, s, "删除加减分记录");
    if (rc == STORE_OK && sqlite3_changes(store_db(st)) == 0)
        return store_fail(st, STORE_NOTFOUND, "加减分记录 %s 不存在", id);
    return rc;
}

#define LEDGER_COLUMNS                                                                         \
    "SELECT id, unit, date, type, points, aspect, method, reason, inspectors, evidence"        \
    " FROM ledger"

int store_ledger_find(struct store *st, int year, const char *id, struct ledger_entry *out,
                      bool *found)
{
    sqlite3_stmt *s = store_cached(st, LEDGER_COLUMNS " WHERE id = ?1 AND year = ?2");
    if (!s)
        return STORE_ERROR;
    bind_text(s, 1, id);
    sqlite3_bind_int(s, 2, year);
    int step = sqlite3_step(s);
    *found = step == SQLITE_ROW;
    if (*found)
        load_fill_ledger(s, out, 0);
    store_cached_done(s);
    return step == SQLITE_ROW || step == SQLITE_DONE ? STORE_OK
                                                     : store_fail_sqlite(st, "读取加减分台账");
}

int store_ledger_of_day(struct store *st, int year, const char *unit, const char *date,
                        struct ledger_entry **out, size_t *n)
{
    *out = NULL, *n = 0;
    sqlite3_stmt *s = store_cached(
        st, LEDGER_COLUMNS " WHERE year = ?1 AND unit = ?2 AND date = ?3 ORDER BY id");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, unit);
    bind_text(s, 3, date);
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 4;
            *out = xreallocarray(*out, cap, sizeof **out);
        }
        load_fill_ledger(s, &(*out)[(*n)++], 0);
    }
    store_cached_done(s);
    if (step == SQLITE_DONE)
        return STORE_OK;
    for (size_t i = 0; i < *n; i++)
        ledger_entry_free(&(*out)[i]);
    free(*out);
    *out = NULL, *n = 0;
    return store_fail_sqlite(st, "读取加减分台账");
}
