/* Writing the ranking rows through a cell sink. */
#include "io/ranking_csv.h"

#include <stdio.h>
#include <string.h>

#include "io/csv_write.h"
#include "io/kinds.h"
#include "model/score.h"
#include "model/sources.h"

static void number(const struct row_sink *out, long double micro)
{
    char buf[48];
    out->number(out->ctx, score_fmt2(micro, buf, sizeof buf));
}

/* The cells every ranking row starts with: 排名, 编码, 名称, 分组. */
static void lead_cells(const struct row_sink *out, const struct year_data *yd,
                       const struct unit_score *us)
{
    const struct unit *un = &yd->units[us->unit];
    char buf[48];
    snprintf(buf, sizeof buf, "%d", us->rank);
    out->number(out->ctx, buf);
    out->text(out->ctx, un->code);
    out->text(out->ctx, un->name);
    out->text(out->ctx, un->pool);
}

/* The ledger terms and the verdict both stages end with: deductions, bonus, total, grade,
 * veto, 数据不全. */
static void closing_cells(const struct row_sink *out, const struct year_data *yd,
                          const struct unit_score *us)
{
    char buf[48];
    number(out, (long double)us->inspection.applied_u);
    number(out, (long double)us->complaint.applied_u);
    number(out, (long double)us->bonus.applied_u);
    out->number(out->ctx, score_fmt_c(us->total_c, buf, sizeof buf));
    out->text(out->ctx, grades_label(&yd->scheme, us->grade));
    out->text(out->ctx, us->veto ? "是" : "");
    out->text(out->ctx, us->missing ? "是" : "");
}

static void unit_row(const struct row_sink *out, const struct year_data *yd,
                     const struct unit_score *us)
{
    lead_cells(out, yd, us);
    number(out, us->k_u[0]);
    number(out, us->k_u[1]);
    number(out, us->key_u);
    number(out, (long double)us->appraisal_u);
    number(out, us->appraisal_part_u);
    closing_cells(out, yd, us);
    const char *names[SOURCES_MAX];
    size_t n = sources_names(yd, names, SOURCES_MAX);
    for (size_t i = 0; i < n; i++) {
        long double part;
        if (sources_part(yd, us->unit, names[i], &part))
            number(out, part);
        else
            out->text(out->ctx, "");
    }
    out->end_row(out->ctx);
}

void ranking_put_header(const struct year_data *yd, const struct row_sink *out)
{
    for (size_t i = 0; i < kind_ranking.n_cols; i++) /* one definition: io/kind_ranking.c */
        out->text(out->ctx, kind_ranking.cols[i].zh);
    const char *names[SOURCES_MAX]; /* then the year's score sources, in scheme order */
    size_t n = sources_names(yd, names, SOURCES_MAX);
    for (size_t i = 0; i < n; i++)
        out->text(out->ctx, names[i]);
    out->end_row(out->ctx);
}

size_t ranking_put_rows(const struct year_data *yd, const struct year_scores *ys,
                        const char *pool, const struct row_sink *out)
{
    size_t n = 0;
    for (size_t i = 0; i < ys->n_order; i++) {
        const struct unit_score *us = &ys->units[ys->order[i]];
        if (!pool || strcmp(yd->units[us->unit].pool, pool) == 0) {
            unit_row(out, yd, us);
            n++;
        }
    }
    return n;
}

bool ranking_csv_write(FILE *fp, const struct year_data *yd, const struct year_scores *ys,
                       const char *pool)
{
    struct csv_writer w;
    csvw_begin(&w, fp);
    struct row_sink sink = rows_csv_sink(&w);
    ranking_put_header(yd, &sink);
    ranking_put_rows(yd, ys, pool, &sink);
    return csvw_ok(&w);
}

/* The 半年初评 stage's row: K_H, its scaled part, the ledger to 30 June, the stage total. */
static void half_row(const struct row_sink *out, const struct year_data *yd,
                     const struct unit_score *us)
{
    lead_cells(out, yd, us);
    number(out, us->k_u[0]);
    number(out, us->key_u);
    closing_cells(out, yd, us);
    out->end_row(out->ctx);
}

bool ranking_half_csv_write(FILE *fp, const struct year_data *yd, const struct year_scores *ys,
                            const char *pool)
{
    static const char *const head[] = {"排名",     "单位编码",     "单位名称",     "分组",
                                       "半年初评", "折算得分",     "查访核验扣分", "投诉查处扣分",
                                       "加分",     "阶段得分",     "等次",         "否决",
                                       "数据不全"};
    struct csv_writer w;
    csvw_begin(&w, fp);
    struct row_sink sink = rows_csv_sink(&w);
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        sink.text(sink.ctx, head[i]);
    sink.end_row(sink.ctx);
    for (size_t i = 0; i < ys->n_order; i++) {
        const struct unit_score *us = &ys->units[ys->order[i]];
        if (!pool || strcmp(yd->units[us->unit].pool, pool) == 0)
            half_row(&sink, yd, us);
    }
    return csvw_ok(&w);
}
