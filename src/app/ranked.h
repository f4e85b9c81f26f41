/* A year loaded and ranked in one call: the path shared by `kaoping rank/explain/export` and
 * the workstation's result screens, so the screen and the CLI can never disagree. */
#ifndef KAOPING_APP_RANKED_H
#define KAOPING_APP_RANKED_H

#include <stdbool.h>

#include "db/store.h"
#include "model/explain.h"
#include "model/rank.h"
#include "model/types.h"

/* Loads `year` and ranks its pools in the store's pool order. with_items keeps every target
 * item and the ledger texts in yd (explain needs them); without, items are streamed and
 * scored unit by unit (db/load_ranking.h), which is what a province-wide ranking needs.
 * STORE_NOTFOUND when the year does not exist; on any error nothing is left to free.
 * Free with year_scores_free + year_data_free. */
int app_rank_year(struct store *st, int year, bool with_items, struct year_data *yd,
                  struct year_scores *ys);

/* The explanation of unit `code` (model/explain.h) from a year ranked without items: only
 * that unit's items and ledger texts are read, so it is quick on a province; the lines are
 * those of explain_unit over a full load (tests/app/test_explain_ranked.c). STORE_NOTFOUND
 * when there is no such unit. yd and ys are not changed. */
int app_explain_ranked(struct store *st, const struct year_data *yd, const struct year_scores *ys,
                       const char *code, struct text_lines *out);

#endif
