/* io/rows: the row source over a CSV file (header first, lines, encoding, data count, the
 * location prefix of a message) and the CSV sink's extra formula guard. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_write.h"
#include "io/import_rows.h"
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

/* A streaming reader that breaks after its header (as a truncated .xlsx would). */
static char h0[] = "单位编码", h1[] = "单位名称", h2[] = "分组";
static char *fake_header[] = {h0, h1, h2};

static int fake_next(void *state, struct rows_row *out, char *err, size_t errsz)
{
    int *calls = state;
    if ((*calls)++ == 0) {
        *out = (struct rows_row){1, 3, fake_header};
        return 1;
    }
    snprintf(err, errsz, "b.xlsx: 工作表 Sheet1 单元格 A2: 文件已损坏");
    return -1;
}

static void fake_where(const void *state, long line, const char *column, char *out, size_t sz)
{
    (void)state;
    snprintf(out, sz, "b.xlsx 第 %ld 行 列 %s: ", line, column ? column : "-");
}

static void fake_close(void *state)
{
    (void)state;
}

/* A kind with the fake header's columns, all the import driver needs (the kinds themselves are
 * app/kind_*.c). */
static const struct import_column fake_cols[] = {
    {"单位编码", "code", true}, {"单位名称", "name", true}, {"分组", "pool", true}};

static void parse_nothing(struct rowctx *c, struct import_row *r)
{
    (void)c, (void)r;
}

static void free_nothing(struct import_row *r)
{
    (void)r;
}

static char *key_line(const struct import_row *r)
{
    return xasprintf("%ld", r->line);
}

static const struct data_kind fake_kind = {
    .name = "fake", .cols = fake_cols, .n_cols = 3, .dup_column = "单位编码", .dup_text = "",
    .parse = parse_nothing, .free_row = free_nothing, .key = key_line};

static void broken_source_stops(void **state)
{
    (void)state;
    static const struct rows_ops ops = {fake_next, fake_where, fake_close, NULL, NULL};
    int calls = 0;
    struct rows *src = rows_new("b.xlsx", &ops, &calls, ENC_UTF8, -1);
    assert_int_equal(rows_data_count(src), -1);
    struct import_problems p;
    struct import_batch b;
    import_problems_init(&p, "b.xlsx");
    import_parse_rows(&fake_kind, src, &b, &p);
    assert_int_equal(b.n, 0);
    assert_int_equal(p.n_errors, 0); /* the caller reports the broken file, once */
    assert_string_equal(rows_error(src), "b.xlsx: 工作表 Sheet1 单元格 A2: 文件已损坏");
    struct rows_row r;
    assert_false(rows_next(src, &r)); /* and it stays stopped */
    assert_int_equal(calls, 2);
    import_error(&p, 0, NULL, "x"); /* locations come from the source while it is set */
    p.src = src;
    import_error(&p, 3, "分组", "y");
    assert_string_equal(p.errors[1], "b.xlsx 第 3 行 列 分组: y");
    import_batch_free(&b);
    import_problems_free(&p);
    rows_close(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_csv_rows),
        cmocka_unit_test(open_failure_names_the_file),
        cmocka_unit_test(locations),
        cmocka_unit_test(csv_sink_guards_twice),
        cmocka_unit_test(broken_source_stops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
