/* Published snapshots are immutable (schema v6, docs/scoring.md "Published stages"): the
 * database refuses to update or delete them, whatever program asks, and a second publication
 * of a stage is refused; the demo reset (store_wipe) is the one path that removes them. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/maintenance.h"
#include "db/publish.h"
#include "db/store_internal.h"
#include "db/years.h"
#include "model/xmalloc.h"

static struct published_row row(const char *code, int rank, int64_t total)
{
    struct published_row r;
    memset(&r, 0, sizeof r);
    r.unit = (char *)code, r.name = (char *)"县教育局", r.pool = (char *)"县直部门";
    r.rank = rank, r.total = total, r.half_year = 8820;
    r.grade = (char *)"优秀";
    return r;
}

static struct store *with_snapshot(char **dir)
{
    struct store *st = test_store_new(dir);
    assert_non_null(st);
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_year_create_preset(st, 2026, "qitai"), STORE_OK);
    struct published_row rows[2] = {row("T01", 2, 9750), row("T02", 1, 9920)};
    struct publication pub = {.present = true, .rows = rows, .n_rows = 2};
    assert_int_equal(store_publication_put(st, 2026, STAGE_HALF, &pub), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    return st;
}

static void refused(struct store *st, const char *sql)
{
    sqlite3 *db = store_db(st);
    assert_int_not_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_non_null(strstr(sqlite3_errmsg(db), "KP_PUBLISHED"));
}

static void snapshot_cannot_be_changed_or_deleted(void **state)
{
    (void)state;
    char *dir;
    struct store *st = with_snapshot(&dir);
    refused(st, "UPDATE publication_row SET total = 10000 WHERE unit = 'T01'");
    refused(st, "DELETE FROM publication_row WHERE unit = 'T02'");
    refused(st, "UPDATE publication SET published_by = 'mallory'");
    refused(st, "DELETE FROM publication");
    struct publication pub;
    assert_int_equal(store_publication_get(st, 2026, STAGE_HALF, &pub), STORE_OK);
    assert_true(pub.present);
    assert_int_equal(pub.n_rows, 2);
    const struct published_row *r = publication_find(&pub, "T01");
    assert_non_null(r);
    assert_int_equal(r->total, 9750);
    assert_int_equal(r->rank, 2);
    assert_string_equal(pub.by, "tester");
    publication_free(&pub);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

static void stage_is_published_once(void **state)
{
    (void)state;
    char *dir;
    struct store *st = with_snapshot(&dir);
    struct published_row rows[1] = {row("T01", 1, 9999)};
    struct publication again = {.present = true, .rows = rows, .n_rows = 1};
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_publication_put(st, 2026, STAGE_HALF, &again), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(st), "发布的结果不能改动"));
    store_rollback(st);
    /* the year-end is its own stage */
    struct publication year = {.present = true, .rows = rows, .n_rows = 1};
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_publication_put(st, 2026, STAGE_YEAR, &year), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

/* The demo reset removes them with everything else, keeps the guards, and the audit log stays
 * verifiable. */
static void wipe_removes_snapshots_and_keeps_guards(void **state)
{
    (void)state;
    char *dir;
    struct store *st = with_snapshot(&dir);
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_wipe(st, NULL), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    struct publication pub;
    assert_int_equal(store_publication_get(st, 2026, STAGE_HALF, &pub), STORE_OK);
    assert_false(pub.present);
    struct audit_verdict v;
    assert_int_equal(store_audit_verify(st, NULL, NULL, &v), 0);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(snapshot_cannot_be_changed_or_deleted),
        cmocka_unit_test(stage_is_published_once),
        cmocka_unit_test(wipe_removes_snapshots_and_keeps_guards),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
