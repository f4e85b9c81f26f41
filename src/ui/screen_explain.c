/* 得分说明: the lines of `kaoping explain` for one unit (model/explain.h, the same text as the
 * CLI), scrollable both ways; `w` wraps long lines instead (the formula line in one piece).
 * A cut line ends with '~', and neither the cut nor the wrap falls inside a number. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/explain.h"
#include "model/text.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/results.h"
#include "ui/screens.h"

struct explain {
    char code[KP_CODE_MAX];
    struct text_lines lines; /* as explain_unit wrote them */
    struct text_lines shown; /* what is drawn: the same, or wrapped to the width */
    bool wrap;
    size_t top;
    int xoff; /* columns scrolled to the right (no wrap) */
};

static void layout(struct explain *ex)
{
    text_lines_free(&ex->shown);
    int w = COLS - 2 > 10 ? COLS - 2 : 10;
    for (size_t i = 0; i < ex->lines.n; i++) {
        const char *s = ex->lines.lines[i];
        if (!ex->wrap || text_width(s) <= w) {
            text_lines_add(&ex->shown, "%s", s);
            continue;
        }
        while (*s) { /* a row never ends inside a number (5 / .40) */
            size_t n = text_prefix_whole(s, w);
            if (n == 0)
                n = 1;
            text_lines_add(&ex->shown, "%.*s", (int)n, s);
            s += n;
        }
    }
}

static void enter(void *self, const void *arg)
{
    struct explain *ex = self;
    snprintf(ex->code, sizeof ex->code, "%s", (const char *)arg);
    text_lines_free(&ex->lines);
    ex->top = 0, ex->xoff = 0;
    char err[256];
    if (!results_explain(ui.st, ui.year, ex->code, &ex->lines, err, sizeof err))
        ui_error("不能说明: %s", err);
    layout(ex);
}

static void leave(void *self)
{
    struct explain *ex = self;
    text_lines_free(&ex->lines);
    text_lines_free(&ex->shown);
}

static int page(void)
{
    return ui_body_bottom() - ui_body_top(); /* one row for the position line */
}

static void draw(void *self)
{
    struct explain *ex = self;
    int y = ui_body_top();
    char head[128];
    snprintf(head, sizeof head, "%s 的得分说明  第 %zu-%zu 行 / 共 %zu 行%s", ex->code,
             ex->shown.n ? ex->top + 1 : 0,
             ex->top + (size_t)page() < ex->shown.n ? ex->top + (size_t)page() : ex->shown.n,
             ex->shown.n,
             ex->wrap   ? "  (折行)"
             : ex->xoff ? "  (已右移)"
                        : "");
    draw_text(stdscr, y++, 1, COLS - 2, head, ROLE_HEADER);
    for (size_t i = ex->top; i < ex->shown.n && y <= ui_body_bottom(); i++, y++) {
        const char *s = ex->shown.lines[i];
        if (!ex->wrap && ex->xoff > 0) {
            size_t skip = text_prefix_bytes(s, ex->xoff);
            s += skip;
        }
        /* a line longer than the screen ends with '~' before the number it would cut */
        draw_text_marked(stdscr, y, 1, COLS - 2, s, A_NORMAL, false);
    }
}

static size_t last_top(struct explain *ex)
{
    size_t p = (size_t)(page() > 1 ? page() : 1);
    return ex->shown.n > p ? ex->shown.n - p : 0;
}

static int toggle_wrap(void *self)
{
    struct explain *ex = self;
    ex->wrap = !ex->wrap;
    ex->xoff = 0;
    layout(ex);
    if (ex->top > last_top(ex))
        ex->top = last_top(ex);
    return UI_HANDLED;
}

static int on_key(void *self, int key)
{
    struct explain *ex = self;
    size_t p = (size_t)(page() > 2 ? page() - 1 : 1);
    switch (key) {
    case UI_K(KEY_UP):
    case 'k':
        ex->top = ex->top ? ex->top - 1 : 0;
        break;
    case UI_K(KEY_DOWN):
    case 'j':
        ex->top = ex->top < last_top(ex) ? ex->top + 1 : ex->top;
        break;
    case UI_K(KEY_PPAGE):
        ex->top = ex->top > p ? ex->top - p : 0;
        break;
    case UI_K(KEY_NPAGE):
    case ' ':
        ex->top = ex->top + p < last_top(ex) ? ex->top + p : last_top(ex);
        break;
    case UI_K(KEY_HOME):
        ex->top = 0, ex->xoff = 0;
        break;
    case UI_K(KEY_END):
        ex->top = last_top(ex);
        break;
    case UI_K(KEY_LEFT):
        ex->xoff = ex->xoff > 20 ? ex->xoff - 20 : 0;
        break;
    case UI_K(KEY_RIGHT):
        if (!ex->wrap)
            ex->xoff += 20;
        break;
    default:
        return UI_UNHANDLED;
    }
    return UI_HANDLED;
}

static void on_resize(void *self)
{
    struct explain *ex = self;
    layout(ex);
    if (ex->top > last_top(ex))
        ex->top = last_top(ex);
}

static int scroll_left(void *self)
{
    return on_key(self, UI_K(KEY_LEFT));
}

static int scroll_right(void *self)
{
    return on_key(self, UI_K(KEY_RIGHT));
}

static const struct ui_key keys[] = {
    {'w', 0, "w", "折行/不折行", toggle_wrap, true, NULL},
    {UI_K(KEY_LEFT), 0, "←", "向左滚动 20 列", scroll_left, false, NULL},
    {UI_K(KEY_RIGHT), 0, "→", "向右滚动 20 列 (不折行时)", scroll_right, false, NULL},
};

const struct ui_screen screen_explain = {
    .name = "得分说明",
    .size = sizeof(struct explain),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .on_resize = on_resize,
    .leave = leave,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
