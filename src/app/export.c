/* Export of a data kind: load from the store (ranked for the ranking), write through the
 * kind's table row. The items and the ledger are streamed a piece at a time (db/load_scan.h),
 * so an export reads only the table it writes and holds a few hundred rows at once. */
#include "app/export.h"

#include "app/ranked.h"
#include "db/load.h"
#include "db/load_monitor.h"
#include "db/load_scan.h"
#include "db/units.h"
#include "db/years.h"

/* The scan behind each kind_reads value (KIND_READS_HEADER has none). */
static const enum store_scan_kind scans[] = {
    [KIND_READS_TARGETS] = SCAN_TARGETS,
    [KIND_READS_PROGRESS] = SCAN_PROGRESS,
    [KIND_READS_LEDGER] = SCAN_LEDGER,
};

/* Whether the kind's rows come from a scan of their table. */
static bool streamed(const struct data_kind *k)
{
    return k->per_year && !k->ranked && k->reads != KIND_READS_HEADER &&
           k->reads != KIND_READS_APPRAISALS;
}

/* The year as the kind needs it: ranked (streamed, no items kept), loaded whole (monitor),
 * the header, or (the streamed kinds, appraisals) only the units' codes and appraisals: the
 * scheme, categories and sources are a fixed cost the floor of a small table does not pay. */
static int load_year(struct store *st, const struct data_kind *k, int year, struct year_data *yd,
                     struct year_scores *ys)
{
    *ys = (struct year_scores){0};
    if (k->ranked)
        return app_rank_year(st, year, false, yd, ys);
    if (k->reads == KIND_READS_HEADER)
        return store_load_year_header(st, year, yd);
    return store_load_year_codes(st, year, k->reads == KIND_READS_APPRAISALS, yd);
}

/* export_rows over every piece of the kind's scan; STORE_* status. */
static int write_streamed(struct store *st, const struct data_kind *kind,
                          struct export_source *src, struct year_data *yd,
                          const struct row_sink *out, size_t *rows)
{
    struct store_scan *sc = store_scan_open(st, yd, scans[kind->reads], 0);
    if (!sc)
        return STORE_ERROR;
    int more;
    while ((more = store_scan_next(sc)) == 1)
        *rows += kind->export_rows(src, out);
    store_scan_close(sc);
    return more == 0 ? STORE_OK : STORE_ERROR;
}

/* The monitor grid a unit at a time, as db/load_monitor.h reads the quarter: the kind's
 * export_rows sees a year whose items are that unit's (its rows come in the grid's order,
 * unit code then item code), so the year's items are never held (287 MB at 8,000 units). */
struct monitor_units {
    const struct data_kind *kind;
    struct export_source *src;
    const struct row_sink *out;
    size_t rows;
};

static void monitor_unit(void *ctx, const struct year_data *yd, size_t unit,
                         const struct target_item *items, const int64_t *rowids, size_t n)
{
    struct monitor_units *m = ctx;
    (void)unit, (void)rowids;
    struct year_data v = *yd;
    v.items = (struct target_item *)items; /* read only: export_rows takes a const year */
    v.n_items = n;
    m->src->yd = &v;
    m->rows += m->kind->export_rows(m->src, m->out);
    m->src->yd = NULL;
}

static int write_monitor(struct store *st, const struct data_kind *kind, struct export_source *src,
                         const struct row_sink *out, size_t *rows)
{
    struct year_data yd;
    struct store_monitor *db = NULL;
    int rc = store_monitor_open(st, src->year, src->quarter, &yd, &db);
    if (rc != STORE_OK)
        return rc;
    kind_write_header(kind, out);
    struct monitor_units m = {kind, src, out, 0};
    rc = store_monitor_stream(db, NULL, monitor_unit, &m);
    *rows = m.rows;
    store_monitor_close(db);
    year_data_free(&yd);
    return rc;
}

int app_export_kind(struct store *st, const struct data_kind *kind, const struct export_scope *req,
                    const struct row_sink *out, size_t *rows)
{
    struct export_source src = {.year = req->year, .quarter = req->quarter, .pool = req->pool};
    *rows = 0;
    if (kind->needs_quarter)
        return write_monitor(st, kind, &src, out, rows);
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
    kind_write_header(kind, out);
    *rows = 0;
    if (streamed(kind))
        rc = write_streamed(st, kind, &src, &yd, out, rows);
    else
        *rows = kind->export_rows(&src, out);
    if (kind->ranked)
        year_scores_free(&ys);
    if (kind->per_year)
        year_data_free(&yd);
    else
        store_free_units(units, src.n_units);
    return rc;
}

int app_export_count(struct store *st, const struct data_kind *kind, const struct export_scope *req,
                     size_t *rows, bool *known)
{
    *rows = 0;
    *known = streamed(kind);
    return *known ? store_scan_count(st, req->year, scans[kind->reads], rows) : STORE_OK;
}
