/* Undo of the last destructive action (docs/tui.md, "Undo"): a write that deletes rows (a
 * record, a grid row emptied) is recorded while it runs (db/changes.h); `undo_apply` takes
 * it back as one audited transaction, or refuses when the rows were touched meanwhile or
 * their year was locked. Unsaved edits thrown away are kept by the face that held them and
 * handed back through its own function (undo_keep_fn). Only the last such action is kept, in
 * memory, for as long as the workstation is open. */
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
/* Keeps an action that only the caller can take back (e.g. unsaved edits thrown away):
 * restore(ctx, msg, msgsz) puts them back and returns STORE_OK, or another status with the
 * reason in msg (the action then stays kept). Replaces the kept action. */
typedef int (*undo_restore_fn)(void *ctx, char *msg, size_t msgsz);
void undo_keep_fn(struct undo *u, const char *what, undo_restore_fn restore, void *ctx);
/* Whether the kept action is a store write (the screen reloads after taking it back). */
bool undo_is_store(const struct undo *u);
/* What undo_apply would take back, or NULL when there is nothing. */
const char *undo_what(const struct undo *u);
/* Takes the kept action back (a store write in one transaction) and forgets it.
 * STORE_NOTFOUND when there is nothing to take back; STORE_INVALID when the rows were touched
 * meanwhile or the year is locked, or the restore function refused: then the action stays
 * kept, nothing is written, and err says why. */
int undo_apply(struct undo *u, struct store *st, char *err, size_t errsz);

#endif
