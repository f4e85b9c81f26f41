/* The table of data kinds and the store side of each (the way tmux keeps cmd_table and each
 * cmd_entry): io/kinds.h says what a kind is in a file (columns, parser, key, export writer);
 * struct kind_store says how it reaches the store (writer, checks against the store, rules over
 * a whole file). Import (app/import.c, app/import_check.c) and export (app/export.c) read only
 * these; they have no branch per kind.
 *
 * Adding a kind: one file app/kind_NAME.c defining `const struct data_kind kind_NAME` with its
 * `.store` (or io/kind_NAME.c for a result exported only), and its row in app/kinds.c's table.
 * docs/architecture.md "A new data kind". */
#ifndef KAOPING_APP_KINDS_H
#define KAOPING_APP_KINDS_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"
#include "io/import_rows.h"
#include "io/kinds.h"

struct checker;            /* app/import_checker.h: an import's checks against the store */
struct year_cache;         /* app/import_checker.h: what the checker holds of one year */
struct app_import_request; /* app/import.h */

/* The rows kind_store.put_many takes at most. */
#define KIND_PUT_MANY 64

struct kind_store {
    /* Writes one row (an upsert in the import's transaction); *res says inserted, updated or
     * unchanged. Problems go to store_errmsg. */
    int (*put)(struct store *st, struct import_row *r, const struct app_import_request *q,
               enum store_put *res);
    /* Writes n rows (at most KIND_PUT_MANY) that the checks compared with the stored ones
     * (IMPORT_STORED_NONE or _OTHER) together, in order; NULL: put writes every row at once.
     * The streamed import holds such rows and writes them this way (before any other write, so
     * the order stays the file's). On failure *failed is the row that failed (those before it
     * are written), with store_errmsg's message. */
    int (*put_many)(struct store *st, struct import_row *rows, size_t n, size_t *failed);
    /* The file is streamed (read twice, never held whole: app/import.c): the checks of a row
     * need only the row, the store and the file's keys. Else the rows are kept and check_all
     * sees them all. */
    bool streamed;
    /* What the checker loads of a row's year besides its header: the row's unit's items (a
     * unit at a time, app/import_check.c). */
    bool unit_items;
    /* One row of a dated kind against the store, after the checks every dated kind shares (the
     * year is open, the unit exists): references, rules, and keeping the stored values of
     * optional columns the file lacks. NULL: the kind is checked as a whole only. */
    void (*check_row)(struct checker *c, struct import_row *r, struct year_cache *y,
                      const struct unit *u);
    /* Checks over the whole file, after check_row of every row (NULL: none). order holds the
     * rows in file order; a kind whose rows must be written in another order (units: parents
     * first) rewrites it. */
    void (*check_all)(struct checker *c, size_t *order);
    /* Frees what the kind's checks keep in year_cache.kind_cache (NULL: they keep nothing). */
    void (*free_cache)(void *cache);
    /* Rules over the file's rows together, once every row is written (NULL: none); problems
     * into probs. Returns a STORE_* status. */
    int (*finish)(struct store *st, struct import_batch *b, struct import_problems *probs);
};

/* The kinds, in the order the help lists them; NULL-terminated. */
extern const struct data_kind *const data_kinds[];

/* The kind with this command-line name (units, targets, ...), or NULL. */
const struct data_kind *kind_find(const char *name);
/* The names of the kinds ("units、targets、..."; importable: only those import takes), joined by
 * sep, the last by last_sep ("或 " or the same as sep), into out. */
void kind_names(bool importable, const char *sep, const char *last_sep, char *out, size_t outsz);

/* The stable id of a ledger record without 编号 (app/kind_ledger.c): a 128-bit hash of year,
 * unit, date, type, points, aspect, method, reason and inspectors (32 lowercase hex). */
void import_ledger_content_id(int year, const char *unit, const struct ledger_entry *e,
                              char out[KP_ID_LEN + 1]);

#endif
