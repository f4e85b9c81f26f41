/* Checkpoint-in-force scoring (docs/scoring.md, "Approved targets and adjustments"): an item
 * of 9 points, ratio, approved target 220 with the default schedule 25/50/75/100; cumulative
 * actual 88 at Q2, 120 at Q3 and 160 at Q4. Every expected score is computed by hand in the
 * comments. The bug: target 220 → 150 in September raised the half-year score from
 * 7.20 to 9.00. */
#include "testutil.h"

#include <string.h>

#include "model/adjust.h"
#include "model/monitor.h"
#include "model/score.h"

/* The monitoring thresholds of docs/domain.md: 黄色 above 5 points, 红色 above 15. */
static const struct scheme thresholds = {.warn_yellow = 5, .warn_red = 15, .mismatch = 20};

static struct target_item item(void)
{
    struct target_item it;
    memset(&it, 0, sizeof it);
    it.code = (char *)"B1";
    it.points = 9;
    it.method = METHOD_RATIO;
    it.target = 220;
    it.budget = 0;
    static const double sched[4] = {25, 50, 75, 100};
    memcpy(it.schedule, sched, sizeof sched);
    static const double actual[4] = {40, 88, 120, 160};
    for (int q = 0; q < 4; q++)
        it.q[q] = (struct quarter_progress){.present = true, .actual = actual[q]};
    return it;
}

static struct target_adjustment adj(enum adj_field f, double old_v, double new_v, int from)
{
    struct target_adjustment a;
    memset(&a, 0, sizeof a);
    a.item = (char *)"B1";
    a.field = f;
    a.old_value = old_v, a.new_value = new_v;
    a.from_quarter = from;
    return a;
}

/* Applies the adjustments (the item's current terms are the last new values, as stored). */
static void adjust(struct target_item *it, const struct target_adjustment *a, size_t n,
                   struct item_terms terms[KP_QUARTERS])
{
    for (size_t i = 0; i < n; i++) {
        if (a[i].field == ADJ_TARGET)
            it->target = a[i].new_value;
        else if (a[i].field == ADJ_POINTS)
            it->points = a[i].new_value;
    }
    adjust_attach(it, 1, a, n, terms);
}

static double score_at(const struct target_item *it, int checkpoint)
{
    struct item_check ic;
    score_item(it, checkpoint, &ic);
    return (double)(ic.score_u / 1e6L);
}

/* No adjustment: Q2 9 × 88/110 = 7.20; Q4 9 × 160/220 = 6.5454... */
static void unadjusted_item_uses_its_terms(void **state)
{
    (void)state;
    struct target_item it = item();
    assert_float_equal(score_at(&it, CHECK_HALF), 7.2, 1e-9);
    assert_float_equal(score_at(&it, CHECK_YEAR), 9.0 * 160 / 220, 1e-9);
}

/* 220 → 150 from Q3 (after Q2, before Q4): the half-year keeps 220 (expected 110: 7.20, the
 * issue's bug gave 9.00); the year-end uses 150 (160 ≥ 150: 9.00). */
static void adjustment_after_q2_keeps_the_half_year(void **state)
{
    (void)state;
    struct target_item it = item();
    struct item_terms terms[KP_QUARTERS];
    struct target_adjustment a = adj(ADJ_TARGET, 220, 150, 3);
    adjust(&it, &a, 1, terms);
    assert_float_equal(score_at(&it, CHECK_HALF), 7.2, 1e-9);
    assert_float_equal(score_at(&it, CHECK_YEAR), 9.0, 1e-9);
}

/* 220 → 150 from Q2 (before Q2): the half-year uses 150 (expected 75, 88 ≥ 75: 9.00). */
static void adjustment_before_q2_applies_to_the_half_year(void **state)
{
    (void)state;
    struct target_item it = item();
    struct item_terms terms[KP_QUARTERS];
    struct target_adjustment a = adj(ADJ_TARGET, 220, 150, 2);
    adjust(&it, &a, 1, terms);
    assert_float_equal(score_at(&it, CHECK_HALF), 9.0, 1e-9);
    assert_float_equal(score_at(&it, CHECK_YEAR), 9.0, 1e-9);
}

/* 220 → 200 from Q4 (applies at Q4 only): Q2 7.20 and Q3's monitoring keep 220 (120/220 =
 * 54.545...%, lag 20.45 > 15: red); Q4 9 × 160/200 = 7.20. */
static void adjustment_from_q4_changes_only_the_year_end(void **state)
{
    (void)state;
    struct target_item it = item();
    struct item_terms terms[KP_QUARTERS];
    struct target_adjustment a = adj(ADJ_TARGET, 220, 200, 4);
    adjust(&it, &a, 1, terms);
    assert_float_equal(score_at(&it, CHECK_HALF), 7.2, 1e-9);
    assert_float_equal(score_at(&it, CHECK_YEAR), 7.2, 1e-9);
    struct monitor_row r;
    monitor_item(&thresholds, &it, 3, &r);
    assert_float_equal(r.completion.rate, 54.545454545, 1e-6);
    assert_int_equal(r.completion.level, MONITOR_RED);
}

/* After the year-end an adjustment can still only apply from Q4 at the latest: recorded after
 * a first one from Q3 (220 → 150), a second from Q4 (150 → 170) leaves Q2 at 220 (7.20) and
 * Q3 at 150 (120/150 = 80 %, normal), and the year-end takes 170 (9 × 160/170 = 8.4705...). */
static void later_adjustment_from_q4_after_one_from_q3(void **state)
{
    (void)state;
    struct target_item it = item();
    struct item_terms terms[KP_QUARTERS];
    struct target_adjustment a[2] = {adj(ADJ_TARGET, 220, 150, 3), adj(ADJ_TARGET, 150, 170, 4)};
    adjust(&it, a, 2, terms);
    assert_float_equal(score_at(&it, CHECK_HALF), 7.2, 1e-9);
    assert_float_equal(score_at(&it, CHECK_YEAR), 9.0 * 160 / 170, 1e-9);
    struct monitor_row r;
    monitor_item(&thresholds, &it, 3, &r);
    assert_float_equal(r.completion.rate, 80, 1e-9);
    assert_int_equal(r.completion.level, MONITOR_NORMAL);
}

/* A correction recorded later but applying from Q1 wins over an earlier one from Q3 wherever
 * both apply: 220 → 150 (from Q3), then 150 → 176 (from Q1): Q2 uses 176 (expected 88: 9.00),
 * Q4 176 (9 × 160/176 = 8.1818...). */
static void last_recorded_wins_where_both_apply(void **state)
{
    (void)state;
    struct target_item it = item();
    struct item_terms terms[KP_QUARTERS];
    struct target_adjustment a[2] = {adj(ADJ_TARGET, 220, 150, 3), adj(ADJ_TARGET, 150, 176, 1)};
    adjust(&it, a, 2, terms);
    assert_float_equal(score_at(&it, CHECK_HALF), 9.0, 1e-9);
    assert_float_equal(score_at(&it, CHECK_YEAR), 9.0 * 160 / 176, 1e-9);
}

/* Points 9 → 12 from Q3: Q2 9 × 88/110 = 7.20; Q4 12 × 160/220 = 8.7272... */
static void points_adjustment_from_q3(void **state)
{
    (void)state;
    struct target_item it = item();
    struct item_terms terms[KP_QUARTERS];
    struct target_adjustment a = adj(ADJ_POINTS, 9, 12, 3);
    adjust(&it, &a, 1, terms);
    assert_float_equal(score_at(&it, CHECK_HALF), 7.2, 1e-9);
    assert_float_equal(score_at(&it, CHECK_YEAR), 12.0 * 160 / 220, 1e-9);
}

/* Q2 schedule 50 → 40 from Q3: the half-year keeps 50 % (7.20); Q4's schedule is untouched. */
static void schedule_adjustment_after_q2(void **state)
{
    (void)state;
    struct target_item it = item();
    it.schedule[1] = 40;
    struct item_terms terms[KP_QUARTERS];
    struct target_adjustment a = adj(ADJ_SCHED2, 50, 40, 3);
    adjust_attach(&it, 1, &a, 1, terms);
    assert_float_equal(score_at(&it, CHECK_HALF), 7.2, 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unadjusted_item_uses_its_terms),
        cmocka_unit_test(adjustment_after_q2_keeps_the_half_year),
        cmocka_unit_test(adjustment_before_q2_applies_to_the_half_year),
        cmocka_unit_test(adjustment_from_q4_changes_only_the_year_end),
        cmocka_unit_test(later_adjustment_from_q4_after_one_from_q3),
        cmocka_unit_test(last_recorded_wins_where_both_apply),
        cmocka_unit_test(points_adjustment_from_q3),
        cmocka_unit_test(schedule_adjustment_after_q2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
