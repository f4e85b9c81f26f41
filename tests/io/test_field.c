/* Cell values: numbers as spreadsheets write them, dates, schedules, printing, guards. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/field.h"

static double num_ok(const char *s, bool pct)
{
    double v = -12345;
    char why[256];
    if (!field_parse_number(s, pct, &v, why, sizeof why))
        fail_msg("「%s」 refused: %s", s, why);
    return v;
}

static void num_bad(const char *s, bool pct, const char *want)
{
    double v;
    char why[256] = "";
    if (field_parse_number(s, pct, &v, why, sizeof why))
        fail_msg("「%s」 accepted as %g", s, v);
    if (!strstr(why, want))
        fail_msg("「%s」: \"%s\" lacks \"%s\"", s, why, want);
}

static void numbers_accepted(void **state)
{
    (void)state;
    assert_true(num_ok("0", false) == 0);
    assert_true(num_ok("98.5", false) == 98.5);
    assert_true(num_ok("-3", false) == -3);
    assert_true(num_ok("+3", false) == 3);
    assert_true(num_ok(".5", false) == 0.5);
    assert_true(num_ok("1,200.5", false) == 1200.5);
    assert_true(num_ok("12,345,678", false) == 12345678);
    assert_true(num_ok("１２５０", false) == 1250);   /* full-width digits */
    assert_true(num_ok("７８．５", false) == 78.5);   /* full-width point */
    assert_true(num_ok("１，２００", false) == 1200); /* full-width comma, grouped */
    assert_true(num_ok("55%", true) == 55);
    assert_true(num_ok("５５％", true) == 55);
    assert_true(num_ok("'-5", false) == -5); /* formula guard stripped */
    assert_false(signbit(num_ok("-0", false)));
}

static void numbers_refused(void **state)
{
    (void)state;
    num_bad("", false, "不能为空");
    num_bad("abc", false, "不是有效的数字");
    num_bad("1,20", false, "逗号位置有歧义");
    num_bad("1,5", false, "逗号位置有歧义");
    num_bad("1234,567", false, "逗号位置有歧义");
    num_bad(",200", false, "逗号位置有歧义");
    num_bad("1,2345", false, "逗号位置有歧义");
    num_bad("1.200,5", false, "不是有效的数字");
    num_bad("1.2.3", false, "不是有效的数字");
    num_bad("1.2E+05", false, "科学计数法");
    num_bad("9 0", false, "中间有空格");
    num_bad("55%", false, "不能带 % 号");
    num_bad("-", false, "不是有效的数字");
    num_bad(".", false, "不是有效的数字");
    num_bad("0x10", false, "不是有效的数字");
    num_bad("inf", false, "不是有效的数字");
    num_bad("nan", false, "不是有效的数字");
}

static void integers(void **state)
{
    (void)state;
    int v = 0;
    char why[256];
    assert_true(field_parse_int("2025", 2000, 2100, &v, why, sizeof why));
    assert_int_equal(v, 2025);
    assert_true(field_parse_int("４", 1, 4, &v, why, sizeof why));
    assert_int_equal(v, 4);
    assert_false(field_parse_int("5", 1, 4, &v, why, sizeof why));
    assert_string_equal(why, "「5」应为 1 到 4 之间的整数");
    assert_false(field_parse_int("2.5", 1, 4, &v, why, sizeof why));
}

static void quarters(void **state)
{
    (void)state;
    int v = 0;
    char why[256];
    const char *ok[][2] = {{"3", "3"},       {"３", "3"},      {"Q2", "2"},       {"q4", "4"},
                           {"第1季度", "1"}, {"2季度", "2"},   {"第三季度", "3"}, {"四季度", "4"},
                           {"2.0", "2"},     {"第４季度", "4"}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_true(field_parse_quarter(ok[i][0], &v, why, sizeof why));
        assert_int_equal(v, ok[i][1][0] - '0');
    }
    assert_false(field_parse_quarter("5", &v, why, sizeof why));
    assert_string_equal(why, "「5」应为 1 到 4 之间的整数");
    const char *bad[] = {"Q5", "第五季度", "上半年", "第1季", "1季度末", "Q", "第季度"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(field_parse_quarter(bad[i], &v, why, sizeof why));
        char want[256];
        snprintf(want, sizeof want, "「%s」不是季度, 应为 1 到 4 之间的整数 (也可写 Q2、第二季度)",
                 bad[i]);
        assert_string_equal(why, want);
    }
}

static void dates(void **state)
{
    (void)state;
    char d[11], why[256];
    const char *ok[][2] = {{"2025-03-05", "2025-03-05"}, {"2025/3/5", "2025-03-05"},
                           {"2025.12.31", "2025-12-31"}, {"2025年3月5日", "2025-03-05"},
                           {"2024-02-29", "2024-02-29"}, {"２０２５-０３-０５", "2025-03-05"}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        if (!field_parse_date(ok[i][0], d, why, sizeof why))
            fail_msg("%s refused: %s", ok[i][0], why);
        assert_string_equal(d, ok[i][1]);
    }
    const char *bad[][2] = {
        {"2025-02-29", "2 月只有 28 天"}, {"2025-04-31", "只有 30 天"},
        {"2025-13-01", "13 月不存在"},    {"20250301", "不是日期"},
        {"2025-3", "不是日期"},           {"1999-01-01", "年份应在 2000 到 2100"},
        {"2025-03-05 08:00", "不是日期"}, {"", "不是日期"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(field_parse_date(bad[i][0], d, why, sizeof why));
        if (!strstr(why, bad[i][1]))
            fail_msg("%s: \"%s\" lacks \"%s\"", bad[i][0], why, bad[i][1]);
    }
}

static void schedules(void **state)
{
    (void)state;
    double s[4];
    char why[256];
    assert_true(field_parse_schedule("10/40/70/100", s, why, sizeof why));
    assert_true(s[0] == 10 && s[1] == 40 && s[2] == 70 && s[3] == 100);
    assert_true(field_parse_schedule("25%/50%/75%/100%", s, why, sizeof why));
    assert_true(s[3] == 100);
    assert_true(field_parse_schedule("２５／５０／７５／１００", s, why, sizeof why));
    assert_false(field_parse_schedule("25/50/75", s, why, sizeof why));
    assert_non_null(strstr(why, "应为 4 个用 / 分隔"));
    assert_false(field_parse_schedule("25/50/75/100/100", s, why, sizeof why));
    assert_false(field_parse_schedule("25/50/40/100", s, why, sizeof why));
    assert_non_null(strstr(why, "不能小于前一季度"));
    assert_false(field_parse_schedule("25/50/75/120", s, why, sizeof why));
    assert_false(field_parse_schedule("25/x/75/100", s, why, sizeof why));
}

static void printing_round_trips(void **state)
{
    (void)state;
    const double v[] = {0,       1,        0.1,           98.5,  1200.5, 1e15, 92.60000000000001,
                        1.0 / 3, 0.000123, 123456789.125, 2.5e-7};
    char buf[40], why[256];
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        field_format_number(v[i], buf);
        assert_null(strpbrk(buf, "eE"));
        double back;
        if (!field_parse_number(buf, false, &back, why, sizeof why))
            fail_msg("%s: %s", buf, why);
        assert_true(back == v[i]);
    }
    field_format_number(0.1, buf);
    assert_string_equal(buf, "0.1");
    field_format_number(-0.0, buf);
    assert_string_equal(buf, "0");
    field_format_number(30, buf);
    assert_string_equal(buf, "30");
    double s[4] = {25, 50, 75, 100};
    char sb[180];
    field_format_schedule(s, sb);
    assert_string_equal(sb, "25/50/75/100");
}

/* The printf loop field_format_number had before its fast path: the reference. */
static void format_by_printf(double v, char out[40])
{
    if (v == 0) {
        strcpy(out, "0");
        return;
    }
    for (int prec = 0; prec <= 17; prec++) {
        int n = snprintf(out, 40, "%.*f", prec, v);
        if (n > 0 && n < 40 && strtod(out, NULL) == v)
            return;
    }
    snprintf(out, 40, "%.17g", v);
}

static void expect_as_printf(double v)
{
    char got[40], want[40];
    field_format_number(v, got);
    format_by_printf(v, want);
    if (strcmp(got, want) != 0)
        fail_msg("%.17g: %s, printf gives %s", v, got, want);
}

/* The digits are those of the printf loop for every kind of value an export writes: money
 * and percentages with a few decimals, ties (0.125 prints 0.12 under round-half-even),
 * values that do not round-trip short (1/3), huge and tiny ones (the slow path). */
static void printing_as_printf(void **state)
{
    (void)state;
    const double fixed[] = {0.125,  2.5,     0.5,   1.5,     0.05,  1e10 + 0.5, 99999999999.5,
                            -0.125, -98.5,   -1e-7, 1.0 / 3, 2.0 / 3, 1e11,    1e15,
                            1e300,  5e-324,  0.1 + 0.2, 100, 92.60000000000001, 1e-17};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        expect_as_printf(fixed[i]);
    unsigned r = 12345;
    for (int i = 0; i < 40000; i++) {
        r = r * 1103515245u + 12345u;
        int places = (int)(r >> 28) % 8;
        double scale = 1;
        for (int p = 0; p < places; p++)
            scale *= 10;
        double v = (double)(r % 100000000u) / scale;     /* a decimal as typed */
        expect_as_printf(i % 2 ? v : -v);
        expect_as_printf(v * 1.000001 + (double)(r % 7)); /* and an arbitrary double */
    }
}

static void guards(void **state)
{
    (void)state;
    assert_string_equal(field_unguard("'=SUM(A1)"), "=SUM(A1)");
    assert_string_equal(field_unguard("'+1"), "+1");
    assert_string_equal(field_unguard("'-x"), "-x");
    assert_string_equal(field_unguard("'@x"), "@x");
    assert_string_equal(field_unguard("'abc"), "'abc");
    assert_string_equal(field_unguard("''=x"), "'=x");
    assert_string_equal(field_unguard("''x"), "''x");
    assert_string_equal(field_unguard("'"), "'");
}

/* Plain decimals (digits, a point, digits: up to 15 digits) are read without strtod; the value
 * must be strtod's to the bit, over random digit strings with the point anywhere. */
static void plain_decimals_equal_strtod(void **state)
{
    (void)state;
    unsigned seed = 2026;
    char s[24];
    for (int round = 0; round < 200000; round++) {
        seed = seed * 1103515245u + 12345u;
        int n = 1 + (int)((seed >> 16) % 15), point = (int)((seed >> 8) % (unsigned)(n + 1));
        size_t w = 0;
        for (int i = 0; i < n; i++) {
            if (i == point && i > 0)
                s[w++] = '.';
            seed = seed * 1103515245u + 12345u;
            s[w++] = (char)('0' + (seed >> 16) % 10);
        }
        s[w] = '\0';
        double v = -1, want = strtod(s, NULL);
        char why[256];
        assert_true(field_parse_number(s, false, &v, why, sizeof why));
        if (memcmp(&v, &want, sizeof v) != 0)
            fail_msg("%s: %.17g, strtod %.17g", s, v, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_accepted),
        cmocka_unit_test(plain_decimals_equal_strtod),
        cmocka_unit_test(numbers_refused),
        cmocka_unit_test(integers),
        cmocka_unit_test(quarters),
        cmocka_unit_test(dates),
        cmocka_unit_test(schedules),
        cmocka_unit_test(printing_round_trips),
        cmocka_unit_test(printing_as_printf),
        cmocka_unit_test(guards),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
