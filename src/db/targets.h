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
int store_progress_delete(struct store *st, int year, const char *unit, const char *item,
                          int quarter);

#endif
