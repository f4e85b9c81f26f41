/* Score sources (model/sources.h) and their place in a unit's total (model/score.h): graded
 * conversions, shares, the key items' share left by the sources, means of several scores,
 * bonus sources, 数据不全. Every expected total is computed by hand in the comment above it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "model/explain.h"
#include "model/grades.h"
#include "model/rank.h"
#include "model/score.h"
#include "model/sources.h"
#include "model/xmalloc.h"

static const char *const pools[] = {"乡镇", "县直部门"};

/* Half 50 / year 50 / appraisal 0, the Qitai bands, 90 key points in both pools. */
static struct year_data *year_new(void)
{
    struct year_data *yd = xcalloc(1, sizeof *yd);
    yd->year = 2025;
    yd->scheme.half_share = 50, yd->scheme.year_share = 50;
    grades_default(&yd->scheme);
    yd->categories = xcalloc(2, sizeof *yd->categories);
    for (int i = 0; i < 2; i++)
        yd->categories[i] = (struct category){xstrdup(pools[i]), xstrdup("指标评估"), 90, 1};
    yd->n_categories = 2;
    return yd;
}

static struct score_source *source_add(struct year_data *yd, const char *name, double share,
                                       enum source_scale scale, const char *pool_list)
{
    yd->sources = xreallocarray(yd->sources, yd->n_sources + 1, sizeof *yd->sources);
    struct score_source *s = &yd->sources[yd->n_sources++];
    memset(s, 0, sizeof *s);
    s->name = xstrdup(name), s->share = share, s->scale = scale;
    char err[128];
    assert_true(sources_parse_pools(pool_list, &s->pools, &s->n_pools, err, sizeof err));
    return s;
}

/* Units in code order; one 90-point manual item scored kh at Q2 and ky at Q4. */
static size_t unit_add(struct year_data *yd, const char *code, const char *pool, double kh,
                       double ky)
{
    yd->units = xreallocarray(yd->units, yd->n_units + 1, sizeof *yd->units);
    struct unit *u = &yd->units[yd->n_units];
    memset(u, 0, sizeof *u);
    u->code = xstrdup(code), u->name = xstrdup(code), u->pool = xstrdup(pool);
    yd->items = xreallocarray(yd->items, yd->n_items + 1, sizeof *yd->items);
    struct target_item *it = &yd->items[yd->n_items++];
    memset(it, 0, sizeof *it);
    it->unit_index = yd->n_units, it->code = xstrdup("M1"), it->category = xstrdup("指标评估");
    it->name = xstrdup("指标"), it->points = 90, it->method = METHOD_MANUAL, it->target = 90;
    it->q[1].present = it->q[3].present = it->q[1].has_score = it->q[3].has_score = true;
    it->q[1].score = kh, it->q[3].score = ky;
    return yd->n_units++;
}

/* Scores must be added in unit order. */
static void score_add(struct year_data *yd, size_t u, const char *source, double value,
                      const char *grade, const char *rater)
{
    yd->scores = xreallocarray(yd->scores, yd->n_scores + 1, sizeof *yd->scores);
    struct source_score *s = &yd->scores[yd->n_scores++];
    memset(s, 0, sizeof *s);
    s->unit_index = u, s->source = xstrdup(source), s->value = value;
    s->grade = grade ? xstrdup(grade) : NULL, s->rater = xstrdup(rater);
    snprintf(s->date, sizeof s->date, "2026-01-%02zu", yd->n_scores);
}

static void destroy(struct year_data *yd, struct year_scores *ys)
{
    year_scores_free(ys);
    year_data_free(yd);
    free(yd);
}

static const char *total(const struct unit_score *us)
{
    static char buf[32];
    return score_fmt_c(us->total_c, buf, sizeof buf);
}

/* Qitai 专项考核 (篇四): 先进 10, 良好 8-9, 一般 5-6, 差 0 of its 10 points. */
static void graded_conversion(void **state)
{
    (void)state;
    char name[] = "专项考核", leader[] = "领导评估";
    struct score_source src = {.name = name, .share = 10, .scale = SCALE_GRADE};
    char err[256];
    assert_true(sources_parse_grades("先进=10; 良好=8-9；一般 = 5-6; 差=0", &src.grades,
                                     &src.n_grades, err, sizeof err));
    assert_int_equal(src.n_grades, 4);
    char *text = sources_format_grades(src.grades, src.n_grades);
    assert_string_equal(text, "先进=10; 良好=8-9; 一般=5-6; 差=0");
    free(text);
    double v = 0;
    assert_true(sources_check_score(&src, "先进", false, &v, err, sizeof err));
    assert_true(v == 10); /* one number: nobody has to type it */
    v = 8.5;
    assert_true(sources_check_score(&src, "良好", true, &v, err, sizeof err));
    v = 9;
    assert_true(sources_check_score(&src, "良好", true, &v, err, sizeof err)); /* the edge */
    v = 9.01;
    assert_false(sources_check_score(&src, "良好", true, &v, err, sizeof err));
    assert_non_null(strstr(err, "8 到 9"));
    v = 7;
    assert_false(sources_check_score(&src, "一般", true, &v, err, sizeof err));
    assert_false(sources_check_score(&src, "良好", false, &v, err, sizeof err)); /* range: say */
    assert_false(sources_check_score(&src, "优秀", false, &v, err, sizeof err));
    assert_non_null(strstr(err, "先进=10"));
    struct source_grade *bad = NULL;
    size_t n_bad = 0;
    assert_false(sources_parse_grades("良好=9-8", &bad, &n_bad, err, sizeof err));
    assert_null(bad); /* a refused table leaves nothing behind */
    struct score_source pct = {.name = leader, .share = 10, .scale = SCALE_PERCENT};
    v = 100.5;
    assert_false(sources_check_score(&pct, NULL, true, &v, err, sizeof err));
    v = 100;
    assert_true(sources_check_score(&pct, NULL, true, &v, err, sizeof err));
    assert_false(sources_check_score(&pct, "良好", true, &v, err, sizeof err));
    for (size_t i = 0; i < src.n_grades; i++)
        free(src.grades[i].label);
    free(src.grades);
}

/* Zhengding (docs/scoring.md "zhengding"): half 50 / year 50 split the key items' share;
 * 领导评估 10 (0-100) for both pools, 公众评议 30 (the appraisal records) for departments. */
static void zhengding_shape(void **state)
{
    (void)state;
    struct year_data *yd = year_new();
    source_add(yd, "领导评估", 10, SCALE_PERCENT, "");
    source_add(yd, "公众评议", 30, SCALE_PERCENT, "县直部门")->appraisal = true;
    size_t d = unit_add(yd, "D01", "县直部门", 80, 84);
    yd->units[d].has_appraisal = true, yd->units[d].appraisal = 86.4;
    size_t t = unit_add(yd, "T01", "乡镇", 80, 84);
    score_add(yd, d, "领导评估", 92, NULL, "县委");
    score_add(yd, t, "领导评估", 90, NULL, "县委");
    score_add(yd, t, "领导评估", 94, NULL, "县政府"); /* mid-term and year-end, half each */
    struct year_scores ys;
    rank_year(yd, pools, 2, &ys);
    /* T01: W = 100 − 10 = 90: C = (80×50 + 84×50)/90 × 90/100 = 82.00; leader (90+94)/2 × 10%
     * = 9.20; T = 91.20 → 优秀. */
    assert_int_equal(ys.units[t].source_share_u, 10 * SCORE_MICRO);
    assert_true(ys.units[t].key_u == 82 * SCORE_MICRO);
    assert_true(ys.units[t].sources_u == 9200000);
    assert_string_equal(total(&ys.units[t]), "91.20");
    assert_string_equal(grades_label(&yd->scheme, ys.units[t].grade), "优秀");
    /* D01: W = 100 − 40 = 60: C = 8200/90 × 60/100 = 54.6667; public 86.4 × 30% = 25.92;
     * leader 92 × 10% = 9.20; T = 54.6667 + 25.92 + 9.20 = 89.7867 → 89.79 → 良好. */
    assert_string_equal(total(&ys.units[d]), "89.79");
    assert_int_equal(ys.units[d].missing, 0);
    char *f = explain_source_terms(yd, t);
    assert_string_equal(f, "; 领导评估 (90+94)/2×10% = 9.20（县委、县政府）");
    free(f);
    destroy(yd, &ys);
}

/* Hangzhou (docs/scoring.md "hangzhou"): 目标考核 year-end only (half 0, year 50),
 * 社会评价 50 (scores, or the 公众评议 record), 领导考评 5, 创新创优 bonus up to 3. */
static void hangzhou_shape(void **state)
{
    (void)state;
    struct year_data *yd = year_new();
    yd->scheme.half_share = 0, yd->scheme.year_share = 100, yd->scheme.appraisal_share = 0;
    source_add(yd, "社会评价", 50, SCALE_PERCENT, "")->appraisal = true;
    source_add(yd, "领导考评", 5, SCALE_PERCENT, "");
    struct score_source *bonus = source_add(yd, "创新创优", 3, SCALE_POINTS, "");
    bonus->bonus = true;
    size_t a = unit_add(yd, "A01", "县直部门", 0, 81);
    size_t b = unit_add(yd, "B01", "县直部门", 0, 90);
    yd->units[b].has_appraisal = true, yd->units[b].appraisal = 88;
    score_add(yd, a, "社会评价", 85.5, NULL, "市考评办");
    score_add(yd, a, "领导考评", 90, NULL, "市四套班子");
    score_add(yd, a, "创新创优", 4, NULL, "专家评估"); /* above its 3: counts 3 */
    score_add(yd, b, "领导考评", 80, NULL, "市四套班子");
    struct year_scores ys;
    rank_year(yd, pools, 2, &ys);
    /* A01: W = 100 − 55 = 45: C = 81×100/90 × 45/100 = 40.50; 社会评价 85.5 × 50% = 42.75;
     * 领导考评 90 × 5% = 4.50; 创新创优 min(3, 4) = 3; T = 90.75. */
    assert_true(ys.units[a].key_u == 40500000);
    assert_string_equal(total(&ys.units[a]), "90.75");
    /* B01: C = 90×100/90 × 45/100 = 45.00; 社会评价 88 (公众评议 record) × 50% = 44.00;
     * 领导考评 80 × 5% = 4.00; no 创新创优 (a bonus: not 数据不全); T = 93.00. */
    assert_string_equal(total(&ys.units[b]), "93.00");
    assert_int_equal(ys.units[b].missing, 0);
    assert_int_equal(ys.units[b].rank, 1);
    assert_int_equal(ys.units[a].rank, 2);
    destroy(yd, &ys);
}

/* A source that applies and has no score scores 0 and flags 数据不全; the points scale adds the
 * value as is; a source of another pool takes nothing from this one's key share. */
static void missing_and_points(void **state)
{
    (void)state;
    struct year_data *yd = year_new();
    source_add(yd, "部门互评", 10, SCALE_POINTS, "县直部门");
    size_t d = unit_add(yd, "D01", "县直部门", 90, 90);
    size_t e = unit_add(yd, "D02", "县直部门", 90, 90);
    size_t t = unit_add(yd, "T01", "乡镇", 90, 90);
    score_add(yd, e, "部门互评", 8.5, NULL, "县财政局");
    score_add(yd, e, "部门互评", 9, NULL, "县审计局");
    struct year_scores ys;
    rank_year(yd, pools, 2, &ys);
    /* D01: full key marks, W = 100 − 10 = 90: C = (90×50 + 90×50)/90 × 90/100 = 90.00;
     * 部门互评 missing → 0; T = 90.00, 数据不全. */
    assert_string_equal(total(&ys.units[d]), "90.00");
    assert_true(ys.units[d].missing & MISSING_SOURCE);
    /* D02: C = 90.00, 部门互评 (8.5 + 9)/2 = 8.75, T = 98.75. */
    assert_string_equal(total(&ys.units[e]), "98.75");
    assert_int_equal(ys.units[e].missing, 0);
    /* T01: no source in 乡镇: C = 90 × 50/90 + 90 × 50/90 = 100.00. */
    assert_string_equal(total(&ys.units[t]), "100.00");
    long double part = 0;
    assert_false(sources_part(yd, t, "部门互评", &part));
    assert_true(sources_part(yd, e, "部门互评", &part));
    assert_true(part == 8750000);
    destroy(yd, &ys);
}

/* A graded source enters its converted points: 专项考核 良好 8 of 10. */
static void graded_in_total(void **state)
{
    (void)state;
    struct year_data *yd = year_new();
    struct score_source *s = source_add(yd, "专项考核", 10, SCALE_GRADE, "");
    char err[128];
    assert_true(sources_parse_grades("先进=10; 良好=8-9; 一般=5-6; 差=0", &s->grades, &s->n_grades,
                                     err, sizeof err));
    size_t u = unit_add(yd, "D01", "县直部门", 72, 72);
    score_add(yd, u, "专项考核", 8, "良好", "县财政局");
    struct year_scores ys;
    rank_year(yd, pools, 2, &ys);
    /* W = 100 − 10 = 90: C = (72×50 + 72×50)/90 × 90/100 = 72.00; 专项考核 8; T = 80.00 →
     * 良好. */
    assert_string_equal(total(&ys.units[u]), "80.00");
    char *f = explain_source_terms(yd, u);
    assert_string_equal(f, "; 专项考核 良好 8 = 8.00（县财政局）");
    free(f);
    destroy(yd, &ys);
}

/* Shares: sources of a pool may not take more than the key items' half + year. */
static void shares_validation(void **state)
{
    (void)state;
    struct year_data *yd = year_new();
    char err[256];
    source_add(yd, "领导评估", 10, SCALE_PERCENT, "");
    source_add(yd, "公众评议", 30, SCALE_PERCENT, "县直部门");
    assert_true(sources_validate(&yd->scheme, yd->sources, yd->n_sources, err, sizeof err));
    assert_int_equal(sources_share_u(yd, "县直部门"), 40 * SCORE_MICRO);
    assert_int_equal(sources_share_u(yd, "乡镇"), 10 * SCORE_MICRO);
    source_add(yd, "部门互评", 61, SCALE_PERCENT, "县直部门");
    assert_false(sources_validate(&yd->scheme, yd->sources, yd->n_sources, err, sizeof err));
    assert_non_null(strstr(err, "县直部门"));
    yd->sources[2].bonus = true; /* a bonus takes nothing from the key items */
    assert_true(sources_validate(&yd->scheme, yd->sources, yd->n_sources, err, sizeof err));
    source_add(yd, "领导评估", 30, SCALE_PERCENT, "乡镇"); /* overlaps the all-pool row */
    assert_false(sources_validate(&yd->scheme, yd->sources, yd->n_sources, err, sizeof err));
    assert_non_null(strstr(err, "两次"));
    struct score_source *s = &yd->sources[0];
    assert_true(sources_set(s, "pools", "乡镇、县直部门", err, sizeof err));
    assert_int_equal(s->n_pools, 2);
    assert_false(sources_set(s, "share", "abc", err, sizeof err));
    assert_false(sources_set(s, "colour", "red", err, sizeof err));
    assert_true(sources_set(s, "计分", "等次", err, sizeof err));
    assert_int_equal(s->scale, SCALE_GRADE);
    year_data_free(yd);
    free(yd);
}

/* 设置's one-line form of a source (model/scheme_lines.c): written and read back; Chinese
 * keys and values, full-width separators; the 等次 table refused in the line (it uses ";"). */
static void line_form(void **state)
{
    (void)state;
    struct year_data *yd = year_new();
    char err[256];
    struct score_source *s = source_add(yd, "领导评估", 10, SCALE_PERCENT, "乡镇, 县直部门");
    s->rater = xstrdup("县委、县政府");
    char *line = sources_line_format(s);
    assert_string_equal(line, "分值=10; 计分=百分制; 分组=乡镇, 县直部门; 评分单位=县委、县政府");
    struct score_source *t = source_add(yd, "部门互评", 0, SCALE_POINTS, "");
    assert_true(sources_line_parse(t, line, err, sizeof err));
    free(line);
    assert_true(t->share == 10 && t->scale == SCALE_PERCENT && t->n_pools == 2);
    assert_string_equal(t->rater, "县委、县政府");
    assert_true(sources_line_parse(t, "分值 = 5；计分=分值；分组=；加分=是", err, sizeof err));
    assert_true(t->share == 5 && t->scale == SCALE_POINTS && t->n_pools == 0 && t->bonus);
    line = sources_line_format(t);
    assert_string_equal(line, "分值=5; 计分=分值; 分组=; 评分单位=县委、县政府; 加分=是");
    free(line);
    assert_false(sources_line_parse(t, "分值=10; 颜色=红", err, sizeof err));
    assert_non_null(strstr(err, "颜色"));
    assert_false(sources_line_parse(t, "分值", err, sizeof err));
    assert_non_null(strstr(err, "项目=值"));
    assert_false(sources_line_parse(t, "等次=先进=10", err, sizeof err));
    assert_non_null(strstr(err, "单独填写"));
    year_data_free(yd);
    free(yd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(graded_conversion), cmocka_unit_test(zhengding_shape),
        cmocka_unit_test(hangzhou_shape),    cmocka_unit_test(missing_and_points),
        cmocka_unit_test(graded_in_total),   cmocka_unit_test(shares_validation),
        cmocka_unit_test(line_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
