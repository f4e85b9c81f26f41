/* A scrolling list with aligned columns (display width), a selected row, an optional current
 * cell, and `/` search. Only the visible rows are drawn, so thousands of rows stay fast. */
#ifndef KAOPING_UI_TABLE_H
#define KAOPING_UI_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/draw.h"

struct table_col {
    const char *title;
    int width;  /* columns (the least it gets); 0 = the rest of the line */
    bool right; /* numbers */
};

#define TABLE_MAX_COLS 16
#define TABLE_GROW(c) (1u << (c))

/* Writes the text of one cell into buf; returns its colour role. */
typedef enum ui_role (*table_cell_fn)(void *ctx, size_t row, size_t col, char *buf, size_t bufsz);

struct table {
    const struct table_col *cols;
    size_t n_cols;
    size_t n_rows;
    table_cell_fn cell;
    void *ctx;
    size_t sel, top;
    int cur_col; /* highlighted cell of the selected row, -1 for none */
    int page;    /* visible rows at the last draw */
    char search[128];
    /* Optional: rows for which the first cell spans the whole line (group headings). */
    bool (*span)(void *ctx, size_t row);
    /* Rows under the list that show the selected row's cells in full (0: none). */
    int detail;
    unsigned grow; /* bit c: column c (a name) widens to its longest text when there is room */
    int min_cols[TABLE_MAX_COLS]; /* column c is shown only on a terminal this wide (0: always) */
    /* Optional: the detail text of a row; by default its text cells whole and the hidden
     * columns as "title value". */
    void (*detail_text)(void *ctx, size_t row, char *buf, size_t bufsz);
    int w[TABLE_MAX_COLS]; /* each column's width at the last draw (0: hidden) */
};

void table_init(struct table *t, const struct table_col *cols, size_t n_cols, table_cell_fn cell,
                void *ctx);
void table_set_rows(struct table *t, size_t n_rows); /* keeps the selection in range */
/* Draws the header at row y and the rows below it, h rows in all, on stdscr. Column widths
 * are laid out for the terminal's width first (table_layout): a cell that still does not fit
 * ends with TEXT_CUT_MARK (model/text.h), and the detail rows, when asked for, show the
 * selected row whole. */
void table_draw(struct table *t, int y, int h);
/* Fills t->w for a line of `cols` columns: every column gets its width; what is left goes to
 * the grow and rest (width 0) columns, as much as their longest text needs (title and rows;
 * at most the first TABLE_SCAN_ROWS rows are measured, then the visible ones), shared in
 * proportion when there is not enough; anything left after that goes to a rest column. */
#define TABLE_SCAN_ROWS 5000
void table_layout(struct table *t, int cols);
/* Up/Down/PgUp/PgDn/Home/End, `/` search, `n` next match. Returns true when used. */
bool table_key(struct table *t, int key);
/* Finds the next row (after the selection, wrapping) containing text in any cell. */
bool table_find(struct table *t, const char *text);

#endif
