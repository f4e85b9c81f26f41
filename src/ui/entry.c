/* Entry forms on the ncurses form library, restricted to what works with CJK text
 * (docs/terminal.md §1): single-line static fields, O_BLANK off, the width check before every
 * insert, values pre-truncated with the display-width helpers, nothing drawn over a field's cells,
 * and REQ_VALIDATION before reading a buffer. The text lives in e->f[i].value between posts, so a
 * resize (unpost, rebuild, repost) keeps what was typed. */
#include <curses.h>
#include <form.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "model/limits.h"
#include "model/text.h"
#include "model/types.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/entry.h"
#include "ui/entry_impl.h"

struct entry *entry_new(const struct fs_form *spec)
{
    struct entry *e = xcalloc(1, sizeof *e);
    e->spec = spec;
    e->f = xcalloc(spec->n_fields, sizeof *e->f);
    for (size_t i = 0; i < spec->n_fields; i++) {
        e->f[i].value = xstrdup("");
        e->f[i].orig = xstrdup("");
    }
    return e;
}

static void free_opts(struct efield *f)
{
    for (size_t i = 0; i < f->n_opts; i++)
        free(f->opts[i]);
    free(f->opts);
    f->opts = NULL;
    f->n_opts = f->opt = 0;
}

void entry_free(struct entry *e)
{
    if (!e)
        return;
    entry_unpost(e);
    textline_free(&e->line);
    for (size_t i = 0; i < e->spec->n_fields; i++) {
        free(e->f[i].value);
        free(e->f[i].orig);
        free_opts(&e->f[i]);
    }
    free(e->f);
    free(e);
}

static int field_width(const struct entry *e, size_t i)
{
    int x = 2 + e->label_w;
    int w = e->spec->fields[i].width;
    if (e->spec->fields[i].type == FS_CHOICE) /* a choice shows its longest option whole */
        for (size_t k = 0; k < e->f[i].n_opts; k++)
            if (text_width(e->f[i].opts[k]) > w)
                w = text_width(e->f[i].opts[k]);
    return w < COLS - x - 1 ? w : COLS - x - 1;
}

static void put_value(struct efield *f, const char *v, bool also_orig)
{
    free(f->value);
    f->value = xstrdup(v ? v : "");
    if (also_orig) {
        free(f->orig);
        f->orig = xstrdup(f->value);
    }
}

/* Free text and names scroll within their field, up to the model's length; codes, numbers,
 * dates and choices keep the form library's editing. */
static bool scrolls(const struct entry *e, size_t i)
{
    return formspec_scrolls(&e->spec->fields[i]);
}

static size_t max_chars(const struct entry *e, size_t i)
{
    return e->spec->fields[i].limit == LIMIT_FREE ? LIMIT_FREE_CHARS : LIMIT_NAME_CHARS;
}

/* A scrolling field shows its window: around the cursor in the field being edited, the start
 * of the text in the others. */
static void show_window(struct entry *e, size_t i)
{
    struct textline head = {0}, *t = &head;
    if (e->line_for == (int)i + 1)
        t = &e->line;
    else
        textline_load(&head, e->f[i].value, max_chars(e, i)), textline_home(&head);
    char view[4096];
    int col;
    textline_view(t, field_width(e, i), view, sizeof view, &col);
    if (t == &e->line)
        e->line_col = col;
    set_field_buffer(e->fields[i], 0, view);
    textline_free(&head);
}

/* Shows a field's value in its ncurses field, cut to the field's width first (§1d). */
static void show_value(struct entry *e, size_t i)
{
    if (!e->form)
        return;
    if (scrolls(e, i))
        return show_window(e, i);
    size_t n = text_prefix_bytes(e->f[i].value, field_width(e, i));
    char *cut = xstrndup(e->f[i].value, n);
    set_field_buffer(e->fields[i], 0, cut);
    free(cut);
}

void entry_set(struct entry *e, const char *name, const char *value)
{
    int i = formspec_field_index(e->spec, name);
    if (i < 0)
        return;
    struct efield *f = &e->f[i];
    put_value(f, value, true);
    if (e->line_for == i + 1)
        textline_load(&e->line, f->value, max_chars(e, (size_t)i));
    for (size_t k = 0; k < f->n_opts; k++)
        if (strcmp(f->opts[k], f->value) == 0)
            f->opt = k;
    show_value(e, (size_t)i);
}

void entry_set_choices(struct entry *e, const char *name, const char *const *opts, size_t n)
{
    int i = formspec_field_index(e->spec, name);
    if (i < 0)
        return;
    struct efield *f = &e->f[i];
    free_opts(f);
    bool blank = !e->spec->fields[i].required;
    f->opts = xcalloc(n + 1, sizeof *f->opts);
    if (blank)
        f->opts[f->n_opts++] = xstrdup("");
    for (size_t k = 0; k < n; k++)
        f->opts[f->n_opts++] = xstrdup(opts[k]);
    bool found = false;
    for (size_t k = 0; k < f->n_opts && !found; k++)
        if (strcmp(f->opts[k], f->value) == 0)
            f->opt = k, found = true;
    if (!found && f->n_opts > 0) {
        /* an unknown stored value stays selectable rather than being silently replaced */
        if (*f->value) {
            f->opts = xreallocarray(f->opts, f->n_opts + 1, sizeof *f->opts);
            f->opts[f->n_opts] = xstrdup(f->value);
            f->opt = f->n_opts++;
        } else {
            f->opt = 0;
            put_value(f, f->opts[0], true);
        }
    }
    show_value(e, (size_t)i);
}

void entry_fill_choices(struct entry *e, const char *pool)
{
    for (size_t i = 0; i < e->spec->n_fields; i++)
        if (e->spec->fields[i].type == FS_CHOICE)
            entry_fill_source(e, &e->spec->fields[i], pool);
}

/* Copies the current field's text out of the form library (§1: REQ_VALIDATION first). */
static void sync_current(struct entry *e)
{
    if (!e->form || e->spec->fields[e->cur].type == FS_CHOICE || scrolls(e, (size_t)e->cur))
        return; /* a scrolling field's value follows every edit (line_changed) */
    form_driver(e->form, REQ_VALIDATION);
    char *s = xstrdup(field_buffer(e->fields[e->cur], 0));
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        s[--n] = '\0';
    /* Unchanged text keeps its buffer, so strings returned by entry_get stay valid. */
    if (strcmp(s, e->f[e->cur].value) != 0)
        put_value(&e->f[e->cur], s, false);
    free(s);
}

const char *entry_get(struct entry *e, const char *name)
{
    sync_current(e);
    int i = formspec_field_index(e->spec, name);
    return i < 0 ? "" : e->f[i].value;
}

bool entry_get_number(struct entry *e, const char *name, double *out)
{
    const char *s = entry_get(e, name);
    if (!*s)
        return false;
    *out = strtod(s, NULL);
    return true;
}

/* The form's message row; a message wider than it takes the free row above too (a store's
 * refusal says what is missing at its end: `… 须给出调整原因、批准人和起始季度`), broken at
 * a space in the row's second half if there is one, never inside a number. */
static void draw_message(struct entry *e, const char *msg, enum ui_role role)
{
    int cols = COLS - 2, last_field = e->first_row + (int)e->spec->n_fields - 1;
    bool two = e->h - 2 > last_field;
    if (two && text_width(msg) > cols) {
        draw_text_rows(e->win, e->h - 2, 1, cols, 2, msg, role);
        return;
    }
    if (two)
        draw_text(e->win, e->h - 2, 1, cols, "", ROLE_NORMAL);
    draw_text(e->win, e->h - 1, 1, cols, msg, role);
}

static void draw_decor(struct entry *e)
{
    WINDOW *w = e->win;
    draw_text(w, 0, 1, COLS - 2, entry_title(e), ROLE_HEADER);
    if (e->first_row > 1) /* the row between the title and the fields */
        draw_text_marked(w, 1, 1, COLS - 2, e->context, draw_attr(ROLE_DIM), false); /* ~ */
    for (size_t i = 0; i < e->spec->n_fields; i++) {
        const struct fs_field *fd = &e->spec->fields[i];
        int row = e->first_row + (int)i;
        char label[128];
        snprintf(label, sizeof label, "%s%s", fd->required ? "*" : " ", fd->label);
        draw_text(w, row, 1, e->label_w, label, ROLE_NORMAL);
        int mx = 2 + e->label_w + field_width(e, i) + 1;
        const char *msg = e->f[i].msg;
        if (fd->type == FS_CHOICE && !*msg && (int)i == e->cur)
            msg = "<- -> 或 F4 选择";
        bool fits = text_width(msg) <= COLS - mx - 1;
        draw_text(w, row, mx, COLS - mx - 1, fits ? msg : "!",
                  e->f[i].msg[0] ? ROLE_ERROR : ROLE_DIM);
    }
    const char *bottom = e->message;
    char named[256]; /* the field's own refusal, named: the row is read apart from the field */
    if (!*bottom && e->f[e->cur].msg[0]) {
        snprintf(named, sizeof named, "%s: %s", e->spec->fields[e->cur].label, e->f[e->cur].msg);
        bottom = named;
    }
    draw_message(e, bottom, *bottom ? ROLE_ERROR : ROLE_NORMAL);
}

/* REQ_END_FIELD misplaces the cursor after wide characters (seen: 王五 -> between them), so
 * walk from the start one character at a time instead. */
static void cursor_to_end(struct entry *e)
{
    form_driver(e->form, REQ_BEG_FIELD);
    size_t n = mbstowcs(NULL, e->f[e->cur].value, 0);
    if (n == (size_t)-1)
        return;
    for (size_t k = 0; k < n; k++)
        form_driver(e->form, REQ_NEXT_CHAR);
}

static void focus(struct entry *e, int i)
{
    if (e->form) {
        int was = e->cur;
        set_field_back(e->fields[e->cur], draw_attr(ROLE_FIELD));
        e->cur = i;
        set_current_field(e->form, e->fields[i]);
        set_field_back(e->fields[i], draw_attr(ROLE_FOCUS));
        if (scrolls(e, (size_t)i) && e->line_for != i + 1) { /* a repost keeps the cursor */
            textline_load(&e->line, e->f[i].value, max_chars(e, (size_t)i));
            e->line_for = i + 1;
        } else if (!scrolls(e, (size_t)i)) {
            e->line_for = 0;
            cursor_to_end(e);
        }
        /* A scrolled field left shows its start again; set_field_buffer on the current field
         * would move the form library's cursor, so only scrolling fields are redrawn. */
        if (was != i && scrolls(e, (size_t)was))
            show_value(e, (size_t)was);
        if (scrolls(e, (size_t)i))
            show_value(e, (size_t)i);
    } else {
        e->cur = i;
    }
}

void entry_post(struct entry *e, int y, int h)
{
    if (e->form)
        entry_unpost(e);
    size_t n = e->spec->n_fields;
    e->y = y, e->h = h;
    e->label_w = 0;
    for (size_t i = 0; i < n; i++) {
        int w = text_width(e->spec->fields[i].label) + 2;
        if (w > e->label_w)
            e->label_w = w;
    }
    e->first_row = (int)n + 4 <= h ? 2 : 1;
    e->win = newwin(h, COLS, y, 0);
    e->fields = xcalloc(n + 1, sizeof *e->fields);
    for (size_t i = 0; i < n; i++) {
        FIELD *fl = new_field(1, field_width(e, i), e->first_row + (int)i, 2 + e->label_w, 0, 0);
        field_opts_off(fl, O_AUTOSKIP | O_BLANK); /* O_BLANK would wipe a preset value (§1e) */
        if (e->spec->fields[i].type == FS_CHOICE || scrolls(e, i))
            field_opts_off(fl, O_EDIT);
        set_field_back(fl, draw_attr(ROLE_FIELD));
        e->fields[i] = fl;
    }
    e->form = new_form(e->fields);
    set_form_win(e->form, e->win);
    set_form_sub(e->form, e->win);
    for (size_t i = 0; i < n; i++)
        show_value(e, i);
    post_form(e->form);
    focus(e, e->cur);
    draw_decor(e);
}

void entry_unpost(struct entry *e)
{
    if (!e->form)
        return;
    sync_current(e);
    e->popup = false;
    unpost_form(e->form);
    free_form(e->form);
    for (size_t i = 0; i < e->spec->n_fields; i++)
        free_field(e->fields[i]);
    free(e->fields);
    delwin(e->win);
    e->form = NULL, e->fields = NULL, e->win = NULL;
}

bool entry_posted(const struct entry *e)
{
    return e->form != NULL;
}

void entry_stage(struct entry *e)
{
    if (!e->form)
        return;
    draw_decor(e);
    touchwin(e->win);
    pos_form_cursor(e->form);
    if (e->line_for == e->cur + 1)
        wmove(e->win, e->first_row + e->cur, 2 + e->label_w + e->line_col);
    wnoutrefresh(e->win);
    curs_set(1);
    if (e->popup)
        entry_popup_stage(e);
}

static bool check_field(struct entry *e, size_t i)
{
    sync_current(e);
    return formspec_check(&e->spec->fields[i], e->f[i].value, e->f[i].msg, sizeof e->f[i].msg);
}

bool entry_validate(struct entry *e, char *why, size_t whysz)
{
    int first_bad = -1;
    size_t n_bad = 0;
    for (size_t i = 0; i < e->spec->n_fields; i++)
        if (!check_field(e, i)) {
            n_bad++;
            if (first_bad < 0)
                first_bad = (int)i;
        }
    if (first_bad < 0)
        return true;
    focus(e, first_bad);
    snprintf(why, whysz, "%s: %s%s", e->spec->fields[first_bad].label, e->f[first_bad].msg,
             n_bad > 1 ? " (还有其他项)" : "");
    return false;
}

bool entry_dirty(struct entry *e)
{
    sync_current(e);
    for (size_t i = 0; i < e->spec->n_fields; i++)
        if (strcmp(e->f[i].value, e->f[i].orig) != 0)
            return true;
    return false;
}

void entry_context(struct entry *e, const char *text)
{
    snprintf(e->context, sizeof e->context, "%s", text ? text : "");
}

void entry_message(struct entry *e, const char *msg)
{
    snprintf(e->message, sizeof e->message, "%s", msg ? msg : "");
}

/* Leaving a field checks it; a refused value keeps the cursor there, except an empty required
 * field: it is marked 必填 and left (the fields may be typed in any order; the save names it). */
static bool move_to(struct entry *e, int to)
{
    int n = (int)e->spec->n_fields;
    if (!check_field(e, (size_t)e->cur) && e->f[e->cur].value[0]) {
        beep();
        return true;
    }
    focus(e, (to + n) % n);
    return true;
}

/* The next (dir 1) or previous (-1) option, or shows the chosen one again (0). */
static void cycle(struct entry *e, int dir)
{
    struct efield *f = &e->f[e->cur];
    if (f->n_opts == 0)
        return;
    f->opt = (f->opt + f->n_opts + (size_t)(dir > 0 ? 1 : dir < 0 ? -1 : 0)) % f->n_opts;
    put_value(f, f->opts[f->opt], false);
    f->msg[0] = '\0';
    show_value(e, (size_t)e->cur);
}

/* The width check before inserting (§1a): a wide character at an odd offset would spill. */
static bool insert_char(struct entry *e, int key)
{
    const struct fs_field *fd = &e->spec->fields[e->cur];
    struct efield *f = &e->f[e->cur];
    if (!formspec_char_ok(fd, key)) {
        snprintf(f->msg, sizeof f->msg, "%s",
                 fd->type == FS_DATE     ? "只能输入数字和 - (YYYY-MM-DD)"
                 : fd->type == FS_CHOICE ? "用 <- -> 或 F4 选择"
                                         : "只能输入数字");
        beep();
        return true;
    }
    sync_current(e);
    int cw = wcwidth((wchar_t)key);
    if (cw < 0 || text_width(f->value) + cw > field_width(e, (size_t)e->cur)) {
        snprintf(f->msg, sizeof f->msg, "已到字段宽度");
        beep();
        return true;
    }
    f->msg[0] = '\0';
    form_driver_w(e->form, OK, (wchar_t)key);
    sync_current(e);
    return true;
}

static bool edit_request(struct entry *e, int req)
{
    if (e->spec->fields[e->cur].type == FS_CHOICE)
        return true;
    form_driver(e->form, req);
    e->f[e->cur].msg[0] = '\0';
    sync_current(e);
    return true;
}

/* Right, but not past the end of the text: the form library would move into the padding,
 * and typing there makes "3" into " 3" (refused as 应为数字). */
static bool cursor_right(struct entry *e)
{
    sync_current(e);
    if (e->form->curcol + e->form->begincol >= text_width(e->f[e->cur].value))
        return true;
    return edit_request(e, REQ_NEXT_CHAR);
}

/* A scrolling field's edit: the value follows the line (trimmed, as the form's buffers are). */
static bool line_changed(struct entry *e)
{
    struct efield *f = &e->f[e->cur];
    char *s = textline_text(&e->line);
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        s[--n] = '\0';
    if (strcmp(s, f->value) != 0)
        put_value(f, s, false);
    free(s);
    f->msg[0] = '\0';
    return true;
}

/* The editing keys of a scrolling field; false for the keys it leaves to entry_key. */
static bool line_key(struct entry *e, int key)
{
    struct textline *t = &e->line;
    if (key == '\t' || key == '\n' || key == UI_K(KEY_DOWN) || key == UI_K(KEY_UP) ||
        key == UI_K(KEY_BTAB))
        return false; /* moving between fields */
    if (key == UI_K(KEY_LEFT))
        textline_move(t, -1);
    else if (key == UI_K(KEY_RIGHT)) /* never past the end: no padding is typed into */
        textline_move(t, 1);
    else if (key == UI_K(KEY_HOME))
        textline_home(t);
    else if (key == UI_K(KEY_END))
        textline_end(t);
    else if (key == UI_K(KEY_BACKSPACE))
        textline_backspace(t), line_changed(e);
    else if (key == UI_K(KEY_DC))
        textline_delete(t), line_changed(e);
    else if (key == UI_CTRL('u'))
        textline_clear(t), line_changed(e);
    else if (key < ' ' || (key & UI_FN) || key == 127)
        return false;
    else if (wcwidth((wchar_t)key) < 0 || !textline_insert(t, (wchar_t)key)) {
        snprintf(e->f[e->cur].msg, sizeof e->f[e->cur].msg, "已到字数上限 (%zu 字)", t->max);
        beep();
    } else {
        line_changed(e);
    }
    show_value(e, (size_t)e->cur);
    return true;
}

bool entry_key(struct entry *e, int key)
{
    if (!e->form)
        return false;
    if (e->popup) { /* the open list takes every key */
        if (entry_popup_key(e, key))
            cycle(e, 0); /* shows the chosen option */
        return true;
    }
    bool choice = e->spec->fields[e->cur].type == FS_CHOICE;
    e->message[0] = '\0';
    if (e->line_for == e->cur + 1 && line_key(e, key))
        return true;
    switch (key) {
    case '\t':
    case UI_K(KEY_DOWN):
        return move_to(e, e->cur + 1);
    case '\n':
        if (e->cur + 1 == (int)e->spec->n_fields)
            return false; /* Enter on the last field: the screen saves */
        return move_to(e, e->cur + 1);
    case UI_K(KEY_BTAB):
    case UI_K(KEY_UP):
        return move_to(e, e->cur - 1);
    case UI_K(KEY_LEFT):
        if (choice)
            return cycle(e, -1), true;
        return edit_request(e, REQ_PREV_CHAR);
    case UI_K(KEY_RIGHT):
        if (choice)
            return cycle(e, 1), true;
        return cursor_right(e);
    case ' ':
        if (choice)
            return cycle(e, 1), true;
        break;
    case UI_K(KEY_F(4)):
        if (choice)
            entry_popup_begin(e);
        return true;
    case UI_K(KEY_HOME):
        return edit_request(e, REQ_BEG_FIELD);
    case UI_K(KEY_END):
        if (!choice)
            sync_current(e), cursor_to_end(e);
        return true;
    case UI_K(KEY_BACKSPACE):
        return edit_request(e, REQ_DEL_PREV);
    case UI_K(KEY_DC):
        return edit_request(e, REQ_DEL_CHAR);
    case UI_CTRL('u'):
        return edit_request(e, REQ_CLR_FIELD);
    default:
        break;
    }
    if (key < ' ' || (key & UI_FN) || key == 127)
        return false;
    return insert_char(e, key);
}

const char *entry_title(const struct entry *e)
{
    return e->title[0] ? e->title : e->spec->title;
}

void entry_retitle(struct entry *e, const char *title)
{
    snprintf(e->title, sizeof e->title, "%s", title);
}

void entry_focus(struct entry *e, const char *name)
{
    int i = formspec_field_index(e->spec, name);
    if (i >= 0)
        e->cur = i;
}
