/* Read-only queries for the workstation's home screen. */
#include "db/store_internal.h"
#include "db/ui_queries.h"

int store_rectification_counts(struct store *st, int year, const char *today, long *open,
                               long *overdue)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT count(*), coalesce(sum(deadline < ?2), 0) "
                                        "FROM rectification WHERE year = ?1 AND status = 'open'");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    sqlite3_bind_text(s, 2, today, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *open = (long)sqlite3_column_int64(s, 0);
        *overdue = (long)sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? STORE_OK : store_fail_sqlite(st, "查询整改");
}
