/* A full disk named as one (docs/store.md, "A full disk"): SQLite's own words, "database or
 * disk is full" or "disk I/O error", say neither what became of the data nor what to do. */
#include <errno.h>
#include <stdio.h>

#include "db/store_internal.h"

/* SQLite reports SQLITE_FULL when a write of its own meets ENOSPC, and an I/O error when the
 * -shm cannot grow on a full disk or a file passes the account's size limit (ulimit -f:
 * EFBIG). */
const char *store_no_room(struct store *st)
{
    sqlite3 *db = store_db(st);
    int ext = sqlite3_extended_errcode(db) & 0xff, sys = sqlite3_system_errno(db);
    if (ext != SQLITE_FULL && ext != SQLITE_IOERR)
        return NULL;
    if (sys == EFBIG)
        return "文件超过了这个账户允许的大小 (ulimit -f)";
    if (ext == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT)
        return "磁盘已满";
    return NULL;
}

/* Every write is one transaction, which SQLite rolls back when it cannot be written whole:
 * the operator is told that nothing changed and what to do, the reason first, so that it
 * leads wherever a narrow screen cuts the message. */
int store_fail_no_room(struct store *st, const char *what, const char *why)
{
    return store_fail(st, STORE_ERROR, "%s: %s, 未写入任何数据 (数据库 %s); " STORE_NO_ROOM_HINT,
                      what, why, store_path(st));
}

/* Opening a WAL file makes its -shm: on a full disk that fails before anything is read. */
int store_open_failed(struct store *st, char *err, size_t errsz)
{
    sqlite3 *db = store_db(st);
    const char *why = db ? store_no_room(st) : NULL;
    if (why)
        snprintf(err, errsz, "无法打开数据库 %s: %s, 未写入任何数据; " STORE_NO_ROOM_HINT,
                 store_path(st), why);
    else
        snprintf(err, errsz, "无法打开数据库 %s: %s", store_path(st), sqlite3_errmsg(db));
    return -1;
}
