/* Export of a data kind (io/kinds.h; the table: app/kinds.h) from the store, for any face and
 * any format: the rows come from the store, the cells go to a sink (io/rows.h: CSV or an .xlsx
 * sheet). The results (ranking, monitor) are kinds too, exported only. */
#ifndef KAOPING_APP_EXPORT_H
#define KAOPING_APP_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"
#include "io/kinds.h"
#include "io/rows.h"

/* Which rows: the year (per-year kinds), the quarter (monitor), one pool (ranking; NULL all). */
struct export_scope {
    int year;
    int quarter;
    const char *pool;
};

/* Writes the header and the rows of kind; *rows counts data rows. Returns a STORE_* status
 * (message in store_errmsg). */
int app_export_kind(struct store *st, const struct data_kind *kind, const struct export_scope *req,
                    const struct row_sink *out, size_t *rows);

/* The data rows app_export_kind would write, when they can be counted without doing the work:
 * the kinds read by a scan (targets, progress, ledger: one count query), so a format that
 * cannot hold them (an .xlsx sheet) is refused before anything is read. *known is false for
 * the other kinds (a year's units, items or results: their writer checks as it goes).
 * STORE_* status. */
int app_export_count(struct store *st, const struct data_kind *kind, const struct export_scope *req,
                     size_t *rows, bool *known);

#endif
