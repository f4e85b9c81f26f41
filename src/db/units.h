/* Units (被考核单位) and their yearly public appraisal (公众评议). */
#ifndef KAOPING_DB_UNITS_H
#define KAOPING_DB_UNITS_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"
#include "model/types.h"

/* Fills *out (malloc'd strings; free with unit_clear). STORE_NOTFOUND when absent. */
int store_unit_get(struct store *st, const char *code, struct unit *out);
/* Upserts by code; the pool must exist. */
int store_unit_put(struct store *st, const struct unit *u, enum store_put *res);
/* Refused (STORE_INVALID, with the reason) while the unit has targets, ledger records,
 * appraisals, rectifications or child units. */
int store_unit_delete(struct store *st, const char *code);
/* All units ordered by pool order, then code. */
int store_unit_list(struct store *st, struct unit **out, size_t *n);
void unit_clear(struct unit *u);
void store_free_units(struct unit *u, size_t n);

int store_appraisal_put(struct store *st, int year, const char *unit, double score,
                        bool has_satisfaction, double satisfaction, enum store_put *res);
int store_appraisal_delete(struct store *st, int year, const char *unit);

#endif
