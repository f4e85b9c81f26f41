/* Stores for the cmocka tests of db and the layers above it (links kp_db). */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store_internal.h"
#include "model/sha256.h"
#include "model/xmalloc.h"

struct store *test_store_new(char **dir)
{
    *dir = test_tmpdir();
    char *path = xasprintf("%s/test.db", *dir);
    char err[512];
    struct store *st = store_open(path, "tester", err, sizeof err);
    if (!st)
        fprintf(stderr, "store_open: %s\n", err);
    free(path);
    return st;
}

void test_exec_sql(struct store *st, const char *sql)
{
    /* In a kaoping transaction, so the audit rows it writes are sealed (docs/store.md,
     * "Tamper evidence"), unless the test opened one or sets pragmas that only work outside
     * one (a hand-edited file: foreign keys off, writable schema). */
    bool own = sqlite3_get_autocommit(store_db(st)) && strncmp(sql, "PRAGMA", 6) != 0;
    if (own && store_begin(st) != STORE_OK) {
        fprintf(stderr, "BEGIN failed: %s\n", store_errmsg(st));
        fail();
    }
    char *msg = NULL;
    if (sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "SQL failed: %s\n", msg);
        sqlite3_free(msg);
        store_rollback(st);
        fail();
    }
    if (own && store_commit(st) != STORE_OK) {
        fprintf(stderr, "COMMIT failed: %s\n", store_errmsg(st));
        fail();
    }
}

long long test_sql_int(struct store *st, const char *sql)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
    long long v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    return v;
}

void test_raw_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("raw SQL failed: %s", msg);
    sqlite3_free(msg);
    sqlite3_close(db);
}

static void audit_v12_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("making the v12 audit log: %s", msg);
    sqlite3_free(msg);
}

/* Seals the one-table log as v5..v12 did: hash = SHA-256(prev || id, at, operator, tbl,
 * row_key, action, old, new) cut to 16 bytes, each field a NULL tag 0 or 1 + 4-byte length
 * + bytes (docs/store.md). */
static void audit_v12_seal(sqlite3 *db)
{
    sqlite3_stmt *s, *u;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT rowid, id, at, operator, tbl, row_key, action,"
                                            " old, new FROM audit ORDER BY rowid", -1, &s, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "UPDATE audit SET hash = ?2 WHERE rowid = ?1", -1, &u,
                                        NULL), SQLITE_OK);
    unsigned char prev[32] = {0};
    while (sqlite3_step(s) == SQLITE_ROW) {
        struct sha256 c;
        sha256_init(&c);
        sha256_update(&c, prev, 16);
        for (int i = 1; i <= 8; i++) {
            const unsigned char *v = sqlite3_column_text(s, i);
            size_t n = (size_t)sqlite3_column_bytes(s, i);
            unsigned char head[5] = {1, (unsigned char)(n >> 24), (unsigned char)(n >> 16),
                                     (unsigned char)(n >> 8), (unsigned char)n};
            sha256_update(&c, v ? (const void *)head : "\0", v ? sizeof head : 1);
            if (v)
                sha256_update(&c, v, n);
        }
        sha256_final(&c, prev);
        sqlite3_bind_int64(u, 1, sqlite3_column_int64(s, 0));
        sqlite3_bind_blob(u, 2, prev, 16, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(u), SQLITE_DONE);
        sqlite3_reset(u);
    }
    sqlite3_finalize(s);
    sqlite3_finalize(u);
}

void test_audit_to_v12(const char *path)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    audit_v12_exec(db, "BEGIN; CREATE TEMP TABLE a12 AS SELECT rowid AS r, substr(id, 1, 20) ||"
                       " printf('%012x', rowid) AS id, at, operator, tbl, row_key, action, old, new"
                       " FROM audit ORDER BY rowid; DROP VIEW audit;");
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat('DROP TRIGGER \"' || name || '\"',"
                                            " ';') FROM sqlite_schema WHERE type = 'trigger' AND"
                                            " sql LIKE '%INSERT INTO audit_change(%'", -1, &s, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    char *drops = sqlite3_column_text(s, 0) ? xstrdup((const char *)sqlite3_column_text(s, 0)) : NULL;
    sqlite3_finalize(s);
    if (drops)
        audit_v12_exec(db, drops);
    free(drops);
    audit_v12_exec(
        db, "DROP TABLE audit_change; DROP TABLE audit_tx; DROP TABLE audit_shape;"
            "CREATE TABLE audit (id TEXT PRIMARY KEY NOT NULL, at TEXT NOT NULL, operator TEXT NOT"
            "  NULL, tbl TEXT NOT NULL, row_key TEXT NOT NULL, action TEXT NOT NULL CHECK (action ="
            "  'insert' OR action = 'update' OR action = 'delete'), old TEXT, new TEXT,"
            "  hash BLOB DEFAULT x'00000000000000000000000000000000');"
            "CREATE INDEX audit_at ON audit(at);"
            "INSERT INTO audit(rowid, id, at, operator, tbl, row_key, action, old, new)"
            "  SELECT r, id, at, operator, tbl, row_key, action, old, new FROM a12 ORDER BY r;"
            "DROP TABLE a12;"
            "CREATE TRIGGER audit_no_update BEFORE UPDATE OF id, at, operator, tbl, row_key, action,"
            "  old, new ON audit BEGIN SELECT RAISE(ABORT, 'KP_AUDIT_APPEND_ONLY'); END;"
            "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
            "  SELECT RAISE(ABORT, 'KP_AUDIT_APPEND_ONLY'); END;");
    audit_v12_seal(db);
    audit_v12_exec(db, "CREATE TRIGGER audit_seal_once BEFORE UPDATE OF hash ON audit WHEN OLD.hash"
                       " IS NOT NULL AND OLD.hash <> x'00000000000000000000000000000000' BEGIN"
                       " SELECT RAISE(ABORT, 'KP_AUDIT_APPEND_ONLY'); END; PRAGMA user_version = 12;"
                       " COMMIT;");
    sqlite3_close(db);
}
