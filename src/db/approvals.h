/* Approved targets (任务书已批复) and their adjustments (目标调整), docs/scoring.md "Approved
 * targets and adjustments". Once a unit's 任务书 of a year is approved, store_target_put
 * refuses a change of target value, points, budget or schedule unless it comes with a
 * struct target_change, and then records one adjustment row per changed term. */
#ifndef KAOPING_DB_APPROVALS_H
#define KAOPING_DB_APPROVALS_H

#include <stdbool.h>

#include "db/store.h"
#include "model/adjust.h"
#include "model/types.h"

/* Why and from when an approved item changes (all required). */
struct target_change {
    const char *reason;      /* 调整原因 */
    const char *approved_by; /* 批准人 */
    int from_quarter;        /* 1..4: the quarter from which the new value applies */
};

struct target_approval {
    bool approved;
    char date[11];     /* YYYY-MM-DD */
    char by[128];      /* approver */
};

/* Marks the unit's 任务书 of the year approved on `date` (YYYY-MM-DD) by `by`. Refused
 * (STORE_INVALID) when the unit has no items that year, when it is approved already, or when
 * by is blank. */
int store_targets_approve(struct store *st, int year, const char *unit, const char *date,
                          const char *by);
/* The approval of (year, unit); out->approved false when none. */
int store_target_approval_get(struct store *st, int year, const char *unit,
                              struct target_approval *out);

/* store_target_put for an approved item: the change's terms are recorded as adjustments
 * (chg may be NULL before approval). Refused (STORE_INVALID, nothing written) on an approved
 * 任务书 when an adjustable term changes without a complete chg, when the category or method
 * changes, or when the item is new. */
int store_target_put_adjusted(struct store *st, int year, const char *unit,
                              const struct target_item *it, const struct target_change *chg,
                              enum store_put *res);

/* Reads the year's adjustments (only unit's when unit is not NULL) into yd->adjustments in
 * (unit, item, recording) order, resolving units against yd->units. */
int store_load_adjustments(struct store *st, struct year_data *yd, const char *unit);

#endif
