/* Reading the audit log (it is written only by triggers and never edited). */
#ifndef KAOPING_DB_AUDIT_H
#define KAOPING_DB_AUDIT_H

#include <stddef.h>

#include "db/maintenance.h"
#include "db/store.h"

/* Bytes of SHA-256 kept per audit row (docs/store.md, "Tamper evidence"). */
#define AUDIT_HASH_LEN 16

struct audit_row {
    char *at;        /* local time and its offset from UTC: "2026-12-02 22:15:03 +08:00"
                        (stored as UTC, ISO 8601; a time kaoping did not write, as stored) */
    char *operator_name;
    char *table;
    char *row_key;
    char *action;    /* insert / update / delete */
    char *old_json;  /* NULL on insert */
    char *new_json;  /* NULL on delete */
};

struct audit_filter {
    const char *unit;      /* rows about this unit code (its own row or rows that name it) */
    /* since / until below are local dates (YYYY-MM-DD), as the times are shown */
    const char *table;     /* exact table name */
    const char *row_key;   /* with table (and no unit): only that row's history, read row first:
                              a row of a table without a unit column, or a unit's own row */
    const char *since;     /* YYYY-MM-DD, inclusive */
    const char *until;     /* YYYY-MM-DD, inclusive */
    size_t limit;          /* 0 = no limit */
};

/* Newest first. */
int store_audit_query(struct store *st, const struct audit_filter *f, struct audit_row **rows,
                      size_t *n);
/* A row as store_audit_each hands it: the texts are valid during the call only. */
struct audit_row_view {
    const char *at, *operator_name, *table, *row_key, *action;
    const char *old_json, *new_json; /* NULL on insert / delete */
};
typedef void (*audit_row_fn)(void *ctx, const struct audit_row_view *r);
/* Calls fn for each row, newest first, as they are read: nothing is held, so a province's
 * whole log (a million rows and more) is printed in constant memory. STORE_OK, or
 * STORE_ERROR when the walk stopped (after the rows handed so far). */
int store_audit_each(struct store *st, const struct audit_filter *f, audit_row_fn fn, void *ctx);
void store_free_audit(struct audit_row *rows, size_t n);

/* Paging through a filter's rows (审计日志 reads only the rows it shows): the ids of the
 * rows store_audit_query would give, in its order, without their values (cheap: no time or
 * JSON is formatted); then the rows of some ids, rows[i] for ids[i]. STORE_NOTFOUND when an
 * id has no row (nothing filled then). store_free_audit_rows frees the texts of n rows and
 * zeroes them, leaving the array. */
int store_audit_ids(struct store *st, const struct audit_filter *f, long long **ids, size_t *n);
int store_audit_rows(struct store *st, const long long *ids, size_t n, struct audit_row *rows);
void store_free_audit_rows(struct audit_row *rows, size_t n);

/* What store_audit_verify found. */
struct audit_verdict {
    long long rows;            /* audit rows */
    long long unsealed;        /* rows no kaoping transaction sealed (written by another program) */
    long long broken;          /* sealed rows whose hash does not follow from the row before */
    int bad_triggers;          /* audit / lock / guard triggers missing, altered, or foreign */
    unsigned char head[AUDIT_HASH_LEN]; /* hash of the last sealed row: the chain's head */
};

/* Verifies the audit and year-lock triggers (present, exact text, no foreign ones) and the
 * hash chain; reports each problem (the first unsealed row, the first break, with its position
 * and key) as CHECK_ERROR through report (may be NULL). Returns the number of problems
 * reported, or STORE_ERROR. out (may be NULL) receives the counts and the head. */
int store_audit_verify(struct store *st, check_report_fn report, void *ctx,
                       struct audit_verdict *out);

#endif
