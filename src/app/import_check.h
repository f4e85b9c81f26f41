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

/* The same a row at a time, for the dated kinds (targets, progress, ledger, appraisals) of a
 * file not held whole: b gives the column labels and the file's index (io/import_rows.h), its
 * rows may be NULL. Open (NULL: the database could not be read, store_errmsg), then check each
 * row before writing it (STORE_ERROR: the database could not be read), then close. Each row
 * is checked against the database as it was before the import, as long as it is checked
 * before any other row of its unit and year is written and the file has no duplicate keys. */
struct checker;
struct checker *import_checker_open(struct store *st, struct import_batch *b,
                                    struct import_problems *probs, bool allow_duplicates);
int import_checker_row(struct checker *c, struct import_row *r);
void import_checker_close(struct checker *c);

#endif
