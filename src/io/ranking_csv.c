/* Writing the ranking rows through a cell sink. */
#include "io/ranking_csv.h"

#include <stdio.h>
#include <string.h>

#include "io/csv_write.h"
#include "model/score.h"

/* 公众评议 is the raw 0-100 score; 公众评议折算 is its part of the total (× the scheme's share),
 * so that 集中考核 + 公众评议折算 − 查访核验扣分 − 投诉查处扣分 + 加分 = 总分 reads off the row
 * (issue 17 item 4). Each term is shown to the cent while the total is rounded once from the
 * exact sum (docs/scoring.md), so a row can differ from its shown terms by rounding only. */
static const char *const header[] = {
    "排名",     "单位编码", "单位名称",     "分组",         "半年初评",     "年终总评",
    "集中考核", "公众评议", "公众评议折算", "查访核验扣分", "投诉查处扣分", "加分",
    "总分",     "等次",     "否决",         "数据不全"};

static void number(const struct row_sink *out, long double micro)
{
    char buf[48];
    out->number(out->ctx, score_fmt2(micro, buf, sizeof buf));
}

static void unit_row(const struct row_sink *out, const struct year_data *yd,
                     const struct unit_score *us)
{
    const struct unit *un = &yd->units[us->unit];
    char buf[48];
    snprintf(buf, sizeof buf, "%d", us->rank);
    out->number(out->ctx, buf);
    out->text(out->ctx, un->code);
    out->text(out->ctx, un->name);
    out->text(out->ctx, un->pool);
    number(out, us->k_u[0]);
    number(out, us->k_u[1]);
    number(out, us->key_u);
    number(out, (long double)us->appraisal_u);
    number(out, us->appraisal_part_u);
    number(out, (long double)us->inspection.applied_u);
    number(out, (long double)us->complaint.applied_u);
    number(out, (long double)us->bonus.applied_u);
    out->number(out->ctx, score_fmt_c(us->total_c, buf, sizeof buf));
    out->text(out->ctx, grade_label(us->grade));
    out->text(out->ctx, us->veto ? "是" : "");
    out->text(out->ctx, us->missing ? "是" : "");
    out->end_row(out->ctx);
}

void ranking_put_header(const struct year_data *yd, const struct row_sink *out)
{
    (void)yd; /* the columns are fixed until the scheme names score sources */
    for (size_t i = 0; i < sizeof header / sizeof header[0]; i++)
        out->text(out->ctx, header[i]);
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
