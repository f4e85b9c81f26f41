/* Verifying the audit log (docs/store.md, "Tamper evidence"): every trigger the schema
 * defines is there with its exact text and no other is, and the chain of headers recomputes
 * from their fields and rows. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit_walk.h"
#include "model/xmalloc.h"

struct verify {
    struct store *st;
    check_report_fn report;
    void *ctx;
    struct audit_verdict *v;
    char where[256];
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

/* "第 N 条" (the header's first row) and its time, table and key, for a message. */
static void describe(struct verify *w, const struct audit_seen *t)
{
    snprintf(w->where, sizeof w->where, "第 %lld 条 (%s, 表 %s, 主键 %.60s)", t->first_pos,
             t->at ? t->at : "?", t->tbl ? t->tbl : "?", t->row_key ? t->row_key : "?");
}

/* audit_walk_fn: an unsealed header counts its rows as unsealed; a sealed one must match. */
static const unsigned char *check_one(void *ctx, const struct audit_seen *t)
{
    struct verify *w = ctx;
    struct audit_verdict *v = w->v;
    v->rows += t->rows;
    if (t->unsealed) {
        if (v->unsealed == 0) {
            describe(w, t);
            say(w, "审计日志%s 未封存: 不是 kaoping 写入的", w->where);
        }
        v->unsealed += t->rows ? t->rows : 1;
        return NULL;
    }
    if (t->stored_len != AUDIT_HASH_LEN || memcmp(t->stored, t->computed, AUDIT_HASH_LEN)) {
        if (v->broken++ == 0) {
            describe(w, t);
            say(w, "审计日志%s 断链: 这一条被改动过, 或它之前的记录被删除、插入或改动", w->where);
        }
    }
    /* Go on from the stored value: one edit is one break, not a break on every later one. */
    memcpy(v->head, t->stored, AUDIT_HASH_LEN);
    return t->stored;
}

/* Rows whose header is missing (written by another program, or their header deleted). */
static int check_orphans(struct verify *w)
{
    sqlite3_stmt *s = store_prepare(
        w->st, "SELECT o.k, o.r, f.tbl, f.row_key, (SELECT count(*) FROM audit_change WHERE"
               " rowid <= o.r) FROM (SELECT count(*) AS k, min(c.rowid) AS r FROM audit_change c"
               " WHERE NOT EXISTS (SELECT 1 FROM audit_tx t WHERE t.n = c.tx)) o"
               " LEFT JOIN audit_change f ON f.rowid = o.r");
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    long long n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    if (n > 0) {
        w->v->rows += n;
        if (w->v->unsealed == 0) {
            const char *tbl = (const char *)sqlite3_column_text(s, 2);
            const char *key = (const char *)sqlite3_column_text(s, 3);
            say(w, "审计日志第 %lld 条 (?, 表 %s, 主键 %.60s) 未封存: 不是 kaoping 写入的",
                sqlite3_column_int64(s, 4), tbl ? tbl : "?", key ? key : "?");
        }
        w->v->unsealed += n;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? STORE_OK : store_fail_sqlite(w->st, "校验审计日志");
}

int store_audit_verify(struct store *st, check_report_fn report, void *ctx,
                       struct audit_verdict *out)
{
    struct audit_verdict local;
    struct audit_verdict *v = out ? out : &local;
    memset(v, 0, sizeof *v);
    struct verify w = {.st = st, .report = report, .ctx = ctx, .v = v};
    if (check_triggers(&w) != STORE_OK || audit_walk(st, 0, check_one, &w) != STORE_OK ||
        check_orphans(&w) != STORE_OK)
        return STORE_ERROR;
    if (v->unsealed > 1 || v->broken > 1)
        say(&w, "审计日志共 %lld 条, 其中 %lld 条断链, %lld 条未封存", v->rows, v->broken,
            v->unsealed);
    long long n = v->bad_triggers + (v->broken > 0) + (v->unsealed > 0) +
                  (v->unsealed > 1 || v->broken > 1);
    return (int)n;
}
