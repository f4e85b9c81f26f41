/* What the two halves of the import check share (app/import_check.c checks references and
 * rules, app/import_merge.c keeps stored values of absent columns): the checker's state and
 * its lookups. Internal to app. */
#ifndef KAOPING_APP_IMPORT_CHECKER_H
#define KAOPING_APP_IMPORT_CHECKER_H

#include <stdbool.h>
#include <stddef.h>

#include "db/load.h"
#include "db/store.h"
#include "io/import_rows.h"

struct content_ref {
    char cid[KP_ID_LEN + 1]; /* import_ledger_content_id of the stored record */
    const struct ledger_entry *e;
};

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
    const struct ledger_entry **ledger_by_id; /* built on first ledger lookup */
    struct content_ref *by_content;           /* built on first content match */
};

struct checker {
    struct store *st;
    struct import_batch *b;
    struct import_problems *probs;
    struct unit *units; /* sorted by code */
    size_t n_units;
    struct year_cache *years;
    size_t n_years;
    bool failed; /* the database could not be read */
    bool damage_told; /* the hint on keeping codes as text was given (app/import_codes.c) */
    bool allow_duplicates; /* --allow-duplicates: see checker_match_content */
};

/* The unit of the database with this code, or NULL. */
const struct unit *checker_find_unit(const struct checker *c, const char *code);
/* The year's item of unit/item, or NULL (yd->items sorted by unit code, item code). */
const struct target_item *checker_find_item(const struct year_data *yd, const char *unit,
                                            const char *item);
/* Absent optional columns keep the database's values (app/import_merge.c). */
void checker_merge_unit(struct checker *c, struct import_row *r);
void checker_merge_dated(struct checker *c, struct import_row *r, struct year_cache *y);
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
/* A ledger row without 编号 takes the id of the stored record with the same content; a row
 * with a new 编号 and the content of a stored record is an error unless allow_duplicates. */
void checker_match_content(struct checker *c, struct import_row *r, struct year_cache *y);

#endif
