/* Recording a write's changes and taking them back (changes.h): a session on the domain
 * tables, inverted when recording ends, applied with a conflict handler that refuses every
 * conflict, so that nothing anyone did meanwhile is overwritten. */
#include <stdlib.h>
#include <string.h>

#include "db/changes.h"
#include "db/store_internal.h"
#include "model/xmalloc.h"

struct store_recorder {
    struct store *st;
    sqlite3_session *ses;
};

struct store_changes {
    void *cs; /* the inverted changeset (sqlite3_malloc'd) */
    int n;
};

/* The domain tables: not the audit log (audit_tx, audit_change, audit_shape: it only grows),
 * not the field bookkeeping. */
static int recorded(void *ctx, const char *table)
{
    (void)ctx;
    return strncmp(table, "audit", 5) != 0 && strncmp(table, "field_", 6) != 0 &&
           strncmp(table, "sqlite_", 7) != 0;
}

struct store_recorder *store_record_begin(struct store *st)
{
    sqlite3_session *ses = NULL;
    if (sqlite3session_create(store_db(st), "main", &ses) != SQLITE_OK) {
        store_fail_sqlite(st, "记录改动");
        return NULL;
    }
    sqlite3session_table_filter(ses, recorded, NULL);
    if (sqlite3session_attach(ses, NULL) != SQLITE_OK) {
        sqlite3session_delete(ses);
        store_fail_sqlite(st, "记录改动");
        return NULL;
    }
    struct store_recorder *rec = xmalloc(sizeof *rec);
    rec->st = st;
    rec->ses = ses;
    return rec;
}

static long count_deletes(const void *cs, int n)
{
    sqlite3_changeset_iter *it = NULL;
    long deleted = 0;
    if (sqlite3changeset_start(&it, n, (void *)cs) != SQLITE_OK)
        return 0;
    while (sqlite3changeset_next(it) == SQLITE_ROW) {
        const char *table;
        int cols, op, indirect;
        if (sqlite3changeset_op(it, &table, &cols, &op, &indirect) == SQLITE_OK &&
            op == SQLITE_DELETE)
            deleted++;
    }
    sqlite3changeset_finalize(it);
    return deleted;
}

struct store_changes *store_record_end(struct store_recorder *rec, long *deleted)
{
    void *cs = NULL, *inv = NULL;
    int n = 0, n_inv = 0;
    *deleted = 0;
    if (sqlite3session_changeset(rec->ses, &n, &cs) == SQLITE_OK && n > 0) {
        *deleted = count_deletes(cs, n);
        if (sqlite3changeset_invert(n, cs, &n_inv, &inv) != SQLITE_OK)
            n_inv = 0;
    }
    sqlite3_free(cs);
    sqlite3session_delete(rec->ses);
    free(rec);
    if (n_inv == 0) {
        sqlite3_free(inv);
        *deleted = 0;
        return NULL;
    }
    struct store_changes *c = xmalloc(sizeof *c);
    c->cs = inv;
    c->n = n_inv;
    return c;
}

/* Why the revert stopped: the first conflict met. */
struct revert_ctx {
    sqlite3 *db;
    int conflict; /* SQLITE_CHANGESET_* or 0 */
    bool locked;  /* the year-lock trigger refused (it reports as a constraint) */
};

/* Whether the change's row belongs to a locked year (the lock trigger's refusal reaches the
 * conflict handler only as a constraint, without its message). */
static bool in_locked_year(sqlite3 *db, sqlite3_changeset_iter *it)
{
    const char *table;
    int n_cols, op, indirect;
    if (sqlite3changeset_op(it, &table, &n_cols, &op, &indirect) != SQLITE_OK)
        return false;
    sqlite3_stmt *s = NULL;
    sqlite3_prepare_v2(db, "SELECT cid FROM pragma_table_info(?1) WHERE name = 'year'", -1, &s,
                       NULL);
    sqlite3_bind_text(s, 1, table, -1, SQLITE_TRANSIENT);
    int col = s && sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
    sqlite3_finalize(s);
    sqlite3_value *v = NULL;
    if (col < 0 || col >= n_cols ||
        (op == SQLITE_INSERT ? sqlite3changeset_new(it, col, &v)
                             : sqlite3changeset_old(it, col, &v)) != SQLITE_OK ||
        !v)
        return false;
    sqlite3_prepare_v2(db, "SELECT locked FROM year WHERE year = ?1", -1, &s, NULL);
    sqlite3_bind_value(s, 1, v);
    bool locked = s && sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 1;
    sqlite3_finalize(s);
    return locked;
}

static int on_conflict(void *ctx, int type, sqlite3_changeset_iter *it)
{
    struct revert_ctx *r = ctx;
    if (!r->conflict) {
        r->conflict = type;
        r->locked = type == SQLITE_CHANGESET_CONSTRAINT && in_locked_year(r->db, it);
    }
    return SQLITE_CHANGESET_ABORT;
}

static const char *conflict_text(int type)
{
    switch (type) {
    case SQLITE_CHANGESET_CONFLICT:
        return "删除的记录已重新录入";
    case SQLITE_CHANGESET_DATA:
        return "这些记录之后又被修改过";
    case SQLITE_CHANGESET_NOTFOUND:
        return "这些记录之后已被删除";
    case SQLITE_CHANGESET_FOREIGN_KEY:
        return "引用的单位、年度或指标已不存在";
    default:
        return "数据不符合约束";
    }
}

int store_changes_revert(struct store *st, const struct store_changes *c)
{
    struct revert_ctx r = {.db = store_db(st)};
    int rc = sqlite3changeset_apply(store_db(st), c->n, c->cs, NULL, on_conflict, &r);
    if (rc == SQLITE_OK)
        return STORE_OK;
    if (r.locked)
        return store_fail(st, STORE_INVALID, "不能撤销: 该年度已审定 (锁定), 如需撤销请先解锁");
    if (r.conflict)
        return store_fail(st, STORE_INVALID, "不能撤销: %s", conflict_text(r.conflict));
    return store_fail_sqlite(st, "不能撤销");
}

void store_changes_free(struct store_changes *c)
{
    if (!c)
        return;
    sqlite3_free(c->cs);
    free(c);
}
