/* Schema v13, the compact audit log (docs/store.md, "The audit log"): a v12 file's rows come
 * through the migration as the readers saw them, each its own transaction, and what its chain
 * reported (a broken row, an unsealed one) is still reported; the view shows exactly the JSON
 * the triggers of v12 wrote; a changed row costs at most 150 bytes of log and indexes. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/store_internal.h"
#include "model/xmalloc.h"

static char *raw_text(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    char *out = xstrdup(sqlite3_column_text(s, 0) ? (const char *)sqlite3_column_text(s, 0) : "");
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

/* Every row as the readers see it, in order. */
static const char fingerprint[] =
    "SELECT count(*) || ':' || group_concat(id || '|' || at || '|' || operator || '|' || tbl ||"
    " '|' || row_key || '|' || action || '|' || coalesce(old, '-') || '|' || coalesce(new, '-'),"
    " char(10)) FROM (SELECT * FROM audit ORDER BY rowid)";

struct env {
    char *dir, *path;
    struct store *st;
};

/* The demo, then its file turned back into a v12 one (closed). */
static int setup(void **state)
{
    struct env *e = xcalloc(1, sizeof *e);
    struct store *st = test_store_demo(&e->dir);
    store_close(st);
    e->path = xasprintf("%s/test.db", e->dir);
    test_audit_to_v12(e->path);
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

static void open_store(struct env *e)
{
    char err[512];
    e->st = store_open(e->path, "tester", err, sizeof err);
    assert_non_null(e->st);
    assert_int_equal(test_sql_int(e->st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
}

static void v12_rows_come_through_unchanged(void **state)
{
    struct env *e = *state;
    char *before = raw_text(e->path, fingerprint);
    long long rows = atoll(before);
    assert_true(rows > 1000);
    open_store(e);
    char *after = raw_text(e->path, fingerprint);
    assert_string_equal(after, before);
    /* One transaction per row, every row compact (a shape, values as an array). */
    assert_int_equal(test_sql_int(e->st, "SELECT count(*) FROM audit_tx"), rows);
    assert_int_equal(test_sql_int(e->st, "SELECT count(*) FROM audit_change WHERE shape IS NULL"
                                         " OR old NOT LIKE '[%' AND new NOT LIKE '[%'"),
                     0);
    struct audit_verdict v;
    assert_int_equal(store_audit_verify(e->st, NULL, NULL, &v), 0);
    assert_int_equal(v.rows, rows);
    free(before), free(after);
}

/* A row the v12 chain saw edited, and one it saw unsealed: still seen after the migration. */
static void v12_breaks_are_still_reported(void **state)
{
    struct env *e = *state;
    test_raw_exec(e->path,
                  "DROP TRIGGER audit_no_update;"
                  " UPDATE audit SET operator = 'someone else' WHERE rowid = 50;"
                  " INSERT INTO audit(id, at, operator, tbl, row_key, action) VALUES"
                  " ('feedfeedfeedfeedfeedfeedfeedfeed', '2026-01-01T00:00:00.000Z', '局长',"
                  " 'unit', 'T01', 'delete');"
                  " CREATE TRIGGER audit_no_update BEFORE UPDATE OF id, at, operator, tbl,"
                  " row_key, action, old, new ON audit BEGIN"
                  " SELECT RAISE(ABORT, 'KP_AUDIT_APPEND_ONLY'); END;");
    open_store(e);
    struct audit_verdict v;
    assert_int_equal(store_audit_verify(e->st, NULL, NULL, &v), 2);
    assert_int_equal(v.broken, 1);
    assert_int_equal(v.unsealed, 1);
    /* kaoping's next write chains on; the break and the foreign row stay as they were. */
    assert_int_equal(store_begin(e->st), STORE_OK);
    test_exec_sql(e->st, "UPDATE unit SET leader = '新' WHERE code = 'T02'");
    assert_int_equal(store_commit(e->st), STORE_OK);
    assert_int_equal(store_audit_verify(e->st, NULL, NULL, &v), 2);
    assert_int_equal(v.broken, 1);
    assert_int_equal(v.unsealed, 1);
}

/* What the view shows is the JSON object the v12 trigger wrote: the row's columns in order. */
static void view_shows_the_rows_json(void **state)
{
    struct env *e = *state;
    open_store(e);
    assert_int_equal(store_begin(e->st), STORE_OK);
    test_exec_sql(e->st, "UPDATE unit SET leader = '引号\"和\\反斜杠', name = name || ' ' WHERE"
                         " code = 'T02'");
    assert_int_equal(store_commit(e->st), STORE_OK);
    assert_int_equal(test_sql_int(e->st,
                                  "SELECT new = (SELECT json_object('code', code, 'name', name,"
                                  " 'pool', pool, 'parent', parent, 'leader', leader) FROM unit"
                                  " WHERE code = 'T02') FROM audit ORDER BY rowid DESC LIMIT 1"),
                     1);
    assert_int_equal(test_sql_int(e->st, "SELECT count(*) FROM audit WHERE old IS NOT NULL AND"
                                         " json_type(old) <> 'object'"),
                     0);
    assert_int_equal(test_sql_int(e->st, "SELECT count(*) FROM audit WHERE new IS NOT NULL AND"
                                         " json_type(new) <> 'object'"),
                     0);
}

/* Issue 18's goal: at most 150 bytes of audit (tables and indexes, dbstat) per audited
 * progress row of a fresh import: one transaction of progress inserts like gen_province's
 * (bench/README.md: an actual value, no spending or notes). */
static void a_progress_row_costs_at_most_150_bytes(void **state)
{
    struct env *e = *state;
    open_store(e);
    static const char size[] = "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'audit%'";
    assert_int_equal(store_begin(e->st), STORE_OK);
    test_exec_sql(e->st, "INSERT INTO year(year) VALUES (2027);"
                         " INSERT INTO target SELECT 2027, unit, item, category, name, points,"
                         " method, target_value, measure, budget, sched1, sched2, sched3, sched4"
                         " FROM target WHERE year = 2026");
    assert_int_equal(store_commit(e->st), STORE_OK);
    long long before = test_sql_int(e->st, size);
    long long rows0 = test_sql_int(e->st, "SELECT count(*) FROM audit");
    assert_int_equal(store_begin(e->st), STORE_OK);
    test_exec_sql(e->st, "INSERT INTO progress(year, unit, item, quarter, actual)"
                         " SELECT 2027, unit, item, q, 12.5 * q FROM target,"
                         " (SELECT 1 AS q UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL"
                         " SELECT 4) WHERE year = 2027");
    assert_int_equal(store_commit(e->st), STORE_OK);
    long long progress = test_sql_int(e->st, "SELECT count(*) FROM progress WHERE year = 2027");
    assert_true(progress > 1000);
    assert_int_equal(test_sql_int(e->st, "SELECT count(*) FROM audit") - rows0, progress);
    long long bytes = test_sql_int(e->st, size) - before;
    print_message("audit bytes per progress row: %.1f (%lld rows)\n", (double)bytes / progress,
                  progress);
    assert_true(bytes <= 150 * progress);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(v12_rows_come_through_unchanged, setup, teardown),
        cmocka_unit_test_setup_teardown(v12_breaks_are_still_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(view_shows_the_rows_json, setup, teardown),
        cmocka_unit_test_setup_teardown(a_progress_row_costs_at_most_150_bytes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
