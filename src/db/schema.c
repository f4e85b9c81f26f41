/* Schema and forward-only migrations (PRAGMA user_version). Audit and year-lock triggers are
 * generated from the table list below, so a new column is audited without hand-written SQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store_internal.h"
#include "model/xmalloc.h"

static const char schema_v1[] =
    "CREATE TABLE pool ("
    "  name TEXT PRIMARY KEY NOT NULL CHECK (length(name) > 0),"
    "  sort_order INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE year ("
    "  year INTEGER PRIMARY KEY NOT NULL CHECK (year BETWEEN 2000 AND 2100),"
    "  locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),"
    "  lock_note TEXT);" /* why it was locked or unlocked last */
    "CREATE TABLE scheme ("
    "  year INTEGER PRIMARY KEY NOT NULL REFERENCES year(year),"
    "  preset TEXT NOT NULL,"
    "  half_share REAL NOT NULL, year_share REAL NOT NULL, appraisal_share REAL NOT NULL,"
    "  inspection_cap REAL NOT NULL CHECK (inspection_cap >= 0),"
    "  complaint_cap REAL NOT NULL CHECK (complaint_cap >= 0),"
    "  bonus_cap REAL NOT NULL CHECK (bonus_cap >= 0),"
    "  band_excellent REAL NOT NULL, band_good REAL NOT NULL, band_pass REAL NOT NULL,"
    "  veto_effect TEXT NOT NULL CHECK (veto_effect IN ('fail', 'cap', 'none')),"
    "  tie_style TEXT NOT NULL CHECK (tie_style IN ('competition', 'dense')),"
    "  warn_yellow REAL NOT NULL, warn_red REAL NOT NULL, mismatch REAL NOT NULL);"
    "CREATE TABLE category ("
    "  year INTEGER NOT NULL REFERENCES year(year),"
    "  pool TEXT NOT NULL REFERENCES pool(name) ON UPDATE CASCADE,"
    "  name TEXT NOT NULL CHECK (length(name) > 0),"
    "  points REAL NOT NULL CHECK (points >= 0),"
    "  sort_order INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (year, pool, name));"
    "CREATE TABLE unit ("
    "  code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 1 AND 31),"
    "  name TEXT NOT NULL CHECK (length(name) > 0),"
    "  pool TEXT NOT NULL REFERENCES pool(name) ON UPDATE CASCADE,"
    "  parent TEXT REFERENCES unit(code) ON UPDATE CASCADE,"
    "  leader TEXT);"
    "CREATE TABLE target ("
    "  year INTEGER NOT NULL REFERENCES year(year),"
    "  unit TEXT NOT NULL REFERENCES unit(code) ON UPDATE CASCADE,"
    "  item TEXT NOT NULL CHECK (length(item) BETWEEN 1 AND 31),"
    "  category TEXT NOT NULL,"
    "  name TEXT NOT NULL CHECK (length(name) > 0),"
    "  points REAL NOT NULL CHECK (points > 0),"
    "  method TEXT NOT NULL CHECK (method IN ('ratio', 'inverse', 'manual')),"
    "  target_value REAL NOT NULL CHECK (target_value >= 0),"
    "  measure TEXT,"
    "  budget REAL NOT NULL DEFAULT 0 CHECK (budget >= 0),"
    "  sched1 REAL NOT NULL DEFAULT 25, sched2 REAL NOT NULL DEFAULT 50,"
    "  sched3 REAL NOT NULL DEFAULT 75, sched4 REAL NOT NULL DEFAULT 100,"
    "  PRIMARY KEY (year, unit, item));"
    "CREATE TABLE progress ("
    "  year INTEGER NOT NULL, unit TEXT NOT NULL, item TEXT NOT NULL,"
    "  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),"
    "  actual REAL NOT NULL CHECK (actual >= 0),"
    "  spent REAL CHECK (spent >= 0),"
    "  score REAL CHECK (score >= 0),"
    "  note TEXT, deviation TEXT, action TEXT,"
    "  PRIMARY KEY (year, unit, item, quarter),"
    "  FOREIGN KEY (year, unit, item) REFERENCES target(year, unit, item) ON UPDATE CASCADE);"
    "CREATE TABLE ledger ("
    "  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),"
    "  year INTEGER NOT NULL REFERENCES year(year),"
    "  unit TEXT NOT NULL REFERENCES unit(code) ON UPDATE CASCADE,"
    "  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    "  type TEXT NOT NULL CHECK (type IN ('inspection', 'complaint', 'bonus', 'veto')),"
    "  points REAL NOT NULL CHECK ((type = 'veto' AND points = 0) OR (type <> 'veto' AND points > 0)),"
    "  aspect TEXT, method TEXT, reason TEXT NOT NULL, inspectors TEXT, evidence TEXT);"
    "CREATE INDEX ledger_unit ON ledger(year, unit, date);"
    "CREATE TABLE appraisal ("
    "  year INTEGER NOT NULL REFERENCES year(year),"
    "  unit TEXT NOT NULL REFERENCES unit(code) ON UPDATE CASCADE,"
    "  score REAL NOT NULL CHECK (score BETWEEN 0 AND 100),"
    "  satisfaction REAL CHECK (satisfaction BETWEEN 0 AND 100),"
    "  PRIMARY KEY (year, unit));"
    "CREATE TABLE rectification ("
    "  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),"
    "  year INTEGER NOT NULL REFERENCES year(year),"
    "  unit TEXT NOT NULL REFERENCES unit(code) ON UPDATE CASCADE,"
    "  text TEXT NOT NULL CHECK (length(text) > 0),"
    "  deadline TEXT NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),"
    "  source_item TEXT, source_quarter INTEGER, source_ledger TEXT,"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d', 'now')),"
    "  closed_at TEXT, close_note TEXT);"
    "CREATE TABLE audit ("
    "  id TEXT PRIMARY KEY NOT NULL,"
    "  at TEXT NOT NULL,"
    "  operator TEXT NOT NULL,"
    "  tbl TEXT NOT NULL,"
    "  row_key TEXT NOT NULL,"
    "  action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),"
    "  old TEXT, new TEXT);"
    "CREATE INDEX audit_at ON audit(at);"
    "INSERT INTO pool(name, sort_order) VALUES"
    "  ('乡镇', 1), ('县直部门', 2), ('驻县单位', 3), ('金融机构', 4);";

/* Tables whose changes are audited, with the SQL expression of their key (over NEW./OLD.). */
struct audited {
    const char *table;
    const char *key;        /* uses the prefix placeholder '$' for NEW/OLD */
    bool year_locked;       /* writes refused while the row's year is locked */
};

static const struct audited audited_tables[] = {
    {"pool", "$.name", false},
    {"year", "$.year", false},
    {"scheme", "$.year", true},
    {"category", "$.year || '/' || $.pool || '/' || $.name", true},
    {"unit", "$.code", false},
    {"target", "$.year || '/' || $.unit || '/' || $.item", true},
    {"progress", "$.year || '/' || $.unit || '/' || $.item || '/Q' || $.quarter", true},
    {"ledger", "$.id", true},
    {"appraisal", "$.year || '/' || $.unit", true},
    {"rectification", "$.id", true},
};

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

/* json_object('col', P.col, ...) over the table's current columns. */
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

static int exec_free(sqlite3 *db, char *sql, char *err, size_t errsz)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        snprintf(err, errsz, "数据库结构升级失败: %s", msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    free(sql);
    return rc == SQLITE_OK ? 0 : -1;
}

static int create_triggers(sqlite3 *db, const struct audited *t, char *err, size_t errsz)
{
    static const char *const actions[] = {"insert", "update", "delete"};
    char *new_json = json_of_row(db, t->table, "NEW");
    char *old_json = json_of_row(db, t->table, "OLD");
    char *new_key = with_prefix(t->key, "NEW");
    char *old_key = with_prefix(t->key, "OLD");
    int rc = 0;
    for (int a = 0; a < 3 && rc == 0; a++) {
        bool has_old = a > 0, has_new = a < 2;
        /* Updates that change nothing (re-imports) leave no audit row. */
        char *when = a == 1 ? xasprintf("WHEN %s IS NOT %s", old_json, new_json) : xstrdup("");
        rc = exec_free(db,
                       xasprintf("CREATE TRIGGER audit_%s_%s AFTER %s ON %s %s BEGIN "
                                 "INSERT INTO audit(id, at, operator, tbl, row_key, action, old, new) "
                                 "VALUES (lower(hex(randomblob(16))), "
                                 "strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now'), kp_operator(), "
                                 "'%s', %s, '%s', %s, %s); END;",
                                 t->table, actions[a], actions[a], t->table, when, t->table,
                                 has_new ? new_key : old_key, actions[a],
                                 has_old ? old_json : "NULL", has_new ? new_json : "NULL"),
                       err, errsz);
        free(when);
        if (rc == 0 && t->year_locked) {
            /* The lock is enforced by the database itself, so no path can bypass it. */
            const char *row = a == 0 ? "NEW" : "OLD";
            char *extra = a == 1 ? xstrdup(" OR EXISTS (SELECT 1 FROM year WHERE year = NEW.year AND locked = 1)")
                                 : xstrdup("");
            rc = exec_free(db,
                           xasprintf("CREATE TRIGGER lock_%s_%s BEFORE %s ON %s "
                                     "WHEN EXISTS (SELECT 1 FROM year WHERE year = %s.year AND locked = 1)%s "
                                     "BEGIN SELECT RAISE(ABORT, 'KP_YEAR_LOCKED'); END;",
                                     t->table, actions[a], actions[a], t->table, row, extra),
                           err, errsz);
            free(extra);
        }
    }
    free(new_json), free(old_json), free(new_key), free(old_key);
    return rc;
}

static int migrate_to_1(sqlite3 *db, char *err, size_t errsz)
{
    if (exec_free(db, xstrdup(schema_v1), err, errsz) != 0)
        return -1;
    for (size_t i = 0; i < sizeof audited_tables / sizeof audited_tables[0]; i++)
        if (create_triggers(db, &audited_tables[i], err, errsz) != 0)
            return -1;
    return 0;
}

/* v2: ranking reads only the Q2/Q4 progress of one year; a covering index lets it skip the
 * rest of the table (bench/README.md). */
static int migrate_to_2(sqlite3 *db, char *err, size_t errsz)
{
    return exec_free(db,
                     xstrdup("CREATE INDEX progress_checkpoint ON progress(year, quarter, unit,"
                             " item, actual, score)"),
                     err, errsz);
}

/* v3: the audit log is append-only, whoever writes to the file. */
static int migrate_to_3(sqlite3 *db, char *err, size_t errsz)
{
    return exec_free(db,
                     xstrdup("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
                             " SELECT RAISE(ABORT, 'KP_AUDIT_APPEND_ONLY'); END;"
                             "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
                             " SELECT RAISE(ABORT, 'KP_AUDIT_APPEND_ONLY'); END;"),
                     err, errsz);
}

/* v4: field work (docs/field.md). The file's identity, a random id that every laptop file
 * checked out of it carries, so a pack is only merged into the file it came from; the
 * conflicts merges keep for a person. */
static int migrate_to_4(sqlite3 *db, char *err, size_t errsz)
{
    return exec_free(
        db,
        xstrdup("CREATE TABLE field_meta (key TEXT PRIMARY KEY NOT NULL, value);"
                "INSERT INTO field_meta(key, value) VALUES"
                "  ('county_id', lower(hex(randomblob(16))));"
                "CREATE TABLE field_conflict ("
                "  id INTEGER PRIMARY KEY,"
                "  merge TEXT NOT NULL," /* the audit row of the merge that found it */
                "  tbl TEXT NOT NULL, row_key TEXT NOT NULL, pk TEXT NOT NULL,"
                "  kind TEXT NOT NULL CHECK (kind IN ('insert', 'update', 'delete')),"
                "  checkout TEXT, county TEXT, laptop TEXT," /* JSON objects; NULL: no row */
                "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'county', 'laptop')),"
                "  resolved_by TEXT, resolved_at TEXT);"),
        err, errsz);
}

typedef int (*migration_fn)(sqlite3 *db, char *err, size_t errsz);
static const migration_fn migrations[STORE_SCHEMA_VERSION] = {migrate_to_1, migrate_to_2,
                                                              migrate_to_3, migrate_to_4};

static int user_version(sqlite3 *db)
{
    sqlite3_stmt *s;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            v = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    return v;
}

/* The file's version, or -1 (message in err) when unreadable or newer than this program. */
static int supported_version(struct store *st, char *err, size_t errsz)
{
    sqlite3 *db = store_db(st);
    int v = user_version(db);
    if (v < 0) {
        snprintf(err, errsz, "无法读取数据库版本: %s", sqlite3_errmsg(db));
        return -1;
    }
    if (v > STORE_SCHEMA_VERSION) {
        snprintf(err, errsz,
                 "数据库 %s 的结构版本为 %d, 比本程序支持的版本 %d 新; 请升级 kaoping 后再打开",
                 store_path(st), v, STORE_SCHEMA_VERSION);
        return -1;
    }
    return v;
}

int schema_check_version(struct store *st, char *err, size_t errsz)
{
    return supported_version(st, err, errsz) < 0 ? -1 : 0;
}

int schema_migrate(struct store *st, char *err, size_t errsz)
{
    sqlite3 *db = store_db(st);
    int v = supported_version(st, err, errsz);
    if (v < 0)
        return -1;
    for (; v < STORE_SCHEMA_VERSION; v++) {
        if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
            /* The lock may have been held by the process that migrated the file and then went
             * straight on writing (a demo, an import): then there is nothing left to do. */
            if (user_version(db) > v)
                return schema_migrate(st, err, errsz);
            snprintf(err, errsz, "数据库被占用, 无法升级: %s", sqlite3_errmsg(db));
            return -1;
        }
        /* Re-check inside the write lock: another process may have migrated meanwhile. */
        if (user_version(db) != v) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return schema_migrate(st, err, errsz);
        }
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (migrations[v](db, err, errsz) != 0 ||
            sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
            if (!*err)
                snprintf(err, errsz, "数据库结构升级失败: %s", sqlite3_errmsg(db));
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return -1;
        }
    }
    return 0;
}
