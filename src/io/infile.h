/* Reading an input file whole: regular files only (or "-" for stdin), under a size cap, so a
 * device (/dev/zero), a FIFO or a directory gets a message saying what it is instead of an
 * endless read or wait (docs/csv.md, "Input files"). */
#ifndef KAOPING_IO_INFILE_H
#define KAOPING_IO_INFILE_H

#include <stdbool.h>
#include <stddef.h>

/* The largest file import reads: far above any county's data, far below the memory of the
 * office machines it runs on. */
#define INFILE_MAX_BYTES ((size_t)512 * 1024 * 1024)

/* The name messages use for path: "标准输入" for "-". */
const char *infile_name(const char *path);

/* Checks that path can be read: a regular file of at most max bytes, or "-". On failure
 * writes "FILE: reason" to err. For readers that open the file themselves (zip). */
/* Opens a regular file of at most max bytes for reading (not "-"): the descriptor, or -1 with
 * the same messages as infile_check. */
int infile_open(const char *path, size_t max, char *err, size_t errsz);
bool infile_check(const char *path, size_t max, char *err, size_t errsz);

/* Reads the whole file (or stdin for "-") into a malloc'd buffer with a NUL after the last
 * byte; *len excludes it. Refuses what infile_check refuses, and stdin beyond max bytes. */
bool infile_read(const char *path, size_t max, char **buf, size_t *len, char *err,
                 size_t errsz);

#endif
