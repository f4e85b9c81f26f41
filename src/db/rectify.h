/* Rectifications (整改) in the `rectification` table: raise, list, look up, close. Writes are
 * audited by the table's triggers and refused while the year is locked (审定). Callers wrap
 * each write in store_begin/store_commit. */
#ifndef KAOPING_DB_RECTIFY_H
#define KAOPING_DB_RECTIFY_H

#include <stddef.h>

#include "db/store.h"
#include "model/rectification.h"

enum rect_filter { RECT_FILTER_ALL, RECT_FILTER_OPEN, RECT_FILTER_OVERDUE };

/* Shortest id prefix accepted by store_rectify_get / store_rectify_done. */
#define RECT_ID_MIN_PREFIX 6

/* Validates and inserts r as an open record; writes a fresh id into r->id. Checks: the year
 * and unit exist, text is not empty, deadline and created are dates (a deadline already past
 * is allowed: notices are sometimes entered late), at most one source, a source item exists for the
 * unit and year (with a quarter 1..4), a source ledger record belongs to the same unit and year.
 * r->source_ledger may be a unique prefix (RECT_ID_MIN_PREFIX hex or more) of the record's id
 * among that unit's records of the year; it is completed to the full id.
 * STORE_INVALID with a message when refused (nothing written). */
int store_rectify_add(struct store *st, struct rectification *r);
/* Records of the year (all units when unit is NULL), open before done, then by deadline,
 * unit, created date and id. today decides what is overdue. Free with
 * store_free_rectifications. */
int store_rectify_list(struct store *st, int year, const char *unit, enum rect_filter f,
                       const char *today, struct rectification **out, size_t *n);
/* By full id or a unique prefix of at least RECT_ID_MIN_PREFIX hex characters (any case).
 * STORE_NOTFOUND when nothing matches, STORE_INVALID when the prefix is too short, not hex,
 * or matches several records. Free with rectification_clear. */
int store_rectify_get(struct store *st, const char *id, struct rectification *out);
/* Closes an open record (id or unique prefix) on date `closed` with a note; STORE_INVALID
 * when it is already done or the year is locked. */
int store_rectify_done(struct store *st, const char *id, const char *closed, const char *note);
void store_free_rectifications(struct rectification *r, size_t n);

/* Corrections (rectify_edit.c), each by id or unique prefix, refused while the year is locked:
 * the text and deadline of a record (open or done; text not empty, deadline a date); a done
 * record opened again (its closing date and note cleared: the audit log keeps them); a
 * record deleted. */
int store_rectify_edit(struct store *st, const char *id, const char *text, const char *deadline);
int store_rectify_reopen(struct store *st, const char *id);
int store_rectify_delete(struct store *st, const char *id);

#endif
