/* Schema and forward-only migrations (PRAGMA user_version). Audit and year-lock triggers are
 * generated from the table list below, so a new column is audited without hand-written SQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/schema_internal.h"
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


static const struct audited audited_tables[] = {
    {"pool", "$.name", false, 0},
    {"year", "$.year", false, 0},
    {"scheme", "$.year", true, 0},
    {"category", "$.year || '/' || $.pool || '/' || $.name", true, 0},
    {"unit", "$.code", false, 0},
    {"target", "$.year || '/' || $.unit || '/' || $.item", true, 0},
    {"progress", "$.year || '/' || $.unit || '/' || $.item || '/Q' || $.quarter", true, 0},
    {"ledger", "$.id", true, 0},
    {"appraisal", "$.year || '/' || $.unit", true, 0},
    {"rectification", "$.id", true, 0},
    /* v6 (migrate_to_6): approved targets, adjustments, published snapshots. */
    {"target_approval", "$.year || '/' || $.unit", true, 6},
    {"target_adjustment", "$.id", true, 6},
    {"publication", "$.id", true, 6},
    {"publication_row", "$.publication || '/' || $.unit", true, 6},
    {"unit_year", "$.year || '/' || $.code", true, 7},
    {"unit_retired", "$.code", false, 7},
    {"year_pool", "$.year || '/' || $.pool", true, 8}, /* v8 (migrate_to_8): pools per year */
    {"grade", "$.year||'/'||$.position", true, 10}, {"score", "$.id", true, 10}, {"score_source", "$.year||'/'||$.name||'/'||$.pools", true, 10}, /* v10 */
};


int schema_audit_shapes_record(struct store *st)
{
    sqlite3 *db = store_db(st);
    sqlite3_stmt *s = store_prepare(st, "INSERT OR IGNORE INTO audit_shape(tbl, cols) VALUES (?1, ?2)");
    if (!s)
        return STORE_ERROR;
    int rc = SQLITE_DONE;
    for (size_t i = 0; i < sizeof audited_tables / sizeof audited_tables[0] && rc == SQLITE_DONE; i++) {
        char *cols = schema_cols_of(db, audited_tables[i].table);
        sqlite3_bind_text(s, 1, audited_tables[i].table, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, cols, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        free(cols);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "记录审计日志的列");
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


/* v6: a published result (docs/scoring.md, "Published stages") is never changed or removed,
 * whoever writes to the file; a lock does not cover it, since unlocking would reopen it. */
static const struct {
    const char *name, *sql;
} snapshot_guards[] = {
    {"publication_no_update", "CREATE TRIGGER publication_no_update BEFORE UPDATE ON publication"
                              " BEGIN SELECT RAISE(ABORT, 'KP_PUBLISHED'); END"},
    {"publication_no_delete", "CREATE TRIGGER publication_no_delete BEFORE DELETE ON publication"
                              " BEGIN SELECT RAISE(ABORT, 'KP_PUBLISHED'); END"},
    {"publication_row_no_update", "CREATE TRIGGER publication_row_no_update BEFORE UPDATE ON"
                                  " publication_row BEGIN SELECT RAISE(ABORT, 'KP_PUBLISHED'); END"},
    {"publication_row_no_delete", "CREATE TRIGGER publication_row_no_delete BEFORE DELETE ON"
                                  " publication_row BEGIN SELECT RAISE(ABORT, 'KP_PUBLISHED'); END"},
};


/* The year-lock trigger of one action on t, enforced by the database itself: no path escapes. */
static char *lock_trigger_sql(const struct audited *t, int a)
{
    static const char *const actions[] = {"insert", "update", "delete"};
    return xasprintf("CREATE TRIGGER lock_%s_%s BEFORE %s ON %s "
                     "WHEN EXISTS (SELECT 1 FROM year WHERE year = %s.year AND locked = 1)%s "
                     "BEGIN SELECT RAISE(ABORT, 'KP_YEAR_LOCKED'); END",
                     t->table, actions[a], actions[a], t->table, a == 0 ? "NEW" : "OLD",
                     a == 1 ? " OR EXISTS (SELECT 1 FROM year WHERE year = NEW.year AND locked = 1)"
                            : "");
}

/* Calls fn for the audit and lock triggers of one table, in creation order. */
static int table_triggers(sqlite3 *db, const struct audited *t, schema_trigger_fn fn, void *ctx)
{
    static const char *const actions[] = {"insert", "update", "delete"};
    int rc = 0;
    for (int a = 0; a < 3 && rc == 0; a++) {
        char name[64], *sql = schema_audit_trigger_sql(db, t, a);
        snprintf(name, sizeof name, "audit_%s_%s", t->table, actions[a]);
        rc = fn(ctx, name, sql);
        free(sql);
        if (rc == 0 && t->year_locked) {
            sql = lock_trigger_sql(t, a);
            snprintf(name, sizeof name, "lock_%s_%s", t->table, actions[a]);
            rc = fn(ctx, name, sql);
            free(sql);
        }
    }
    return rc;
}

/* Calls fn for each audit and lock trigger of the audited tables created by schema versions
 * from..to, in creation order. */
static int each_table_trigger(sqlite3 *db, int from, int to, schema_trigger_fn fn, void *ctx)
{
    int rc = 0;
    for (size_t i = 0; i < sizeof audited_tables / sizeof audited_tables[0] && rc == 0; i++) {
        int v = audited_tables[i].since ? audited_tables[i].since : 1;
        if (v >= from && v <= to)
            rc = table_triggers(db, &audited_tables[i], fn, ctx);
    }
    return rc;
}

int schema_each_trigger(struct store *st, schema_trigger_fn fn, void *ctx)
{
    int rc = each_table_trigger(store_db(st), 1, STORE_SCHEMA_VERSION, fn, ctx);
    if (rc == 0)
        rc = schema_each_audit_guard(fn, ctx);
    for (size_t i = 0; i < sizeof snapshot_guards / sizeof snapshot_guards[0] && rc == 0; i++)
        rc = fn(ctx, snapshot_guards[i].name, snapshot_guards[i].sql);
    return rc;
}

int schema_snapshot_delete_guards(struct store *st, bool on)
{
    sqlite3 *db = store_db(st);
    for (size_t i = 0; i < sizeof snapshot_guards / sizeof snapshot_guards[0]; i++) {
        if (!strstr(snapshot_guards[i].name, "_no_delete"))
            continue;
        char *sql = on ? xstrdup(snapshot_guards[i].sql)
                       : xasprintf("DROP TRIGGER %s", snapshot_guards[i].name);
        int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
        free(sql);
        if (rc != SQLITE_OK)
            return store_fail_sqlite(st, "清空数据");
    }
    return STORE_OK;
}

struct create_ctx {
    sqlite3 *db;
    char *err;
    size_t errsz;
};

static int create_one(void *ctx, const char *name, const char *sql)
{
    (void)name;
    struct create_ctx *c = ctx;
    return exec_free(c->db, xstrdup(sql), c->err, c->errsz);
}

static int migrate_to_1(struct store *st, char *err, size_t errsz)
{
    sqlite3 *db = store_db(st);
    if (exec_free(db, xstrdup(schema_v1), err, errsz) != 0)
        return -1;
    struct create_ctx c = {db, err, errsz};
    return each_table_trigger(db, 1, 1, create_one, &c);
}

/* v2: ranking reads only the Q2/Q4 progress of one year; a covering index lets it skip the
 * rest of the table (bench/README.md). */
static int migrate_to_2(struct store *st, char *err, size_t errsz)
{
    return exec_free(store_db(st),
                     xstrdup("CREATE INDEX progress_checkpoint ON progress(year, quarter, unit,"
                             " item, actual, score)"),
                     err, errsz);
}

/* v3: the audit log is append-only, whoever writes to the file. */
static int migrate_to_3(struct store *st, char *err, size_t errsz)
{
    return exec_free(store_db(st),
                     xstrdup("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
                             " SELECT RAISE(ABORT, 'KP_AUDIT_APPEND_ONLY'); END;"
                             "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
                             " SELECT RAISE(ABORT, 'KP_AUDIT_APPEND_ONLY'); END;"),
                     err, errsz);
}

/* v4: field work (docs/field.md). The file's identity, a random id that every laptop file
 * checked out of it carries, so a pack is only merged into the file it came from; the
 * conflicts merges keep for a person. */
static int migrate_to_4(struct store *st, char *err, size_t errsz)
{
    return exec_free(
        store_db(st),
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

/* v5: the audit log is a hash chain (docs/store.md, "Tamper evidence"): a hash column, the
 * seal may fill it once, and the rows already there are sealed in their order. The column's
 * default is the unsealed placeholder, 16 zero bytes, so the triggers' rows are born full size
 * and the seal overwrites them in place: rows that grew after insertion split pages (42 bytes
 * a row on the province file instead of 17). */
static int migrate_to_5(struct store *st, char *err, size_t errsz)
{
    sqlite3 *db = store_db(st);
    if (exec_free(db,
                  xasprintf("ALTER TABLE audit ADD COLUMN hash BLOB DEFAULT " AUDIT_UNSEALED ";"
                            " DROP TRIGGER audit_no_update; " AUDIT_V5_NO_UPDATE "; "
                            AUDIT_V5_SEAL_ONCE ";"),
                  err, errsz) != 0)
        return -1;
    if (store_audit_seal_v12(st) != STORE_OK) {
        snprintf(err, errsz, "数据库结构升级失败: %s", store_errmsg(st));
        return -1;
    }
    return 0;
}

/* v6: approved targets and their adjustments (目标调整), and published results (snapshots of
 * the 半年初评 and 年终总评). Scores in publication_row are hundredths of a point, as ranked. */
static const char schema_v6[] =
    "CREATE TABLE target_approval ("
    "  year INTEGER NOT NULL REFERENCES year(year),"
    "  unit TEXT NOT NULL REFERENCES unit(code) ON UPDATE CASCADE,"
    "  approved_on TEXT NOT NULL"
    "    CHECK (approved_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    "  approved_by TEXT NOT NULL,"
    "  PRIMARY KEY (year, unit));"
    "CREATE TABLE target_adjustment ("
    "  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),"
    "  year INTEGER NOT NULL, unit TEXT NOT NULL, item TEXT NOT NULL,"
    "  field TEXT NOT NULL CHECK (field IN ('target', 'points', 'budget', 'sched1', 'sched2',"
    "    'sched3', 'sched4')),"
    "  old_value REAL NOT NULL, new_value REAL NOT NULL,"
    "  from_quarter INTEGER NOT NULL CHECK (from_quarter BETWEEN 1 AND 4),"
    "  reason TEXT, approved_by TEXT,"
    "  recorded_at TEXT NOT NULL,"
    "  FOREIGN KEY (year, unit, item) REFERENCES target(year, unit, item) ON UPDATE CASCADE);"
    "CREATE INDEX target_adjustment_item ON target_adjustment(year, unit, item, recorded_at);"
    "CREATE TABLE publication ("
    "  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),"
    "  year INTEGER NOT NULL REFERENCES year(year),"
    "  stage TEXT NOT NULL CHECK (stage IN ('half', 'year')),"
    "  published_at TEXT NOT NULL, published_by TEXT NOT NULL,"
    "  UNIQUE (year, stage));"
    "CREATE TABLE publication_row ("
    "  publication TEXT NOT NULL REFERENCES publication(id),"
    "  year INTEGER NOT NULL,"
    "  unit TEXT NOT NULL, name TEXT NOT NULL, pool TEXT NOT NULL,"
    "  rank INTEGER NOT NULL,"
    "  half_year INTEGER NOT NULL, year_end INTEGER NOT NULL, key_score INTEGER NOT NULL,"
    "  appraisal INTEGER NOT NULL, inspection INTEGER NOT NULL, complaint INTEGER NOT NULL,"
    "  bonus INTEGER NOT NULL, total INTEGER NOT NULL,"
    "  grade TEXT NOT NULL, veto INTEGER NOT NULL, incomplete INTEGER NOT NULL,"
    "  PRIMARY KEY (publication, unit));";

static int migrate_to_6(struct store *st, char *err, size_t errsz)
{
    sqlite3 *db = store_db(st);
    if (exec_free(db, xstrdup(schema_v6), err, errsz) != 0)
        return -1;
    /* The new tables' audit and lock triggers, then the snapshot guards. */
    struct create_ctx c = {db, err, errsz};
    if (each_table_trigger(db, 6, 6, create_one, &c) != 0)
        return -1;
    for (size_t i = 0; i < sizeof snapshot_guards / sizeof snapshot_guards[0]; i++)
        if (exec_free(db, xstrdup(snapshot_guards[i].sql), err, errsz) != 0)
            return -1;
    return 0;
}

/* v7: units per year (docs/store.md, "Units per year"): every existing year gets every unit
 * as the unit row holds it, locked years included (their lock triggers come after the copy). */
static const char schema_v7[] =
    "CREATE TABLE unit_year (year INTEGER NOT NULL REFERENCES year(year),"
    "  code TEXT NOT NULL REFERENCES unit(code) ON UPDATE CASCADE,"
    "  name TEXT NOT NULL CHECK (length(name) > 0),"
    "  pool TEXT NOT NULL REFERENCES pool(name) ON UPDATE CASCADE,"
    "  parent TEXT REFERENCES unit(code) ON UPDATE CASCADE, PRIMARY KEY (year, code));"
    "CREATE INDEX unit_year_code ON unit_year(code, year); CREATE TABLE unit_retired ("
    "  code TEXT PRIMARY KEY NOT NULL REFERENCES unit(code) ON UPDATE CASCADE,"
    "  from_year INTEGER NOT NULL CHECK (from_year BETWEEN 2000 AND 2100));"
    "INSERT INTO unit_year(year, code, name, pool, parent) SELECT y.year, u.code, u.name,"
    "  u.pool, u.parent FROM year y CROSS JOIN unit u ORDER BY y.year, u.code;";
static int migrate_to_7(struct store *st, char *err, size_t errsz)
{
    struct create_ctx c = {store_db(st), err, errsz};
    return exec_free(c.db, xstrdup(schema_v7), err, errsz) != 0
               ? -1 : each_table_trigger(c.db, 7, 7, create_one, &c);
}

/* v8: pools per year (docs/scheme.md, "Pools"): each year lists its own pools in rank order,
 * so adding, renaming, reordering or retiring one from a year on leaves earlier and locked
 * years alone; the pool table stays the registry of every name. Every existing year gets
 * every pool in today's order (before the lock triggers, so locked years get theirs too). */
static int migrate_to_8(struct store *st, char *err, size_t errsz)
{
    sqlite3 *db = store_db(st);
    if (exec_free(db,
                  xstrdup("CREATE TABLE year_pool ("
                          "  year INTEGER NOT NULL REFERENCES year(year),"
                          "  pool TEXT NOT NULL REFERENCES pool(name),"
                          "  sort_order INTEGER NOT NULL DEFAULT 0,"
                          "  PRIMARY KEY (year, pool));"
                          "INSERT INTO year_pool(year, pool, sort_order)"
                          "  SELECT y.year, p.name, p.sort_order FROM year y CROSS JOIN pool p"
                          "  ORDER BY y.year, p.sort_order;"),
                  err, errsz) != 0)
        return -1;
    struct create_ctx c = {db, err, errsz};
    return each_table_trigger(db, 8, 8, create_one, &c);
}

static int recreate_one(void *ctx, const char *name, const char *sql)
{
    struct create_ctx *c = ctx;
    char *drop = xasprintf("DROP TRIGGER IF EXISTS \"%s\"", name);
    return exec_free(c->db, drop, c->err, c->errsz) != 0 ? -1 : create_one(ctx, name, sql);
}

/* v9: rectification.carried_from (docs/store.md); its triggers made again from its columns. */
static int migrate_to_9(struct store *st, char *err, size_t errsz)
{
    struct create_ctx c = {store_db(st), err, errsz};
    int rc = exec_free(c.db, xstrdup("ALTER TABLE rectification ADD COLUMN carried_from TEXT"),
                       err, errsz);
    for (size_t i = 0; i < sizeof audited_tables / sizeof audited_tables[0] && rc == 0; i++)
        if (strcmp(audited_tables[i].table, "rectification") == 0)
            rc = table_triggers(c.db, &audited_tables[i], recreate_one, &c);
    return rc;
}

typedef int (*migration_fn)(struct store *st, char *err, size_t errsz);
static const migration_fn migrations[STORE_SCHEMA_VERSION] = {
    migrate_to_1, migrate_to_2, migrate_to_3, migrate_to_4, migrate_to_5, migrate_to_6,
    migrate_to_7, migrate_to_8, migrate_to_9, store_sources_migrate, store_progress_migrate,
    store_audit_migrate_v12, store_audit_migrate_v13, store_audit_migrate_v14};

/* PRAGMA user_version into *v; false when it cannot be read. */
static bool user_version(sqlite3 *db, int *v)
{
    sqlite3_stmt *s;
    bool ok = false;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK) {
        if ((ok = sqlite3_step(s) == SQLITE_ROW))
            *v = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    return ok;
}

/* The file's version, or -1 (message in err) when unreadable, negative (kaoping never writes
 * that) or newer than this program. */
static int supported_version(struct store *st, char *err, size_t errsz)
{
    sqlite3 *db = store_db(st);
    int v;
    if (!user_version(db, &v)) {
        snprintf(err, errsz, "无法读取数据库 %s 的结构版本: %s", store_path(st),
                 sqlite3_errmsg(db));
        return -1;
    }
    if (v < 0) {
        snprintf(err, errsz,
                 "数据库 %s 的结构版本为 %d: kaoping 从不写负的版本号, 这个文件不是 kaoping 建的,"
                 " 或被其他程序改过; 未改动",
                 store_path(st), v);
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
    if (v < STORE_SCHEMA_VERSION && sqlite3_db_readonly(db, "main") == 1) {
        snprintf(err, errsz,
                 "数据库 %s 是只读的, 但它的结构版本 %d 要先升级到 %d 才能使用; 请用能写这个文件"
                 "和所在目录的账户打开一次",
                 store_path(st), v, STORE_SCHEMA_VERSION);
        return -1;
    }
    for (; v < STORE_SCHEMA_VERSION; v++) {
        if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
            /* The lock may have been held by the process that migrated the file and then went
             * straight on writing (a demo, an import): then there is nothing left to do. */
            int now;
            if (user_version(db, &now) && now > v)
                return schema_migrate(st, err, errsz);
            snprintf(err, errsz, "数据库被占用, 无法升级: %s", sqlite3_errmsg(db));
            return -1;
        }
        /* Re-check inside the write lock: another process may have migrated meanwhile. */
        int now;
        if (!user_version(db, &now) || now != v) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return schema_migrate(st, err, errsz);
        }
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (migrations[v](st, err, errsz) != 0 ||
            sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
            /* Each version is its own transaction: a full disk leaves the file at the last one
             * done, upgraded further at the next opening (docs/store.md, "A full disk"). */
            const char *why = store_no_room(st);
            if (why)
                snprintf(err, errsz, "数据库 %s 升级到第 %d 版失败: %s, 这一步未写入任何数据 (文件"
                         "仍是第 %d 版); " STORE_NO_ROOM_HINT, store_path(st), v + 1, why, v);
            else if (!*err)
                snprintf(err, errsz, "数据库结构升级失败: %s", sqlite3_errmsg(db));
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return -1;
        }
    }
    return 0;
}
