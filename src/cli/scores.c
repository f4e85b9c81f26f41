/* One load + score path shared by rank, explain and export ranking, so they always agree:
 * both loaders feed the same score_unit and rank_assign. */
#include "cli/scores.h"

#include "db/load.h"
#include "db/load_ranking.h"
#include "db/store.h"
#include "db/years.h"

struct stream_ctx {
    struct year_scores *ys;
    size_t ledger_cursor;
};

static void score_streamed_unit(void *p, const struct year_data *yd, size_t u,
                                const struct target_item *items, size_t n)
{
    struct stream_ctx *c = p;
    if (!c->ys->units)
        year_scores_init(c->ys, yd->n_units);
    size_t first, n_ledger;
    rank_ledger_range(yd, u, &c->ledger_cursor, &first, &n_ledger);
    struct unit_score *us = &c->ys->units[u];
    score_unit(yd, u, items, n, n_ledger ? yd->ledger + first : NULL, n_ledger, us);
    us->first_ledger = first, us->n_ledger = n_ledger; /* the items are gone after this call */
}

int cli_scores_load(struct cli_ctx *ctx, int *year, bool with_items, struct year_data *yd,
                    struct year_scores *ys)
{
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    if (*year == 0 && (*year = store_latest_year(st)) == 0)
        return cli_error(EXIT_DATA, "数据库中还没有任何年度");
    char **pools;
    size_t n_pools;
    if (store_pools(st, &pools, &n_pools) != STORE_OK)
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    int rc;
    if (with_items) {
        rc = store_load_year(st, *year, yd);
        if (rc == STORE_OK)
            rank_year(yd, (const char *const *)pools, n_pools, ys);
    } else {
        *ys = (struct year_scores){0};
        struct stream_ctx c = {ys, 0};
        rc = store_load_year_streamed(st, *year, yd, score_streamed_unit, &c);
        if (rc == STORE_OK && !ys->units)
            year_scores_init(ys, yd->n_units); /* a year without units */
        if (rc == STORE_OK)
            rank_assign(yd, (const char *const *)pools, n_pools, ys);
        else
            year_scores_free(ys);
    }
    store_free_strings(pools, n_pools);
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
