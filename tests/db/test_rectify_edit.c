/* Corrections of rectifications (rectify_edit.c): edit text and deadline, reopen a done one
 * (closing date and note cleared, the audit log keeping them), delete; refusals (empty text,
 * bad deadline, reopening an open one, an unknown id, a locked year) write nothing. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/rectify.h"
#include "db/store.h"
#include "db/store_internal.h"
#include "db/years.h"
#include "model/xmalloc.h"

struct env {
    char *dir;
    struct store *st;
    char id[KP_ID_LEN + 1];
};

static int in_tx(struct store *st, int rc)
{
    return store_end(st, rc);
}

static int setup(void **state)
{
    struct env *e = xcalloc(1, sizeof *e);
    e->st = test_store_new(&e->dir);
    assert_non_null(e->st);
    assert_int_equal(store_begin(e->st), STORE_OK);
    assert_int_equal(store_year_ensure(e->st, 2026), STORE_OK);
    assert_int_equal(store_commit(e->st), STORE_OK);
    test_exec_sql(e->st, "INSERT INTO unit(code, name, pool) VALUES ('D01', '县甲局', '县直部门')");
    struct rectification r = {.year = 2026, .text = (char *)"原整改要求"};
    snprintf(r.unit, sizeof r.unit, "D01");
    snprintf(r.deadline, sizeof r.deadline, "2026-11-30");
    snprintf(r.created, sizeof r.created, "2026-10-01");
    assert_int_equal(store_begin(e->st), STORE_OK);
    assert_int_equal(in_tx(e->st, store_rectify_add(e->st, &r)), STORE_OK);
    snprintf(e->id, sizeof e->id, "%s", r.id);
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

static long long count(struct store *st, const char *sql)
{
    return store_query_int(st, sql, NULL, NULL);
}

static void get(struct env *e, struct rectification *r)
{
    assert_int_equal(store_rectify_get(e->st, e->id, r), STORE_OK);
}

static void test_edit(void **state)
{
    struct env *e = *state;
    char prefix[8];
    snprintf(prefix, sizeof prefix, "%.6s", e->id); /* a prefix works as elsewhere */
    assert_int_equal(store_begin(e->st), STORE_OK);
    assert_int_equal(in_tx(e->st, store_rectify_edit(e->st, prefix, "新要求", "2027-01-15")),
                     STORE_OK);
    struct rectification r;
    get(e, &r);
    assert_string_equal(r.text, "新要求");
    assert_string_equal(r.deadline, "2027-01-15");
    assert_int_equal(r.status, RECT_OPEN);
    rectification_clear(&r);
    long long audit = count(e->st, "SELECT count(*) FROM audit");
    assert_int_equal(store_rectify_edit(e->st, e->id, "", "2027-01-15"), STORE_INVALID);
    assert_int_equal(store_rectify_edit(e->st, e->id, "x", "2027-02-30"), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(e->st), "2027-02-30"));
    assert_int_equal(store_rectify_edit(e->st, "ffffff", "x", "2027-01-01"), STORE_NOTFOUND);
    assert_int_equal(count(e->st, "SELECT count(*) FROM audit"), audit);
}

static void test_reopen(void **state)
{
    struct env *e = *state;
    assert_int_equal(store_rectify_reopen(e->st, e->id), STORE_INVALID); /* still open */
    assert_non_null(strstr(store_errmsg(e->st), "还未完成"));
    assert_int_equal(store_begin(e->st), STORE_OK);
    assert_int_equal(in_tx(e->st, store_rectify_done(e->st, e->id, "2026-11-01", "已整改")),
                     STORE_OK);
    assert_int_equal(store_begin(e->st), STORE_OK);
    assert_int_equal(in_tx(e->st, store_rectify_reopen(e->st, e->id)), STORE_OK);
    struct rectification r;
    get(e, &r);
    assert_int_equal(r.status, RECT_OPEN);
    assert_string_equal(r.closed, "");
    assert_null(r.close_note);
    rectification_clear(&r);
    /* the audit log keeps the note that was cleared */
    assert_int_equal(count(e->st,
                           "SELECT count(*) FROM audit WHERE tbl = 'rectification'"
                           " AND action = 'update' AND json_extract(old, '$.close_note') = '已整改'"
                           " AND json_extract(new, '$.status') = 'open'"),
                     1);
}

static void test_delete_and_lock(void **state)
{
    struct env *e = *state;
    assert_int_equal(store_begin(e->st), STORE_OK);
    assert_int_equal(store_year_set_lock(e->st, 2026, true, "审定"), STORE_OK);
    assert_int_equal(store_commit(e->st), STORE_OK);
    assert_int_equal(store_rectify_delete(e->st, e->id), STORE_INVALID);
    assert_int_equal(store_rectify_edit(e->st, e->id, "x", "2027-01-01"), STORE_INVALID);
    assert_int_equal(count(e->st, "SELECT count(*) FROM rectification"), 1);
    assert_int_equal(store_begin(e->st), STORE_OK);
    assert_int_equal(store_year_set_lock(e->st, 2026, false, "更正"), STORE_OK);
    assert_int_equal(store_commit(e->st), STORE_OK);
    assert_int_equal(store_begin(e->st), STORE_OK);
    assert_int_equal(in_tx(e->st, store_rectify_delete(e->st, e->id)), STORE_OK);
    assert_int_equal(count(e->st, "SELECT count(*) FROM rectification"), 0);
    assert_int_equal(count(e->st, "SELECT count(*) FROM audit WHERE tbl = 'rectification'"
                                  " AND action = 'delete'"),
                     1);
    assert_int_equal(store_rectify_delete(e->st, e->id), STORE_NOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_edit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete_and_lock, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
