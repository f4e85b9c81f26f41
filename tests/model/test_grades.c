/* Grades as data (model/grades.h): the bands of the county documents at their edges, the veto
 * by position, validation. Totals are rounded hundredths, so every edge is exact. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "model/grades.h"
#include "model/score.h"

static struct scheme with_set(const char *name)
{
    struct scheme s;
    memset(&s, 0, sizeof s);
    grades_use(&s, grades_set_find(name));
    return s;
}

static const char *band_of(const struct scheme *s, int64_t total_c)
{
    return grades_label(s, grades_band(s, total_c));
}

/* The Qitai bands 90/80/70: a total rounded to 90.00 (89.995) is 优秀, 89.99 is not. */
static void qitai_edges(void **state)
{
    (void)state;
    struct scheme s = with_set("qitai");
    assert_string_equal(band_of(&s, score_round_c(89.995L * 1e6L)), "优秀"); /* → 90.00 */
    assert_string_equal(band_of(&s, score_round_c(89.994L * 1e6L)), "良好"); /* → 89.99 */
    assert_string_equal(band_of(&s, 8000), "良好");
    assert_string_equal(band_of(&s, 7999), "合格");
    assert_string_equal(band_of(&s, 7000), "合格");
    assert_string_equal(band_of(&s, 6999), "不合格");
    assert_string_equal(band_of(&s, -100), "不合格");
    assert_string_equal(band_of(&s, 11000), "优秀");
}

/* 优/良/中/差 at 90/80/60 (the budget-performance documents): 60.00 is 中, 59.99 差. */
static void budget_edges(void **state)
{
    (void)state;
    struct scheme s = with_set("budget");
    assert_int_equal(s.n_grades, 4);
    assert_string_equal(band_of(&s, 9000), "优");
    assert_string_equal(band_of(&s, 8999), "良");
    assert_string_equal(band_of(&s, 6000), "中");
    assert_string_equal(band_of(&s, score_round_c(59.995L * 1e6L)), "中"); /* → 60.00 */
    assert_string_equal(band_of(&s, 5999), "差");
}

/* Three grades: 优秀 ≥ 90, 合格 ≥ 70, else 不合格; and the cadre and 专项 labels. */
static void other_sets(void **state)
{
    (void)state;
    struct scheme s = with_set("three");
    assert_string_equal(band_of(&s, 8999), "合格");
    assert_string_equal(band_of(&s, 6999), "不合格");
    s = with_set("cadre");
    assert_string_equal(band_of(&s, 7500), "基本称职");
    assert_string_equal(band_of(&s, 6000), "不称职");
    s = with_set("special");
    assert_string_equal(band_of(&s, 8500), "良好");
    assert_string_equal(band_of(&s, 7000), "一般");
}

/* fail = the last band, cap = at most the pass band (by position), none = unchanged. */
static void veto_by_position(void **state)
{
    (void)state;
    struct scheme s = with_set("three"); /* pass band = 合格 at position 1 */
    s.veto_effect = VETO_FAIL;
    assert_string_equal(grades_label(&s, grades_after_veto(&s, 0)), "不合格");
    s.veto_effect = VETO_CAP;
    assert_string_equal(grades_label(&s, grades_after_veto(&s, 0)), "合格");
    assert_string_equal(grades_label(&s, grades_after_veto(&s, 2)), "不合格");
    s = with_set("budget");
    s.veto_effect = VETO_CAP;
    assert_string_equal(grades_label(&s, grades_after_veto(&s, 0)), "中");
    s.veto_effect = VETO_NONE;
    assert_int_equal(grades_after_veto(&s, 0), 0);
}

static void validation(void **state)
{
    (void)state;
    char err[256];
    struct scheme s = with_set("qitai");
    assert_true(grades_validate(&s, err, sizeof err));
    s.grades[1].min = 90; /* 良好 not below 优秀 */
    assert_false(grades_validate(&s, err, sizeof err));
    assert_non_null(strstr(err, "从高到低"));
    s = with_set("qitai");
    strcpy(s.grades[1].label, "优秀");
    assert_false(grades_validate(&s, err, sizeof err));
    assert_non_null(strstr(err, "重复"));
    s = with_set("qitai");
    s.cap_grade = 4;
    assert_false(grades_validate(&s, err, sizeof err));
    memset(&s, 0, sizeof s);
    assert_true(grades_append(&s, "好", 60, err, sizeof err));
    assert_false(grades_validate(&s, err, sizeof err)); /* one band is no grading */
    assert_true(grades_append(&s, "差", 0, err, sizeof err));
    assert_true(grades_validate(&s, err, sizeof err));
    assert_false(grades_append(&s, "", 0, err, sizeof err));
}

static void describe(void **state)
{
    (void)state;
    char buf[256];
    struct scheme s = with_set("qitai");
    assert_string_equal(grades_describe(&s, buf, sizeof buf),
                        "优秀 ≥ 90; 良好 ≥ 80; 合格 ≥ 70; 以下为不合格");
}

/* 设置's one-line table (model/scheme_lines.c): read back what it writes; labels, the count
 * of bands, floors and the pass band change together; a refused line leaves the scheme as it
 * was. */
static void line_form(void **state)
{
    (void)state;
    char err[256];
    struct scheme s = with_set("qitai");
    char *line = grades_line_format(&s);
    assert_string_equal(line, "优秀=90; 良好=80; 合格=70; 不合格; 否决上限=合格");
    assert_true(grades_line_parse(&s, line, err, sizeof err));
    free(line);
    assert_int_equal(s.n_grades, 4);
    /* the budget set typed with full-width separators; the pass band defaults to 中 */
    assert_true(grades_line_parse(&s, "优=90；良=80；中=60；差", err, sizeof err));
    assert_int_equal(s.n_grades, 4);
    assert_string_equal(s.grades[2].label, "中");
    assert_int_equal(s.cap_grade, 2);
    assert_int_equal(grades_band(&s, 5999), 3); /* 59.99 → 差 */
    assert_int_equal(grades_band(&s, 6000), 2); /* 60.00 → 中 */
    /* three bands, the pass band named */
    assert_true(grades_line_parse(&s, "优秀=90; 合格=60; 不合格; 否决上限=优秀", err, sizeof err));
    assert_int_equal(s.n_grades, 3);
    assert_int_equal(s.cap_grade, 0);
    struct scheme before = s;
    assert_false(grades_line_parse(&s, "优秀=90; 合格=95; 不合格", err, sizeof err));
    assert_non_null(strstr(err, "从高到低"));
    assert_false(grades_line_parse(&s, "优秀=90; 合格=60", err, sizeof err));
    assert_non_null(strstr(err, "最后一个等次不写分数线"));
    assert_false(grades_line_parse(&s, "优秀=九十; 不合格", err, sizeof err));
    assert_string_equal(err, "「优秀=九十」: 分数线应为数字");
    assert_false(grades_line_parse(&s, "优秀=90; 不合格; 否决上限=合格", err, sizeof err));
    assert_string_equal(err, "否决上限「合格」不是其中的等次");
    assert_false(grades_line_parse(&s, "优秀=90; 不合格; 良好=80", err, sizeof err));
    assert_false(grades_line_parse(&s, "不合格", err, sizeof err));
    assert_memory_equal(&s, &before, sizeof s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(qitai_edges), cmocka_unit_test(budget_edges),
        cmocka_unit_test(other_sets),  cmocka_unit_test(veto_by_position),
        cmocka_unit_test(validation),  cmocka_unit_test(describe),
        cmocka_unit_test(line_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
