/* Private to src/db: the raw handle and statement helpers shared by the store's modules. */
#ifndef KAOPING_DB_STORE_INTERNAL_H
#define KAOPING_DB_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "db/store.h"

sqlite3 *store_db(struct store *st);
/* Records a message (printf style) as the store's last error; returns `code`. */
int store_fail(struct store *st, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Records sqlite's message for the last call; maps constraint errors to STORE_INVALID. */
int store_fail_sqlite(struct store *st, const char *what);

/* Prepare a statement (NULL on error, message recorded). */
sqlite3_stmt *store_prepare(struct store *st, const char *sql);

/* Bind helpers: NULL text binds SQL NULL; the *_opt variants bind NULL when !present. */
void bind_text(sqlite3_stmt *s, int i, const char *v);
void bind_double_opt(sqlite3_stmt *s, int i, bool present, double v);
/* Column helpers: copies (malloc'd) or NULL. */
char *column_strdup(sqlite3_stmt *s, int i);

/* Executes a statement with no result rows and finalizes it. */
int store_step_done(struct store *st, sqlite3_stmt *s, const char *what);

/* Schema v10 (sources.c): the grade, score_source and score tables and their triggers. */
int store_sources_migrate(struct store *st, char *err, size_t errsz);
/* Schema v11 (schema_v11.c): progress rebuilt (optional actual, decision, 更正). */
int store_progress_migrate(struct store *st, char *err, size_t errsz);

/* Schema v12 (schema_v12.c): the audit action check without IN, audit triggers with
 * AUDIT_NEW_ID. */
int store_audit_migrate_v12(struct store *st, char *err, size_t errsz);
/* A new audit row's id, as SQL: 32 hex digits, the millisecond (12) then 80 random bits (20).
 * As unique across copies of a file as 128 random bits were (field merge, docs/store.md), but
 * rising, so the log's primary key grows at its end instead of at a random page of the log. */
#define AUDIT_NEW_ID                                                                               \
    "printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))"                 \
    " || lower(hex(randomblob(10)))"

/* store_file.c: true when this account may not write the file or create its -wal and -shm
 * beside it; "file:PATH?query" with the characters a URI gives meaning to escaped. */
bool store_must_open_readonly(const char *path);
char *store_file_uri(const char *path, const char *query);
/* SQLite's process-wide settings, once, before it initialises (sqlite3_config is refused
 * after): called by store_open. */
void store_configure_sqlite(void);

/* Schema creation and migration (schema.c). check_version refuses (-1, message in err) a
 * file from a newer kaoping before anything is written to it; migrate checks again inside
 * its write lock. */
int schema_check_version(struct store *st, char *err, size_t errsz);
int schema_migrate(struct store *st, char *err, size_t errsz);
/* Calls fn(ctx, name, sql) for every trigger the current schema has, with its exact text as
 * sqlite_schema.sql stores it; stops at the first non-zero return and returns it. */
typedef int (*schema_trigger_fn)(void *ctx, const char *name, const char *sql);
int schema_each_trigger(struct store *st, schema_trigger_fn fn, void *ctx);

/* Drops (on false) or recreates (on true) the triggers that refuse deleting published
 * snapshots: only for store_wipe, which removes everything inside one transaction. */
int schema_snapshot_delete_guards(struct store *st, bool on);

/* The audit hash chain (audit_chain.c). mark: the audit log's last rowid, taken when a write
 * transaction begins. seal: hashes, in rowid order, the unsealed rows after `after` (those
 * this transaction's triggers wrote), chaining from the last sealed row before them. */
long long store_audit_mark(struct store *st);
/* The value of `hash` until a row is sealed (the column default), as SQL. */
#define AUDIT_UNSEALED "x'00000000000000000000000000000000'"
int store_audit_seal(struct store *st, long long after);

/* A prepared statement for sql from the cache (reset, bindings cleared), preparing it on a
 * miss. Matched by text, so a reused address of a freed string cannot return a wrong one.
 * The statement stays owned by the cache: release it with store_cached_done, never finalize. */
sqlite3_stmt *store_cached(struct store *st, const char *sql);
/* Ends the use of a cached statement (releases its read lock / row). */
void store_cached_done(sqlite3_stmt *s);
/* After a write of `changed` audited rows: a bulk write seals the audit log every so many rows
 * (store.c). A STORE_* status. */
int store_wrote(struct store *st, int changed);

/* Insert-or-update in one step: `exists_sql` (binding only the key, ?1..?k) tells insert from
 * update; `upsert_sql` is INSERT .. ON CONFLICT DO UPDATE .. WHERE <something differs>, so an
 * identical row reports PUT_UNCHANGED and writes no audit row. Both use the same binder. */
typedef void (*store_binder)(sqlite3_stmt *s, const void *ctx);
int store_upsert(struct store *st, const char *exists_sql, const char *upsert_sql,
                 store_binder bind, const void *ctx, enum store_put *res, const char *what);
/* The same when the caller already knows whether the key is stored (an import's checks
 * loaded the stored row): no probe, one statement. */
int store_upsert_known(struct store *st, bool existed, const char *upsert_sql, store_binder bind,
                       const void *ctx, enum store_put *res, const char *what);
/* The target row as given, without the approval rules of store_target_put (db/approvals.c
 * applies them first). */
int store_target_write(struct store *st, int year, const char *unit, const struct target_item *it,
                       enum store_put *res);
/* Single-row integer query with bound text/int parameters via binder; returns -1 on error. */
long long store_query_int(struct store *st, const char *sql, store_binder bind, const void *ctx);
#endif
