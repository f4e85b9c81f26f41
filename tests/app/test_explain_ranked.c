/* The workstation explains a unit from the streamed ranking plus that unit's own rows
 * (app_explain_ranked); `kaoping explain` from a full load. Every line of every demo unit,
 * in both years, must be the same. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "app/ranked.h"
#include "db/store.h"
#include "model/explain.h"

static void compare_year(struct store *st, int year)
{
    struct year_data full, lean;
    struct year_scores a, b;
    assert_int_equal(app_rank_year(st, year, true, &full, &a), STORE_OK);
    assert_int_equal(app_rank_year(st, year, false, &lean, &b), STORE_OK);
    assert_int_equal(full.n_units, lean.n_units);
    for (size_t u = 0; u < full.n_units; u++) {
        struct text_lines x = {0}, y = {0};
        explain_unit(&full, &a, u, &x);
        assert_int_equal(app_explain_ranked(st, &lean, &b, full.units[u].code, &y), STORE_OK);
        assert_int_equal(x.n, y.n);
        for (size_t i = 0; i < x.n; i++)
            assert_string_equal(x.lines[i], y.lines[i]);
        text_lines_free(&x), text_lines_free(&y);
    }
    assert_int_equal(lean.n_items, 0); /* untouched */
    struct text_lines none = {0};
    assert_int_equal(app_explain_ranked(st, &lean, &b, "NOPE", &none), STORE_NOTFOUND);
    assert_int_equal(none.n, 0);
    year_scores_free(&a), year_scores_free(&b);
    year_data_free(&full), year_data_free(&lean);
}

static void explain_ranked_equals_full_explain(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_demo(&dir);
    compare_year(st, 2025);
    compare_year(st, 2026);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(explain_ranked_equals_full_explain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
