/* A year loaded and ranked in one call: the path shared by `kaoping rank/explain/export` and
 * the workstation's result screens, so the screen and the CLI can never disagree. */
#ifndef KAOPING_APP_RANKED_H
#define KAOPING_APP_RANKED_H

#include <stdbool.h>

#include "db/store.h"
#include "model/explain.h"
#include "model/rank.h"
#include "model/stage.h"
#include "model/types.h"

/* Loads `year` and ranks its pools in the store's pool order. with_items keeps every target
 * item and the ledger texts in yd (explain needs them); without, items are streamed and
 * scored unit by unit (db/load_ranking.h), which is what a province-wide ranking needs.
 * STORE_NOTFOUND when the year does not exist; on any error nothing is left to free.
 * Free with year_scores_free + year_data_free. */
int app_rank_year(struct store *st, int year, bool with_items, struct year_data *yd,
                  struct year_scores *ys);

/* The same for one stage of the year (model/stage.h): STAGE_HALF ranks by the 半年初评 as
 * published (yd then holds the stage's scheme and ledger); app_rank_year is STAGE_YEAR. */
int app_rank_stage(struct store *st, int year, enum score_stage stage, bool with_items,
                   struct year_data *yd, struct year_scores *ys);

/* The explanation of unit `code` (model/explain.h) from a year ranked without items: only
 * that unit's items and ledger texts are read, so it is quick on a province; the lines are
 * those of explain_unit over a full load (tests/app/test_explain_ranked.c). STORE_NOTFOUND
 * when there is no such unit. yd and ys are not changed. */
int app_explain_ranked(struct store *st, const struct year_data *yd, const struct year_scores *ys,
                       const char *code, struct text_lines *out);

/* One term of a unit's total as it enters it (docs/scoring.md): 集中考核, the 公众评议 part
 * (P × share / 100, not the raw score), each deduction and the bonus as applied after their
 * caps. Reports and exports show one column per term, so a score source the scheme adds is
 * one more term here and one more column there. */
struct ranked_term {
    char label[48];    /* the column's heading: "集中考核", "公众评议 (10%)", "查访核验扣分" */
    long double micro; /* the value, micro-points, as the term's own sign shows it */
    int sign;          /* +1 added to the total, -1 subtracted (deductions are positive) */
};
#define RANKED_TERMS_MAX 16

/* The terms of us's total in the order they enter it; returns how many (at most max). The
 * labels depend on the year's scheme (and the unit's pool), never on the unit's values: a
 * term whose share or cap is 0 is left out, for every unit alike. */
size_t app_ranked_terms(const struct year_data *yd, const struct unit_score *us,
                        struct ranked_term *out, size_t max);

#endif
