/* Scores a whole year and ranks each pool (docs/domain.md "Scoring" steps 8-9): total descending,
 * equal rounded totals share a rank (competition 1,2,2,4 or dense 1,2,2,3), ties listed by
 * unit code, vetoed units (effect `fail`) after all others of their pool. */
#ifndef KAOPING_MODEL_RANK_H
#define KAOPING_MODEL_RANK_H

#include <stddef.h>

#include "model/score.h"
#include "model/types.h"

struct year_scores {
    struct unit_score *units; /* one per year_data.units, same index */
    size_t n_units;
    size_t *order; /* units that take part: pool order, then rank, then code */
    size_t n_order;
};

/* Scores every unit and ranks the pools. Pools are listed in pool_order (the store's pool
 * display order); pools not in it follow, by name. Units that take no part in the year (no
 * targets, appraisal or ledger records) are scored but not ranked (rank 0). */
void rank_year(const struct year_data *yd, const char *const *pool_order, size_t n_pools,
               struct year_scores *out);

/* The same in two steps, for callers that score unit by unit without keeping every item in
 * memory (the ranking path over a province): year_scores_init, score_unit into
 * ys->units[u] for every unit, then rank_assign. */
void year_scores_init(struct year_scores *ys, size_t n_units);
void rank_assign(const struct year_data *yd, const char *const *pool_order, size_t n_pools,
                 struct year_scores *ys);
/* Range of unit u's records in yd->ledger (ordered by unit), starting the search at *cursor
 * and advancing it: call for u = 0, 1, 2, ... in order. */
void rank_ledger_range(const struct year_data *yd, size_t u, size_t *cursor, size_t *first,
                       size_t *n);
void year_scores_free(struct year_scores *ys);

/* Indices of the other units of u's pool with the same rank (in order); returns the count
 * written (at most max). */
size_t rank_peers(const struct year_data *yd, const struct year_scores *ys, size_t u, size_t *out,
                  size_t max);

#endif
