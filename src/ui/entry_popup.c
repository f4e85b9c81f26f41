/* The F4 list of a choice field (entry_impl.h): the entry's state, drawn by entry_stage and
 * fed by entry_key, with no loop of its own. */
#include <curses.h>
#include <stdio.h>

#include "model/text.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/entry.h"
#include "ui/entry_impl.h"

/* F4 on a choice field opens a small list (Up/Down/PgUp/PgDn, Enter, Esc). It is the
 * entry's state, drawn by entry_stage and fed by entry_key: no loop of its own. */
static int popup_rows(const struct efield *f)
{
    return (int)f->n_opts < LINES - 6 ? (int)f->n_opts : LINES - 6;
}

void entry_popup_stage(struct entry *e)
{
    const struct efield *f = &e->f[e->cur];
    const char *title = e->spec->fields[e->cur].label;
    int rows = popup_rows(f), w = 0;
    if (e->sel < e->top)
        e->top = e->sel;
    if (e->sel >= e->top + (size_t)rows)
        e->top = e->sel - (size_t)rows + 1;
    for (size_t k = 0; k < f->n_opts; k++)
        if (text_width(f->opts[k]) > w)
            w = text_width(f->opts[k]);
    w += 6;
    if (w < text_width(title) + 6)
        w = text_width(title) + 6;
    WINDOW *win = draw_dialog(rows + 2, w, title);
    for (int i = 0; i < rows && e->top + (size_t)i < f->n_opts; i++) {
        size_t k = e->top + (size_t)i;
        char line[256];
        /* an ASCII mark: a wide one misaligns the rows (docs/terminal.md §2) */
        snprintf(line, sizeof line, "%s%s", k == e->sel ? "> " : "  ",
                 f->opts[k][0] ? f->opts[k] : "(空)");
        draw_text(win, 1 + i, 1, w - 2, line, k == e->sel ? ROLE_SELECT : ROLE_NORMAL);
    }
    wnoutrefresh(win);
    delwin(win);
    curs_set(0);
}

bool entry_popup_key(struct entry *e, int k)
{
    struct efield *f = &e->f[e->cur];
    size_t rows = (size_t)popup_rows(f);
    if (k == UI_ESC) {
        e->popup = false;
    } else if (k == '\n') {
        e->popup = false;
        f->opt = e->sel;
        return true;
    } else if (k == UI_K(KEY_UP) && e->sel > 0) {
        e->sel--;
    } else if (k == UI_K(KEY_DOWN) && e->sel + 1 < f->n_opts) {
        e->sel++;
    } else if (k == UI_K(KEY_PPAGE)) {
        e->sel = e->sel > rows ? e->sel - rows : 0;
    } else if (k == UI_K(KEY_NPAGE)) {
        e->sel = e->sel + rows < f->n_opts ? e->sel + rows : f->n_opts - 1;
    }
    return false;
}

void entry_popup_begin(struct entry *e)
{
    const struct efield *f = &e->f[e->cur];
    if (f->n_opts == 0)
        return;
    e->popup = true;
    e->sel = f->opt;
    e->top = 0;
}

bool entry_popup_open(const struct entry *e)
{
    return e->popup;
}
