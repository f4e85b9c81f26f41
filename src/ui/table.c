/* The list widget: columns fitted with text_fit, a window of rows kept around the selection. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "model/text.h"
#include "ui/app.h"
#include "ui/prompt.h"
#include "ui/table.h"

void table_init(struct table *t, const struct table_col *cols, size_t n_cols, table_cell_fn cell,
                void *ctx)
{
    memset(t, 0, sizeof *t);
    t->cols = cols;
    t->n_cols = n_cols;
    t->cell = cell;
    t->ctx = ctx;
    t->cur_col = -1;
    t->page = 10;
}

void table_set_rows(struct table *t, size_t n_rows)
{
    t->n_rows = n_rows;
    if (t->sel >= n_rows)
        t->sel = n_rows ? n_rows - 1 : 0;
    if (t->top > t->sel)
        t->top = t->sel;
}

static int col_width(const struct table *t, size_t c, int x)
{
    int w = t->cols[c].width ? t->cols[c].width : COLS - x;
    return w < COLS - x ? w : COLS - x;
}

static void draw_row(struct table *t, int y, size_t row)
{
    bool selected = row == t->sel;
    int x = 0;
    if (selected) {
        attr_t a = draw_attr(ROLE_SELECT);
        mvchgat(y, 0, -1, a, PAIR_NUMBER(a), NULL);
    }
    if (t->span && t->span(t->ctx, row)) {
        char buf[512] = "";
        enum ui_role role = t->cell(t->ctx, row, 0, buf, sizeof buf);
        draw_text(stdscr, y, 0, COLS, buf, selected ? ROLE_SELECT : role);
        return;
    }
    for (size_t c = 0; c < t->n_cols && x < COLS; c++) {
        int w = col_width(t, c, x);
        char buf[512] = "";
        enum ui_role role = t->cell(t->ctx, row, c, buf, sizeof buf);
        if (selected && (int)c == t->cur_col)
            role = ROLE_FOCUS;
        else if (selected)
            role = ROLE_SELECT;
        draw_text_attr(stdscr, y, x, w, buf, draw_attr(role), t->cols[c].right);
        x += w + 1;
    }
}

void table_draw(struct table *t, int y, int h)
{
    int x = 0;
    for (size_t c = 0; c < t->n_cols && x < COLS; c++) {
        int w = col_width(t, c, x);
        draw_text_attr(stdscr, y, x, w, t->cols[c].title, draw_attr(ROLE_HEADER), t->cols[c].right);
        x += w + 1;
    }
    int rows = h - 1;
    if (rows < 1)
        return;
    t->page = rows;
    if (t->sel < t->top)
        t->top = t->sel;
    if (t->sel >= t->top + (size_t)rows)
        t->top = t->sel - (size_t)rows + 1;
    for (int i = 0; i < rows && t->top + (size_t)i < t->n_rows; i++)
        draw_row(t, y + 1 + i, t->top + (size_t)i);
    if (t->n_rows == 0)
        draw_text(stdscr, y + 1, 1, COLS - 2, "(空)", ROLE_DIM);
}

bool table_find(struct table *t, const char *text)
{
    if (!*text || t->n_rows == 0)
        return false;
    for (size_t k = 1; k <= t->n_rows; k++) {
        size_t row = (t->sel + k) % t->n_rows;
        for (size_t c = 0; c < t->n_cols; c++) {
            char buf[512] = "";
            t->cell(t->ctx, row, c, buf, sizeof buf);
            if (strstr(buf, text)) {
                t->sel = row;
                return true;
            }
        }
    }
    return false;
}

/* An empty text repeats the last search. */
static void search(struct table *t, const char *text)
{
    if (text[0])
        snprintf(t->search, sizeof t->search, "%s", text);
    if (!t->search[0])
        return;
    if (table_find(t, t->search))
        ui_status("找到: %s", t->search);
    else
        ui_error("没有找到: %s", t->search);
}

static void search_typed(void *arg, const char *text)
{
    search(arg, text);
}

bool table_key(struct table *t, int key)
{
    size_t page = t->page > 1 ? (size_t)t->page - 1 : 1;
    switch (key) {
    case UI_K(KEY_UP):
    case 'k':
        if (t->sel > 0)
            t->sel--;
        return true;
    case UI_K(KEY_DOWN):
    case 'j':
        if (t->sel + 1 < t->n_rows)
            t->sel++;
        return true;
    case UI_K(KEY_PPAGE):
        t->sel = t->sel > page ? t->sel - page : 0;
        return true;
    case UI_K(KEY_NPAGE):
        t->sel = t->sel + page < t->n_rows ? t->sel + page : (t->n_rows ? t->n_rows - 1 : 0);
        return true;
    case UI_K(KEY_HOME):
        t->sel = 0;
        return true;
    case UI_K(KEY_END):
        t->sel = t->n_rows ? t->n_rows - 1 : 0;
        return true;
    case '/': /* the prompt starts empty: typing replaces the last search */
        prompt_text("搜索", "查找", "", 30, search_typed, t);
        return true;
    case 'n':
        search(t, "");
        return true;
    default:
        return false;
    }
}
