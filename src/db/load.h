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

/* For one unit of a year already loaded without items (yd from store_load_year_header or
 * the streamed loader): sets yd->items and yd->ledger to that unit's items (with progress)
 * and ledger records (with their texts), and yd->adjustments and yd->terms to the unit's
 * target adjustments and in-force terms, in store_load_year's order, without freeing what
 * they pointed to (the caller keeps the year's own arrays and frees these four itself). */
int store_load_unit_detail(struct store *st, const char *code, struct year_data *yd);

/* For a year loaded without items (store_load_year_header): replaces yd->items (freed) by the
 * items of one unit with their progress. The import checks a file a unit at a time this way,
 * instead of holding the whole year (app/import_check.c). */
int store_load_unit_items(struct store *st, const char *code, struct year_data *yd);

/* Index of the unit with this code in yd->units (binary search), or -1. */
long year_data_find_unit(const struct year_data *yd, const char *code);

#endif
