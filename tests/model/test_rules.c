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
    assert_false(rules_progress_needs_actual(METHOD_RATIO, false, false, false)); /* empty row */
    assert_true(rules_progress_needs_actual(METHOD_RATIO, false, true, false));
    assert_true(rules_progress_needs_actual(METHOD_RATIO, false, false, true));
    assert_false(rules_progress_needs_actual(METHOD_RATIO, true, true, true));
    /* a 评分 item needs only its score (issue 17 item 5), but spending alone is not enough */
    assert_false(rules_progress_needs_actual(METHOD_MANUAL, false, false, true));
    assert_false(rules_progress_needs_actual(METHOD_MANUAL, false, true, true));
    assert_true(rules_progress_needs_actual(METHOD_MANUAL, false, true, false));
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
/* 更正: a cumulative value below the previous quarter's, by hand: Q1 actual 40 spent 10. */
static void progress_drops(void **state)
{
    (void)state;
    struct quarter_progress q1 = {.present = true, .actual = 40, .has_spent = true, .spent = 10};
    struct quarter_progress q2 = {.present = true, .actual = 40, .has_spent = true, .spent = 10};
    assert_int_equal(rules_progress_drop(&q1, &q2), 0); /* equal is no drop */
    q2.actual = 39.99;
    assert_int_equal(rules_progress_drop(&q1, &q2), RULES_DROP_ACTUAL);
    q2.spent = 9.5;
    assert_int_equal(rules_progress_drop(&q1, &q2), RULES_DROP_ACTUAL | RULES_DROP_SPENT);
    assert_string_equal(rules_drop_what(RULES_DROP_ACTUAL | RULES_DROP_SPENT), "累计完成值和累计支出");
    q2.actual = 41;
    assert_int_equal(rules_progress_drop(&q1, &q2), RULES_DROP_SPENT);
    assert_string_equal(rules_drop_what(RULES_DROP_SPENT), "累计支出");
    q2.has_spent = false; /* spending not entered: nothing to compare */
    assert_int_equal(rules_progress_drop(&q1, &q2), 0);
    q2.no_actual = true, q2.actual = 0; /* a 评分 row with only a score */
    assert_int_equal(rules_progress_drop(&q1, &q2), 0);
    q1.present = false; /* no previous quarter */
    q2.no_actual = false;
    assert_int_equal(rules_progress_drop(&q1, &q2), 0);
    assert_int_equal(rules_progress_drop(NULL, &q2), 0);
    bool v = false;
    assert_true(rules_correction_parse("是", &v) && v);
    assert_true(rules_correction_parse("YES", &v) && v);
    assert_true(rules_correction_parse("1", &v) && v);
    assert_true(rules_correction_parse("", &v) && !v);
    assert_true(rules_correction_parse("否", &v) && !v);
    assert_false(rules_correction_parse("也许", &v));
    enum kp_decision d = DECISION_NONE;
    assert_true(decision_parse("暂缓", &d) && d == DECISION_DEFER);
    assert_true(decision_parse("stop", &d) && d == DECISION_STOP);
    assert_false(decision_parse("取消", &d));
    assert_false(decision_parse("", &d));
    assert_string_equal(decision_label(DECISION_ADJUST), "调整");
    assert_string_equal(decision_token(DECISION_CONTINUE), "continue");
}

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

/* 季度进度 opens on the quarter being reported (docs/tui.md): two items of 2026. */
static void working_quarter(void **state)
{
    (void)state;
    struct target_item items[2];
    memset(items, 0, sizeof items);
    struct year_data yd = {.year = 2026, .items = items, .n_items = 2};
    assert_int_equal(rules_working_quarter(&yd, "2026-12-02"), 1); /* nothing reported yet */
    items[0].q[0].present = true;
    assert_int_equal(rules_working_quarter(&yd, "2026-12-02"), 1); /* Q1 still missing one */
    items[1].q[0].present = true;
    assert_int_equal(rules_working_quarter(&yd, "2026-03-31"), 1); /* Q1 not over yet */
    assert_int_equal(rules_working_quarter(&yd, "2026-04-01"), 2); /* all in, Q1 over */
    items[0].q[2].present = true; /* one item's Q3: the latest with data */
    assert_int_equal(rules_working_quarter(&yd, "2026-12-02"), 3);
    items[1].q[2].present = true;
    assert_int_equal(rules_working_quarter(&yd, "2026-09-30"), 3); /* Q3 not over */
    assert_int_equal(rules_working_quarter(&yd, "2026-10-01"), 4); /* all in, Q3 over */
    assert_int_equal(rules_working_quarter(&yd, "2027-01-05"), 4); /* the year is past */
    assert_int_equal(rules_working_quarter(&yd, "2025-06-01"), 3); /* a year ahead of today */
    items[0].q[3].present = items[1].q[3].present = true;
    assert_int_equal(rules_working_quarter(&yd, "2030-01-01"), 4); /* never past Q4 */
}

/* The same rule for a screen without the year's items: the completeness question is asked
 * only when the answer decides (a quarter before the last, ended by today). */
static int asked;
static bool complete_yes(void *ctx)
{
    (void)ctx;
    asked++;
    return true;
}
static bool complete_no(void *ctx)
{
    (void)ctx;
    asked++;
    return false;
}

static void working_quarter_of(void **state)
{
    (void)state;
    asked = 0;
    assert_int_equal(rules_working_quarter_of(2026, 0, complete_yes, NULL, "2026-12-02"), 1);
    assert_int_equal(rules_working_quarter_of(2026, 4, complete_no, NULL, "2026-12-02"), 4);
    assert_int_equal(rules_working_quarter_of(2026, 3, complete_yes, NULL, "2026-09-30"), 3);
    assert_int_equal(asked, 0); /* none of these depends on the items */
    assert_int_equal(rules_working_quarter_of(2026, 3, complete_yes, NULL, "2026-10-01"), 4);
    assert_int_equal(rules_working_quarter_of(2026, 3, complete_no, NULL, "2026-10-01"), 3);
    assert_int_equal(rules_working_quarter_of(2026, 1, complete_yes, NULL, "2027-01-05"), 2);
    assert_int_equal(asked, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes),
        cmocka_unit_test(sum_tolerance),
        cmocka_unit_test(item_limits),
        cmocka_unit_test(ledger_caps),
        cmocka_unit_test(progress_rows),
        cmocka_unit_test(progress_drops),
        cmocka_unit_test(reasons),
        cmocka_unit_test(working_quarter),
        cmocka_unit_test(working_quarter_of),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
