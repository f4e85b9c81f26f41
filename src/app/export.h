/* Export of a data kind (io/kinds.h; the table: app/kinds.h) from the store, for any face and
 * any format: the rows come from the store, the cells go to a sink (io/rows.h: CSV or an .xlsx
 * sheet). The results (ranking, monitor) are kinds too, exported only. */
#ifndef KAOPING_APP_EXPORT_H
#define KAOPING_APP_EXPORT_H

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

#endif
