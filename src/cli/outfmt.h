/* Output helpers for commands that print tables and JSON: a column-aligned text table
 * (display width, so CJK lines up) and JSON string escaping. */
#ifndef KAOPING_CLI_OUTFMT_H
#define KAOPING_CLI_OUTFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum outfmt_format { OUTFMT_TABLE, OUTFMT_CSV, OUTFMT_JSON };

/* Parses table / csv / json; false (after a usage error naming `command`) otherwise. */
bool outfmt_parse(const char *command, const char *s, enum outfmt_format *out);

/* A table collected row by row and printed with every column as wide as its widest cell
 * (capped at max_width when > 0: longer text is cut at a character boundary and ends in "..."). */
struct outfmt_table;
struct outfmt_table *outfmt_table_new(size_t ncols, const char *const *heads);
void outfmt_table_align_right(struct outfmt_table *t, size_t col);
void outfmt_table_max_width(struct outfmt_table *t, size_t col, int max_width);
/* Adds a row of ncols cells (copied; NULL prints as empty). */
void outfmt_table_add(struct outfmt_table *t, const char *const *cells);
size_t outfmt_table_rows(const struct outfmt_table *t);
/* Header plus rows, two spaces between columns, no trailing spaces. */
void outfmt_table_print(const struct outfmt_table *t, FILE *fp);
/* The same table without holding its rows (`kaoping monitor` of a province): measure every row
 * first, then print the header and the rows; the widths are those outfmt_table_print would use
 * had the rows been added. heads must stay valid while the table is used. */
void outfmt_table_measure(struct outfmt_table *t, const char *const *cells);
void outfmt_table_print_head(const struct outfmt_table *t, FILE *fp);
void outfmt_table_print_row(const struct outfmt_table *t, const char *const *cells, FILE *fp);
void outfmt_table_free(struct outfmt_table *t);

/* "text" with JSON escapes (quotes, backslash, control characters); NULL prints null. */
void outfmt_json_string(FILE *fp, const char *s);

#endif
