/* Reading the audit log (it is written only by triggers and never edited). */
#ifndef KAOPING_DB_AUDIT_H
#define KAOPING_DB_AUDIT_H

#include <stddef.h>

#include "db/store.h"

struct audit_row {
    char *at;        /* UTC, ISO 8601 */
    char *operator_name;
    char *table;
    char *row_key;
    char *action;    /* insert / update / delete */
    char *old_json;  /* NULL on insert */
    char *new_json;  /* NULL on delete */
};

struct audit_filter {
    const char *unit;      /* rows about this unit code (its own row or rows that name it) */
    const char *table;     /* exact table name */
    const char *since;     /* YYYY-MM-DD, inclusive */
    const char *until;     /* YYYY-MM-DD, inclusive */
    size_t limit;          /* 0 = no limit */
};

/* Newest first. */
int store_audit_query(struct store *st, const struct audit_filter *f, struct audit_row **rows,
                      size_t *n);
void store_free_audit(struct audit_row *rows, size_t n);

#endif
