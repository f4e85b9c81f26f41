/* Writing CSV that Excel and WPS open directly: UTF-8 with BOM, CRLF, every field quoted,
 * and text cells that start with = + - @ prefixed with ' (formula injection). */
#ifndef KAOPING_IO_CSV_WRITE_H
#define KAOPING_IO_CSV_WRITE_H

#include <stdbool.h>
#include <stdio.h>

struct csv_writer {
    FILE *fp;
    bool row_started;
    bool failed;
};

/* Starts a file: writes the BOM. */
void csvw_begin(struct csv_writer *w, FILE *fp);
/* A text cell (NULL = empty). Guarded against formula injection. */
void csvw_text(struct csv_writer *w, const char *s);
/* A number cell written as-is (already formatted, e.g. "89.31"); not guarded. */
void csvw_number(struct csv_writer *w, const char *s);
/* printf-formatted number cell, e.g. csvw_numf(w, "%.2f", x). */
void csvw_numf(struct csv_writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void csvw_end_row(struct csv_writer *w);
/* True when every write succeeded. */
bool csvw_ok(const struct csv_writer *w);

#endif
