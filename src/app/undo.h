/* Undo of the last destructive action (docs/tui.md, "Undo"): a write that deletes rows (a
 * record, a grid row emptied) is recorded while it runs (db/changes.h); `undo_apply` takes
 * it back as one audited transaction, or refuses when the rows were touched meanwhile or
 * their year was locked. Only the last such action is kept, in memory, for as long as the
 * workstation is open. */
#ifndef KAOPING_APP_UNDO_H
#define KAOPING_APP_UNDO_H

#include <stdbool.h>
#include <stddef.h>

struct store;
struct undo;

struct undo *undo_new(void);
void undo_free(struct undo *u);

/* Runs action(ctx) in one transaction (store_begin .. store_end) while recording what it
 * changes. When it committed and deleted at least one row, it replaces the action kept for
 * undo, described by `what` (e.g. 已删除条目 A01), and *kept (may be NULL) is set. Returns
 * the final STORE_* status. */
int undo_run(struct undo *u, struct store *st, const char *what, int (*action)(void *ctx),
             void *ctx, bool *kept);
/* What undo_apply would take back, or NULL when there is nothing. */
const char *undo_what(const struct undo *u);
/* Takes the kept action back in one transaction and forgets it. STORE_NOTFOUND when there is
 * nothing to take back; STORE_INVALID (store_errmsg says why) when the rows were touched
 * meanwhile or the year is locked: then the action stays kept and nothing is written. */
int undo_apply(struct undo *u, struct store *st);

#endif
