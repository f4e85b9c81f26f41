/* Private to the field modules (field.c, field_merge.c, field_conflict.c). */
#ifndef KAOPING_DB_FIELD_INTERNAL_H
#define KAOPING_DB_FIELD_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "db/field.h"

/* Tables that never travel: the audit log travels separately (its rows come in as new rows,
 * sealed by the county file), the field tables belong to one file. */
bool field_table_is_local(const char *name);

/* The pack's audit table: one row per change, keyed by its header's id and its place there
 * (field.c writes it, field_merge.c reads it). */
#define FIELD_AUDIT_COLUMNS                                                                        \
    "id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT, operator TEXT, tbl TEXT, row_key TEXT,"    \
    " action TEXT, old TEXT, new TEXT"
#define FIELD_AUDIT_NCOLS 9

/* A field_meta value as a malloc'd string, or NULL. */
char *field_meta_get(sqlite3 *db, const char *schema, const char *key);
/* "laptop" for a checked-out file, NULL for a county file. */
bool field_is_laptop(sqlite3 *db);

/* A growing string. */
struct field_buf {
    char *s;
    size_t len;
};
void field_buf_add(struct field_buf *b, const char *s);
/* sqlite3_mprintf formats: %w and %q quote identifiers and strings. */
void field_buf_addf(struct field_buf *b, const char *fmt, ...);
/* A value as JSON (reals with 17 digits, so they read back exactly). */
void field_buf_value(struct field_buf *b, sqlite3_value *v);

/* The column names of a table in the main schema (NULL when none); free with
 * field_cols_free. */
char **field_cols(sqlite3 *db, const char *table, int *n);
void field_cols_free(char **cols, int n);

#endif
