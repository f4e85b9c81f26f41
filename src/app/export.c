/* Export of a data kind: load from the store (ranked for the ranking), write through the
 * kind's table row. */
#include "app/export.h"

#include "app/ranked.h"
#include "db/load.h"
#include "db/units.h"
#include "db/years.h"

/* The year as the kind needs it: ranked (streamed, no items kept) or loaded whole. */
static int load_year(struct store *st, const struct data_kind *k, int year, struct year_data *yd,
                     struct year_scores *ys)
{
    *ys = (struct year_scores){0};
    return k->ranked ? app_rank_year(st, year, false, yd, ys) : store_load_year(st, year, yd);
}

int app_export_kind(struct store *st, enum import_kind k, const struct export_scope *req,
                    const struct row_sink *out, size_t *rows)
{
    const struct data_kind *kind = kind_get(k);
    struct export_source src = {.year = req->year, .quarter = req->quarter, .pool = req->pool};
    struct year_data yd;
    struct year_scores ys = {0};
    struct unit *units = NULL;
    int rc = kind->per_year ? load_year(st, kind, req->year, &yd, &ys)
                            : store_unit_list(st, req->year ? req->year : store_latest_year(st),
                                              &units, &src.n_units);
    if (rc != STORE_OK)
        return rc;
    src.yd = kind->per_year ? &yd : NULL;
    src.ys = kind->ranked ? &ys : NULL;
    src.units = units;
    kind_write_header(k, out);
    *rows = kind->export_rows(&src, out);
    if (kind->ranked)
        year_scores_free(&ys);
    if (kind->per_year)
        year_data_free(&yd);
    else
        store_free_units(units, src.n_units);
    return STORE_OK;
}
