/* One load + score path shared by rank, explain and export ranking (app/ranked.h, also used
 * by the workstation), so they always agree. */
#include "cli/scores.h"

#include "app/ranked.h"
#include "db/store.h"
#include "db/years.h"

int cli_scores_load(struct cli_ctx *ctx, int *year, bool with_items, struct year_data *yd,
                    struct year_scores *ys)
{
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    if (*year == 0 && (*year = store_latest_year(st)) == 0)
        return cli_error(EXIT_DATA, "数据库中还没有任何年度");
    int rc = app_rank_year(st, *year, with_items, yd, ys);
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
