/* One load + score path shared by rank, explain and export ranking (app/ranked.h, also used
 * by the workstation), so they always agree. */
#include "cli/scores.h"

#include "app/ranked.h"
#include "db/store.h"
#include "db/years.h"

int cli_scores_load(struct cli_ctx *ctx, int *year, bool with_items, struct year_data *yd,
                    struct year_scores *ys)
{
    return cli_scores_load_stage(ctx, year, STAGE_YEAR, with_items, yd, ys);
}

int cli_scores_load_stage(struct cli_ctx *ctx, int *year, enum score_stage stage, bool with_items,
                          struct year_data *yd, struct year_scores *ys)
{
    struct store *st;
    int year_rc = cli_store_year(ctx, &st, year);
    if (year_rc != EXIT_OK)
        return year_rc;
    struct scheme own;
    if (stage == STAGE_HALF && store_scheme_get(st, *year, &own) == STORE_OK &&
        !stage_applies(stage, &own))
        return cli_error(EXIT_DATA, "%d 年度的考核方案 %s 没有半年初评 (半年权重为 0)", *year,
                         own.preset);
    int rc = app_rank_stage(st, *year, stage, with_items, yd, ys);
    if (rc == STORE_NOTFOUND)
        return cli_error(EXIT_DATA, "%d 年度不存在", *year);
    if (rc != STORE_OK)
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    return EXIT_OK;
}

void cli_scores_free(struct year_data *yd, struct year_scores *ys)
{
    year_scores_free(ys);
    year_data_free(yd);
}
