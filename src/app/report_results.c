/* 考核结果通报: the ranking of a year as the office prints it. The columns are the terms of
 * the total (app_ranked_terms), gathered over every ranked unit so that a term only some
 * pools have gets one column, empty where it does not apply. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ranked.h"
#include "app/report.h"
#include "app/report_internal.h"
#include "db/years.h"
#include "model/score.h"
#include "model/xmalloc.h"

#define MAX_COLUMNS (RANKED_TERMS_MAX + 8)

struct term_columns {
    char labels[RANKED_TERMS_MAX][sizeof ((struct ranked_term *)0)->label];
    size_t n;
};

static int find_label(const struct term_columns *tc, const char *label)
{
    for (size_t i = 0; i < tc->n; i++)
        if (strcmp(tc->labels[i], label) == 0)
            return (int)i;
    return -1;
}

/* The union of every ranked unit's terms, in the order they first appear. */
static void gather_terms(const struct year_data *yd, const struct year_scores *ys,
                         struct term_columns *tc)
{
    tc->n = 0;
    for (size_t i = 0; i < ys->n_order; i++) {
        struct ranked_term t[RANKED_TERMS_MAX];
        size_t n = app_ranked_terms(yd, &ys->units[ys->order[i]], t, RANKED_TERMS_MAX);
        for (size_t k = 0; k < n; k++)
            if (find_label(tc, t[k].label) < 0 && tc->n < RANKED_TERMS_MAX)
                memcpy(tc->labels[tc->n++], t[k].label, sizeof tc->labels[0]);
    }
}

static void unit_row(struct report *r, const struct year_data *yd, const struct unit_score *us,
                     const struct term_columns *tc)
{
    const struct unit *u = &yd->units[us->unit];
    struct ranked_term t[RANKED_TERMS_MAX];
    size_t n = app_ranked_terms(yd, us, t, RANKED_TERMS_MAX);
    report_row(r);
    report_int(r, us->rank);
    report_text(r, u->code);
    report_text(r, u->name);
    for (size_t c = 0; c < tc->n; c++) {
        size_t k = 0;
        while (k < n && strcmp(t[k].label, tc->labels[c]) != 0)
            k++;
        if (k < n)
            report_hundredths(r, score_round_c(t[k].micro));
        else
            report_empty(r);
    }
    report_hundredths(r, us->total_c);
    report_text(r, grades_label(&yd->scheme, us->grade));
    report_text(r, us->veto ? "是" : "");
    report_text(r, us->missing ? "数据不全" : "");
}

static void distribution(struct report *r, const struct scheme *s,
                         const size_t count[KP_GRADES_MAX])
{
    char line[512];
    int len = snprintf(line, sizeof line, "等次分布:");
    for (int g = 0; g < s->n_grades && len < (int)sizeof line; g++)
        len += snprintf(line + len, sizeof line - (size_t)len, "%s %s %zu 个", g == 0 ? "" : ",",
                        grades_label(s, g), count[g]);
    report_note(r, line);
}

/* One section per pool, in ys->order's pool order. */
static void pools(struct report *r, const struct year_data *yd, const struct year_scores *ys,
                  const struct term_columns *tc)
{
    for (size_t i = 0; i < ys->n_order;) {
        const char *pool = yd->units[ys->units[ys->order[i]].unit].pool;
        size_t end = i;
        while (end < ys->n_order && strcmp(yd->units[ys->units[ys->order[end]].unit].pool, pool) == 0)
            end++;
        char heading[256];
        snprintf(heading, sizeof heading, "%s (%zu 个单位)", pool, end - i);
        report_section(r, heading);
        size_t count[KP_GRADES_MAX] = {0};
        for (; i < end; i++) {
            const struct unit_score *us = &ys->units[ys->order[i]];
            unit_row(r, yd, us, tc);
            count[us->grade]++;
        }
        distribution(r, &yd->scheme, count);
    }
}

int app_report_results(struct store *st, int year, enum score_stage stage,
                       const struct report_meta *m, struct report *out)
{
    struct scheme own;
    if (store_scheme_get(st, year, &own) == STORE_OK && !stage_applies(stage, &own))
        return STORE_INVALID;
    struct year_data yd;
    struct year_scores ys;
    int rc = app_rank_stage(st, year, stage, false, &yd, &ys);
    if (rc != STORE_OK)
        return rc;
    struct term_columns tc;
    gather_terms(&yd, &ys, &tc);
    const char *cols[MAX_COLUMNS];
    size_t n = 0;
    cols[n++] = "排名", cols[n++] = "单位编码", cols[n++] = "单位名称";
    for (size_t c = 0; c < tc.n; c++)
        cols[n++] = tc.labels[c];
    cols[n++] = stage == STAGE_HALF ? "阶段得分" : "总分";
    cols[n++] = "等次", cols[n++] = "否决", cols[n++] = "备注";
    char what[64];
    snprintf(what, sizeof what, "%d 年度绩效考核%s结果通报", year, stage_label(stage));
    char *title = report_title(m, what);
    char *subtitle = xasprintf("考核阶段: %s%s    制表日期: %s", stage_label(stage),
                               stage == STAGE_HALF ? " (半年初评得分折算为百分制, 扣分计至 6 月 30 日)"
                                                   : "",
                               m->today);
    report_init(out, m->office, m->today);
    report_sheet_add(out, "考核结果", title, subtitle, cols, n);
    free(title), free(subtitle);
    pools(out, &yd, &ys, &tc);
    if (ys.n_order == 0)
        report_note(out, "本年度没有参加考核的单位");
    year_scores_free(&ys);
    year_data_free(&yd);
    return STORE_OK;
}
