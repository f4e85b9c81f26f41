/* Schema v13: the audit log as one header per write transaction and one compact row per
 * change (docs/store.md, "The audit log"; bench/README.md, "The compact audit"). Every row of
 * the one-table log becomes a one-row transaction with its own id, time and operator, so
 * nothing it recorded is lost; the chain is sealed again over the new layout, and a row the
 * old chain reported (unsealed, or broken) is still reported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/audit_walk.h"
#include "db/store_internal.h"
#include "model/xmalloc.h"

static const char schema_v13[] =
    "CREATE TABLE audit_shape ("
    "  id INTEGER PRIMARY KEY,"
    "  tbl TEXT NOT NULL,"
    "  cols TEXT NOT NULL," /* JSON array of column names */
    "  UNIQUE (tbl, cols));"
    "CREATE TABLE audit_tx ("
    "  n INTEGER PRIMARY KEY," /* the chain's order; what audit_change.tx names */
    "  id TEXT NOT NULL UNIQUE," /* 32 hex digits, unique across every copy of the file */
    "  at TEXT NOT NULL, operator TEXT NOT NULL,"
    "  hash BLOB DEFAULT " AUDIT_UNSEALED ");"
    "CREATE TABLE audit_change ("
    "  id INTEGER PRIMARY KEY," /* the rowid: the chain's order within a header */
    "  tx INTEGER NOT NULL,"
    "  tbl TEXT CHECK (tbl IS NOT NULL OR shape IS NOT NULL)," /* NULL: the shape's */
    "  row_key TEXT NOT NULL,"
    "  action TEXT NOT NULL CHECK (action = 'insert' OR action = 'update' OR action = 'delete'),"
    "  shape INTEGER, old TEXT, new TEXT,"
    "  unit TEXT);";

/* After the rows are in: the indexes, and the view with the one-table log's columns. */
static const char schema_v13_view[] =
    "CREATE INDEX audit_change_tx ON audit_change(tx);"
    "CREATE INDEX audit_change_unit ON audit_change(unit) WHERE unit IS NOT NULL;"
    "CREATE INDEX audit_tx_at ON audit_tx(at);"
    "CREATE VIEW audit AS SELECT c.rowid AS rowid, t.id AS id, t.at AS at,"
    "  t.operator AS operator, " AUDIT_TBL " AS tbl, c.row_key AS row_key, c.action AS action, "
    AUDIT_VALUES("old") " AS old, " AUDIT_VALUES("new") " AS new, t.hash AS hash, c.unit AS unit"
    "  FROM audit_change c LEFT JOIN audit_tx t ON t.n = c.tx;";

/* The keys of a JSON object as a JSON array; its values as one; an array back as an object. */
#define KEYS(x) "(SELECT json_group_array(key) FROM json_each(" x "))"
#define ARR(x) "iif(" x " IS NULL, NULL, (SELECT json_group_array(value) FROM json_each(" x ")))"
#define REBUILD(arr, cols)                                                                         \
    "(SELECT json_group_object(k.value, json_extract(" arr ", '$[' || k.key || ']')) FROM"        \
    " json_each(" cols ") k)"
#define IS_OBJECT(x) "CASE WHEN json_valid(" x ") THEN json_type(" x ") = 'object' ELSE 0 END"

/* The rows, in their order, each as its own transaction (tx = its old rowid); then the
 * compaction, only where the object comes back byte for byte from the array. */
static const char copy_rows[] =
    "INSERT INTO audit_change(rowid, tx, tbl, row_key, action, shape, old, new, unit)"
    "  SELECT rowid, rowid, tbl, row_key, action, NULL, old, new, "
    AUDIT_UNIT_OF("tbl", "row_key", "old", "new") " FROM audit ORDER BY rowid;"
    "INSERT OR IGNORE INTO audit_shape(tbl, cols) SELECT DISTINCT tbl, " KEYS("coalesce(new, old)")
    "  FROM audit_change WHERE " IS_OBJECT("coalesce(new, old)") ";"
    "UPDATE audit_change SET shape = v.shape, tbl = NULL, old = v.ao, new = v.an FROM (SELECT c.rowid AS r,"
    "  s.id AS shape, s.cols AS k, c.old AS o, c.new AS w, " ARR("c.old") " AS ao, "
    ARR("c.new") " AS an FROM audit_change c JOIN audit_shape s ON s.tbl = c.tbl AND s.cols = "
    KEYS("coalesce(c.new, c.old)") " WHERE (c.old IS NULL OR " IS_OBJECT("c.old") ") AND"
    "  (c.new IS NULL OR " IS_OBJECT("c.new") ")) AS v"
    " WHERE audit_change.rowid = v.r AND (v.o IS NULL OR " REBUILD("v.ao", "v.k") " IS v.o)"
    "  AND (v.w IS NULL OR " REBUILD("v.an", "v.k") " IS v.w);";

struct migration {
    struct store *st;
    char *err;
    size_t errsz;
};

static int exec_or_say(struct migration *m, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(store_db(m->st), sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        snprintf(m->err, m->errsz, "数据库结构升级失败: %s", msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    return rc == SQLITE_OK ? 0 : -1;
}

/* The one-table log's row hash (v5..v12): SHA-256(prev || id, at, operator, tbl, row_key,
 * action, old, new), cut to AUDIT_HASH_LEN; columns from first_col. */
static void v12_row_hash(const unsigned char prev[AUDIT_HASH_LEN], sqlite3_stmt *s, int first_col,
                         unsigned char out[AUDIT_HASH_LEN])
{
    struct sha256 c;
    sha256_init(&c);
    sha256_update(&c, prev, AUDIT_HASH_LEN);
    for (int i = first_col; i < first_col + 8; i++)
        audit_hash_text(&c, sqlite3_column_text(s, i), (size_t)sqlite3_column_bytes(s, i));
    unsigned char d[SHA256_LEN];
    sha256_final(&c, d);
    memcpy(out, d, AUDIT_HASH_LEN);
}

static bool v12_unsealed(sqlite3_stmt *s, int col)
{
    static const unsigned char zero[AUDIT_HASH_LEN];
    return sqlite3_column_type(s, col) == SQLITE_NULL ||
           (sqlite3_column_bytes(s, col) == AUDIT_HASH_LEN &&
            memcmp(sqlite3_column_blob(s, col), zero, AUDIT_HASH_LEN) == 0);
}

int store_audit_seal_v12(struct store *st)
{
    unsigned char prev[AUDIT_HASH_LEN] = {0}, h[AUDIT_HASH_LEN];
    sqlite3_stmt *sel = store_prepare(st, "SELECT rowid, id, at, operator, tbl, row_key, action,"
                                          " old, new, hash FROM audit ORDER BY rowid");
    sqlite3_stmt *upd = sel ? store_prepare(st, "UPDATE audit SET hash = ?2 WHERE rowid = ?1") : NULL;
    int rc = upd ? SQLITE_OK : SQLITE_ERROR;
    while (upd && (rc = sqlite3_step(sel)) == SQLITE_ROW) {
        if (!v12_unsealed(sel, 9)) {
            memset(prev, 0, AUDIT_HASH_LEN);
            memcpy(prev, sqlite3_column_blob(sel, 9),
                   sqlite3_column_bytes(sel, 9) < AUDIT_HASH_LEN ? (size_t)sqlite3_column_bytes(sel, 9)
                                                                 : AUDIT_HASH_LEN);
            continue;
        }
        v12_row_hash(prev, sel, 1, h);
        sqlite3_bind_int64(upd, 1, sqlite3_column_int64(sel, 0));
        sqlite3_bind_blob(upd, 2, h, AUDIT_HASH_LEN, SQLITE_STATIC);
        if ((rc = sqlite3_step(upd)) != SQLITE_DONE)
            break;
        sqlite3_reset(upd);
        memcpy(prev, h, AUDIT_HASH_LEN);
    }
    sqlite3_finalize(sel);
    sqlite3_finalize(upd);
    return rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "审计日志封存");
}

/* One header per old row. Its hash says what the old chain said of the row: the placeholder
 * when it followed (sealed again below), NULL when it was unsealed, the old stored value when
 * it broke the chain (so verify still reports that break, once). */
static int copy_headers(struct migration *m)
{
    struct store *st = m->st;
    sqlite3_stmt *sel = store_prepare(st, "SELECT rowid, id, at, operator, tbl, row_key, action,"
                                          " old, new, hash FROM audit ORDER BY rowid");
    sqlite3_stmt *ins = sel ? store_prepare(st, "INSERT INTO audit_tx(n, id, at, operator, hash)"
                                                " VALUES (?1, ?2, ?3, ?4, ?5)")
                            : NULL;
    unsigned char prev[AUDIT_HASH_LEN] = {0}, h[AUDIT_HASH_LEN];
    static const unsigned char zero[AUDIT_HASH_LEN];
    int rc = ins ? SQLITE_OK : SQLITE_ERROR;
    while (ins && (rc = sqlite3_step(sel)) == SQLITE_ROW) {
        sqlite3_bind_int64(ins, 1, sqlite3_column_int64(sel, 0));
        for (int i = 1; i <= 3; i++)
            sqlite3_bind_value(ins, i + 1, sqlite3_column_value(sel, i));
        if (v12_unsealed(sel, 9)) {
            sqlite3_bind_null(ins, 5);
        } else {
            v12_row_hash(prev, sel, 1, h);
            const void *stored = sqlite3_column_blob(sel, 9);
            int n = sqlite3_column_bytes(sel, 9);
            bool follows = n == AUDIT_HASH_LEN && memcmp(stored, h, AUDIT_HASH_LEN) == 0;
            if (follows)
                sqlite3_bind_blob(ins, 5, zero, AUDIT_HASH_LEN, SQLITE_STATIC);
            else
                sqlite3_bind_value(ins, 5, sqlite3_column_value(sel, 9));
            memset(prev, 0, AUDIT_HASH_LEN);
            memcpy(prev, stored, n < AUDIT_HASH_LEN ? (size_t)n : AUDIT_HASH_LEN);
        }
        if ((rc = sqlite3_step(ins)) != SQLITE_DONE)
            break;
        sqlite3_reset(ins);
    }
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    if (rc == SQLITE_DONE)
        return 0;
    snprintf(m->err, m->errsz, "数据库结构升级失败: %s", sqlite3_errmsg(store_db(st)));
    return -1;
}

/* schema_trigger_fn: drops every audit trigger (they write to the old table). */
static int drop_audit_trigger(void *ctx, const char *name, const char *sql)
{
    (void)sql;
    if (strncmp(name, "audit_", 6) != 0)
        return 0;
    char *drop = xasprintf("DROP TRIGGER IF EXISTS \"%s\"", name);
    int rc = exec_or_say(ctx, drop);
    free(drop);
    return rc;
}

/* schema_trigger_fn: the audit triggers of the tables, made with the current text. */
static int create_table_audit_trigger(void *ctx, const char *name, const char *sql)
{
    if (strncmp(name, "audit_", 6) != 0 || !strstr(sql, "INSERT INTO audit_change(") ||
        strstr(sql, "INSTEAD OF"))
        return 0;
    return exec_or_say(ctx, sql);
}

int store_audit_migrate_v13(struct store *st, char *err, size_t errsz)
{
    struct migration m = {st, err, errsz};
    if (schema_each_trigger(st, drop_audit_trigger, &m) != 0 || exec_or_say(&m, schema_v13) != 0)
        return -1;
    /* Today's columns first: their shapes are the ones new rows use. */
    if (schema_audit_shapes_record(st) != STORE_OK) {
        snprintf(err, errsz, "数据库结构升级失败: %s", store_errmsg(st));
        return -1;
    }
    if (exec_or_say(&m, copy_rows) != 0 || copy_headers(&m) != 0)
        return -1;
    if (exec_or_say(&m, "DROP TABLE audit") != 0 || exec_or_say(&m, schema_v13_view) != 0)
        return -1;
    if (store_audit_seal_from(st, 0) != STORE_OK) {
        snprintf(err, errsz, "数据库结构升级失败: %s", store_errmsg(st));
        return -1;
    }
    if (schema_audit_guards_create(st, err, errsz) != 0)
        return -1;
    return schema_each_trigger(st, create_table_audit_trigger, &m);
}
