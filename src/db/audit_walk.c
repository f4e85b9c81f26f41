/* Walking the audit log's chain (audit_walk.h): each header after a number, in order, with
 * the hash its fields and rows give after the chain so far. */
#include <stdlib.h>
#include <string.h>

#include "db/audit_walk.h"
#include "model/xmalloc.h"

int audit_chain_head(struct store *st, long long at, unsigned char prev[AUDIT_HASH_LEN])
{
    memset(prev, 0, AUDIT_HASH_LEN);
    sqlite3_stmt *s = store_prepare(st, "SELECT hash FROM audit_tx WHERE n <= ?1 AND hash IS"
                                        " NOT NULL AND hash <> " AUDIT_UNSEALED
                                        " ORDER BY n DESC LIMIT 1");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int64(s, 1, at);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(s, 0) == AUDIT_HASH_LEN)
        memcpy(prev, sqlite3_column_blob(s, 0), AUDIT_HASH_LEN);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "审计日志封存");
}

struct walk {
    struct audit_shapes shapes;
    struct sha256 sha;
    long long *used;
    size_t nused;
    struct audit_seen t;
    char *id, *at, *op, *tbl, *key;
    unsigned char stored[AUDIT_HASH_LEN];
    unsigned char prev[AUDIT_HASH_LEN];
    long long pos;
};

static void header_begin(struct walk *w, sqlite3_stmt *s)
{
    static const unsigned char zero[AUDIT_HASH_LEN];
    free(w->id), free(w->at), free(w->op), free(w->tbl), free(w->key);
    w->id = column_strdup(s, 1), w->at = column_strdup(s, 2), w->op = column_strdup(s, 3);
    w->tbl = w->key = NULL;
    memset(&w->t, 0, sizeof w->t);
    w->t.n = sqlite3_column_int64(s, 0);
    w->t.at = w->at;
    w->t.stored_null = sqlite3_column_type(s, 4) == SQLITE_NULL;
    w->t.stored_len = sqlite3_column_bytes(s, 4);
    memset(w->stored, 0, AUDIT_HASH_LEN);
    if (w->t.stored_len > 0)
        memcpy(w->stored, sqlite3_column_blob(s, 4),
               w->t.stored_len < AUDIT_HASH_LEN ? (size_t)w->t.stored_len : AUDIT_HASH_LEN);
    w->t.stored = w->stored;
    w->t.unsealed = w->t.stored_null ||
                    (w->t.stored_len == AUDIT_HASH_LEN && memcmp(w->stored, zero, AUDIT_HASH_LEN) == 0);
    w->t.first_pos = w->pos + 1;
    w->nused = 0;
    audit_hash_start(&w->sha, w->prev, w->id, w->at, w->op);
}

/* Finishes the current header and lets fn say where the chain goes on from. */
static void header_end(struct walk *w, audit_walk_fn fn, void *ctx)
{
    audit_hash_finish(&w->sha, &w->shapes, w->used, w->nused, w->t.computed);
    w->t.tbl = w->tbl, w->t.row_key = w->key;
    const unsigned char *next = fn(ctx, &w->t);
    if (next)
        memmove(w->prev, next, AUDIT_HASH_LEN);
}

int audit_walk(struct store *st, long long after, audit_walk_fn fn, void *ctx)
{
    struct walk w = {0};
    if (audit_chain_head(st, after, w.prev) != STORE_OK || audit_shapes_load(st, &w.shapes) != STORE_OK)
        return STORE_ERROR;
    sqlite3_stmt *s = store_prepare(
        st, "SELECT t.n, t.id, t.at, t.operator, t.hash, c.tbl, c.row_key, c.action, c.shape,"
            " c.old, c.new, c.unit, c.rowid, " AUDIT_TBL " FROM audit_tx t LEFT JOIN audit_change c ON c.tx = t.n"
            " WHERE t.n > ?1 ORDER BY t.n, c.rowid");
    int rc = s ? SQLITE_OK : SQLITE_ERROR;
    bool open = false;
    if (s)
        sqlite3_bind_int64(s, 1, after);
    while (s && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (!open || sqlite3_column_int64(s, 0) != w.t.n) {
            if (open)
                header_end(&w, fn, ctx);
            header_begin(&w, s);
            open = true;
        }
        if (sqlite3_column_type(s, 12) == SQLITE_NULL)
            continue; /* a header without rows */
        if (w.t.rows++ == 0)
            w.tbl = column_strdup(s, 13), w.key = column_strdup(s, 6);
        w.pos++;
        audit_hash_row(&w.sha, s, 5, &w.used, &w.nused);
    }
    if (open && rc == SQLITE_DONE)
        header_end(&w, fn, ctx);
    sqlite3_finalize(s);
    free(w.id), free(w.at), free(w.op), free(w.tbl), free(w.key), free(w.used);
    audit_shapes_free(&w.shapes);
    return rc == SQLITE_DONE ? STORE_OK : s ? store_fail_sqlite(st, "审计日志") : STORE_ERROR;
}
