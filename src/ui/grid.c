/* In-place number entry on top of the list widget. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/undo.h"
#include "db/store.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/grid.h"

void grid_init(struct grid *g, const struct fs_form *spec, const int *field_col,
               grid_editable_fn editable)
{
    g->spec = spec;
    g->field_col = field_col;
    g->editable = editable;
    g->cells = g->orig = NULL;
    g->field = 0;
    g->fresh = true;
    g->t.cur_col = field_col[0];
}

void grid_set_rows(struct grid *g, size_t n)
{
    free(g->cells);
    free(g->orig);
    g->cells = xcalloc(n * g->spec->n_fields + 1, GRID_CELL);
    g->orig = xcalloc(n * g->spec->n_fields + 1, GRID_CELL);
    table_set_rows(&g->t, n);
}

/* The grid on screen that has an owner, and the last discarded edits (one at a time). */
static struct grid *live;
static struct {
    char owner[96];
    size_t n; /* cells */
    char (*cells)[GRID_CELL];
} stash;

static int restore_stash(void *ctx, char *msg, size_t msgsz)
{
    (void)ctx;
    size_t n = live ? live->t.n_rows * live->spec->n_fields : 0;
    if (!live || strcmp(live->owner, stash.owner) != 0 || n != stash.n) {
        snprintf(msg, msgsz, "先打开「%s」, 再按 u 恢复放弃的修改", stash.owner);
        return STORE_INVALID;
    }
    memcpy(live->cells, stash.cells, n * GRID_CELL);
    return STORE_OK;
}

static void keep_discard(const struct grid *g)
{
    free(stash.cells);
    stash.n = g->t.n_rows * g->spec->n_fields;
    stash.cells = xcalloc(stash.n + 1, GRID_CELL);
    memcpy(stash.cells, g->cells, stash.n * GRID_CELL);
    snprintf(stash.owner, sizeof stash.owner, "%s", g->owner);
    char what[160];
    snprintf(what, sizeof what, "放弃「%s」中未保存的修改", g->owner);
    undo_keep_fn(ui.undo, what, restore_stash, NULL);
    ui_status("已放弃「%s」中的修改  (u 撤销)", g->owner);
}

void grid_free(struct grid *g)
{
    if (g->cells && g->owner[0] && ui.undo && grid_dirty(g))
        keep_discard(g);
    if (live == g)
        live = NULL;
    free(g->cells);
    free(g->orig);
    g->cells = g->orig = NULL;
}

void grid_set_owner(struct grid *g, const char *owner)
{
    snprintf(g->owner, sizeof g->owner, "%s", owner);
    live = g;
}

char *grid_cell(struct grid *g, size_t row, size_t field)
{
    return g->cells[row * g->spec->n_fields + field];
}

void grid_load(struct grid *g, size_t row, size_t field, const char *text)
{
    size_t i = row * g->spec->n_fields + field;
    snprintf(g->cells[i], GRID_CELL, "%s", text);
    snprintf(g->orig[i], GRID_CELL, "%s", text);
}

bool grid_row_changed(const struct grid *g, size_t row)
{
    size_t nf = g->spec->n_fields;
    for (size_t f = 0; f < nf; f++)
        if (strcmp(g->cells[row * nf + f], g->orig[row * nf + f]) != 0)
            return true;
    return false;
}

bool grid_dirty(const struct grid *g)
{
    for (size_t r = 0; r < g->t.n_rows; r++)
        if (grid_row_changed(g, r))
            return true;
    return false;
}

static bool can_edit(struct grid *g, size_t row, size_t field)
{
    return !g->editable || g->editable(g->t.ctx, row, field);
}

/* Moves to the next editable field of the row in direction dir (stays when there is none). */
static void move_field(struct grid *g, int dir)
{
    size_t nf = g->spec->n_fields;
    for (size_t k = 1; k <= nf; k++) {
        long fl = ((long)g->field + dir * (long)k) % (long)nf;
        size_t f = (size_t)(fl < 0 ? fl + (long)nf : fl);
        if (g->t.n_rows == 0 || can_edit(g, g->t.sel, f)) {
            g->field = f;
            break;
        }
    }
    g->t.cur_col = g->field_col[g->field];
    g->fresh = true;
}

/* Enter: the next editable cell of the row, then the first of the next row: the order a
 * row is typed in (issue 17 item 5). */
static void next_cell(struct grid *g)
{
    size_t nf = g->spec->n_fields;
    for (size_t f = g->field + 1; g->t.n_rows && f < nf; f++)
        if (can_edit(g, g->t.sel, f)) {
            g->field = f;
            g->t.cur_col = g->field_col[f];
            g->fresh = true;
            return;
        }
    if (g->t.sel + 1 >= g->t.n_rows)
        return;
    g->t.sel++;
    g->field = nf - 1; /* move_field(+1) wraps to the row's first editable field */
    move_field(g, 1);
}

static bool type_char(struct grid *g, int key)
{
    const struct fs_field *fd = &g->spec->fields[g->field];
    if (g->t.n_rows == 0)
        return true;
    if (!can_edit(g, g->t.sel, g->field)) {
        ui_error("%s: 这一行不填", fd->label);
        return true;
    }
    if (!formspec_char_ok(fd, key)) {
        ui_error("%s: 只能输入数字", fd->label);
        return true;
    }
    char *c = grid_cell(g, g->t.sel, g->field);
    if (g->fresh)
        c[0] = '\0';
    g->fresh = false;
    size_t n = strlen(c);
    if (n + 1 >= GRID_CELL || (int)n + 1 > fd->width) {
        ui_error("%s: 太长", fd->label);
        return true;
    }
    c[n] = (char)key;
    c[n + 1] = '\0';
    return true;
}

/* A read-only grid answers an editing key with its reason; true when refused. */
static bool refuse_edit(const struct grid *g)
{
    if (!g->read_only)
        return false;
    ui_error("%s", g->read_only);
    return true;
}

bool grid_key(struct grid *g, int key)
{
    switch (key) {
    case '\t':
    case UI_K(KEY_RIGHT):
        move_field(g, 1);
        return true;
    case UI_K(KEY_BTAB):
    case UI_K(KEY_LEFT):
        move_field(g, -1);
        return true;
    case '\n':
        next_cell(g);
        return true;
    case UI_K(KEY_BACKSPACE):
        if (refuse_edit(g))
            return true;
        if (g->t.n_rows && can_edit(g, g->t.sel, g->field)) {
            char *c = grid_cell(g, g->t.sel, g->field);
            size_t n = strlen(c);
            if (n)
                c[n - 1] = '\0';
            g->fresh = false;
        }
        return true;
    case UI_K(KEY_DC):
        if (refuse_edit(g))
            return true;
        if (g->t.n_rows && can_edit(g, g->t.sel, g->field))
            grid_cell(g, g->t.sel, g->field)[0] = '\0';
        return true;
    default:
        break;
    }
    size_t before = g->t.sel;
    if (key != 'n' && key != 'j' && key != 'k' && table_key(&g->t, key)) {
        if (g->t.sel != before) {
            g->fresh = true;
            if (!can_edit(g, g->t.sel, g->field))
                move_field(g, 1);
        }
        return true;
    }
    if (key == 'q' || key == 'Q' || key == '?' || key == 'u')
        return false; /* back, quit, help and undo stay reachable: no number contains them */
    if (key >= ' ' && key < 127)
        return refuse_edit(g) || type_char(g, key);
    return false;
}

bool grid_validate(struct grid *g, char *err, size_t errsz)
{
    size_t nf = g->spec->n_fields;
    for (size_t r = 0; r < g->t.n_rows; r++)
        for (size_t f = 0; f < nf; f++) {
            const char *c = g->cells[r * nf + f];
            char msg[96];
            if (!*c || formspec_check(&g->spec->fields[f], c, msg, sizeof msg))
                continue;
            g->t.sel = r;
            g->field = f;
            g->t.cur_col = g->field_col[f];
            char code[64], name[128]; /* the row's code and name: 第 2 行 D02 县教育局 */
            g->t.cell(g->t.ctx, r, 0, code, sizeof code);
            g->t.cell(g->t.ctx, r, 1, name, sizeof name);
            snprintf(err, errsz, "第 %zu 行 %s %s %s: %s", r + 1, code, name,
                     g->spec->fields[f].label, msg);
            return false;
        }
    return true;
}

struct save_run {
    struct grid *g;
    const struct grid_save *how;
    size_t changed;
};

/* Every changed row, inside the save's transaction. */
static int save_rows(void *ctx)
{
    struct save_run *run = ctx;
    int rc = STORE_OK;
    for (size_t r = 0; r < run->g->t.n_rows && rc == STORE_OK; r++)
        if (grid_row_changed(run->g, r)) {
            rc = run->how->save_row(run->how->ctx, r);
            run->changed++;
        }
    return rc;
}

void grid_save(struct grid *g, const struct grid_save *how)
{
    char err[256];
    if (ui_refuse_locked(how->locked))
        return;
    if (!grid_validate(g, err, sizeof err) || (how->check_rows && !how->check_rows(how->ctx, err, sizeof err))) {
        ui_error("未保存: %s", err);
        return;
    }
    struct save_run run = {g, how, 0};
    bool undoable = false;
    char what[96];
    snprintf(what, sizeof what, "保存「%s」(清空了行)", g->spec->title);
    if (undo_run(ui.undo, ui.st, what, save_rows, &run, &undoable) != STORE_OK) {
        ui_error("未保存: %s", store_errmsg(ui.st));
        return;
    }
    /* What was typed is saved now: a reload that frees this grid (评分录入) must not keep it
     * as a discarded edit for u (it offered 撤销 after every save, and u put the saved values
     * back as unsaved edits). */
    memcpy(g->orig, g->cells, g->t.n_rows * g->spec->n_fields * sizeof *g->cells);
    size_t sel = g->t.sel;
    how->reload(how->ctx);
    g->t.sel = sel;
    /* undoable: an emptied row was deleted, so this save is now the one `u` takes back. */
    ui_status("已保存 (%zu 行)%s", run.changed, undoable ? "  (u 撤销)" : "");
}
