/* One unit's part of a year, for the screens about one unit (任务书, 季度进度, 加减分台账): what
 * store_load_year holds for that unit, read through the indexes on (year, unit) instead of the
 * whole year (a province's year was 0.4 s to read for one unit's 40 items). */
#ifndef KAOPING_DB_LOAD_UNIT_H
#define KAOPING_DB_LOAD_UNIT_H

#include <stdbool.h>

#include "db/store.h"
#include "model/types.h"

/* The year's header (store_load_year_header: scheme, categories, every unit, sources, scores)
 * and only unit `code`'s items (with progress and in-force terms), ledger records and target
 * adjustments, each in store_load_year's order and equal to its rows for that unit. With
 * year_adjustments, yd->adjustments holds every adjustment of the year instead (任务书's j
 * list; the unit's items get the same in-force terms either way). A code without rows in the
 * year gets the header alone. STORE_NOTFOUND when the year does not exist; on an error nothing
 * is left to free. Free with year_data_free. */
int store_load_year_unit(struct store *st, int year, const char *code, bool year_adjustments,
                         struct year_data *out);

#endif
