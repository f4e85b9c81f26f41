/* How the store reaches its file: whether this account may write it, and its SQLite URI. */
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
