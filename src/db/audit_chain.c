/* The audit log's hash chain (docs/store.md, "Tamper evidence"). A write transaction's header
 * (audit_tx) holds the first 16 bytes of SHA-256(previous sealed header's hash || its id, time
 * and operator || each of its rows in rowid order || the shapes those rows use). kaoping
 * writes the header, sealed, just before COMMIT, hashing its rows as they are written; rows
 * any other program writes have no sealed header, and an edited, deleted or inserted row or
 * header breaks the chain where it happened. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/audit_walk.h"
#include "db/store_internal.h"
#include "model/xmalloc.h"

void audit_hash_text(struct sha256 *c, const void *v, size_t n)
{
    if (!v) {
        sha256_update(c, "\0", 1);
        return;
    }
    unsigned char head[5] = {1, (unsigned char)(n >> 24), (unsigned char)(n >> 16),
                             (unsigned char)(n >> 8), (unsigned char)n};
    sha256_update(c, head, sizeof head);
    sha256_update(c, v, n);
}

void audit_hash_start(struct sha256 *c, const unsigned char prev[AUDIT_HASH_LEN], const char *id,
                      const char *at, const char *op)
{
    sha256_init(c);
    sha256_update(c, prev, AUDIT_HASH_LEN);
    audit_hash_text(c, id, id ? strlen(id) : 0);
    audit_hash_text(c, at, at ? strlen(at) : 0);
    audit_hash_text(c, op, op ? strlen(op) : 0);
}

/* Adds a shape id to the ascending set. */
static void add_shape(long long **set, size_t *n, long long id)
{
    size_t i = 0;
    while (i < *n && (*set)[i] < id)
        i++;
    if (i < *n && (*set)[i] == id)
        return;
    *set = xreallocarray(*set, *n + 1, sizeof **set);
    memmove(*set + i + 1, *set + i, (*n - i) * sizeof **set);
    (*set)[i] = id;
    (*n)++;
}

/* One row: columns first..first+6 are tbl, row_key, action, shape, old, new, unit. */
void audit_hash_row(struct sha256 *c, sqlite3_stmt *s, int first, long long **shapes, size_t *n)
{
    for (int i = first; i < first + AUDIT_ROW_FIELDS; i++)
        audit_hash_text(c, sqlite3_column_text(s, i), (size_t)sqlite3_column_bytes(s, i));
    if (sqlite3_column_type(s, first + 3) != SQLITE_NULL)
        add_shape(shapes, n, sqlite3_column_int64(s, first + 3));
}

int audit_shapes_load(struct store *st, struct audit_shapes *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_prepare(st, "SELECT id, tbl, cols FROM audit_shape ORDER BY id");
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
        struct audit_shape *sh = &out->v[out->n++];
        sh->id = sqlite3_column_int64(s, 0);
        sh->tbl = column_strdup(s, 1);
        sh->cols = column_strdup(s, 2);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取审计日志");
}

void audit_shapes_free(struct audit_shapes *sh)
{
    for (size_t i = 0; i < sh->n; i++)
        free(sh->v[i].tbl), free(sh->v[i].cols);
    free(sh->v);
    memset(sh, 0, sizeof *sh);
}

/* The shapes used, each as its id, table and column names (a renamed column changes every
 * row shown through the view, so it breaks the chain too). */
void audit_hash_finish(struct sha256 *c, const struct audit_shapes *all, const long long *used,
                       size_t n, unsigned char out[AUDIT_HASH_LEN])
{
    for (size_t i = 0; i < n; i++) {
        char id[24];
        int len = snprintf(id, sizeof id, "%lld", used[i]);
        const struct audit_shape *sh = NULL;
        for (size_t k = 0; k < all->n && !sh; k++)
            if (all->v[k].id == used[i])
                sh = &all->v[k];
        audit_hash_text(c, id, (size_t)len);
        audit_hash_text(c, sh ? sh->tbl : NULL, sh && sh->tbl ? strlen(sh->tbl) : 0);
        audit_hash_text(c, sh ? sh->cols : NULL, sh && sh->cols ? strlen(sh->cols) : 0);
    }
    unsigned char d[SHA256_LEN];
    sha256_final(c, d);
    memcpy(out, d, AUDIT_HASH_LEN);
}

/* The header of writes made outside a transaction of ours (raw SQL on kaoping's connection,
 * one statement at a time): one unsealed header, made at the first such row and used until
 * the next transaction, so those rows keep their time and operator and verify reports them
 * as unsealed (nothing seals them). */
static long long outside_header(struct store *st, struct audit_open *a)
{
    if (a->outside > 0) {
        sqlite3_stmt *s = store_prepare(st, "SELECT 1 FROM audit_tx WHERE n = ?1 AND n = (SELECT"
                                            " max(n) FROM audit_tx) AND n >= coalesce((SELECT"
                                            " max(tx) FROM audit_change), 0)");
        if (!s)
            return -1;
        sqlite3_bind_int64(s, 1, a->outside);
        bool still = sqlite3_step(s) == SQLITE_ROW;
        sqlite3_finalize(s);
        if (still)
            return a->outside;
    }
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO audit_tx(n, id, at, operator, hash) VALUES (max(coalesce((SELECT max(n)"
            " FROM audit_tx), 0), coalesce((SELECT max(tx) FROM audit_change), 0)) + 1,"
            " printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))"
            " || lower(hex(randomblob(10))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?1, NULL)");
    if (!s)
        return -1;
    bind_text(s, 1, store_operator(st));
    if (store_step_done(st, s, "审计日志") != STORE_OK)
        return -1;
    return a->outside = sqlite3_last_insert_rowid(store_db(st));
}

/* kp_tx(): the open write transaction's audit header number, which the audit triggers give
 * each row (docs/store.md, "The audit log"). */
void store_audit_sql_tx(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc, (void)argv;
    struct store *st = sqlite3_user_data(ctx);
    struct audit_open *a = store_audit_state(st);
    long long n = a->active ? a->n : outside_header(st, a);
    if (n < 0)
        sqlite3_result_error(ctx, store_errmsg(st), -1);
    else
        sqlite3_result_int64(ctx, n);
}

int store_audit_open(struct store *st)
{
    struct audit_open *a = store_audit_state(st);
    store_audit_close(st);
    sqlite3_stmt *s = store_prepare(
        st, "SELECT max(coalesce((SELECT max(n) FROM audit_tx), 0),"
            " coalesce((SELECT max(tx) FROM audit_change), 0)) + 1,"
            " printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))"
            " || lower(hex(randomblob(10))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        a->n = sqlite3_column_int64(s, 0);
        snprintf(a->id, sizeof a->id, "%s", (const char *)sqlite3_column_text(s, 1));
        snprintf(a->at, sizeof a->at, "%s", (const char *)sqlite3_column_text(s, 2));
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return store_fail_sqlite(st, "开始事务");
    unsigned char prev[AUDIT_HASH_LEN];
    if (audit_chain_head(st, a->n, prev) != STORE_OK)
        return STORE_ERROR;
    a->operator_name = xstrdup(store_operator(st));
    audit_hash_start(&a->sha, prev, a->id, a->at, a->operator_name);
    a->active = true;
    return STORE_OK;
}

void store_audit_close(struct store *st)
{
    struct audit_open *a = store_audit_state(st);
    free(a->operator_name);
    free(a->shapes);
    memset(a, 0, sizeof *a);
    /* a->outside is forgotten too: a transaction's rows come after that header. */
}

int store_audit_feed(struct store *st)
{
    struct audit_open *a = store_audit_state(st);
    if (!a->active)
        return STORE_OK;
    sqlite3_stmt *s = store_prepare(st, "SELECT rowid, tbl, row_key, action, shape, old, new,"
                                        " unit FROM audit_change WHERE tx = ?1 AND rowid > ?2"
                                        " ORDER BY rowid");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int64(s, 1, a->n);
    sqlite3_bind_int64(s, 2, a->fed);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        audit_hash_row(&a->sha, s, 1, &a->shapes, &a->nshapes);
        a->fed = sqlite3_column_int64(s, 0);
        a->rows++;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "审计日志封存");
}

/* Writes the open header, sealed, when the transaction wrote any row. */
static int write_header(struct store *st, struct audit_open *a)
{
    struct audit_shapes all;
    if (audit_shapes_load(st, &all) != STORE_OK)
        return STORE_ERROR;
    unsigned char h[AUDIT_HASH_LEN];
    audit_hash_finish(&a->sha, &all, a->shapes, a->nshapes, h);
    audit_shapes_free(&all);
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO audit_tx(n, id, at, operator, hash)"
                                        " VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int64(s, 1, a->n);
    bind_text(s, 2, a->id);
    bind_text(s, 3, a->at);
    bind_text(s, 4, a->operator_name);
    sqlite3_bind_blob(s, 5, h, AUDIT_HASH_LEN, SQLITE_TRANSIENT);
    return store_step_done(st, s, "审计日志封存");
}

int store_audit_seal(struct store *st)
{
    struct audit_open *a = store_audit_state(st);
    if (!a->active)
        return STORE_OK;
    int rc = store_audit_feed(st);
    if (rc == STORE_OK && a->rows > 0)
        rc = write_header(st, a);
    if (rc == STORE_OK)
        rc = store_audit_seal_from(st, a->n);
    store_audit_close(st);
    return rc;
}

const char *store_audit_tx_id(struct store *st)
{
    struct audit_open *a = store_audit_state(st);
    return a->active ? a->id : NULL;
}

/* audit_walk_fn for the seal: placeholders are sealed (collected, written after the walk),
 * NULL (another program's header) is left as it is, a sealed one is followed. */
struct sealing {
    long long *n;
    unsigned char (*hash)[AUDIT_HASH_LEN];
    size_t count;
};

static const unsigned char *seal_one(void *ctx, const struct audit_seen *t)
{
    struct sealing *z = ctx;
    if (t->stored_null)
        return NULL;
    if (!t->unsealed)
        return t->stored;
    z->n = xreallocarray(z->n, z->count + 1, sizeof *z->n);
    z->hash = xreallocarray(z->hash, z->count + 1, sizeof *z->hash);
    z->n[z->count] = t->n;
    memcpy(z->hash[z->count++], t->computed, AUDIT_HASH_LEN);
    return t->computed;
}

int store_audit_seal_from(struct store *st, long long after)
{
    struct sealing z = {0};
    int rc = audit_walk(st, after, seal_one, &z);
    sqlite3_stmt *upd = rc == STORE_OK && z.count
                            ? store_prepare(st, "UPDATE audit_tx SET hash = ?2 WHERE n = ?1")
                            : NULL;
    if (rc == STORE_OK && z.count && !upd)
        rc = STORE_ERROR;
    for (size_t i = 0; rc == STORE_OK && i < z.count; i++) {
        sqlite3_bind_int64(upd, 1, z.n[i]);
        sqlite3_bind_blob(upd, 2, z.hash[i], AUDIT_HASH_LEN, SQLITE_STATIC);
        if (sqlite3_step(upd) != SQLITE_DONE)
            rc = store_fail_sqlite(st, "审计日志封存");
        sqlite3_reset(upd);
    }
    sqlite3_finalize(upd);
    free(z.n);
    free(z.hash);
    return rc;
}
