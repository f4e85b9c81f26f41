/* The audit log's trigger and guard texts (docs/store.md, "The audit log", "Tamper
 * evidence"), generated from each audited table's current columns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/schema_internal.h"
#include "model/xmalloc.h"

/* Appends s to the growing buffer. */
static void append(char **buf, size_t *len, const char *s)
{
    size_t n = strlen(s);
    *buf = xrealloc(*buf, *len + n + 1);
    memcpy(*buf + *len, s, n + 1);
    *len += n;
}

/* Replaces '$' by prefix in expr. */
static char *with_prefix(const char *expr, const char *prefix)
{
    char *out = NULL;
    size_t len = 0;
    for (const char *p = expr; *p; p++) {
        char one[2] = {*p, 0};
        append(&out, &len, *p == '$' ? prefix : one);
    }
    return out;
}

/* json_array(P.col, ...) over the table's current columns; *has_unit: one is named unit. */
static char *values_of_row(sqlite3 *db, const char *table, const char *prefix, bool *has_unit)
{
    char *sql = xasprintf("SELECT name FROM pragma_table_info('%s') ORDER BY cid", table);
    sqlite3_stmt *s;
    char *out = xstrdup("json_array(");
    size_t len = strlen(out);
    *has_unit = false;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
        bool first = true;
        while (sqlite3_step(s) == SQLITE_ROW) {
            const char *col = (const char *)sqlite3_column_text(s, 0);
            char *part = xasprintf("%s%s.\"%s\"", first ? "" : ", ", prefix, col);
            append(&out, &len, part);
            free(part);
            *has_unit |= strcmp(col, "unit") == 0;
            first = false;
        }
        sqlite3_finalize(s);
    }
    free(sql);
    append(&out, &len, ")");
    return out;
}

/* The table's current column names as a JSON array (what audit_shape.cols holds). */
char *schema_cols_of(sqlite3 *db, const char *table)
{
    sqlite3_stmt *s;
    char *out = NULL;
    if (sqlite3_prepare_v2(db, "SELECT json_group_array(name) FROM (SELECT name FROM"
                               " pragma_table_info(?1) ORDER BY cid)", -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW)
            out = column_strdup(s, 0);
        sqlite3_finalize(s);
    }
    return out ? out : xstrdup("[]");
}

long long schema_audit_shape(sqlite3 *db, const char *table, const char *cols_json)
{
    sqlite3_stmt *s;
    long long id = -1;
    if (sqlite3_prepare_v2(db, "SELECT id FROM audit_shape WHERE tbl = ?1 AND cols = ?2", -1, &s,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, cols_json, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW)
            id = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    return id;
}

#define AUDIT_APPEND_ONLY " BEGIN SELECT RAISE(ABORT, 'KP_AUDIT_APPEND_ONLY'); END"
/* The audit log's guards (v13, docs/store.md "Tamper evidence"): rows, headers and shapes
 * are never edited or deleted; a header's hash is written once, by the seal before COMMIT. A
 * row another program adds through the view `audit` becomes a header of its own without a
 * hash (unsealed, so verify reports it). */
static const struct {
    const char *name, *sql;
} audit_guards[] = {
    {"audit_no_update", "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_change" AUDIT_APPEND_ONLY},
    {"audit_no_delete", "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_change" AUDIT_APPEND_ONLY},
    {"audit_tx_no_update", "CREATE TRIGGER audit_tx_no_update BEFORE UPDATE OF n, id, at,"
                           " operator ON audit_tx" AUDIT_APPEND_ONLY},
    {"audit_tx_no_delete", "CREATE TRIGGER audit_tx_no_delete BEFORE DELETE ON audit_tx" AUDIT_APPEND_ONLY},
    {"audit_seal_once", "CREATE TRIGGER audit_seal_once BEFORE UPDATE OF hash ON audit_tx"
                        " WHEN OLD.hash IS NOT NULL AND OLD.hash <> " AUDIT_UNSEALED AUDIT_APPEND_ONLY},
    {"audit_shape_no_update", "CREATE TRIGGER audit_shape_no_update BEFORE UPDATE ON audit_shape"
                              AUDIT_APPEND_ONLY},
    {"audit_shape_no_delete", "CREATE TRIGGER audit_shape_no_delete BEFORE DELETE ON audit_shape"
                              AUDIT_APPEND_ONLY},
    {"audit_insert",
     "CREATE TRIGGER audit_insert INSTEAD OF INSERT ON audit BEGIN"
     " INSERT INTO audit_tx(n, id, at, operator, hash) VALUES (max(coalesce((SELECT max(n) FROM"
     " audit_tx), 0), coalesce((SELECT max(tx) FROM audit_change), 0)) + 1, NEW.id, NEW.at,"
     " NEW.operator, NULL);"
     " INSERT INTO audit_change(tx, tbl, row_key, action, shape, old, new, unit) VALUES ((SELECT"
     " max(n) FROM audit_tx), NEW.tbl, NEW.row_key, NEW.action, NULL, NEW.old, NEW.new, "
     AUDIT_UNIT_OF("NEW.tbl", "NEW.row_key", "NEW.old", "NEW.new") "); END"},
};

int schema_audit_guards_create(struct store *st, char *err, size_t errsz)
{
    for (size_t i = 0; i < sizeof audit_guards / sizeof audit_guards[0]; i++)
    {
        char *msg = NULL;
        if (sqlite3_exec(store_db(st), audit_guards[i].sql, NULL, NULL, &msg) != SQLITE_OK) {
            snprintf(err, errsz, "数据库结构升级失败: %s", msg ? msg : audit_guards[i].name);
            sqlite3_free(msg);
            return -1;
        }
    }
    return 0;
}

int schema_each_audit_guard(schema_trigger_fn fn, void *ctx)
{
    int rc = 0;
    for (size_t i = 0; i < sizeof audit_guards / sizeof audit_guards[0] && rc == 0; i++)
        rc = fn(ctx, audit_guards[i].name, audit_guards[i].sql);
    return rc;
}

/* The unit a change is about (audit_change.unit, what `audit --unit` finds through its
 * index): the unit table's own key, or the row's unit column ('*' when an update moves the
 * row to another unit: then the old and new values are looked at). */
static char *unit_of(const struct audited *t, int a, bool has_unit)
{
    if (strcmp(t->table, "unit") == 0)
        return with_prefix(t->key, a < 2 ? "NEW" : "OLD");
    if (!has_unit)
        return xstrdup("NULL");
    return xstrdup(a == 0 ? "NEW.unit" : a == 2 ? "OLD.unit"
                   : "CASE WHEN OLD.unit IS NULL OR NEW.unit IS NULL OR OLD.unit = NEW.unit"
                     " THEN coalesce(NEW.unit, OLD.unit) ELSE '*' END");
}

/* The audit trigger of one action on t, as stored in sqlite_schema.sql: a row of the open
 * transaction (kp_tx(), docs/store.md "The audit log") with the values as a JSON array under
 * the column names of its shape. */
static char *audit_trigger_v13(sqlite3 *db, const struct audited *t, int a)
{
    static const char *const actions[] = {"insert", "update", "delete"};
    bool has_unit;
    char *new_vals = values_of_row(db, t->table, "NEW", &has_unit);
    char *old_vals = values_of_row(db, t->table, "OLD", &has_unit);
    char *cols = schema_cols_of(db, t->table);
    long long shape = schema_audit_shape(db, t->table, cols);
    char *shape_sql = shape > 0 ? xasprintf("%lld", shape) : xstrdup("NULL");
    /* A row with a shape leaves its table to the shape (AUDIT_TBL). */
    char *tbl = shape > 0 ? xstrdup("NULL") : xasprintf("'%s'", t->table);
    char *key = with_prefix(t->key, a < 2 ? "NEW" : "OLD");
    char *unit = unit_of(t, a, has_unit);
    /* Updates that change nothing (re-imports) leave no audit row. */
    char *when = a == 1 ? xasprintf("WHEN %s IS NOT %s", old_vals, new_vals) : xstrdup("");
    char *sql = xasprintf("CREATE TRIGGER audit_%s_%s AFTER %s ON %s %s BEGIN "
                          "INSERT INTO audit_change(tx, tbl, row_key, action, shape, old, new, unit)"
                          " VALUES (kp_tx(), %s, %s, '%s', %s, %s, %s, %s); END",
                          t->table, actions[a], actions[a], t->table, when, tbl, key,
                          actions[a], shape_sql, a > 0 ? old_vals : "NULL",
                          a < 2 ? new_vals : "NULL", unit);
    free(when), free(new_vals), free(old_vals), free(key), free(cols), free(shape_sql), free(unit);
    free(tbl);
    return sql;
}

/* json_object('col', P.col, ...) over the table's current columns (the one-table log). */
static char *json_of_row(sqlite3 *db, const char *table, const char *prefix)
{
    char *sql = xasprintf("SELECT name FROM pragma_table_info('%s') ORDER BY cid", table);
    sqlite3_stmt *s;
    char *out = xstrdup("json_object(");
    size_t len = strlen(out);
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
        bool first = true;
        while (sqlite3_step(s) == SQLITE_ROW) {
            const char *col = (const char *)sqlite3_column_text(s, 0);
            char *part = xasprintf("%s'%s', %s.\"%s\"", first ? "" : ", ", col, prefix, col);
            append(&out, &len, part);
            free(part);
            first = false;
        }
        sqlite3_finalize(s);
    }
    free(sql);
    append(&out, &len, ")");
    return out;
}

/* The v12 text: what migrations before v13 make (their tables' triggers must name a table
 * that exists: SQLite checks every trigger when a later migration alters a table). */
static char *audit_trigger_v12(sqlite3 *db, const struct audited *t, int a)
{
    static const char *const actions[] = {"insert", "update", "delete"};
    char *new_json = json_of_row(db, t->table, "NEW");
    char *old_json = json_of_row(db, t->table, "OLD");
    char *key = with_prefix(t->key, a < 2 ? "NEW" : "OLD");
    char *when = a == 1 ? xasprintf("WHEN %s IS NOT %s", old_json, new_json) : xstrdup("");
    char *sql = xasprintf("CREATE TRIGGER audit_%s_%s AFTER %s ON %s %s BEGIN "
                          "INSERT INTO audit(id, at, operator, tbl, row_key, action, old, new) "
                          "VALUES (%s, "
                          "strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now'), kp_operator(), "
                          "'%s', %s, '%s', %s, %s); END",
                          t->table, actions[a], actions[a], t->table, when, AUDIT_NEW_ID, t->table,
                          key, actions[a], a > 0 ? old_json : "NULL", a < 2 ? new_json : "NULL");
    free(when), free(new_json), free(old_json), free(key);
    return sql;
}

char *schema_audit_trigger_sql(sqlite3 *db, const struct audited *t, int a)
{
    sqlite3_stmt *s;
    bool v13 = false;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name ="
                               " 'audit_change'", -1, &s, NULL) == SQLITE_OK) {
        v13 = sqlite3_step(s) == SQLITE_ROW;
        sqlite3_finalize(s);
    }
    return v13 ? audit_trigger_v13(db, t, a) : audit_trigger_v12(db, t, a);
}
