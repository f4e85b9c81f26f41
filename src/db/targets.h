/* Target items (任务书条目) and their quarterly progress (季度进度). */
#ifndef KAOPING_DB_TARGETS_H
#define KAOPING_DB_TARGETS_H

#include "db/store.h"
#include "model/types.h"

/* Upserts the item (year, unit, it->code); the year must exist and the category must be one
 * of the year's categories for the unit's pool. it->q is ignored. */
int store_target_put(struct store *st, int year, const char *unit, const struct target_item *it,
                     enum store_put *res);
/* Refused while the item has progress rows (delete those first). */
int store_target_delete(struct store *st, int year, const char *unit, const char *item);

/* Upserts one quarter's cumulative values (p->present is ignored). */
int store_progress_put(struct store *st, int year, const char *unit, const char *item,
                       int quarter, const struct quarter_progress *p, enum store_put *res);
/* The same when the caller knows whether the quarter is stored (an import that loaded the
 * unit's rows): one statement instead of a probe and the upsert. */
int store_progress_put_known(struct store *st, int year, const char *unit, const char *item,
                             int quarter, const struct quarter_progress *p, bool stored,
                             enum store_put *res);
/* Rows an import's checks compared with the stored ones (stored: the quarter is stored, with
 * other values), for store_progress_put_many. */
struct progress_put {
    int year;
    const char *unit, *item;
    int quarter;
    const struct quarter_progress *p;
    bool stored;
};
/* Writes n rows in order: STORE_PROGRESS_MANY of them as one statement, fewer one at a time.
 * On failure, *failed is the row that failed (those before it are written) and the message is
 * store_errmsg's. */
#define STORE_PROGRESS_MANY 64
int store_progress_put_many(struct store *st, const struct progress_put *rows, size_t n,
                            size_t *failed);
int store_progress_delete(struct store *st, int year, const char *unit, const char *item,
                          int quarter);

#endif
