/* Whole-database work: consistency report (check) and consistent copies (backup). */
#ifndef KAOPING_DB_MAINTENANCE_H
#define KAOPING_DB_MAINTENANCE_H

#include <stdbool.h>

#include "db/store.h"

enum check_severity { CHECK_ERROR, CHECK_NOTE };

/* Called once per finding. */
typedef void (*check_report_fn)(void *ctx, enum check_severity sev, const char *message);

/* Runs PRAGMA integrity_check, foreign_key_check, the domain checks and the audit log's
 * verification (store_audit_verify: triggers and hash chain). Returns the number
 * of errors (>= 0), or STORE_ERROR when the checks themselves could not run. */
int store_check(struct store *st, check_report_fn report, void *ctx);

/* The score sources' findings (db/check_sources.c), part of store_check: returns the number
 * of errors, or STORE_ERROR. */
int store_check_sources(struct store *st, check_report_fn report, void *ctx);

/* Writes a consistent, self-contained copy into path, an empty file the caller created (the
 * temp file of io/outfile.h's OUTFILE_DATABASE mode, which renames it into place, syncs it
 * and refuses the database itself). Safe while others write: it never waits for the lock. */
int store_backup_into(struct store *st, const char *path);

/* Deletes all domain data (units, years and everything under them; the audit log stays and
 * records the deletions). Locked years are unlocked first, with reason (may be NULL) in their
 * lock note. Call inside a transaction; the caller decides whether a locked year may go. */
int store_wipe(struct store *st, const char *reason);

#endif
