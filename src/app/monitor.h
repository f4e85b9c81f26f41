/* 双监控 over a whole year without holding it: a unit's items are evaluated while they are
 * read (db/load_monitor.h); of the rows that pass the filter only a 16-byte sort key and the
 * row id are kept (and the rows themselves up to a budget), and the rows are written in
 * severity order, read back by row id when they were not held. Memory is the year's header,
 * 24 bytes a kept row and at most the budget, whatever the number of items (`kaoping
 * monitor`, bench/README.md). */
#ifndef KAOPING_APP_MONITOR_H
#define KAOPING_APP_MONITOR_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"
#include "model/monitor.h"
#include "model/types.h"

/* What is done with the kept rows. In every call yd is the year's header with yd->items
 * holding only the row's item (r->item_index is 0), valid during the call. */
struct app_monitor_sink {
    void *ctx;
    /* Each kept row once while the year is read, in (unit, item) order (column widths);
     * may be NULL. */
    void (*measure)(void *ctx, const struct year_data *yd, const struct monitor_row *r);
    /* Once, when the rows are known: how many will be emitted. May be NULL. */
    void (*begin)(void *ctx, const struct year_data *yd, size_t n);
    /* Each kept row in monitor_sort's order. */
    void (*emit)(void *ctx, const struct year_data *yd, const struct monitor_row *r);
};

struct app_monitor;

/* Opens the year at quarter q: *yd gets its header (units, scheme; no items). STORE_NOTFOUND
 * when the year does not exist. The data read stays that of one read transaction until
 * app_monitor_close. */
int app_monitor_open(struct store *st, int year, int quarter, struct app_monitor **out,
                     const struct year_data **yd);
/* The quarter's rows that pass f (NULL: every row), through sink. Rows are held whole up to
 * a budget (12 MB) and read back by row id beyond it. */
int app_monitor_rows(struct app_monitor *m, const struct monitor_filter *f,
                     const struct app_monitor_sink *sink);
/* The per-unit summaries of the units that pass f (min_rank ignored), as monitor_units gives
 * them (malloc'd, NULL when *n is 0; unit_index into the header's units). */
int app_monitor_units(struct app_monitor *m, const struct monitor_filter *f,
                      struct monitor_unit **out, size_t *n);
/* The budget of app_monitor_rows' held rows, in bytes (tests: 0 reads every row back). */
void app_monitor_set_hold_budget(size_t bytes);
/* Ends the read and frees the header. */
void app_monitor_close(struct app_monitor *m);

/* One quarter for the workstation's screens (首页, 双监控): the warnings and every unit's
 * summary, read in one pass without the year's other items. yd is the year's header with
 * items holding only the warned items (code, name and the quarter's whole progress row),
 * so warns[i].item_index points into it as monitor_rows' rows point into a whole year. */
struct monitor_quarter {
    int quarter;
    struct year_data yd;
    struct monitor_row *warns; /* monitor_sort's order */
    size_t n_warns;
    struct monitor_unit *units; /* unit code order */
    size_t n_units;
};
/* q's warnings (min_rank 1) and unit summaries of every unit. STORE_NOTFOUND when the year
 * does not exist. Free with app_monitor_quarter_free. */
int app_monitor_quarter(struct store *st, int year, int quarter, struct monitor_quarter *out);
void app_monitor_quarter_free(struct monitor_quarter *mq);

/* The same quarter read a part at a time, so the workstation reads it between keys (a province's
 * quarter is ~1 G instructions): start reads the header (STORE_NOTFOUND: no such year) in a
 * read transaction that release ends, after which each part reads in one of its own and the
 * caller checks that the data did not change in between (db/stamp.h). Each part reads about
 * max_items items (whole units; 0: the rest) and sets *done after the last; finish then gives
 * the quarter as app_monitor_quarter does and frees r, cancel frees r at any time. */
struct monitor_quarter_read;
int app_monitor_quarter_start(struct store *st, int year, int quarter,
                              struct monitor_quarter_read **out);
void app_monitor_quarter_release(struct monitor_quarter_read *r);
int app_monitor_quarter_part(struct monitor_quarter_read *r, size_t max_items, bool *done);
void app_monitor_quarter_finish(struct monitor_quarter_read *r, struct monitor_quarter *out);
void app_monitor_quarter_cancel(struct monitor_quarter_read *r);

#endif
