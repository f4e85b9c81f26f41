/* Loading and scoring a year for the commands that show scores (rank, explain, export). */
#ifndef KAOPING_CLI_SCORES_H
#define KAOPING_CLI_SCORES_H

#include "cli/cli.h"
#include "model/rank.h"
#include "model/types.h"

/* Resolves *year (0 = the latest year), loads it and ranks it. Returns EXIT_OK, or an exit
 * code after printing the error (nothing to free then). Free with cli_scores_free. */
int cli_scores_load(struct cli_ctx *ctx, int *year, struct year_data *yd, struct year_scores *ys);
void cli_scores_free(struct year_data *yd, struct year_scores *ys);

#endif
