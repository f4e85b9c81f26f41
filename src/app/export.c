/* Export of a data kind: load from the store, write through the kind's table row. */
#include "app/export.h"

#include "db/load.h"
#include "db/units.h"

int app_export_kind(struct store *st, enum import_kind k, int year, const struct row_sink *out,
                    size_t *rows)
{
    struct export_source src = {.year = year};
    struct year_data yd;
    struct unit *units = NULL;
    int rc = kind_get(k)->per_year ? store_load_year(st, year, &yd)
                                   : store_unit_list(st, &units, &src.n_units);
    if (rc != STORE_OK)
        return rc;
    src.yd = kind_get(k)->per_year ? &yd : NULL;
    src.units = units;
    kind_write_header(k, out);
    *rows = kind_get(k)->export_rows(&src, out);
    if (kind_get(k)->per_year)
        year_data_free(&yd);
    else
        store_free_units(units, src.n_units);
    return STORE_OK;
}
