/* Units per year (docs/store.md, "Units per year"): a locked year keeps its units' names and
 * pools whatever later years do; a unit retires from a year on and can come back; a v3 file
 * (one unit row for every year) migrates without loss. */
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

static void put(struct store *st, int year, const char *code, const char *name, const char *pool)
{
    struct unit u = {.code = (char *)code, .name = (char *)name, .pool = (char *)pool};
    assert_int_equal(store_unit_put(st, year, &u, NULL), STORE_OK);
}

static void put_item(struct store *st, int year, const char *unit, const char *category)
{
    struct target_item it = {.code = (char *)"A11", .category = (char *)category,
                             .name = (char *)"业务发展", .points = 10, .method = METHOD_RATIO,
                             .target = 100, .schedule = {25, 50, 75, 100}};
    assert_int_equal(store_target_put(st, year, unit, &it, NULL), STORE_OK);
}

/* 2025 and 2026 (qitai), X01 in 县直部门 and S04 in 驻县单位 in both, each with a target. */
static int setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    fx->st = test_store_new(&fx->dir);
    struct store *st = fx->st;
    assert_int_equal(store_begin(st), STORE_OK);
    put(st, 0, "X01", "县教育局", "县直部门");
    put(st, 0, "S04", "中国邮政奇台县分公司", "驻县单位");
    assert_int_equal(store_year_create_preset(st, 2025, "qitai"), STORE_OK);
    assert_int_equal(store_year_ensure(st, 2026), STORE_OK);
    for (int y = 2025; y <= 2026; y++) {
        put_item(st, y, "X01", "全局性重点工作");
        put_item(st, y, "S04", "目标任务");
    }
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

/* The unit's name and pool as the year's loader (ranking, explain) sees them: "name|pool". */
static char *seen(struct store *st, int year, const char *code)
{
    struct year_data yd;
    assert_int_equal(store_load_year_header(st, year, &yd), STORE_OK);
    long i = year_data_find_unit(&yd, code);
    char *out = i < 0 ? xstrdup("-") : xasprintf("%s|%s", yd.units[i].name, yd.units[i].pool);
    year_data_free(&yd);
    return out;
}

static void assert_seen(struct store *st, int year, const char *code, const char *want)
{
    char *got = seen(st, year, code);
    assert_string_equal(got, want);
    free(got);
}

static int write_one(struct store *st, int year, const char *code, const char *name,
                     const char *pool)
{
    struct unit u = {.code = (char *)code, .name = (char *)name, .pool = (char *)pool};
    int rc = store_begin(st);
    if (rc == STORE_OK)
        rc = store_unit_put(st, year, &u, NULL);
    return store_end(st, rc);
}

/* The bug: with 2025 locked, S04 moved to 金融机构 and renamed in 2026; 2025 keeps
 * its own entry and the 2025 write itself is refused. */
static void locked_year_keeps_its_units(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_year_set_lock(st, 2025, true, "审定"), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);

    assert_int_equal(write_one(st, 2026, "S04", "中国邮政储蓄银行奇台县支行", "金融机构"), STORE_OK);
    assert_seen(st, 2025, "S04", "中国邮政奇台县分公司|驻县单位");
    assert_seen(st, 2026, "S04", "中国邮政储蓄银行奇台县支行|金融机构");

    long long audits = test_sql_int(st, "SELECT count(*) FROM audit");
    assert_int_equal(write_one(st, 2025, "S04", "改名", "乡镇"), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(st), "锁定"));
    assert_seen(st, 2025, "S04", "中国邮政奇台县分公司|驻县单位");
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM audit"), audits);

    /* The unit row holds the newest entry (2026's). */
    struct unit u;
    assert_int_equal(store_unit_get(st, 0, "S04", &u), STORE_OK);
    assert_string_equal(u.pool, "金融机构");
    unit_clear(&u);
    assert_int_equal(store_unit_get(st, 2025, "S04", &u), STORE_OK);
    assert_string_equal(u.name, "中国邮政奇台县分公司");
    unit_clear(&u);
}

/* An edit of an earlier unlocked year changes that year only, not the newest entry. */
static void earlier_year_edit_stays_in_its_year(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    assert_int_equal(write_one(st, 2025, "X01", "县教育和科技局", "县直部门"), STORE_OK);
    assert_seen(st, 2025, "X01", "县教育和科技局|县直部门");
    assert_seen(st, 2026, "X01", "县教育局|县直部门");
    struct unit u;
    assert_int_equal(store_unit_get(st, 0, "X01", &u), STORE_OK);
    assert_string_equal(u.name, "县教育局");
    unit_clear(&u);
    /* A unit entered for one year only is in that year only. */
    assert_int_equal(write_one(st, 2026, "X09", "县新设局", "县直部门"), STORE_OK);
    assert_seen(st, 2025, "X09", "-");
    assert_seen(st, 2026, "X09", "县新设局|县直部门");
    assert_int_equal(store_unit_get(st, 2025, "X09", &u), STORE_NOTFOUND);
    assert_non_null(strstr(store_errmsg(st), "不在 2025 年度"));
}

static int retire(struct store *st, const char *code, int from)
{
    int rc = store_begin(st);
    if (rc == STORE_OK)
        rc = store_unit_retire(st, code, from);
    return store_end(st, rc);
}

/* Retired from 2027: 2027 is made without it, earlier years keep it; entered again for a
 * year it is back. Retiring where it has data, or from a locked year, is refused. */
static void retire_and_come_back(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    assert_int_equal(retire(st, "S04", 2026), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(st), "任务书"));
    assert_seen(st, 2026, "S04", "中国邮政奇台县分公司|驻县单位");

    assert_int_equal(retire(st, "S04", 2027), STORE_OK);
    assert_int_equal(store_unit_retired_from(st, "S04"), 2027);
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_year_ensure(st, 2027), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    assert_seen(st, 2027, "S04", "-");
    assert_seen(st, 2027, "X01", "县教育局|县直部门");
    assert_seen(st, 2026, "S04", "中国邮政奇台县分公司|驻县单位");
    struct target_item it = {.code = (char *)"A11", .category = (char *)"目标任务",
                             .name = (char *)"x", .points = 1, .target = 1};
    assert_int_equal(store_target_put(st, 2027, "S04", &it, NULL), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(st), "不在 2027 年度"));

    assert_int_equal(write_one(st, 2027, "S04", "中国邮政奇台县分公司", "驻县单位"), STORE_OK);
    assert_int_equal(store_unit_retired_from(st, "S04"), 0);
    assert_seen(st, 2027, "S04", "中国邮政奇台县分公司|驻县单位");

    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_year_set_lock(st, 2025, true, "审定"), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_target_delete(st, 2026, "S04", "A11"), STORE_OK);
    assert_int_equal(store_target_delete(st, 2025, "S04", "A11"), STORE_INVALID);
    assert_int_equal(store_commit(st), STORE_OK);
    /* 2025 is locked (its target stays too): nothing of 2025 may go. */
    assert_int_equal(retire(st, "S04", 2025), STORE_INVALID);
    assert_seen(st, 2025, "S04", "中国邮政奇台县分公司|驻县单位");
}

/* A file as kaoping wrote it at schema v3 (no field tables, no hash chain, one unit row for
 * every year), made from this one by removing what came later (v4 field work, v5 hash
 * chain, v6 approvals and snapshots, v7 units per year). */
static void make_v3(const char *path)
{
    test_audit_to_v12(path);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(db,
                          "DROP TABLE unit_year; DROP TABLE unit_retired; DROP TABLE field_meta;"
                          " DROP TABLE grade; DROP TABLE score_source; DROP TABLE score;"
                          " DROP TABLE target_approval; DROP TABLE target_adjustment;"
                          " DROP TABLE publication_row; DROP TABLE publication;"
                          " DROP TABLE field_conflict; DROP TRIGGER audit_seal_once;"
                          " DROP TRIGGER audit_no_update; ALTER TABLE audit DROP COLUMN hash;"
                          " CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
                          " SELECT RAISE(ABORT, 'KP_AUDIT_APPEND_ONLY'); END;"
                          " DROP TABLE year_pool;"
                          /* v9's migration makes the rectification triggers again */
                          " ALTER TABLE rectification DROP COLUMN carried_from;"
                          " PRAGMA user_version = 3;",
                          NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fail_msg("making the v3 file: %s", msg);
    sqlite3_free(msg);
    sqlite3_close(db);
}

/* Every table's rows, in key order, as one text (the migration must not change any). */
static const char dump_sql[] =
    "SELECT group_concat(x, ';') FROM (SELECT code || name || pool || coalesce(parent, '')"
    " || coalesce(leader, '') AS x FROM unit UNION ALL SELECT year || locked FROM year"
    " UNION ALL SELECT year || unit || item || target_value FROM target"
    " UNION ALL SELECT count(*) FROM audit)";

static void migrates_v3_file_without_loss(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_year_set_lock(st, 2025, true, "审定"), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    char *before = NULL;
    {
        sqlite3_stmt *s;
        assert_int_equal(sqlite3_prepare_v2(store_db(st), dump_sql, -1, &s, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(s), SQLITE_ROW);
        before = xstrdup((const char *)sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
    }
    store_close(st);
    char *path = xasprintf("%s/test.db", fx->dir);
    make_v3(path);
    char err[512];
    fx->st = st = store_open(path, "tester", err, sizeof err);
    assert_non_null(st);
    assert_int_equal(test_sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), dump_sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 0), before);
    sqlite3_finalize(s);
    /* Every year holds every unit as the unit row had it. */
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM unit_year"), 4);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM unit_year y JOIN unit u ON u.code = y.code"
                               " WHERE (y.name, y.pool, y.parent) IS NOT (u.name, u.pool, u.parent)"),
                     0);
    assert_seen(st, 2025, "S04", "中国邮政奇台县分公司|驻县单位");
    /* The locked year's units are locked, and the chain and triggers verify. */
    assert_int_equal(write_one(st, 2025, "S04", "改名", "乡镇"), STORE_INVALID);
    assert_int_equal(write_one(st, 2026, "S04", "改名", "乡镇"), STORE_OK);
    assert_seen(st, 2025, "S04", "中国邮政奇台县分公司|驻县单位");
    struct audit_verdict v;
    assert_int_equal(store_audit_verify(st, NULL, NULL, &v), 0);
    assert_int_equal(v.bad_triggers, 0);
    free(before);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(locked_year_keeps_its_units, setup, teardown),
        cmocka_unit_test_setup_teardown(earlier_year_edit_stays_in_its_year, setup, teardown),
        cmocka_unit_test_setup_teardown(retire_and_come_back, setup, teardown),
        cmocka_unit_test_setup_teardown(migrates_v3_file_without_loss, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
