/* A scrolling list with aligned columns (display width), a selected row, an optional current
 * cell, and `/` search. Only the visible rows are drawn, so thousands of rows stay fast. */
#ifndef KAOPING_UI_TABLE_H
#define KAOPING_UI_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/draw.h"

struct table_col {
    const char *title;
    int width;  /* columns; 0 = the rest of the line */
    bool right; /* numbers */
};

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
};

void table_init(struct table *t, const struct table_col *cols, size_t n_cols, table_cell_fn cell,
                void *ctx);
void table_set_rows(struct table *t, size_t n_rows); /* keeps the selection in range */
/* Draws the header at row y and the rows below it, h rows in all, on stdscr. */
void table_draw(struct table *t, int y, int h);
/* Up/Down/PgUp/PgDn/Home/End, `/` search, `n` next match. Returns true when used. */
bool table_key(struct table *t, int key);
/* Finds the next row (after the selection, wrapping) containing text in any cell. */
bool table_find(struct table *t, const char *text);

#endif
