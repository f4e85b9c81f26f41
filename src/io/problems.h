/* The problems an import finds, each "LOCATION text" where the location comes from the row
 * source (io/rows.h: "FILE:LINE: 列 NAME: " for CSV). At most IMPORT_MAX_SHOWN of each list
 * are kept; the totals count all. Printed in line order. */
#ifndef KAOPING_IO_PROBLEMS_H
#define KAOPING_IO_PROBLEMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct rows;

#define IMPORT_MAX_SHOWN 100
struct import_problems {
    char *file;
    const struct rows *src; /* names locations when set; else "FILE:LINE: 列 NAME: " */
    char **errors, **warnings;
    long *error_lines, *warning_lines; /* for printing in line order */
    size_t n_errors, n_warnings;       /* totals */
};
void import_problems_init(struct import_problems *p, const char *file);
void import_problems_free(struct import_problems *p);
/* column may be NULL (a problem of the whole row or file); line 0 is the whole file. */
void import_error(struct import_problems *p, long line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void import_warning(struct import_problems *p, long line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Prints the kept messages (one a line) and "还有 N 个..." when some were left out. */
void import_problems_print(const struct import_problems *p, FILE *fp, bool warnings);

#endif
