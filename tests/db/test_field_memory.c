/* field checkout and field pack stream the baseline image (docs/field.md "How it works"): the
 * county file's bytes go from file to blob and from blob to file a chunk at a time. Before,
 * checkout held the image twice (sqlite3_serialize, then the bound blob) and pack twice (the
 * column, then the copy handed to sqlite3_deserialize): 1.6 GB at 8,000 units. Measured here
 * as SQLite's own allocations (counted by a wrapper of its allocator: Debian's build does not
 * keep sqlite3_memory_highwater), which held those copies. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/field.h"
#include "db/maintenance.h"
#include "db/store.h"
#include "model/xmalloc.h"

#define PAD_BYTES (24LL << 20) /* the county file's bulk: 192 rows of 128 KB */
#define BUDGET (PAD_BYTES / 3)  /* a page cache or two, never the file */

static sqlite3_mem_methods sys; /* SQLite's own allocator, wrapped below */
static long long used, peak;

static void count(long long delta)
{
    used += delta;
    if (used > peak)
        peak = used;
}

static void *count_malloc(int n)
{
    void *p = sys.xMalloc(n);
    if (p)
        count(sys.xSize(p));
    return p;
}

static void count_free(void *p)
{
    if (p)
        count(-sys.xSize(p));
    sys.xFree(p);
}

static void *count_realloc(void *p, int n)
{
    int before = p ? sys.xSize(p) : 0;
    void *q = sys.xRealloc(p, n);
    if (q)
        count(sys.xSize(q) - before);
    return q;
}

/* Starts a measurement: the peak from here on, above what is allocated now. */
static long long measure(void)
{
    peak = used;
    return used;
}

/* field_out_fn: counts the pack's bytes. */
static int count_bytes(void *ctx, const void *data, int n)
{
    (void)data;
    *(long *)ctx += n;
    return SQLITE_OK;
}

static void checkout_and_pack_do_not_hold_the_file(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_non_null(st);
    /* a table that travels (a primary key, not a local one), so the pack diffs it too */
    test_exec_sql(st, "CREATE TABLE pad(id INTEGER PRIMARY KEY, b BLOB);"
                      " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                      " WHERE i < 192) INSERT INTO pad SELECT i, randomblob(131072) FROM n");
    char *lap = xasprintf("%s/laptop.db", dir), err[512] = "";
    assert_int_equal(store_backup_into(st, lap), STORE_OK);

    long long base = measure();
    assert_true(base > 0); /* the wrapper counts */
    assert_int_equal(field_checkout(st, lap, "第二检查组", err, sizeof err), STORE_OK);
    long long checkout = peak - base;
    store_close(st);

    struct store *l = store_open(lap, "tester", err, sizeof err);
    assert_non_null(l);
    assert_int_equal(test_sql_int(l, "SELECT length(value) >= 24 << 20 FROM field_meta"
                                     " WHERE key = 'baseline'"), 1);
    struct field_header h;
    long n = 0;
    base = measure();
    assert_int_equal(field_pack(l, &h, count_bytes, &n), STORE_OK);
    long long pack = peak - base;
    assert_int_equal(n, 0); /* nothing changed since checkout */
    store_close(l);
    printf("SQLite's peak above its base: checkout %lld KB, pack %lld KB (file %lld KB)\n",
           checkout >> 10, pack >> 10, PAD_BYTES >> 10);
    assert_true(checkout < BUDGET);
    assert_true(pack < BUDGET);
    test_rmtree(dir);
    free(dir), free(lap);
}

int main(void)
{
    /* the allocator can only be replaced before SQLite initialises */
    sqlite3_mem_methods m;
    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sys) != SQLITE_OK)
        return 1;
    m = sys;
    m.xMalloc = count_malloc, m.xFree = count_free, m.xRealloc = count_realloc;
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(checkout_and_pack_do_not_hold_the_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
