/* Checks of an import batch against the database (run inside the import's transaction, after
 * the batch's years were created): unknown units, pools, categories and items, locked years,
 * manual items without a score, unit hierarchy cycles; progress going backwards is a warning.
 * Optional columns the file does not have keep the database's values for existing rows (an
 * empty cell clears). Also gives the order units must be written in (parents first). */
#ifndef KAOPING_APP_IMPORT_CHECK_H
#define KAOPING_APP_IMPORT_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"
#include "io/import_rows.h"

/* Adds errors and warnings to probs. *order receives a malloc'd permutation of the batch rows
 * in the order to write them. Returns STORE_OK, or STORE_ERROR when the database could not be
 * read (message in store_errmsg). allow_duplicates: a ledger row with a new 编号 whose content
 * equals a stored record is taken in (otherwise it is an error: --allow-duplicates). */
int import_check(struct store *st, struct import_batch *b, struct import_problems *probs,
                 size_t **order, bool allow_duplicates);

#endif
