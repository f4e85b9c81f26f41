/* Schema v11 (docs/store.md "Schema versions"): progress rebuilt with an optional actual (a
 * 评分 item's row with only its score), the decision on a warned item and the 更正 mark. A v10
 * file migrates without loss, locked years included; the new columns round-trip through the
 * store and the loader. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/load.h"
#include "db/store_internal.h"
#include "db/targets.h"
#include "db/units.h"
#include "db/years.h"
#include "model/xmalloc.h"

struct fixture {
    char *dir;
    struct store *st;
};

static char *q_text(struct store *st, const char *sql)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    char *v = xstrdup(sqlite3_column_text(s, 0) ? (const char *)sqlite3_column_text(s, 0) : "");
    sqlite3_finalize(s);
    return v;
}

static void put_item(struct store *st, int year, const char *code, enum kp_method method)
{
    struct target_item it = {.code = (char *)code, .category = (char *)"全局性重点工作",
                             .name = (char *)"业务发展", .points = 10, .method = method,
                             .target = 100, .budget = 50, .schedule = {25, 50, 75, 100}};
    assert_int_equal(store_target_put(st, year, "X01", &it, NULL), STORE_OK);
}

static int put_q(struct store *st, int year, const char *item, int q,
                 const struct quarter_progress *p)
{
    return store_progress_put(st, year, "X01", item, q, p, NULL);
}

/* 2025 (locked) and 2026, X01 with a ratio item A11 and a 评分 item B11 each year, Q1/Q2
 * progress with a note and a 偏差原因. */
static int setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    fx->st = test_store_new(&fx->dir);
    struct store *st = fx->st;
    assert_int_equal(store_begin(st), STORE_OK);
    struct unit u = {.code = (char *)"X01", .name = (char *)"县教育局", .pool = (char *)"县直部门"};
    assert_int_equal(store_unit_put(st, 0, &u, NULL), STORE_OK);
    assert_int_equal(store_year_create_preset(st, 2025, "qitai"), STORE_OK);
    assert_int_equal(store_year_ensure(st, 2026), STORE_OK);
    for (int y = 2025; y <= 2026; y++) {
        put_item(st, y, "A11", METHOD_RATIO);
        put_item(st, y, "B11", METHOD_MANUAL);
        struct quarter_progress p = {.present = true, .actual = 20, .has_spent = true,
                                     .spent = 10, .note = (char *)"按月统计"};
        assert_int_equal(put_q(st, y, "A11", 1, &p), STORE_OK);
        p.actual = 45, p.deviation = (char *)"雨季停工";
        assert_int_equal(put_q(st, y, "A11", 2, &p), STORE_OK);
        p = (struct quarter_progress){.present = true, .actual = 5, .has_score = true,
                                      .score = 8.5};
        assert_int_equal(put_q(st, y, "B11", 2, &p), STORE_OK);
    }
    assert_int_equal(store_year_set_lock(st, 2025, true, "审定"), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
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

/* The file as kaoping wrote it at v10: progress as created by v1 (actual NOT NULL, no
 * decision, no 更正), with its triggers of then (audit rows of the v1 columns) and index. */
static void make_v10(const char *path)
{
    test_audit_to_v12(path);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(
        db,
        "CREATE TABLE p10 AS SELECT year, unit, item, quarter, actual, spent, score, note,"
        "  deviation, action FROM progress;"
        "DROP TABLE progress;"
        "CREATE TABLE progress (year INTEGER NOT NULL, unit TEXT NOT NULL, item TEXT NOT NULL,"
        "  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),"
        "  actual REAL NOT NULL CHECK (actual >= 0), spent REAL CHECK (spent >= 0),"
        "  score REAL CHECK (score >= 0), note TEXT, deviation TEXT, action TEXT,"
        "  PRIMARY KEY (year, unit, item, quarter),"
        "  FOREIGN KEY (year, unit, item) REFERENCES target(year, unit, item) ON UPDATE CASCADE);"
        "INSERT INTO progress SELECT * FROM p10; DROP TABLE p10;"
        "CREATE INDEX progress_checkpoint ON progress(year, quarter, unit, item, actual, score);"
        "CREATE TRIGGER lock_progress_update BEFORE UPDATE ON progress WHEN EXISTS (SELECT 1"
        "  FROM year WHERE year = OLD.year AND locked = 1) BEGIN"
        "  SELECT RAISE(ABORT, 'KP_YEAR_LOCKED'); END;"
        "PRAGMA user_version = 10;",
        NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fail_msg("making the v10 file: %s", msg);
    sqlite3_free(msg);
    sqlite3_close(db);
}

static const char dump_sql[] =
    "SELECT group_concat(x, ';') FROM (SELECT year || unit || item || quarter || actual ||"
    " coalesce(spent, '-') || coalesce(score, '-') || coalesce(note, '-') ||"
    " coalesce(deviation, '-') || coalesce(action, '-') AS x FROM progress"
    " ORDER BY year, unit, item, quarter)";

static void migrates_v10_file_without_loss(void **state)
{
    struct fixture *fx = *state;
    char *before = q_text(fx->st, dump_sql);
    long long audit = test_sql_int(fx->st, "SELECT count(*) FROM audit");
    store_close(fx->st);
    char *path = xasprintf("%s/test.db", fx->dir);
    make_v10(path);
    char err[512];
    struct store *st = fx->st = store_open(path, "tester", err, sizeof err);
    assert_non_null(st);
    assert_int_equal(test_sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    char *after = q_text(st, dump_sql);
    assert_string_equal(after, before);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM audit"), audit); /* the copy is silent */
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM progress WHERE corrected <> 0"
                               " OR decision IS NOT NULL"),
                     0);
    /* The covering index is back, the locked year's rows are still locked, the triggers are
     * the generated ones (audit verify). */
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                               " AND name = 'progress_checkpoint'"),
                     1);
    struct quarter_progress p = {.present = true, .actual = 50, .has_spent = true, .spent = 10};
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(put_q(st, 2025, "A11", 2, &p), STORE_INVALID);
    assert_int_equal(store_end(st, STORE_INVALID), STORE_INVALID);
    struct audit_verdict v;
    assert_int_equal(store_audit_verify(st, NULL, NULL, &v), 0);
    assert_int_equal(v.bad_triggers, 0);
    free(before), free(after), free(path);
}

/* What v11 adds, through the store and the loader: a score-only row of a 评分 item, a
 * decision with its date, the 更正 mark; a row with neither actual nor score is refused by the
 * table itself, and so is a decision without its date. */
static void new_columns_round_trip(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    assert_int_equal(store_begin(st), STORE_OK);
    struct quarter_progress p = {.present = true, .no_actual = true, .has_score = true,
                                 .score = 9, .decision = DECISION_DEFER,
                                 .decision_on = "2026-10-12"};
    assert_int_equal(put_q(st, 2026, "B11", 4, &p), STORE_OK);
    p = (struct quarter_progress){.present = true, .actual = 40, .has_spent = true, .spent = 10,
                                  .corrected = true};
    assert_int_equal(put_q(st, 2026, "A11", 3, &p), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM progress WHERE year = 2026 AND item = 'B11'"
                               " AND quarter = 4 AND actual IS NULL AND decision = 'defer'"),
                     1);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM audit WHERE tbl = 'progress' AND action ="
                               " 'insert' AND json_extract(new, '$.corrected') = 1"),
                     1);
    struct year_data yd;
    assert_int_equal(store_load_year(st, 2026, &yd), STORE_OK);
    const struct target_item *a = &yd.items[0], *b = &yd.items[1];
    assert_string_equal(b->code, "B11");
    assert_true(b->q[3].present && b->q[3].no_actual && b->q[3].has_score);
    assert_int_equal(b->q[3].decision, DECISION_DEFER);
    assert_string_equal(b->q[3].decision_on, "2026-10-12");
    assert_true(a->q[2].corrected && !a->q[2].no_actual);
    assert_false(a->q[1].corrected || a->q[1].no_actual);
    year_data_free(&yd);
    sqlite3 *db = store_db(st);
    assert_int_not_equal(sqlite3_exec(db,
                                      "INSERT INTO progress(year, unit, item, quarter) VALUES"
                                      " (2026, 'X01', 'A11', 4)",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db,
                                      "UPDATE progress SET decision = 'stop' WHERE year = 2026"
                                      " AND item = 'A11' AND quarter = 1",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(migrates_v10_file_without_loss, setup, teardown),
        cmocka_unit_test_setup_teardown(new_columns_round_trip, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
