/* The open prompt: a question (y/N) or a line of text, held here between keys; the event loop
 * stages it after the screen and hands it every key. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "model/text.h"
#include "ui/draw.h"
#include "ui/entry.h"
#include "ui/formspec.h"
#include "ui/keys.h"
#include "ui/prompt.h"

static enum { P_NONE, P_CONFIRM, P_TEXT } kind;
static char question[256];
static void (*on_yes)(void *arg), (*on_no)(void *arg);
static void (*on_text)(void *arg, const char *text);
static void *cb_arg;
/* The text prompt: a one-field form (the spec must outlive the entry). */
static char title_buf[64], label_buf[64];
static struct fs_field field;
static struct fs_form spec;
static struct entry *line;

bool prompt_open(void)
{
    return kind != P_NONE;
}

void prompt_close(void)
{
    entry_free(line);
    line = NULL;
    kind = P_NONE;
    curs_set(0);
}

void prompt_confirm(const char *q, void (*yes)(void *arg), void (*no)(void *arg), void *arg)
{
    prompt_close();
    snprintf(question, sizeof question, "%s", q);
    on_yes = yes, on_no = no, cb_arg = arg;
    kind = P_CONFIRM;
}

void prompt_text(const char *title, const char *label, const char *initial, int width,
                 void (*done)(void *arg, const char *text), void *arg)
{
    prompt_close();
    snprintf(title_buf, sizeof title_buf, "%s", title);
    snprintf(label_buf, sizeof label_buf, "%s", label);
    field = (struct fs_field){.name = (char *)"q", .label = label_buf, .type = FS_TEXT,
                              .width = width};
    spec = (struct fs_form){.name = (char *)"prompt", .title = title_buf, .fields = &field,
                            .n_fields = 1};
    line = entry_new(&spec);
    entry_set(line, "q", initial);
    on_text = done, cb_arg = arg;
    kind = P_TEXT;
}

/* The answer closes the prompt first: the callback may open the next one. */
static void answer_confirm(bool yes)
{
    void (*cb)(void *) = yes ? on_yes : on_no;
    void *arg = cb_arg;
    prompt_close();
    if (cb)
        cb(arg);
}

static void answer_text(void)
{
    char text[512];
    snprintf(text, sizeof text, "%s", entry_get(line, "q"));
    void (*cb)(void *, const char *) = on_text;
    void *arg = cb_arg;
    prompt_close();
    cb(arg, text);
}

void prompt_key(int key)
{
    if (kind == P_CONFIRM) {
        if (key == 'y' || key == 'Y')
            answer_confirm(true);
        else if (key == 'n' || key == 'N' || key == UI_ESC || key == '\n')
            answer_confirm(false);
    } else if (kind == P_TEXT) {
        if (key == '\n')
            answer_text();
        else if (key == UI_ESC)
            prompt_close();
        else
            entry_key(line, key);
    }
}

/* The question whole: wrapped over as many rows as it needs within the terminal's width. */
static void stage_confirm(void)
{
    int room = COLS - 6, w = text_width(question);
    int rows = room > 0 ? (w + room - 1) / room : 1;
    if (w > room)
        w = room;
    if (w < 24)
        w = 24;
    WINDOW *win = draw_dialog(rows + 4, w + 6, "请确认");
    const char *p = question;
    for (int r = 0; r < rows && *p; r++) {
        size_t n = text_prefix_bytes(p, w);
        if (p[n]) /* more follows: break after a space in the second half, so "(y/N)" stays */
            for (size_t k = n; k > n / 2; k--)
                if (p[k - 1] == ' ') {
                    n = k;
                    break;
                }
        char part[256];
        snprintf(part, sizeof part, "%.*s", (int)n, p);
        draw_text(win, 2 + r, 3, w, part, ROLE_NORMAL);
        p += n ? n : strlen(p);
    }
    wnoutrefresh(win);
    delwin(win); /* its cells are in the virtual screen already */
    curs_set(0);
}

void prompt_stage(void)
{
    if (kind == P_CONFIRM) {
        stage_confirm();
    } else if (kind == P_TEXT) {
        if (!entry_posted(line))
            entry_post(line, LINES - 7, 4);
        entry_stage(line);
    }
}

void prompt_resize(void)
{
    if (kind == P_TEXT)
        entry_unpost(line); /* keeps the text; the next stage posts it for the new size */
}
