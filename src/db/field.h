/* Field work (docs/field.md): a laptop file checked out of the county file, the changeset of
 * everything changed on it since (SQLite's session extension), and its merge back with the
 * conflicts kept for a person to resolve. */
#ifndef KAOPING_DB_FIELD_H
#define KAOPING_DB_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#include "model/types.h"

struct store;

/* Who a pack comes from and what it was made against; travels in the pack's header. */
struct field_header {
    int format;                   /* FIELD_FORMAT of the program that packed */
    int schema;                   /* the laptop file's schema version */
    char county[KP_ID_LEN + 1];   /* the county file's id (field_meta.county_id) */
    char laptop[KP_ID_LEN + 1];   /* this checkout's id */
    char label[128];              /* e.g. 第二检查组 */
    char operators[512];          /* who entered the changes, comma-separated */
    char checkout_at[32];         /* when the laptop file was checked out (UTC ISO 8601) */
    char created[32];             /* when the pack was made */
};

#define FIELD_FORMAT 1

/* Fills a fresh copy of the county file (made by store_backup_into at path, not yet in
 * place) into a laptop file: its label, id, checkout time and the pristine baseline that
 * field_pack diffs against. Refuses to check out of a laptop file. */
int field_checkout(struct store *st, const char *path, const char *label, char *err,
                   size_t errsz);

/* What the stream functions below return: SQLite's SQLITE_OK and SQLITE_IOERR, for the layers
 * that do not include sqlite3.h (checked in field.c). */
#define FIELD_IO_OK 0
#define FIELD_IO_ERROR 10

/* Receives the pack's changeset a piece at a time (sqlite3session_changeset_strm's xOutput):
 * returns FIELD_IO_OK, or FIELD_IO_ERROR to stop the pack. */
typedef int (*field_out_fn)(void *ctx, const void *data, int n);

/* Streams the changeset of everything changed on this laptop file since checkout to out and
 * fills its header. Holds one table's changes at a time, never the changeset. Refuses a file
 * that is not a laptop file. */
int field_pack(struct store *st, struct field_header *h, field_out_fn out, void *ctx);

/* A pack's changeset as a stream that the merge reads several times (count and check, apply,
 * audit rows): rewind starts it again; read is sqlite3changeset_start_strm's xInput; intact
 * says whether everything was read since the rewind and was the pack's checked bytes (the
 * merge gives up otherwise: the file changed under it). */
struct field_source {
    void *ctx;
    int (*rewind)(void *ctx);
    int (*read)(void *ctx, void *buf, int *n);
    bool (*intact)(void *ctx);
};

/* What one merge did. */
struct field_merge_result {
    long inserted, updated, deleted; /* domain rows changed on the county file */
    long audit_rows;                 /* the laptop's audit rows that came in */
    long already;                    /* changes the county file already had */
    long conflicts;                  /* new conflicts recorded (field conflicts) */
    long known_conflicts;            /* conflicts already recorded by an earlier merge */
    long locked;                     /* changes to a locked year (refused, or skipped) */
    char *locked_list;               /* "table key" lines of those changes (malloc'd) */
    bool unchanged;                  /* nothing new: the transaction was rolled back */
};

/* Merges a pack into the county file in one transaction. pack_id names it in the audit log
 * (its SHA-256). Changes to a locked year: STORE_INVALID with the list in res, nothing
 * written, unless skip_locked. */
int field_merge(struct store *st, const struct field_header *h, const struct field_source *src,
                const char *pack_id, bool skip_locked, struct field_merge_result *res);
void field_merge_result_free(struct field_merge_result *res);

/* One recorded conflict; values are JSON objects of the columns concerned (NULL: no row). */
struct field_conflict {
    long id;
    const char *label, *table, *key, *kind, *checkout, *county, *laptop, *status;
    const char *unit; /* the row's unit code, from its key or its record (NULL: none) */
};
typedef void (*field_conflict_fn)(void *ctx, const struct field_conflict *c);
/* Calls fn for each conflict (only the open ones unless all). Returns the count or < 0. */
int field_conflicts(struct store *st, bool all, field_conflict_fn fn, void *ctx);
/* Open conflicts, for a count on a screen (< 0 on error). */
long field_open_conflicts(struct store *st);
/* Resolves a conflict: keep_laptop writes the laptop's values, else the county's stay. */
int field_resolve(struct store *st, long id, bool keep_laptop);

#endif
