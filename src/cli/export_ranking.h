/* `kaoping export ranking`: the ranking CSV written to a file (or stdout). */
#ifndef KAOPING_CLI_EXPORT_RANKING_H
#define KAOPING_CLI_EXPORT_RANKING_H

#include "cli/cli.h"

/* Writes the ranking of `year` (0 = latest) as CSV (BOM, CRLF) to out_path through a temp
 * file + rename, or to stdout when out_path is NULL or "-". Returns an exit code; on success
 * prints a one-line summary to stderr when writing a file. */
int cli_export_ranking(struct cli_ctx *ctx, int year, const char *out_path);

#endif
