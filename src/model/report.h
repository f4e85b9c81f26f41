/* A printed document as plain data (docs/xlsx.md "Reports"): sheets, each with a title, one
 * column header row and rows that are data, section headings or notes. The app layer fills
 * one from the store (app/report.h), io/xlsx_report.h lays it out for printing, and tests
 * read it without a file. Pure: no I/O. */
#ifndef KAOPING_MODEL_REPORT_H
#define KAOPING_MODEL_REPORT_H

#include <stddef.h>
#include <stdint.h>

enum report_cell_kind {
    REPORT_EMPTY,
    REPORT_TEXT,
    REPORT_HUNDREDTHS, /* a number kept with two decimals: value / 100 */
    REPORT_INT,
};

struct report_cell {
    enum report_cell_kind kind;
    char *text;    /* REPORT_TEXT */
    int64_t value; /* REPORT_HUNDREDTHS (in hundredths), REPORT_INT */
};

enum report_row_kind {
    REPORT_ROW_DATA,    /* cells under the columns */
    REPORT_ROW_SECTION, /* a heading across the sheet: a pool, a warning level */
    REPORT_ROW_NOTE,    /* a line of text across the sheet: a grade distribution, "无" */
};

struct report_row {
    enum report_row_kind kind;
    char *text; /* SECTION and NOTE */
    struct report_cell *cells;
    size_t n_cells;
};

struct report;
/* Called by a filler after every few rows: the writer writes the sheet's rows so far and
 * empties them (report_sheet_clear_rows). */
typedef void (*report_flush_fn)(void *wctx, struct report *r);
/* A sheet whose rows are made while it is written, too many to hold (a province's warnings):
 * fill adds them to the last sheet (report_row and the rest) and calls flush after every few;
 * it returns 0, or non-zero with one line in err to stop (the file is not written). done
 * frees ctx (report_free calls it). Only the last sheet of a report may have one. */
struct report_filler {
    int (*fill)(void *ctx, struct report *r, report_flush_fn flush, void *wctx, char *err,
                size_t errsz);
    void (*done)(void *ctx);
    void *ctx;
};

struct report_sheet {
    char *name;     /* the tab */
    char *title;    /* the document's title, on top of the first page */
    char *subtitle; /* one line under it (year, quarter, stage, date); may be NULL */
    char **columns; /* the header row, repeated on every printed page */
    size_t n_columns;
    struct report_row *rows;
    size_t n_rows, cap_rows;
    size_t n_cleared;            /* rows written and freed (report_sheet_clear_rows) */
    struct report_filler filler; /* fill NULL: the rows above are all of them */
};

struct report {
    char *office; /* 制表单位, in the footer */
    char *date;   /* 制表日期 YYYY-MM-DD, in the footer */
    struct report_sheet *sheets;
    size_t n_sheets;
};

void report_init(struct report *r, const char *office, const char *date);
/* Starts a sheet; the rows added next go to it. columns is copied. */
struct report_sheet *report_sheet_add(struct report *r, const char *name, const char *title,
                                      const char *subtitle, const char *const *columns,
                                      size_t n_columns);
/* A section heading or a note (text copied) in the last sheet. */
void report_section(struct report *r, const char *text);
void report_note(struct report *r, const char *text);
/* A data row in the last sheet; cells are added to it in column order. */
void report_row(struct report *r);
void report_text(struct report *r, const char *s); /* NULL or "" = an empty cell */
void report_hundredths(struct report *r, int64_t c);
void report_int(struct report *r, int64_t v);
void report_empty(struct report *r);
/* Gives the last sheet its filler (report_filler). */
void report_sheet_fill(struct report *r, struct report_filler f);
/* Frees the sheet's rows (written already; counted in n_cleared); the sheet itself stays. */
void report_sheet_clear_rows(struct report_sheet *s);
void report_free(struct report *r);

#endif
