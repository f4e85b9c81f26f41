/* 双监控's loader: one quarter of a year, a unit at a time, and single items again by row id.
 * `kaoping monitor` and the workstation evaluate a province without holding its items: the
 * items of a unit live during one call, and the rows that are kept (warnings, in severity
 * order over all units) are read back one by one from their row ids (app/monitor.h). */
#ifndef KAOPING_DB_LOAD_MONITOR_H
#define KAOPING_DB_LOAD_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/store.h"
#include "model/types.h"

/* One unit's items in (unit, item) order, n = 0 for a unit without items; rowids[i] is the
 * row id of items[i]'s target row. Each item holds code, name, points, method, target, budget,
 * the four schedules, its adjusted terms (in_force) and the quarter's whole progress row
 * (note, deviation, action, decision, 更正); no category or measure. Valid during the call. */
typedef void (*store_monitor_fn)(void *ctx, const struct year_data *yd, size_t unit,
                                 const struct target_item *items, const int64_t *rowids, size_t n);

struct store_monitor;

/* Opens a read of the year at quarter q (1..4): loads the year header (store_load_year_header)
 * and the adjustments into *yd and starts one read transaction, so the stream and the reads
 * by row id see the same data. STORE_NOTFOUND when the year does not exist; NULL *out on any
 * error. Close with store_monitor_close, then free yd with year_data_free. */
int store_monitor_open(struct store *st, int year, int quarter, struct year_data *yd,
                       struct store_monitor **out);
/* Streams every unit of yd->units in order to fn (only `unit`'s when unit is not NULL). */
int store_monitor_stream(struct store_monitor *m, const char *unit, store_monitor_fn fn, void *ctx);
/* Reads one item by the row id the stream gave: *it (free with store_monitor_item_free).
 * STORE_NOTFOUND if it is gone (cannot happen inside the read transaction). */
int store_monitor_item(struct store_monitor *m, int64_t rowid, struct target_item *it);
void store_monitor_item_free(struct target_item *it);
/* Ends the read transaction now (store_monitor_open's): from then on each part below reads
 * in a read transaction of its own, so the caller may write between parts. Whether the data
 * changed between parts is the caller's to check (db/stamp.h). */
void store_monitor_release(struct store_monitor *m);
/* Streams the units from yd->units[*next] on, as store_monitor_stream does, and stops at the
 * first unit boundary once max_items items were handed over (0: no limit); *next becomes the
 * first unit not handed over (yd->n_units at the end). The workstation reads a quarter in
 * parts of a few milliseconds between keys (ui/screen_monitor_cache.h). */
int store_monitor_stream_part(struct store_monitor *m, size_t *next, size_t max_items,
                              store_monitor_fn fn, void *ctx);
/* Ends the read transaction (if still open) and frees m (not yd). */
void store_monitor_close(struct store_monitor *m);

/* The home screen's counts without the year's items (ui/screen_home.c): the latest quarter
 * with any progress row (0 when none), the units with items, and per quarter the units whose
 * every item has that quarter's row. Counted per unit over the indexes (target's key,
 * progress_checkpoint), all at once or a few units at a time. */
int store_monitor_latest_quarter(struct store *st, int year, int *quarter);
int store_monitor_with_targets(struct store *st, int year, size_t *n);
int store_monitor_complete(struct store *st, int year, size_t *with_targets,
                           size_t complete[KP_QUARTERS]);
/* The counts so far of a walk of the units in code order; zeroed to start. */
struct store_complete {
    size_t with_targets, complete[KP_QUARTERS];
    char after[128]; /* the last unit counted ("" before the first); 31 characters of UTF-8 */
    bool done;               /* every unit is counted */
};
/* Counts the next `units` units (0: all that are left) into *c. */
int store_monitor_complete_part(struct store *st, int year, size_t units,
                                struct store_complete *c);

#endif
