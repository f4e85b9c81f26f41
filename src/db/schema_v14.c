/* Schema v14: the audit rows that name no unit are reachable by their key (docs/store.md,
 * "Schema versions"; bench/README.md, "The audit log's screens"). */
#include <stdio.h>

#include "db/store_internal.h"

/* 年度审定's lock history is the `year` row's changes: with no index reaching a row without a
 * unit, SQLite read every change of the log to find them (426,000 on the province). Partial:
 * the rows that name a unit (nearly all) cost an import one test each, no entry. */
int store_audit_migrate_v14(struct store *st, char *err, size_t errsz)
{
    char *msg = NULL;
    int rc = sqlite3_exec(store_db(st),
                          "CREATE INDEX audit_change_key ON audit_change(row_key) WHERE unit IS NULL",
                          NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        snprintf(err, errsz, "数据库结构升级失败: %s", msg ? msg : "audit_change_key");
    sqlite3_free(msg);
    return rc == SQLITE_OK ? 0 : -1;
}
