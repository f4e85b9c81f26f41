/* data_version covers other connections (the CLI while the workstation is open), the change
 * counter this connection's own writes; together they move on every committed change. */
#include "db/stamp.h"

#include "db/store_internal.h"

struct store_stamp store_stamp_now(struct store *st)
{
    struct store_stamp s = {0, 0};
    sqlite3 *db = store_db(st);
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        s.others = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    s.own = sqlite3_total_changes64(db);
    return s;
}

bool store_stamp_equal(struct store_stamp a, struct store_stamp b)
{
    return a.others == b.others && a.own == b.own && a.others != 0;
}
