/* The lean loaders of the screens about one unit and of the unit pickers (db/load_unit.h,
 * db/load_counts.h) give, for every unit of the demo county's two years, exactly what the whole
 * year (store_load_year) holds for that unit: its items with every quarter and their in-force
 * terms, its ledger records, its adjustments (or the year's), and the pickers' counts and sums
 * added in the same order (compared bit for bit). Two units get target adjustments first, so
 * the in-force terms and the year's list are not empty. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "db/load.h"
#include "db/load_counts.h"
#include "db/load_unit.h"
#include "db/store.h"
#include "model/adjust.h"

static void same_text(const char *a, const char *b)
{
    assert_string_equal(a ? a : "(null)", b ? b : "(null)");
}

static void same_double(double a, double b)
{
    assert_memory_equal(&a, &b, sizeof a);
}

static void same_quarter(const struct quarter_progress *a, const struct quarter_progress *b)
{
    assert_int_equal(a->present, b->present), assert_int_equal(a->no_actual, b->no_actual);
    assert_int_equal(a->has_spent, b->has_spent), assert_int_equal(a->has_score, b->has_score);
    same_double(a->actual, b->actual), same_double(a->spent, b->spent);
    same_double(a->score, b->score);
    same_text(a->note, b->note), same_text(a->deviation, b->deviation);
    same_text(a->action, b->action);
    assert_int_equal(a->decision, b->decision), assert_string_equal(a->decision_on, b->decision_on);
    assert_int_equal(a->corrected, b->corrected);
}

static void same_item(const struct target_item *a, const struct target_item *b)
{
    assert_int_equal(a->unit_index, b->unit_index);
    same_text(a->code, b->code), same_text(a->category, b->category);
    same_text(a->name, b->name), same_text(a->measure, b->measure);
    same_double(a->points, b->points), same_double(a->target, b->target);
    same_double(a->budget, b->budget);
    assert_int_equal(a->method, b->method);
    for (int q = 0; q < KP_QUARTERS; q++) {
        same_double(a->schedule[q], b->schedule[q]);
        same_quarter(&a->q[q], &b->q[q]);
    }
    assert_int_equal(a->in_force != NULL, b->in_force != NULL);
    for (int q = 0; a->in_force && q < KP_QUARTERS; q++)
        assert_memory_equal(&a->in_force[q], &b->in_force[q], sizeof a->in_force[q]);
}

static void same_entry(const struct ledger_entry *a, const struct ledger_entry *b)
{
    assert_string_equal(a->id, b->id), assert_string_equal(a->date, b->date);
    assert_int_equal(a->unit_index, b->unit_index), assert_int_equal(a->type, b->type);
    same_double(a->points, b->points);
    same_text(a->aspect, b->aspect), same_text(a->method, b->method);
    same_text(a->reason, b->reason), same_text(a->inspectors, b->inspectors);
    same_text(a->evidence, b->evidence);
}

static void same_adjustment(const struct target_adjustment *a, const struct target_adjustment *b)
{
    assert_string_equal(a->id, b->id), assert_int_equal(a->unit_index, b->unit_index);
    same_text(a->item, b->item), same_text(a->reason, b->reason);
    same_text(a->approved_by, b->approved_by), same_text(a->recorded_at, b->recorded_at);
    assert_int_equal(a->field, b->field), assert_int_equal(a->from_quarter, b->from_quarter);
    same_double(a->old_value, b->old_value), same_double(a->new_value, b->new_value);
}

/* The unit's part of the lean load equals the full load's rows of unit u, in order. */
static void same_unit_rows(const struct year_data *lean, const struct year_data *full, size_t u,
                           bool year_adjustments)
{
    assert_int_equal(lean->n_units, full->n_units);
    assert_int_equal(lean->n_categories, full->n_categories);
    size_t at = 0;
    for (size_t i = 0; i < full->n_items; i++)
        if (full->items[i].unit_index == u)
            assert_true(at < lean->n_items), same_item(&lean->items[at++], &full->items[i]);
    assert_int_equal(at, lean->n_items);
    at = 0;
    for (size_t i = 0; i < full->n_ledger; i++)
        if (full->ledger[i].unit_index == u)
            assert_true(at < lean->n_ledger), same_entry(&lean->ledger[at++], &full->ledger[i]);
    assert_int_equal(at, lean->n_ledger);
    at = 0;
    for (size_t i = 0; i < full->n_adjustments; i++)
        if (year_adjustments || full->adjustments[i].unit_index == u) {
            assert_true(at < lean->n_adjustments);
            same_adjustment(&lean->adjustments[at++], &full->adjustments[i]);
        }
    assert_int_equal(at, lean->n_adjustments);
}

/* The pickers' counts of unit u as the whole year gives them, added in the same order. */
static void same_counts(struct store *st, const struct year_data *full, size_t u)
{
    for (int quarter = 0; quarter <= KP_QUARTERS; quarter++) {
        struct unit_counts want = {0}, got;
        for (size_t i = 0; i < full->n_items; i++)
            if (full->items[i].unit_index == u) {
                want.items++;
                want.points += full->items[i].points;
                want.reported += quarter && full->items[i].q[quarter - 1].present;
            }
        for (size_t i = 0; quarter == 1 && i < full->n_ledger; i++)
            if (full->ledger[i].unit_index == u) {
                want.n_ledger[full->ledger[i].type]++;
                want.ledger_points[full->ledger[i].type] += full->ledger[i].points;
            }
        assert_int_equal(store_unit_counts(st, full->year, full->units[u].code, quarter,
                                           quarter == 1, &got),
                         STORE_OK);
        assert_int_equal(got.items, want.items), assert_int_equal(got.reported, want.reported);
        same_double(got.points, want.points);
        for (int t = 0; t < 4; t++) {
            assert_int_equal(got.n_ledger[t], want.n_ledger[t]);
            same_double(got.ledger_points[t], want.ledger_points[t]);
        }
    }
}

static void same_completeness(struct store *st, const struct year_data *full)
{
    for (int q = 1; q <= KP_QUARTERS; q++) {
        bool want = true, got = false;
        for (size_t i = 0; i < full->n_items; i++)
            want = want && full->items[i].q[q - 1].present;
        assert_int_equal(store_quarter_complete(st, full->year, q, &got), STORE_OK);
        assert_int_equal(got, want);
    }
}

/* Adjustments of two 2026 items of two units, the second item's twice. */
static const char adjustments_sql[] =
    "INSERT INTO target_adjustment(id, year, unit, item, field, old_value, new_value,"
    " from_quarter, reason, approved_by, recorded_at)"
    " SELECT printf('%032d', k * 10 + n), 2026, unit, item, 'target', target_value,"
    " target_value + n, n + 1, '调整', '县考核办', printf('2026-0%d-01T00:00:00Z', n + 4)"
    " FROM (SELECT unit, item, target_value, row_number() OVER (ORDER BY unit, item) AS k"
    "  FROM target WHERE year = 2026 AND unit IN (SELECT code FROM unit_year WHERE year = 2026"
    "  ORDER BY code LIMIT 2 OFFSET 3) AND item IN (SELECT min(item) FROM target WHERE"
    "  year = 2026)) JOIN (SELECT 1 AS n UNION ALL SELECT 2) ON n = 1 OR k = 2";

static void one_unit_equals_the_whole_year(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_demo(&dir);
    test_exec_sql(st, adjustments_sql);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM target_adjustment"), 3);
    const int years[] = {2025, 2026};
    for (size_t y = 0; y < 2; y++) {
        struct year_data full;
        assert_int_equal(store_load_year(st, years[y], &full), STORE_OK);
        assert_true(full.n_items > 100 && full.n_ledger > 10);
        assert_true(years[y] == 2025 || full.n_adjustments == 3);
        for (size_t u = 0; u < full.n_units; u++)
            for (int with_year = 0; with_year <= 1; with_year++) {
                struct year_data lean;
                assert_int_equal(store_load_year_unit(st, years[y], full.units[u].code,
                                                      with_year, &lean),
                                 STORE_OK);
                same_unit_rows(&lean, &full, u, with_year);
                year_data_free(&lean);
            }
        for (size_t u = 0; u < full.n_units; u++)
            same_counts(st, &full, u);
        same_completeness(st, &full);
        year_data_free(&full);
    }
    struct year_data none;
    assert_int_equal(store_load_year_unit(st, 2026, "NO-SUCH", true, &none), STORE_OK);
    assert_true(none.n_units > 0 && none.n_items == 0 && none.n_ledger == 0);
    assert_int_equal(none.n_adjustments, 3); /* the year's list, with no item of its own */
    year_data_free(&none);
    assert_int_equal(store_load_year_unit(st, 1999, "NO-SUCH", false, &none), STORE_NOTFOUND);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_unit_equals_the_whole_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
