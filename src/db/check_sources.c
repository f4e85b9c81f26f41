/* check's findings on the score sources of each year (docs/scoring.md "Score sources"): the
 * shares (half + year + appraisal = 100, the sources of a pool within the key items' share, a
 * pool's categories against what the key items carry), scores of sources the scheme does not
 * have, and units still missing a source's score. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/load.h"
#include "db/maintenance.h"
#include "db/store_internal.h"
#include "db/years.h"
#include "model/score.h"
#include "model/sources.h"
#include "model/xmalloc.h"

struct finder {
    check_report_fn report;
    void *ctx;
    int errors;
};

static void say(struct finder *f, enum check_severity sev, char *msg)
{
    f->report(f->ctx, sev, msg);
    f->errors += sev == CHECK_ERROR;
    free(msg);
}

static void check_shares(struct finder *f, const struct year_data *yd, char **pools,
                         size_t n_pools)
{
    const struct scheme *s = &yd->scheme;
    char err[512];
    int64_t sum = score_micro(s->half_share) + score_micro(s->year_share) +
                  score_micro(s->appraisal_share);
    if (sum != 100 * SCORE_MICRO)
        say(f, CHECK_ERROR, xasprintf("%d 年度半年初评 %g + 年终总评 %g + 公众评议 %g = %g, 应为 100",
                                      yd->year, s->half_share, s->year_share, s->appraisal_share,
                                      (double)sum / 1e6));
    if (!sources_validate(s, yd->sources, yd->n_sources, err, sizeof err))
        say(f, CHECK_ERROR, xasprintf("%d 年度%s", yd->year, err));
    for (size_t p = 0; p < n_pools; p++) {
        int64_t used = sources_share_u(yd, pools[p]);
        if (used == 0)
            continue;
        /* What the key items carry in this pool, against its categories (the key points). */
        int64_t w = score_micro(s->half_share) + score_micro(s->year_share) - used;
        int64_t cats = 0;
        for (size_t c = 0; c < yd->n_categories; c++)
            if (strcmp(yd->categories[c].pool, pools[p]) == 0)
                cats += score_micro(yd->categories[c].points);
        if (cats != 0 && cats != w)
            say(f, CHECK_NOTE,
                xasprintf("%d 年度「%s」的类别分值合计 %g, 集中考核在评分来源之外占 %g 分:"
                          " 得分按 %g/%g 折算",
                          yd->year, pools[p], (double)cats / 1e6, (double)w / 1e6,
                          (double)w / 1e6, (double)cats / 1e6));
    }
}

/* Scores of a source the year's scheme does not have for the unit's pool count nowhere. */
static void check_scores(struct finder *f, const struct year_data *yd)
{
    for (size_t i = 0; i < yd->n_scores; i++) {
        const struct source_score *sc = &yd->scores[i];
        const struct unit *u = &yd->units[sc->unit_index];
        if (!sources_find(yd, sc->source, u->pool))
            say(f, CHECK_ERROR,
                xasprintf("%d 年度单位 %s 有来源「%s」的评分 (%s, %s), 但考核方案中没有适用于"
                          "分组「%s」的这个来源, 不计分",
                          yd->year, u->code, sc->source, sc->rater, sc->date, u->pool));
    }
}

static void check_missing(struct finder *f, const struct year_data *yd, const bool *assessed)
{
    for (size_t i = 0; i < yd->n_sources; i++) {
        const struct score_source *src = &yd->sources[i];
        size_t missing = 0;
        for (size_t u = 0; u < yd->n_units && !src->bonus; u++) {
            if (!assessed[u] || !source_applies(src, yd->units[u].pool))
                continue;
            struct source_term t;
            sources_term(yd, u, src, &t);
            missing += t.missing;
        }
        if (missing)
            say(f, CHECK_NOTE, xasprintf("%d 年度有 %zu 个单位没有评分来源「%s」的得分", yd->year,
                                         missing, src->name));
    }
}

/* Units with targets in the year (the ones a missing score matters for). */
static int assessed_units(struct store *st, const struct year_data *yd, bool *out)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT DISTINCT unit FROM target WHERE year = ?1");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, yd->year);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long u = year_data_find_unit(yd, (const char *)sqlite3_column_text(s, 0));
        if (u >= 0)
            out[u] = true;
    }
    sqlite3_finalize(s);
    return step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "检查评分来源");
}

int store_check_sources(struct store *st, check_report_fn report, void *ctx)
{
    struct finder f = {report, ctx, 0};
    int *years = NULL;
    size_t n_years = 0, n_pools = 0;
    char **pools = NULL;
    int rc = store_years(st, &years, &n_years);
    if (rc == STORE_OK)
        rc = store_pools(st, &pools, &n_pools);
    for (size_t y = 0; y < n_years && rc == STORE_OK; y++) {
        struct year_data yd;
        rc = store_load_year_header(st, years[y], &yd);
        if (rc != STORE_OK)
            break;
        bool *assessed = xcalloc(yd.n_units ? yd.n_units : 1, sizeof *assessed);
        rc = assessed_units(st, &yd, assessed);
        check_shares(&f, &yd, pools, n_pools);
        check_scores(&f, &yd);
        check_missing(&f, &yd, assessed);
        free(assessed);
        year_data_free(&yd);
    }
    free(years);
    store_free_strings(pools, n_pools);
    return rc == STORE_OK ? f.errors : STORE_ERROR;
}
