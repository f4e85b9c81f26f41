/* Reading one sheet of an .xlsx workbook (Excel, WPS, LibreOffice, Gnumeric) row by row:
 * libzip opens the archive, expat parses the parts. Shared strings and styles are held; the
 * sheet itself is parsed in chunks as rows are asked for, so a 200,000-row sheet is never in
 * memory whole. Cells come back as the text a person typed: numbers as the shortest decimal
 * that reads back as the stored double, dates (by their number format) as YYYY-MM-DD,
 * percentages as "77.8%", booleans as TRUE/FALSE, formulas as their cached value. */
#ifndef KAOPING_IO_XLSX_READ_H
#define KAOPING_IO_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>

struct xlsx_reader;

enum xlsx_cell_type {
    XLSX_EMPTY,
    XLSX_TEXT,   /* shared, inline or formula string */
    XLSX_NUMBER, /* a number cell (also a percentage) */
    XLSX_DATE,   /* a number cell with a date or time format */
    XLSX_BOOL,
    XLSX_ERROR /* an error value such as #DIV/0! (the text is the error's name) */
};

struct xlsx_row {
    long row;                   /* 1-based row number in the sheet */
    size_t n;                   /* cells[0] is column A; trailing empty cells left out */
    char **cells;               /* UTF-8, never NULL ("" for a missing cell), trimmed as CSV */
    enum xlsx_cell_type *types; /* per cell */
};

/* True when the file is a regular file starting with the ZIP signature PK\3\4 (xlsx, WPS .et
 * and .ods are zip). A pipe is never read from here. */
bool xlsx_is_zip(const char *path);

/* Opens the workbook and positions on the sheet called `sheet` (NULL: the first sheet).
 * On failure returns NULL and writes one line to err (without the file name). */
struct xlsx_reader *xlsx_open(const char *path, const char *sheet, char *err, size_t errsz);
/* The name of the sheet being read. */
const char *xlsx_sheet_name(const struct xlsx_reader *r);
/* The next row with at least one non-empty cell: 1, and *row is filled (the caller owns it,
 * free with xlsx_row_free); 0 at the end of the sheet; -1 on a broken or hostile file, with
 * one line in err naming the cell when there is one ("B7: ..."). */
int xlsx_next(struct xlsx_reader *r, struct xlsx_row *row, char *err, size_t errsz);
void xlsx_row_free(struct xlsx_row *row);
void xlsx_close(struct xlsx_reader *r);

/* "B7" for column index 1 (0 = A) and row 7. */
void xlsx_cell_ref(size_t col, long row, char out[16]);

#endif
