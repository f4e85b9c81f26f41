/* A format-neutral source of table rows for import, and a sink of cells for export, so the
 * kinds table (io/kinds.h) reads and writes rows without knowing the file format.
 *
 * Reading:
 *     char err[512];
 *     struct rows *src = rows_open(path, err, sizeof err);   // NULL: err says why (exit 3)
 *     struct rows_row r;
 *     while (rows_next(src, &r))          // the header first, then every data row
 *         ... r.cells[0 .. r.n-1] (UTF-8, trimmed, never NULL), r.line ...
 *     rows_close(src);
 * A row's cells stay valid until the next rows_next or rows_close (so a source may stream).
 * r.line is what the source's locations count: the file line where a CSV row starts, the
 * row number of a sheet. Rows whose cells are all empty are skipped by every source.
 *
 * Locations: rows_where(src, line, column, out, sz) writes the prefix of a message about a
 * cell, including the separator before the text:
 *     CSV:  "FILE:LINE: 列 NAME: "   (column NULL: "FILE:LINE: ", line 0: "FILE: ")
 *     XLSX: "FILE: 工作表「NAME」B7 列 NAME: " (io/xlsx_rows.c finds the cell letter from the
 *           column's header text, which is what column is: the header as the file wrote it;
 *           column NULL: "FILE: 工作表「NAME」第 7 行: ", line 0: "FILE: 工作表「NAME」: ")
 * io/problems.c formats every import problem through it. It must keep working until
 * rows_close, also after the last row: the checks against the store (app/import_check.c)
 * name their problems after the whole file was read.
 *
 * Formats: rows_open picks the reader by content: a file starting with the ZIP signature
 * ("PK\3\4") is a workbook (io/xlsx_rows.c, streamed), anything else CSV (io/csv_read.c:
 * streamed when it is plain UTF-8, else read whole). A
 * streamed source can break off (a damaged workbook): rows_next then returns false early and
 * rows_error says why. */
#ifndef KAOPING_IO_ROWS_H
#define KAOPING_IO_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "io/csv_read.h"
#include "io/encoding.h"

struct rows_row {
    long line;    /* the location's row: CSV file line, sheet row number */
    size_t n;     /* cells */
    char **cells; /* UTF-8, "" for an empty cell */
};

/* One reader of one format. */
struct rows_ops {
    /* 1: the next row in *out; 0: the end; -1: the file is broken mid-way (one line in err,
     * with its file name and place). rows_peek is the source's: it keeps one row back. */
    int (*next)(void *state, struct rows_row *out, char *err, size_t errsz);
    void (*where)(const void *state, long line, const char *column, char *out, size_t outsz);
    void (*close)(void *state);
    /* The sheet read (a workbook), else NULL. May be NULL. */
    const char *(*sheet)(const void *state);
    /* Back to the first row (the import reads a file twice): 0, or -1 with one line in err.
     * May be NULL (the source cannot be read again). */
    int (*rewind)(void *state, char *err, size_t errsz);
};

struct rows;

/* Opens a file by path. NULL on failure, with one line in err naming the file (and line). */
struct rows *rows_open(const char *path, char *err, size_t errsz);
/* The same, reading the sheet called `sheet` of a workbook (NULL: the first sheet); a CSV file
 * with a sheet named is refused. */
struct rows *rows_open_sheet(const char *path, const char *sheet, char *err, size_t errsz);
/* A source over a table already read (tests, the fuzzer): name is used in locations. The
 * table is borrowed and must outlive the source. */
struct rows *rows_from_table(const char *name, const struct csv_table *t);
/* For a reader of another format: wraps its state (closed by ops->close). */
struct rows *rows_new(const char *name, const struct rows_ops *ops, void *state,
                      enum text_encoding enc, long data_rows);

/* False at the end, and when the file turned out broken (then rows_error says why). */
bool rows_next(struct rows *src, struct rows_row *out);
/* The row rows_next will return next, without taking it (the face shows the header before
 * the import reads it). False at the end. */
bool rows_peek(struct rows *src, struct rows_row *out);
/* The sheet being read (a workbook), NULL for CSV. */
const char *rows_sheet(const struct rows *src);
/* The message prefix of a location (see above). */
void rows_where(const struct rows *src, long line, const char *column, char *out, size_t outsz);
/* Back to the first row (the header), to read the file again: false (rows_error says why)
 * when the source cannot. */
bool rows_rewind(struct rows *src);
/* Why reading stopped early (a streaming reader meeting a broken file), or NULL. */
const char *rows_error(const struct rows *src);
/* The name given at open (the path). */
const char *rows_name(const struct rows *src);
/* The text encoding the source was decoded from (ENC_UTF8 for formats that are always UTF-8). */
enum text_encoding rows_encoding(const struct rows *src);
/* Data rows (header excluded) when known before reading them, else -1. */
long rows_data_count(const struct rows *src);
void rows_close(struct rows *src);

/* The CSV form of a location, shared by every source that names places by file line. */
void rows_where_line(const char *name, long line, const char *column, char *out, size_t outsz);

/* ---- writing ---- */

/* Where export writes its cells: a CSV writer today (rows_csv_sink), an XLSX sheet later.
 * text may be NULL (an empty cell); number is already formatted ("" for an empty cell). */
struct row_sink {
    void *ctx;
    void (*text)(void *ctx, const char *s);
    void (*number)(void *ctx, const char *s);
    void (*end_row)(void *ctx);
};

struct csv_writer;
/* A sink writing through w (csv_write.h); text that already looks formula-guarded gets one
 * more ', so import's field_unguard gives back exactly the stored text. */
struct row_sink rows_csv_sink(struct csv_writer *w);

#endif
