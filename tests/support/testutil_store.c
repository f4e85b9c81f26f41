/* Stores for the cmocka tests of db and the layers above it (links kp_db). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

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
    char *msg = NULL;
    if (sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "SQL failed: %s\n", msg);
        sqlite3_free(msg);
        fail();
    }
}
