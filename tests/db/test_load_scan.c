/* The streamed scans the exports read (db/load_scan.h): their pieces, put end to end, hold
 * the same items, progress rows and ledger records, in the same order, as the whole year
 * loaded at once (store_load_year) on the demo county, whatever the piece size (1 and 7
 * split items and units across pieces; 0 is the default). The ledger's days are put in id
 * order by the scan itself: the demo gets days of three records stored out of id order. The
 * lean year (store_load_year_codes) lists the header's units with their appraisals. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "db/load.h"
#include "db/load_scan.h"
#include "db/store.h"

static void same_text(const char *a, const char *b)
{
    assert_string_equal(a ? a : "(null)", b ? b : "(null)");
}

static void same_item(const struct target_item *a, const struct target_item *b)
{
    assert_int_equal(a->unit_index, b->unit_index);
    same_text(a->code, b->code), same_text(a->category, b->category);
    same_text(a->name, b->name), same_text(a->measure, b->measure);
    assert_true(a->points == b->points && a->target == b->target && a->budget == b->budget);
    assert_int_equal(a->method, b->method);
    for (int q = 0; q < KP_QUARTERS; q++)
        assert_true(a->schedule[q] == b->schedule[q]);
}

static void same_quarter(const struct quarter_progress *a, const struct quarter_progress *b)
{
    assert_true(a->present && b->present);
    assert_true(a->actual == b->actual);
    assert_int_equal(a->has_spent, b->has_spent), assert_int_equal(a->has_score, b->has_score);
    assert_true(a->spent == b->spent && a->score == b->score);
    same_text(a->note, b->note), same_text(a->deviation, b->deviation);
    same_text(a->action, b->action);
}

static void same_entry(const struct ledger_entry *a, const struct ledger_entry *b)
{
    assert_string_equal(a->id, b->id), assert_string_equal(a->date, b->date);
    assert_int_equal(a->unit_index, b->unit_index), assert_int_equal(a->type, b->type);
    assert_true(a->points == b->points);
    same_text(a->aspect, b->aspect), same_text(a->method, b->method);
    same_text(a->reason, b->reason), same_text(a->inspectors, b->inspectors);
    same_text(a->evidence, b->evidence);
}

/* The full load's next present quarter after (*i, *q), as the progress scan must give it. */
static const struct target_item *next_progress(const struct year_data *full, size_t *i, int *q)
{
    for (; *i < full->n_items; (*i)++, *q = 0)
        for (; *q < KP_QUARTERS; (*q)++)
            if (full->items[*i].q[*q].present)
                return &full->items[*i];
    return NULL;
}

static void compare_scan(struct store *st, const struct year_data *full, enum store_scan_kind k,
                         size_t piece)
{
    struct year_data yd;
    assert_int_equal(store_load_year_codes(st, full->year, false, &yd), STORE_OK);
    struct store_scan *sc = store_scan_open(st, &yd, k, piece);
    assert_non_null(sc);
    size_t at = 0, pieces = 0;
    int q = 0, more;
    while ((more = store_scan_next(sc)) == 1) {
        pieces++;
        if (piece && k != SCAN_LEDGER)
            assert_true(yd.n_items <= piece);
        for (size_t j = piece; piece && k == SCAN_LEDGER && j < yd.n_ledger; j++) {
            /* past the piece only to finish the day */
            assert_int_equal(yd.ledger[j].unit_index, yd.ledger[piece - 1].unit_index);
            assert_string_equal(yd.ledger[j].date, yd.ledger[piece - 1].date);
        }
        for (size_t j = 0; k == SCAN_LEDGER && j < yd.n_ledger; j++, at++) {
            assert_true(at < full->n_ledger);
            same_entry(&yd.ledger[j], &full->ledger[at]);
        }
        for (size_t j = 0; k == SCAN_TARGETS && j < yd.n_items; j++, at++) {
            assert_true(at < full->n_items);
            same_item(&yd.items[j], &full->items[at]);
        }
        for (size_t j = 0; k == SCAN_PROGRESS && j < yd.n_items; j++)
            for (int p = 0; p < KP_QUARTERS; p++) {
                if (!yd.items[j].q[p].present)
                    continue;
                const struct target_item *want = next_progress(full, &at, &q);
                assert_non_null(want);
                assert_int_equal(q, p);
                assert_int_equal(yd.items[j].unit_index, want->unit_index);
                assert_string_equal(yd.items[j].code, want->code);
                same_quarter(&yd.items[j].q[p], &want->q[q]);
                q++;
            }
    }
    assert_int_equal(more, 0);
    assert_int_equal(store_scan_next(sc), 0); /* the end stays the end */
    if (k == SCAN_LEDGER)
        assert_int_equal(at, full->n_ledger);
    else if (k == SCAN_TARGETS)
        assert_int_equal(at, full->n_items);
    else
        assert_null(next_progress(full, &at, &q));
    if (piece == 1)
        assert_true(pieces > 10); /* one row (or one item) a piece */
    store_scan_close(sc);
    assert_null(yd.items), assert_null(yd.ledger);
    year_data_free(&yd);
}

/* Three records of each of two units on one day, inserted in falling id order (the index
 * gives a day's records by rowid), and a unit's appraisal of a year it is not in. */
static const char same_day_sql[] =
    "INSERT INTO ledger(id, year, unit, date, type, points, reason)"
    " SELECT printf('%032d', n * 10 + u.k), 2025, u.code, '2025-03-03', 'bonus', 1, '同日'"
    " FROM (SELECT 3 AS n UNION ALL SELECT 2 UNION ALL SELECT 1) JOIN"
    " (SELECT code, row_number() OVER (ORDER BY code) AS k FROM unit_year WHERE year = 2025"
    "  ORDER BY code LIMIT 2) u ORDER BY n DESC;"
    "INSERT INTO unit(code, name, pool) SELECT 'ZZ-OUT', '不在年度的单位', pool FROM unit LIMIT 1;"
    "INSERT INTO appraisal(year, unit, score) VALUES (2025, 'ZZ-OUT', 90);";

static void same_units(const struct year_data *lean, const struct year_data *full)
{
    assert_int_equal(lean->n_units, full->n_units);
    for (size_t i = 0; i < full->n_units; i++) {
        const struct unit *a = &lean->units[i], *b = &full->units[i];
        assert_string_equal(a->code, b->code);
        assert_int_equal(a->has_appraisal, b->has_appraisal);
        assert_int_equal(a->has_satisfaction, b->has_satisfaction);
        assert_true(a->appraisal == b->appraisal && a->satisfaction == b->satisfaction);
        assert_null(a->name);
    }
}

static void lean_year_lists_the_header_units(struct store *st, int year)
{
    struct year_data lean, full, bare;
    assert_int_equal(store_load_year_header(st, year, &full), STORE_OK);
    assert_int_equal(store_load_year_codes(st, year, true, &lean), STORE_OK);
    same_units(&lean, &full);
    assert_int_equal(store_load_year_codes(st, year, false, &bare), STORE_OK);
    assert_int_equal(bare.n_units, full.n_units);
    size_t with = 0;
    for (size_t i = 0; i < full.n_units; i++) {
        with += full.units[i].has_appraisal;
        assert_false(bare.units[i].has_appraisal);
    }
    assert_true(year != 2025 || with > 0); /* the demo appraises 2025 */
    year_data_free(&lean), year_data_free(&full), year_data_free(&bare);
    assert_int_equal(store_load_year_codes(st, 1999, true, &lean), STORE_NOTFOUND);
    assert_string_equal(store_errmsg(st), "1999 年度不存在");
}

static void pieces_equal_the_whole_year(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_demo(&dir);
    test_exec_sql(st, same_day_sql);
    const int years[] = {2025, 2026};
    const size_t pieces[] = {0, 1, 7};
    for (size_t y = 0; y < 2; y++) {
        struct year_data full;
        assert_int_equal(store_load_year(st, years[y], &full), STORE_OK);
        assert_true(full.n_items > 100 && full.n_ledger > 10);
        lean_year_lists_the_header_units(st, years[y]);
        for (size_t p = 0; p < 3; p++)
            for (int k = SCAN_TARGETS; k <= SCAN_LEDGER; k++)
                compare_scan(st, &full, (enum store_scan_kind)k, pieces[p]);
        year_data_free(&full);
    }
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pieces_equal_the_whole_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
