/* Loads everything about one year into a struct year_data for the engines. */
#ifndef KAOPING_DB_LOAD_H
#define KAOPING_DB_LOAD_H

#include "db/store.h"
#include "model/types.h"

/* Units: every unit (ordered by code) with its appraisal of the year; items of the year
 * ordered by (unit code, item code) with their progress; ledger ordered by (unit, date, id).
 * STORE_NOTFOUND when the year does not exist. Free with year_data_free. */
int store_load_year(struct store *st, int year, struct year_data *out);
/* Only the scheme, categories and units with their appraisals (no items, no ledger): for
 * loaders that read the rest their own way (db/load_ranking.h). */
int store_load_year_header(struct store *st, int year, struct year_data *out);

/* Index of the unit with this code in yd->units (binary search), or -1. */
long year_data_find_unit(const struct year_data *yd, const char *code);

#endif
