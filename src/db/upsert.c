/* Writes of one row through the statement cache: a single-row query, and the upsert that tells
 * inserted from updated from unchanged (store_internal.h). */
#include "db/store_internal.h"

long long store_query_int(struct store *st, const char *sql, store_binder bind, const void *ctx)
{
    sqlite3_stmt *s = store_cached(st, sql);
    if (!s)
        return -1;
    if (bind)
        bind(s, ctx);
    long long v = -1;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    else if (rc != SQLITE_DONE)
        store_fail_sqlite(st, "查询");
    store_cached_done(s);
    return v;
}

int store_upsert(struct store *st, const char *exists_sql, const char *upsert_sql,
                 store_binder bind, const void *ctx, enum store_put *res, const char *what)
{
    long long existed = store_query_int(st, exists_sql, bind, ctx);
    if (existed < 0)
        return STORE_ERROR;
    return store_upsert_known(st, existed > 0, upsert_sql, bind, ctx, res, what);
}

int store_upsert_known(struct store *st, bool existed, const char *upsert_sql, store_binder bind,
                       const void *ctx, enum store_put *res, const char *what)
{
    sqlite3_stmt *s = store_cached(st, upsert_sql);
    if (!s)
        return STORE_ERROR;
    bind(s, ctx);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE) {
        int out = store_fail_sqlite(st, what);
        store_cached_done(s);
        return out;
    }
    store_cached_done(s);
    bool changed = sqlite3_changes(store_db(st)) > 0;
    if (res)
        *res = !existed ? PUT_INSERTED : changed ? PUT_UPDATED : PUT_UNCHANGED;
    return store_wrote(st, changed);
}
