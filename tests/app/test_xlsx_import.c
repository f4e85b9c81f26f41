/* Workbooks through the import driver (io/rows.h picks the reader by the ZIP signature):
 * problems name the sheet, cell and column; the layout offices give their sheets (title rows,
 * 序号 and 单位名称 columns, 合计 rows, notes) is skipped with one note each, in CSV too; error
 * values are refused by name; a workbook that breaks off says why (rows_error). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/kinds.h"
#include "io/import_rows.h"
#include "io/rows.h"
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

struct parsed {
    struct csv_table t;
    struct import_batch b;
    struct import_problems p;
    bool ok;
};

static void parse_source(struct parsed *x, const struct data_kind *kind, struct rows *src)
{
    import_problems_init(&x->p, rows_name(src));
    x->ok = import_parse_rows(kind, src, &x->b, &x->p);
    rows_close(src);
}

/* A fixture by its name; problems then start with "F: " (the name as given). */
static void parse_xlsx(struct parsed *x, const struct data_kind *kind, const char *name)
{
    memset(x, 0, sizeof *x);
    char *path = xasprintf("%s/%s", dir, name), err[512];
    struct rows *src = rows_open(path, err, sizeof err);
    free(path);
    if (!src)
        fail_msg("%s", err);
    parse_source(x, kind, src);
}

static void parse_csv(struct parsed *x, const struct data_kind *kind, const char *text)
{
    memset(x, 0, sizeof *x);
    char err[512];
    if (!csv_read_buffer(text, strlen(text), &x->t, err, sizeof err))
        fail_msg("csv: %s", err);
    parse_source(x, kind, rows_from_table("f.csv", &x->t));
}

static void done(struct parsed *x)
{
    import_batch_free(&x->b);
    import_problems_free(&x->p);
    csv_table_free(&x->t);
}

/* The problem list (errors or warnings) is exactly `want`, in order, NULL-terminated; the
 * fixtures' path is written as "F". */
static void expect(const struct parsed *x, bool warnings, const char *const *want)
{
    size_t n = warnings ? x->p.n_warnings : x->p.n_errors, k = 0;
    char **list = warnings ? x->p.warnings : x->p.errors;
    size_t dl = strlen(dir) + 1;
    for (; want[k]; k++) {
        if (k >= n)
            fail_msg("missing: %s", want[k]);
        const char *got = list[k];
        if (strncmp(got, dir, dl - 1) == 0) /* "<dir>/name.xlsx: ..." -> "F: ..." */
            got = strchr(got + dl, ':');
        char *g = xasprintf("%s%s", got == list[k] ? "" : "F", got);
        if (strcmp(g, want[k]) != 0)
            fail_msg("problem %zu:\n  got  %s\n  want %s", k, g, want[k]);
        free(g);
    }
    if (k != n)
        fail_msg("unexpected: %s", list[k]);
}

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NONE ((const char *const[]){NULL})

static void office_layout_in_a_workbook(void **state)
{
    (void)state;
    struct parsed x;
    parse_xlsx(&x, kind_find("ledger"), "ledger_layout.xlsx");
    expect(&x, false, NONE);
    assert_true(x.ok);
    assert_int_equal(x.b.n, 2);
    assert_string_equal(x.b.rows[0].unit, "D01");
    assert_string_equal(x.b.rows[0].v.ledger.date, "2025-03-05"); /* a date cell, yyyy/m/d */
    assert_true(x.b.rows[0].v.ledger.points == 1.5);
    assert_int_equal(x.b.rows[1].line, 5); /* the sheet's row number */
    expect(&x, true,
           LIST("F: 工作表「台账」第 1 行: 提醒: 表头上方的标题「2025年度加减分台账」已跳过",
                "F: 工作表「台账」A3 列 序号: 提醒: 这一列不导入, 已忽略",
                "F: 工作表「台账」D3 列 单位名称: 提醒: 这一列不导入, 已忽略",
                "F: 工作表「台账」第 6 行: 提醒: 合计行「合 计」不是数据, 已跳过",
                "F: 工作表「台账」第 7 行: 提醒: 说明文字「注：分值均为正数」等不是数据, 已跳过"));
    done(&x);
}

static void cells_named_in_problems(void **state)
{
    (void)state;
    struct parsed x;
    parse_xlsx(&x, kind_find("ledger"), "ledger_errors.xlsx");
    assert_false(x.ok);
    expect(&x, false,
           LIST("F: 工作表「Sheet」E2 列 分值: 是电子表格的错误值 #DIV/0! (公式算不出结果): "
                "请在表格中改正公式, 或填入数值",
                "F: 工作表「Sheet」F3 列 事由: 是电子表格的错误值 #N/A (公式算不出结果): "
                "请在表格中改正公式, 或填入数值",
                "F: 工作表「Sheet」C4 列 日期: 「2025-02-30」不是有效的日期 (2025 年 2 月只有 28 天)"));
    done(&x);
}

/* The same layout rules hold for CSV (the rows are the same to the driver). */
static void office_layout_in_csv(void **state)
{
    (void)state;
    struct parsed x;
    parse_csv(&x, kind_find("appraisals"),
              "2025年度公众评议结果,,,\n"
              "副标题,,,\n"
              "序号,年度,单位编码,公众评议得分\n"
              "1,2025,D01,86.4\n"
              "小计,,,86.4\n"
              "2,2025,D02,#VALUE!\n"
              "总　计,,,86.4\n"
              "备注：按百分制\n");
    assert_false(x.ok);
    assert_int_equal(x.b.n, 1);
    expect(&x, false,
           LIST("f.csv:6: 列 公众评议得分: 是电子表格的错误值 #VALUE! (公式算不出结果): "
                "请在表格中改正公式, 或填入数值"));
    expect(&x, true,
           LIST("f.csv:1: 提醒: 表头上方的标题「2025年度公众评议结果」等几行已跳过",
                "f.csv:3: 列 序号: 提醒: 这一列不导入, 已忽略",
                "f.csv:5: 提醒: 合计行「小计」等不是数据, 已跳过",
                "f.csv:8: 提醒: 说明文字「备注：按百分制」不是数据, 已跳过"));
    done(&x);
    /* A one-cell header that is a column name is the header (and its problems are told). */
    parse_csv(&x, kind_find("appraisals"), "单位编码\nD01\n");
    assert_false(x.ok);
    expect(&x, true, NONE);
    done(&x);
}

static void a_broken_workbook_is_refused(void **state)
{
    (void)state;
    /* The caller reports a source that broke off (rows_error), not the driver. */
    char *path = xasprintf("%s/broken.xlsx", dir), err[512];
    struct rows *src = rows_open(path, err, sizeof err);
    assert_non_null(src);
    struct parsed x;
    memset(&x, 0, sizeof x);
    import_problems_init(&x.p, path);
    assert_false(import_parse_rows(kind_find("units"), src, &x.b, &x.p));
    expect(&x, false, NONE);
    char *want = xasprintf("%s: 工作表「数据」: xl/worksheets/s1.xml 不是有效的 XML (第 1 行: "
                           "mismatched tag)",
                           path);
    assert_string_equal(rows_error(src), want);
    free(want), free(path);
    rows_close(src);
    done(&x);
    path = xasprintf("%s/layout.xlsx", dir);
    assert_null(rows_open_sheet(path, "汇总", err, sizeof err));
    assert_non_null(strstr(err, ": 没有名为「汇总」的工作表 (工作簿中有: 台账、备注)"));
    src = rows_open_sheet(path, "备注", err, sizeof err);
    assert_non_null(src);
    assert_string_equal(rows_sheet(src), "备注");
    rows_close(src);
    free(path);
    path = xasprintf("%s/../csv/units.csv", KAOPING_TEST_DATA);
    assert_null(rows_open_sheet(path, "单位", err, sizeof err));
    assert_non_null(strstr(err, "units.csv: 不是 .xlsx 工作簿, 不能用 --sheet 选择工作表"));
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(office_layout_in_a_workbook),
        cmocka_unit_test(cells_named_in_problems),
        cmocka_unit_test(office_layout_in_csv),
        cmocka_unit_test(a_broken_workbook_is_refused),
    };
    return cmocka_run_group_tests(tests, make_fixtures, remove_fixtures);
}
