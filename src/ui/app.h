/* The workstation's core: the screen interface, the screen stack, the shared context and the
 * status line. One event loop (app.c) reads keys and decides what to redraw. */
#ifndef KAOPING_UI_APP_H
#define KAOPING_UI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"
#include "model/types.h"

struct fs_set;

/* A key as one int: characters as their code point, curses function keys with UI_FN set
 * (KEY_* codes overlap code points such as U+0101). */
#define UI_FN 0x40000000
#define UI_K(k) (UI_FN | (k)) /* UI_K(KEY_F(2)) */
#define UI_ESC 27
#define UI_CTRL(c) ((c)&0x1f)

/* What a handler did (flags); the loop redraws after anything handled. */
enum { UI_UNHANDLED = 0, UI_HANDLED = 1, UI_QUIT = 2 };

/* One row of a screen's key table: drives dispatch, the key bar and the `?` help. */
struct ui_key {
    int key;
    int alt;             /* a second key with the same action, 0 if none */
    const char *label;   /* as shown: "Enter", "a", "F2" */
    const char *help;    /* what it does */
    int (*action)(void); /* NULL: listed in the help only, the key goes to on_key */
    bool bar;            /* shown in the key bar at the bottom */
    const char *brief;   /* the bar's shorter text, when help is too long for it (or NULL) */
};

/* A screen: a table of functions, one file each. Only draw is required. Screens keep their
 * state in their own file; the stack holds at most one instance of each screen. */
struct ui_screen {
    const char *name;
    void (*enter)(const void *arg); /* pushed */
    void (*draw)(void);             /* the content rows ui_body_top()..ui_body_bottom() */
    int (*on_key)(int key);         /* keys not in the table: navigation, typing */
    void (*on_resize)(void);        /* the terminal changed size (LINES/COLS updated) */
    void (*leave)(void);            /* popped */
    void (*resume)(void);           /* uncovered after the screen above it popped */
    void (*overlay)(void);          /* stages windows above stdscr (forms) after the draw */
    bool (*dirty)(void);            /* unsaved changes (quit asks first) */
    void (*idle)(void); /* after each redraw, before waiting for a key: work worth doing early */
    const struct ui_key *keys;
    size_t n_keys;
};

/* What every screen shares. */
struct ui_ctx {
    struct store *st;
    const char *db_path;
    const char *operator_name;
    const struct fs_set *forms;
    int year;               /* 0 when the database has no year yet */
    char unit[KP_CODE_MAX]; /* the unit picked last */
    int quarter;            /* 1..4, the quarter picked last */
};
extern struct ui_ctx ui;

void ui_push(const struct ui_screen *s, const void *arg);
void ui_pop(void);
/* The result of the last action, shown in the status line. */
void ui_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ui_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Reads one key (get_wch) as a UI key; KEY_RESIZE comes back as UI_K(KEY_RESIZE). */
int ui_getkey(void);
/* Redraws the whole screen now (modal dialogs call it after a resize). */
void ui_redraw(void);
/* A KEY_RESIZE read outside the loop (modal dialogs): relayout the top screen and redraw. */
void ui_resized(void);
bool ui_too_small(void);

/* The content area between the title row and the status line + key bar. */
int ui_body_top(void);
int ui_body_bottom(void); /* inclusive */

/* "<year> 年度已审定, 不能修改" for the current year (a static buffer, rewritten per call). */
const char *ui_locked_text(void);
/* When locked: puts ui_locked_text() in the status line. Returns locked. */
bool ui_refuse_locked(bool locked);

/* Today's date YYYY-MM-DD (local time). */
void ui_today(char out[11]);

#endif
