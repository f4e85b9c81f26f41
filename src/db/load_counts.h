/* What the unit pickers show of a unit (任务书, 季度进度, 加减分台账: its items, the quarter's
 * reporting, its ledger sums), read for that unit alone with indexed queries, so that a picker
 * over a province reads only the units on screen instead of the whole year. */
#ifndef KAOPING_DB_LOAD_COUNTS_H
#define KAOPING_DB_LOAD_COUNTS_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"
#include "model/types.h"

struct unit_counts {
    size_t items;       /* the unit's target items of the year */
    double points;      /* their points, added in item order (as store_load_year lists them) */
    size_t reported;    /* items with a progress row for the quarter asked (0 when not asked) */
    size_t n_ledger[4]; /* ledger records per type (enum kp_ledger_type) */
    double ledger_points[4]; /* their points, added in (date, id) order */
};

/* The unit's counts in `year`: items and points always, reported when quarter is 1..4,
 * the ledger when `ledger`; the rest stays 0. A unit without rows gets zeros. */
int store_unit_counts(struct store *st, int year, const char *code, int quarter, bool ledger,
                      struct unit_counts *out);

/* Whether every target item of `year` has a progress row for `quarter` (*all true for a year
 * without items). For rules_working_quarter_of, which asks only when the answer matters. */
int store_quarter_complete(struct store *st, int year, int quarter, bool *all);

#endif
