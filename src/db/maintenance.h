/* Whole-database work: consistency report (check) and consistent copies (backup). */
#ifndef KAOPING_DB_MAINTENANCE_H
#define KAOPING_DB_MAINTENANCE_H

#include <stdbool.h>

#include "db/store.h"

enum check_severity { CHECK_ERROR, CHECK_NOTE };

/* Called once per finding. */
typedef void (*check_report_fn)(void *ctx, enum check_severity sev, const char *message);

/* Runs PRAGMA integrity_check, foreign_key_check and the domain checks. Returns the number
 * of errors (>= 0), or STORE_ERROR when the checks themselves could not run. */
int store_check(struct store *st, check_report_fn report, void *ctx);

/* Writes a consistent, self-contained copy to dest (VACUUM INTO a temp file, then rename).
 * Refuses (STORE_INVALID) when dest exists and !force. Safe while others write. */
int store_backup(struct store *st, const char *dest, bool force);

/* Deletes all domain data (units, years and everything under them; the audit log stays and
 * records the deletions). Locked years are unlocked first. Call inside a transaction. */
int store_wipe(struct store *st);

#endif
