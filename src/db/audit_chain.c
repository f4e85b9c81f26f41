/* The audit log's hash chain and guards (docs/store.md, "Tamper evidence"). Each row's hash is
 * the first 16 bytes of SHA-256(previous sealed row's hash || the row's fields); kaoping seals
 * a transaction's new rows (born with the placeholder AUDIT_UNSEALED) just before COMMIT, so
 * rows written by any other program stay unsealed, and an edited, deleted or inserted row
 * breaks the chain where it happened. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/store_internal.h"
#include "model/sha256.h"
#include "model/xmalloc.h"

#define AUDIT_FIELDS 8 /* id, at, operator, tbl, row_key, action, old, new */

/* hash = SHA-256(prev || each field as a NULL tag 0, or 1 + 4-byte big-endian length + bytes),
 * cut to AUDIT_HASH_LEN. The tags and lengths keep ("ab","c") and ("a","bc") apart. */
static void row_hash(const unsigned char prev[AUDIT_HASH_LEN], sqlite3_stmt *s, int first_col,
                     unsigned char out[AUDIT_HASH_LEN])
{
    struct sha256 c;
    sha256_init(&c);
    sha256_update(&c, prev, AUDIT_HASH_LEN);
    for (int i = first_col; i < first_col + AUDIT_FIELDS; i++) {
        const unsigned char *v = sqlite3_column_text(s, i);
        if (!v) {
            sha256_update(&c, "\0", 1);
            continue;
        }
        size_t n = (size_t)sqlite3_column_bytes(s, i);
        unsigned char head[5] = {1, (unsigned char)(n >> 24), (unsigned char)(n >> 16),
                                 (unsigned char)(n >> 8), (unsigned char)n};
        sha256_update(&c, head, sizeof head);
        sha256_update(&c, v, n);
    }
    unsigned char d[SHA256_LEN];
    sha256_final(&c, d);
    memcpy(out, d, AUDIT_HASH_LEN);
}

long long store_audit_mark(struct store *st)
{
    return store_query_int(st, "SELECT coalesce(max(rowid), 0) FROM audit", NULL, NULL);
}

/* The hash of the last sealed row at or before rowid `at` (zeros when there is none). */
static int chain_head_before(struct store *st, long long at, unsigned char prev[AUDIT_HASH_LEN])
{
    memset(prev, 0, AUDIT_HASH_LEN);
    sqlite3_stmt *s = store_prepare(st, "SELECT hash FROM audit WHERE rowid <= ?1 AND hash IS"
                                        " NOT NULL AND hash <> " AUDIT_UNSEALED
                                        " ORDER BY rowid DESC LIMIT 1");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int64(s, 1, at);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(s, 0) == AUDIT_HASH_LEN)
        memcpy(prev, sqlite3_column_blob(s, 0), AUDIT_HASH_LEN);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "审计日志封存");
}

int store_audit_seal(struct store *st, long long after)
{
    unsigned char prev[AUDIT_HASH_LEN], h[AUDIT_HASH_LEN];
    if (chain_head_before(st, after, prev) != STORE_OK)
        return STORE_ERROR;
    sqlite3_stmt *sel = store_prepare(st, "SELECT rowid, id, at, operator, tbl, row_key, action,"
                                          " old, new FROM audit WHERE rowid > ?1 AND (hash IS NULL"
                                          " OR hash = " AUDIT_UNSEALED ")"
                                          " ORDER BY rowid");
    sqlite3_stmt *upd = sel ? store_prepare(st, "UPDATE audit SET hash = ?2 WHERE rowid = ?1") : NULL;
    if (!upd) {
        sqlite3_finalize(sel);
        return STORE_ERROR;
    }
    sqlite3_bind_int64(sel, 1, after);
    int rc;
    while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
        row_hash(prev, sel, 1, h);
        sqlite3_bind_int64(upd, 1, sqlite3_column_int64(sel, 0));
        sqlite3_bind_blob(upd, 2, h, AUDIT_HASH_LEN, SQLITE_STATIC);
        if ((rc = sqlite3_step(upd)) != SQLITE_DONE)
            break;
        sqlite3_reset(upd);
        memcpy(prev, h, AUDIT_HASH_LEN);
    }
    int out = rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "审计日志封存");
    sqlite3_finalize(sel);
    sqlite3_finalize(upd);
    return out;
}

struct verify {
    struct store *st;
    check_report_fn report;
    void *ctx;
    struct audit_verdict *v;
    sqlite3_stmt *have; /* the stored text of the trigger named ?1 */
    char **names;       /* the triggers the schema defines */
    size_t n_names;
};

static void say(struct verify *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct verify *w, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (w->report)
        w->report(w->ctx, CHECK_ERROR, msg);
}

/* One expected trigger: present with exactly this text, or reported. */
static int expect_trigger(void *ctx, const char *name, const char *sql)
{
    struct verify *w = ctx;
    w->names = xreallocarray(w->names, w->n_names + 1, sizeof *w->names);
    w->names[w->n_names++] = xstrdup(name);
    sqlite3_stmt *s = w->have;
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return -1;
    const char *got = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
    if (!got || strcmp(got, sql) != 0) {
        say(w, "触发器 %s %s: 审计或年度锁定可能被绕过", name, got ? "被改动过" : "缺失");
        w->v->bad_triggers++;
    }
    sqlite3_reset(s);
    return 0;
}

static bool is_expected(const struct verify *w, const char *name)
{
    for (size_t i = 0; i < w->n_names; i++)
        if (strcmp(w->names[i], name) == 0)
            return true;
    return false;
}

/* Every trigger the schema defines is there with its exact text, and no other trigger is
 * (another program's trigger could rewrite data behind the audit). */
static int check_triggers(struct verify *w)
{
    w->have = store_prepare(w->st, "SELECT sql FROM sqlite_schema WHERE type = 'trigger'"
                                   " AND name = ?1");
    sqlite3_stmt *all = w->have ? store_prepare(w->st, "SELECT name FROM sqlite_schema WHERE"
                                                       " type = 'trigger' ORDER BY name")
                                : NULL;
    int rc = all ? schema_each_trigger(w->st, expect_trigger, w) : -1;
    while (rc == 0 && (rc = sqlite3_step(all)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(all, 0);
        if (!is_expected(w, name)) {
            say(w, "多出不属于 kaoping 的触发器 %s: 它可能在审计之外改写数据", name);
            w->v->bad_triggers++;
        }
        rc = 0;
    }
    int out = rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(w->st, "检查触发器");
    sqlite3_finalize(w->have);
    sqlite3_finalize(all);
    for (size_t i = 0; i < w->n_names; i++)
        free(w->names[i]);
    free(w->names);
    return out;
}

/* "第 N 条" and the row's time, table and key, for a message. */
static void describe(sqlite3_stmt *s, long long pos, char *out, size_t outsz)
{
    const char *at = (const char *)sqlite3_column_text(s, 1);
    const char *tbl = (const char *)sqlite3_column_text(s, 3);
    const char *key = (const char *)sqlite3_column_text(s, 4);
    snprintf(out, outsz, "第 %lld 条 (%s, 表 %s, 主键 %.60s)", pos, at ? at : "?",
             tbl ? tbl : "?", key ? key : "?");
}

/* NULL (a row from before the column, or another program's) or the placeholder. */
static bool is_unsealed(sqlite3_stmt *s, int col)
{
    static const unsigned char zero[AUDIT_HASH_LEN];
    if (sqlite3_column_type(s, col) == SQLITE_NULL)
        return true;
    const void *v = sqlite3_column_blob(s, col);
    return sqlite3_column_bytes(s, col) == AUDIT_HASH_LEN && memcmp(v, zero, AUDIT_HASH_LEN) == 0;
}

/* Walks the log in rowid order, recomputing each sealed row's hash from the one before. */
static int check_chain(struct verify *w)
{
    struct audit_verdict *v = w->v;
    sqlite3_stmt *s = store_prepare(w->st, "SELECT id, at, operator, tbl, row_key, action, old,"
                                           " new, hash FROM audit ORDER BY rowid");
    if (!s)
        return STORE_ERROR;
    unsigned char prev[AUDIT_HASH_LEN] = {0}, h[AUDIT_HASH_LEN];
    char where[256];
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long pos = ++v->rows;
        const void *stored = sqlite3_column_blob(s, 8);
        if (is_unsealed(s, 8)) {
            if (v->unsealed++ == 0) {
                describe(s, pos, where, sizeof where);
                say(w, "审计日志%s 未封存: 不是 kaoping 写入的", where);
            }
            continue;
        }
        row_hash(prev, s, 0, h);
        if (sqlite3_column_bytes(s, 8) != AUDIT_HASH_LEN || memcmp(stored, h, AUDIT_HASH_LEN)) {
            if (v->broken++ == 0) {
                describe(s, pos, where, sizeof where);
                say(w, "审计日志%s 断链: 这一条被改动过, 或它之前的记录被删除、插入或改动", where);
            }
        }
        /* Go on from the stored value: one edit is one break, not a break on every later row. */
        size_t n = (size_t)sqlite3_column_bytes(s, 8);
        memset(prev, 0, AUDIT_HASH_LEN);
        if (stored && n)
            memcpy(prev, stored, n < AUDIT_HASH_LEN ? n : AUDIT_HASH_LEN);
        memcpy(v->head, prev, AUDIT_HASH_LEN);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail_sqlite(w->st, "校验审计日志");
    if (v->unsealed > 1 || v->broken > 1)
        say(w, "审计日志共 %lld 条, 其中 %lld 条断链, %lld 条未封存", v->rows, v->broken,
            v->unsealed);
    return STORE_OK;
}

int store_audit_verify(struct store *st, check_report_fn report, void *ctx,
                       struct audit_verdict *out)
{
    struct audit_verdict local;
    struct audit_verdict *v = out ? out : &local;
    memset(v, 0, sizeof *v);
    struct verify w = {.st = st, .report = report, .ctx = ctx, .v = v};
    if (check_triggers(&w) != STORE_OK || check_chain(&w) != STORE_OK)
        return STORE_ERROR;
    long long n = v->bad_triggers + (v->broken > 0) + (v->unsealed > 0) +
                  (v->unsealed > 1 || v->broken > 1);
    return (int)n;
}
