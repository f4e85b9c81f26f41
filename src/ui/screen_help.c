/* The `?` help: generated from the key tables (the screen's, the home menu's and the global
 * one), so it cannot go stale. */
#include <curses.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/text.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/screens.h"

struct help {
    const struct ui_screen *about; /* whose keys */
    size_t first_line;
    size_t n_lines;    /* at the last draw */
    int page_rows;     /* help lines that fit at the last draw */
    char menu_keys[32][8]; /* the home menu's keys as text, for the lines */
};

static void enter(void *self, const void *arg)
{
    struct help *h = self;
    h->about = arg;
    h->page_rows = 1;
}

struct help_line {
    const char *key, *text;
};

/* A global key the screen uses for its own action (e.g. `u` 解锁 on 年度审定). */
static bool own_key(const struct ui_screen *about, int key)
{
    for (size_t i = 0; i < about->n_keys; i++)
        if (about->keys[i].action && about->keys[i].key == key)
            return true;
    return false;
}

static size_t collect(struct help *h, struct help_line *out, size_t max)
{
    const struct ui_screen *about = h->about;
    size_t n = 0;
    for (size_t i = 0; i < about->n_keys && n < max; i++)
        out[n++] = (struct help_line){about->keys[i].label, about->keys[i].help};
    if (about == &screen_home) {
        for (size_t i = 0; i < ui_menu_count && n < max && i < 32; i++) {
            snprintf(h->menu_keys[i], sizeof h->menu_keys[i], "%c", ui_menu[i].key);
            out[n++] = (struct help_line){h->menu_keys[i], ui_menu[i].help};
        }
    }
    for (size_t i = 0; i < ui_global_key_count && n < max; i++)
        if (!own_key(about, ui_global_keys[i].key))
            out[n++] = (struct help_line){ui_global_keys[i].label, ui_global_keys[i].help};
    if (n < max)
        out[n++] = (struct help_line){"F10/Q",
                                      "任何界面退出 (表单有未保存修改时先询问; 文本框中 Q 是字母)"};
    return n;
}

/* Rows of a key's line: a text wider than its column goes on two (`p`'s 与 kaoping report
 * monitor 相同 was cut at 80 columns). */
static int line_rows(const struct help_line *l)
{
    return text_width(l->text) > COLS - 20 ? 2 : 1;
}

/* How many lines from `first` fit in `avail` rows (at least one). */
static size_t lines_fitting(const struct help_line *lines, size_t n, size_t first, int avail)
{
    size_t k = first;
    for (int used = 0; k < n && used + line_rows(&lines[k]) <= avail; k++)
        used += line_rows(&lines[k]);
    return k > first ? k - first : 1;
}

static void draw(void *self)
{
    struct help *h = self;
    struct help_line lines[64];
    size_t n_lines = h->n_lines = collect(h, lines, 64);
    int y = ui_body_top();
    int avail = ui_body_bottom() - y - 1 > 1 ? ui_body_bottom() - y - 1 : 1;
    size_t last_first = n_lines; /* the last page is kept full */
    for (int used = 0; last_first > 0 && used + line_rows(&lines[last_first - 1]) <= avail;)
        used += line_rows(&lines[--last_first]);
    if (h->first_line > last_first)
        h->first_line = last_first;
    size_t first_line = h->first_line;
    size_t page = lines_fitting(lines, n_lines, first_line, avail);
    h->page_rows = (int)page;
    char title[160];
    bool more = first_line + page < n_lines;
    snprintf(title, sizeof title, "「%s」的按键%s", h->about->name,
             more ? "   (还有更多: Down/PgDn/End 往下看)" : "");
    draw_text(stdscr, y++, 2, COLS - 4, title, ROLE_HEADER);
    y++;
    for (size_t i = first_line; i < first_line + page && i < n_lines; i++) {
        draw_text(stdscr, y, 4, 12, lines[i].key, ROLE_KEY);
        y += draw_text_rows(stdscr, y, 18, COLS - 20, line_rows(&lines[i]), lines[i].text,
                            ROLE_NORMAL);
    }
}

/* Scrolls; draw() keeps the last page full. */
static int on_key(void *self, int key)
{
    struct help *h = self;
    size_t step = (size_t)h->page_rows;
    if (key == UI_K(KEY_DOWN))
        h->first_line++;
    else if (key == UI_K(KEY_UP) && h->first_line > 0)
        h->first_line--;
    else if (key == UI_K(KEY_NPAGE) || key == ' ')
        h->first_line += step;
    else if (key == UI_K(KEY_PPAGE))
        h->first_line = h->first_line > step ? h->first_line - step : 0;
    else if (key == UI_K(KEY_END))
        h->first_line = h->n_lines;
    else if (key == UI_K(KEY_HOME))
        h->first_line = 0;
    else
        return UI_UNHANDLED;
    return UI_HANDLED;
}

const struct ui_screen screen_help = {
    .name = "帮助",
    .size = sizeof(struct help),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
};
