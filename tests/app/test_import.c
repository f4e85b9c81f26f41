/* app/import: the pipeline the faces share. Its events in order, counts of a first import and
 * of the same file again, the dry run, a bad header that never opens the store, problems that
 * write nothing, and a file that cannot be read. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import.h"
#include "app/kinds.h"
#include "db/store.h"
#include "db/units.h"
#include "model/xmalloc.h"

struct seen {
    struct store *st;
    int store_calls;
    char events[64]; /* one letter per event: o O c w s */
    size_t opened_total;
    char header0[32];
};

static struct store *give_store(void *ctx)
{
    struct seen *s = ctx;
    s->store_calls++;
    return s->st;
}

static void on_event(void *ctx, const struct app_import_progress *p)
{
    struct seen *s = ctx;
    static const char letters[] = "oOcws";
    size_t n = strlen(s->events);
    if (n + 1 < sizeof s->events)
        s->events[n] = letters[p->event];
    if (p->event == IMPORT_OPENED) {
        s->opened_total = p->total;
        snprintf(s->header0, sizeof s->header0, "%s", p->header ? p->header->cells[0] : "");
    }
}

static char *write_file(const char *dir, const char *text)
{
    char *path = xasprintf("%s/u.csv", dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    return path;
}

static void run(struct seen *s, const char *path, bool dry_run, struct app_import_result *res)
{
    memset(s->events, 0, sizeof s->events);
    struct app_import_request req = {kind_find("units"), path, dry_run, give_store, on_event, s, NULL, false,
                                     NULL};
    app_import(&req, res);
}

static size_t unit_count(struct store *st)
{
    struct unit *u;
    size_t n;
    assert_int_equal(store_unit_list(st, 0, &u, &n), STORE_OK);
    store_free_units(u, n);
    return n;
}

static void imports_and_reimports(void **state)
{
    (void)state;
    char *dir;
    struct seen s = {0};
    s.st = test_store_new(&dir);
    char *path = write_file(dir, "单位编码,单位名称,分组\nA1,甲,县直部门\nA2,乙,乡镇\n");
    struct app_import_result res;
    run(&s, path, true, &res); /* dry run: counted, not written */
    assert_int_equal(res.status, APP_IMPORT_OK);
    assert_int_equal(res.counts[PUT_INSERTED], 2);
    assert_int_equal(unit_count(s.st), 0);
    app_import_result_free(&res);
    run(&s, path, false, &res);
    assert_int_equal(res.status, APP_IMPORT_OK);
    assert_string_equal(s.events, "oOcwws"); /* a write event per row, then the commit */
    assert_int_equal(s.opened_total, 2);
    assert_string_equal(s.header0, "单位编码");
    assert_int_equal(res.rows, 2);
    assert_int_equal(res.counts[PUT_INSERTED], 2);
    assert_int_equal(unit_count(s.st), 2);
    app_import_result_free(&res);
    run(&s, path, false, &res);
    assert_int_equal(res.counts[PUT_UNCHANGED], 2);
    app_import_result_free(&res);
    store_close(s.st);
    free(path);
    test_rmtree(dir);
    free(dir);
}

static void refusals_write_nothing(void **state)
{
    (void)state;
    char *dir;
    struct seen s = {0};
    s.st = test_store_new(&dir);
    char *path = write_file(dir, "单位编码,名字,分组\nA1,甲,县直部门\n");
    struct app_import_result res;
    run(&s, path, false, &res); /* a bad header: the store is never asked for */
    assert_int_equal(res.status, APP_IMPORT_PROBLEMS);
    assert_int_equal(s.store_calls, 0);
    assert_int_equal(res.probs.n_errors, 2); /* 名字 unknown, 单位名称 missing */
    app_import_result_free(&res);
    free(path);
    path = write_file(dir, "单位编码,单位名称,分组\nA1,甲,没有的分组\nA 2,乙,县直部门\n");
    run(&s, path, false, &res); /* a row error, and a check error of a row that parsed */
    assert_int_equal(res.status, APP_IMPORT_PROBLEMS);
    assert_int_equal(s.store_calls, 1);
    assert_int_equal(res.probs.n_errors, 2);
    assert_non_null(strstr(res.probs.errors[0], "u.csv:3: 列 单位编码: 「A 2」含有空格"));
    assert_non_null(strstr(res.probs.errors[1], "u.csv:2: 列 分组: 分组「没有的分组」不存在"));
    assert_int_equal(unit_count(s.st), 0);
    app_import_result_free(&res);
    run(&s, "/nonexistent/u.csv", false, &res);
    assert_int_equal(res.status, APP_IMPORT_INVALID);
    assert_non_null(strstr(res.message, "/nonexistent/u.csv: 无法打开"));
    assert_string_equal(s.events, "o");
    app_import_result_free(&res);
    store_close(s.st);
    free(path);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(imports_and_reimports),
        cmocka_unit_test(refusals_write_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
