/* Temporary directories and stores for the cmocka tests. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/wait.h>

#include "cli/demo_county.h"
#include "db/store_internal.h"
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

struct store *test_store_demo(char **dir)
{
    struct store *st = test_store_new(dir);
    assert_non_null(st);
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(demo_county_build(st), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
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

int test_run(const char *cmd, char **out)
{
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            buf = xrealloc(buf, cap);
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    int status = pclose(p);
    if (out) {
        if (!buf)
            buf = xstrdup("");
        else
            buf[len] = '\0';
        *out = buf;
    } else {
        free(buf);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
