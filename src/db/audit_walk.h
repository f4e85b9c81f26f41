/* Private to src/db: walking the audit log's chain header by header (audit_chain.c seals,
 * audit_verify.c checks, schema_v13.c re-seals what it converted). */
#ifndef KAOPING_DB_AUDIT_WALK_H
#define KAOPING_DB_AUDIT_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "db/audit.h"
#include "db/store_internal.h"

/* Fields of a change hashed, in this order: tbl, row_key, action, shape, old, new, unit. */
#define AUDIT_ROW_FIELDS 7

struct audit_shape {
    long long id;
    char *tbl, *cols;
};
struct audit_shapes {
    struct audit_shape *v;
    size_t n;
};
int audit_shapes_load(struct store *st, struct audit_shapes *out);
void audit_shapes_free(struct audit_shapes *sh);

/* The hash of a header: start (previous hash, id, time, operator), each row, then finish
 * (the shapes used). Fields are a NULL tag 0, or 1 + 4-byte big-endian length + bytes, so
 * ("ab","c") and ("a","bc") differ. */
void audit_hash_text(struct sha256 *c, const void *v, size_t n);
void audit_hash_start(struct sha256 *c, const unsigned char prev[AUDIT_HASH_LEN], const char *id,
                      const char *at, const char *op);
void audit_hash_row(struct sha256 *c, sqlite3_stmt *s, int first, long long **shapes, size_t *n);
void audit_hash_finish(struct sha256 *c, const struct audit_shapes *all, const long long *used,
                       size_t n, unsigned char out[AUDIT_HASH_LEN]);

/* The hash of the last sealed header numbered at most `at` (zeros when there is none). */
int audit_chain_head(struct store *st, long long at, unsigned char prev[AUDIT_HASH_LEN]);

/* One header as the walk saw it. */
struct audit_seen {
    long long n;
    const char *at;
    const unsigned char *stored; /* AUDIT_HASH_LEN bytes when stored_len is that */
    int stored_len;
    bool stored_null;            /* hash IS NULL: written by another program */
    bool unsealed;               /* NULL or the placeholder */
    unsigned char computed[AUDIT_HASH_LEN];
    long long first_pos;         /* position (1-based, in rowid order) of its first row */
    long long rows;
    const char *tbl, *row_key;   /* of its first row (NULL: none) */
};
/* Returns the hash the chain goes on from (NULL: the previous one, unchanged). */
typedef const unsigned char *(*audit_walk_fn)(void *ctx, const struct audit_seen *t);
/* Walks the headers numbered after `after`, in order, with their rows. */
int audit_walk(struct store *st, long long after, audit_walk_fn fn, void *ctx);

#endif
