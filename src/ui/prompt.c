/* The open prompt: a question (y/N) or a line of text, held here between keys; the event loop
 * stages it after the screen and hands it every key. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "model/text.h"
#include "ui/draw.h"
#include "ui/entry.h"
#include "ui/formspec.h"
#include "model/limits.h"
#include "ui/keys.h"
#include "ui/prompt.h"

static enum { P_NONE, P_CONFIRM, P_TEXT } kind;
static char question[1024];
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
    text_end_whole(question);
    on_yes = yes, on_no = no, cb_arg = arg;
    kind = P_CONFIRM;
}

void prompt_text(const char *title, const char *label, const char *initial, int width,
                 void (*done)(void *arg, const char *text), void *arg)
{
    prompt_close();
    snprintf(title_buf, sizeof title_buf, "%s", title);
    snprintf(label_buf, sizeof label_buf, "%s", label);
    /* a name's length (model/limits.h), scrolling in the field: a line longer than the
     * window (a score source's settings in 设置) is still typed whole */
    field = (struct fs_field){.name = (char *)"q",
                              .label = label_buf,
                              .type = FS_TEXT,
                              .width = width,
                              .has_limit = true,
                              .limit = LIMIT_NAME};
    spec = (struct fs_form){
        .name = (char *)"prompt", .title = title_buf, .fields = &field, .n_fields = 1};
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

/* Rows of w columns the text takes, broken after a space in a row's second half so "(y/N)"
 * stays on one row; with out, the rows are drawn there from row y. */
static int wrap_rows(const char *p, int w, WINDOW *out, int y)
{
    int rows = 0;
    while (*p) {
        size_t n = text_prefix_bytes(p, w);
        if (n == 0)
            break;
        if (p[n])
            for (size_t k = n; k > n / 2; k--)
                if (p[k - 1] == ' ') {
                    n = k;
                    break;
                }
        if (out) {
            char part[1024];
            snprintf(part, sizeof part, "%.*s", (int)n, p);
            draw_text(out, y + rows, 3, w, part, ROLE_NORMAL);
        }
        p += n;
        rows++;
    }
    return rows ? rows : 1;
}

/* A question too long for the rows there are: the part quoted last (a record's text) is cut
 * with TEXT_CUT_MARK before its 」, or else the text before " (y/N)", so the question's ending
 * is always seen. */
static void shorten(char *q, size_t sz, int w, int max_rows)
{
    const char *close = NULL;
    for (const char *c = strstr(q, "」"); c; c = strstr(c + 1, "」"))
        close = c;
    const char *tail = close ? close : strstr(q, " (y/N)");
    char end[128];
    snprintf(end, sizeof end, "%s", tail ? tail : "");
    size_t head = tail ? (size_t)(tail - q) : strlen(q);
    for (int cols = text_width(q); cols > 8 && wrap_rows(q, w, NULL, 0) > max_rows; cols -= 4) {
        char cut[1024];
        size_t n = text_prefix_bytes(q, cols - 1 - text_width(end));
        if (n > head)
            n = head;
        snprintf(cut, sizeof cut, "%.*s%s%s", (int)n, q, TEXT_CUT_MARK, end);
        snprintf(q, sz, "%s", cut);
        head = n;
    }
}

/* The question whole when it fits, wrapped over as many rows as it needs within the terminal's
 * width (at most 6). */
static void stage_confirm(void)
{
    int room = COLS - 6, w = text_width(question);
    if (w > room)
        w = room;
    if (w < 24)
        w = 24;
    int max_rows = LINES - 8 < 6 ? LINES - 8 : 6;
    char q[sizeof question];
    snprintf(q, sizeof q, "%s", question);
    if (wrap_rows(q, w, NULL, 0) > (max_rows > 1 ? max_rows : 1))
        shorten(q, sizeof q, w, max_rows > 1 ? max_rows : 1);
    int rows = wrap_rows(q, w, NULL, 0);
    WINDOW *win = draw_dialog(rows + 4, w + 6, "请确认");
    wrap_rows(q, w, win, 2);
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
