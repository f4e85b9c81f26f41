/* The streamed ranking loader (rank, export) and the full loader (explain) must give every
 * unit of the demo county the same scores, flags and ranks. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

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
    score_unit(yd, u, items, n, nl ? yd->ledger + first : NULL, nl, &s->ys->units[u]);
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
    struct store *st = test_store_demo(&dir);
    compare_year(st, 2025); /* complete year */
    compare_year(st, 2026); /* in progress: Q4 missing everywhere */
    struct year_data yd;
    assert_int_equal(store_load_year_streamed(st, 2031, &yd, on_unit, NULL), STORE_NOTFOUND);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

/* Item codes are limited to 31 characters, which is up to 93 bytes in Chinese. */
static void long_item_codes_match_their_progress(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_non_null(st);
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_year_create_preset(st, 2025, "qitai"), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    test_exec_sql(st, "INSERT INTO unit(code, name, pool) VALUES ('X01', '县教育局', '县直部门');"
                      "INSERT INTO unit_year(year, code, name, pool, parent) SELECT y.year, u.code, u.name,"
                      " u.pool, u.parent FROM year y, unit u;" /* units per year (docs/store.md) */
                      "INSERT INTO appraisal(year, unit, score) VALUES (2025, 'X01', 80);"
                      "INSERT INTO target(year, unit, item, category, name, points, method,"
                      " target_value) VALUES"
                      " (2025, 'X01', '重点项目建设第一阶段任务目标完成情况考核指标一', '目标任务',"
                      " '甲', 45, 'ratio', 10),"
                      " (2025, 'X01', '重点项目建设第一阶段任务目标完成情况考核指标二', '目标任务',"
                      " '乙', 45, 'ratio', 10);"
                      "INSERT INTO progress(year, unit, item, quarter, actual) VALUES"
                      " (2025, 'X01', '重点项目建设第一阶段任务目标完成情况考核指标一', 2, 5),"
                      " (2025, 'X01', '重点项目建设第一阶段任务目标完成情况考核指标一', 4, 10),"
                      " (2025, 'X01', '重点项目建设第一阶段任务目标完成情况考核指标二', 2, 2.5),"
                      " (2025, 'X01', '重点项目建设第一阶段任务目标完成情况考核指标二', 4, 5);");
    struct year_data yd;
    struct year_scores ys = {0};
    struct stream s = {&ys, 0};
    assert_int_equal(store_load_year_streamed(st, 2025, &yd, on_unit, &s), STORE_OK);
    assert_int_equal(ys.units[0].missing, 0);
    assert_true(ys.units[0].k_u[0] == 67500000.0L); /* 45 + 22.5 */
    assert_true(ys.units[0].k_u[1] == 67500000.0L);
    year_scores_free(&ys);
    year_data_free(&yd);
    compare_year(st, 2025);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(streamed_equals_full_on_demo),
                                       cmocka_unit_test(long_item_codes_match_their_progress)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
