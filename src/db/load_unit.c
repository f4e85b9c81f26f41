/* One unit's part of a year (db/load_unit.h), put together from the header and the unit
 * queries that explain already uses (store_load_unit_detail). */
#include "db/load_unit.h"

#include <stdlib.h>

#include "db/approvals.h"
#include "db/load.h"
#include "model/adjust.h"
#include "model/xmalloc.h"

/* Replaces the unit's adjustments by the year's and attaches them to the unit's items again
 * (the same terms: the other units' adjustments match none of its items). */
static int take_year_adjustments(struct store *st, struct year_data *yd)
{
    struct year_data unit_adj = {.adjustments = yd->adjustments,
                                 .n_adjustments = yd->n_adjustments,
                                 .terms = yd->terms};
    year_data_free(&unit_adj);
    yd->adjustments = NULL, yd->n_adjustments = 0, yd->terms = NULL;
    int rc = store_load_adjustments(st, yd, NULL);
    if (rc != STORE_OK || yd->n_adjustments == 0)
        return rc;
    yd->terms = xreallocarray(NULL, (size_t)KP_QUARTERS * yd->n_items + 1, sizeof *yd->terms);
    adjust_attach(yd->items, yd->n_items, yd->adjustments, yd->n_adjustments, yd->terms);
    return STORE_OK;
}

int store_load_year_unit(struct store *st, int year, const char *code, bool year_adjustments,
                         struct year_data *out)
{
    int rc = store_load_year_header(st, year, out);
    if (rc != STORE_OK)
        return rc;
    rc = store_load_unit_detail(st, code, out);
    if (rc == STORE_OK && year_adjustments)
        rc = take_year_adjustments(st, out);
    if (rc != STORE_OK)
        year_data_free(out);
    return rc;
}
