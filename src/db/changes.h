/* What one write changed in the domain tables, recorded while it runs (SQLite's session
 * extension) so that it can be taken back later: the workstation's undo (docs/tui.md, "Undo").
 * The audit log and the field tables are not recorded; taking back is an ordinary audited
 * write through the tables' own triggers. */
#ifndef KAOPING_DB_CHANGES_H
#define KAOPING_DB_CHANGES_H

#include <stdbool.h>

struct store;
struct store_recorder;
struct store_changes;

/* Starts recording the changes made through st (call inside the write transaction, before
 * the write). NULL with the store's message on failure. */
struct store_recorder *store_record_begin(struct store *st);
/* Stops recording; returns what was changed (NULL when nothing was) and frees rec. *deleted
 * receives the number of deleted rows among the changes. */
struct store_changes *store_record_end(struct store_recorder *rec, long *deleted);
/* Takes the changes back (the deleted rows inserted again, updated rows restored, inserted
 * rows removed) inside the caller's transaction. Refused (STORE_INVALID, nothing written)
 * when anything meanwhile touched the same rows: a deleted row was entered again, a row was
 * edited or deleted, a referenced unit or item is gone, or the year was locked. */
int store_changes_revert(struct store *st, const struct store_changes *c);
void store_changes_free(struct store_changes *c);

#endif
