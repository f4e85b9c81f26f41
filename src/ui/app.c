/* The workstation: locale check, store and form loading, the screen stack and the one event
 * loop that dispatches keys (global keys, then the screen's key table, then its on_key) and
 * redraws. Below 80x24 only a one-line notice is drawn until the terminal grows back. */
#include <curses.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/undo.h"
#include "db/store.h"
#include "db/years.h"
#include "model/text.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/formspec.h"
#include "ui/prompt.h"
#include "ui/screen_monitor_cache.h"
#include "ui/screens.h"
#include "ui/ui.h"

#define STACK_MAX 16
#define MIN_COLS 80
#define MIN_LINES 24

struct ui_ctx ui;

/* A screen on the stack and its state (ui_screen.size bytes, its own per push). */
struct frame {
    const struct ui_screen *s;
    void *self;
};
static struct frame stack[STACK_MAX];
static size_t depth;
static char status_msg[512];
static bool status_is_error;
static bool quitting;

/* The last action's result belongs to the screen it happened on: a new screen starts with
 * none, and going back drops a refusal (a "已保存" from a form that closed stays). */
void ui_push(const struct ui_screen *s, const void *arg)
{
    if (depth == STACK_MAX)
        return;
    status_msg[0] = '\0';
    status_is_error = false;
    void *self = s->size ? xcalloc(1, s->size) : NULL;
    stack[depth++] = (struct frame){s, self};
    if (s->enter)
        s->enter(self, arg);
}

/* Leaves the top screen and frees its state. */
static void drop_top(void)
{
    struct frame f = stack[--depth];
    stack[depth] = (struct frame){NULL, NULL};
    if (f.s->leave)
        f.s->leave(f.self);
    free(f.self);
}

void ui_pop(void)
{
    if (depth <= 1) {
        quitting = true;
        return;
    }
    drop_top();
    if (status_is_error) {
        status_msg[0] = '\0';
        status_is_error = false;
    }
    const struct frame *top = &stack[depth - 1];
    if (top->s->resume)
        top->s->resume(top->self);
}

__attribute__((format(printf, 2, 0))) static void status_set(bool err, const char *fmt, va_list ap)
{
    vsnprintf(status_msg, sizeof status_msg, fmt, ap);
    status_is_error = err;
}

void ui_status(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    status_set(false, fmt, ap);
    va_end(ap);
}

void ui_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    status_set(true, fmt, ap);
    va_end(ap);
    beep();
}

/* The next key; -1 at once when none is waiting and wait is false. */
static int getkey(bool wait)
{
    wint_t ch;
    timeout(wait ? -1 : 0);
    int rc = get_wch(&ch);
    if (rc == ERR)
        return -1;
    /* One spelling per key: Enter as '\n', Backspace as KEY_BACKSPACE. */
    if (rc == KEY_CODE_YES) {
        if (ch == KEY_ENTER)
            return '\n';
        return UI_K((int)ch);
    }
    if (ch == '\r')
        return '\n';
    if (ch == 127 || ch == 8)
        return UI_K(KEY_BACKSPACE);
    return (int)ch;
}

bool ui_too_small(void)
{
    return COLS < MIN_COLS || LINES < MIN_LINES;
}

int ui_body_top(void)
{
    return 1;
}

int ui_body_bottom(void)
{
    return LINES - 3;
}

const char *ui_locked_text(void)
{
    static char text[96];
    snprintf(text, sizeof text, "%d 年度已审定, 不能修改", ui.year);
    return text;
}

bool ui_refuse_locked(bool locked)
{
    if (locked)
        ui_error("%s", ui_locked_text());
    return locked;
}

bool ui_refuse_empty(size_t n, const char *verb, const char *noun)
{
    if (n == 0)
        ui_error("没有可%s的%s", verb, noun);
    return n == 0;
}

void ui_today(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

void ui_year_drop(struct year_data *yd, bool *loaded)
{
    if (*loaded)
        year_data_free(yd);
    *loaded = false;
}

static void draw_title(const struct ui_screen *s)
{
    char left[160];
    snprintf(left, sizeof left, " 考评工作站 > %s", s->name);
    draw_text(stdscr, 0, 0, COLS, left, ROLE_TITLE);
    char right[64];
    if (ui.year) {
        bool locked = false; /* one indexed read per redraw: every screen shows the lock */
        store_year_locked(ui.st, ui.year, &locked);
        snprintf(right, sizeof right, "%d 年度%s ", ui.year, locked ? " [已审定]" : "");
        int w = text_width(right);
        draw_text(stdscr, 0, COLS - w, w, right, ROLE_TITLE);
    }
}

/* A message wider than the whole line takes the rows above it too, up to this many. */
#define STATUS_ROWS 3

/* The status line; `grow`: a long message may take the screen's last rows (not under a form,
 * whose window covers them and which shows its refusal itself). */
static void draw_status(bool grow)
{
    const char *base = strrchr(ui.db_path, '/');
    base = base ? base + 1 : ui.db_path;
    char line[512];
    char year[16] = "无年度";
    if (ui.year)
        snprintf(year, sizeof year, "%d", ui.year);
    snprintf(line, sizeof line, " %s | 操作员 %s | %s | ", base, ui.operator_name, year);
    int w = text_width(line);
    if (w + text_width(status_msg) > COLS)
        w = 1; /* a long message (an error, an export path) takes the whole line */
    if (w > COLS)
        w = COLS;
    enum ui_role role = status_is_error ? ROLE_ERROR : ROLE_STATUS;
    int rows = grow && COLS > w ? draw_rows_needed(status_msg, COLS - w, STATUS_ROWS) : 1;
    for (int r = 0; r < rows; r++) /* w 1: " " */
        draw_text_attr(stdscr, LINES - 1 - rows + r, 0, w, line, draw_attr(ROLE_STATUS), false);
    if (COLS > w)
        draw_text_rows(stdscr, LINES - 1 - rows, w, COLS - w, rows, status_msg, role);
}

static bool can_undo(void);
static int undo_action(void *self);
static int quit_action(void *self);

/* `u` 撤销 takes room in the bar only while there is a delete to take back, and not on a
 * screen whose own `u` comes first (年度审定's 解锁) nor in a form (u is a letter there). */
static bool shown_now(const struct ui_screen *s, const struct ui_key *k)
{
    if (k->action != undo_action)
        return true;
    if (s == &screen_form)
        return false;
    for (size_t i = 0; i < s->n_keys; i++)
        if (s->keys[i].action && s->keys[i].key == 'u')
            return false;
    return can_undo();
}

static const char *bar_help(const struct ui_key *k)
{
    return k->brief ? k->brief : k->help;
}

/* Columns of "label help" pairs with gap columns between them. */
static int bar_width(const struct ui_key *const *k, size_t n, int gap)
{
    int w = 0;
    for (size_t i = 0; i < n; i++)
        w += (i ? gap : 0) + text_width(k[i]->label) + 1 + text_width(bar_help(k[i]));
    return w;
}

/* The screen's keys, then the global ones. A bar too wide for the terminal closes its gaps to
 * one column, then leaves out F10 退出 and then the screen's last keys (the help lists them
 * all): u 撤销, ?/F1 帮助 and Esc 返回 always stay, so a new operator can always get back. */
static void draw_keybar(const struct ui_screen *s, void *self)
{
    move(LINES - 1, 0);
    clrtoeol();
    const struct ui_key *k[64];
    size_t n = 0, n_screen;
    for (size_t i = 0; i < s->n_keys && n < 48; i++)
        if (s->keys[i].bar && (!s->bar_key || s->bar_key(self, &s->keys[i])))
            k[n++] = &s->keys[i];
    n_screen = n;
    for (size_t i = 0; i < ui_global_key_count; i++)
        if (shown_now(s, &ui_global_keys[i]))
            k[n++] = &ui_global_keys[i];
    int gap = bar_width(k, n, 2) > COLS ? 1 : 2;
    while (n > 1 && bar_width(k, n, gap) > COLS) {
        size_t drop = k[n - 1]->action == quit_action ? n - 1 : n_screen ? n_screen - 1 : n - 1;
        memmove(&k[drop], &k[drop + 1], (n - drop - 1) * sizeof k[0]);
        n--;
        if (drop < n_screen)
            n_screen--;
    }
    int x = 0;
    for (size_t i = 0; i < n && x < COLS; i++) {
        int lw = text_width(k[i]->label), hw = text_width(bar_help(k[i]));
        draw_text(stdscr, LINES - 1, x, lw < COLS - x ? lw : COLS - x, k[i]->label, ROLE_KEY);
        x += lw + 1;
        if (x < COLS)
            draw_text(stdscr, LINES - 1, x, hw < COLS - x ? hw : COLS - x, bar_help(k[i]),
                      ROLE_NORMAL);
        x += hw + gap;
    }
}

static void draw_small(void)
{
    erase();
    curs_set(0);
    draw_text(stdscr, 0, 0, COLS, "终端太小 (需要 80×24)", ROLE_NORMAL); /* cut, never wrapped */
    refresh();
}

/* The screen, then its windows (a form), then the prompt over all of them. */
static void redraw(void)
{
    if (ui_too_small()) {
        draw_small();
        return;
    }
    const struct frame *f = &stack[depth - 1];
    erase();
    curs_set(0);
    draw_title(f->s);
    f->s->draw(f->self);
    draw_status(f->s->overlay == NULL);
    draw_keybar(f->s, f->self);
    wnoutrefresh(stdscr);
    if (f->s->overlay)
        f->s->overlay(f->self);
    prompt_stage();
    doupdate();
}

/* What unsaved work would be lost: the names of the screens holding it, 「季度进度」. */
static bool dirty_names(size_t from, char *buf, size_t sz)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = from; i < depth; i++) {
        const struct ui_screen *s = stack[i].s;
        void *self = stack[i].self;
        if (s->dirty && s->dirty(self) && used < sz)
            used += (size_t)snprintf(buf + used, sz - used, "「%s」",
                                     s->what ? s->what(self) : s->name);
    }
    return used > 0;
}

static void quit_yes(void *arg)
{
    (void)arg;
    quitting = true;
}

static int quit_action(void *self)
{
    (void)self;
    char names[192], q[256];
    if (!dirty_names(0, names, sizeof names))
        return UI_QUIT;
    snprintf(q, sizeof q, "放弃%s中未保存的修改并退出? (y/N)", names);
    prompt_confirm(q, quit_yes, NULL, NULL);
    return UI_HANDLED;
}

static void back_yes(void *arg)
{
    (void)arg;
    ui_pop();
}

static int back_action(void *self)
{
    (void)self;
    if (depth == 1) {
        ui_status("已在首页; 按 F10 或 Q 退出"); /* an Esc too many must not end the session */
        return UI_HANDLED;
    }
    char names[192], q[256];
    if (!dirty_names(depth - 1, names, sizeof names)) {
        ui_pop();
        return UI_HANDLED;
    }
    snprintf(q, sizeof q, "放弃%s中未保存的修改? (y/N)", names);
    prompt_confirm(q, back_yes, NULL, NULL);
    return UI_HANDLED;
}

/* On the help too: a help of the help, over the first one (each has its own state). */
static int help_action(void *self)
{
    (void)self;
    ui_push(&screen_help, stack[depth - 1].s);
    return UI_HANDLED;
}

static bool can_undo(void)
{
    return undo_what(ui.undo) != NULL;
}

/* Takes back the last delete or discard (app/undo.h). Not over unsaved edits: the screen
 * reloads after a store undo, and a discard comes back into a grid as unsaved edits. */
static int undo_action(void *self)
{
    const struct ui_screen *s = stack[depth - 1].s;
    char what[192], err[256];
    if (!can_undo()) {
        ui_status("没有可撤销的删除");
        return UI_HANDLED;
    }
    if (s->dirty && s->dirty(self)) {
        ui_error("有未保存的修改: 先保存 (F2) 或放弃, 再撤销");
        return UI_HANDLED;
    }
    snprintf(what, sizeof what, "%s", undo_what(ui.undo));
    bool store = undo_is_store(ui.undo);
    if (undo_apply(ui.undo, ui.st, err, sizeof err) != STORE_OK) {
        ui_error("%s", err);
        return UI_HANDLED;
    }
    if (store && s->resume)
        s->resume(self);
    ui_status("已撤销: %s%s", what, store ? "" : " (尚未保存, F2 保存)");
    return UI_HANDLED;
}

/* Keys every screen has; listed in the help and the key bar after the screen's own. */
const struct ui_key ui_global_keys[] = {
    {'u', 0, "u", "撤销上一次删除 (记录, 清空了行的保存; 记入审计) 或放弃的表格修改", undo_action,
     true, "撤销"},
    {'?', UI_K(KEY_F(1)), "?/F1", "帮助", help_action, true, NULL},
    {UI_ESC, 'q', "Esc", "返回", back_action, true, NULL},
    {UI_K(KEY_F(10)), 'Q', "F10", "退出", quit_action, true, NULL},
};
const size_t ui_global_key_count = sizeof ui_global_keys / sizeof ui_global_keys[0];

static int run_table(const struct ui_key *keys, size_t n, int key, void *self)
{
    for (size_t i = 0; i < n; i++)
        if (keys[i].action && (keys[i].key == key || (keys[i].alt && keys[i].alt == key)))
            return keys[i].action(self) | UI_HANDLED;
    return UI_UNHANDLED;
}

/* Order: F10 always quits; then the screen's table and its on_key (a form takes `q` and `?`
 * as text); then the remaining global keys. */
static int dispatch(int key)
{
    const struct ui_screen *s = stack[depth - 1].s;
    void *self = stack[depth - 1].self;
    if (key == UI_K(KEY_F(10)))
        return quit_action(self);
    int r = run_table(s->keys, s->n_keys, key, self);
    if (r == UI_UNHANDLED && s->on_key)
        r = s->on_key(self, key);
    if (r == UI_UNHANDLED)
        r = run_table(ui_global_keys, ui_global_key_count, key, self);
    return r;
}

/* The one place a resize is handled. Also called while too small, so a form can take its
 * text out of its fields. */
static void on_resize(void)
{
    const struct frame *f = &stack[depth - 1];
    if (f->s->on_resize)
        f->s->on_resize(f->self);
    prompt_resize();
}

static void event_loop(void)
{
    redraw();
    while (!quitting) {
        /* The screen is on the terminal already; keys typed meanwhile wait in the input. */
        int idle = UI_IDLE_DONE;
        if (stack[depth - 1].s->idle && !ui_too_small())
            idle = stack[depth - 1].s->idle(stack[depth - 1].self);
        int key = getkey(!(idle & UI_IDLE_MORE));
        if (key < 0) {
            if (idle & UI_IDLE_CHANGED)
                redraw();
            continue;
        }
        if (key == UI_K(KEY_RESIZE)) {
            on_resize();
        } else if (ui_too_small()) {
            if (key == UI_K(KEY_F(10)) || key == 'Q')
                break; /* nothing else is reachable while the screen is hidden */
            continue;
        } else if (prompt_open()) {
            prompt_key(key); /* an open question takes every key */
        } else if (dispatch(key) & UI_QUIT) {
            break;
        }
        if (!quitting)
            redraw();
    }
    prompt_close();
    while (depth > 0)
        drop_top();
}

static bool locale_is_utf8(void)
{
    return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

static void pick_year(void)
{
    ui.year = store_latest_year(ui.st);
    char today[11];
    ui_today(today);
    int this_year = atoi(today);
    if (store_year_exists(ui.st, this_year))
        ui.year = this_year;
    ui.quarter = 1;
}

/* A missing database file is created only after a yes: a mistyped --db would otherwise leave
 * an empty database behind. The screen is not up yet, so this is a plain line. */
static bool may_create(const char *db_path)
{
    if (access(db_path, F_OK) == 0)
        return true;
    printf("在 %s 新建数据库? (y/N) ", db_path);
    fflush(stdout);
    char answer[16] = "";
    if (!fgets(answer, sizeof answer, stdin))
        answer[0] = '\0';
    if ((answer[0] == 'y' || answer[0] == 'Y') && (answer[1] == '\n' || answer[1] == '\0'))
        return true;
    fputs("kaoping: 未新建数据库\n", stderr);
    return false;
}

int ui_run(const char *db_path, const char *operator_name)
{
    if (!locale_is_utf8()) {
        fputs("kaoping: 终端界面需要 UTF-8 语言环境 (例如 LANG=C.UTF-8)\n", stderr);
        return 2;
    }
    struct fs_set forms;
    char err[512];
    if (formspec_load_default(&forms, err, sizeof err) != 0) {
        fprintf(stderr, "kaoping: %s\n", err);
        return 1;
    }
    if (!may_create(db_path)) {
        formspec_free(&forms);
        return 1;
    }
    struct store *st = store_open(db_path, operator_name, err, sizeof err);
    if (!st) {
        fprintf(stderr, "kaoping: %s\n", err);
        formspec_free(&forms);
        return 1;
    }
    memset(&ui, 0, sizeof ui);
    ui.st = st;
    ui.db_path = db_path;
    ui.operator_name = store_operator(st);
    ui.forms = &forms;
    ui.undo = undo_new();
    pick_year();

    initscr();
    raw(); /* not cbreak: keeps Ctrl-S from freezing the terminal (IXON) */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    draw_init_colors();
    ui_status("就绪");
    ui_push(&screen_home, NULL);
    event_loop();
    monitor_cache_drop(); /* a quarter read in parts holds statements: before store_close */
    endwin();
    undo_free(ui.undo);
    store_close(st);
    formspec_free(&forms);
    return 0;
}
