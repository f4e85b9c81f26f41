/* The audit log's cost per row (docs/store.md, "What the audit costs"): the action check
 * without `IN (...)` (v12), and header ids that rise with time (the millisecond, then 80
 * random bits). A v11 file is brought forward: its rows keep their ids, times, operators and
 * values, and the chain verifies. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/audit.h"
#include "db/targets.h"
#include "db/store_internal.h"
#include "model/xmalloc.h"

static long long q_int(struct store *st, const char *sql)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    long long v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static void add_unit(struct store *st, const char *code)
{
    char *sql = xasprintf("INSERT INTO unit(code, name, pool) VALUES ('%s', '单位%s', '乡镇')",
                          code, code);
    test_exec_sql(st, sql);
    free(sql);
}

/* The newest audit row's id: 32 hex digits whose first 12 are the milliseconds since 1970. */
static void assert_rising_id(struct store *st, long long lo_ms, long long hi_ms)
{
    assert_int_equal(q_int(st, "SELECT length(id) = 32 AND id NOT GLOB '*[^0-9a-f]*' FROM audit"
                               " ORDER BY rowid DESC LIMIT 1"),
                     1);
    long long ms = q_int(st, "SELECT unhex_ms FROM (SELECT (SELECT sum((instr('0123456789abcdef',"
                             " substr(id, k, 1)) - 1) << (4 * (12 - k))) FROM (WITH RECURSIVE"
                             " n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 12)"
                             " SELECT k FROM n)) AS unhex_ms FROM audit ORDER BY rowid DESC"
                             " LIMIT 1)");
    assert_true(ms >= lo_ms && ms <= hi_ms);
}

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void new_file_has_the_cheap_check_and_rising_ids(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_non_null(st);
    assert_int_equal(q_int(st, "SELECT count(*) FROM sqlite_schema WHERE name = 'audit_change' AND"
                               " sql LIKE '%action = ''insert'' OR action = ''update'' OR action ="
                               " ''delete''%' AND sql NOT LIKE '%action IN%'"),
                     1);
    long long lo = now_ms() - 1000;
    add_unit(st, "X01");
    assert_rising_id(st, lo, now_ms() + 1000);
    /* The check still refuses what it refused. */
    assert_int_not_equal(sqlite3_exec(store_db(st),
                                      "INSERT INTO audit(id, at, operator, tbl, row_key, action)"
                                      " VALUES ('x', 'x', 'x', 'unit', 'x', 'upsert')",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

/* Every audit row as the readers see it, in order: what a migration must leave as it was. */
static char *audit_fingerprint(sqlite3 *db)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat(id || at || operator || tbl ||"
                                            " row_key || action || coalesce(old, '-') ||"
                                            " coalesce(new, '-'), ',') FROM (SELECT * FROM audit"
                                            " ORDER BY rowid)",
                                        -1, &s, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    char *out = xstrdup((const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return out;
}

/* Turns a v12 file (test_audit_to_v12) back into what v11 wrote: the IN check. */
static const char back_to_v11[] =
    "PRAGMA writable_schema = ON;"
    " UPDATE sqlite_schema SET sql = replace(sql, 'action = ''insert'' OR action ="
    " ''update'' OR action = ''delete''', 'action IN (''insert'', ''update'', ''delete'')')"
    " WHERE name = 'audit';"
    " PRAGMA schema_version = 1000; PRAGMA writable_schema = OFF;"
    " PRAGMA user_version = 11;";

static void version_11_file_is_brought_forward(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_non_null(st);
    add_unit(st, "X01");
    add_unit(st, "X02");
    store_close(st);
    char *path = xasprintf("%s/test.db", dir);
    test_audit_to_v12(path);
    test_raw_exec(path, back_to_v11);
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    char *before = audit_fingerprint(raw);
    sqlite3_close(raw);
    char err[512];
    st = store_open(path, "tester", err, sizeof err);
    assert_non_null(st);
    assert_int_equal(q_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(q_int(st, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'audit%' AND"
                               " sql LIKE '%action IN%'"),
                     0);
    assert_int_equal(q_int(st, "SELECT integrity_check = 'ok' FROM pragma_integrity_check"), 1);
    /* The rows written before are untouched: same ids, times, operators, values, order. */
    char *after = audit_fingerprint(store_db(st));
    assert_string_equal(after, before);
    long long lo = now_ms() - 1000;
    add_unit(st, "X03");
    assert_rising_id(st, lo, now_ms() + 1000);
    /* The rows of v11 and v12 are one chain, and the triggers are the expected ones. */
    struct audit_verdict v;
    assert_int_equal(store_audit_verify(st, NULL, NULL, &v), 0);
    assert_int_equal(v.bad_triggers, 0);
    assert_int_equal(v.rows, q_int(st, "SELECT count(*) FROM audit"));
    store_close(st);
    free(before), free(after), free(path);
    test_rmtree(dir);
    free(dir);
}

/* 审计日志 and `audit --unit` find a unit's rows through the index on audit_change.unit, and
 * find the same rows as the filter of v12 (the unit's own row, or a unit field in the old or
 * new row). */
static void unit_filter_uses_the_indexes_and_finds_the_same_rows(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_demo(&dir);
    assert_non_null(st);
    sqlite3_stmt *units, *ref;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), "SELECT code FROM unit", -1, &units, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(store_db(st),
                                        "SELECT count(*) FROM audit WHERE (tbl = 'unit' AND"
                                        " row_key = ?1) OR json_extract(new, '$.unit') = ?1 OR"
                                        " json_extract(old, '$.unit') = ?1",
                                        -1, &ref, NULL),
                     SQLITE_OK);
    int checked = 0;
    while (sqlite3_step(units) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(units, 0);
        sqlite3_reset(ref);
        sqlite3_bind_text(ref, 1, code, -1, SQLITE_TRANSIENT);
        assert_int_equal(sqlite3_step(ref), SQLITE_ROW);
        struct audit_filter f = {.unit = code};
        struct audit_row *rows;
        size_t n;
        assert_int_equal(store_audit_query(st, &f, &rows, &n), STORE_OK);
        assert_int_equal((long long)n, sqlite3_column_int64(ref, 0));
        assert_true(n > 0);
        store_free_audit(rows, n);
        checked++;
    }
    sqlite3_finalize(units);
    sqlite3_finalize(ref);
    assert_true(checked > 10);
    /* The plan of the filter is an index search, not a scan of the log. */
    sqlite3_stmt *plan;
    assert_int_equal(sqlite3_prepare_v2(store_db(st),
                                        "EXPLAIN QUERY PLAN SELECT rowid FROM audit_change WHERE"
                                        " unit = ?1", -1, &plan, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(plan), SQLITE_ROW);
    assert_non_null(strstr((const char *)sqlite3_column_text(plan, 3), "audit_change_unit"));
    sqlite3_finalize(plan);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

struct prow {
    int year, quarter;
    char unit[32], item[32];
    double actual;
};

/* The progress rows of the demo's unlocked years. */
static struct prow *unlocked_progress(struct store *st, size_t *n)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(store_db(st),
                                        "SELECT p.year, p.unit, p.item, p.quarter, p.actual FROM"
                                        " progress p JOIN year y USING (year) WHERE y.locked = 0",
                                        -1, &s, NULL),
                     SQLITE_OK);
    struct prow *rows = NULL;
    *n = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        rows = xreallocarray(rows, *n + 1, sizeof *rows);
        struct prow *r = &rows[(*n)++];
        r->year = sqlite3_column_int(s, 0);
        snprintf(r->unit, sizeof r->unit, "%s", (const char *)sqlite3_column_text(s, 1));
        snprintf(r->item, sizeof r->item, "%s", (const char *)sqlite3_column_text(s, 2));
        r->quarter = sqlite3_column_int(s, 3);
        r->actual = sqlite3_column_double(s, 4);
    }
    sqlite3_finalize(s);
    return rows;
}

/* A bulk write hashes its audit rows every STORE_SEAL_EVERY (2,048) changed rows as it goes
 * (src/db/store.c), while their pages are cached: with the rest at COMMIT the log is one
 * unbroken chain with every row sealed, one audit row per changed row, one header. */
static void bulk_write_seals_as_it_goes_into_one_chain(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_demo(&dir);
    assert_non_null(st);
    size_t n;
    struct prow *rows = unlocked_progress(st, &n);
    assert_true(n > 500);
    long long before = q_int(st, "SELECT count(*) FROM audit");
    assert_int_equal(store_begin_bulk(st, NULL, NULL), STORE_OK);
    long changed = 0;
    for (int pass = 1; changed < 5000; pass++) {
        for (size_t i = 0; i < n; i++) {
            struct quarter_progress p = {.present = true, .actual = rows[i].actual + pass};
            enum store_put put;
            assert_int_equal(store_progress_put(st, rows[i].year, rows[i].unit, rows[i].item,
                                                rows[i].quarter, &p, &put),
                             STORE_OK);
            assert_int_equal(put, PUT_UPDATED);
            changed++;
        }
    }
    /* Hashed as it went: at most the last 2,048 rows wait for COMMIT. */
    assert_true(store_audit_state(st)->rows > changed - 2048);
    long long headers = q_int(st, "SELECT count(*) FROM audit_tx");
    assert_int_equal(store_commit(st), STORE_OK);
    assert_int_equal(q_int(st, "SELECT count(*) FROM audit_tx"), headers + 1);
    assert_int_equal(q_int(st, "SELECT count(*) FROM audit"), before + changed);
    struct audit_verdict v;
    assert_int_equal(store_audit_verify(st, NULL, NULL, &v), 0);
    assert_int_equal(v.unsealed, 0);
    assert_int_equal(v.broken, 0);
    assert_int_equal(v.rows, before + changed);
    free(rows);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

/* store_begin_bulk's quick_check runs without CHECK constraints; the writes after it must
 * still be checked. */
static void checks_hold_after_the_bulk_begin(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_non_null(st);
    assert_int_equal(store_begin_bulk(st, NULL, NULL), STORE_OK);
    assert_int_equal(sqlite3_exec(store_db(st), "INSERT INTO pool(name, sort_order) VALUES ('', 9)",
                                  NULL, NULL, NULL),
                     SQLITE_CONSTRAINT);
    store_rollback(st);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_file_has_the_cheap_check_and_rising_ids),
        cmocka_unit_test(version_11_file_is_brought_forward),
        cmocka_unit_test(unit_filter_uses_the_indexes_and_finds_the_same_rows),
        cmocka_unit_test(bulk_write_seals_as_it_goes_into_one_chain),
        cmocka_unit_test(checks_hold_after_the_bulk_begin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
