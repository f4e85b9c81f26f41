/* Snapshots built from the same ranking path as `rank` (app/ranked.h). */
#include "app/publish.h"

#include <stdlib.h>
#include <string.h>

#include "app/ranked.h"
#include "db/store.h"
#include "db/years.h"
#include "model/explain_stage.h"
#include "model/xmalloc.h"

static void row_of(const struct year_data *yd, const struct unit_score *us,
                   enum score_stage stage, struct published_row *r)
{
    const struct unit *un = &yd->units[us->unit];
    r->unit = xstrdup(un->code);
    r->name = xstrdup(un->name);
    r->pool = xstrdup(un->pool);
    r->rank = us->rank;
    r->half_year = score_round_c(us->k_u[CHECK_HALF]);
    r->year_end = stage == STAGE_HALF ? 0 : score_round_c(us->k_u[CHECK_YEAR]);
    r->key_score = score_round_c(us->key_u);
    r->appraisal = stage == STAGE_HALF ? 0 : score_round_c((long double)us->appraisal_u);
    r->inspection = score_round_c((long double)us->inspection.applied_u);
    r->complaint = score_round_c((long double)us->complaint.applied_u);
    r->bonus = score_round_c((long double)us->bonus.applied_u);
    r->total = us->total_c;
    r->grade = xstrdup(grades_label(&yd->scheme, us->grade));
    r->veto = us->veto;
    r->incomplete = us->missing != 0;
}

static int compare_rows(const void *a, const void *b)
{
    return strcmp(((const struct published_row *)a)->unit, ((const struct published_row *)b)->unit);
}

int app_publish(struct store *st, int year, enum score_stage stage, struct publication *pub)
{
    memset(pub, 0, sizeof *pub);
    struct year_data yd;
    struct year_scores ys;
    int rc = app_rank_stage(st, year, stage, false, &yd, &ys);
    if (rc != STORE_OK)
        return rc;
    pub->rows = xcalloc(ys.n_order ? ys.n_order : 1, sizeof *pub->rows);
    for (size_t i = 0; i < ys.n_order; i++)
        row_of(&yd, &ys.units[ys.order[i]], stage, &pub->rows[pub->n_rows++]);
    qsort(pub->rows, pub->n_rows, sizeof *pub->rows, compare_rows);
    year_scores_free(&ys), year_data_free(&yd);
    pub->present = true;
    rc = store_publication_put(st, year, stage, pub);
    if (rc != STORE_OK)
        publication_free(pub);
    return rc;
}

int app_lock_year(struct store *st, int year, const char *note, bool *published_now)
{
    *published_now = false;
    int rc = store_begin(st);
    struct publication pub = {0};
    if (rc == STORE_OK)
        rc = store_publication_get(st, year, STAGE_YEAR, &pub);
    if (rc == STORE_OK && !pub.present && store_year_exists(st, year)) {
        rc = app_publish(st, year, STAGE_YEAR, &pub);
        *published_now = rc == STORE_OK;
    }
    publication_free(&pub);
    if (rc == STORE_OK)
        rc = store_year_set_lock(st, year, true, note);
    rc = store_end(st, rc);
    if (rc != STORE_OK)
        *published_now = false;
    return rc;
}

bool app_snapshot_differs(const struct publication *pub, const struct year_data *yd,
                          const struct unit_score *us, const struct published_row **row)
{
    *row = NULL;
    if (!pub->present)
        return false;
    *row = publication_find(pub, yd->units[us->unit].code);
    if (!*row)
        return us->takes_part;
    return (*row)->total != us->total_c || (*row)->rank != us->rank ||
           strcmp((*row)->grade, grades_label(&yd->scheme, us->grade)) != 0;
}

/* "已发布的年终总评 (AT, BY): 97.90 第 1 名 优秀; 与现在一致" or the live values beside it. */
static void snapshot_line(const struct publication *pub, enum score_stage stage,
                          const struct year_data *yd, const struct unit_score *us,
                          struct text_lines *out)
{
    const struct published_row *row;
    char a[48], b[48];
    if (!pub->present) {
        text_lines_add(out, "%s: 尚未发布", stage_label(stage));
        return;
    }
    bool differs = app_snapshot_differs(pub, yd, us, &row);
    if (!row) {
        text_lines_add(out, "已发布的%s (%s, %s): 发布时未参加排名", stage_label(stage), pub->at,
                       pub->by);
        return;
    }
    text_lines_add(out, "已发布的%s (%s, %s): %s 第 %d 名 %s; %s", stage_label(stage), pub->at,
                   pub->by, score_fmt_c(row->total, a, sizeof a), row->rank, row->grade,
                   differs ? "此后数据有改动, 发布结果不变" : "与现在的得分一致");
    if (differs)
        text_lines_add(out, "      现在: %s 第 %d 名 %s", score_fmt_c(us->total_c, b, sizeof b),
                       us->rank, grades_label(&yd->scheme, us->grade));
}

void app_explain_stages_ranked(const struct ranked_stage *year, const struct ranked_stage *half,
                               size_t u, struct text_lines *out)
{
    text_lines_add(out, "%s", "");
    if (half) {
        if (u < half->ys->n_units && half->ys->units[u].takes_part)
            explain_half_stage(half->yd, &half->ys->units[u], out);
        if (u < half->ys->n_units)
            snapshot_line(half->pub, STAGE_HALF, half->yd, &half->ys->units[u], out);
    }
    snapshot_line(year->pub, STAGE_YEAR, year->yd, &year->ys->units[u], out);
}

int app_explain_stages(struct store *st, const struct year_data *yd, const struct year_scores *ys,
                       size_t u, struct text_lines *out)
{
    struct year_data hd = {0};
    struct year_scores hs = {0};
    struct publication pub = {0}, half_pub = {0};
    bool has_half = stage_applies(STAGE_HALF, &yd->scheme);
    int rc = has_half ? app_rank_stage(st, yd->year, STAGE_HALF, false, &hd, &hs) : STORE_OK;
    if (rc != STORE_OK) {
        text_lines_add(out, "%s", ""); /* as far as the lines got before the ranking failed */
        return rc;
    }
    if (has_half && u < hs.n_units)
        rc = store_publication_get(st, yd->year, STAGE_HALF, &half_pub);
    if (rc == STORE_OK)
        rc = store_publication_get(st, yd->year, STAGE_YEAR, &pub);
    if (rc == STORE_OK) {
        struct ranked_stage y = {yd, ys, &pub}, h = {&hd, &hs, &half_pub};
        app_explain_stages_ranked(&y, has_half ? &h : NULL, u, out);
    }
    publication_free(&pub), publication_free(&half_pub);
    if (has_half)
        year_scores_free(&hs), year_data_free(&hd);
    return rc;
}
