/* Writing the ranking CSV through the shared CSV writer. */
#include "io/ranking_csv.h"

#include <string.h>

#include "io/csv_write.h"
#include "model/score.h"

static const char *const header[] = {"排名",         "单位编码",     "单位名称", "分组",
                                     "半年初评",     "年终总评",     "集中考核", "公众评议",
                                     "查访核验扣分", "投诉查处扣分", "加分",     "总分",
                                     "等次",         "否决",         "数据不全"};

static void number(struct csv_writer *w, long double micro)
{
    char buf[48];
    csvw_number(w, score_fmt2(micro, buf, sizeof buf));
}

static void unit_row(struct csv_writer *w, const struct year_data *yd, const struct unit_score *us)
{
    const struct unit *un = &yd->units[us->unit];
    char buf[48];
    csvw_numf(w, "%d", us->rank);
    csvw_text(w, un->code);
    csvw_text(w, un->name);
    csvw_text(w, un->pool);
    number(w, us->k_u[0]);
    number(w, us->k_u[1]);
    number(w, us->key_u);
    number(w, (long double)us->appraisal_u);
    number(w, (long double)us->inspection.applied_u);
    number(w, (long double)us->complaint.applied_u);
    number(w, (long double)us->bonus.applied_u);
    csvw_number(w, score_fmt_c(us->total_c, buf, sizeof buf));
    csvw_text(w, grade_label(us->grade));
    csvw_text(w, us->veto ? "是" : "");
    csvw_text(w, us->missing ? "是" : "");
    csvw_end_row(w);
}

bool ranking_csv_write(FILE *fp, const struct year_data *yd, const struct year_scores *ys,
                       const char *pool)
{
    struct csv_writer w;
    csvw_begin(&w, fp);
    for (size_t i = 0; i < sizeof header / sizeof header[0]; i++)
        csvw_text(&w, header[i]);
    csvw_end_row(&w);
    for (size_t i = 0; i < ys->n_order; i++) {
        const struct unit_score *us = &ys->units[ys->order[i]];
        if (!pool || strcmp(yd->units[us->unit].pool, pool) == 0)
            unit_row(&w, yd, us);
    }
    return csvw_ok(&w);
}
