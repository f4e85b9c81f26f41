/* Colours by role, width-aware text output and dialog boxes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/text.h"
#include "model/xmalloc.h"
#include "ui/draw.h"

/* Role -> colour pair and the attribute used when the terminal has no colours, so that a
 * warning stays visible in monochrome (the screens also print a word or a mark). */
static const struct {
    short fg, bg;
    attr_t mono;
    attr_t extra;
} role_table[ROLE_COUNT] = {
    [ROLE_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
    [ROLE_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_REVERSE, A_BOLD},
    [ROLE_STATUS] = {COLOR_BLACK, COLOR_CYAN, A_REVERSE, A_NORMAL},
    [ROLE_KEY] = {COLOR_BLACK, COLOR_CYAN, A_REVERSE, A_NORMAL},
    [ROLE_HEADER] = {COLOR_YELLOW, -1, A_UNDERLINE, A_BOLD},
    [ROLE_SELECT] = {COLOR_BLACK, COLOR_GREEN, A_REVERSE, A_NORMAL},
    [ROLE_FOCUS] = {COLOR_WHITE, COLOR_MAGENTA, A_REVERSE | A_BOLD, A_BOLD},
    [ROLE_FIELD] = {-1, -1, A_UNDERLINE, A_UNDERLINE},
    [ROLE_OK] = {COLOR_GREEN, -1, A_NORMAL, A_NORMAL},
    [ROLE_WARN_YELLOW] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
    [ROLE_WARN_RED] = {COLOR_RED, -1, A_BOLD | A_UNDERLINE, A_BOLD},
    [ROLE_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD | A_REVERSE, A_BOLD},
    [ROLE_DIM] = {-1, -1, A_DIM, A_DIM},
};
static bool have_colors;

void draw_init_colors(void)
{
    have_colors = has_colors() && getenv("NO_COLOR") == NULL;
    if (!have_colors)
        return;
    start_color();
    use_default_colors();
    for (int r = 1; r < ROLE_COUNT; r++)
        init_pair((short)r, role_table[r].fg, role_table[r].bg);
}

attr_t draw_attr(enum ui_role role)
{
    if (role == ROLE_NORMAL)
        return A_NORMAL;
    if (!have_colors)
        return role_table[role].mono;
    return COLOR_PAIR(role) | role_table[role].extra;
}

void draw_text_attr(WINDOW *win, int y, int x, int cols, const char *text, attr_t attr, bool right)
{
    if (cols <= 0)
        return;
    char buf[1024];
    text_fit(buf, sizeof buf, text ? text : "", cols, right);
    wattr_set(win, attr, PAIR_NUMBER(attr), NULL);
    mvwaddstr(win, y, x, buf);
    wattr_set(win, A_NORMAL, 0, NULL);
}

void draw_text_marked(WINDOW *win, int y, int x, int cols, const char *text, attr_t attr, bool right)
{
    if (cols <= 0)
        return;
    char buf[1024];
    text_fit_marked(buf, sizeof buf, text ? text : "", cols, right);
    wattr_set(win, attr, PAIR_NUMBER(attr), NULL);
    mvwaddstr(win, y, x, buf);
    wattr_set(win, A_NORMAL, 0, NULL);
}

void draw_text(WINDOW *win, int y, int x, int cols, const char *text, enum ui_role role)
{
    draw_text_marked(win, y, x, cols, text, draw_attr(role), false);
}

int draw_wrapped(int y, int lines, const char *label, const char *text)
{
    int lw = text_width(label);
    draw_text(stdscr, y, 1, lw, label, ROLE_HEADER);
    int used = 0, w = COLS - 2 - lw;
    const char *p = text;
    while (used < lines && (*p || used == 0)) {
        size_t n = text_prefix_bytes(p, w);
        if (p[n] && used + 1 == lines) /* the last row: draw_text cuts the rest with '~' */
            n = strlen(p);
        else if (p[n]) /* more follows: end the row after the last ", " so a value stays whole */
            for (size_t k = n; k >= 2 && k > n / 2; k--)
                if (p[k - 1] == ' ' && p[k - 2] == ',') {
                    n = k;
                    break;
                }
        char part[1024];
        snprintf(part, sizeof part, "%.*s", (int)(n < sizeof part ? n : sizeof part - 1), p);
        draw_text(stdscr, y + used, 1 + lw, w, part, ROLE_NORMAL);
        used++;
        if (n == 0)
            break;
        p += n;
    }
    return used;
}

/* Where a row of `cols` columns of text ends when more follows: after its last "; " or ", "
 * past half the row (between values), else its last space there, else at the width (never
 * inside a number). 0 when not even one character fits. */
static size_t row_cut(const char *text, int cols)
{
    size_t cut = text_prefix_whole(text, cols), sp = cut, any = 0;
    for (; sp > cut / 2; sp--)
        if (sp >= 2 && text[sp - 1] == ' ' && (text[sp - 2] == ';' || text[sp - 2] == ','))
            break;
        else if (text[sp - 1] == ' ' && !any)
            any = sp;
    if (sp > cut / 2 || any)
        cut = sp > cut / 2 ? sp : any;
    return cut;
}

int draw_rows_needed(const char *text, int cols, int rows)
{
    int used = 1;
    for (size_t cut; used < rows && text_width(text) > cols && (cut = row_cut(text, cols)); used++)
        text += cut;
    return used;
}

int draw_text_rows(WINDOW *win, int y, int x, int cols, int rows, const char *text,
                   enum ui_role role)
{
    int used = 0;
    for (; used + 1 < rows && text_width(text) > cols; used++) {
        size_t cut = row_cut(text, cols);
        if (cut == 0)
            break;
        char *part = xstrndup(text, cut);
        draw_text(win, y + used, x, cols, part, role);
        free(part);
        text += cut;
    }
    draw_text(win, y + used, x, cols, text, role);
    return used + 1;
}

WINDOW *draw_dialog(int h, int w, const char *title)
{
    if (w > COLS)
        w = COLS;
    if (h > LINES)
        h = LINES;
    WINDOW *win = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
    werase(win);
    box(win, 0, 0);
    if (title) {
        char padded[128]; /* a space either side, centred on the top line */
        snprintf(padded, sizeof padded, " %s ", title);
        int tw = text_width(padded);
        draw_text(win, 0, (w - tw) / 2, tw, padded, ROLE_HEADER);
    }
    return win;
}
