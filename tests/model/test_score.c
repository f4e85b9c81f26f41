/* The scoring rules of docs/domain.md, each hand-computed: the worked example, caps, vetoes,
 * ties, band edges, inverse and manual items, missing data and the presets. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/explain.h"
#include "model/preset.h"
#include "model/rank.h"
#include "model/scheme.h"
#include "model/score.h"
#include "model/xmalloc.h"

/* Band positions of the default (Qitai) grades: 优秀, 良好, 合格, 不合格. */
enum { G_EXCELLENT, G_GOOD, G_PASS, G_FAIL };

/* ---- building a year in memory (units must be added in code order) ---- */

static struct year_data *year_new(const char *preset)
{
    struct year_data *yd = xcalloc(1, sizeof *yd);
    struct preset preset_data, *p = &preset_data;
    assert_true(preset_builtin_load(preset, p));
    yd->year = 2025;
    yd->scheme = p->scheme;
    for (size_t pi = 0; pi < 4; pi++) {
        const struct preset_category *cats[16];
        size_t n = preset_categories_of(p, kp_default_pools[pi], cats, 16);
        for (size_t i = 0; i < n; i++) {
            yd->categories =
                xreallocarray(yd->categories, yd->n_categories + 1, sizeof *yd->categories);
            yd->categories[yd->n_categories++] = (struct category){
                xstrdup(kp_default_pools[pi]), xstrdup(cats[i]->name), cats[i]->points, (int)i};
        }
    }
    yd->sources = p->sources, yd->n_sources = p->n_sources; /* the year owns them now */
    p->sources = NULL, p->n_sources = 0;
    preset_free(p);
    return yd;
}

static void year_destroy(struct year_data *yd, struct year_scores *ys)
{
    if (ys)
        year_scores_free(ys);
    year_data_free(yd);
    free(yd);
}

static size_t unit_add(struct year_data *yd, const char *code, const char *pool, double appraisal)
{
    yd->units = xreallocarray(yd->units, yd->n_units + 1, sizeof *yd->units);
    struct unit *u = &yd->units[yd->n_units];
    memset(u, 0, sizeof *u);
    u->code = xstrdup(code);
    u->name = xasprintf("单位%s", code);
    u->pool = xstrdup(pool);
    u->has_appraisal = appraisal >= 0;
    u->appraisal = appraisal >= 0 ? appraisal : 0;
    return yd->n_units++;
}

static struct target_item *item_add(struct year_data *yd, size_t unit, const char *code,
                                    double points, enum kp_method m, double target)
{
    yd->items = xreallocarray(yd->items, yd->n_items + 1, sizeof *yd->items);
    struct target_item *it = &yd->items[yd->n_items++];
    memset(it, 0, sizeof *it);
    it->unit_index = unit;
    it->code = xstrdup(code);
    it->category = xstrdup("目标任务");
    it->name = xasprintf("指标%s", code);
    it->points = points;
    it->method = m;
    it->target = target;
    const double sched[4] = {25, 50, 75, 100};
    memcpy(it->schedule, sched, sizeof sched);
    return it;
}

/* Q2 and Q4 actual values. */
static void actuals(struct target_item *it, double q2, double q4)
{
    it->q[1].present = it->q[3].present = true;
    it->q[1].actual = q2;
    it->q[3].actual = q4;
}

/* A manual item worth `points` with assessor scores at Q2 and Q4. */
static void manual_add(struct year_data *yd, size_t unit, const char *code, double points,
                       double q2, double q4)
{
    struct target_item *it = item_add(yd, unit, code, points, METHOD_MANUAL, points);
    actuals(it, 0, 0);
    it->q[1].has_score = it->q[3].has_score = true;
    it->q[1].score = q2;
    it->q[3].score = q4;
}

static void ledger_add(struct year_data *yd, size_t unit, enum kp_ledger_type t, double points)
{
    yd->ledger = xreallocarray(yd->ledger, yd->n_ledger + 1, sizeof *yd->ledger);
    struct ledger_entry *e = &yd->ledger[yd->n_ledger++];
    memset(e, 0, sizeof *e);
    e->unit_index = unit;
    e->type = t;
    e->points = points;
    snprintf(e->date, sizeof e->date, "2025-%02zu-01", 1 + yd->n_ledger % 12);
    e->reason = xstrdup("记录");
}

static void rank(struct year_data *yd, struct year_scores *ys)
{
    rank_year(yd, kp_default_pools, 4, ys);
}

static const char *c2(int64_t c)
{
    static char buf[8][32];
    static int i;
    i = (i + 1) % 8;
    return score_fmt_c(c, buf[i], sizeof buf[i]);
}

static const char *m2(long double micro)
{
    return c2(score_round_c(micro));
}

/* A unit whose key score is exactly K (one 90-point manual item at K both times). */
static size_t unit_with_key(struct year_data *yd, const char *code, double k, double appraisal)
{
    size_t u = unit_add(yd, code, "县直部门", appraisal);
    manual_add(yd, u, "M1", 90, k, k);
    return u;
}

/* ---- the worked example ---- */

static void worked_example(void **state)
{
    (void)state;
    struct year_data *yd = year_new("qitai");
    size_t u = unit_add(yd, "X01", "县直部门", 86.4);
    manual_add(yd, u, "M1", 90, 80, 84);
    ledger_add(yd, u, LEDGER_INSPECTION, 1.0);
    ledger_add(yd, u, LEDGER_COMPLAINT, 0.5);
    ledger_add(yd, u, LEDGER_INSPECTION, 0.5);
    struct year_scores ys;
    rank(yd, &ys);
    const struct unit_score *us = &ys.units[u];
    assert_string_equal(m2(us->k_u[0]), "80.00");
    assert_string_equal(m2(us->k_u[1]), "84.00");
    /* 80×30/90 + 84×60/90 = 26.6667 + 56 = 82.6667 */
    assert_true(us->key_u > 82666666.6L && us->key_u < 82666666.7L);
    assert_true(us->appraisal_part_u == 8640000.0L);
    assert_int_equal(us->inspection.applied_u, 1500000);
    assert_int_equal(us->complaint.applied_u, 500000);
    assert_int_equal(us->total_c, 8931);
    assert_int_equal(us->grade, G_GOOD);
    assert_int_equal(us->missing, 0);
    assert_int_equal(us->rank, 1);
    char *f = explain_formula(yd, us);
    assert_string_equal(f, "集中考核 80.00×30/90 + 84.00×60/90 = 82.67; 公众评议 86.4×10% = 8.64;"
                           " 查访核验 −1.50; 投诉查处 −0.50; 总分 89.31 → 良好");
    free(f);
    year_destroy(yd, &ys);
}

/* The demo's D02 gets K_H 80 / K_Y 84 from ratio, inverse and manual items. */
static void worked_example_from_items(void **state)
{
    (void)state;
    struct year_data *yd = year_new("qitai");
    size_t u = unit_add(yd, "D02", "县直部门", 86.4);
    actuals(item_add(yd, u, "A11", 15, METHOD_RATIO, 6), 3.3, 7.1);
    actuals(item_add(yd, u, "A12", 15, METHOD_RATIO, 10), 5.4, 10.4);
    actuals(item_add(yd, u, "B21", 9, METHOD_RATIO, 200), 60, 180); /* 5.4 / 8.1 */
    actuals(item_add(yd, u, "B22", 8, METHOD_RATIO, 8), 4.3, 9.1);
    actuals(item_add(yd, u, "B23", 7, METHOD_RATIO, 5), 2.8, 5.2);
    actuals(item_add(yd, u, "B24", 6, METHOD_INVERSE, 2), 0, 0);
    manual_add(yd, u, "C31", 20, 13.6, 17);
    manual_add(yd, u, "D41", 10, 10, 7.9);
    ledger_add(yd, u, LEDGER_INSPECTION, 1.0);
    ledger_add(yd, u, LEDGER_INSPECTION, 0.5);
    ledger_add(yd, u, LEDGER_COMPLAINT, 0.5);
    struct year_scores ys;
    rank(yd, &ys);
    const struct unit_score *us = &ys.units[u];
    assert_true(us->k_u[0] == 80000000.0L); /* exact: every part divides evenly */
    assert_true(us->k_u[1] == 84000000.0L);
    assert_int_equal(us->total_c, 8931);
    assert_int_equal(us->grade, G_GOOD);
    year_destroy(yd, &ys);
}

/* ---- caps ---- */

static int64_t inspection_applied(int n, double each, int64_t *sum)
{
    struct year_data *yd = year_new("qitai");
    size_t u = unit_with_key(yd, "X01", 80, 80);
    for (int i = 0; i < n; i++)
        ledger_add(yd, u, LEDGER_INSPECTION, each);
    struct year_scores ys;
    rank(yd, &ys);
    int64_t applied = ys.units[u].inspection.applied_u;
    *sum = ys.units[u].inspection.sum_u;
    year_destroy(yd, &ys);
    return applied;
}

static void caps_hit_exactly_and_exceeded(void **state)
{
    (void)state;
    int64_t sum;
    assert_int_equal(inspection_applied(20, 0.1, &sum), 2000000); /* 20 × 0.1 = 2 exactly */
    assert_int_equal(sum, 2000000);
    assert_int_equal(inspection_applied(19, 0.1, &sum), 1900000);
    assert_int_equal(inspection_applied(25, 0.1, &sum), 2000000);
    assert_int_equal(sum, 2500000);
    assert_int_equal(inspection_applied(3, 0.7, &sum), 2000000); /* 2.1 capped */

    /* 80 + 8 − 2 = 86.00 with 20 × 0.1: no 85.99 from binary sums. */
    struct year_data *yd = year_new("qitai");
    size_t u = unit_with_key(yd, "X01", 80, 80);
    for (int i = 0; i < 20; i++)
        ledger_add(yd, u, LEDGER_COMPLAINT, 0.1);
    for (int i = 0; i < 3; i++)
        ledger_add(yd, u, LEDGER_INSPECTION, 1.0);
    struct year_scores ys;
    rank(yd, &ys);
    assert_int_equal(ys.units[u].complaint.applied_u, 2000000);
    assert_int_equal(ys.units[u].total_c, 8400);
    /* The explanation shows the record the cap cut off. */
    struct text_lines tl = {0};
    explain_unit(yd, &ys, u, &tl);
    bool cut = false, sum_line = false;
    for (size_t i = 0; i < tl.n; i++) {
        cut |= strstr(tl.lines[i], "计入 0.00, 超出上限不计 1.00") != NULL;
        sum_line |= strstr(tl.lines[i], "查访核验合计 3.00, 上限 2, 实扣 2.00") != NULL;
    }
    assert_true(cut);
    assert_true(sum_line);
    text_lines_free(&tl);
    year_destroy(yd, &ys);
}

static void capped_parts_split_the_crossing_record(void **state)
{
    (void)state;
    int64_t running = 0, counted, cut;
    score_capped_parts(1500000, &running, 2000000, &counted, &cut);
    assert_int_equal(counted, 1500000);
    assert_int_equal(cut, 0);
    score_capped_parts(700000, &running, 2000000, &counted, &cut);
    assert_int_equal(counted, 500000);
    assert_int_equal(cut, 200000);
    score_capped_parts(100000, &running, 2000000, &counted, &cut);
    assert_int_equal(counted, 0);
    assert_int_equal(cut, 100000);
}

static void bonus_cap_zero_and_beijing_cap(void **state)
{
    (void)state;
    struct year_data *yd = year_new("qitai");
    size_t u = unit_with_key(yd, "X01", 80, 80);
    ledger_add(yd, u, LEDGER_BONUS, 1.5);
    struct year_scores ys;
    rank(yd, &ys);
    assert_int_equal(ys.units[u].bonus.sum_u, 1500000);
    assert_int_equal(ys.units[u].bonus.applied_u, 0); /* cap 0: disabled */
    assert_int_equal(ys.units[u].total_c, 8800);
    year_destroy(yd, &ys);
}

/* ---- band edges: the rounded total decides ---- */

static void band(double k, double appraisal, int64_t want_c, int want)
{
    struct year_data *yd = year_new("qitai");
    size_t u = unit_with_key(yd, "X01", k, appraisal);
    struct year_scores ys;
    rank(yd, &ys);
    assert_int_equal(ys.units[u].total_c, want_c);
    assert_int_equal(ys.units[u].grade, want);
    year_destroy(yd, &ys);
}

static void band_edges(void **state)
{
    (void)state;
    band(62.995, 70, 7000, G_PASS);      /* 69.995 → 70.00 合格 */
    band(62.994, 70, 6999, G_FAIL);      /* 69.994 → 69.99 不合格 */
    band(72.994, 70, 7999, G_PASS);      /* 79.994 → 79.99 合格 */
    band(72.995, 70, 8000, G_GOOD);      /* 79.995 → 80.00 良好 */
    band(82.995, 70, 9000, G_EXCELLENT); /* 89.995 → 90.00 优秀 */
    band(82.994, 70, 8999, G_GOOD);      /* 89.994 → 89.99 良好 */
    band(83, 70, 9000, G_EXCELLENT);     /* 90.00 优秀 */
    band(82.99, 70, 8999, G_GOOD);       /* 89.99 良好 */
    band(82.9951, 69.9, 8999, G_GOOD);   /* 82.9951 + 6.99 = 89.9851 → 89.99 良好 */
}

/* 89.995 reached through thirds (1/3 + 2/3 of a point, not exact in binary or in
 * micro-points): the rounding must still see a half. */
static void band_edge_through_thirds(void **state)
{
    (void)state;
    struct year_data *yd = year_new("qitai");
    size_t u = unit_add(yd, "X01", "县直部门", 70);
    actuals(item_add(yd, u, "A1", 1, METHOD_RATIO, 3), 0.5, 1); /* 1/3 at both */
    actuals(item_add(yd, u, "A2", 1, METHOD_RATIO, 3), 1, 2);   /* 2/3 at both */
    manual_add(yd, u, "M1", 88, 81.995, 81.995);
    struct year_scores ys;
    rank(yd, &ys);
    assert_int_equal(ys.units[u].total_c, 9000); /* 1 + 81.995 + 7 = 89.995 */
    assert_int_equal(ys.units[u].grade, G_EXCELLENT);
    year_destroy(yd, &ys);
}

static void rounding_is_half_away_from_zero(void **state)
{
    (void)state;
    assert_int_equal(score_round_c(89995000.0L), 9000);
    assert_int_equal(score_round_c(89994999.0L), 8999);
    assert_int_equal(score_round_c(-5000.0L), -1);
    assert_int_equal(score_round_c(-4999.0L), 0);
    assert_int_equal(score_round_c(89994999.999999L), 9000); /* within the 1e-8 slack */
    assert_int_equal(score_round_c(89994999.9L), 8999);      /* 1e-7 below: not a half */
    char buf[32];
    assert_string_equal(score_fmt_c(-401, buf, sizeof buf), "-4.01");
    assert_string_equal(score_fmt_plain(86.40, buf, sizeof buf), "86.4");
    assert_string_equal(score_fmt_plain(30, buf, sizeof buf), "30");
}

/* ---- item methods ---- */

static long double item_score(enum kp_method m, double points, double target, double actual,
                              int checkpoint)
{
    struct target_item it = {
        .points = points, .method = m, .target = target, .schedule = {25, 50, 75, 100}};
    it.q[1].present = it.q[3].present = true;
    it.q[1].actual = it.q[3].actual = actual;
    struct item_check ic;
    score_item(&it, checkpoint, &ic);
    return ic.score_u;
}

static void ratio_and_inverse_items(void **state)
{
    (void)state;
    /* ratio: 9 × min(1, 60/100) at Q2, 9 × 180/200 at Q4 */
    assert_true(item_score(METHOD_RATIO, 9, 200, 60, CHECK_HALF) == 5400000.0L);
    assert_true(item_score(METHOD_RATIO, 9, 200, 180, CHECK_YEAR) == 8100000.0L);
    assert_true(item_score(METHOD_RATIO, 9, 200, 250, CHECK_YEAR) == 9000000.0L); /* capped at 1 */
    assert_true(item_score(METHOD_RATIO, 9, 0, 0, CHECK_YEAR) == 9000000.0L);     /* nothing due */
    /* inverse: full when actual ≤ expected, including 0 */
    assert_true(item_score(METHOD_INVERSE, 6, 2, 0, CHECK_YEAR) == 6000000.0L);
    assert_true(item_score(METHOD_INVERSE, 6, 2, 2, CHECK_YEAR) == 6000000.0L);
    assert_true(item_score(METHOD_INVERSE, 6, 2, 4, CHECK_YEAR) == 3000000.0L); /* 6 × 2/4 */
    assert_true(item_score(METHOD_INVERSE, 6, 2, 2, CHECK_HALF) == 3000000.0L); /* 6 × 1/2 */
    assert_true(item_score(METHOD_INVERSE, 6, 0, 0, CHECK_YEAR) == 6000000.0L);
    assert_true(item_score(METHOD_INVERSE, 6, 0, 1, CHECK_YEAR) == 0.0L); /* 0 allowed */
    /* the item's own schedule: 0 % due at Q2 means full points then */
    struct target_item it = {
        .points = 10, .method = METHOD_RATIO, .target = 100, .schedule = {0, 0, 40, 100}};
    it.q[1].present = it.q[3].present = true;
    it.q[3].actual = 80;
    struct item_check ic;
    score_item(&it, CHECK_HALF, &ic);
    assert_true(ic.score_u == 10000000.0L);
    assert_false(ic.missing);
    score_item(&it, CHECK_YEAR, &ic);
    assert_true(ic.score_u == 8000000.0L);
    it.q[3].present = false;
    score_item(&it, CHECK_YEAR, &ic);
    assert_true(ic.missing);
    assert_int_equal(ic.missing_why, MISSING_PROGRESS);
    assert_true(ic.score_u == 0.0L);
}

static void manual_items(void **state)
{
    (void)state;
    struct year_data *yd = year_new("qitai");
    size_t u = unit_add(yd, "X01", "县直部门", 80);
    manual_add(yd, u, "M1", 20, 25, 13.5); /* 25 clamped to 20 */
    manual_add(yd, u, "M2", 70, 70, 70);
    struct year_scores ys;
    rank(yd, &ys);
    assert_true(ys.units[u].k_u[0] == 90000000.0L);
    assert_true(ys.units[u].k_u[1] == 83500000.0L);
    assert_int_equal(ys.units[u].missing, 0);
    year_destroy(yd, &ys);

    yd = year_new("qitai");
    u = unit_add(yd, "X01", "县直部门", 80);
    manual_add(yd, u, "M1", 90, 80, 80);
    yd->items[0].q[3].has_score = false; /* Q4 row without 评分 */
    rank(yd, &ys);
    assert_true(ys.units[u].k_u[1] == 0.0L);
    assert_int_equal(ys.units[u].missing, MISSING_SCORE);
    /* 80×30/90 + 0 + 8 = 34.67 */
    assert_int_equal(ys.units[u].total_c, 3467);
    year_destroy(yd, &ys);
}

/* ---- missing data ---- */

static void missing_data_flags(void **state)
{
    (void)state;
    struct year_data *yd = year_new("qitai");
    size_t a = unit_add(yd, "A01", "县直部门", -1); /* no appraisal */
    manual_add(yd, a, "M1", 90, 80, 80);
    size_t b = unit_add(yd, "B01", "县直部门", 80); /* Q2 missing */
    struct target_item *it = item_add(yd, b, "R1", 90, METHOD_RATIO, 10);
    it->q[3].present = true;
    it->q[3].actual = 10;
    size_t c = unit_add(yd, "C01", "县直部门", 75); /* appraisal only, no targets */
    size_t d = unit_add(yd, "D01", "县直部门", -1); /* nothing this year */
    struct year_scores ys;
    rank(yd, &ys);
    assert_int_equal(ys.units[a].missing, MISSING_APPRAISAL);
    assert_int_equal(ys.units[a].total_c, 8000);
    assert_int_equal(ys.units[b].missing, MISSING_PROGRESS);
    assert_int_equal(ys.units[b].total_c, 6800); /* 0 + 90×60/90 + 8 */
    assert_int_equal(ys.units[c].missing, MISSING_TARGETS);
    assert_int_equal(ys.units[c].total_c, 750);
    assert_true(ys.units[c].takes_part);
    assert_int_equal(ys.units[c].rank, 3);
    assert_false(ys.units[d].takes_part);
    assert_int_equal(ys.units[d].rank, 0);
    assert_int_equal(ys.n_order, 3);
    assert_int_equal(ys.units[a].pool_size, 3);
    year_destroy(yd, &ys);
}

/* ---- veto ---- */

/* Nine units with totals 98, 97, ..., 90 (+8 appraisal); the best one is vetoed. */
static struct year_data *nine_with_veto(enum kp_veto_effect effect, struct year_scores *ys)
{
    struct year_data *yd = year_new("qitai");
    yd->scheme.veto_effect = effect;
    for (int i = 0; i < 9; i++) {
        char code[8];
        snprintf(code, sizeof code, "U%d", i + 1);
        unit_with_key(yd, code, 90 - i, 80);
    }
    ledger_add(yd, 0, LEDGER_VETO, 0);
    rank(yd, ys);
    return yd;
}

static void veto_fail_places_last(void **state)
{
    (void)state;
    struct year_scores ys;
    struct year_data *yd = nine_with_veto(VETO_FAIL, &ys);
    assert_true(ys.units[0].veto);
    assert_int_equal(ys.units[0].total_c, 9800);
    assert_int_equal(ys.units[0].band, G_EXCELLENT);
    assert_int_equal(ys.units[0].grade, G_FAIL);
    assert_int_equal(ys.units[0].rank, 9); /* pool of 9, one veto: 9th */
    assert_int_equal(ys.units[1].rank, 1);
    assert_int_equal(ys.units[8].rank, 8);
    assert_int_equal(ys.order[8], 0);
    year_destroy(yd, &ys);
}

static void veto_cap_and_none(void **state)
{
    (void)state;
    struct year_scores ys;
    struct year_data *yd = nine_with_veto(VETO_CAP, &ys);
    assert_true(ys.units[0].veto);
    assert_int_equal(ys.units[0].grade, G_PASS); /* 优秀 capped to 合格 */
    assert_int_equal(ys.units[0].rank, 1);           /* place unchanged */
    year_destroy(yd, &ys);

    yd = nine_with_veto(VETO_NONE, &ys);
    assert_false(ys.units[0].veto);
    assert_int_equal(ys.units[0].n_vetoes, 1);
    assert_int_equal(ys.units[0].grade, G_EXCELLENT);
    assert_int_equal(ys.units[0].rank, 1);
    year_destroy(yd, &ys);

    /* cap leaves a failing total failing */
    yd = year_new("qitai");
    yd->scheme.veto_effect = VETO_CAP;
    size_t u = unit_with_key(yd, "X01", 50, 60);
    ledger_add(yd, u, LEDGER_VETO, 0);
    rank(yd, &ys);
    assert_int_equal(ys.units[u].grade, G_FAIL);
    year_destroy(yd, &ys);
}

/* ---- ties ---- */

/* Totals: A 90, B 85, C 85, D 80, plus E 95 vetoed. Listed ties by code. */
static struct year_data *tied(enum kp_tie_style tie, struct year_scores *ys)
{
    struct year_data *yd = year_new("qitai");
    yd->scheme.tie_style = tie;
    unit_with_key(yd, "A", 82, 80);
    unit_with_key(yd, "B", 77, 80);
    unit_with_key(yd, "C", 77, 80);
    unit_with_key(yd, "D", 72, 80);
    size_t e = unit_with_key(yd, "E", 87, 80);
    ledger_add(yd, e, LEDGER_VETO, 0);
    rank(yd, ys);
    return yd;
}

static void ties_competition(void **state)
{
    (void)state;
    struct year_scores ys;
    struct year_data *yd = tied(TIE_COMPETITION, &ys);
    const int want[5] = {1, 2, 2, 4, 5};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(ys.order[i], i);
        assert_int_equal(ys.units[i].rank, want[i]);
    }
    size_t peers[4];
    assert_int_equal(rank_peers(yd, &ys, 2, peers, 4), 1);
    assert_int_equal(peers[0], 1);
    year_destroy(yd, &ys);
}

static void ties_dense(void **state)
{
    (void)state;
    struct year_scores ys;
    struct year_data *yd = tied(TIE_DENSE, &ys);
    const int want[5] = {1, 2, 2, 3, 4};
    for (int i = 0; i < 5; i++)
        assert_int_equal(ys.units[i].rank, want[i]);
    year_destroy(yd, &ys);
}

static void ties_listed_by_code(void **state)
{
    (void)state;
    struct year_data *yd = year_new("qitai");
    unit_with_key(yd, "X1", 70, 80);
    unit_with_key(yd, "X2", 80, 80);
    unit_with_key(yd, "X3", 80, 80);
    struct year_scores ys;
    rank(yd, &ys);
    assert_int_equal(ys.order[0], 1);
    assert_int_equal(ys.order[1], 2);
    assert_int_equal(ys.order[2], 0);
    assert_int_equal(ys.units[2].rank, 1);
    assert_int_equal(ys.units[0].rank, 3);
    year_destroy(yd, &ys);
}

/* Pools rank separately, in the given pool order. */
static void pools_rank_separately(void **state)
{
    (void)state;
    struct year_data *yd = year_new("qitai");
    unit_with_key(yd, "D1", 70, 80);
    size_t t = unit_add(yd, "T1", "乡镇", 80);
    manual_add(yd, t, "M1", 90, 60, 60);
    struct year_scores ys;
    rank(yd, &ys);
    assert_int_equal(ys.order[0], t); /* 乡镇 comes first in the pool order */
    assert_int_equal(ys.units[0].rank, 1);
    assert_int_equal(ys.units[t].rank, 1);
    year_destroy(yd, &ys);
}

/* ---- presets ---- */

static void preset_beijing(void **state)
{
    (void)state;
    struct year_data *yd = year_new("beijing");
    assert_int_equal(score_pool_key_points(yd, "县直部门"), 100000000);
    size_t u = unit_add(yd, "X01", "县直部门", -1); /* no appraisal: share 0, not missing */
    struct target_item *it = item_add(yd, u, "M1", 100, METHOD_MANUAL, 100);
    it->q[3].present = it->q[3].has_score = true; /* no Q2: half share 0, not missing */
    it->q[3].score = 90;
    ledger_add(yd, u, LEDGER_BONUS, 3);
    ledger_add(yd, u, LEDGER_BONUS, 4);
    ledger_add(yd, u, LEDGER_INSPECTION, 1);
    struct year_scores ys;
    rank(yd, &ys);
    const struct unit_score *us = &ys.units[u];
    assert_int_equal(us->missing, 0);
    assert_int_equal(us->bonus.applied_u, 5000000); /* 7 capped at 5 */
    assert_int_equal(us->total_c, 9400);            /* 90 + 5 − 1 */
    assert_int_equal(us->grade, G_EXCELLENT);
    char *f = explain_formula(yd, us);
    assert_string_equal(f, "集中考核 0.00×0/100 + 90.00×100/100 = 90.00; 公众评议 0×0% = 0.00;"
                           " 加分 +5.00; 查访核验 −1.00; 投诉查处 0.00; 总分 94.00 → 优秀");
    free(f);
    year_destroy(yd, &ys);
}

static void preset_zhengding(void **state)
{
    (void)state;
    struct year_data *yd = year_new("zhengding");
    size_t u = unit_add(yd, "X01", "乡镇", 86.4);
    manual_add(yd, u, "M1", 90, 80, 84);
    struct year_scores ys;
    rank(yd, &ys);
    /* Half 50 / year 50 of what 领导评估 10 leaves the township's key items (W = 90):
     * 80×45/90 + 84×45/90 = 40 + 42 = 82; no 领导评估 score yet: 0, 数据不全; the 公众评议
     * record does not count in 乡镇 (its source is for the departments). T = 82.00. */
    assert_true(ys.units[u].key_u == 82000000.0L);
    assert_int_equal(ys.units[u].total_c, 8200);
    assert_true(ys.units[u].missing & MISSING_SOURCE);
    year_destroy(yd, &ys);
}

static void presets_validate(void **state)
{
    (void)state;
    char err[256];
    struct preset p;
    for (size_t i = 0; i < preset_builtin_count; i++) {
        assert_true(preset_builtin_load(preset_builtin[i].name, &p));
        assert_true(scheme_validate(&p.scheme, err, sizeof err));
        preset_free(&p);
    }
    assert_true(preset_builtin_load(PRESET_DEFAULT, &p));
    assert_int_equal(p.scheme.bonus_cap, 0);
    preset_free(&p);
    assert_true(preset_builtin_load("beijing", &p));
    assert_int_equal(p.scheme.bonus_cap, 5);
    preset_free(&p);
}

/* A unit with no items at all that still takes part (a ledger record). */
static void unit_without_items(void **state)
{
    (void)state;
    struct year_data *yd = year_new("qitai");
    size_t u = unit_add(yd, "X01", "县直部门", -1);
    ledger_add(yd, u, LEDGER_INSPECTION, 0.5);
    struct year_scores ys;
    rank(yd, &ys);
    assert_true(ys.units[u].takes_part);
    assert_int_equal(ys.units[u].total_c, -50);
    assert_int_equal(ys.units[u].grade, G_FAIL);
    assert_int_equal(ys.units[u].missing, MISSING_TARGETS | MISSING_APPRAISAL);
    struct text_lines tl = {0};
    explain_unit(yd, &ys, u, &tl);
    assert_true(tl.n > 5);
    text_lines_free(&tl);
    year_destroy(yd, &ys);
}

/* Values beyond the model's limits can only come from files written before the limits (or by
 * another tool); scoring clamps them (issue 12: an 18-digit 分值 ranked a unit at
 * −9223372036769.90 with the cap of 2 ignored, UBSan: signed overflow). */
static void stored_values_beyond_limits_saturate(void **state)
{
    (void)state;
    assert_true(score_micro(1e120) == 1000000000000000000LL);
    assert_true(score_micro(-1e300) == -1000000000000000000LL);
    assert_true(score_micro(0.0 / 0.0) == 0);
    assert_true(score_round_c(1e30L) == 10000000000000000LL);
    assert_true(score_round_c(-1e30L) == -10000000000000000LL);
    struct year_data *yd = year_new("beijing"); /* caps 2 / 2 / 5 */
    size_t u = unit_with_key(yd, "D01", 90, 0);
    ledger_add(yd, u, LEDGER_INSPECTION, 123456789012345678.0);
    ledger_add(yd, u, LEDGER_COMPLAINT, 9.3e12);
    for (int i = 0; i < 12; i++) /* twelve clamped records would overflow an int64 sum */
        ledger_add(yd, u, LEDGER_BONUS, 1e120);
    struct year_scores ys;
    rank(yd, &ys);
    /* C = 90 × 100/100 = 90; + bonus cap 5 − 2 − 2 = 91.00 */
    assert_string_equal(c2(ys.units[u].total_c), "91.00");
    assert_string_equal(m2((long double)ys.units[u].inspection.applied_u), "2.00");
    assert_string_equal(m2((long double)ys.units[u].bonus.applied_u), "5.00");
    struct text_lines tl = {0};
    explain_unit(yd, &ys, u, &tl);
    text_lines_free(&tl);
    year_destroy(yd, &ys);
}

/* xorshift64*: a fixed seed, so a failure is reproducible. */
static uint64_t rnd(uint64_t *x)
{
    *x ^= *x >> 12, *x ^= *x << 25, *x ^= *x >> 27;
    return *x * 0x2545F4914F6CDD1DULL;
}

/* Any double at all: a random bit pattern (NaN, ±inf, subnormals included) or, half the
 * time, a plausible small value, so the ordinary paths are exercised too. */
static double any_double(uint64_t *x)
{
    uint64_t bits = rnd(x);
    if (bits & 1)
        return (double)(bits >> 40) / 1000.0;
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

/* Property: whatever numbers a store holds, scoring, ranking and explaining them never
 * overflow (run under UBSan by the asan preset) and the total stays inside its clamp. */
static void random_doubles_never_overflow(void **state)
{
    (void)state;
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    for (int round = 0; round < 300; round++) {
        struct year_data *yd = year_new(round % 2 ? "beijing" : "qitai");
        yd->scheme.half_share = any_double(&seed);
        yd->scheme.inspection_cap = any_double(&seed);
        yd->scheme.bonus_cap = any_double(&seed);
        for (int k = 0; k < 3; k++) {
            char code[8];
            snprintf(code, sizeof code, "D%02d", k);
            size_t u = unit_add(yd, code, "县直部门", any_double(&seed));
            for (int m = 0; m < 3; m++) {
                struct target_item *it = item_add(yd, u, m == 0 ? "A" : m == 1 ? "B" : "C",
                                                  any_double(&seed), (enum kp_method)m,
                                                  any_double(&seed));
                actuals(it, any_double(&seed), any_double(&seed));
                it->schedule[3] = any_double(&seed);
                it->q[3].has_score = true;
                it->q[3].score = any_double(&seed);
            }
            for (int l = 0; l < 4; l++)
                ledger_add(yd, u, (enum kp_ledger_type)l, any_double(&seed));
        }
        struct year_scores ys;
        rank(yd, &ys);
        for (size_t u = 0; u < yd->n_units; u++) {
            assert_true(ys.units[u].total_c <= 10000000000000000LL);
            assert_true(ys.units[u].total_c >= -10000000000000000LL);
            struct text_lines tl = {0};
            explain_unit(yd, &ys, u, &tl);
            text_lines_free(&tl);
        }
        year_destroy(yd, &ys);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worked_example),
        cmocka_unit_test(stored_values_beyond_limits_saturate),
        cmocka_unit_test(random_doubles_never_overflow),
        cmocka_unit_test(worked_example_from_items),
        cmocka_unit_test(caps_hit_exactly_and_exceeded),
        cmocka_unit_test(capped_parts_split_the_crossing_record),
        cmocka_unit_test(bonus_cap_zero_and_beijing_cap),
        cmocka_unit_test(band_edges),
        cmocka_unit_test(band_edge_through_thirds),
        cmocka_unit_test(rounding_is_half_away_from_zero),
        cmocka_unit_test(ratio_and_inverse_items),
        cmocka_unit_test(manual_items),
        cmocka_unit_test(missing_data_flags),
        cmocka_unit_test(veto_fail_places_last),
        cmocka_unit_test(veto_cap_and_none),
        cmocka_unit_test(ties_competition),
        cmocka_unit_test(ties_dense),
        cmocka_unit_test(ties_listed_by_code),
        cmocka_unit_test(pools_rank_separately),
        cmocka_unit_test(preset_beijing),
        cmocka_unit_test(preset_zhengding),
        cmocka_unit_test(presets_validate),
        cmocka_unit_test(unit_without_items),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
