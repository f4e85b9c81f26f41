/* What the import check (app/import_check.c) shares with each kind's own checks (the
 * check_row and check_all of struct kind_store in app/kind_*.c): the checker's state and its
 * lookups. Internal to app. */
#ifndef KAOPING_APP_IMPORT_CHECKER_H
#define KAOPING_APP_IMPORT_CHECKER_H

#include <stdbool.h>
#include <stddef.h>

#include "db/load.h"
#include "db/store.h"
#include "io/import_rows.h"

struct year_cache {
    int year;
    bool locked, lock_reported;
    struct category *cats;
    size_t n_cats;
    bool loaded;
    struct year_data yd; /* units (header); targets and progress: one unit's items at a time
                            (items_unit), or the whole year's (whole); ledger: the year's ledger */
    char *items_unit;
    size_t item_loads;
    bool whole;
    void *kind_cache; /* the kind's own lookups of the year (kind_store.free_cache) */
    size_t last_item; /* checker_item's last find (an index of yd.items) */
};

struct checker {
    struct store *st;
    struct import_batch *b;
    struct import_problems *probs;
    struct unit *units; /* sorted by code */
    size_t n_units;
    const struct unit *last_unit; /* the last row's unit (rows come a unit at a time) */
    size_t index_next; /* the place in b->index after the last row's (import_index_find_at) */
    struct year_cache *years;
    size_t n_years;
    bool failed;           /* the database could not be read */
    bool damage_told;      /* the hint on keeping codes as text was given (app/import_codes.c) */
    bool allow_duplicates; /* --allow-duplicates (app/kind_ledger.c) */
};

/* The column as the file named it (problems name what the operator sees). */
const char *checker_label(const struct checker *c, const char *canonical);
/* The year's cache, its header (units, sources) loaded when data; NULL (c->failed) when the
 * database could not be read. */
struct year_cache *checker_year(struct checker *c, int year, bool data);
/* False (after one error per year) when the year is locked. */
bool checker_year_writable(struct checker *c, struct year_cache *y, long line);
/* For a kind with unit_items: y->yd.items holds the unit's items. False when the database
 * could not be read. */
bool checker_unit_items(struct checker *c, struct year_cache *y, const char *unit);
/* The unit's pool in the cached year (units per year, docs/store.md). */
const char *checker_pool_in_year(const struct year_cache *y, const struct unit *u);
/* The unit of the database with this code, or NULL. */
const struct unit *checker_find_unit(const struct checker *c, const char *code);
/* The year's item of unit/item, or NULL (yd->items sorted by unit code, item code). */
const struct target_item *checker_find_item(const struct year_data *yd, const char *unit,
                                            const char *item);
/* The same in the cached year, the last item found tried first: a file's rows come an item's
 * quarters at a time. */
const struct target_item *checker_item(struct year_cache *y, const char *unit, const char *item);
/* Absent optional columns keep the database's values: true when the file lacks the column;
 * keep_text replaces *dst by a copy of the stored text. */
bool checker_absent(const struct checker *c, const char *canonical);
/* The same by the column's place in the kind's cols (no name lookup: checks of every row). */
bool checker_absent_col(const struct checker *c, size_t col);
void checker_keep_text(char **dst, const char *db);
/* Codes a spreadsheet damaged (app/import_codes.c): a code that is not stored is compared
 * with the stored ones; when it is one of them damaged (model/code_damage.h) or written in
 * scientific notation, the error names the stored code and true is returned. */
bool checker_damaged_unit(struct checker *c, long line, const char *column, const char *code);
/* A unit new in a units file: a damaged code, or the name of a stored unit. */
void checker_new_unit(struct checker *c, const struct import_row *r, const char *code_column,
                      const char *name_column);
/* An item of r->unit not in yd: a damaged code of one of the unit's items that year. */
bool checker_damaged_item(struct checker *c, const struct import_row *r, const char *column,
                          const struct year_data *yd, const char *item);

#endif
