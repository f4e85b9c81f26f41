/* The SQLite store: one file per county. Opening creates, migrates and configures it; every
 * write of domain data goes through here and is recorded in the audit log by triggers. */
#ifndef KAOPING_DB_STORE_H
#define KAOPING_DB_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/types.h"

struct store;

/* Status codes of store functions; the message is in store_errmsg(). */
enum {
    STORE_OK = 0,
    STORE_ERROR = -1,     /* database or I/O error */
    STORE_NOTFOUND = -2,  /* the row asked for does not exist */
    STORE_INVALID = -3,   /* refused: constraint, locked year, bad reference */
};

/* Result of an upsert, for import summaries. */
enum store_put { PUT_INSERTED, PUT_UPDATED, PUT_UNCHANGED };

#define STORE_SCHEMA_VERSION 14

/* Resolves the database path: flag, else $KAOPING_DB, else $XDG_DATA_HOME/kaoping/kaoping.db,
 * else ~/.local/share/kaoping/kaoping.db. Returns a malloc'd string. */
char *store_default_path(const char *flag);

/* Opens (creating directories and the file with mode 0600) and migrates. On failure returns
 * NULL and writes a one-line message to err. */
struct store *store_open(const char *path, const char *operator_name, char *err, size_t errsz);
void store_close(struct store *st);

const char *store_errmsg(const struct store *st);
const char *store_path(const struct store *st);
const char *store_operator(const struct store *st);

/* One user action = one transaction. begin takes the write lock at once (BEGIN IMMEDIATE). */
int store_begin(struct store *st);
/* Told about once a second while store_begin_bulk waits for another program's write
 * transaction (waited and limit in seconds), and once more with done when the wait ends. */
typedef void (*store_wait_fn)(void *ctx, int waited_s, int limit_s, bool done);
/* store_begin for commands that write many rows (import, demo --force): waits up to 60 s
 * (not 5) for another writer, telling on_wait (may be NULL); then runs PRAGMA quick_check and
 * refuses (STORE_ERROR) a corrupt file without writing. After SQLite reports corruption in
 * any call, every later store_begin on this store is refused too; the message points to
 * check and backup. The longer wait stays for the rest of this store's life. */
int store_begin_bulk(struct store *st, store_wait_fn on_wait, void *ctx);
/* store_begin_bulk with the quick_check put off until the transaction is about to write: a
 * bulk write that turns out to change nothing (an unchanged re-import) does not read the whole
 * file, and nothing is ever written into a damaged one (docs/store.md). The check runs at
 * store_bulk_check, or by itself when a statement that writes is prepared or taken from the
 * statement cache while it is pending (that statement is then refused, NULL). */
int store_begin_bulk_deferred(struct store *st, store_wait_fn on_wait, void *ctx);
/* Runs the deferred check now (STORE_OK when none is pending); a damaged file is refused as
 * store_begin_bulk refuses it (STORE_ERROR, rolled back, the message pointing to check and
 * backup). */
int store_bulk_check(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);
/* Ends the transaction of an action whose status is rc: commits when rc is STORE_OK, else
 * rolls back. Returns the final status (the commit's, or rc). */
int store_end(struct store *st, int rc);

/* A fresh random 128-bit id as 32 lowercase hex characters. */
void store_new_id(char out[KP_ID_LEN + 1]);

/* True when the database has no units and no years (a fresh file). */
bool store_is_empty(struct store *st);

#endif
