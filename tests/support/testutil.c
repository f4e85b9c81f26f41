/* Temporary directories and stores for the cmocka tests. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "model/xmalloc.h"

char *test_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *tmpl = xasprintf("%s/kaoping-test-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpl)) {
        perror("mkdtemp");
        abort();
    }
    return tmpl;
}

void test_rmtree(const char *path)
{
    char *cmd = xasprintf("rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "warning: could not remove %s\n", path);
    free(cmd);
}

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
