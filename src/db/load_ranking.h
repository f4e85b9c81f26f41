/* The ranking path's loader: a whole year's scores need every item's Q2/Q4 progress, but not
 * all of it at once. Items (no names, notes or Q1/Q3) are read and handed to the caller one
 * unit at a time, so the items of a province take one unit's memory (rank's peak: 22 MB at
 * 8,000 units, most of it the ledger and the scores, bench/README.md). */
#ifndef KAOPING_DB_LOAD_RANKING_H
#define KAOPING_DB_LOAD_RANKING_H

#include <stddef.h>

#include "db/store.h"
#include "model/types.h"

/* Called once per unit of yd->units, in order (n = 0 for a unit without items). items[] hold
 * code, points, method, target, schedule and the Q2 and Q4 progress (actual,
 * score); they are valid only during the call. */
typedef void (*store_unit_items_fn)(void *ctx, const struct year_data *yd, size_t unit,
                                    const struct target_item *items, size_t n);

/* Loads the year header (store_load_year_header) and the ledger into *yd, then streams the
 * items to fn. The ledger entries carry unit, type, points, date and id only (no text), in
 * (unit, date, id) order. STORE_NOTFOUND when the year does not exist. Free yd with
 * year_data_free. */
int store_load_year_streamed(struct store *st, int year, struct year_data *yd,
                             store_unit_items_fn fn, void *ctx);

#endif
