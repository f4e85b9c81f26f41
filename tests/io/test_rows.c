/* io/rows: the row source over a CSV file (header first, lines, encoding, data count, the
 * location prefix of a message) and the CSV sink's extra formula guard. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_write.h"
#include "io/rows.h"
#include "model/xmalloc.h"

static char *write_file(const char *dir, const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    return path;
}

static void reads_csv_rows(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    /* A quoted cell spans two lines: the next row starts on line 4. An empty row is skipped. */
    char *path = write_file(dir, "u.csv", "单位编码,单位名称\nD01,\"甲\n乙\"\n,\nD02, 丙 \n");
    char err[256];
    struct rows *src = rows_open(path, err, sizeof err);
    assert_non_null(src);
    assert_int_equal(rows_data_count(src), 2);
    assert_int_equal(rows_encoding(src), ENC_UTF8);
    assert_string_equal(rows_name(src), path);
    struct rows_row r;
    assert_true(rows_next(src, &r));
    assert_int_equal(r.line, 1);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.cells[1], "单位名称");
    assert_true(rows_next(src, &r));
    assert_int_equal(r.line, 2);
    assert_string_equal(r.cells[1], "甲\n乙");
    assert_true(rows_next(src, &r));
    assert_int_equal(r.line, 5);
    assert_string_equal(r.cells[1], "丙");
    assert_false(rows_next(src, &r));
    rows_close(src);
    free(path);
    test_rmtree(dir);
    free(dir);
}

static void open_failure_names_the_file(void **state)
{
    (void)state;
    char err[256];
    assert_null(rows_open("/nonexistent/x.csv", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/x.csv: 无法打开"));
}

static void locations(void **state)
{
    (void)state;
    struct csv_table t = {0};
    struct rows *src = rows_from_table("f.csv", &t);
    char buf[128];
    rows_where(src, 7, "分组", buf, sizeof buf);
    assert_string_equal(buf, "f.csv:7: 列 分组: ");
    rows_where(src, 7, NULL, buf, sizeof buf);
    assert_string_equal(buf, "f.csv:7: ");
    rows_where(src, 0, NULL, buf, sizeof buf);
    assert_string_equal(buf, "f.csv: ");
    rows_where(src, 0, "pool", buf, sizeof buf);
    assert_string_equal(buf, "f.csv: 列 pool: ");
    struct rows_row r;
    assert_false(rows_next(src, &r));
    rows_close(src);
}

static void csv_sink_guards_twice(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    struct csv_writer w;
    csvw_begin(&w, fp);
    struct row_sink out = rows_csv_sink(&w);
    out.text(out.ctx, "=1+1");  /* csvw_text guards: '=1+1 */
    out.text(out.ctx, "'=1+1"); /* looks guarded already: one more ' */
    out.text(out.ctx, NULL);
    out.number(out.ctx, "1.5");
    out.end_row(out.ctx);
    fclose(fp);
    assert_string_equal(buf, "\xef\xbb\xbf\"'=1+1\",\"''=1+1\",\"\",\"1.5\"\r\n");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_csv_rows),
        cmocka_unit_test(open_failure_names_the_file),
        cmocka_unit_test(locations),
        cmocka_unit_test(csv_sink_guards_twice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
