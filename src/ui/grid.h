/* A table whose number cells are typed in place (季度进度, 公众评议). The editable columns are
 * the fields of a form file (labels, widths, min/max); typing is checked per character (letters
 * are refused) and every value against its field before anything is saved. */
#ifndef KAOPING_UI_GRID_H
#define KAOPING_UI_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/formspec.h"
#include "ui/table.h"

#define GRID_CELL 16

/* Whether a row's field may be edited (e.g. 评分 only for manual items). */
typedef bool (*grid_editable_fn)(void *ctx, size_t row, size_t field);

struct grid {
    struct table t;
    const struct fs_form *spec;
    const int *field_col; /* table column of each spec field */
    grid_editable_fn editable;
    char (*cells)[GRID_CELL]; /* n_rows x spec->n_fields */
    char (*orig)[GRID_CELL];
    size_t field; /* current field */
    bool fresh;   /* the next digit replaces the cell (spreadsheet style) */
    /* When set (e.g. the year is locked), editing keys are refused with this message at the
     * first keystroke instead of at save. */
    const char *read_only;
    char owner[96]; /* what the grid shows (grid_set_owner), "" for none */
};

void grid_init(struct grid *g, const struct fs_form *spec, const int *field_col,
               grid_editable_fn editable);
/* Allocates empty cells for n rows (the table must be initialised first). */
void grid_set_rows(struct grid *g, size_t n);
/* Unsaved edits still in the grid when it is freed were thrown away (the screen asked
 * first): they are kept for `u` (app/undo.h), which puts them back as unsaved edits into the
 * grid of the same owner on screen. */
void grid_free(struct grid *g);
/* Names what the loaded grid shows (季度进度 D01 第 1 季度): a discard is restored only into
 * a grid of the same owner and size. */
void grid_set_owner(struct grid *g, const char *owner);
/* The text of a cell; grid_load sets it as the saved value too. */
char *grid_cell(struct grid *g, size_t row, size_t field);
void grid_load(struct grid *g, size_t row, size_t field, const char *text);
bool grid_row_changed(const struct grid *g, size_t row);
bool grid_dirty(const struct grid *g);
/* Navigation and typing; true when the key was used. */
bool grid_key(struct grid *g, int key);
/* Checks every non-empty cell against its field; on the first refusal moves there and writes
 * "行 N 列: 原因" into err. */
bool grid_validate(struct grid *g, char *err, size_t errsz);

/* What a screen adds to the one grid save. */
struct grid_save {
    bool locked;                                            /* the year is locked: refused first */
    void *ctx;                                              /* what the functions get first */
    bool (*check_rows)(void *ctx, char *err, size_t errsz); /* rules across a row's cells (or NULL) */
    int (*save_row)(void *ctx, size_t row);                 /* one changed row, a STORE_* status */
    void (*reload)(void *ctx);                              /* reloads the grid after the save */
};
/* The save of every grid (F2): refused when locked, then the fields and the screen's row
 * rules; then every changed row in one transaction. The status line says 已保存 (n 行) or why
 * nothing was saved; the selected row stays. */
void grid_save(struct grid *g, const struct grid_save *how);

#endif
