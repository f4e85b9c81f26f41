/* Reading a damaged file: a scan that fails midway must report an error, never hand back
 * the rows it read before the damage as if they were all (a ranking computed from half the
 * targets would be published as final). */
#include "testutil.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/load.h"
#include "db/load_ranking.h"
#include "db/store_internal.h"
#include "db/units.h"
#include "db/years.h"
#include "model/xmalloc.h"

/* The page number of the n-th leaf page of table `name` (via dbstat), or -1. */
static long leaf_page(const char *path, const char *name, int n, long *page_size)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT pageno, (SELECT page_size FROM pragma_page_size)"
                                        " FROM dbstat WHERE name = ?1 AND pagetype = 'leaf'"
                                        " ORDER BY pageno LIMIT 1 OFFSET ?2",
                                        -1, &s, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, n);
    long page = -1;
    if (sqlite3_step(s) == SQLITE_ROW) {
        page = (long)sqlite3_column_int64(s, 0);
        *page_size = (long)sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return page;
}

/* Overwrites the page's cells (not its header) with bytes that make no valid record. */
static void damage_page(const char *path, long page, long page_size)
{
    int fd = open(path, O_WRONLY);
    assert_true(fd >= 0);
    char *junk = xmalloc((size_t)page_size);
    memset(junk, 0xff, (size_t)page_size);
    off_t at = (off_t)(page - 1) * page_size;
    /* Keep the 8-byte leaf header and the cell pointer array's first entries readable, so the
     * damage shows only when the scan reaches the cells. */
    assert_int_equal(pwrite(fd, junk, (size_t)(page_size - 64), at + 64), page_size - 64);
    free(junk);
    close(fd);
}

/* A demo database, closed (so its WAL is checkpointed into the main file). */
static char *demo_file(char **dir)
{
    store_close(test_store_demo(dir));
    return xasprintf("%s/test.db", *dir);
}

static void count_items(void *ctx, const struct year_data *yd, size_t unit,
                        const struct target_item *items, size_t n)
{
    (void)yd, (void)unit, (void)items;
    *(size_t *)ctx += n;
}

static void damaged_targets_fail_the_year_load(void **state)
{
    (void)state;
    char *dir;
    char *path = demo_file(&dir);
    long page_size = 0;
    long page = leaf_page(path, "target", 6, &page_size);
    assert_true(page > 0);
    damage_page(path, page, page_size);

    char err[512];
    struct store *st = store_open(path, "tester", err, sizeof err);
    assert_non_null(st);
    struct year_data yd;
    int rc = store_load_year(st, 2025, &yd);
    if (rc == STORE_OK) {
        size_t n = yd.n_items;
        year_data_free(&yd);
        fail_msg("store_load_year returned OK with %zu items from a damaged target table", n);
    }
    assert_true(strlen(store_errmsg(st)) > 0);
    size_t streamed = 0;
    rc = store_load_year_streamed(st, 2025, &yd, count_items, &streamed);
    if (rc == STORE_OK) {
        year_data_free(&yd);
        fail_msg("store_load_year_streamed returned OK with %zu items from a damaged table",
                 streamed);
    }
    store_close(st);
    free(path);
    test_rmtree(dir);
    free(dir);
}

static void damaged_units_fail_the_unit_list(void **state)
{
    (void)state;
    char *dir;
    char *path = demo_file(&dir);
    long page_size = 0;
    long page = leaf_page(path, "unit", 0, &page_size);
    assert_true(page > 0);
    damage_page(path, page, page_size);

    char err[512];
    struct store *st = store_open(path, "tester", err, sizeof err);
    assert_non_null(st);
    struct unit *units;
    size_t n;
    int rc = store_unit_list(st, 0, &units, &n);
    if (rc == STORE_OK) {
        store_free_units(units, n);
        fail_msg("store_unit_list returned OK with %zu units from a damaged unit table", n);
    }
    struct year_data yd;
    assert_int_not_equal(store_load_year(st, 2025, &yd), STORE_OK);
    store_close(st);
    free(path);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(damaged_targets_fail_the_year_load),
        cmocka_unit_test(damaged_units_fail_the_unit_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
