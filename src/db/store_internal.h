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
/* Records sqlite's message for the last call; maps constraint errors to STORE_INVALID, and a
 * full disk to a message saying so, that nothing was written, and what to do. */
int store_fail_sqlite(struct store *st, const char *what);
/* A full disk (store_room.c): why the last call's write did not fit ("磁盘已满", the size
 * limit) or NULL; the message of a write that did not fit (returns STORE_ERROR); the message
 * of an open that failed, a full disk named as one (returns -1). */
const char *store_no_room(struct store *st);
int store_fail_no_room(struct store *st, const char *what, const char *why);
int store_open_failed(struct store *st, char *err, size_t errsz);
#define STORE_NO_ROOM_HINT "请腾出磁盘空间 (df -h 查看各磁盘的剩余空间) 后重试"

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

/* The audit log (docs/store.md, "The audit log"): one header per write transaction
 * (audit_tx: id, time, operator, chain hash) and its changed rows (audit_change); the view
 * `audit` shows them with the columns of one row per change. */
#include "model/sha256.h"

/* The open write transaction's header: its number (audit_tx.n, what kp_tx() gives the
 * triggers), id, time and operator, and the chain hash so far (the previous header's hash,
 * these fields, then the rows hashed up to `fed`). */
struct audit_open {
    bool active;
    long long n;
    char id[33];
    char at[32];
    char *operator_name;
    struct sha256 sha;
    long long fed;           /* the last audit_change rowid hashed */
    long long rows;          /* rows hashed */
    long long *shapes;       /* the shapes those rows use, ascending */
    size_t nshapes;
    long long outside;       /* the unsealed header of writes outside a transaction */
};
struct audit_open *store_audit_state(struct store *st);
/* kp_tx(), registered on every connection: the number the audit triggers give a row. */
void store_audit_sql_tx(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* The value of audit_tx.hash until a header is sealed (the column default), as SQL. */
#define AUDIT_UNSEALED "x'00000000000000000000000000000000'"
/* store_begin: opens the transaction's header (its number after every header and row in the
 * file, so rows another program wrote are never sealed as ours). */
int store_audit_open(struct store *st);
/* Hashes the rows the transaction's triggers wrote since the last call (a bulk write calls it
 * every few thousand rows while their pages are cached). */
int store_audit_feed(struct store *st);
/* store_commit: hashes the rest, writes the header if any row has it, then seals the headers
 * a merge brought in (after it, in order). */
int store_audit_seal(struct store *st);
/* store_rollback: forgets the header. */
void store_audit_close(struct store *st);
/* Seals, in order, the headers after number `after` whose hash is the placeholder, chaining
 * from the last sealed one before them (merges, the v13 migration). */
int store_audit_seal_from(struct store *st, long long after);
/* The unit a change is about, as SQL over (tbl, row_key, old, new) given as JSON objects:
 * its unit's code, '*' when old and new name different units, NULL when none (what
 * `audit --unit` filters on; docs/store.md). */
#define AUDIT_UNIT_OF(tbl, key, old, new)                                                          \
    "CASE WHEN " tbl " = 'unit' THEN " key " ELSE (SELECT CASE WHEN o IS NOT NULL AND w IS NOT"   \
    " NULL AND o IS NOT w THEN '*' ELSE coalesce(w, o) END FROM (SELECT iif(json_valid(" old "),"  \
    " json_extract(" old ", '$.unit'), NULL) AS o, iif(json_valid(" new "), json_extract(" new "," \
    " '$.unit'), NULL) AS w)) END"
/* A change's old or new values as the JSON object the readers know, as SQL over
 * audit_change c: rows with a shape keep a JSON array under its column names; rows without
 * (merges, conflict decisions, another program's rows) keep the object itself. */
#define AUDIT_VALUES(col)                                                                          \
    "CASE WHEN c.shape IS NULL OR c." col " IS NULL THEN c." col " ELSE (SELECT"                  \
    " json_group_object(k.value, json_extract(c." col ", '$[' || k.key || ']')) FROM audit_shape" \
    " s, json_each(s.cols) k WHERE s.id = c.shape) END"
/* A change's table, as SQL over audit_change c: a row with a shape leaves it to the shape
 * (8 bytes a progress row; bench/README.md, "The compact audit"). */
#define AUDIT_TBL "coalesce(c.tbl, (SELECT s.tbl FROM audit_shape s WHERE s.id = c.shape))"
/* Schema v13 (schema_v13.c): the audit log as headers and rows. */
int store_audit_migrate_v13(struct store *st, char *err, size_t errsz);
/* Schema v14 (schema_v14.c): the index of the audit rows without a unit, by key. */
int store_audit_migrate_v14(struct store *st, char *err, size_t errsz);
/* The one-table log's seal (v5..v12): hashes its unsealed rows in rowid order (migrate_to_5). */
int store_audit_seal_v12(struct store *st);
/* Creates the v13 guards of the audit tables and the view's INSTEAD OF INSERT trigger. */
int schema_audit_guards_create(struct store *st, char *err, size_t errsz);
/* The open transaction's header id (NULL outside one): what a merge's conflicts name. */
const char *store_audit_tx_id(struct store *st);
/* The shape (audit_shape.id) of a table's current columns, -1 when not recorded yet. */
long long schema_audit_shape(sqlite3 *db, const char *table, const char *cols_json);
/* Records the shape of every audited table's current columns (a migration that changes an
 * audited table's columns calls it before making its triggers again). */
int schema_audit_shapes_record(struct store *st);

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
