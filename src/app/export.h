/* Export of a data kind (io/kinds.h) from the store, for any face and any format: the rows
 * come from the store, the cells go to a sink (io/rows.h: CSV today, XLSX later). */
#ifndef KAOPING_APP_EXPORT_H
#define KAOPING_APP_EXPORT_H

#include <stddef.h>

#include "db/store.h"
#include "io/kinds.h"
#include "io/rows.h"

/* Writes the header and the rows of kind (per-year kinds: of year); *rows counts data rows.
 * Returns a STORE_* status (message in store_errmsg). */
int app_export_kind(struct store *st, enum import_kind kind, int year, const struct row_sink *out,
                    size_t *rows);

#endif
