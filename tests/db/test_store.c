/* The store's foundation: creating, reopening and migrating files, refusing foreign or newer
 * files, connection settings, foreign keys, the audit trail, the year lock, new years and
 * the database path. Every test works on real SQLite files in a fresh temp dir. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/ledger.h"
#include "db/store_internal.h"
#include "db/targets.h"
#include "db/units.h"
#include "db/years.h"
#include "model/scheme.h"
#include "model/xmalloc.h"

/* cmocka 1.1 has no double comparison; points are whole or half numbers. */
#define assert_near(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-9)

/* ---- small helpers ---------------------------------------------------------------- */

/* The single integer a query returns on the store's own connection (-1 if no row). */

/* The single text a query returns (malloc'd; "" for NULL or no row). */
static char *q_text(struct store *st, const char *sql)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
    const unsigned char *t = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_text(s, 0) : NULL;
    char *out = xstrdup(t ? (const char *)t : "");
    sqlite3_finalize(s);
    return out;
}

static void assert_q_text(struct store *st, const char *sql, const char *want)
{
    char *got = q_text(st, sql);
    assert_string_equal(got, want);
    free(got);
}

static long long audit_count(struct store *st)
{
    return test_sql_int(st, "SELECT count(*) FROM audit");
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = xmalloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* A test's store plus its temp dir. */
struct fixture {
    char *dir;
    struct store *st;
};

static int setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    fx->st = test_store_new(&fx->dir);
    assert_non_null(fx->st);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    store_close(fx->st);
    test_rmtree(fx->dir);
    free(fx->dir);
    free(fx);
    return 0;
}

static void put_unit(struct store *st, const char *code, const char *name, const char *pool)
{
    struct unit u = {.code = (char *)code, .name = (char *)name, .pool = (char *)pool};
    enum store_put res;
    assert_int_equal(store_unit_put(st, store_latest_year(st), &u, &res), STORE_OK);
}

static struct target_item make_item(const char *code, const char *category, double points)
{
    struct target_item it = {.code = (char *)code, .category = (char *)category,
                             .name = (char *)"招商引资到位资金", .points = points,
                             .method = METHOD_RATIO, .target = 1000, .measure = (char *)"万元",
                             .budget = 50, .schedule = {25, 50, 75, 100}};
    return it;
}

/* Year 2025 (qitai preset), unit X01 in 县直部门 with one target A11 and its Q1 progress, one
 * inspection record (id returned) and an appraisal: one row of every per-year table. */
static void seed(struct store *st, char ledger_id[KP_ID_LEN + 1])
{
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_year_ensure(st, 2025), STORE_OK);
    put_unit(st, "X01", "县教育局", "县直部门");
    struct target_item it = make_item("A11", "全局性重点工作", 15);
    enum store_put res;
    assert_int_equal(store_target_put(st, 2025, "X01", &it, &res), STORE_OK);
    struct quarter_progress p = {.actual = 200, .has_spent = true, .spent = 10};
    assert_int_equal(store_progress_put(st, 2025, "X01", "A11", 1, &p, &res), STORE_OK);
    struct ledger_entry e = {.date = "2025-04-01", .type = LEDGER_INSPECTION, .points = 0.5,
                             .aspect = (char *)"作风建设", .method = (char *)"暗访",
                             .reason = (char *)"上班时间脱岗"};
    assert_int_equal(store_ledger_put(st, 2025, "X01", &e, &res), STORE_OK);
    memcpy(ledger_id, e.id, KP_ID_LEN + 1);
    assert_int_equal(store_appraisal_put(st, 2025, "X01", 86.4, true, 91, &res), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
}

/* ---- files: create, reopen, migrate, refuse --------------------------------------- */

static void create_makes_private_file_and_parent_dirs(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *path = xasprintf("%s/a/b/c/kaoping.db", dir);
    char err[512];
    struct store *st = store_open(path, "tester", err, sizeof err);
    assert_non_null(st);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    char *parent = xasprintf("%s/a/b/c", dir);
    assert_int_equal(stat(parent, &sb), 0);
    assert_true(S_ISDIR(sb.st_mode));
    assert_int_equal(test_sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_true(store_is_empty(st));
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM pool"), 4);
    assert_string_equal(store_path(st), path);
    assert_string_equal(store_operator(st), "tester");
    store_close(st);
    free(parent);
    free(path);
    test_rmtree(dir);
    free(dir);
}

static void reopen_keeps_data_and_version(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_non_null(st);
    put_unit(st, "X01", "县教育局", "县直部门");
    store_close(st);
    char *path = xasprintf("%s/test.db", dir);
    char err[512];
    st = store_open(path, "other", err, sizeof err);
    assert_non_null(st);
    assert_int_equal(test_sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM unit"), 1);
    /* Reopening must not re-run the migration (it would fail on existing tables). */
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM pool"), 4);
    assert_false(store_is_empty(st));
    store_close(st);
    free(path);
    test_rmtree(dir);
    free(dir);
}

/* The audit log is append-only: updates and deletes are refused, even in raw SQL. */
static void audit_log_is_append_only(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_non_null(st);
    test_exec_sql(st, "INSERT INTO unit(code, name, pool) VALUES ('X01', '县教育局', '县直部门')");
    long long before = test_sql_int(st, "SELECT count(*) FROM audit");
    assert_true(before > 0);
    sqlite3 *db = store_db(st);
    /* The rows, their headers and the shapes under their values (docs/store.md). */
    static const char *const edits[] = {
        "UPDATE audit_change SET new = NULL", "DELETE FROM audit_change",
        "UPDATE audit_tx SET operator = 'mallory'", "UPDATE audit_tx SET hash = NULL",
        "DELETE FROM audit_tx", "UPDATE audit_shape SET cols = '[]'", "DELETE FROM audit_shape"};
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        assert_int_not_equal(sqlite3_exec(db, edits[i], NULL, NULL, NULL), SQLITE_OK);
        assert_non_null(strstr(sqlite3_errmsg(db), "KP_AUDIT_APPEND_ONLY"));
    }
    /* The view that shows them cannot be edited either. */
    assert_int_not_equal(sqlite3_exec(db, "UPDATE audit SET operator = 'mallory'", NULL, NULL, NULL),
                         SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM audit"), before);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM audit WHERE operator = 'mallory'"), 0);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

/* A version-1 file (before the checkpoint index, the append-only audit and its hash chain) is
 * brought forward to the current version. */
static void migrates_version_1_to_current(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_non_null(st);
    store_close(st);
    char *path = xasprintf("%s/test.db", dir);
    test_audit_to_v12(path);
    test_raw_exec(
        path, "DROP INDEX progress_checkpoint; DROP TRIGGER audit_no_update;"
              " DROP TRIGGER audit_no_delete; DROP TRIGGER audit_seal_once;"
              " ALTER TABLE audit DROP COLUMN hash; DROP TABLE field_meta;"
              " DROP TABLE field_conflict; DROP TABLE target_approval;"
              " DROP TABLE target_adjustment; DROP TABLE publication_row;"
              " DROP TABLE publication; DROP TABLE unit_year; DROP TABLE unit_retired;"
              " DROP TABLE year_pool; DROP TABLE grade; DROP TABLE score_source; DROP TABLE score;"
              " ALTER TABLE rectification DROP COLUMN carried_from;"
              " PRAGMA user_version = 1;");
    char err[512];
    st = store_open(path, "tester", err, sizeof err);
    assert_non_null(st);
    assert_int_equal(test_sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM sqlite_schema WHERE name IN"
                               " ('progress_checkpoint', 'audit_no_update', 'audit_no_delete',"
                               " 'audit_seal_once')"),
                     4);
    /* v4: field work's tables, and the file's county id (docs/field.md). */
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM field_meta WHERE key = 'county_id'"
                               " AND length(value) = 32"),
                     1);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM field_conflict"), 0);
    /* v6: approvals, adjustments and snapshots, audited, with the snapshot guards. */
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND"
                               " name IN ('audit_target_adjustment_insert',"
                               " 'lock_target_approval_update', 'publication_no_update',"
                               " 'publication_row_no_delete')"),
                     4);
    /* v8: pools per year, audited and locked with the year */
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND"
                               " name IN ('audit_year_pool_insert', 'lock_year_pool_update')"),
                     2);
    store_close(st);
    free(path);
    test_rmtree(dir);
    free(dir);
}

static void migrates_existing_version_0_file(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *path = xasprintf("%s/old.db", dir);
    /* A valid SQLite file at user_version 0, with something in it already. */
    test_raw_exec(path, "CREATE TABLE notes(x); INSERT INTO notes VALUES ('keep');");
    char err[512];
    struct store *st = store_open(path, "tester", err, sizeof err);
    assert_non_null(st);
    assert_int_equal(test_sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM sqlite_schema WHERE name IN"
                               " ('year', 'scheme', 'category', 'unit', 'target', 'progress',"
                               " 'ledger', 'appraisal', 'rectification', 'audit')"),
                     10);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
                               " AND name LIKE 'audit_%'"),
                     (10 + 4 + 2 + 1 + 3) * 3 + 8); /* three per audited table (4 of v6, 2 of
                                                     v7, 1 of v8, 3 of v9), plus the guards */
    assert_q_text(st, "SELECT x FROM notes", "keep");
    store_close(st);
    free(path);
    test_rmtree(dir);
    free(dir);
}

static void refuses_newer_version_without_touching_it(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *path = xasprintf("%s/new.db", dir);
    /* As a future kaoping would leave it (rollback journal, so any change to WAL shows). */
    test_raw_exec(path,
                  "PRAGMA journal_mode = DELETE; CREATE TABLE t(x); PRAGMA user_version = 99;");
    size_t len_before, len_after;
    char *before = read_file(path, &len_before);
    char err[512];
    struct store *st = store_open(path, "tester", err, sizeof err);
    assert_null(st);
    assert_non_null(strstr(err, "99"));
    assert_non_null(strstr(err, "版本"));
    assert_non_null(strstr(err, "升级"));
    assert_null(strchr(err, '\n'));
    char *after = read_file(path, &len_after);
    assert_int_equal(len_before, len_after);
    assert_memory_equal(before, after, len_before);
    free(before);
    free(after);
    free(path);
    test_rmtree(dir);
    free(dir);
}

static void refuses_newer_version_of_own_file(void **state)
{
    struct fixture *fx = *state;
    store_close(fx->st);
    fx->st = NULL;
    char *path = xasprintf("%s/test.db", fx->dir);
    char *copy = xasprintf("%s/copy.db", fx->dir);
    char *cmd = xasprintf("cp '%s' '%s' && sqlite3 '%s' 'PRAGMA user_version = 99'", path, copy,
                          copy);
    assert_int_equal(test_run(cmd, NULL), 0);
    char err[512];
    assert_null(store_open(copy, "tester", err, sizeof err));
    assert_non_null(strstr(err, "99"));
    assert_non_null(strstr(err, "版本"));
    /* The original still opens. */
    fx->st = store_open(path, "tester", err, sizeof err);
    assert_non_null(fx->st);
    free(cmd);
    free(copy);
    free(path);
}

static void refuses_file_that_is_not_sqlite(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *path = xasprintf("%s/notes.txt", dir);
    static const char text[] = "这不是数据库, just some notes that happen to be long enough to"
                               " have a 100-byte header and then some more text.\n";
    write_file(path, text, sizeof text - 1);
    char err[512];
    assert_null(store_open(path, "tester", err, sizeof err));
    assert_non_null(strstr(err, "不是 kaoping 数据库"));
    assert_non_null(strstr(err, path));
    assert_null(strchr(err, '\n'));
    size_t len;
    char *after = read_file(path, &len);
    assert_int_equal(len, sizeof text - 1);
    assert_memory_equal(after, text, len);
    free(after);
    free(path);
    test_rmtree(dir);
    free(dir);
}

static void refuses_unwritable_location_with_message(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *file = xasprintf("%s/plain", dir);
    write_file(file, "x", 1);
    /* A regular file where a directory should be: mkdir fails with ENOTDIR. */
    char *path = xasprintf("%s/plain/sub/kaoping.db", dir);
    char err[512];
    assert_null(store_open(path, "tester", err, sizeof err));
    assert_non_null(strstr(err, "无法创建"));
    free(path);
    free(file);
    test_rmtree(dir);
    free(dir);
}

/* Child of concurrent_first_opens: waits at the barrier, opens, writes one unit. */
static int racing_open(const char *path, int barrier, int i)
{
    char c;
    if (read(barrier, &c, 1) < 0)
        return 3;
    char err[512], code[16], name[32];
    snprintf(code, sizeof code, "R%d", i);
    snprintf(name, sizeof name, "operator%d", i);
    struct store *st = store_open(path, name, err, sizeof err);
    if (!st) {
        fprintf(stderr, "child %d: %s\n", i, err);
        return 1;
    }
    struct unit u = {.code = code, .name = code, .pool = (char *)"乡镇"};
    enum store_put res;
    int rc = store_begin(st);
    if (rc == STORE_OK)
        rc = store_unit_put(st, store_latest_year(st), &u, &res);
    if (rc == STORE_OK)
        rc = store_commit(st);
    if (rc != STORE_OK)
        fprintf(stderr, "child %d: %s\n", i, store_errmsg(st));
    store_close(st);
    return rc == STORE_OK ? 0 : 2;
}

/* Several programs opening a database that does not exist yet, at the same moment (two
 * operators starting kaoping on a shared file): one creates and migrates, the others wait
 * and find it migrated; nobody fails and nothing is created twice. */
static void concurrent_first_opens(void **state)
{
    (void)state;
    enum { N = 6 };
    char *dir = test_tmpdir();
    char *path = xasprintf("%s/shared/kaoping.db", dir);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t kids[N];
    for (int i = 0; i < N; i++) {
        kids[i] = fork();
        assert_true(kids[i] >= 0);
        if (kids[i] == 0) {
            close(fds[1]);
            _exit(racing_open(path, fds[0], i));
        }
    }
    close(fds[0]);
    close(fds[1]); /* releases every child at once */
    for (int i = 0; i < N; i++) {
        int status;
        assert_int_equal(waitpid(kids[i], &status, 0), kids[i]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    char err[512];
    struct store *st = store_open(path, "tester", err, sizeof err);
    assert_non_null(st);
    assert_int_equal(test_sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM unit"), N);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM pool"), 4);
    assert_int_equal(test_sql_int(st, "SELECT count(DISTINCT operator) FROM audit WHERE tbl = 'unit'"), N);
    assert_q_text(st, "PRAGMA integrity_check", "ok");
    store_close(st);
    free(path);
    test_rmtree(dir);
    free(dir);
}

static void connection_settings(void **state)
{
    struct fixture *fx = *state;
    assert_q_text(fx->st, "PRAGMA journal_mode", "wal");
    assert_int_equal(test_sql_int(fx->st, "PRAGMA foreign_keys"), 1);
    assert_int_equal(test_sql_int(fx->st, "PRAGMA synchronous"), 2); /* FULL */
    /* Waiting for other writers is kaoping's own busy handler (PRAGMA busy_timeout reads 0);
     * how long it waits is tested in tests/cli/busy_wait.sh and open_while_busy.sh. */
}

/* ---- keys that never collide across laptops ------------------------------------------ */

static void every_table_has_a_primary_key(void **state)
{
    struct fixture *fx = *state;
    /* Every table of the schema declares one (no rowid-only table), whatever tables a later
     * version adds. */
    assert_true(test_sql_int(fx->st, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                              " AND name NOT LIKE 'sqlite_%'") >= 11);
    char *missing = q_text(fx->st, "SELECT group_concat(name) FROM sqlite_schema t"
                                   " WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                                   " AND NOT EXISTS (SELECT 1 FROM pragma_table_info(t.name)"
                                   " WHERE pk > 0)");
    assert_string_equal(missing, "");
    free(missing);
    /* Ledger, rectification and audit rows are keyed by random 128-bit ids (32 hex). */
    assert_int_equal(test_sql_int(fx->st, "SELECT count(*) FROM pragma_table_info('ledger')"
                                   " WHERE pk = 1 AND name = 'id'"),
                     1);
    assert_int_equal(test_sql_int(fx->st, "SELECT count(*) FROM pragma_table_info('rectification')"
                                   " WHERE pk = 1 AND name = 'id'"),
                     1);
    char ids[200][KP_ID_LEN + 1];
    for (int i = 0; i < 200; i++) {
        store_new_id(ids[i]);
        assert_int_equal(strlen(ids[i]), 32);
        assert_int_equal(strspn(ids[i], "0123456789abcdef"), 32);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(ids[i], ids[j]);
    }
    char ledger_id[KP_ID_LEN + 1];
    seed(fx->st, ledger_id);
    assert_int_equal(strspn(ledger_id, "0123456789abcdef"), 32);
    assert_int_equal(test_sql_int(fx->st, "SELECT count(*) FROM audit WHERE length(id) <> 32"
                                   " OR id GLOB '*[^0-9a-f]*'"),
                     0);
}

/* ---- foreign keys ------------------------------------------------------------------- */

static void foreign_keys_enforced(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    enum store_put res;
    assert_int_equal(store_year_ensure(st, 2025), STORE_OK);
    long long audits = audit_count(st);

    struct target_item it = make_item("A11", "全局性重点工作", 15);
    assert_int_equal(store_target_put(st, 2025, "NOPE", &it, &res), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(st), "NOPE"));
    assert_non_null(strstr(store_errmsg(st), "不存在"));

    struct unit u = {.code = (char *)"X02", .name = (char *)"县民政局", .pool = (char *)"不存在的分组"};
    assert_int_equal(store_unit_put(st, store_latest_year(st), &u, &res), STORE_INVALID);
    u.pool = (char *)"县直部门";
    u.parent = (char *)"NOPE";
    assert_int_equal(store_unit_put(st, store_latest_year(st), &u, &res), STORE_INVALID);

    put_unit(st, "X01", "县教育局", "县直部门");
    audits = audit_count(st);
    struct quarter_progress p = {.actual = 1};
    assert_int_equal(store_progress_put(st, 2025, "X01", "NOITEM", 1, &p, &res), STORE_INVALID);
    assert_int_equal(store_appraisal_put(st, 2025, "NOPE", 80, false, 0, &res), STORE_INVALID);
    assert_int_equal(store_appraisal_put(st, 2030, "X01", 80, false, 0, &res), STORE_INVALID);
    struct ledger_entry e = {.date = "2025-05-01", .type = LEDGER_COMPLAINT, .points = 0.5,
                             .reason = (char *)"群众投诉"};
    assert_int_equal(store_ledger_put(st, 2025, "NOPE", &e, &res), STORE_INVALID);
    assert_int_equal(store_target_put(st, 2030, "X01", &it, &res), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(st), "2030"));
    /* Nothing refused left a trace. */
    assert_int_equal(audit_count(st), audits);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM progress") + test_sql_int(st, "SELECT count(*) FROM ledger")
                         + test_sql_int(st, "SELECT count(*) FROM appraisal"),
                     0);
    /* And the raw engine refuses too (the constraint is in the schema, not only in C). */
    assert_int_not_equal(sqlite3_exec(store_db(st),
                                      "INSERT INTO target(year, unit, item, category, name, points,"
                                      " method, target_value) VALUES (2025, 'NOPE', 'A1', '目标任务',"
                                      " 'x', 1, 'ratio', 1)",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
    assert_int_equal(sqlite3_extended_errcode(store_db(st)), SQLITE_CONSTRAINT_FOREIGNKEY);
}

/* ---- audit trail ---------------------------------------------------------------------- */

/* The newest audit row's "action|operator|key|old?|new?" for a table. */
static char *last_audit(struct store *st, const char *table)
{
    char *sql = xasprintf("SELECT action || '|' || operator || '|' || row_key || '|' ||"
                          " (old IS NOT NULL) || '|' || (new IS NOT NULL) FROM audit"
                          " WHERE tbl = '%s' ORDER BY at DESC, rowid DESC LIMIT 1",
                          table);
    char *out = q_text(st, sql);
    free(sql);
    return out;
}

static void assert_last_audit(struct store *st, const char *table, const char *want)
{
    char *got = last_audit(st, table);
    assert_string_equal(got, want);
    free(got);
}

static void audit_units(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    enum store_put res;
    struct unit u = {.code = (char *)"X01", .name = (char *)"县教育局", .pool = (char *)"县直部门"};
    assert_int_equal(store_unit_put(st, store_latest_year(st), &u, &res), STORE_OK);
    assert_int_equal(res, PUT_INSERTED);
    assert_last_audit(st, "unit", "insert|tester|X01|0|1");
    assert_q_text(st, "SELECT json_extract(new, '$.name') FROM audit WHERE tbl = 'unit'", "县教育局");

    long long n = audit_count(st);
    assert_int_equal(store_unit_put(st, store_latest_year(st), &u, &res), STORE_OK);
    assert_int_equal(res, PUT_UNCHANGED);
    assert_int_equal(audit_count(st), n);

    u.leader = (char *)"吴晓红";
    assert_int_equal(store_unit_put(st, store_latest_year(st), &u, &res), STORE_OK);
    assert_int_equal(res, PUT_UPDATED);
    assert_int_equal(audit_count(st), n + 1);
    assert_last_audit(st, "unit", "update|tester|X01|1|1");
    assert_q_text(st, "SELECT json_extract(old, '$.leader') IS NULL AND"
                      " json_extract(new, '$.leader') = '吴晓红' FROM audit WHERE action = 'update'",
                  "1");

    assert_int_equal(store_unit_delete(st, "X01"), STORE_OK);
    assert_last_audit(st, "unit", "delete|tester|X01|1|0");
    assert_q_text(st, "SELECT json_extract(old, '$.leader') FROM audit WHERE action = 'delete'",
                  "吴晓红");
    assert_int_equal(store_unit_delete(st, "X01"), STORE_NOTFOUND);
}

static void audit_targets_and_progress(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    char id[KP_ID_LEN + 1];
    seed(st, id);
    assert_last_audit(st, "target", "insert|tester|2025/X01/A11|0|1");
    assert_last_audit(st, "progress", "insert|tester|2025/X01/A11/Q1|0|1");
    assert_q_text(st, "SELECT json_extract(new, '$.spent') FROM audit WHERE tbl = 'progress'", "10.0");

    enum store_put res;
    long long n = audit_count(st);
    struct target_item it = make_item("A11", "全局性重点工作", 15);
    assert_int_equal(store_target_put(st, 2025, "X01", &it, &res), STORE_OK);
    assert_int_equal(res, PUT_UNCHANGED);
    struct quarter_progress p = {.actual = 200, .has_spent = true, .spent = 10};
    assert_int_equal(store_progress_put(st, 2025, "X01", "A11", 1, &p, &res), STORE_OK);
    assert_int_equal(res, PUT_UNCHANGED);
    assert_int_equal(audit_count(st), n);

    it.target = 1200;
    assert_int_equal(store_target_put(st, 2025, "X01", &it, &res), STORE_OK);
    assert_int_equal(res, PUT_UPDATED);
    assert_last_audit(st, "target", "update|tester|2025/X01/A11|1|1");
    assert_q_text(st, "SELECT json_extract(old, '$.target_value') || '->' ||"
                      " json_extract(new, '$.target_value') FROM audit WHERE tbl = 'target'"
                      " AND action = 'update'",
                  "1000.0->1200.0");
    p.actual = 300;
    p.note = (char *)"进度正常";
    assert_int_equal(store_progress_put(st, 2025, "X01", "A11", 1, &p, &res), STORE_OK);
    assert_int_equal(res, PUT_UPDATED);
    assert_last_audit(st, "progress", "update|tester|2025/X01/A11/Q1|1|1");
    assert_int_equal(audit_count(st), n + 2);

    /* A target with progress cannot go; without it, it can. */
    assert_int_equal(store_target_delete(st, 2025, "X01", "A11"), STORE_INVALID);
    assert_int_equal(store_progress_delete(st, 2025, "X01", "A11", 1), STORE_OK);
    assert_last_audit(st, "progress", "delete|tester|2025/X01/A11/Q1|1|0");
    assert_int_equal(store_target_delete(st, 2025, "X01", "A11"), STORE_OK);
    assert_last_audit(st, "target", "delete|tester|2025/X01/A11|1|0");
    assert_int_equal(store_target_delete(st, 2025, "X01", "A11"), STORE_NOTFOUND);
}

static void audit_ledger_and_appraisal(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    char id[KP_ID_LEN + 1];
    seed(st, id);
    assert_int_equal(strlen(id), KP_ID_LEN);
    char *key = xasprintf("insert|tester|%s|0|1", id);
    assert_last_audit(st, "ledger", key);
    free(key);
    assert_last_audit(st, "appraisal", "insert|tester|2025/X01|0|1");

    enum store_put res;
    long long n = audit_count(st);
    struct ledger_entry e = {.date = "2025-04-01", .type = LEDGER_INSPECTION, .points = 0.5,
                             .aspect = (char *)"作风建设", .method = (char *)"暗访",
                             .reason = (char *)"上班时间脱岗"};
    memcpy(e.id, id, sizeof e.id);
    assert_int_equal(store_ledger_put(st, 2025, "X01", &e, &res), STORE_OK);
    assert_int_equal(res, PUT_UNCHANGED);
    assert_int_equal(store_appraisal_put(st, 2025, "X01", 86.4, true, 91, &res), STORE_OK);
    assert_int_equal(res, PUT_UNCHANGED);
    assert_int_equal(audit_count(st), n);

    e.points = 1.0;
    assert_int_equal(store_ledger_put(st, 2025, "X01", &e, &res), STORE_OK);
    assert_int_equal(res, PUT_UPDATED);
    key = xasprintf("update|tester|%s|1|1", id);
    assert_last_audit(st, "ledger", key);
    free(key);
    assert_int_equal(store_appraisal_put(st, 2025, "X01", 88, false, 0, &res), STORE_OK);
    assert_int_equal(res, PUT_UPDATED);
    assert_last_audit(st, "appraisal", "update|tester|2025/X01|1|1");
    assert_q_text(st, "SELECT json_extract(old, '$.satisfaction') || '/' ||"
                      " coalesce(json_extract(new, '$.satisfaction'), 'null') FROM audit"
                      " WHERE tbl = 'appraisal' AND action = 'update'",
                  "91.0/null");

    assert_int_equal(store_ledger_delete(st, id), STORE_OK);
    key = xasprintf("delete|tester|%s|1|0", id);
    assert_last_audit(st, "ledger", key);
    free(key);
    assert_int_equal(store_ledger_delete(st, id), STORE_NOTFOUND);
    assert_int_equal(store_appraisal_delete(st, 2025, "X01"), STORE_OK);
    assert_last_audit(st, "appraisal", "delete|tester|2025/X01|1|0");
    assert_int_equal(audit_count(st), n + 4);
}

static void audit_uses_each_stores_operator(void **state)
{
    struct fixture *fx = *state;
    char *path = xasprintf("%s/test.db", fx->dir);
    char err[512];
    struct store *other = store_open(path, "张三", err, sizeof err);
    assert_non_null(other);
    put_unit(other, "X05", "县财政局", "县直部门");
    put_unit(fx->st, "X06", "县审计局", "县直部门");
    assert_q_text(fx->st, "SELECT group_concat(row_key || '=' || operator, ',') FROM"
                          " (SELECT * FROM audit WHERE tbl = 'unit' ORDER BY row_key)",
                  "X05=张三,X06=tester");
    store_close(other);
    free(path);
}

static void failed_transaction_leaves_nothing(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    enum store_put res;
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_year_ensure(st, 2025), STORE_OK);
    put_unit(st, "X01", "县教育局", "县直部门");
    struct target_item it = make_item("A11", "没有这个类别", 15);
    assert_int_equal(store_target_put(st, 2025, "X01", &it, &res), STORE_INVALID);
    store_rollback(st);
    assert_true(store_is_empty(st));
    assert_int_equal(audit_count(st), 0);
    /* The connection is usable again (no transaction left open). */
    assert_int_equal(store_begin(st), STORE_OK);
    store_rollback(st);
}

/* ---- year lock ------------------------------------------------------------------------- */

static void assert_locked_refusal(struct store *st, int rc)
{
    assert_int_equal(rc, STORE_INVALID);
    assert_non_null(strstr(store_errmsg(st), "已审定"));
}

static void lock_refuses_every_change(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    char id[KP_ID_LEN + 1];
    seed(st, id);
    enum store_put res;
    struct target_item it2 = make_item("A12", "全局性重点工作", 15);
    assert_int_equal(store_target_put(st, 2025, "X01", &it2, &res), STORE_OK);
    long long before = audit_count(st);
    assert_int_equal(store_year_set_lock(st, 2025, true, "2025 年度审定"), STORE_OK);
    assert_int_equal(audit_count(st), before + 1);
    assert_last_audit(st, "year", "update|tester|2025|1|1");
    assert_q_text(st, "SELECT json_extract(old, '$.locked') || json_extract(new, '$.locked')"
                      " FROM audit WHERE tbl = 'year' AND action = 'update'",
                  "01");
    bool locked = false;
    assert_int_equal(store_year_locked(st, 2025, &locked), STORE_OK);
    assert_true(locked);
    assert_int_equal(store_year_set_lock(st, 2025, true, NULL), STORE_INVALID);

    long long audits = audit_count(st);
    struct target_item it = make_item("A11", "全局性重点工作", 15);
    it.points = 10;
    assert_locked_refusal(st, store_target_put(st, 2025, "X01", &it, &res));
    struct target_item it3 = make_item("A13", "全局性重点工作", 15);
    assert_locked_refusal(st, store_target_put(st, 2025, "X01", &it3, &res));
    assert_locked_refusal(st, store_target_delete(st, 2025, "X01", "A12"));
    struct quarter_progress p = {.actual = 999};
    assert_locked_refusal(st, store_progress_put(st, 2025, "X01", "A11", 1, &p, &res));
    assert_locked_refusal(st, store_progress_put(st, 2025, "X01", "A11", 2, &p, &res));
    assert_locked_refusal(st, store_progress_delete(st, 2025, "X01", "A11", 1));
    struct ledger_entry e = {.date = "2025-06-01", .type = LEDGER_VETO,
                             .aspect = (char *)"重大安全责任事故", .reason = (char *)"事故"};
    assert_locked_refusal(st, store_ledger_put(st, 2025, "X01", &e, &res));
    assert_locked_refusal(st, store_ledger_delete(st, id));
    assert_locked_refusal(st, store_appraisal_put(st, 2025, "X01", 10, false, 0, &res));
    assert_locked_refusal(st, store_appraisal_delete(st, 2025, "X01"));
    struct scheme sc;
    assert_int_equal(store_scheme_get(st, 2025, &sc), STORE_OK);
    sc.inspection_cap = 5;
    assert_locked_refusal(st, store_scheme_put(st, 2025, &sc));
    assert_locked_refusal(st, store_category_put(st, 2025, "县直部门", "目标任务", 35, 2));
    assert_locked_refusal(st, store_category_put(st, 2025, "县直部门", "新类别", 5, 9));
    assert_locked_refusal(st, store_categories_from_preset(st, 2025, "qitai"));
    /* Moving a record of an open year into the locked year is a change to the locked year. */
    assert_int_equal(store_year_ensure(st, 2026), STORE_OK);
    struct ledger_entry e26 = {.date = "2026-03-01", .type = LEDGER_COMPLAINT, .points = 0.5,
                               .reason = (char *)"投诉"};
    assert_int_equal(store_ledger_put(st, 2026, "X01", &e26, &res), STORE_OK);
    audits = audit_count(st);
    assert_locked_refusal(st, store_ledger_put(st, 2025, "X01", &e26, &res));
    assert_int_equal(audit_count(st), audits);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM target WHERE year = 2025"), 2);
    assert_int_equal(test_sql_int(st, "SELECT sum(points) FROM target WHERE year = 2025"), 30);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM progress"), 1);

    /* Unlocking needs a reason; then changes go through again. */
    assert_int_equal(store_year_set_lock(st, 2025, false, NULL), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(st), "理由"));
    assert_int_equal(store_year_set_lock(st, 2025, false, ""), STORE_INVALID);
    assert_int_equal(audit_count(st), audits);
    assert_int_equal(store_year_set_lock(st, 2025, false, "复核更正"), STORE_OK);
    assert_last_audit(st, "year", "update|tester|2025|1|1");
    assert_q_text(st, "SELECT json_extract(new, '$.lock_note') FROM audit WHERE tbl = 'year'"
                      " ORDER BY at DESC, rowid DESC LIMIT 1",
                  "复核更正");
    assert_int_equal(store_year_set_lock(st, 2025, false, "again"), STORE_INVALID);
    assert_int_equal(store_target_put(st, 2025, "X01", &it, &res), STORE_OK);
    assert_int_equal(res, PUT_UPDATED);
    assert_int_equal(store_year_set_lock(st, 2031, true, NULL), STORE_NOTFOUND);
}

/* ---- new years -------------------------------------------------------------------------- */

static double points_of(struct store *st, int year, const char *pool, const char *name)
{
    char *sql = xasprintf("SELECT points * 100 FROM category WHERE year = %d AND pool = '%s'"
                          " AND name = '%s'",
                          year, pool, name);
    long long h = test_sql_int(st, sql);
    free(sql);
    return (double)h / 100.0;
}

static void year_ensure_uses_qitai_preset(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_year_ensure(st, 2025), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    assert_true(store_year_exists(st, 2025));
    assert_int_equal(store_latest_year(st), 2025);
    assert_near(store_pool_key_points(st, 2025, "乡镇"), 90);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM category WHERE year = 2025 AND pool = '乡镇'"), 6);
    assert_near(points_of(st, 2025, "乡镇", "经济发展"), 20);
    assert_near(points_of(st, 2025, "乡镇", "公共管理服务"), 20);
    static const char *const pools[] = {"县直部门", "驻县单位", "金融机构"};
    for (int i = 0; i < 3; i++) {
        assert_near(points_of(st, 2025, pools[i], "全局性重点工作"), 30);
        assert_near(points_of(st, 2025, pools[i], "目标任务"), 30);
        assert_near(points_of(st, 2025, pools[i], "作风效能建设"), 20);
        assert_near(points_of(st, 2025, pools[i], "专项考核"), 10);
        assert_near(store_pool_key_points(st, 2025, pools[i]), 90);
    }
    struct scheme sc;
    assert_int_equal(store_scheme_get(st, 2025, &sc), STORE_OK);
    assert_string_equal(sc.preset, "qitai");
    assert_near(sc.half_share, 30);
    assert_near(sc.year_share, 60);
    assert_near(sc.appraisal_share, 10);
    assert_near(sc.inspection_cap, 2);
    assert_near(sc.bonus_cap, 0);
    assert_int_equal(sc.veto_effect, VETO_FAIL);
    assert_int_equal(sc.tie_style, TIE_COMPETITION);
    /* Idempotent. */
    assert_int_equal(store_year_ensure(st, 2025), STORE_OK);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM category WHERE year = 2025"), 6 + 3 * 4);
    assert_int_equal(store_year_ensure(st, 1999), STORE_INVALID);
    assert_int_equal(store_year_create_preset(st, 2025, "qitai"), STORE_INVALID);
    assert_int_equal(store_year_create_preset(st, 2027, "nosuch"), STORE_INVALID);
}

static void year_ensure_copies_previous_year(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_year_ensure(st, 2025), STORE_OK);
    struct scheme sc;
    assert_int_equal(store_scheme_get(st, 2025, &sc), STORE_OK);
    sc.inspection_cap = 3;
    sc.tie_style = TIE_DENSE;
    assert_int_equal(store_scheme_put(st, 2025, &sc), STORE_OK);
    assert_int_equal(store_category_put(st, 2025, "县直部门", "目标任务", 35, 2), STORE_OK);
    assert_int_equal(store_category_put(st, 2025, "县直部门", "全局性重点工作", 25, 1), STORE_OK);
    assert_int_equal(store_category_put(st, 2025, "乡镇", "生态环保", 0, 7), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    assert_int_equal(store_year_set_lock(st, 2025, true, NULL), STORE_OK);

    /* Copying from a locked year is reading it: allowed. */
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_year_ensure(st, 2027), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    struct scheme copy;
    assert_int_equal(store_scheme_get(st, 2027, &copy), STORE_OK);
    assert_near(copy.inspection_cap, 3);
    assert_int_equal(copy.tie_style, TIE_DENSE);
    assert_near(points_of(st, 2027, "县直部门", "目标任务"), 35);
    assert_near(points_of(st, 2027, "县直部门", "全局性重点工作"), 25);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM category WHERE year = 2027 AND pool = '乡镇'"), 7);
    bool locked = true;
    assert_int_equal(store_year_locked(st, 2027, &locked), STORE_OK);
    assert_false(locked);

    /* A year before every other one has nothing to copy: the preset. */
    assert_int_equal(store_year_ensure(st, 2024), STORE_OK);
    assert_near(points_of(st, 2024, "县直部门", "目标任务"), 30);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM category WHERE year = 2024 AND pool = '乡镇'"), 6);
    /* A year between copies the latest earlier one. */
    assert_int_equal(store_year_ensure(st, 2026), STORE_OK);
    assert_near(points_of(st, 2026, "县直部门", "目标任务"), 35);
}

/* ---- units -------------------------------------------------------------------------------- */

static void unit_delete_refused_while_referenced(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    char id[KP_ID_LEN + 1];
    seed(st, id);
    assert_int_equal(store_unit_delete(st, "X01"), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(st), "X01"));
    assert_non_null(strstr(store_errmsg(st), "任务书指标"));
    assert_int_equal(store_progress_delete(st, 2025, "X01", "A11", 1), STORE_OK);
    assert_int_equal(store_target_delete(st, 2025, "X01", "A11"), STORE_OK);
    assert_int_equal(store_unit_delete(st, "X01"), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(st), "加减分记录"));
    assert_int_equal(store_ledger_delete(st, id), STORE_OK);
    assert_int_equal(store_unit_delete(st, "X01"), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(st), "公众评议"));
    assert_int_equal(store_appraisal_delete(st, 2025, "X01"), STORE_OK);

    struct unit child = {.code = (char *)"X01-1", .name = (char *)"县第一中学",
                         .pool = (char *)"县直部门", .parent = (char *)"X01"};
    enum store_put res;
    assert_int_equal(store_unit_put(st, store_latest_year(st), &child, &res), STORE_OK);
    assert_int_equal(store_unit_delete(st, "X01"), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(st), "下级单位"));
    assert_int_equal(store_unit_delete(st, "X01-1"), STORE_OK);
    assert_int_equal(store_unit_delete(st, "X01"), STORE_OK);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM unit"), 0);
}

/* ---- path resolution ------------------------------------------------------------------ */

static void assert_path(const char *flag, const char *want)
{
    char *got = store_default_path(flag);
    assert_string_equal(got, want);
    free(got);
}

static void default_path_order(void **state)
{
    (void)state;
    char *saved_db = xstrdup(getenv("KAOPING_DB"));
    char *saved_xdg = xstrdup(getenv("XDG_DATA_HOME"));
    char *saved_home = xstrdup(getenv("HOME"));
    setenv("KAOPING_DB", "/env/k.db", 1);
    setenv("XDG_DATA_HOME", "/xdg", 1);
    setenv("HOME", "/home/op", 1);
    assert_path("/flag/f.db", "/flag/f.db");
    assert_path(NULL, "/env/k.db");
    assert_path("", "/env/k.db");
    unsetenv("KAOPING_DB");
    assert_path(NULL, "/xdg/kaoping/kaoping.db");
    setenv("KAOPING_DB", "", 1); /* empty counts as unset */
    assert_path(NULL, "/xdg/kaoping/kaoping.db");
    setenv("XDG_DATA_HOME", "xdg-relative", 1); /* the XDG spec: a relative path is ignored */
    assert_path(NULL, "/home/op/.local/share/kaoping/kaoping.db");
    unsetenv("XDG_DATA_HOME");
    assert_path(NULL, "/home/op/.local/share/kaoping/kaoping.db");
    assert_path("rel.db", "rel.db");
    /* Restore for the other tests in this process. */
    if (saved_db)
        setenv("KAOPING_DB", saved_db, 1);
    else
        unsetenv("KAOPING_DB");
    if (saved_xdg)
        setenv("XDG_DATA_HOME", saved_xdg, 1);
    if (saved_home)
        setenv("HOME", saved_home, 1);
    free(saved_db), free(saved_xdg), free(saved_home);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(create_makes_private_file_and_parent_dirs),
        cmocka_unit_test(reopen_keeps_data_and_version),
        cmocka_unit_test(migrates_existing_version_0_file),
        cmocka_unit_test(migrates_version_1_to_current),
        cmocka_unit_test(audit_log_is_append_only),
        cmocka_unit_test(refuses_newer_version_without_touching_it),
        cmocka_unit_test_setup_teardown(refuses_newer_version_of_own_file, setup, teardown),
        cmocka_unit_test(refuses_file_that_is_not_sqlite),
        cmocka_unit_test(refuses_unwritable_location_with_message),
        cmocka_unit_test(concurrent_first_opens),
        cmocka_unit_test_setup_teardown(connection_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(every_table_has_a_primary_key, setup, teardown),
        cmocka_unit_test_setup_teardown(foreign_keys_enforced, setup, teardown),
        cmocka_unit_test_setup_teardown(audit_units, setup, teardown),
        cmocka_unit_test_setup_teardown(audit_targets_and_progress, setup, teardown),
        cmocka_unit_test_setup_teardown(audit_ledger_and_appraisal, setup, teardown),
        cmocka_unit_test_setup_teardown(audit_uses_each_stores_operator, setup, teardown),
        cmocka_unit_test_setup_teardown(failed_transaction_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(lock_refuses_every_change, setup, teardown),
        cmocka_unit_test_setup_teardown(year_ensure_uses_qitai_preset, setup, teardown),
        cmocka_unit_test_setup_teardown(year_ensure_copies_previous_year, setup, teardown),
        cmocka_unit_test_setup_teardown(unit_delete_refused_while_referenced, setup, teardown),
        cmocka_unit_test(default_path_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
