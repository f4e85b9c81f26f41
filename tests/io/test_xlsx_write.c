/* The .xlsx writer: what it writes reads back exactly through the reader, and an independent
 * reader (Debian's python3-openpyxl) sees text cells, number cells, dates, the sheet name,
 * the frozen header and widths fitted to Chinese text. */
#include "testutil.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/xlsx_read.h"
#include "io/xlsx_write.h"
#include "model/xmalloc.h"

static char *dir, *path;

#define N_COLS 7
static const char *const header[N_COLS] = {"单位编码", "单位名称", "分值",    "日期",
                                           "序时进度", "事由",     "满意率"};
/* Every row as the export hands it: text cells, then number cells as formatted text. */
static const char *const rows[][N_COLS] = {
    {"001", "县财政局", "1.5", "2025-03-05", "25/50/75/100", "'=cmd", "0.1"},
    {"110101199003070011", "县发展和改革委员会办公室", "92.60000000000001", "2024-02-29", "",
     "=1+1", ""},
    {"0101", "", "100", "2025-3-5", "10/20/30/40", "1.23E+17", "55"},
};
static const bool is_number[N_COLS] = {false, false, true, false, true, false, true};

static int write_book(void **state)
{
    (void)state;
    setlocale(LC_ALL, "");
    dir = test_tmpdir();
    path = xasprintf("%s/out.xlsx", dir);
    char err[256];
    struct xlsx_out *w = xlsx_out_open(path, "加减分台账", err, sizeof err);
    if (!w)
        return -1;
    for (size_t c = 0; c < N_COLS; c++)
        xlsx_out_text(w, header[c]);
    xlsx_out_end_row(w);
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        for (size_t c = 0; c < N_COLS; c++)
            (is_number[c] ? xlsx_out_number : xlsx_out_text)(w, rows[r][c]);
        xlsx_out_end_row(w);
    }
    return xlsx_out_close(w, true, err, sizeof err) ? 0 : -1;
}

static int remove_book(void **state)
{
    (void)state;
    test_rmtree(dir);
    free(dir), free(path);
    return 0;
}

static void reads_back_exactly(void **state)
{
    (void)state;
    char err[512];
    struct xlsx_reader *r = xlsx_open(path, NULL, err, sizeof err);
    assert_non_null(r);
    assert_string_equal(xlsx_sheet_name(r), "加减分台账");
    struct xlsx_row row;
    assert_int_equal(xlsx_next(r, &row, err, sizeof err), 1);
    assert_int_equal(row.n, N_COLS);
    for (size_t c = 0; c < N_COLS; c++)
        assert_string_equal(row.cells[c], header[c]);
    xlsx_row_free(&row);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        assert_int_equal(xlsx_next(r, &row, err, sizeof err), 1);
        assert_int_equal(row.row, (long)i + 2);
        for (size_t c = 0; c < N_COLS; c++) {
            /* the guarded '=cmd comes back with its extra ', which import removes */
            const char *want = strcmp(rows[i][c], "'=cmd") == 0 ? "''=cmd" : rows[i][c];
            assert_string_equal(c < row.n ? row.cells[c] : "", want);
        }
        xlsx_row_free(&row);
    }
    assert_int_equal(xlsx_next(r, &row, err, sizeof err), 0);
    xlsx_close(r);
}

/* openpyxl's view: data types, number formats, the frozen pane, widths, the sheet name. */
static void an_independent_reader_agrees(void **state)
{
    (void)state;
    static const char script[] =
        "import sys, datetime, openpyxl\n"
        "wb = openpyxl.load_workbook(sys.argv[1])\n"
        "assert wb.sheetnames == ['加减分台账'], wb.sheetnames\n"
        "ws = wb.active\n"
        "assert ws.freeze_panes == 'A2', ws.freeze_panes\n"
        "assert ws['A2'].data_type == 's' and ws['A2'].value == '001'\n"
        "assert ws['A3'].value == '110101199003070011' and ws['A3'].data_type == 's'\n"
        "assert ws['A2'].number_format == '@'\n"
        "assert ws['C2'].data_type == 'n' and ws['C2'].value == 1.5\n"
        "assert ws['C3'].value == 92.60000000000001\n"
        "assert ws['G2'].value == 0.1 and ws['G3'].value is None\n"
        "assert ws['D2'].is_date and ws['D2'].value == datetime.datetime(2025, 3, 5)\n"
        "assert ws['D2'].number_format == 'yyyy-mm-dd'\n"
        "assert ws['D4'].data_type == 's' and ws['D4'].value == '2025-3-5'\n"
        "assert ws['E2'].data_type == 's' and ws['E2'].value == '25/50/75/100'\n"
        "assert ws['F3'].data_type == 's' and ws['F3'].value == '=1+1'\n"
        "assert ws['F4'].data_type == 's' and ws['F4'].value == '1.23E+17'\n"
        "assert ws['A1'].font.b\n"
        "w = ws.column_dimensions['B'].width\n"
        "assert 24 <= w <= 28, w  # 12 Chinese characters are 24 columns\n"
        "print('ok')\n";
    char *py = xasprintf("%s/check.py", dir);
    FILE *fp = fopen(py, "w");
    assert_non_null(fp);
    fputs(script, fp);
    fclose(fp);
    char *cmd = xasprintf("/usr/bin/python3 %s %s 2>&1", py, path);
    char *out = NULL;
    int rc = test_run(cmd, &out);
    if (rc != 0 || !out || strcmp(out, "ok\n") != 0)
        fail_msg("openpyxl: %s", out ? out : "(no output)");
    free(out), free(cmd), free(py);
}

/* Excel's sheet holds 1,048,576 rows with the header: 1,048,575 data rows fit, one more does
 * not, and the message names the sheet, the count and the limit (the 8,000-unit province's
 * 1,280,000 progress rows got libxlsxwriter's English error after seconds of work). */
static void a_sheet_holds_at_most_excels_rows_and_columns(void **state)
{
    (void)state;
    char err[512] = "";
    assert_true(xlsx_sheet_fits("季度进度", 1048575 + 1, 13, err, sizeof err));
    assert_false(xlsx_sheet_fits("季度进度", 1280000 + 1, 13, err, sizeof err));
    assert_non_null(strstr(err, "季度进度"));
    assert_non_null(strstr(err, "1,280,001 行"));
    assert_non_null(strstr(err, "1,048,576 行"));
    assert_false(xlsx_sheet_fits("季度进度", 1048576 + 1, 13, err, sizeof err));
    assert_non_null(strstr(err, "1,048,577 行"));
    assert_true(xlsx_sheet_fits("排名", 10, 16384, err, sizeof err));
    assert_false(xlsx_sheet_fits("排名", 10, 16385, err, sizeof err));
    assert_non_null(strstr(err, "16,385 列"));
    assert_non_null(strstr(err, "16,384 列"));
}

/* A writer handed more rows than the sheet holds writes none past it and fails at the end with
 * that message (the kinds that cannot be counted before the work). The limit is lowered
 * through $KAOPING_XLSX_MAX_ROWS, as tests/cli/xlsx_limit.sh does. */
static void a_writer_past_the_limit_fails_in_chinese(void **state)
{
    (void)state;
    setenv("KAOPING_XLSX_MAX_ROWS", "3", 1);
    assert_int_equal(xlsx_sheet_rows(), 3);
    char *big = xasprintf("%s/big.xlsx", dir), err[512] = "";
    struct xlsx_out *w = xlsx_out_open(big, "单位", err, sizeof err);
    assert_non_null(w);
    for (int r = 0; r < 5; r++) {
        xlsx_out_text(w, r ? "001" : "单位编码");
        xlsx_out_number(w, "1");
        xlsx_out_end_row(w);
    }
    assert_false(xlsx_out_close(w, true, err, sizeof err));
    assert_non_null(strstr(err, "工作表「单位」要写 5 行"));
    assert_non_null(strstr(err, "最多 3 行"));
    setenv("KAOPING_XLSX_MAX_ROWS", "2000000", 1); /* it can only lower the limit */
    assert_int_equal(xlsx_sheet_rows(), XLSX_SHEET_ROWS);
    unsetenv("KAOPING_XLSX_MAX_ROWS");
    remove(big);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_back_exactly),
        cmocka_unit_test(an_independent_reader_agrees),
        cmocka_unit_test(a_sheet_holds_at_most_excels_rows_and_columns),
        cmocka_unit_test(a_writer_past_the_limit_fails_in_chinese),
    };
    return cmocka_run_group_tests(tests, write_book, remove_book);
}
