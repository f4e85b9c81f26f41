/* The bounds of model/limits.h, each at its edges, and the text helpers output relies on
 * (model/text.h: unsafe characters, cleaning, cuts at character boundaries). */
#include "testutil.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/limits.h"
#include "model/preset.h"
#include "model/scheme.h"
#include "model/text.h"

static bool ok(enum limit_num k, double v)
{
    char why[128];
    return limits_check_number(k, v, why, sizeof why);
}

static void number_edges(void **state)
{
    (void)state;
    char why[128];
    /* Points (items and ledger): above 0, at most 100. */
    for (int k = LIMIT_ITEM_POINTS; k <= LIMIT_LEDGER_POINTS; k++) {
        assert_false(ok(k, 0));
        assert_true(ok(k, 0.000001));
        assert_true(ok(k, 100));
        assert_false(ok(k, 100.000001));
        assert_false(ok(k, 123456789012345678.0));
        assert_false(ok(k, -1));
    }
    /* Amounts and money: 0 .. 10^12. */
    for (int k = LIMIT_AMOUNT; k <= LIMIT_MONEY; k++) {
        assert_true(ok(k, 0));
        assert_true(ok(k, 1e12));
        assert_false(ok(k, 1e12 + 0.5));
        assert_false(ok(k, 99999999999999999999.0));
        assert_false(ok(k, -0.000001));
    }
    /* Scores, appraisal, percentages, shares: 0 .. 100. */
    for (int k = LIMIT_SCORE; k <= LIMIT_SHARE; k++) {
        assert_true(ok(k, 0));
        assert_true(ok(k, 100));
        assert_false(ok(k, 100.01));
        assert_false(ok(k, -0.01));
    }
    for (int k = 0; k < LIMIT_NUM_COUNT; k++) {
        assert_false(ok(k, NAN));
        assert_false(ok(k, INFINITY));
        assert_false(ok(k, -INFINITY));
        assert_false(ok(k, 1e120));
    }
    assert_true(limits_range(LIMIT_APPRAISAL)->percent);
    assert_false(limits_range(LIMIT_AMOUNT)->percent);
    limits_check_number(LIMIT_LEDGER_POINTS, 1e120, why, sizeof why);
    assert_string_equal(why, "应大于 0 且不超过 100");
    limits_check_number(LIMIT_AMOUNT, -1, why, sizeof why);
    assert_string_equal(why, "应在 0 到 1000000000000 之间");
}

static bool text_ok(enum limit_text k, const char *s)
{
    char why[256];
    return limits_check_text(k, s, why, sizeof why);
}

static char *repeat(const char *unit, size_t n)
{
    size_t len = strlen(unit);
    char *s = malloc(len * n + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * len, unit, len);
    s[len * n] = '\0';
    return s;
}

static void text_limits(void **state)
{
    (void)state;
    char *code31 = repeat("A", 31), *code32 = repeat("A", 32);
    assert_true(text_ok(LIMIT_CODE, code31));
    assert_false(text_ok(LIMIT_CODE, code32));
    free(code31), free(code32);
    char *n100 = repeat("名", 100), *n101 = repeat("名", 101);
    assert_true(text_ok(LIMIT_NAME, n100)); /* characters, not bytes (300 bytes) */
    assert_false(text_ok(LIMIT_NAME, n101));
    free(n100), free(n101);
    char *f2000 = repeat("事", 2000), *f2001 = repeat("事", 2001);
    assert_true(text_ok(LIMIT_FREE, f2000));
    assert_false(text_ok(LIMIT_FREE, f2001));
    free(f2000), free(f2001);
    static const char *const unsafe[] = {"a\x1b[2Jb",
                                         "a\nb",
                                         "a\tb",
                                         "a\x7f",
                                         "a\xc2\x9b"
                                         "b",
                                         "a\xe2\x80\xaa",
                                         "a\xe2\x80\xae"
                                         "b",
                                         "\xe2\x81\xa6",
                                         "\xe2\x81\xa9"
                                         "x"};
    for (size_t i = 0; i < sizeof unsafe / sizeof unsafe[0]; i++) {
        assert_false(text_ok(LIMIT_CODE, unsafe[i]));
        assert_false(text_ok(LIMIT_NAME, unsafe[i]));
        assert_true(text_ok(LIMIT_FREE, unsafe[i])); /* kept, shown as '?' on output */
    }
    /* Neighbours of the bidi ranges are ordinary text. */
    assert_true(text_ok(LIMIT_NAME, "a\xe2\x80\xa9"
                                    "b\xe2\x80\xaf"
                                    "c\xe2\x81\xaa"));
}

static void clean_and_cut(void **state)
{
    (void)state;
    char *c = text_clean("\x1b[2J\x1b[31m红\x1b]0;owned\x07 \xe2\x80\xae"
                         "x\xff");
    assert_string_equal(c, "?[2J?[31m红?]0;owned? ?x?");
    free(c);
    c = text_clean("县直部门 A-1");
    assert_string_equal(c, "县直部门 A-1");
    free(c);
    /* "x万万": byte 2 is inside the first 万. */
    assert_int_equal(text_cut_bytes("x万万", 2), 1);
    assert_int_equal(text_cut_bytes("x万万", 4), 4);
    assert_int_equal(text_cut_bytes("x万万", 6), 4);
    assert_int_equal(text_cut_bytes("x万万", 60), 7);
    char buf[8] = "x万\xe4\xb8";
    text_end_whole(buf);
    assert_string_equal(buf, "x万");
    assert_int_equal(text_chars("x万\xff"), 3);
    /* Table cells (text_fit) show a bidi override as '?' too. */
    char cell[32];
    text_fit(cell, sizeof cell,
             "a\xe2\x80\xae"
             "b",
             4, false);
    assert_string_equal(cell, "a?b ");
}

/* The scheme's caps and warning thresholds have the same bound (settings screen, presets). */
static void scheme_numbers_bounded(void **state)
{
    (void)state;
    char err[160];
    struct preset p;
    assert_true(preset_builtin_load("qitai", &p));
    struct scheme s = p.scheme;
    preset_free(&p);
    assert_true(scheme_validate(&s, err, sizeof err));
    s.inspection_cap = 1e300;
    assert_false(scheme_validate(&s, err, sizeof err));
    assert_string_equal(err, "扣分和加分上限应在 0 到 100 之间 (现为 1e+300)");
    assert_true(preset_builtin_load("qitai", &p));
    s = p.scheme;
    preset_free(&p);
    s.warn_red = 1e20;
    assert_false(scheme_validate(&s, err, sizeof err));
}

int main(void)
{
    setlocale(LC_ALL, ""); /* text_fit decodes with the locale (tests run in C.UTF-8) */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(number_edges),
        cmocka_unit_test(text_limits),
        cmocka_unit_test(clean_and_cut),
        cmocka_unit_test(scheme_numbers_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
