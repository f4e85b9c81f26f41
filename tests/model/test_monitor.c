/* 双监控 engine: every rate and level at its boundaries, budget 0, inverse items, missing
 * quarters, custom schedules and thresholds, the mismatch flag, unit summaries, sorting. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/monitor.h"
#include "model/preset.h"
#include "model/scheme.h"

/* --- fixtures ---------------------------------------------------------------------------- */

static struct scheme default_scheme(void)
{
    struct preset p;
    assert_true(preset_builtin_load(PRESET_DEFAULT, &p));
    struct scheme s = p.scheme;
    preset_free(&p);
    return s;
}

/* A ratio item with target 100 and budget 100 (so rates equal the values entered). */
static struct target_item item(const char *code, double target, double budget)
{
    struct target_item it;
    memset(&it, 0, sizeof it);
    it.code = (char *)code;
    it.method = METHOD_RATIO;
    it.target = target;
    it.budget = budget;
    it.schedule[0] = 25, it.schedule[1] = 50, it.schedule[2] = 75, it.schedule[3] = 100;
    return it;
}

static void progress(struct target_item *it, int q, double actual, bool has_spent, double spent)
{
    it->q[q - 1].present = true;
    it->q[q - 1].actual = actual;
    it->q[q - 1].has_spent = has_spent;
    it->q[q - 1].spent = spent;
}

static struct monitor_row eval(struct target_item *it, int q)
{
    struct scheme s = default_scheme();
    struct monitor_row r;
    monitor_item(&s, it, q, &r);
    return r;
}

static void assert_pct(double v, const char *want)
{
    char buf[32];
    monitor_format_pct(buf, sizeof buf, v);
    assert_string_equal(buf, want);
}

/* --- completion levels at the boundaries --------------------------------------------------- */

static enum monitor_level completion_level_at(double actual, double target, int q)
{
    struct target_item it = item("A11", target, 0);
    progress(&it, q, actual, false, 0);
    return eval(&it, q).completion.level;
}

static void completion_boundaries(void **state)
{
    (void)state;
    /* Q3, schedule 75 */
    assert_int_equal(completion_level_at(75, 100, 3), MONITOR_NORMAL);    /* lag 0 */
    assert_int_equal(completion_level_at(70, 100, 3), MONITOR_NORMAL);    /* lag exactly 5 */
    assert_int_equal(completion_level_at(69.99, 100, 3), MONITOR_YELLOW); /* 5.01 */
    assert_int_equal(completion_level_at(60, 100, 3), MONITOR_YELLOW);    /* exactly 15 */
    assert_int_equal(completion_level_at(59.99, 100, 3), MONITOR_RED);    /* 15.01 */
    assert_int_equal(completion_level_at(0, 100, 3), MONITOR_RED);
    assert_int_equal(completion_level_at(120, 100, 3), MONITOR_NORMAL); /* ahead: negative lag */
    /* Values that are not exact in binary: 0.7 / 1 * 100 is 70.00000000000001 in doubles. */
    assert_int_equal(completion_level_at(0.7, 1, 3), MONITOR_NORMAL);
    assert_int_equal(completion_level_at(0.6, 1, 3), MONITOR_YELLOW);
    assert_int_equal(completion_level_at(2.1, 3, 3), MONITOR_NORMAL);  /* 70 % */
    assert_int_equal(completion_level_at(1.8, 3, 3), MONITOR_YELLOW);  /* 60 % */
    assert_int_equal(completion_level_at(0.45, 1, 2), MONITOR_NORMAL); /* Q2: lag 5 */
    assert_int_equal(completion_level_at(0.35, 1, 2), MONITOR_YELLOW); /* Q2: lag 15 */
    assert_int_equal(completion_level_at(0.3499, 1, 2), MONITOR_RED);
}

static void completion_values(void **state)
{
    (void)state;
    struct target_item it = item("A11", 220, 0);
    progress(&it, 3, 145.2, false, 0); /* 66 % */
    struct monitor_row r = eval(&it, 3);
    assert_true(r.completion.has_rate);
    assert_true(r.completion.has_lag);
    assert_pct(r.completion.rate, "66.00");
    assert_pct(r.completion.lag, "9.00");
    assert_pct(r.schedule, "75.00");
    assert_int_equal(r.completion.level, MONITOR_YELLOW);
    assert_int_equal(r.quarter, 3);
}

/* --- execution --------------------------------------------------------------------------- */

static enum monitor_level execution_level_at(double spent, double budget, int q)
{
    struct target_item it = item("A11", 100, budget);
    progress(&it, q, 100, true, spent);
    return eval(&it, q).execution.level;
}

static void execution_boundaries(void **state)
{
    (void)state;
    assert_int_equal(execution_level_at(35, 50, 3), MONITOR_NORMAL);    /* 70 %: lag 5 */
    assert_int_equal(execution_level_at(34.99, 50, 3), MONITOR_YELLOW); /* 69.98 % */
    assert_int_equal(execution_level_at(30, 50, 3), MONITOR_YELLOW);    /* 60 %: lag 15 */
    assert_int_equal(execution_level_at(29.99, 50, 3), MONITOR_RED);
    assert_int_equal(execution_level_at(0.2, 1, 1), MONITOR_NORMAL); /* Q1 25: lag 5 */
    assert_int_equal(execution_level_at(0.1, 1, 1), MONITOR_YELLOW); /* lag 15 */
    assert_int_equal(execution_level_at(0.0999, 1, 1), MONITOR_RED);
}

static void budget_zero_has_no_execution(void **state)
{
    (void)state;
    struct target_item it = item("A11", 100, 0);
    progress(&it, 3, 10, true, 5); /* spending entered anyway: still no execution rate */
    struct monitor_row r = eval(&it, 3);
    assert_false(r.execution.has_rate);
    assert_false(r.execution.has_lag);
    assert_int_equal(r.execution.level, MONITOR_NORMAL);
    assert_false(r.mismatch);
    assert_int_equal(r.completion.level, MONITOR_RED);
}

static void spending_not_entered_is_missing(void **state)
{
    (void)state;
    struct target_item it = item("A11", 100, 80);
    progress(&it, 3, 75, false, 0);
    struct monitor_row r = eval(&it, 3);
    assert_int_equal(r.completion.level, MONITOR_NORMAL);
    assert_false(r.execution.has_rate);
    assert_int_equal(r.execution.level, MONITOR_MISSING);
    assert_int_equal(monitor_row_level(&r), MONITOR_MISSING);
    assert_false(r.mismatch);
    /* spending 0 entered is a real 0 % */
    progress(&it, 3, 75, true, 0);
    r = eval(&it, 3);
    assert_true(r.execution.has_rate);
    assert_pct(r.execution.rate, "0.00");
    assert_int_equal(r.execution.level, MONITOR_RED);
}

/* --- missing quarters, target 0, inverse, manual ----------------------------------------- */

static void missing_quarter_is_not_a_lag(void **state)
{
    (void)state;
    struct target_item it = item("A11", 100, 100);
    progress(&it, 1, 25, true, 25);
    progress(&it, 2, 50, true, 50);
    struct monitor_row r = eval(&it, 3);
    assert_false(r.completion.has_rate);
    assert_false(r.completion.has_lag);
    assert_int_equal(r.completion.level, MONITOR_MISSING);
    assert_int_equal(r.execution.level, MONITOR_MISSING);
    assert_false(r.mismatch);
    assert_int_equal(monitor_row_rank(&r), 2);
    /* the earlier quarters are fine */
    assert_int_equal(monitor_row_level(&(struct monitor_row){0}), MONITOR_NORMAL);
    r = eval(&it, 2);
    assert_int_equal(monitor_row_level(&r), MONITOR_NORMAL);
    /* without a budget only completion is missing */
    struct target_item nb = item("A12", 100, 0);
    r = eval(&nb, 1);
    assert_int_equal(r.completion.level, MONITOR_MISSING);
    assert_int_equal(r.execution.level, MONITOR_NORMAL);
}

static void target_zero_has_no_completion_rate(void **state)
{
    (void)state;
    struct target_item it = item("A11", 0, 0);
    progress(&it, 3, 5, false, 0);
    struct monitor_row r = eval(&it, 3);
    assert_false(r.completion.has_rate);
    assert_int_equal(r.completion.level, MONITOR_NORMAL);
    assert_int_equal(monitor_row_rank(&r), 0);
}

static void inverse_items_show_rate_without_warning(void **state)
{
    (void)state;
    struct target_item it = item("B14", 2, 0);
    it.method = METHOD_INVERSE;
    progress(&it, 3, 0, false, 0); /* no accidents: 0 %, would be "lag 75" if warned */
    struct monitor_row r = eval(&it, 3);
    assert_true(r.completion.has_rate);
    assert_false(r.completion.has_lag);
    assert_pct(r.completion.rate, "0.00");
    assert_int_equal(r.completion.level, MONITOR_NORMAL);
    progress(&it, 3, 3, false, 0); /* 150 % of the tolerated number */
    r = eval(&it, 3);
    assert_pct(r.completion.rate, "150.00");
    assert_int_equal(r.completion.level, MONITOR_NORMAL);
    /* with a budget: execution is still warned, mismatch never */
    it.budget = 100;
    progress(&it, 3, 0, true, 10);
    r = eval(&it, 3);
    assert_int_equal(r.execution.level, MONITOR_RED);
    assert_false(r.mismatch);
    /* a missing quarter is still 未填报 */
    r = eval(&it, 4);
    assert_int_equal(r.completion.level, MONITOR_MISSING);
}

static void manual_items_use_actual_over_target(void **state)
{
    (void)state;
    struct target_item it = item("C31", 20, 0); /* 作风效能建设 20 points */
    it.method = METHOD_MANUAL;
    progress(&it, 3, 12, false, 0); /* 60 % */
    struct monitor_row r = eval(&it, 3);
    assert_pct(r.completion.rate, "60.00");
    assert_int_equal(r.completion.level, MONITOR_YELLOW);
}

/* --- schedules and thresholds ------------------------------------------------------------ */

static void custom_schedule(void **state)
{
    (void)state;
    struct target_item it = item("A11", 100, 100);
    it.schedule[0] = 10, it.schedule[1] = 30, it.schedule[2] = 33.3, it.schedule[3] = 100;
    progress(&it, 3, 28.3, true, 18.3); /* lags 5 and 15, exactly, from decimal inputs */
    struct monitor_row r = eval(&it, 3);
    assert_pct(r.schedule, "33.30");
    assert_pct(r.completion.lag, "5.00");
    assert_int_equal(r.completion.level, MONITOR_NORMAL);
    assert_pct(r.execution.lag, "15.00");
    assert_int_equal(r.execution.level, MONITOR_YELLOW);
    progress(&it, 3, 28.29, true, 18.29);
    r = eval(&it, 3);
    assert_int_equal(r.completion.level, MONITOR_YELLOW);
    assert_int_equal(r.execution.level, MONITOR_RED);
    progress(&it, 1, 0, true, 0); /* Q1 schedule 10: lag 10 */
    r = eval(&it, 1);
    assert_int_equal(r.completion.level, MONITOR_YELLOW);
}

static void scheme_thresholds_are_used(void **state)
{
    (void)state;
    struct scheme s = default_scheme();
    s.warn_yellow = 7.5, s.warn_red = 12.5, s.mismatch = 10;
    assert_int_equal(monitor_classify(&s, 7.5), MONITOR_NORMAL);
    assert_int_equal(monitor_classify(&s, 7.51), MONITOR_YELLOW);
    assert_int_equal(monitor_classify(&s, 12.5), MONITOR_YELLOW);
    assert_int_equal(monitor_classify(&s, 12.500001), MONITOR_RED);
    assert_int_equal(monitor_classify(&s, 75.0 - 62.5), MONITOR_YELLOW);
    struct target_item it = item("A11", 100, 100);
    progress(&it, 3, 70, true, 80); /* gap 10: not > 10 */
    struct monitor_row r;
    monitor_item(&s, &it, 3, &r);
    assert_false(r.mismatch);
    progress(&it, 3, 70, true, 80.01);
    monitor_item(&s, &it, 3, &r);
    assert_true(r.mismatch);
}

/* --- mismatch ---------------------------------------------------------------------------- */

static bool mismatch_at(double actual, double spent)
{
    struct target_item it = item("A11", 100, 100);
    progress(&it, 3, actual, true, spent);
    return eval(&it, 3).mismatch;
}

static void mismatch_both_ways(void **state)
{
    (void)state;
    assert_false(mismatch_at(80, 60));   /* exactly 20 */
    assert_true(mismatch_at(80, 59.99)); /* 20.01: results without spending */
    assert_false(mismatch_at(60, 80));
    assert_true(mismatch_at(60, 80.01)); /* money without results */
    /* decimal inputs: 0.3 of 1 vs 0.1 of 1 -> exactly 20 */
    struct target_item it = item("A11", 1, 1);
    progress(&it, 3, 0.3, true, 0.1);
    assert_false(eval(&it, 3).mismatch);
    progress(&it, 3, 0.3, true, 0.0999);
    assert_true(eval(&it, 3).mismatch);
    /* no mismatch without both rates */
    struct target_item nb = item("A12", 100, 0);
    progress(&nb, 3, 100, true, 0);
    assert_false(eval(&nb, 3).mismatch);
    /* mismatch alone (both rates normal) ranks between 未填报 and normal */
    struct target_item both = item("A13", 100, 100);
    progress(&both, 3, 100, true, 76);
    struct monitor_row r = eval(&both, 3);
    assert_true(r.mismatch);
    assert_int_equal(monitor_row_level(&r), MONITOR_NORMAL);
    assert_int_equal(monitor_row_rank(&r), 1);
}

/* --- formatting and names ---------------------------------------------------------------- */

static void formatting(void **state)
{
    (void)state;
    assert_pct(66.666666667, "66.67");
    assert_pct(12.345, "12.35"); /* half away from zero on the decimal value */
    assert_pct(-12.345, "-12.35");
    assert_pct(-0.001, "0.00");
    assert_pct(0, "0.00");
    assert_pct(100, "100.00");
    assert_pct(0.7 * 100, "70.00");
    assert_string_equal(monitor_level_token(MONITOR_MISSING), "missing");
    assert_string_equal(monitor_level_label(MONITOR_RED), "红色预警");
    enum monitor_level l;
    assert_true(monitor_level_parse("yellow", &l));
    assert_int_equal(l, MONITOR_YELLOW);
    assert_true(monitor_level_parse("红色预警", &l));
    assert_int_equal(l, MONITOR_RED);
    assert_false(monitor_level_parse("orange", &l));
}

/* --- a small year: rows, sorting, unit summaries ------------------------------------------ */

struct fixture {
    struct year_data yd;
    struct unit units[3];
    struct target_item items[7];
};

static void build_year(struct fixture *f)
{
    memset(f, 0, sizeof *f);
    f->yd.year = 2026;
    f->yd.scheme = default_scheme();
    f->units[0] = (struct unit){
        .code = (char *)"D01", .name = (char *)"县发改委", .pool = (char *)"县直部门"};
    f->units[1] = (struct unit){
        .code = (char *)"D02", .name = (char *)"县教育局", .pool = (char *)"县直部门"};
    f->units[2] =
        (struct unit){.code = (char *)"T01", .name = (char *)"奇台镇", .pool = (char *)"乡镇"};
    f->yd.units = f->units;
    f->yd.n_units = 3;
    /* D01: A11 yellow (lag 9), A12 red on execution (lag 35), A13 ok */
    f->items[0] = item("A11", 100, 0);
    progress(&f->items[0], 3, 66, false, 0);
    f->items[1] = item("A12", 100, 200);
    progress(&f->items[1], 3, 80, true, 80); /* exec 40 %: red 35, mismatch 40 */
    f->items[2] = item("A13", 100, 100);
    progress(&f->items[2], 3, 75, true, 75);
    /* D02: A11 red (lag 25), A12 not reported, A13 yellow (lag 9, same as D01 A11) */
    f->items[3] = item("A11", 100, 0);
    progress(&f->items[3], 3, 50, false, 0);
    f->items[4] = item("A12", 100, 100);
    f->items[5] = item("A13", 100, 0);
    progress(&f->items[5], 3, 66, false, 0);
    /* T01: all fine, execution ahead */
    f->items[6] = item("A11", 100, 100);
    progress(&f->items[6], 3, 80, true, 90);
    size_t owner[7] = {0, 0, 0, 1, 1, 1, 2};
    for (size_t i = 0; i < 7; i++)
        f->items[i].unit_index = owner[i];
    f->yd.items = f->items;
    f->yd.n_items = 7;
}

static const char *row_id(const struct fixture *f, const struct monitor_row *r, char *buf)
{
    snprintf(buf, 32, "%s/%s", f->units[r->unit_index].code, f->items[r->item_index].code);
    return buf;
}

static void warnings_sorted_by_severity(void **state)
{
    (void)state;
    struct fixture f;
    build_year(&f);
    size_t n;
    struct monitor_filter warn = {.min_rank = 1};
    struct monitor_row *rows = monitor_rows(&f.yd, 3, &warn, &n);
    const char *want[] = {"D01/A12", "D02/A11", "D01/A11", "D02/A13", "D02/A12"};
    assert_int_equal(n, 5);
    char buf[32];
    for (size_t i = 0; i < n; i++)
        assert_string_equal(row_id(&f, &rows[i], buf), want[i]);
    free(rows);

    struct monitor_filter all = {.min_rank = 0};
    rows = monitor_rows(&f.yd, 3, &all, &n);
    assert_int_equal(n, 7);
    /* normal rows last: T01/A11 is ahead (lag -5 / -15), D01/A13 on schedule (lag 0) */
    assert_string_equal(row_id(&f, &rows[5], buf), "D01/A13");
    assert_string_equal(row_id(&f, &rows[6], buf), "T01/A11");
    monitor_sort_grid(&f.yd, rows, n);
    assert_string_equal(row_id(&f, &rows[0], buf), "D01/A11");
    assert_string_equal(row_id(&f, &rows[6], buf), "T01/A11");
    free(rows);

    struct monitor_filter red = {.min_rank = 4};
    rows = monitor_rows(&f.yd, 3, &red, &n);
    assert_int_equal(n, 2);
    free(rows);
    struct monitor_filter pool = {.pool = "乡镇", .min_rank = 0};
    rows = monitor_rows(&f.yd, 3, &pool, &n);
    assert_int_equal(n, 1);
    free(rows);
    struct monitor_filter unit = {.unit = "D02", .min_rank = 1};
    rows = monitor_rows(&f.yd, 3, &unit, &n);
    assert_int_equal(n, 3);
    free(rows);
    struct monitor_filter none = {.unit = "T01", .min_rank = 1};
    rows = monitor_rows(&f.yd, 3, &none, &n);
    assert_int_equal(n, 0);
    assert_null(rows);
}

static void unit_summaries(void **state)
{
    (void)state;
    struct fixture f;
    build_year(&f);
    size_t n;
    struct monitor_unit *u = monitor_units(&f.yd, 3, NULL, &n);
    assert_int_equal(n, 3);
    /* D01: budgets 200 + 100, spent 80 + 75 = 155 / 300 = 51.67 % vs 75 */
    assert_int_equal(u[0].unit_index, 0);
    assert_int_equal(u[0].items, 3);
    assert_true(u[0].has_execution);
    assert_pct(u[0].execution, "51.67");
    assert_pct(u[0].schedule, "75.00");
    assert_pct(u[0].lag, "23.33");
    assert_int_equal(u[0].execution_level, MONITOR_RED);
    assert_true(u[0].below_schedule);
    assert_int_equal(u[0].red, 1);
    assert_int_equal(u[0].yellow, 1);
    assert_int_equal(u[0].missing, 0);
    assert_int_equal(u[0].mismatch, 1);
    assert_int_equal(u[0].worst, MONITOR_RED);
    /* D02: its only budgeted item is not reported: no overall rate, not "below" */
    assert_int_equal(u[1].budget_items, 1);
    assert_int_equal(u[1].reported_budget_items, 0);
    assert_false(u[1].has_execution);
    assert_false(u[1].below_schedule);
    assert_int_equal(u[1].missing, 1);
    assert_int_equal(u[1].worst, MONITOR_RED);
    /* T01: 90 % vs 75 */
    assert_pct(u[2].execution, "90.00");
    assert_false(u[2].below_schedule);
    assert_int_equal(u[2].worst, MONITOR_NORMAL);
    size_t nb;
    size_t *below = monitor_below_schedule(&f.yd, u, n, &nb);
    assert_int_equal(nb, 1);
    assert_int_equal(below[0], 0);
    free(below);
    free(u);

    struct monitor_filter pool = {.pool = "乡镇"};
    u = monitor_units(&f.yd, 3, &pool, &n);
    assert_int_equal(n, 1);
    assert_int_equal(u[0].unit_index, 2);
    free(u);
}

static void unit_schedule_is_budget_weighted(void **state)
{
    (void)state;
    struct fixture f;
    build_year(&f);
    /* D01 A12 (budget 200) gets a custom Q3 schedule of 60 %: (200*60 + 100*75) / 300 = 65 */
    f.items[1].schedule[2] = 60;
    size_t n;
    struct monitor_unit *u = monitor_units(&f.yd, 3, NULL, &n);
    assert_pct(u[0].schedule, "65.00");
    free(u);
    /* exactly on schedule is not below it */
    f.items[1].schedule[2] = 75;
    progress(&f.items[1], 3, 80, true, 150);
    u = monitor_units(&f.yd, 3, NULL, &n);
    assert_pct(u[0].execution, "75.00");
    assert_false(u[0].below_schedule);
    free(u);
    progress(&f.items[1], 3, 80, true, 149.99);
    u = monitor_units(&f.yd, 3, NULL, &n);
    assert_true(u[0].below_schedule);
    free(u);
}

static void below_schedule_order(void **state)
{
    (void)state;
    struct fixture f;
    build_year(&f);
    progress(&f.items[1], 3, 80, true, 75); /* D01: 150 / 300 = 50 %, behind by 25 */
    progress(&f.items[6], 3, 80, true, 50); /* T01 behind by 25 too */
    progress(&f.items[4], 3, 75, true, 10); /* D02 behind by 65 */
    size_t n, nb;
    struct monitor_unit *u = monitor_units(&f.yd, 3, NULL, &n);
    size_t *below = monitor_below_schedule(&f.yd, u, n, &nb);
    assert_int_equal(nb, 3);
    assert_string_equal(f.units[u[below[0]].unit_index].code, "D02");
    assert_string_equal(f.units[u[below[1]].unit_index].code, "D01"); /* tie: by code */
    assert_string_equal(f.units[u[below[2]].unit_index].code, "T01");
    free(below);
    free(u);
}

/* monitor_keys_sort gives monitor_key_compare's order (qsort's) on keys of every tier, lags of
 * both signs with ties, -0.0 against 0.0, rows without a lag and shuffled seqs. */
static void keys_radix_sorted_as_compared(void **state)
{
    (void)state;
    enum { N = 5000 };
    static struct monitor_key a[N], b[N];
    static const double lags[] = {0.0, -0.0, 5.0, 5.0000000001, -3.25, 100.0, -100.0, 1e-9, 15.0};
    unsigned seed = 7;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        a[i] = (struct monitor_key){.lag = lags[(seed >> 8) % 9], .seq = (uint32_t)(N - i) * 7u,
                                    .rank = (uint8_t)((seed >> 16) % 5),
                                    .has_lag = (seed >> 20) % 4 != 0};
        if (!a[i].has_lag)
            a[i].lag = 0;
    }
    memcpy(b, a, sizeof a);
    qsort(a, N, sizeof *a, monitor_key_compare);
    monitor_keys_sort(b, N);
    for (int i = 0; i < N; i++)
        assert_int_equal(a[i].seq, b[i].seq);
    monitor_keys_sort(b, 1); /* one key and none: nothing to do */
    monitor_keys_sort(NULL, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(completion_boundaries),
        cmocka_unit_test(completion_values),
        cmocka_unit_test(execution_boundaries),
        cmocka_unit_test(budget_zero_has_no_execution),
        cmocka_unit_test(spending_not_entered_is_missing),
        cmocka_unit_test(missing_quarter_is_not_a_lag),
        cmocka_unit_test(target_zero_has_no_completion_rate),
        cmocka_unit_test(inverse_items_show_rate_without_warning),
        cmocka_unit_test(manual_items_use_actual_over_target),
        cmocka_unit_test(custom_schedule),
        cmocka_unit_test(scheme_thresholds_are_used),
        cmocka_unit_test(mismatch_both_ways),
        cmocka_unit_test(formatting),
        cmocka_unit_test(warnings_sorted_by_severity),
        cmocka_unit_test(unit_summaries),
        cmocka_unit_test(unit_schedule_is_budget_weighted),
        cmocka_unit_test(below_schedule_order),
        cmocka_unit_test(keys_radix_sorted_as_compared),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
