/* Writing one table as an .xlsx workbook (libxlsxwriter) that Excel, WPS and LibreOffice open
 * and that `kaoping import` reads back exactly: text cells stay text (a code like 001 or an
 * 18-digit id never becomes a number), numbers are numbers, dates in the date columns are
 * dates, the header row is bold and frozen, columns are as wide as their text (a Chinese
 * character is two). Rows stream to disk (libxlsxwriter's constant-memory mode), so a
 * 200,000-row ledger does not sit in memory. */
#ifndef KAOPING_IO_XLSX_WRITE_H
#define KAOPING_IO_XLSX_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "io/rows.h"

struct xlsx_out;

/* An .xlsx sheet's size (Excel's, which libxlsxwriter enforces): rows counting the header and
 * title rows, and columns. */
#define XLSX_SHEET_ROWS ((size_t)1048576)
#define XLSX_SHEET_COLS ((size_t)16384)

/* The rows a sheet may hold: XLSX_SHEET_ROWS, or fewer when $KAOPING_XLSX_MAX_ROWS says so.
 * That variable is for tests only (a refusal is tested without a million rows); it can only
 * lower the limit. */
size_t xlsx_sheet_rows(void);
/* Whether a sheet of `rows` rows (all of them: header and titles too) and `cols` columns fits;
 * when not, false and one line in err naming the sheet, the counts and the limit. */
bool xlsx_sheet_fits(const char *sheet, size_t rows, size_t cols, char *err, size_t errsz);

/* Starts a workbook written to `path` (by name: the caller writes a temp file and renames it)
 * with one sheet called `sheet`. The first row written is the header. NULL on failure. */
struct xlsx_out *xlsx_out_open(const char *path, const char *sheet, char *err, size_t errsz);
/* A text cell (NULL = empty). */
void xlsx_out_text(struct xlsx_out *w, const char *s);
/* A number already formatted ("1200.5"); "" is an empty cell; anything that is not a plain
 * number (a schedule "25/50/75/100") is written as text. */
void xlsx_out_number(struct xlsx_out *w, const char *s);
void xlsx_out_end_row(struct xlsx_out *w);
/* The export cell sink (io/rows.h) writing into w. */
struct row_sink xlsx_out_sink(struct xlsx_out *w);
/* Rows past xlsx_sheet_rows() are not written, only counted: xlsx_out_close then fails with
 * xlsx_sheet_fits's message. Finishes the file (column widths, then the zip). ok=false discards: nothing is promised
 * about path then (the caller removes its temp file). True when everything was written. */
bool xlsx_out_close(struct xlsx_out *w, bool ok, char *err, size_t errsz);

#endif
