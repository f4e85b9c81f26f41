/* A new year from the last one (store_year_new, `kaoping year new`): the scheme, categories
 * and units minus the retired; on request the 任务书 with progress empty and approval cleared,
 * and the open rectifications carried, each a new record linked to its original. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/rectify.h"
#include "db/store_internal.h"
#include "db/targets.h"
#include "db/units.h"
#include "db/year_new.h"
#include "db/years.h"
#include "model/xmalloc.h"

struct fixture {
    char *dir;
    struct store *st;
};

/* 2026 (qitai, locked at the end): X01 and X02 in 县直部门, S04 in 驻县单位, each with one
 * target and its Q1-Q4 progress; X01 approved; three rectifications: X01 open, X02 done,
 * S04 open. S04 is then retired from 2027. */
static const char fixture_sql[] =
    "INSERT INTO target(year, unit, item, category, name, points, method, target_value, budget)"
    " VALUES (2026, 'X01', 'A11', '全局性重点工作', '重点项目', 15, 'ratio', 10, 100),"
    " (2026, 'X02', 'B11', '目标任务', '业务工作', 30, 'inverse', 4, 0),"
    " (2026, 'S04', 'B11', '目标任务', '邮政业务', 30, 'ratio', 8, 0);"
    "INSERT INTO progress(year, unit, item, quarter, actual)"
    " SELECT t.year, t.unit, t.item, q.n, q.n FROM target t, (SELECT 1 AS n UNION ALL SELECT 2"
    " UNION ALL SELECT 3 UNION ALL SELECT 4) q;"
    "INSERT INTO target_approval(year, unit, approved_on, approved_by)"
    " VALUES (2026, 'X01', '2026-03-01', '县考评办');"
    "INSERT INTO rectification(id, year, unit, text, deadline, status, source_item,"
    " source_quarter, created_at) VALUES"
    " ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 2026, 'X01', '加快项目进度', '2026-12-31', 'open',"
    " 'A11', 3, '2026-10-08'),"
    " ('bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 2026, 'X02', '已整改', '2026-11-30', 'done', NULL,"
    " NULL, '2026-10-08'),"
    " ('cccccccccccccccccccccccccccccccc', 2026, 'S04', '补报数据', '2026-12-15', 'open', NULL,"
    " NULL, '2026-10-09');";

static void put(struct store *st, const char *code, const char *name, const char *pool)
{
    struct unit u = {.code = (char *)code, .name = (char *)name, .pool = (char *)pool};
    assert_int_equal(store_unit_put(st, 0, &u, NULL), STORE_OK);
}

static int setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    fx->st = test_store_new(&fx->dir);
    struct store *st = fx->st;
    assert_int_equal(store_begin(st), STORE_OK);
    put(st, "X01", "县教育局", "县直部门");
    put(st, "X02", "县审计局", "县直部门");
    put(st, "S04", "中国邮政奇台县分公司", "驻县单位");
    assert_int_equal(store_year_create_preset(st, 2026, "qitai"), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    test_exec_sql(st, fixture_sql);
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_unit_retire(st, "S04", 2027), STORE_OK);
    assert_int_equal(store_year_set_lock(st, 2026, true, "审定"), STORE_OK);
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

static int year_new(struct store *st, struct year_new_request *r, struct year_new_result *res)
{
    r->today = "2027-01-04";
    int rc = store_begin(st);
    if (rc == STORE_OK)
        rc = store_year_new(st, r, res);
    return store_end(st, rc);
}

/* Scheme, categories and units, without the retired S04; nothing else. */
static void plain_new_year(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    struct year_new_request r = {.year = 2027, .from = 2026};
    struct year_new_result res;
    assert_int_equal(year_new(st, &r, &res), STORE_OK);
    assert_int_equal(res.units, 2);
    assert_int_equal(res.targets, 0);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM unit_year WHERE year = 2027"
                               " AND code IN ('X01', 'X02')"),
                     2);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM unit_year WHERE year = 2027 AND code = 'S04'"), 0);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM category WHERE year = 2027"),
                     test_sql_int(st, "SELECT count(*) FROM category WHERE year = 2026"));
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM scheme s JOIN scheme o ON o.year = 2026"
                               " WHERE s.year = 2027 AND s.half_share = o.half_share"
                               " AND s.preset = o.preset"),
                     1);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM target WHERE year = 2027")
                         + test_sql_int(st, "SELECT count(*) FROM rectification WHERE year = 2027"),
                     0);
    /* Twice is refused, and the refusal writes nothing. */
    long long audits = test_sql_int(st, "SELECT count(*) FROM audit");
    assert_int_equal(year_new(st, &r, &res), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(st), "已存在"));
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM audit"), audits);
    struct year_new_request bad = {.year = 2029, .from = 2024};
    assert_int_equal(year_new(st, &bad, &res), STORE_NOTFOUND);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM year WHERE year = 2029"), 0);
}

/* The 任务书 as it was (values, points, budget, schedule), progress empty, approval cleared,
 * the retired unit's target left behind; the locked old year only read. */
static void with_targets(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    struct year_new_request r = {.year = 2027, .from = 2026, .with_targets = true};
    struct year_new_result res;
    assert_int_equal(year_new(st, &r, &res), STORE_OK);
    assert_int_equal(res.targets, 2);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM target n JOIN target o ON o.year = 2026"
                               " AND o.unit = n.unit AND o.item = n.item WHERE n.year = 2027"
                               " AND (n.category, n.name, n.points, n.method, n.target_value,"
                               " n.measure, n.budget, n.sched1, n.sched2, n.sched3, n.sched4) IS"
                               " (o.category, o.name, o.points, o.method, o.target_value,"
                               " o.measure, o.budget, o.sched1, o.sched2, o.sched3, o.sched4)"),
                     2);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM target WHERE year = 2027 AND unit = 'S04'"), 0);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM progress WHERE year = 2027"), 0);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM target_approval WHERE year = 2027"), 0);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM target_approval WHERE year = 2026"), 1);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM progress WHERE year = 2026"), 12);
}

/* Open rectifications carried: new ids in the new year, open, registered today, the text and
 * deadline kept, carried_from naming the original; the done one and the retired unit's stay. */
static void carries_open_rectifications(void **state)
{
    struct fixture *fx = *state;
    struct store *st = fx->st;
    assert_int_equal(store_year_open_rectifications(st, 2026, 2027), 1);
    struct year_new_request r = {.year = 2027, .from = 2026, .carry_rectifications = true};
    struct year_new_result res;
    assert_int_equal(year_new(st, &r, &res), STORE_OK);
    assert_int_equal(res.carried, 1);
    assert_int_equal(res.not_carried, 1); /* S04's, retired */
    struct rectification *list;
    size_t n;
    assert_int_equal(store_rectify_list(st, 2027, NULL, RECT_FILTER_ALL, "2027-01-04", &list, &n),
                     STORE_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].unit, "X01");
    assert_string_equal(list[0].carried_from, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assert_string_not_equal(list[0].id, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assert_string_equal(list[0].text, "加快项目进度");
    assert_string_equal(list[0].deadline, "2026-12-31");
    assert_string_equal(list[0].created, "2027-01-04");
    assert_int_equal(list[0].status, RECT_OPEN);
    assert_string_equal(list[0].source_item, ""); /* A11 of 2026 stays with the original */
    store_free_rectifications(list, n);
    /* The originals are unchanged in the locked year. */
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM rectification WHERE year = 2026"
                               " AND status = 'open'"),
                     2);
    /* The audit log has the carried record with its link. */
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM audit WHERE tbl = 'rectification'"
                               " AND json_extract(new, '$.carried_from') ="
                               " 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'"),
                     1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(plain_new_year, setup, teardown),
        cmocka_unit_test_setup_teardown(with_targets, setup, teardown),
        cmocka_unit_test_setup_teardown(carries_open_rectifications, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
