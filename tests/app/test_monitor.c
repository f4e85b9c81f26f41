/* The streamed 双监控 (app/monitor.h, db/load_monitor.h: `kaoping monitor` and the screens'
 * quarters) gives the rows and unit summaries the whole-year evaluation gives (monitor_rows,
 * monitor_units on store_load_year), in the same order, for every quarter and filter of the demo
 * county, with a target adjustment in force and a 偏差原因 on a warned row; a year that does not
 * exist is STORE_NOTFOUND. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "app/monitor.h"
#include "db/load.h"
#include "db/load_monitor.h"
#include "db/store.h"

struct seen {
    const struct year_data *full;
    const struct monitor_row *want;
    size_t n_want, measured, emitted, begun;
    bool began;
};

static void same_measure(const struct monitor_measure *a, const struct monitor_measure *b)
{
    assert_int_equal(a->has_rate, b->has_rate), assert_int_equal(a->has_lag, b->has_lag);
    assert_int_equal(a->level, b->level);
    assert_true(a->rate == b->rate && a->lag == b->lag);
}

/* Row r of the stream (its item in yd->items[0]) is the whole year's row w. */
static void same_row(const struct year_data *full, const struct monitor_row *w,
                     const struct year_data *yd, const struct monitor_row *r)
{
    assert_int_equal(r->item_index, 0);
    assert_int_equal(yd->n_items, 1);
    assert_int_equal(r->unit_index, w->unit_index);
    const struct target_item *a = &yd->items[0], *b = &full->items[w->item_index];
    assert_string_equal(a->code, b->code);
    assert_string_equal(a->name, b->name);
    assert_int_equal(r->quarter, w->quarter);
    assert_true(r->schedule == w->schedule);
    same_measure(&r->completion, &w->completion);
    same_measure(&r->execution, &w->execution);
    assert_int_equal(r->mismatch, w->mismatch);
    const struct quarter_progress *qa = &a->q[r->quarter - 1], *qb = &b->q[w->quarter - 1];
    assert_int_equal(qa->present, qb->present);
    assert_string_equal(qa->deviation ? qa->deviation : "", qb->deviation ? qb->deviation : "");
    assert_string_equal(qa->action ? qa->action : "", qb->action ? qb->action : "");
    assert_int_equal(qa->decision, qb->decision), assert_int_equal(qa->corrected, qb->corrected);
}

static void on_measure(void *ctx, const struct year_data *yd, const struct monitor_row *r)
{
    struct seen *s = ctx;
    assert_false(s->began);
    assert_int_equal(yd->n_items, 1);
    (void)r;
    s->measured++;
}

static void on_begin(void *ctx, const struct year_data *yd, size_t n)
{
    struct seen *s = ctx;
    (void)yd;
    s->began = true;
    s->begun = n;
}

static void on_emit(void *ctx, const struct year_data *yd, const struct monitor_row *r)
{
    struct seen *s = ctx;
    assert_true(s->began);
    assert_true(s->emitted < s->n_want);
    same_row(s->full, &s->want[s->emitted++], yd, r);
}

static void same_units(const struct monitor_unit *a, const struct monitor_unit *b)
{
    assert_int_equal(a->unit_index, b->unit_index), assert_int_equal(a->items, b->items);
    assert_int_equal(a->budget_items, b->budget_items);
    assert_int_equal(a->reported_budget_items, b->reported_budget_items);
    assert_int_equal(a->has_execution, b->has_execution);
    assert_true(a->budget == b->budget && a->spent == b->spent && a->schedule == b->schedule);
    assert_true(a->execution == b->execution && a->lag == b->lag);
    assert_int_equal(a->execution_level, b->execution_level);
    assert_int_equal(a->red, b->red), assert_int_equal(a->yellow, b->yellow);
    assert_int_equal(a->missing, b->missing), assert_int_equal(a->mismatch, b->mismatch);
    assert_int_equal(a->worst, b->worst);
}

static void compare(struct store *st, const struct year_data *full, int q,
                    const struct monitor_filter *f)
{
    size_t n;
    struct monitor_row *want = monitor_rows(full, q, f, &n);
    struct app_monitor *m;
    const struct year_data *yd;
    assert_int_equal(app_monitor_open(st, full->year, q, &m, &yd), STORE_OK);
    assert_int_equal(yd->n_units, full->n_units);
    assert_int_equal(yd->n_items, 0);
    struct seen s = {.full = full, .want = want, .n_want = n};
    struct app_monitor_sink sink = {&s, on_measure, on_begin, on_emit};
    assert_int_equal(app_monitor_rows(m, f, &sink), STORE_OK);
    assert_int_equal(s.begun, n), assert_int_equal(s.emitted, n);
    assert_int_equal(s.measured, n);
    size_t nu, nu_want;
    struct monitor_unit *u, *u_want = monitor_units(full, q, f, &nu_want);
    assert_int_equal(app_monitor_units(m, f, &u, &nu), STORE_OK);
    assert_int_equal(nu, nu_want);
    for (size_t i = 0; i < nu; i++)
        same_units(&u[i], &u_want[i]);
    app_monitor_close(m);
    free(want), free(u), free(u_want);
}

/* The screens' quarter (app_monitor_quarter): the warnings with their items, every unit. */
static void compare_quarter(struct store *st, const struct year_data *full, int q)
{
    struct monitor_filter warned = {NULL, NULL, 1};
    size_t n, nu;
    struct monitor_row *want = monitor_rows(full, q, &warned, &n);
    struct monitor_unit *u_want = monitor_units(full, q, NULL, &nu);
    struct monitor_quarter mq;
    assert_int_equal(app_monitor_quarter(st, full->year, q, &mq), STORE_OK);
    assert_int_equal(mq.quarter, q);
    assert_int_equal(mq.n_warns, n), assert_int_equal(mq.yd.n_items, n);
    for (size_t i = 0; i < n; i++) {
        struct year_data one = mq.yd;
        one.items = &mq.yd.items[mq.warns[i].item_index], one.n_items = 1;
        struct monitor_row r = mq.warns[i];
        r.item_index = 0;
        same_row(full, &want[i], &one, &r);
        /* the whole row: 双监控 writes it back with its note (ui/progress_notes.h) */
        const struct quarter_progress *a = &one.items[0].q[q - 1],
                                      *b = &full->items[want[i].item_index].q[q - 1];
        assert_string_equal(a->note ? a->note : "", b->note ? b->note : "");
        assert_int_equal(a->no_actual, b->no_actual), assert_int_equal(a->has_score, b->has_score);
        assert_true(a->actual == b->actual && a->spent == b->spent && a->score == b->score);
    }
    assert_int_equal(mq.n_units, nu);
    for (size_t i = 0; i < nu; i++)
        same_units(&mq.units[i], &u_want[i]);
    app_monitor_quarter_free(&mq);
    free(want), free(u_want);
}

/* The quarter read a part at a time (max_items items a part, the read transaction released
 * after the header) is the quarter read at once, row for row and unit for unit. */
static void compare_parts(struct store *st, int year, int q, size_t max_items)
{
    struct monitor_quarter whole, parted;
    assert_int_equal(app_monitor_quarter(st, year, q, &whole), STORE_OK);
    struct monitor_quarter_read *r;
    assert_int_equal(app_monitor_quarter_start(st, year, q, &r), STORE_OK);
    app_monitor_quarter_release(r);
    bool done = false;
    size_t parts = 0;
    while (!done) {
        assert_int_equal(app_monitor_quarter_part(r, max_items, &done), STORE_OK);
        parts++;
    }
    app_monitor_quarter_finish(r, &parted);
    assert_true(parts > (max_items && max_items < 50 ? 10u : 0u));
    assert_int_equal(parted.n_warns, whole.n_warns);
    for (size_t i = 0; i < whole.n_warns; i++) {
        const struct monitor_row *a = &parted.warns[i], *b = &whole.warns[i];
        assert_int_equal(a->unit_index, b->unit_index);
        assert_string_equal(parted.yd.items[a->item_index].code, whole.yd.items[b->item_index].code);
        assert_int_equal(monitor_row_rank(a), monitor_row_rank(b));
    }
    assert_int_equal(parted.n_units, whole.n_units);
    for (size_t i = 0; i < whole.n_units; i++)
        same_units(&parted.units[i], &whole.units[i]);
    app_monitor_quarter_free(&whole), app_monitor_quarter_free(&parted);
}

/* The completeness counted a few units a part equals the count of all at once. */
static void compare_complete_parts(struct store *st, int year, size_t units)
{
    size_t with, complete[KP_QUARTERS];
    assert_int_equal(store_monitor_complete(st, year, &with, complete), STORE_OK);
    struct store_complete c = {0};
    size_t parts = 0;
    while (!c.done) {
        assert_int_equal(store_monitor_complete_part(st, year, units, &c), STORE_OK);
        assert_true(++parts < 1000);
    }
    assert_true(parts > 46 / units);
    assert_int_equal(c.with_targets, with);
    for (int q = 0; q < KP_QUARTERS; q++)
        assert_int_equal(c.complete[q], complete[q]);
    size_t n;
    assert_int_equal(store_monitor_with_targets(st, year, &n), STORE_OK);
    assert_int_equal(n, with);
}

/* The home screen's counts in SQL (db/load_monitor.h) against the whole year's items. */
static void compare_counts(struct store *st, const struct year_data *full)
{
    size_t with = 0, complete[KP_QUARTERS] = {0}, got_with, got[KP_QUARTERS];
    int latest = 0, got_latest;
    for (size_t i = 0, end; i < full->n_items; i = end) {
        bool all[KP_QUARTERS] = {true, true, true, true};
        for (end = i;
             end < full->n_items && full->items[end].unit_index == full->items[i].unit_index; end++)
            for (int q = 0; q < KP_QUARTERS; q++) {
                all[q] &= full->items[end].q[q].present;
                if (full->items[end].q[q].present && q + 1 > latest)
                    latest = q + 1;
            }
        with++;
        for (int q = 0; q < KP_QUARTERS; q++)
            complete[q] += all[q];
    }
    assert_int_equal(store_monitor_complete(st, full->year, &got_with, got), STORE_OK);
    assert_int_equal(got_with, with);
    for (int q = 0; q < KP_QUARTERS; q++)
        assert_int_equal(got[q], complete[q]);
    assert_int_equal(store_monitor_latest_quarter(st, full->year, &got_latest), STORE_OK);
    assert_int_equal(got_latest, latest);
}

static void compare_year(struct store *st, int year, size_t *rows)
{
    struct year_data full;
    assert_int_equal(store_load_year(st, year, &full), STORE_OK);
    const char *unit = full.units[full.n_units / 2].code, *pool = full.units[0].pool;
    const struct monitor_filter filters[] = {
        {NULL, NULL, 0}, {NULL, NULL, 1}, {NULL, NULL, 4},
        {pool, NULL, 1}, {NULL, unit, 0}, {NULL, "没有这个单位", 0},
    };
    compare_counts(st, &full);
    for (size_t units = 1; units <= 7; units += 3)
        compare_complete_parts(st, year, units);
    for (int q = 1; q <= KP_QUARTERS; q++) {
        compare_quarter(st, &full, q);
        compare_parts(st, year, q, 1);   /* a unit a part */
        compare_parts(st, year, q, 100); /* a few units a part */
        compare_parts(st, year, q, 0);   /* all in one part */
    }
    for (int q = 1; q <= KP_QUARTERS; q++)
        for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) {
            app_monitor_set_hold_budget(0); /* every row read back by row id */
            compare(st, &full, q, &filters[i]);
            app_monitor_set_hold_budget(20000); /* held, then past the budget: read back */
            compare(st, &full, q, &filters[i]);
            app_monitor_set_hold_budget(12u << 20); /* held: the demo is small */
            compare(st, &full, q, &filters[i]);
            size_t n;
            free(monitor_rows(&full, q, &filters[i], &n));
            *rows += n;
        }
    year_data_free(&full);
}

static void streamed_equals_whole_year(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_demo(&dir);
    /* an adjusted target (from Q3: the terms in force differ by quarter) and a written 偏差原因 */
    test_exec_sql(st,
                  "INSERT INTO target_adjustment(id, year, unit, item, field, old_value,"
                  " new_value, from_quarter, recorded_at) SELECT printf('%032d', 1), year,"
                  " unit, item, 'target', target_value, target_value * 2, 3,"
                  " '2025-07-01T00:00:00Z' FROM target t WHERE year = 2025 AND method = 'ratio'"
                  " AND target_value > 0 AND EXISTS (SELECT 1 FROM progress p WHERE"
                  " p.year = t.year AND p.unit = t.unit AND p.item = t.item AND quarter = 3"
                  " AND actual > 0) ORDER BY unit, item LIMIT 1;"
                  "UPDATE progress SET deviation = '进度滞后', action = '加快推进', note = '已核实'"
                  " WHERE year = 2025 AND quarter = 3 AND rowid IN"
                  " (SELECT rowid FROM progress WHERE year = 2025 AND quarter = 3 LIMIT 3);");
    size_t rows = 0;
    compare_year(st, 2025, &rows); /* complete year */
    compare_year(st, 2026, &rows); /* in progress: Q4 missing everywhere */
    assert_true(rows > 1000);
    struct app_monitor *m;
    const struct year_data *yd;
    assert_int_equal(app_monitor_open(st, 2031, 2, &m, &yd), STORE_NOTFOUND);
    assert_null(m);
    struct monitor_quarter mq;
    assert_int_equal(app_monitor_quarter(st, 2031, 2, &mq), STORE_NOTFOUND);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(streamed_equals_whole_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
