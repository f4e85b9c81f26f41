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

static char code[KP_CODE_MAX];
static struct text_lines lines; /* as explain_unit wrote them */
static struct text_lines shown; /* what is drawn: the same, or wrapped to the width */
static bool wrap;
static size_t top;
static int xoff; /* columns scrolled to the right (no wrap) */

static void layout(void)
{
    text_lines_free(&shown);
    int w = COLS - 2 > 10 ? COLS - 2 : 10;
    for (size_t i = 0; i < lines.n; i++) {
        const char *s = lines.lines[i];
        if (!wrap || text_width(s) <= w) {
            text_lines_add(&shown, "%s", s);
            continue;
        }
        while (*s) { /* a row never ends inside a number (5 / .40) */
            size_t n = text_prefix_whole(s, w);
            if (n == 0)
                n = 1;
            text_lines_add(&shown, "%.*s", (int)n, s);
            s += n;
        }
    }
}

static void enter(void *self, const void *arg)
{
    (void)self;
    snprintf(code, sizeof code, "%s", (const char *)arg);
    text_lines_free(&lines);
    top = 0, xoff = 0;
    char err[256];
    if (!results_explain(ui.st, ui.year, code, &lines, err, sizeof err))
        ui_error("不能说明: %s", err);
    layout();
}

static void leave(void *self)
{
    (void)self;
    text_lines_free(&lines);
    text_lines_free(&shown);
}

static int page(void)
{
    return ui_body_bottom() - ui_body_top(); /* one row for the position line */
}

static void draw(void *self)
{
    (void)self;
    int y = ui_body_top();
    char head[128];
    snprintf(head, sizeof head, "%s 的得分说明  第 %zu-%zu 行 / 共 %zu 行%s", code,
             shown.n ? top + 1 : 0, top + (size_t)page() < shown.n ? top + (size_t)page() : shown.n,
             shown.n,
             wrap   ? "  (折行)"
             : xoff ? "  (已右移)"
                    : "");
    draw_text(stdscr, y++, 1, COLS - 2, head, ROLE_HEADER);
    for (size_t i = top; i < shown.n && y <= ui_body_bottom(); i++, y++) {
        const char *s = shown.lines[i];
        if (!wrap && xoff > 0) {
            size_t skip = text_prefix_bytes(s, xoff);
            s += skip;
        }
        /* a line longer than the screen ends with '~' before the number it would cut */
        draw_text_marked(stdscr, y, 1, COLS - 2, s, A_NORMAL, false);
    }
}

static size_t last_top(void)
{
    size_t p = (size_t)(page() > 1 ? page() : 1);
    return shown.n > p ? shown.n - p : 0;
}

static int toggle_wrap(void *self)
{
    (void)self;
    wrap = !wrap;
    xoff = 0;
    layout();
    if (top > last_top())
        top = last_top();
    return UI_HANDLED;
}

static int on_key(void *self, int key)
{
    (void)self;
    size_t p = (size_t)(page() > 2 ? page() - 1 : 1);
    switch (key) {
    case UI_K(KEY_UP):
    case 'k':
        top = top ? top - 1 : 0;
        break;
    case UI_K(KEY_DOWN):
    case 'j':
        top = top < last_top() ? top + 1 : top;
        break;
    case UI_K(KEY_PPAGE):
        top = top > p ? top - p : 0;
        break;
    case UI_K(KEY_NPAGE):
    case ' ':
        top = top + p < last_top() ? top + p : last_top();
        break;
    case UI_K(KEY_HOME):
        top = 0, xoff = 0;
        break;
    case UI_K(KEY_END):
        top = last_top();
        break;
    case UI_K(KEY_LEFT):
        xoff = xoff > 20 ? xoff - 20 : 0;
        break;
    case UI_K(KEY_RIGHT):
        if (!wrap)
            xoff += 20;
        break;
    default:
        return UI_UNHANDLED;
    }
    return UI_HANDLED;
}

static void on_resize(void *self)
{
    (void)self;
    layout();
    if (top > last_top())
        top = last_top();
}

static int scroll_left(void *self)
{
    (void)self;
    return on_key(self, UI_K(KEY_LEFT));
}

static int scroll_right(void *self)
{
    (void)self;
    return on_key(self, UI_K(KEY_RIGHT));
}

static const struct ui_key keys[] = {
    {'w', 0, "w", "折行/不折行", toggle_wrap, true, NULL},
    {UI_K(KEY_LEFT), 0, "←", "向左滚动 20 列", scroll_left, false, NULL},
    {UI_K(KEY_RIGHT), 0, "→", "向右滚动 20 列 (不折行时)", scroll_right, false, NULL},
};

const struct ui_screen screen_explain = {
    .name = "得分说明",
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .on_resize = on_resize,
    .leave = leave,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
