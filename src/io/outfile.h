/* The one way kaoping writes a file (export, report, backup, the workstation's exports): never
 * over the open database, never over an existing file unless asked, never half-written, and
 * durable once it says done (docs/store.md, "Files kaoping writes"). */
#ifndef KAOPING_IO_OUTFILE_H
#define KAOPING_IO_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum {
    OUTFILE_FORCE = 1,    /* an existing regular file may be replaced (--force) */
    OUTFILE_BY_NAME = 2,  /* the caller fills tmp by name (a library that opens the file
                           * itself, e.g. an .xlsx writer): fp is NULL, regular files only */
    OUTFILE_DATABASE = 6, /* BY_NAME for a SQLite copy (VACUUM INTO): the stale
                           * -wal/-shm/-journal beside the destination are removed too */
};

enum outfile_status {
    OUTFILE_OK,
    OUTFILE_REFUSED, /* the destination is not allowed (the database, exists, a directory) */
    OUTFILE_FAILED,  /* the system said no (permissions, missing folder, full disk) */
};

struct outfile {
    FILE *fp;    /* where to write; NULL with OUTFILE_BY_NAME (fill tmp by name) */
    char *path;  /* the destination (after symbolic links); NULL for stdout */
    char *tmp;   /* the temp file renamed over path by outfile_close; NULL when direct */
    int tmp_fd;  /* open on tmp, holding a lock that tells other writers it is in use */
    unsigned flags;
    bool direct; /* a FIFO, device or standard stream: written in place, never renamed */
};

/* Prepares writing `path` ("-" or NULL: stdout; /dev/stdout and /dev/fd/1 too). Refuses the
 * database `protect` (may be NULL) and its -wal/-shm/-journal, by name and by device and
 * inode (hard links, symbolic links, other spellings); an existing file without
 * OUTFILE_FORCE; a directory. A FIFO or device is opened and written in place. Anything else
 * gets PATH.tmp-XXXXXX (0600), after removing such temp files left by a killed kaoping.
 * On failure err holds one line naming the file. */
enum outfile_status outfile_open(struct outfile *o, const char *path, const char *protect,
                                 unsigned flags, char *err, size_t errsz);

/* Finishes. With ok: flushes, syncs the file, renames it over the destination and syncs the
 * folder, so a success survives a power cut; false with a message in err on any write error
 * (stdout included). Without ok (the caller gave up): removes the temp file; returns false,
 * with a message only when a write error also happened (err is "" otherwise). */
bool outfile_close(struct outfile *o, bool ok, char *err, size_t errsz);

#endif
