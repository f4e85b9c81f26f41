/* Stores for the cmocka tests of db and the layers above it (links kp_db). */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store_internal.h"
#include "model/xmalloc.h"

struct store *test_store_new(char **dir)
{
    *dir = test_tmpdir();
    char *path = xasprintf("%s/test.db", *dir);
    char err[512];
    struct store *st = store_open(path, "tester", err, sizeof err);
    if (!st)
        fprintf(stderr, "store_open: %s\n", err);
    free(path);
    return st;
}

void test_exec_sql(struct store *st, const char *sql)
{
    /* In a kaoping transaction, so the audit rows it writes are sealed (docs/store.md,
     * "Tamper evidence"), unless the test opened one or sets pragmas that only work outside
     * one (a hand-edited file: foreign keys off, writable schema). */
    bool own = sqlite3_get_autocommit(store_db(st)) && strncmp(sql, "PRAGMA", 6) != 0;
    if (own && store_begin(st) != STORE_OK) {
        fprintf(stderr, "BEGIN failed: %s\n", store_errmsg(st));
        fail();
    }
    char *msg = NULL;
    if (sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "SQL failed: %s\n", msg);
        sqlite3_free(msg);
        store_rollback(st);
        fail();
    }
    if (own && store_commit(st) != STORE_OK) {
        fprintf(stderr, "COMMIT failed: %s\n", store_errmsg(st));
        fail();
    }
}

long long test_sql_int(struct store *st, const char *sql)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
    long long v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    return v;
}
