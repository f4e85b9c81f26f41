/* Scoring every unit of a year and ranking the pools. */
#include "model/rank.h"

#include <stdlib.h>
#include <string.h>

#include "model/xmalloc.h"

struct sort_key {
    size_t unit;
    size_t pool; /* index in the pool order; unknown pools after, by name */
    const char *pool_name;
    int behind; /* 1: vetoed with effect `fail`, placed after the others */
    int64_t total_c;
    const char *code;
};

static int compare_keys(const void *pa, const void *pb)
{
    const struct sort_key *a = pa, *b = pb;
    if (a->pool != b->pool)
        return a->pool < b->pool ? -1 : 1;
    int c = strcmp(a->pool_name, b->pool_name);
    if (c != 0)
        return c;
    if (a->behind != b->behind)
        return a->behind - b->behind;
    if (a->total_c != b->total_c)
        return a->total_c > b->total_c ? -1 : 1;
    return strcmp(a->code, b->code);
}

static size_t pool_index(const char *pool, const char *const *order, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(order[i], pool) == 0)
            return i;
    return n;
}

void rank_ledger_range(const struct year_data *yd, size_t u, size_t *cursor, size_t *first,
                       size_t *n)
{
    while (*cursor < yd->n_ledger && yd->ledger[*cursor].unit_index < u)
        (*cursor)++;
    *first = *cursor;
    while (*cursor < yd->n_ledger && yd->ledger[*cursor].unit_index == u)
        (*cursor)++;
    *n = *cursor - *first;
}

/* Items and ledger records are grouped by unit in unit order (store_load_year's order). */
static void score_all(const struct year_data *yd, struct year_scores *ys)
{
    size_t item = 0, led = 0;
    for (size_t u = 0; u < yd->n_units; u++) {
        while (item < yd->n_items && yd->items[item].unit_index < u)
            item++;
        size_t fi = item, fl, nl;
        while (item < yd->n_items && yd->items[item].unit_index == u)
            item++;
        rank_ledger_range(yd, u, &led, &fl, &nl);
        struct unit_score *us = &ys->units[u];
        /* (no arithmetic on a NULL array when the year has no items or no ledger) */
        score_unit(yd, u, item > fi ? yd->items + fi : NULL, item - fi, nl ? yd->ledger + fl : NULL,
                   nl, us);
        us->first_item = fi, us->n_items = item - fi;
        us->first_ledger = fl, us->n_ledger = nl;
    }
}

/* Assigns ranks over one pool's keys [from, to) (already sorted). */
static void rank_pool(const struct sort_key *k, size_t from, size_t to, enum kp_tie_style tie,
                      struct year_scores *ys)
{
    int dense = 0;
    for (size_t i = from; i < to; i++) {
        struct unit_score *us = &ys->units[k[i].unit];
        bool tied = i > from && k[i].behind == k[i - 1].behind && k[i].total_c == k[i - 1].total_c;
        if (tied) {
            us->rank = ys->units[k[i - 1].unit].rank;
        } else {
            dense++;
            /* Competition: 1 + the number of units ahead; dense: the next distinct total. */
            us->rank = tie == TIE_DENSE ? dense : (int)(i - from) + 1;
        }
        us->pool_size = (int)(to - from);
    }
}

void year_scores_init(struct year_scores *ys, size_t n_units)
{
    memset(ys, 0, sizeof *ys);
    ys->n_units = n_units;
    ys->units = xcalloc(n_units ? n_units : 1, sizeof *ys->units);
}

void rank_assign(const struct year_data *yd, const char *const *pool_order, size_t n_pools,
                 struct year_scores *ys)
{
    struct sort_key *keys = xcalloc(yd->n_units ? yd->n_units : 1, sizeof *keys);
    size_t n = 0;
    for (size_t u = 0; u < yd->n_units; u++) {
        const struct unit_score *us = &ys->units[u];
        if (!us->takes_part)
            continue;
        const struct unit *un = &yd->units[u];
        size_t pi = pool_index(un->pool, pool_order, n_pools);
        keys[n++] = (struct sort_key){.unit = u,
                                      .pool = pi,
                                      .pool_name = pi < n_pools ? "" : un->pool,
                                      .behind = us->veto && yd->scheme.veto_effect == VETO_FAIL,
                                      .total_c = us->total_c,
                                      .code = un->code};
    }
    qsort(keys, n, sizeof *keys, compare_keys);
    for (size_t from = 0; from < n;) {
        size_t to = from + 1;
        while (to < n && keys[to].pool == keys[from].pool &&
               strcmp(keys[to].pool_name, keys[from].pool_name) == 0)
            to++;
        rank_pool(keys, from, to, yd->scheme.tie_style, ys);
        from = to;
    }
    free(ys->order);
    ys->order = xcalloc(n ? n : 1, sizeof *ys->order);
    for (size_t i = 0; i < n; i++)
        ys->order[i] = keys[i].unit;
    ys->n_order = n;
    free(keys);
}

void rank_year(const struct year_data *yd, const char *const *pool_order, size_t n_pools,
               struct year_scores *ys)
{
    year_scores_init(ys, yd->n_units);
    score_all(yd, ys);
    rank_assign(yd, pool_order, n_pools, ys);
}

void year_scores_free(struct year_scores *ys)
{
    free(ys->units);
    free(ys->order);
    memset(ys, 0, sizeof *ys);
}

size_t rank_peers(const struct year_data *yd, const struct year_scores *ys, size_t u, size_t *out,
                  size_t max)
{
    size_t n = 0;
    const struct unit_score *me = &ys->units[u];
    if (me->rank == 0)
        return 0;
    for (size_t i = 0; i < ys->n_order && n < max; i++) {
        size_t v = ys->order[i];
        if (v != u && ys->units[v].rank == me->rank &&
            strcmp(yd->units[v].pool, yd->units[u].pool) == 0)
            out[n++] = v;
    }
    return n;
}
