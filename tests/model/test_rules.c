/* model/rules: code syntax ("A 1" is refused: docs/csv.md), the one category-sum tolerance,
 * the item-count limits and the progress-row rules, each against hand-picked edges. */
#include "testutil.h"

#include <stdbool.h>
#include <string.h>

#include "model/rules.h"

static bool code_ok(const char *s)
{
    char why[160] = "";
    bool ok = rules_code_valid(s, why, sizeof why);
    assert_true(ok == (why[0] == '\0')); /* a refusal always says why */
    return ok;
}

static void codes(void **state)
{
    (void)state;
    char why[160];
    assert_false(rules_code_valid("A 1", why, sizeof why));
    assert_string_equal(why, "含有空格 (编码中不能有空格, 包括全角空格)");
    assert_true(code_ok("A1"));
    assert_true(code_ok("县-01"));
    assert_false(code_ok("A 1"));
    assert_false(code_ok("A\t1"));
    assert_false(code_ok("A\n1"));
    assert_false(code_ok("A\xe3\x80\x80X")); /* a full-width space */
    assert_false(code_ok(""));
    assert_false(code_ok(NULL));
    char code[KP_CODE_MAX + 1];
    memset(code, 'A', sizeof code);
    code[KP_CODE_MAX - 1] = '\0'; /* 31 bytes: the longest */
    assert_true(code_ok(code));
    code[KP_CODE_MAX - 1] = 'A', code[KP_CODE_MAX] = '\0';
    assert_false(code_ok(code));
}

static void sum_tolerance(void **state)
{
    (void)state;
    assert_true(rules_sum_matches(30, 30));
    assert_true(rules_sum_matches(0.1 + 0.2, 0.3)); /* float noise */
    assert_true(rules_sum_matches(29.9995, 30));    /* below what 任务书 shows */
    assert_false(rules_sum_matches(29.99, 30));
    assert_false(rules_sum_matches(30.01, 30));
    assert_string_equal(RULES_SUM_TOLERANCE_SQL, "0.001");
    assert_true(RULES_SUM_TOLERANCE == 0.001);
}

static void item_limits(void **state)
{
    (void)state;
    size_t lo = 0, hi = 0;
    assert_true(rules_item_limits("全局性重点工作", &lo, &hi));
    assert_int_equal(lo, 1);
    assert_int_equal(hi, 3);
    assert_true(rules_item_limits("目标任务", &lo, &hi));
    assert_int_equal(hi, 6);
    assert_false(rules_item_limits("作风效能建设", &lo, &hi));
    assert_true(rules_item_count_ok("全局性重点工作", 3));
    assert_false(rules_item_count_ok("全局性重点工作", 4));
    assert_false(rules_item_count_ok("全局性重点工作", 0));
    assert_true(rules_item_count_ok("目标任务", 6));
    assert_false(rules_item_count_ok("目标任务", 7));
    assert_true(rules_item_count_ok("作风效能建设", 40));
}

static void ledger_caps(void **state)
{
    (void)state;
    assert_false(rules_over_cap(2, 2));
    assert_false(rules_over_cap(0.1 + 0.2 + 1.7, 2)); /* 2.0000000000000004: not over */
    assert_true(rules_over_cap(2.01, 2));
    assert_true(rules_over_cap(0.5, 0)); /* 加分 disabled (cap 0): anything is over */
    assert_false(rules_over_cap(0, 0));
}

static void progress_rows(void **state)
{
    (void)state;
    assert_false(rules_progress_needs_actual(false, false, false)); /* an empty row */
    assert_true(rules_progress_needs_actual(false, true, false));
    assert_true(rules_progress_needs_actual(false, false, true));
    assert_false(rules_progress_needs_actual(true, true, true));
    assert_true(rules_score_within(10, 10));
    assert_false(rules_score_within(10.5, 10));
    assert_false(rules_score_due(METHOD_MANUAL, 1));
    assert_true(rules_score_due(METHOD_MANUAL, 2));
    assert_false(rules_score_due(METHOD_MANUAL, 3));
    assert_true(rules_score_due(METHOD_MANUAL, 4));
    assert_false(rules_score_due(METHOD_RATIO, 4));
    assert_string_equal(rules_score_stage(2), "半年初评");
    assert_string_equal(rules_score_stage(4), "年终总评");
}

/* An unlock reason must say something: blanks of every kind are no reason. */
static void reasons(void **state)
{
    (void)state;
    assert_false(rules_reason_given(NULL));
    assert_false(rules_reason_given(""));
    assert_false(rules_reason_given("   "));
    assert_false(rules_reason_given(" \t\r\n"));
    assert_false(rules_reason_given("\xe3\x80\x80\xe3\x80\x80 ")); /* U+3000 twice, a space */
    assert_true(rules_reason_given("更正 D02 的评议得分"));
    assert_true(rules_reason_given("  x  "));
    assert_true(rules_reason_given("\xe3\x80\x80理由"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes),
        cmocka_unit_test(sum_tolerance),
        cmocka_unit_test(item_limits),
        cmocka_unit_test(ledger_caps),
        cmocka_unit_test(progress_rows),
        cmocka_unit_test(reasons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
