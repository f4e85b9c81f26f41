/* Units (被考核单位) and their yearly public appraisal (公众评议). */
#ifndef KAOPING_DB_UNITS_H
#define KAOPING_DB_UNITS_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"
#include "model/types.h"

/* Units are held per year (docs/store.md, "Units per year"): the unit row keeps the code,
 * the leader and the newest entry; each year has its own name, pool and parent, so a locked
 * year keeps its own. `year` 0 below means the unit row itself. */

/* Fills *out (malloc'd strings; free with unit_clear): the unit's entry in year (its leader
 * from the unit row). STORE_NOTFOUND when absent, or not in that year (the message says
 * which). */
int store_unit_get(struct store *st, int year, const char *code, struct unit *out);
/* Upserts by code the unit's entry for year, adding the unit to the year when it is not in
 * it (refused while the year is locked); the pool must exist. The unit row takes the leader,
 * and the name, pool and parent when no later year holds the unit. A retired unit entered for
 * a year from its retirement on is back from then. year 0: the unit row only (a file with no
 * year yet; the first year made takes every unit row). */
int store_unit_put(struct store *st, int year, const struct unit *u, enum store_put *res);
/* Refused (STORE_INVALID, with the reason) while the unit has targets, ledger records,
 * appraisals, rectifications or child units in any year; removes it from every year (refused
 * when one is locked). */
int store_unit_delete(struct store *st, const char *code);
/* The unit leaves from from_year on: removed from that year and later ones (refused while it
 * has data or child units there, or one of them is locked), and years made later do not take
 * it. Earlier years keep it. */
int store_unit_retire(struct store *st, const char *code, int from_year);
/* The year from which the unit is retired, 0 when it is not. */
int store_unit_retired_from(struct store *st, const char *code);
/* The units of year (0: every unit row) ordered by pool order, then code. */
int store_unit_list(struct store *st, int year, struct unit **out, size_t *n);
/* Enters the units of a new year: those of year `from` (0: every unit row), minus the units
 * retired by then. Call inside the transaction that creates the year. */
int store_units_seed_year(struct store *st, int year, int from);
void unit_clear(struct unit *u);
void store_free_units(struct unit *u, size_t n);

int store_appraisal_put(struct store *st, int year, const char *unit, double score,
                        bool has_satisfaction, double satisfaction, enum store_put *res);
int store_appraisal_delete(struct store *st, int year, const char *unit);

#endif
