/* Read-only queries the workstation needs beyond store_load_year: rectification counts. */
#ifndef KAOPING_DB_UI_QUERIES_H
#define KAOPING_DB_UI_QUERIES_H

#include "db/store.h"

/* Open rectifications of the year, and those of them past their deadline (deadline < today,
 * both YYYY-MM-DD). */
int store_rectification_counts(struct store *st, int year, const char *today, long *open,
                               long *overdue);

#endif
