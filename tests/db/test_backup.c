/* store_backup_into: an identical, openable copy; consistent and prompt while another
 * connection holds an open write transaction. Where the copy may go (never the database, no
 * overwrite without --force, temp + rename) is io/outfile's part: tests/io/test_outfile.c. */
#include "testutil.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/demo_county.h"
#include "db/maintenance.h"
#include "db/store_internal.h"
#include "model/xmalloc.h"

struct buf {
    char *s;
    size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
    /* Geometric growth: ASan's realloc always copies, so growing by n would be quadratic. */
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* Every row of every table (and the schema and user_version), in a canonical text form:
 * two databases with equal digests hold the same data. */
static char *db_digest(sqlite3 *db)
{
    struct buf b = {0};
    sqlite3_stmt *tables;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
                                            " ORDER BY name",
                                        -1, &tables, NULL),
                     SQLITE_OK);
    while (sqlite3_step(tables) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        const char *sql = (const char *)sqlite3_column_text(tables, 1);
        buf_add(&b, sql, strlen(sql));
        buf_add(&b, "\n", 1);
        char *q = xasprintf("SELECT * FROM \"%s\" ORDER BY rowid", name);
        sqlite3_stmt *rows;
        assert_int_equal(sqlite3_prepare_v2(db, q, -1, &rows, NULL), SQLITE_OK);
        while (sqlite3_step(rows) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(rows); c++) {
                char type[8];
                snprintf(type, sizeof type, "%d:", sqlite3_column_type(rows, c));
                buf_add(&b, type, strlen(type));
                /* Blobs (the audit hash) in hex: the digest is a C string. */
                const unsigned char *t = sqlite3_column_type(rows, c) == SQLITE_BLOB
                                             ? NULL
                                             : sqlite3_column_text(rows, c);
                if (t)
                    buf_add(&b, (const char *)t, (size_t)sqlite3_column_bytes(rows, c));
                const unsigned char *blob = t ? NULL : sqlite3_column_blob(rows, c);
                for (int i = 0; blob && i < sqlite3_column_bytes(rows, c); i++) {
                    char hx[3];
                    snprintf(hx, sizeof hx, "%02x", blob[i]);
                    buf_add(&b, hx, 2);
                }
                buf_add(&b, "\t", 1);
            }
            buf_add(&b, "\n", 1);
        }
        sqlite3_finalize(rows);
        free(q);
    }
    sqlite3_finalize(tables);
    sqlite3_stmt *v;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &v, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(v), SQLITE_ROW);
    char ver[32];
    snprintf(ver, sizeof ver, "user_version=%d\n", sqlite3_column_int(v, 0));
    sqlite3_finalize(v);
    buf_add(&b, ver, strlen(ver));
    return b.s;
}

static char *file_digest(const char *path)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    char *d = db_digest(db);
    sqlite3_close(db);
    return d;
}

static long long count_rows(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    long long n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    return n;
}

static void fill_demo(struct store *st)
{
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(demo_county_build(st), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
}

/* Names in dir other than the ones listed (NULL-terminated), joined by spaces. */
static char *stray_files(const char *dir, const char *const *expected)
{
    struct buf b = {0};
    buf_add(&b, "", 0);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        bool known = e->d_name[0] == '.';
        for (const char *const *x = expected; *x && !known; x++)
            known = strcmp(e->d_name, *x) == 0;
        if (!known) {
            buf_add(&b, e->d_name, strlen(e->d_name));
            buf_add(&b, " ", 1);
        }
    }
    closedir(d);
    return b.s;
}

/* As io/outfile's OUTFILE_DATABASE mode hands it over: an empty file, then the copy. */
static int backup(struct store *st, const char *dest)
{
    int fd = open(dest, O_WRONLY | O_CREAT | O_EXCL, 0600);
    assert_true(fd >= 0);
    close(fd);
    return store_backup_into(st, dest);
}

static void ignore_finding(void *ctx, enum check_severity sev, const char *message)
{
    (void)ctx, (void)sev, (void)message;
}

static void backup_is_identical_and_openable(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_non_null(st);
    fill_demo(st);
    char *dest = xasprintf("%s/copy.db", dir);
    assert_int_equal(backup(st, dest), STORE_OK);

    char *want = db_digest(store_db(st));
    char *got = file_digest(dest);
    assert_true(strlen(want) > 100000); /* the demo is really in there */
    assert_string_equal(got, want);

    static const char *const expected[] = {"test.db", "test.db-wal", "test.db-shm", "copy.db", NULL};
    char *stray = stray_files(dir, expected);
    assert_string_equal(stray, "");

    /* The copy is a kaoping database in its own right: it opens and checks clean. */
    char err[512];
    struct store *copy = store_open(dest, "tester", err, sizeof err);
    assert_non_null(copy);
    assert_int_equal(store_check(copy, ignore_finding, NULL), 0);
    store_close(copy);

    free(stray), free(got), free(want), free(dest);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

static void backup_into_an_unwritable_place_fails(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_non_null(st);
    char *bad = xasprintf("%s/no/such/dir/x.db", dir);
    assert_int_equal(store_backup_into(st, bad), STORE_ERROR);
    assert_true(strlen(store_errmsg(st)) > 0);
    static const char *const expected[] = {"test.db", "test.db-wal", "test.db-shm", NULL};
    char *stray = stray_files(dir, expected);
    assert_string_equal(stray, "");
    free(stray), free(bad);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void backup_during_open_write_transaction(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_non_null(st);
    fill_demo(st);
    char *want = db_digest(store_db(st));

    /* A second connection (as another kaoping process would) holds the write lock with a
     * large uncommitted change; a tiny cache makes it spill pages into the WAL file. */
    char *path = xasprintf("%s/test.db", dir);
    char err[512];
    struct store *writer = store_open(path, "writer", err, sizeof err);
    assert_non_null(writer);
    test_exec_sql(writer, "PRAGMA cache_size = 2; BEGIN IMMEDIATE;"
                          " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                          " WHERE i < 3000) INSERT INTO unit(code, name, pool)"
                          " SELECT 'U' || i, '未提交单位 ' || i, '乡镇' FROM n;"
                          " UPDATE appraisal SET score = 0;");
    struct stat wal;
    char *wal_path = xasprintf("%s-wal", path);
    assert_int_equal(stat(wal_path, &wal), 0);
    assert_true(wal.st_size > 100000); /* uncommitted frames really are in the WAL */

    char *dest = xasprintf("%s/during.db", dir);
    double t0 = now_seconds();
    assert_int_equal(backup(st, dest), STORE_OK);
    double elapsed = now_seconds() - t0;
    assert_true(elapsed < 4.0); /* below busy_timeout: it never waited for the lock */

    char *got = file_digest(dest);
    assert_string_equal(got, want);
    sqlite3 *copy;
    assert_int_equal(sqlite3_open_v2(dest, &copy, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(count_rows(copy, "SELECT count(*) FROM unit WHERE code LIKE 'U%'"), 0);
    assert_int_equal(count_rows(copy, "SELECT count(*) FROM appraisal WHERE score = 0"), 0);
    sqlite3_close(copy);

    /* The writer commits afterwards; its data is in the source, not in the earlier copy. */
    test_exec_sql(writer, "COMMIT");
    assert_int_equal(count_rows(store_db(st), "SELECT count(*) FROM unit WHERE code LIKE 'U%'"), 3000);
    store_close(writer);

    free(got), free(dest), free(wal_path), free(path), free(want);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(backup_is_identical_and_openable),
        cmocka_unit_test(backup_into_an_unwritable_place_fails),
        cmocka_unit_test(backup_during_open_write_transaction),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
