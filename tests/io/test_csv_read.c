/* The CSV reader: line numbers, quoting, line ends, trimming, encodings and refusals. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_internal.h"
#include "io/csv_read.h"
#include "model/xmalloc.h"

static struct csv_table read_ok(const char *text, size_t len)
{
    struct csv_table t;
    char err[512];
    bool ok = csv_read_buffer(text, len, &t, err, sizeof err);
    if (!ok)
        fail_msg("unexpected error: %s", err);
    return t;
}

#define READ(s) read_ok(s, sizeof(s) - 1)

/* csv_record_scan's branch-free path for the usual record (quotes counted a word at a time)
 * must cut every text where the plain quote-parity walk cuts it: random texts of quotes,
 * commas, CR, LF and other bytes, from every start. */
static size_t scan_by_walk(const char *text, size_t len, size_t i, bool *complete)
{
    bool quoted = false;
    *complete = false;
    while (i < len) {
        char c = text[i++];
        if (c == '"') {
            quoted = !quoted;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i < len && text[i] == '\n')
                i++;
            if (!quoted) {
                *complete = c == '\n' || i < len || text[i - 1] == '\n';
                break;
            }
        }
    }
    return i;
}

static void record_scan_matches_the_walk(void **state)
{
    (void)state;
    static const char bytes[] = {'"', '"', ',', 'a', '\r', '\n', '\n', (char)0xE4, 'x', '"'};
    char text[64];
    unsigned seed = 12345;
    for (int round = 0; round < 20000; round++) {
        seed = seed * 1103515245u + 12345u;
        size_t len = (seed >> 16) % sizeof text;
        for (size_t k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            text[k] = bytes[(seed >> 16) % sizeof bytes];
        }
        for (size_t i = 0; i < len; i++) {
            bool c1, c2;
            size_t a = csv_record_scan(text, len, i, &c1), b = scan_by_walk(text, len, i, &c2);
            if (a != b || c1 != c2)
                fail_msg("round %d start %zu: %zu/%d, walk %zu/%d", round, i, a, c1, b, c2);
        }
    }
}

static void lines_follow_quoted_newlines(void **state)
{
    (void)state;
    struct csv_table t = READ("a,b\n\"x\ny\",1\n\n\n2,\"p\r\nq\"\r\nlast,row");
    assert_int_equal(t.n_rows, 4);
    assert_int_equal(t.rows[0].line, 1);
    assert_int_equal(t.rows[1].line, 2);
    assert_string_equal(t.rows[1].cells[0], "x\ny");
    assert_int_equal(t.rows[2].line, 6);
    assert_string_equal(t.rows[2].cells[1], "p\nq"); /* CRLF inside a cell becomes LF */
    assert_int_equal(t.rows[3].line, 8);             /* last row without a newline */
    assert_string_equal(t.rows[3].cells[1], "row");
    csv_table_free(&t);
}

static void lone_cr_ends_lines_too(void **state)
{
    (void)state;
    struct csv_table t = READ("a,b\r1,2\r\"m\rn\",3\r");
    assert_int_equal(t.n_rows, 3);
    assert_int_equal(t.rows[2].line, 3);
    assert_string_equal(t.rows[2].cells[0], "m\nn");
    csv_table_free(&t);
}

static void quoting_and_trimming(void **state)
{
    (void)state;
    struct csv_table t = READ(
        "a,b,c,d\n  x  ,\"1,200.5\",\"say \"\"hi\"\"\",\xE3\x80\x80\xE4\xB8\xAD\xE3\x80\x80\n");
    assert_int_equal(t.n_rows, 2);
    assert_int_equal(t.rows[1].n, 4);
    assert_string_equal(t.rows[1].cells[0], "x");
    assert_string_equal(t.rows[1].cells[1], "1,200.5");
    assert_string_equal(t.rows[1].cells[2], "say \"hi\"");
    assert_string_equal(t.rows[1].cells[3], "\xE4\xB8\xAD"); /* U+3000 trimmed */
    csv_table_free(&t);
}

static void empty_rows_are_skipped(void **state)
{
    (void)state;
    struct csv_table t = READ("a,b\n,\n1,\n ,  \n\n,,,\n");
    assert_int_equal(t.n_rows, 2);
    assert_int_equal(t.rows[1].line, 3);
    assert_string_equal(t.rows[1].cells[1], "");
    csv_table_free(&t);
}

/* Chinese Excel's "CSV" is code page 936, where the single byte 0x80 is the euro sign;
 * GB18030 (the superset used for everything else) has no such byte. */
static void cp936_euro_sign(void **state)
{
    (void)state;
    /* 名称,金额 / 欧元€,\x80 in CP936 */
    struct csv_table t = READ("\xC3\xFB\xB3\xC6,\xBD\xF0\xB6\xEE\n\xC5\xB7\xD4\xAA\x80,\x80\x80\n");
    assert_int_equal(t.encoding, ENC_GB18030);
    assert_string_equal(t.rows[0].cells[0], "名称");
    assert_string_equal(t.rows[1].cells[0], "欧元€");
    assert_string_equal(t.rows[1].cells[1], "€€");
    csv_table_free(&t);
}

/* The workbook given instead of a CSV saved from it. */
static void workbooks_are_refused(void **state)
{
    (void)state;
    static const char xlsx[] = "PK\x03\x04\x14\x00\x06\x00", xls[] = "\xD0\xCF\x11\xE0\xA1\xB1";
    const char *files[] = {xlsx, xls};
    size_t lens[] = {sizeof xlsx - 1, sizeof xls - 1};
    for (int i = 0; i < 2; i++) {
        struct csv_table t;
        char err[512];
        assert_false(csv_read_buffer(files[i], lens[i], &t, err, sizeof err));
        assert_string_equal(err, "文件是 Excel、WPS 或 LibreOffice 的工作簿 (.xls/.et), 不是 CSV 文件; "
                                 "请另存为 .xlsx 工作簿 (kaoping import 直接读取) 或 CSV 文件: "
                                 CSV_SAVE_HINT);
    }
}

static void bom_is_stripped(void **state)
{
    (void)state;
    struct csv_table t = READ("\xEF\xBB\xBF\xE5\x90\x8D,b\n1,2\n");
    assert_int_equal(t.encoding, ENC_UTF8_BOM);
    assert_string_equal(t.rows[0].cells[0], "\xE5\x90\x8D");
    csv_table_free(&t);
}

static void gbk_is_converted(void **state)
{
    (void)state;
    /* "姓名,单位\n张三,县局\n" in GBK */
    struct csv_table t =
        READ("\xD0\xD5\xC3\xFB,\xB5\xA5\xCE\xBB\n\xD5\xC5\xC8\xFD,\xCF\xD8\xBE\xD6\n");
    assert_int_equal(t.encoding, ENC_GB18030);
    assert_string_equal(t.rows[0].cells[0], "姓名");
    assert_string_equal(t.rows[1].cells[1], "县局");
    csv_table_free(&t);
}

static void expect_error(const char *text, size_t len, const char *want)
{
    struct csv_table t;
    char err[512];
    assert_false(csv_read_buffer(text, len, &t, err, sizeof err));
    if (!strstr(err, want))
        fail_msg("error \"%s\" lacks \"%s\"", err, want);
    assert_int_equal(t.n_rows, 0);
}

/* The separator is named whatever the quoting: a quoted cell in a semicolon file used to come
 * out as "引号位置不对" on some line (issue 13 item 6). */
static void other_separators_are_named(void **state)
{
    (void)state;
    static const char semi[] = "\"单位编码\";\"单位名称\";\"分组\"\n\"001\";\"县财政局\";\"县直部门\"\n",
                      tab[] = "单位编码\t单位名称\t分组\n\"001\"\t县财政局\t县直部门\n",
                      titled[] = "2026 年单位名单\n单位编码;单位名称;分组\n001;\"县;局\";x\n",
                      quoted_semis[] = "\"a;b\",c\n1,2\n";
    expect_error(semi, sizeof semi - 1, "1: 文件不是逗号分隔的, 而是用分号分隔");
    expect_error(tab, sizeof tab - 1, "1: 文件不是逗号分隔的, 而是用制表符分隔");
    expect_error(titled, sizeof titled - 1, "2: 文件不是逗号分隔的, 而是用分号分隔");
    expect_error(semi, sizeof semi - 1, "LibreOffice Calc 中用「文件 → 另存为」");
    /* a semicolon inside quotes is text: the file is comma separated */
    struct csv_table t = READ(quoted_semis);
    assert_int_equal(t.n_rows, 2);
    assert_string_equal(t.rows[0].cells[0], "a;b");
    csv_table_free(&t);
}

static void refusals_name_the_line(void **state)
{
    (void)state;
    expect_error("a,b\n1,2\nx\"y,3\n", 14, "3: CSV 格式错误: 引号位置不对");
    expect_error("a,b\n1,2\n\"open,3\n4,5\n", 20, "3: CSV 格式错误: 引号没有闭合");
    expect_error("\xFF\xFE"
                 "a\0,\0b\0",
                 8, "UTF-16");
    expect_error("a\0,\0b\0\n\0", 8, "UTF-16"); /* no BOM: detected by the NUL pattern */
    expect_error("a,b\nc\0d,e\n", 10, "2: 文件含有 NUL 字节");
    expect_error("单位编码,单位名称\nX01,县教育局\nX02,县\xFF\n", 52,
                 "3: 文件是 UTF-8 编码, 但这里有无效的字节");
    expect_error("\xEF\xBB\xBF"
                 "a,b\n1,\xFF\n",
                 11, "2: 文件以 UTF-8 BOM 开头, 但内容不是有效的 UTF-8");
}

/* Records of plain cells are split without libcsv (io/csv_read.c parse_plain), anything else
 * by libcsv: both give the same cells, and the odd record is still libcsv's to refuse. */
static void plain_and_odd_records_alike(void **state)
{
    (void)state;
    struct csv_table t = READ("a,b,c\n"
                              "\"\",x,\n"                  /* empty quoted, plain, trailing comma */
                              "\"\"\"\",\" y \",\"1\"\"2\"\r\n" /* a lone quote, spaces in quotes */
                              "\"p\" ,q,r\n"               /* a space after the quote: libcsv */
                              "\t s\t,\xC2\xA0t,u\n"        /* trimmed either way */
                              "\"v\",w,\"x\"");           /* no line break at the end */
    assert_int_equal(t.n_rows, 6);
    static const char *const want[5][3] = {{"", "x", ""},  {"\"", "y", "1\"2"}, {"p", "q", "r"},
                                           {"s", "t", "u"}, {"v", "w", "x"}};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(t.rows[i + 1].n, 3);
        assert_int_equal(t.rows[i + 1].line, (int)i + 2);
        for (size_t k = 0; k < 3; k++)
            assert_string_equal(t.rows[i + 1].cells[k], want[i][k]);
    }
    csv_table_free(&t);
    static const char odd[] = "a,b\n\"1\",2\n\"x\"y,3\n";
    expect_error(odd, sizeof odd - 1, "3: CSV 格式错误: 引号位置不对");
}

static void file_errors_carry_the_path(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *path = xasprintf("%s/bad.csv", dir);
    FILE *fp = fopen(path, "w");
    fputs("a,b\n\"x,1\n", fp);
    fclose(fp);
    struct csv_table t;
    char err[512], *want = xasprintf("%s:2: CSV 格式错误", path);
    assert_false(csv_read_file(path, &t, err, sizeof err));
    assert_non_null(strstr(err, want));
    char *missing = xasprintf("%s/none.csv", dir);
    assert_false(csv_read_file(missing, &t, err, sizeof err));
    assert_non_null(strstr(err, "无法打开"));
    free(want), free(missing), free(path);
    test_rmtree(dir);
    free(dir);
}

static void trim_in_place(void **state)
{
    (void)state;
    char a[] = "\xC2\xA0 \t x y \xE3\x80\x80";
    csv_trim(a);
    assert_string_equal(a, "x y");
    char b[] = "   ";
    csv_trim(b);
    assert_string_equal(b, "");
    char c[] = "\xEF\xBB\xBF\xE5\xB9\xB4\xE5\xBA\xA6\xEF\xBB\xBF"; /* U+FEFF 年度 U+FEFF */
    csv_trim(c);
    assert_string_equal(c, "年度");
    /* A file saved with a BOM twice: the header still maps. */
    struct csv_table t = READ("\xEF\xBB\xBF\xEF\xBB\xBF\xE5\xB9\xB4\xE5\xBA\xA6,b\n1,2\n");
    assert_string_equal(t.rows[0].cells[0], "年度");
    csv_table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lines_follow_quoted_newlines),
        cmocka_unit_test(record_scan_matches_the_walk),
        cmocka_unit_test(lone_cr_ends_lines_too),
        cmocka_unit_test(quoting_and_trimming),
        cmocka_unit_test(plain_and_odd_records_alike),
        cmocka_unit_test(empty_rows_are_skipped),
        cmocka_unit_test(bom_is_stripped),
        cmocka_unit_test(cp936_euro_sign),
        cmocka_unit_test(workbooks_are_refused),
        cmocka_unit_test(gbk_is_converted),
        cmocka_unit_test(refusals_name_the_line),
        cmocka_unit_test(other_separators_are_named),
        cmocka_unit_test(file_errors_carry_the_path),
        cmocka_unit_test(trim_in_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
