/* The .xlsx reader on workbooks written as spreadsheets write them (tests/io/
 * test_xlsx_fixtures.py, run with Debian's python3-openpyxl): shared strings, styles, dates,
 * formulas, sparse rows, other generators' quirks, and broken or hostile files. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/xlsx_read.h"
#include "model/xmalloc.h"

static char *dir;

static int make_fixtures(void **state)
{
    (void)state;
    dir = test_tmpdir();
    char *cmd = xasprintf("/usr/bin/python3 %s/../io/test_xlsx_fixtures.py %s", KAOPING_TEST_DATA,
                          dir);
    int rc = test_run(cmd, NULL);
    free(cmd);
    return rc == 0 ? 0 : -1;
}

static int remove_fixtures(void **state)
{
    (void)state;
    test_rmtree(dir);
    free(dir);
    return 0;
}

static struct xlsx_reader *open_ok(const char *name, const char *sheet)
{
    char *path = xasprintf("%s/%s", dir, name);
    char err[512];
    struct xlsx_reader *r = xlsx_open(path, sheet, err, sizeof err);
    free(path);
    if (!r)
        fail_msg("%s: %s", name, err);
    return r;
}

static void next_ok(struct xlsx_reader *r, struct xlsx_row *row)
{
    char err[512];
    int rc = xlsx_next(r, row, err, sizeof err);
    if (rc != 1)
        fail_msg("xlsx_next: %d %s", rc, rc < 0 ? err : "");
}

/* Expects the row's cells to be exactly `want` (NULL-terminated). */
static void expect_row(struct xlsx_reader *r, long line, const char *const *want)
{
    struct xlsx_row row;
    next_ok(r, &row);
    assert_int_equal(row.row, line);
    size_t n = 0;
    while (want[n])
        n++;
    assert_int_equal(row.n, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(row.cells[i], want[i]);
    xlsx_row_free(&row);
}

static void expect_end(struct xlsx_reader *r)
{
    struct xlsx_row row;
    char err[512];
    assert_int_equal(xlsx_next(r, &row, err, sizeof err), 0);
}

#define ROW(...) ((const char *const[]){__VA_ARGS__, NULL})

static void ledger_as_an_office_keeps_it(void **state)
{
    (void)state;
    struct xlsx_reader *r = open_ok("layout.xlsx", NULL);
    assert_string_equal(xlsx_sheet_name(r), "台账"); /* the first sheet by default */
    expect_row(r, 1, ROW("2025年度加减分台账"));        /* merged title; row 2 is blank */
    expect_row(r, 3, ROW("序号", "年度", "单位编码", "日期", "类型", "分值", "事由", "核验人"));
    /* text codes keep their zeros, the date is by its format, 1.5 stays, text is trimmed */
    expect_row(r, 4, ROW("1", "2025", "001", "2025-03-05", "查访核验", "1.5", "迟到", "张三"));
    /* built-in date format 14; 0.10000000000000001 as Excel writes it is the double 0.1 */
    expect_row(r, 5, ROW("2", "2025", "0101", "2025-12-31", "加分", "0.1", "表扬"));
    /* missing A6; a Chinese date format; a formula's cached value; TRUE; 77.8% */
    struct xlsx_row row;
    next_ok(r, &row);
    assert_int_equal(row.row, 6);
    assert_int_equal(row.n, 8);
    assert_string_equal(row.cells[0], "");
    assert_int_equal(row.types[0], XLSX_EMPTY);
    assert_string_equal(row.cells[3], "2024-02-29");
    assert_int_equal(row.types[3], XLSX_DATE);
    assert_string_equal(row.cells[5], "1.6");
    assert_int_equal(row.types[5], XLSX_NUMBER);
    assert_string_equal(row.cells[6], "TRUE");
    assert_int_equal(row.types[6], XLSX_BOOL);
    assert_string_equal(row.cells[7], "77.8%");
    assert_int_equal(row.types[2], XLSX_TEXT);
    xlsx_row_free(&row);
    expect_row(r, 7, ROW("合计", "", "", "", "", "3.2"));
    expect_row(r, 8, ROW("注: 分值为正数"));
    expect_end(r); /* row 9 has only a formatted empty cell */
    xlsx_close(r);
}

static void sheet_by_name(void **state)
{
    (void)state;
    struct xlsx_reader *r = open_ok("layout.xlsx", "备注");
    expect_row(r, 1, ROW("other"));
    expect_end(r);
    xlsx_close(r);
    char *path = xasprintf("%s/layout.xlsx", dir);
    char err[512];
    assert_null(xlsx_open(path, "汇总", err, sizeof err));
    assert_string_equal(err, "没有名为「汇总」的工作表 (工作簿中有: 台账、备注)");
    free(path);
}

/* Prefixed elements (x:c), cells without r, rich text with phonetic runs, inline rich text,
 * a formula string, the 1904 date system, an ISO date cell, 1E-3, FALSE, an error value. */
static void other_generators(void **state)
{
    (void)state;
    struct xlsx_reader *r = open_ok("raw.xlsx", NULL);
    expect_row(r, 1, ROW("富文本", "内联", "公式文字", "1904-01-01", "2025-03-05", "0.001", "FALSE"));
    struct xlsx_row row;
    next_ok(r, &row);
    assert_int_equal(row.row, 4);
    assert_int_equal(row.n, 27); /* AA4 */
    assert_string_equal(row.cells[2], "#N/A");
    assert_int_equal(row.types[2], XLSX_ERROR);
    assert_string_equal(row.cells[26], "-7");
    assert_string_equal(row.cells[25], "");
    xlsx_row_free(&row);
    expect_end(r);
    xlsx_close(r);
}

static void many_rows_across_chunks(void **state)
{
    (void)state;
    struct xlsx_reader *r = open_ok("many.xlsx", NULL);
    expect_row(r, 1, ROW("编号", "文字", "数值"));
    for (long i = 1; i <= 8000; i++) {
        struct xlsx_row row;
        next_ok(r, &row);
        char code[16], text[64], num[40];
        snprintf(code, sizeof code, "D%05ld", i);
        snprintf(text, sizeof text, "第%ld行的事由", i);
        /* i / 4: a quarter step, exact in binary, printed without trailing zeros */
        snprintf(num, sizeof num, "%ld%s", i / 4, (const char *[]){"", ".25", ".5", ".75"}[i % 4]);
        assert_int_equal(row.row, i + 1);
        assert_int_equal(row.n, 3);
        assert_string_equal(row.cells[0], code);
        assert_string_equal(row.cells[1], text);
        assert_string_equal(row.cells[2], num);
        xlsx_row_free(&row);
    }
    expect_end(r);
    xlsx_close(r);
}

/* Opening or reading fails with `want` somewhere in the message, never a crash. */
static void refused(const char *name, const char *want)
{
    char *path = xasprintf("%s/%s", dir, name);
    char err[512] = "";
    struct xlsx_reader *r = xlsx_open(path, NULL, err, sizeof err);
    free(path);
    if (r) {
        struct xlsx_row row;
        int rc;
        while ((rc = xlsx_next(r, &row, err, sizeof err)) == 1)
            xlsx_row_free(&row);
        xlsx_close(r);
        assert_int_equal(rc, -1);
    }
    if (!strstr(err, want))
        fail_msg("%s: \"%s\" lacks \"%s\"", name, err, want);
}

static void broken_and_hostile_files(void **state)
{
    (void)state;
    refused("bomb.xlsx", "styles.xml 解压后超过 32 MB");
    refused("doctype.xlsx", "含有 DOCTYPE 声明");
    refused("broken.xlsx", "xl/worksheets/s1.xml 不是有效的 XML (第 1 行: mismatched tag)");
    refused("badindex.xlsx", "B2: 共享字符串编号「9」不存在");
    refused("nocache.xlsx", "D3: 公式没有保存计算结果");
    refused("truncated.xlsx", "不是有效的 .xlsx 工作簿");
    refused("garbage.xlsx", "不是有效的 .xlsx 工作簿");
}

static void zip_signature_and_cell_refs(void **state)
{
    (void)state;
    char *path = xasprintf("%s/layout.xlsx", dir);
    assert_true(xlsx_is_zip(path));
    free(path);
    path = xasprintf("%s/../csv/units.csv", KAOPING_TEST_DATA);
    assert_false(xlsx_is_zip(path));
    free(path);
    char ref[16];
    xlsx_cell_ref(0, 1, ref);
    assert_string_equal(ref, "A1");
    xlsx_cell_ref(1, 7, ref);
    assert_string_equal(ref, "B7");
    xlsx_cell_ref(26, 4, ref);
    assert_string_equal(ref, "AA4");
    xlsx_cell_ref(16383, 1048576, ref);
    assert_string_equal(ref, "XFD1048576");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ledger_as_an_office_keeps_it),
        cmocka_unit_test(sheet_by_name),
        cmocka_unit_test(other_generators),
        cmocka_unit_test(many_rows_across_chunks),
        cmocka_unit_test(broken_and_hostile_files),
        cmocka_unit_test(zip_signature_and_cell_refs),
    };
    return cmocka_run_group_tests(tests, make_fixtures, remove_fixtures);
}
