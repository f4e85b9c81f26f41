/* The streamed ranking loader (rank, export) and the full loader (explain) must give every
 * unit of the demo county the same scores, flags and ranks. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "cli/demo_county.h"
#include "db/load.h"
#include "db/load_ranking.h"
#include "db/store.h"
#include "db/years.h"
#include "model/rank.h"

struct stream {
    struct year_scores *ys;
    size_t cursor;
};

static void on_unit(void *p, const struct year_data *yd, size_t u, const struct target_item *items,
                    size_t n)
{
    struct stream *s = p;
    if (!s->ys->units)
        year_scores_init(s->ys, yd->n_units);
    size_t first, nl;
    rank_ledger_range(yd, u, &s->cursor, &first, &nl);
    score_unit(yd, u, items, n, yd->ledger + first, nl, &s->ys->units[u]);
}

static void compare_year(struct store *st, int year)
{
    char **pools;
    size_t n_pools;
    assert_int_equal(store_pools(st, &pools, &n_pools), STORE_OK);
    struct year_data full, lean;
    struct year_scores a, b = {0};
    assert_int_equal(store_load_year(st, year, &full), STORE_OK);
    rank_year(&full, (const char *const *)pools, n_pools, &a);
    struct stream s = {&b, 0};
    assert_int_equal(store_load_year_streamed(st, year, &lean, on_unit, &s), STORE_OK);
    rank_assign(&lean, (const char *const *)pools, n_pools, &b);
    assert_int_equal(lean.n_items, 0);
    assert_int_equal(full.n_ledger, lean.n_ledger);
    assert_int_equal(a.n_order, b.n_order);
    for (size_t u = 0; u < full.n_units; u++) {
        const struct unit_score *x = &a.units[u], *y = &b.units[u];
        assert_true(x->k_u[0] == y->k_u[0]);
        assert_true(x->k_u[1] == y->k_u[1]);
        assert_int_equal(x->total_c, y->total_c);
        assert_int_equal(x->grade, y->grade);
        assert_int_equal(x->missing, y->missing);
        assert_int_equal(x->rank, y->rank);
        assert_int_equal(x->inspection.applied_u, y->inspection.applied_u);
        assert_int_equal(x->complaint.applied_u, y->complaint.applied_u);
        assert_int_equal(x->veto, y->veto);
    }
    for (size_t i = 0; i < a.n_order; i++)
        assert_int_equal(a.order[i], b.order[i]);
    year_scores_free(&a), year_scores_free(&b);
    year_data_free(&full), year_data_free(&lean);
    store_free_strings(pools, n_pools);
}

static void streamed_equals_full_on_demo(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_non_null(st);
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(demo_county_build(st), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    compare_year(st, 2025); /* complete year */
    compare_year(st, 2026); /* in progress: Q4 missing everywhere */
    struct year_data yd;
    assert_int_equal(store_load_year_streamed(st, 2031, &yd, on_unit, NULL), STORE_NOTFOUND);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(streamed_equals_full_on_demo)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
