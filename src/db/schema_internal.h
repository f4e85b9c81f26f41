/* Private to the schema modules (schema.c, schema_audit.c): the audited tables and the text
 * of their audit triggers and of the audit log's guards. */
#ifndef KAOPING_DB_SCHEMA_INTERNAL_H
#define KAOPING_DB_SCHEMA_INTERNAL_H

#include "db/store_internal.h"

/* Tables whose changes are audited, with the SQL expression of their key (over NEW./OLD.). */
struct audited {
    const char *table;
    const char *key;        /* uses the prefix placeholder '$' for NEW/OLD */
    bool year_locked;       /* writes refused while the row's year is locked */
    int since;              /* schema version that created the table (0: version 1) */
};

/* The audit trigger of one action (0 insert, 1 update, 2 delete) on t, as stored in
 * sqlite_schema.sql; before schema v13 (no audit_change yet) the one-table log's text. */
char *schema_audit_trigger_sql(sqlite3 *db, const struct audited *t, int a);
/* The table's current column names as a JSON array (what audit_shape.cols holds). */
char *schema_cols_of(sqlite3 *db, const char *table);
/* Calls fn for each guard of the audit log, in creation order. */
int schema_each_audit_guard(schema_trigger_fn fn, void *ctx);

/* The v5..v12 guards of the one-table log (migrate_to_5; schema v13 drops that table). */
#define AUDIT_V5_NO_UPDATE                                                                         \
    "CREATE TRIGGER audit_no_update BEFORE UPDATE OF id, at, operator, tbl, row_key, action, old," \
    " new ON audit BEGIN SELECT RAISE(ABORT, 'KP_AUDIT_APPEND_ONLY'); END"
#define AUDIT_V5_SEAL_ONCE                                                                         \
    "CREATE TRIGGER audit_seal_once BEFORE UPDATE OF hash ON audit WHEN OLD.hash IS NOT NULL AND"  \
    " OLD.hash <> " AUDIT_UNSEALED " BEGIN SELECT RAISE(ABORT, 'KP_AUDIT_APPEND_ONLY'); END"

#endif
