/* Corruption stops writes: after any call on a store meets SQLITE_CORRUPT, store_begin refuses
 * with a message pointing to check and backup; store_begin_bulk runs PRAGMA quick_check first
 * and refuses a damaged file before writing. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/store_internal.h"
#include "model/xmalloc.h"

static long long raw_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    long long v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* The demo in dir/test.db with the header of one audit leaf page in the middle zeroed. */
static char *damaged_demo(char **dir)
{
    struct store *st = test_store_demo(dir);
    store_close(st);
    char *path = xasprintf("%s/test.db", *dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL),
                     SQLITE_OK);
    long long page = raw_int(db, "SELECT pageno FROM dbstat WHERE name = 'audit_change' AND"
                                 " pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 5");
    long long size = raw_int(db, "PRAGMA page_size");
    sqlite3_close(db);
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, (long)((page - 1) * size), SEEK_SET), 0);
    static const unsigned char zero[8];
    assert_int_equal(fwrite(zero, 1, sizeof zero, f), sizeof zero);
    fclose(f);
    return path;
}

static void bulk_begin_refuses_a_damaged_file(void **state)
{
    (void)state;
    char *dir;
    char *path = damaged_demo(&dir);
    char err[512];
    struct store *st = store_open(path, "tester", err, sizeof err);
    assert_non_null(st); /* the damage is not on the pages opening reads */
    assert_int_equal(store_begin_bulk(st, NULL, NULL), STORE_ERROR);
    assert_non_null(strstr(store_errmsg(st), "已损坏"));
    assert_non_null(strstr(store_errmsg(st), "kaoping check"));
    assert_non_null(strstr(store_errmsg(st), "kaoping backup"));
    assert_true(sqlite3_get_autocommit(store_db(st))); /* no transaction left open */
    /* and no write after it on this connection, even a small one */
    assert_int_equal(store_begin(st), STORE_ERROR);
    assert_non_null(strstr(store_errmsg(st), "已损坏"));
    store_close(st);
    free(path);
    test_rmtree(dir);
    free(dir);
}

/* The deferred check (store_begin_bulk_deferred): begun without reading the whole file, the
 * transaction may read; the first statement that writes runs the check and is refused, with
 * nothing written and the transaction rolled back. */
static void deferred_check_refuses_the_first_write(void **state)
{
    (void)state;
    char *dir;
    char *path = damaged_demo(&dir);
    char err[512];
    struct store *st = store_open(path, "tester", err, sizeof err);
    assert_non_null(st);
    assert_int_equal(store_begin_bulk_deferred(st, NULL, NULL), STORE_OK);
    sqlite3_stmt *r = store_prepare(st, "SELECT count(*) FROM unit");
    assert_non_null(r); /* a read is not a write */
    assert_int_equal(sqlite3_step(r), SQLITE_ROW);
    sqlite3_finalize(r);
    assert_null(store_cached(st, "UPDATE unit SET name = name || 'x'"));
    assert_non_null(strstr(store_errmsg(st), "已损坏"));
    assert_non_null(strstr(store_errmsg(st), "kaoping backup"));
    assert_true(sqlite3_get_autocommit(store_db(st))); /* rolled back */
    assert_int_equal(store_begin_bulk_deferred(st, NULL, NULL), STORE_ERROR);
    store_close(st);
    /* store_bulk_check refuses the same way */
    st = store_open(path, "tester", err, sizeof err);
    assert_int_equal(store_begin_bulk_deferred(st, NULL, NULL), STORE_OK);
    assert_int_equal(store_bulk_check(st), STORE_ERROR);
    assert_non_null(strstr(store_errmsg(st), "已损坏"));
    assert_true(sqlite3_get_autocommit(store_db(st)));
    store_close(st);
    free(path);
    test_rmtree(dir);
    free(dir);
}

/* On a sound file the deferred check lets the writes through, once. */
static void deferred_check_passes_a_sound_file(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_demo(&dir);
    assert_int_equal(store_begin_bulk_deferred(st, NULL, NULL), STORE_OK);
    assert_int_equal(store_bulk_check(st), STORE_OK);
    assert_int_equal(store_bulk_check(st), STORE_OK);
    sqlite3_stmt *w = store_cached(st, "UPDATE unit SET name = name || 'x' WHERE code = 'D01'");
    assert_non_null(w);
    assert_int_equal(sqlite3_step(w), SQLITE_DONE);
    store_cached_done(w);
    assert_int_equal(store_commit(st), STORE_OK);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

/* A read that meets the damage (here the audit log, read whole) stops later writes. */
static void corruption_met_by_a_read_stops_writes(void **state)
{
    (void)state;
    char *dir;
    char *path = damaged_demo(&dir);
    char err[512];
    struct store *st = store_open(path, "tester", err, sizeof err);
    assert_non_null(st);
    struct audit_row *rows;
    size_t n;
    assert_int_equal(store_audit_query(st, &(struct audit_filter){0}, &rows, &n), STORE_ERROR);
    assert_non_null(strstr(store_errmsg(st), "已损坏"));
    assert_int_equal(store_begin(st), STORE_ERROR);
    assert_non_null(strstr(store_errmsg(st), "kaoping backup"));
    store_close(st);
    free(path);
    test_rmtree(dir);
    free(dir);
}

static void sound_file_passes_the_bulk_check(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_demo(&dir);
    assert_int_equal(store_begin_bulk(st, NULL, NULL), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bulk_begin_refuses_a_damaged_file),
        cmocka_unit_test(corruption_met_by_a_read_stops_writes),
        cmocka_unit_test(sound_file_passes_the_bulk_check),
        cmocka_unit_test(deferred_check_refuses_the_first_write),
        cmocka_unit_test(deferred_check_passes_a_sound_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
