/* Writes of one row through the statement cache: a single-row query, and the upsert that tells
 * inserted from updated from unchanged (store_internal.h); the binding and column helpers and
 * new ids every writer uses. */
#include <stdio.h>

#include "db/store_internal.h"
#include "model/xmalloc.h"

void bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

void bind_double_opt(sqlite3_stmt *s, int i, bool present, double v)
{
    if (present)
        sqlite3_bind_double(s, i, v);
    else
        sqlite3_bind_null(s, i);
}

char *column_strdup(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? xstrdup((const char *)t) : NULL;
}

void store_new_id(char out[KP_ID_LEN + 1])
{
    unsigned char raw[16];
    sqlite3_randomness(sizeof raw, raw);
    for (int i = 0; i < 16; i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
}

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
