/* Rectification store: add with validation, list filters and order, prefix lookup, done,
 * audit rows, and the year lock enforced by the database. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/ledger.h"
#include "db/maintenance.h"
#include "db/rectify.h"
#include "db/store.h"
#include "db/store_internal.h"
#include "db/targets.h"
#include "db/years.h"
#include "model/xmalloc.h"

static const char fixture_sql[] =
    "INSERT INTO unit(code, name, pool) VALUES ('D01', '县甲局', '县直部门'),"
    " ('D02', '县乙局', '县直部门');"
    "INSERT INTO unit_year(year, code, name, pool, parent) SELECT y.year, u.code, u.name,"
    " u.pool, u.parent FROM year y, unit u;" /* units per year (docs/store.md) */
    "INSERT INTO target(year, unit, item, category, name, points, method, target_value, budget)"
    " VALUES (2026, 'D01', 'A11', '全局性重点工作', '重点项目', 15, 'ratio', 10, 100);"
    "INSERT INTO ledger(id, year, unit, date, type, points, reason) VALUES"
    " ('0123456789abcdef0123456789abcdef', 2026, 'D02', '2026-09-01', 'complaint', 0.5, '投诉');";

struct env {
    char *dir;
    struct store *st;
};

static int setup(void **state)
{
    struct env *e = xcalloc(1, sizeof *e);
    e->st = test_store_new(&e->dir);
    assert_non_null(e->st);
    assert_int_equal(store_begin(e->st), STORE_OK);
    assert_int_equal(store_year_ensure(e->st, 2026), STORE_OK);
    assert_int_equal(store_commit(e->st), STORE_OK);
    test_exec_sql(e->st, fixture_sql);
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    store_close(e->st);
    test_rmtree(e->dir);
    free(e->dir);
    free(e);
    return 0;
}

static struct rectification record(const char *unit, const char *deadline, const char *created)
{
    struct rectification r;
    memset(&r, 0, sizeof r);
    r.year = 2026;
    snprintf(r.unit, sizeof r.unit, "%s", unit);
    r.text = (char *)"整改事项";
    snprintf(r.deadline, sizeof r.deadline, "%s", deadline);
    snprintf(r.created, sizeof r.created, "%s", created);
    return r;
}

static long long count(struct store *st, const char *sql)
{
    return store_query_int(st, sql, NULL, NULL);
}

static void add_validates_before_writing(void **state)
{
    struct env *e = *state;
    struct rectification r = record("X99", "2026-12-01", "2026-10-01");
    assert_int_equal(store_rectify_add(e->st, &r), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(e->st), "单位 X99 不存在"));
    r = record("D01", "2026-12-01", "2026-10-01");
    r.year = 2030;
    assert_int_equal(store_rectify_add(e->st, &r), STORE_INVALID);
    r = record("D01", "2026-13-01", "2026-10-01");
    assert_int_equal(store_rectify_add(e->st, &r), STORE_INVALID);
    r = record("D01", "2026-12-01", "2026-10-01");
    r.text = (char *)"";
    assert_int_equal(store_rectify_add(e->st, &r), STORE_INVALID);
    r = record("D01", "2026-12-01", "2026-10-01");
    strcpy(r.source_item, "A11"); /* no quarter */
    assert_int_equal(store_rectify_add(e->st, &r), STORE_INVALID);
    r.source_quarter = 3;
    strcpy(r.source_ledger, "0123456789abcdef0123456789abcdef"); /* two sources */
    assert_int_equal(store_rectify_add(e->st, &r), STORE_INVALID);
    r = record("D01", "2026-12-01", "2026-10-01");
    strcpy(r.source_ledger, "0123456789abcdef0123456789abcdef"); /* D02's record */
    assert_int_equal(store_rectify_add(e->st, &r), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(e->st), "没有台账记录"));
    r = record("D02", "2026-12-01", "2026-10-01");
    strcpy(r.source_item, "A11"); /* D01's item */
    r.source_quarter = 3;
    assert_int_equal(store_rectify_add(e->st, &r), STORE_INVALID);
    assert_int_equal(count(e->st, "SELECT count(*) FROM rectification"), 0);
    assert_int_equal(count(e->st, "SELECT count(*) FROM audit WHERE tbl = 'rectification'"), 0);
}

static void lifecycle(void **state)
{
    struct env *e = *state;
    struct rectification a = record("D01", "2026-10-31", "2026-10-01");
    strcpy(a.source_item, "A11");
    a.source_quarter = 3;
    struct rectification b = record("D02", "2026-11-30", "2026-10-02");
    strcpy(b.source_ledger, "0123456789abcdef0123456789abcdef");
    struct rectification c = record("D01", "2026-09-30", "2026-10-03"); /* entered late */
    assert_int_equal(store_rectify_add(e->st, &a), STORE_OK);
    assert_int_equal(store_rectify_add(e->st, &b), STORE_OK);
    assert_int_equal(store_rectify_add(e->st, &c), STORE_OK);
    assert_int_equal(strspn(a.id, "0123456789abcdef"), KP_ID_LEN);
    assert_string_not_equal(a.id, b.id);
    assert_int_equal(count(e->st, "SELECT count(*) FROM audit WHERE tbl = 'rectification'"
                                  " AND action = 'insert' AND operator = 'tester'"),
                     3);

    struct rectification *list;
    size_t n;
    assert_int_equal(
        store_rectify_list(e->st, 2026, NULL, RECT_FILTER_ALL, "2026-11-01", &list, &n), STORE_OK);
    assert_int_equal(n, 3); /* by deadline: c, a, b */
    assert_string_equal(list[0].id, c.id);
    assert_string_equal(list[1].id, a.id);
    assert_string_equal(list[1].source_item, "A11");
    assert_int_equal(list[1].source_quarter, 3);
    assert_string_equal(list[2].source_ledger, "0123456789abcdef0123456789abcdef");
    assert_string_equal(list[2].created, "2026-10-02");
    assert_true(rectification_overdue(&list[1], "2026-11-01"));
    assert_false(rectification_overdue(&list[1], "2026-10-31")); /* the deadline day itself */
    store_free_rectifications(list, n);

    assert_int_equal(
        store_rectify_list(e->st, 2026, NULL, RECT_FILTER_OVERDUE, "2026-10-31", &list, &n),
        STORE_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].id, c.id);
    store_free_rectifications(list, n);

    /* close a by an upper-case prefix */
    char prefix[9];
    snprintf(prefix, sizeof prefix, "%.8s", a.id);
    for (char *p = prefix; *p; p++)
        *p = (char)(*p >= 'a' && *p <= 'f' ? *p - 32 : *p);
    assert_int_equal(store_rectify_done(e->st, prefix, "2026-11-02", "已整改"), STORE_OK);
    assert_int_equal(store_rectify_done(e->st, a.id, "2026-11-03", "again"), STORE_INVALID);
    struct rectification got;
    assert_int_equal(store_rectify_get(e->st, a.id, &got), STORE_OK);
    assert_int_equal(got.status, RECT_DONE);
    assert_string_equal(got.closed, "2026-11-02");
    assert_string_equal(got.close_note, "已整改");
    assert_false(rectification_overdue(&got, "2027-01-01"));
    rectification_clear(&got);

    assert_int_equal(
        store_rectify_list(e->st, 2026, NULL, RECT_FILTER_OPEN, "2026-11-05", &list, &n), STORE_OK);
    assert_int_equal(n, 2);
    store_free_rectifications(list, n);
    assert_int_equal(
        store_rectify_list(e->st, 2026, "D02", RECT_FILTER_ALL, "2026-11-05", &list, &n), STORE_OK);
    assert_int_equal(n, 1);
    store_free_rectifications(list, n);
    assert_int_equal(
        store_rectify_list(e->st, 2026, NULL, RECT_FILTER_ALL, "2026-11-05", &list, &n), STORE_OK);
    assert_int_equal(n, 3);
    assert_int_equal(list[2].status, RECT_DONE); /* done last */
    store_free_rectifications(list, n);
    assert_int_equal(count(e->st, "SELECT count(*) FROM audit WHERE tbl = 'rectification'"
                                  " AND action = 'update'"),
                     1);
}

static void prefix_lookup(void **state)
{
    struct env *e = *state;
    test_exec_sql(e->st, "INSERT INTO rectification(id, year, unit, text, deadline) VALUES"
                         " ('aaaaaa11000000000000000000000000', 2026, 'D01', 'x', '2026-12-01'),"
                         " ('aaaaaa22000000000000000000000000', 2026, 'D01', 'y', '2026-12-01')");
    struct rectification r;
    assert_int_equal(store_rectify_get(e->st, "aaaaaa", &r), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(e->st), "多条"));
    assert_int_equal(store_rectify_get(e->st, "aaaaa", &r), STORE_INVALID);  /* too short */
    assert_int_equal(store_rectify_get(e->st, "aaaaaz", &r), STORE_INVALID); /* not hex */
    assert_int_equal(store_rectify_get(e->st, "bbbbbb", &r), STORE_NOTFOUND);
    assert_int_equal(store_rectify_get(e->st, "aaaaaa2", &r), STORE_OK);
    assert_string_equal(r.text, "y");
    assert_int_equal(r.status, RECT_OPEN);
    rectification_clear(&r);
    assert_int_equal(store_rectify_done(e->st, "aaaaaa", "2026-11-01", "z"), STORE_INVALID);
    assert_int_equal(store_rectify_done(e->st, "aaaaaa11", "2026-11-01", ""), STORE_INVALID);
}

static void locked_year_is_refused_by_the_database(void **state)
{
    struct env *e = *state;
    assert_int_equal(store_year_set_lock(e->st, 2026, true, "审定"), STORE_OK);
    struct rectification r = record("D01", "2026-12-01", "2026-11-01");
    assert_int_equal(store_rectify_add(e->st, &r), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(e->st), "已审定"));
    assert_int_equal(store_rectify_done(e->st, "aaaaaa11", "2026-11-01", "z"), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(e->st), "已审定"));
    struct rectification got;
    assert_int_equal(store_rectify_get(e->st, "aaaaaa11", &got), STORE_OK);
    assert_int_equal(got.status, RECT_OPEN);
    rectification_clear(&got);
    assert_int_equal(store_year_set_lock(e->st, 2026, false, "复核"), STORE_OK);
}

static void count_errors(void *ctx, enum check_severity sev, const char *message)
{
    (void)message;
    *(int *)ctx += sev == CHECK_ERROR;
}

/* A rectification's source (an item's warning, a ledger record) cannot be deleted from under
 * it; a file where it is gone anyway (hand edit, older kaoping) fails kaoping check. */
static void sources_stay_referenced(void **state)
{
    struct env *e = *state;
    struct rectification a = record("D01", "2026-10-31", "2026-10-01");
    strcpy(a.source_item, "A11");
    a.source_quarter = 3;
    struct rectification b = record("D02", "2026-11-30", "2026-10-02");
    strcpy(b.source_ledger, "0123456789abcdef0123456789abcdef");
    assert_int_equal(store_begin(e->st), STORE_OK); /* sealed, as every kaoping write is */
    assert_int_equal(store_rectify_add(e->st, &a), STORE_OK);
    assert_int_equal(store_rectify_add(e->st, &b), STORE_OK);
    assert_int_equal(store_commit(e->st), STORE_OK);
    int errors = 0;
    assert_int_equal(store_check(e->st, count_errors, &errors), 0);

    assert_int_equal(store_ledger_delete(e->st, "0123456789abcdef0123456789abcdef"), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(e->st), "已登记了 1 条整改"));
    assert_int_equal(store_target_delete(e->st, 2026, "D01", "A11"), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(e->st), "已登记了 1 条整改"));
    assert_int_equal(count(e->st, "SELECT count(*) FROM ledger"), 1);
    assert_int_equal(count(e->st, "SELECT count(*) FROM target"), 1);

    test_exec_sql(e->st, "DELETE FROM ledger; DELETE FROM target;");
    errors = 0;
    assert_int_equal(store_check(e->st, count_errors, &errors), 2);
    assert_int_equal(errors, 2);
}

/* --from-ledger takes what `rectify list` shows: a unique prefix of the record's id. */
static void ledger_source_by_prefix(void **state)
{
    struct env *e = *state;
    struct rectification r = record("D02", "2026-11-30", "2026-10-02");
    strcpy(r.source_ledger, "01234567");
    assert_int_equal(store_rectify_add(e->st, &r), STORE_OK);
    assert_string_equal(r.source_ledger, "0123456789abcdef0123456789abcdef");
    assert_int_equal(count(e->st, "SELECT count(*) FROM rectification WHERE source_ledger ="
                                  " '0123456789abcdef0123456789abcdef'"),
                     1);
    test_exec_sql(e->st, "INSERT INTO ledger(id, year, unit, date, type, points, reason) VALUES"
                         " ('0123456700000000000000000000000f', 2026, 'D02', '2026-09-02',"
                         " 'complaint', 0.5, '投诉');");
    r = record("D02", "2026-11-30", "2026-10-02");
    strcpy(r.source_ledger, "01234567"); /* now two records */
    assert_int_equal(store_rectify_add(e->st, &r), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(e->st), "对应多条记录"));
    strcpy(r.source_ledger, "0123456789AB"); /* any case */
    assert_int_equal(store_rectify_add(e->st, &r), STORE_OK);
    r = record("D02", "2026-11-30", "2026-10-02");
    strcpy(r.source_ledger, "01234"); /* too short */
    assert_int_equal(store_rectify_add(e->st, &r), STORE_INVALID);
    r = record("D01", "2026-11-30", "2026-10-02");
    strcpy(r.source_ledger, "0123456789ab"); /* D02's record */
    assert_int_equal(store_rectify_add(e->st, &r), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(e->st), "没有台账记录"));
    assert_int_equal(count(e->st, "SELECT count(*) FROM rectification"), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(add_validates_before_writing),
        cmocka_unit_test(lifecycle),
        cmocka_unit_test(prefix_lookup),
        cmocka_unit_test(locked_year_is_refused_by_the_database),
        cmocka_unit_test_setup_teardown(sources_stay_referenced, setup, teardown),
        cmocka_unit_test_setup_teardown(ledger_source_by_prefix, setup, teardown),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
