/* How the store reaches its file: whether this account may write it, its SQLite URI, and
 * SQLite's process-wide settings. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/store_internal.h"
#include "model/xmalloc.h"

/* True when this account may not write the file, or may not create its -wal and -shm beside
 * it (a read-only folder or file system, another account's file). */
bool store_must_open_readonly(const char *path)
{
    if (access(path, W_OK) != 0)
        return errno == EACCES || errno == EROFS || errno == EPERM;
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (slash)
        slash[slash == dir] = '\0'; /* "/x.db" -> "/" */
    bool ro = access(slash ? dir : ".", W_OK) != 0 && (errno == EACCES || errno == EROFS);
    free(dir);
    return ro;
}

/* "file:PATH?query" with the characters a URI gives meaning to escaped. */
char *store_file_uri(const char *path, const char *query)
{
    char *out = xmalloc(3 * strlen(path) + strlen(query) + 16);
    char *o = out + sprintf(out, "file:");
    for (const char *p = path; *p; p++) {
        /* A leading "//" would be read as a host name. */
        bool lead = p == path && p[0] == '/' && p[1] == '/';
        if (*p == '%' || *p == '?' || *p == '#' || lead)
            o += sprintf(o, "%%%02X", (unsigned char)*p);
        else
            *o++ = *p;
    }
    sprintf(o, "?%s", query);
    return out;
}

void store_configure_sqlite(void)
{
    static bool configured;
    if (configured)
        return;
    configured = true;
    /* A bulk write is one transaction of many statements, each with a statement journal for
     * its own rollback; past SQLite's default 64 KiB it went to a temp file, millions of write
     * calls in a province import (bench/README.md). Kept in memory (-1: never spilled): a
     * statement holds only the pages it changes that existed before it, and the journal is
     * emptied when it ends. Not a threshold: SQLite 3.40 spills an in-memory journal by
     * writing its first chunk, as large as the threshold, in one write() that it truncates to
     * 128 KiB, and then reports "database or disk is full" (a 4 MiB threshold failed the v11
     * migration of a 500-unit province file; tests/db/test_stmt_journal.c). */
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, -1);
    /* No allocation statistics (nothing reads them): each of SQLite's mallocs and frees took
     * a global mutex for them, 12 % of a small export, most of it parsing the schema. */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
