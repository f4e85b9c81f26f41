/* `kaoping export monitor`: the quarter's 双监控 grid as CSV, to a file or stdout. */
#ifndef KAOPING_CLI_EXPORT_MONITOR_H
#define KAOPING_CLI_EXPORT_MONITOR_H

#include "cli/cli.h"

/* Writes every item of `year` at `quarter` (1..4) in unit/item order, with both rates, lags,
 * levels and the mismatch flag, as CSV (BOM, CRLF) to out_path through a temp file + rename,
 * or to stdout when out_path is NULL or "-". Returns an exit code (3 when the year does not
 * exist); prints a one-line summary to stderr when writing a file. */
int cli_export_monitor(struct cli_ctx *ctx, int year, int quarter, const char *out_path);

#endif
