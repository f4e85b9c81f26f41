/* Both loaders feed the same score_unit and rank_assign (see model/rank.h). */
#include "app/ranked.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/load.h"
#include "db/load_ranking.h"
#include "db/pools.h"
#include "db/years.h"
#include "model/sources.h"
#include "model/xmalloc.h"

struct stream_ctx {
    struct year_scores *ys;
    size_t ledger_cursor;
    enum score_stage stage;
};

static void score_streamed_unit(void *p, const struct year_data *yd, size_t u,
                                const struct target_item *items, size_t n)
{
    struct stream_ctx *c = p;
    if (!c->ys->units)
        year_scores_init(c->ys, yd->n_units);
    size_t first, n_ledger;
    rank_ledger_range(yd, u, &c->ledger_cursor, &first, &n_ledger);
    struct year_data view = *yd; /* the stage's scheme, the year's everything else */
    stage_scheme(c->stage, &yd->scheme, &view.scheme);
    if (c->stage == STAGE_HALF) /* the score sources come with the year-end, as the appraisal */
        view.n_sources = 0;
    n_ledger = stage_ledger_count(c->stage, yd->year, yd->ledger + first, n_ledger);
    struct unit_score *us = &c->ys->units[u];
    score_unit(&view, u, items, n, n_ledger ? yd->ledger + first : NULL, n_ledger, us);
    us->first_ledger = first, us->n_ledger = n_ledger; /* the items are gone after this call */
}

/* Leaves in yd what the stage scores: its scheme, and each unit's ledger records up to the
 * stage's cut-off (model/stage.h), so explain and the ranking read the same data. */
static void keep_stage(struct year_data *yd, enum score_stage stage)
{
    stage_scheme(stage, &yd->scheme, &yd->scheme);
    if (stage == STAGE_HALF) { /* the score sources come with the year-end, as the appraisal */
        score_sources_free(yd->sources, yd->n_sources);
        yd->sources = NULL, yd->n_sources = 0;
    }
    size_t cursor = 0, kept = 0;
    for (size_t u = 0; u < yd->n_units; u++) {
        size_t first, n;
        rank_ledger_range(yd, u, &cursor, &first, &n);
        size_t keep = stage_ledger_count(stage, yd->year, yd->ledger + first, n);
        for (size_t i = first; i < first + n; i++) {
            struct ledger_entry *e = &yd->ledger[i];
            if (i < first + keep) {
                yd->ledger[kept++] = *e;
                continue;
            }
            free(e->aspect), free(e->method), free(e->reason), free(e->inspectors);
            free(e->evidence);
        }
    }
    yd->n_ledger = kept;
}

int app_rank_year(struct store *st, int year, bool with_items, struct year_data *yd,
                  struct year_scores *ys)
{
    return app_rank_stage(st, year, STAGE_YEAR, with_items, yd, ys);
}

int app_rank_stage(struct store *st, int year, enum score_stage stage, bool with_items,
                   struct year_data *yd, struct year_scores *ys)
{
    char **pools;
    size_t n_pools;
    *ys = (struct year_scores){0};
    int rc = store_year_pools(st, year, &pools, &n_pools);
    if (rc != STORE_OK)
        return rc;
    if (with_items) {
        rc = store_load_year(st, year, yd);
        if (rc == STORE_OK) {
            keep_stage(yd, stage);
            rank_year(yd, (const char *const *)pools, n_pools, ys);
        }
    } else {
        struct stream_ctx c = {ys, 0, stage};
        rc = store_load_year_streamed(st, year, yd, score_streamed_unit, &c);
        if (rc == STORE_OK && !ys->units)
            year_scores_init(ys, yd->n_units); /* a year without units */
        if (rc == STORE_OK) {
            keep_stage(yd, stage);
            /* the ledger ranges of the scores follow the trimmed ledger */
            size_t cursor = 0;
            for (size_t u = 0; u < yd->n_units; u++)
                rank_ledger_range(yd, u, &cursor, &ys->units[u].first_ledger,
                                  &ys->units[u].n_ledger);
            rank_assign(yd, (const char *const *)pools, n_pools, ys);
        } else {
            year_scores_free(ys);
        }
    }
    store_free_strings(pools, n_pools);
    return rc;
}

int app_explain_ranked(struct store *st, const struct year_data *yd, const struct year_scores *ys,
                       const char *code, struct text_lines *out)
{
    long u = year_data_find_unit(yd, code);
    if (u < 0 || (size_t)u >= ys->n_units)
        return STORE_NOTFOUND;
    struct year_data view = *yd; /* shares the year's units, scheme and categories */
    int rc = store_load_unit_detail(st, code, &view);
    if (rc == STORE_OK) {
        struct year_scores sv = *ys;
        sv.units = xreallocarray(NULL, ys->n_units, sizeof *sv.units);
        memcpy(sv.units, ys->units, ys->n_units * sizeof *sv.units);
        struct unit_score *us = &sv.units[u];
        us->first_item = 0, us->n_items = view.n_items;
        us->first_ledger = 0, us->n_ledger = view.n_ledger;
        explain_unit(&view, &sv, (size_t)u, out);
        free(sv.units);
    }
    struct year_data detail = {.items = view.items,
                               .n_items = view.n_items,
                               .ledger = view.ledger,
                               .n_ledger = view.n_ledger,
                               .adjustments = view.adjustments,
                               .n_adjustments = view.n_adjustments,
                               .terms = view.terms};
    year_data_free(&detail);
    return rc;
}

static void add_term(struct ranked_term *out, size_t max, size_t *n, const char *label,
                     long double micro, int sign)
{
    if (*n >= max)
        return;
    struct ranked_term *t = &out[(*n)++];
    snprintf(t->label, sizeof t->label, "%s", label);
    t->micro = micro, t->sign = sign;
}

size_t app_ranked_terms(const struct year_data *yd, const struct unit_score *us,
                        struct ranked_term *out, size_t max)
{
    const struct scheme *s = &yd->scheme;
    size_t n = 0;
    char label[48], share[32];
    /* A scheme without a year-end part is the 半年初评 stage's (model/stage.h): its C is K_H
     * scaled to the 100-point total. */
    add_term(out, max, &n, s->year_share > 0 ? "集中考核" : "半年初评 (折算)", us->key_u, +1);
    if (s->appraisal_share > 0) {
        snprintf(label, sizeof label, "公众评议 (%s%%)",
                 score_fmt_plain(s->appraisal_share, share, sizeof share));
        add_term(out, max, &n, label, us->appraisal_part_u, +1);
    }
    for (size_t i = 0; i < yd->n_sources; i++) {
        const struct score_source *src = &yd->sources[i];
        if (!source_applies(src, yd->units[us->unit].pool))
            continue;
        score_fmt_plain(src->share, share, sizeof share);
        if (src->bonus)
            snprintf(label, sizeof label, "%s (加分)", src->name);
        else
            snprintf(label, sizeof label, "%s (%s%s)", src->name, share,
                     src->scale == SCALE_PERCENT ? "%" : "分");
        struct source_term t;
        sources_term(yd, us->unit, src, &t);
        add_term(out, max, &n, label, t.part_u, +1);
    }
    if (s->inspection_cap > 0)
        add_term(out, max, &n, "查访核验扣分", (long double)us->inspection.applied_u, -1);
    if (s->complaint_cap > 0)
        add_term(out, max, &n, "投诉查处扣分", (long double)us->complaint.applied_u, -1);
    if (s->bonus_cap > 0)
        add_term(out, max, &n, "加分", (long double)us->bonus.applied_u, +1);
    return n;
}
