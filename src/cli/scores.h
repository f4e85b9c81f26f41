/* Loading and scoring a year for the commands that show scores (rank, explain, export). */
#ifndef KAOPING_CLI_SCORES_H
#define KAOPING_CLI_SCORES_H

#include <stdbool.h>

#include "cli/cli.h"
#include "model/rank.h"
#include "model/stage.h"
#include "model/types.h"

/* Resolves *year (0 = the latest year), loads it and ranks it. with_items keeps every target
 * item in yd (explain needs them); without, items are scored unit by unit and dropped, which
 * is what a province-wide ranking needs (yd->items stays empty). Returns EXIT_OK, or an exit
 * code after printing the error (nothing to free then). Free with cli_scores_free. */
int cli_scores_load(struct cli_ctx *ctx, int *year, bool with_items, struct year_data *yd,
                    struct year_scores *ys);
/* The same for one stage of the year (model/stage.h); refuses a half-year stage that the
 * year's scheme does not have. */
int cli_scores_load_stage(struct cli_ctx *ctx, int *year, enum score_stage stage, bool with_items,
                          struct year_data *yd, struct year_scores *ys);
void cli_scores_free(struct year_data *yd, struct year_scores *ys);

#endif
