/* The audit log's hash chain (docs/store.md, "Tamper evidence"): kaoping's own writes verify
 * clean; what another program can do with the sqlite3 shell — delete or edit a row, a header
 * or a shape with the guard trigger dropped, add a row (through the view or straight into a
 * sealed transaction), drop, alter or add a trigger — is reported by check with the first bad
 * transaction; the seal covers only the transaction's own rows; a v4 file is sealed when it
 * is migrated. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/maintenance.h"
#include "db/store_internal.h"
#include "model/xmalloc.h"

struct findings {
    int errors;
    char text[4096];
};

static void collect(void *ctx, enum check_severity sev, const char *message)
{
    struct findings *f = ctx;
    f->errors += sev == CHECK_ERROR;
    size_t len = strlen(f->text);
    snprintf(f->text + len, sizeof f->text - len, "%s\n", message);
}

static char *q_text(struct store *st, const char *sql)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    char *v = xstrdup((const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return v;
}

struct env {
    char *dir, *path;
    struct store *st;
    long long rows; /* audit rows of the demo */
};

static int setup(void **state)
{
    struct env *e = xcalloc(1, sizeof *e);
    e->st = test_store_demo(&e->dir);
    e->path = xasprintf("%s/test.db", e->dir);
    char *n = q_text(e->st, "SELECT count(*) FROM audit");
    e->rows = atoll(n);
    free(n);
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    store_close(e->st);
    test_rmtree(e->dir);
    free(e->dir), free(e->path), free(e);
    return 0;
}

/* Closes the store, lets another program run sql, reopens. */
static void tamper(struct env *e, const char *sql)
{
    store_close(e->st); /* NULL: closed already */
    test_raw_exec(e->path, sql);
    char err[512];
    e->st = store_open(e->path, "tester", err, sizeof err);
    assert_non_null(e->st);
}

/* Two more transactions after the demo's one, each changing two units' leader (rows
 * e->rows + 1 .. e->rows + 4, headers 2 and 3). */
static void two_more_transactions(struct env *e)
{
    static const char *const sql[] = {
        "UPDATE unit SET leader = '甲' WHERE code IN ('T01', 'T02')",
        "UPDATE unit SET leader = '乙' WHERE code IN ('T03', 'T04')"};
    for (int i = 0; i < 2; i++) {
        assert_int_equal(store_begin(e->st), STORE_OK);
        test_exec_sql(e->st, sql[i]);
        assert_int_equal(store_commit(e->st), STORE_OK);
    }
    assert_int_equal(test_sql_int(e->st, "SELECT count(*) FROM audit_tx"), 3);
}

static void own_writes_verify_clean(void **state)
{
    struct env *e = *state;
    assert_true(e->rows > 1000);
    struct audit_verdict v;
    assert_int_equal(store_audit_verify(e->st, NULL, NULL, &v), 0);
    assert_int_equal(v.rows, e->rows);
    assert_int_equal(v.broken + v.unsealed + v.bad_triggers, 0);
    static const unsigned char zero[AUDIT_HASH_LEN];
    assert_memory_not_equal(v.head, zero, AUDIT_HASH_LEN);
    char *sealed = q_text(e->st, "SELECT count(*) FROM audit WHERE length(hash) = 16");
    assert_int_equal(atoll(sealed), e->rows);
    free(sealed);
}

/* The defect of issue 12: with the guard dropped, a deleted row went unnoticed. Now the
 * transaction that had it no longer matches its hash: reported at its first row. */
static void deleted_row_breaks_the_chain_where_it_was(void **state)
{
    struct env *e = *state;
    two_more_transactions(e);
    char *sql = xasprintf("DROP TRIGGER audit_no_delete;"
                          " DELETE FROM audit_change WHERE id = (SELECT id FROM audit_change"
                          " ORDER BY id LIMIT 1 OFFSET %lld);", e->rows + 3);
    tamper(e, sql);
    struct findings f = {0};
    assert_int_equal(store_check(e->st, collect, &f), 2);
    assert_non_null(strstr(f.text, "触发器 audit_no_delete 缺失"));
    char *want = xasprintf("审计日志第 %lld 条 (", e->rows + 3);
    assert_non_null(strstr(f.text, want));
    assert_non_null(strstr(f.text, "主键 T03) 断链"));
    free(want), free(sql);
}

/* A whole transaction deleted, header and rows: the next one no longer follows it. */
static void deleted_transaction_breaks_the_next(void **state)
{
    struct env *e = *state;
    two_more_transactions(e);
    tamper(e, "DROP TRIGGER audit_no_delete; DROP TRIGGER audit_tx_no_delete;"
              " DELETE FROM audit_change WHERE tx = 2; DELETE FROM audit_tx WHERE n = 2;");
    struct findings f = {0};
    struct audit_verdict v;
    assert_int_equal(store_audit_verify(e->st, collect, &f, &v), 3); /* two guards, one break */
    assert_int_equal(v.broken, 1);
    assert_int_equal(v.rows, e->rows + 2);
    assert_non_null(strstr(f.text, "主键 T03) 断链"));
}

/* A header deleted, its rows left: they are unsealed, and the next header breaks. */
static void deleted_header_leaves_its_rows_unsealed(void **state)
{
    struct env *e = *state;
    two_more_transactions(e);
    tamper(e, "DROP TRIGGER audit_tx_no_delete; DELETE FROM audit_tx WHERE n = 2;");
    struct audit_verdict v;
    struct findings f = {0};
    store_audit_verify(e->st, collect, &f, &v);
    assert_int_equal(v.broken, 1);
    assert_int_equal(v.unsealed, 2);
    assert_int_equal(v.rows, e->rows + 4);
    assert_non_null(strstr(f.text, "主键 T01) 未封存"));
}

/* An edited row or header, with the guard put back exactly as it was: only the chain sees
 * it, once. */
static void edit_is_found_though_the_guard_is_restored(struct env *e, const char *guard_name,
                                                       const char *edit)
{
    two_more_transactions(e);
    char *q = xasprintf("SELECT sql FROM sqlite_schema WHERE name = '%s'", guard_name);
    char *guard = q_text(e->st, q);
    char *sql = xasprintf("DROP TRIGGER %s; %s; %s;", guard_name, edit, guard);
    tamper(e, sql);
    struct findings f = {0};
    struct audit_verdict v;
    assert_int_equal(store_audit_verify(e->st, collect, &f, &v), 1);
    assert_int_equal(v.broken, 1); /* one edit, one break: later headers still chain */
    assert_int_equal(v.bad_triggers, 0);
    char *want = xasprintf("审计日志第 %lld 条 (", e->rows + 1);
    assert_non_null(strstr(f.text, want));
    free(want), free(sql), free(guard), free(q);
}

static void edited_row_is_found_though_the_guard_is_restored(void **state)
{
    struct env *e = *state;
    char *edit = xasprintf("UPDATE audit_change SET new = replace(new, '甲', '丙') WHERE id ="
                           " (SELECT id FROM audit_change ORDER BY id LIMIT 1 OFFSET %lld)",
                           e->rows + 1);
    edit_is_found_though_the_guard_is_restored(e, "audit_no_update", edit);
    free(edit);
}

static void edited_header_is_found_though_the_guard_is_restored(void **state)
{
    edit_is_found_though_the_guard_is_restored(*state, "audit_tx_no_update",
                                               "UPDATE audit_tx SET operator = 'someone else'"
                                               " WHERE n = 2");
}

/* A renamed column in a shape changes what every row of it shows: the chain sees it. */
static void edited_shape_is_found(void **state)
{
    struct env *e = *state;
    tamper(e, "DROP TRIGGER audit_shape_no_update; UPDATE audit_shape SET cols ="
              " replace(cols, '\"leader\"', '\"boss\"') WHERE tbl = 'unit';");
    struct audit_verdict v;
    /* the guard, the three audit_unit_* (their shape is no longer there), the break */
    assert_int_equal(store_audit_verify(e->st, NULL, NULL, &v), 5);
    assert_int_equal(v.broken, 1);
}

/* A row slipped into a sealed transaction, or under no header at all. */
static void row_slipped_into_the_log_is_found(void **state)
{
    struct env *e = *state;
    two_more_transactions(e);
    tamper(e, "INSERT INTO audit_change(tx, tbl, row_key, action, old, new) VALUES"
              " (2, 'unit', 'T09', 'delete', '{}', NULL);"
              " INSERT INTO audit_change(tx, tbl, row_key, action, old, new) VALUES"
              " (99, 'unit', 'T08', 'delete', '{}', NULL);");
    struct findings f = {0};
    struct audit_verdict v;
    store_audit_verify(e->st, collect, &f, &v);
    assert_int_equal(v.broken, 1);
    assert_int_equal(v.unsealed, 1);
    assert_int_equal(v.rows, e->rows + 6);
    assert_non_null(strstr(f.text, "主键 T08) 未封存"));
}

/* A row added by another program (no trigger fires for a direct insert) stays unsealed, and
 * kaoping's next transaction does not seal it: only its own rows. */
static void foreign_row_stays_unsealed(void **state)
{
    struct env *e = *state;
    tamper(e, "INSERT INTO audit(id, at, operator, tbl, row_key, action, old, new) VALUES"
              " ('feedfeedfeedfeedfeedfeedfeedfeed', '2026-01-01T00:00:00.000Z', '局长',"
              " 'unit', 'T01', 'update', NULL, NULL);");
    assert_int_equal(store_begin(e->st), STORE_OK);
    test_exec_sql(e->st, "UPDATE unit SET leader = '新负责人' WHERE code = 'T01'");
    assert_int_equal(store_commit(e->st), STORE_OK);
    struct findings f = {0};
    struct audit_verdict v;
    assert_int_equal(store_audit_verify(e->st, collect, &f, &v), 1);
    assert_int_equal(v.rows, e->rows + 2);
    assert_int_equal(v.unsealed, 1);
    assert_int_equal(v.broken, 0); /* kaoping's row chains over the foreign one */
    char *want = xasprintf("审计日志第 %lld 条 (2026-01-01T00:00:00.000Z, 表 unit, 主键 T01)"
                           " 未封存",
                           e->rows + 1);
    assert_non_null(strstr(f.text, want));
    free(want);
}

static void triggers_must_be_kaopings_own(void **state)
{
    struct env *e = *state;
    tamper(e, "DROP TRIGGER lock_progress_update;"
              " DROP TRIGGER audit_unit_update;"
              " CREATE TRIGGER audit_unit_update AFTER UPDATE ON unit BEGIN SELECT 1; END;"
              " CREATE TRIGGER quiet AFTER INSERT ON ledger BEGIN SELECT 1; END;");
    struct findings f = {0};
    struct audit_verdict v;
    assert_int_equal(store_audit_verify(e->st, collect, &f, &v), 3);
    assert_int_equal(v.bad_triggers, 3);
    assert_non_null(strstr(f.text, "触发器 lock_progress_update 缺失"));
    assert_non_null(strstr(f.text, "触发器 audit_unit_update 被改动过"));
    assert_non_null(strstr(f.text, "不属于 kaoping 的触发器 quiet"));
}

/* The guards: content is never edited; the hash is written once. */
static void sealed_rows_cannot_be_resealed_or_edited(void **state)
{
    struct env *e = *state;
    sqlite3 *db = store_db(e->st);
    assert_int_not_equal(sqlite3_exec(db, "UPDATE audit_tx SET hash = zeroblob(16) WHERE n = 1",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
    assert_non_null(strstr(sqlite3_errmsg(db), "KP_AUDIT_APPEND_ONLY"));
    assert_int_not_equal(sqlite3_exec(db, "UPDATE audit_change SET new = NULL WHERE id = 1", NULL,
                                      NULL, NULL),
                         SQLITE_OK);
    assert_int_equal(store_audit_verify(e->st, NULL, NULL, NULL), 0);
}

/* A v4 file (no hash column, the v3 guard) is migrated and every row sealed in order. */
static void version_4_file_is_sealed_on_migration(void **state)
{
    struct env *e = *state;
    char *before = q_text(e->st, "SELECT group_concat(substr(id, 1, 20) || printf('%012x', rowid)"
                                 " || row_key || action, ',') FROM (SELECT * FROM audit ORDER BY"
                                 " rowid)");
    store_close(e->st);
    test_audit_to_v12(e->path);
    e->st = NULL;
    tamper(e, "DROP TABLE target_approval; DROP TABLE target_adjustment;"
              " DROP TABLE publication_row; DROP TABLE publication;" /* v6 */
              " DROP TRIGGER audit_seal_once; DROP TRIGGER audit_no_update;"
              " ALTER TABLE audit DROP COLUMN hash;"
              " DROP TABLE grade; DROP TABLE score_source; DROP TABLE score;"
              " CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
              " SELECT RAISE(ABORT, 'KP_AUDIT_APPEND_ONLY'); END;"
              " DROP TABLE unit_year; DROP TABLE unit_retired;" /* v7 */
              " DROP TABLE year_pool;" /* v8 */
              /* v9 (its migration makes the rectification triggers again) */
              " ALTER TABLE rectification DROP COLUMN carried_from;"
              " PRAGMA user_version = 4;");
    char *version = q_text(e->st, "PRAGMA user_version");
    assert_int_equal(atoi(version), STORE_SCHEMA_VERSION);
    char *after = q_text(e->st, "SELECT group_concat(id || row_key || action, ',') FROM"
                                " (SELECT * FROM audit ORDER BY rowid)");
    assert_string_equal(after, before);
    struct audit_verdict v;
    assert_int_equal(store_audit_verify(e->st, NULL, NULL, &v), 0);
    assert_int_equal(v.rows, e->rows);
    free(before), free(after), free(version);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(own_writes_verify_clean, setup, teardown),
        cmocka_unit_test_setup_teardown(deleted_row_breaks_the_chain_where_it_was, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(deleted_transaction_breaks_the_next, setup, teardown),
        cmocka_unit_test_setup_teardown(deleted_header_leaves_its_rows_unsealed, setup, teardown),
        cmocka_unit_test_setup_teardown(edited_row_is_found_though_the_guard_is_restored, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(edited_header_is_found_though_the_guard_is_restored,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(edited_shape_is_found, setup, teardown),
        cmocka_unit_test_setup_teardown(row_slipped_into_the_log_is_found, setup, teardown),
        cmocka_unit_test_setup_teardown(foreign_row_stays_unsealed, setup, teardown),
        cmocka_unit_test_setup_teardown(triggers_must_be_kaopings_own, setup, teardown),
        cmocka_unit_test_setup_teardown(sealed_rows_cannot_be_resealed_or_edited, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(version_4_file_is_sealed_on_migration, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
