/* Grades, score sources and scores in the store (db/sources.h): the v6 migration fills every
 * year's bands from its scheme row, round trips, the score key, audit and the year lock. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "db/sources.h"
#include "db/store_internal.h"
#include "db/units.h"
#include "db/years.h"
#include "model/grades.h"
#include "model/sources.h"
#include "model/xmalloc.h"

/* A v9 file with two years, one with a pass line of 60: after the migration each year has
 * the four bands of its own scheme row, the cap on 合格. */
static void migration_fills_grades(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_non_null(st);
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_year_ensure(st, 2024), STORE_OK);
    assert_int_equal(store_year_ensure(st, 2025), STORE_OK);
    struct scheme sc;
    assert_int_equal(store_scheme_get(st, 2025, &sc), STORE_OK);
    sc.grades[2].min = 60; /* the scheme row's band_pass */
    assert_int_equal(store_scheme_put(st, 2025, &sc), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    store_close(st);
    char *path = xasprintf("%s/test.db", dir);
    test_audit_to_v12(path);
    test_raw_exec(path, "DROP TABLE grade; DROP TABLE score_source; DROP TABLE score;"
                        " PRAGMA user_version = 9;");
    char err[512];
    st = store_open(path, "tester", err, sizeof err);
    assert_non_null(st);
    assert_int_equal(test_sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM grade"), 8);
    assert_int_equal(store_scheme_get(st, 2025, &sc), STORE_OK);
    assert_int_equal(sc.n_grades, 4);
    assert_string_equal(sc.grades[2].label, "合格");
    assert_true(sc.grades[2].min == 60);
    assert_int_equal(sc.cap_grade, 2);
    assert_string_equal(grades_label(&sc, grades_band(&sc, 6000)), "合格");
    assert_string_equal(grades_label(&sc, grades_band(&sc, 5999)), "不合格");
    assert_int_equal(store_scheme_get(st, 2024, &sc), STORE_OK);
    assert_true(sc.grades[2].min == 70);
    /* the new tables are audited and locked with their year */
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND"
                               " tbl_name IN ('grade', 'score_source', 'score')"),
                     18);
    store_close(st);
    free(path);
    test_rmtree(dir);
    free(dir);
}

/* Another set of bands (优/良/中/差, fewer rows than before) round trips; the next year copies
 * them and the sources. */
static void grades_and_sources_round_trip(void **state)
{
    (void)state;
    char *dir, err[256];
    struct store *st = test_store_new(&dir);
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_year_ensure(st, 2025), STORE_OK);
    struct scheme sc;
    assert_int_equal(store_scheme_get(st, 2025, &sc), STORE_OK);
    grades_use(&sc, grades_set_find("three"));
    assert_int_equal(store_scheme_put(st, 2025, &sc), STORE_OK);
    struct score_source src[2] = {{.share = 10, .scale = SCALE_PERCENT},
                                  {.share = 10, .scale = SCALE_GRADE}};
    src[0].name = xstrdup("领导评估"), src[0].rater = xstrdup("县委");
    src[1].name = xstrdup("专项考核");
    assert_true(sources_set(&src[0], "pools", "乡镇, 县直部门", err, sizeof err));
    assert_true(sources_set(&src[1], "grades", "先进=10; 良好=8-9; 一般=5-6; 差=0", err, sizeof err));
    assert_int_equal(store_sources_put(st, 2025, src, 2), STORE_OK);
    assert_int_equal(store_year_ensure(st, 2026), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    for (int year = 2025; year <= 2026; year++) {
        struct scheme got;
        assert_int_equal(store_scheme_get(st, year, &got), STORE_OK);
        assert_int_equal(got.n_grades, 3);
        assert_string_equal(got.grades[1].label, "合格");
        assert_int_equal(got.cap_grade, 1);
        struct score_source *back;
        size_t n;
        assert_int_equal(store_sources_get(st, year, &back, &n), STORE_OK);
        assert_int_equal(n, 2);
        assert_string_equal(back[0].name, "领导评估");
        assert_int_equal(back[0].n_pools, 2);
        assert_string_equal(back[0].pools[1], "县直部门");
        assert_string_equal(back[0].rater, "县委");
        assert_int_equal(back[1].scale, SCALE_GRADE);
        assert_int_equal(back[1].n_grades, 4);
        assert_true(back[1].grades[1].lo == 8 && back[1].grades[1].hi == 9);
        score_sources_free(back, n);
    }
    for (int i = 0; i < 2; i++) {
        free(src[i].name), free(src[i].rater);
        for (size_t k = 0; k < src[i].n_pools; k++)
            free(src[i].pools[k]);
        for (size_t k = 0; k < src[i].n_grades; k++)
            free(src[i].grades[k].label);
        free(src[i].pools), free(src[i].grades);
    }
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

/* A score is keyed by (year, unit, source, rater, date): the same key updates, an identical
 * row changes nothing, every change is audited, and a locked year refuses. */
static void scores_keyed_audited_locked(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_year_ensure(st, 2025), STORE_OK);
    struct unit u = {.code = (char *)"X01", .name = (char *)"某镇", .pool = (char *)"乡镇"};
    assert_int_equal(store_unit_put(st, 2025, &u, NULL), STORE_OK);
    struct source_score sc = {.source = (char *)"领导评估", .value = 92, .rater = (char *)"县委",
                              .date = "2026-01-10"};
    enum store_put res;
    assert_int_equal(store_score_put(st, 2025, "X01", &sc, &res), STORE_OK);
    assert_int_equal(res, PUT_INSERTED);
    assert_int_equal(store_score_put(st, 2025, "X01", &sc, &res), STORE_OK);
    assert_int_equal(res, PUT_UNCHANGED);
    sc.value = 93;
    assert_int_equal(store_score_put(st, 2025, "X01", &sc, &res), STORE_OK);
    assert_int_equal(res, PUT_UPDATED);
    snprintf(sc.date, sizeof sc.date, "2025-07-10"); /* the mid-term rating: another score */
    assert_int_equal(store_score_put(st, 2025, "X01", &sc, &res), STORE_OK);
    assert_int_equal(res, PUT_INSERTED);
    assert_int_equal(store_commit(st), STORE_OK);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM score"), 2);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM audit WHERE tbl = 'score'"), 3);
    assert_int_equal(store_year_set_lock(st, 2025, true, "审定"), STORE_OK);
    assert_int_equal(store_begin(st), STORE_OK);
    sc.value = 50;
    assert_int_not_equal(store_score_put(st, 2025, "X01", &sc, &res), STORE_OK);
    store_rollback(st);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM score WHERE value = 50"), 0);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(migration_fills_grades),
        cmocka_unit_test(grades_and_sources_round_trip),
        cmocka_unit_test(scores_keyed_audited_locked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
