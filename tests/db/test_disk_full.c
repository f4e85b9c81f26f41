/* A write that does not fit (docs/store.md, "A full disk") is named as a full disk, says that
 * nothing was written and what to do, and leaves nothing behind. SQLite's max_page_count gives
 * the same SQLITE_FULL as a full disk without one (tests/cli/disk_full.sh uses a real one, and
 * so does the migration's test here, as root). */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "db/store_internal.h"
#include "model/xmalloc.h"

static void a_write_past_the_room_says_the_disk_is_full(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    long long pages = test_sql_int(st, "PRAGMA page_count");
    char *limit = sqlite3_mprintf("PRAGMA max_page_count = %lld", pages + 2);
    test_exec_sql(st, limit);
    sqlite3_free(limit);

    assert_int_equal(store_begin(st), STORE_OK);
    int rc = sqlite3_exec(store_db(st),
                          "CREATE TABLE filler(x);"
                          "INSERT INTO filler WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL"
                          " SELECT i + 1 FROM c WHERE i < 100) SELECT randomblob(4000) FROM c",
                          NULL, NULL, NULL);
    assert_int_equal(rc & 0xff, SQLITE_FULL);
    assert_int_equal(store_fail_sqlite(st, "写入"), STORE_ERROR);
    store_rollback(st);

    const char *msg = store_errmsg(st);
    assert_non_null(strstr(msg, "写入: 磁盘已满, 未写入任何数据"));
    assert_non_null(strstr(msg, store_path(st)));
    assert_non_null(strstr(msg, "请腾出磁盘空间"));
    assert_null(strstr(msg, "database or disk is full"));
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM sqlite_schema WHERE name = 'filler'"),
                     0);
    /* The store goes on: a write that fits is taken. */
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

/* Other errors keep SQLite's own text: only a write that did not fit is called a full disk. */
static void other_errors_are_not_a_full_disk(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_int_not_equal(sqlite3_exec(store_db(st), "SELECT * FROM no_such_table", NULL, NULL,
                                      NULL),
                         SQLITE_OK);
    assert_null(store_no_room(st));
    store_fail_sqlite(st, "读取");
    assert_null(strstr(store_errmsg(st), "磁盘已满"));
    assert_non_null(strstr(store_errmsg(st), "no such table"));
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

/* Leaves `room` bytes free on the file system of dir (a tmpfs) with a file dir/filler. */
static void fill_but(const char *dir, unsigned long room)
{
    struct statvfs vfs;
    assert_int_equal(statvfs(dir, &vfs), 0);
    unsigned long long avail = (unsigned long long)vfs.f_bavail * vfs.f_frsize;
    char *filler = xasprintf("%s/filler", dir);
    FILE *f = fopen(filler, "wb");
    assert_non_null(f);
    static char block[4096];
    for (unsigned long long n = 0; n + sizeof block <= avail - room; n += sizeof block)
        if (fwrite(block, 1, sizeof block, f) != sizeof block)
            break;
    fclose(f);
    free(filler);
}

/* Upgrading an older file needs room too (the v13 migration rewrites the audit log): on a
 * full disk it says so, and the file stays the older version, upgraded once there is room.
 * A real full disk: root only (mount -t tmpfs), skipped elsewhere. */
static void a_migration_on_a_full_disk_says_so(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_demo(&dir);
    store_close(st);
    char *src = xasprintf("%s/test.db", dir), *disk = xasprintf("%s/disk", dir);
    test_audit_to_v12(src);
    assert_int_equal(mkdir(disk, 0700), 0);
    char *cmd = xasprintf("mount -t tmpfs -o size=6m tmpfs '%s' 2>/dev/null && cp '%s' '%s/x.db'",
                          disk, src, disk);
    bool mounted = geteuid() == 0 && system(cmd) == 0;
    free(cmd);
    char full_err[1024] = "", *path = xasprintf("%s/x.db", disk);
    long long version = -1;
    if (mounted) {
        fill_but(disk, 64 * 1024);
        st = store_open(path, "tester", full_err, sizeof full_err);
        assert_null(st);
        char *filler = xasprintf("%s/filler", disk);
        unlink(filler);
        free(filler);
        char err[1024];
        st = store_open(path, "tester", err, sizeof err);
        version = st ? test_sql_int(st, "PRAGMA user_version") : -1;
        store_close(st);
        cmd = xasprintf("umount -l '%s'", disk);
        assert_int_equal(system(cmd), 0);
        free(cmd);
    }
    free(path);
    free(src), free(disk);
    test_rmtree(dir);
    free(dir);
    if (!mounted)
        skip();
    assert_non_null(strstr(full_err, "磁盘已满"));
    assert_non_null(strstr(full_err, "仍是第 12 版"));
    assert_int_equal(version, STORE_SCHEMA_VERSION);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_write_past_the_room_says_the_disk_is_full),
        cmocka_unit_test(other_errors_are_not_a_full_disk),
        cmocka_unit_test(a_migration_on_a_full_disk_says_so),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
