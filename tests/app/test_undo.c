/* app/undo: a delete recorded and taken back as an audited insert of the same row; a row
 * entered again and a locked year refuse the undo with nothing written; a write that deletes
 * nothing, or fails, leaves the kept action as it was; an action kept with its own restore
 * function replaces a delete, stays kept while it refuses, and is replaced by a later delete. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/undo.h"
#include "db/ledger.h"
#include "db/store.h"
#include "db/targets.h"
#include "db/units.h"
#include "db/years.h"
#include "model/xmalloc.h"

struct env {
    struct store *st;
    char *dir;
    struct undo *u;
};

static int setup(void **state)
{
    struct env *e = xcalloc(1, sizeof *e);
    e->st = test_store_demo(&e->dir);
    e->u = undo_new();
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    undo_free(e->u);
    store_close(e->st);
    test_rmtree(e->dir);
    free(e->dir);
    free(e);
    return 0;
}

/* One line of sqlite3's output for a read-only query on the test file. */
static char *query(const struct env *e, const char *sql)
{
    char *cmd = xasprintf("sqlite3 -batch -noheader '%s/test.db' \"%s\"", e->dir, sql);
    char *out = NULL;
    assert_int_equal(test_run(cmd, &out), 0);
    free(cmd);
    out[strcspn(out, "\n")] = '\0';
    return out;
}

static void expect_query(const struct env *e, const char *sql, const char *want)
{
    char *got = query(e, sql);
    assert_string_equal(got, want);
    free(got);
}

static char err[256];
static char ledger_id[40];
static int del_ledger(void *ctx)
{
    return store_ledger_delete(ctx, ledger_id);
}

static int del_appraisal(void *ctx)
{
    return store_appraisal_delete(ctx, 2025, "T01");
}

static int del_progress(void *ctx)
{
    return store_progress_delete(ctx, 2025, "D01", "A11", 2);
}

static void test_delete_and_undo(void **state)
{
    struct env *e = *state;
    char *id = query(e, "SELECT id FROM ledger WHERE year = 2025 ORDER BY id LIMIT 1");
    snprintf(ledger_id, sizeof ledger_id, "%s", id);
    char *sel = xasprintf("SELECT json_object('r', json_group_array(json_array(id, year, unit,"
                          " date, type, points, reason))) FROM ledger WHERE id = '%s'",
                          id);
    char *row = query(e, sel);
    assert_null(undo_what(e->u));
    assert_int_equal(undo_apply(e->u, e->st, err, sizeof err), STORE_NOTFOUND);

    bool kept = false;
    assert_int_equal(undo_run(e->u, e->st, "已删除记录", del_ledger, e->st, &kept), STORE_OK);
    assert_true(kept);
    assert_string_equal(undo_what(e->u), "已删除记录");
    expect_query(e,
                 "SELECT count(*) FROM ledger WHERE id = (SELECT row_key FROM audit"
                 " WHERE tbl = 'ledger' AND action = 'delete')",
                 "0");

    assert_int_equal(undo_apply(e->u, e->st, err, sizeof err), STORE_OK);
    assert_null(undo_what(e->u));
    expect_query(e, sel, row); /* the same row, every column */
    char *audit = xasprintf("SELECT group_concat(action, ',') FROM (SELECT action FROM audit"
                            " WHERE tbl = 'ledger' AND row_key = '%s' ORDER BY rowid)",
                            id);
    expect_query(e, audit, "insert,delete,insert"); /* demo, delete, undo */
    free(audit), free(sel), free(row), free(id);
}

static void test_recreated_refused(void **state)
{
    struct env *e = *state;
    assert_int_equal(undo_run(e->u, e->st, "已删除评议", del_appraisal, e->st, NULL), STORE_OK);
    test_exec_sql(e->st, "INSERT INTO appraisal(year, unit, score) VALUES (2025, 'T01', 50)");
    char *before = query(e, "SELECT count(*) FROM audit");
    assert_int_equal(undo_apply(e->u, e->st, err, sizeof err), STORE_INVALID);
    assert_non_null(strstr(err, "已重新录入"));
    expect_query(e, "SELECT count(*) FROM audit", before);
    expect_query(e, "SELECT score FROM appraisal WHERE year = 2025 AND unit = 'T01'", "50.0");
    assert_string_equal(undo_what(e->u), "已删除评议"); /* still kept */
    free(before);
}

static void test_locked_refused_then_unlocked(void **state)
{
    struct env *e = *state;
    assert_int_equal(undo_run(e->u, e->st, "已清空进度", del_progress, e->st, NULL), STORE_OK);
    assert_int_equal(store_begin(e->st), STORE_OK);
    assert_int_equal(store_year_set_lock(e->st, 2025, true, "审定"), STORE_OK);
    assert_int_equal(store_commit(e->st), STORE_OK);
    assert_int_equal(undo_apply(e->u, e->st, err, sizeof err), STORE_INVALID);
    assert_non_null(strstr(err, "审定"));
    expect_query(e,
                 "SELECT count(*) FROM progress WHERE year = 2025 AND unit = 'D01'"
                 " AND item = 'A11' AND quarter = 2",
                 "0");
    assert_int_equal(store_begin(e->st), STORE_OK);
    assert_int_equal(store_year_set_lock(e->st, 2025, false, "更正"), STORE_OK);
    assert_int_equal(store_commit(e->st), STORE_OK);
    assert_int_equal(undo_apply(e->u, e->st, err, sizeof err), STORE_OK);
    expect_query(e,
                 "SELECT count(*) FROM progress WHERE year = 2025 AND unit = 'D01'"
                 " AND item = 'A11' AND quarter = 2",
                 "1");
}

static int put_appraisal(void *ctx)
{
    return store_appraisal_put(ctx, 2025, "T02", 77, false, 0, NULL);
}

static int fail_after_delete(void *ctx)
{
    store_appraisal_delete(ctx, 2025, "T03");
    return STORE_INVALID;
}

static void test_only_deletes_kept(void **state)
{
    struct env *e = *state;
    assert_int_equal(undo_run(e->u, e->st, "已删除评议", del_appraisal, e->st, NULL), STORE_OK);
    bool kept = true;
    assert_int_equal(undo_run(e->u, e->st, "改了评议", put_appraisal, e->st, &kept), STORE_OK);
    assert_false(kept);
    assert_string_equal(undo_what(e->u), "已删除评议");
    assert_int_equal(undo_run(e->u, e->st, "失败", fail_after_delete, e->st, NULL), STORE_INVALID);
    assert_string_equal(undo_what(e->u), "已删除评议");
    expect_query(e, "SELECT count(*) FROM appraisal WHERE year = 2025 AND unit = 'T03'", "1");
}

/* A restore function that refuses while *ready is false. */
static int restore(void *ctx, char *msg, size_t sz)
{
    bool *ready = ctx;
    if (!*ready) {
        snprintf(msg, sz, "先打开表格");
        return STORE_INVALID;
    }
    return STORE_OK;
}

static void test_keep_fn(void **state)
{
    struct env *e = *state;
    bool ready = false;
    assert_int_equal(undo_run(e->u, e->st, "已删除评议", del_appraisal, e->st, NULL), STORE_OK);
    undo_keep_fn(e->u, "放弃修改", restore, &ready); /* replaces the delete */
    assert_false(undo_is_store(e->u));
    assert_string_equal(undo_what(e->u), "放弃修改");
    assert_int_equal(undo_apply(e->u, e->st, err, sizeof err), STORE_INVALID);
    assert_string_equal(err, "先打开表格");
    assert_string_equal(undo_what(e->u), "放弃修改");
    ready = true;
    assert_int_equal(undo_apply(e->u, e->st, err, sizeof err), STORE_OK);
    assert_null(undo_what(e->u));
    expect_query(e, "SELECT count(*) FROM appraisal WHERE year = 2025 AND unit = 'T01'", "0");
    /* and a later delete replaces a kept restore */
    undo_keep_fn(e->u, "放弃修改", restore, &ready);
    assert_int_equal(undo_run(e->u, e->st, "已清空进度", del_progress, e->st, NULL), STORE_OK);
    assert_true(undo_is_store(e->u));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_delete_and_undo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recreated_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locked_refused_then_unlocked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_only_deletes_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keep_fn, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
