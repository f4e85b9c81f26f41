/* Temporary directories and child commands for the cmocka tests (any layer: needs only
 * model/xmalloc). Stores are in testutil_store.c, the demo county in testutil_demo.c. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/wait.h>

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
