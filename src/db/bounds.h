/* Stored values outside model/limits.h, reported by `kaoping check` (see bounds.c). */
#ifndef KAOPING_DB_BOUNDS_H
#define KAOPING_DB_BOUNDS_H

#include "db/maintenance.h"

/* Reports each stored number outside its range and each text too long or holding control
 * characters where they are not allowed, as CHECK_ERROR. Returns the number reported, or
 * STORE_ERROR. */
int store_check_bounds(struct store *st, check_report_fn report, void *ctx);

#endif
