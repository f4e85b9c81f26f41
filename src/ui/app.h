/* The workstation's core: the screen interface, the screen stack, the shared context and the
 * status line. One event loop (app.c) reads keys and decides what to redraw. */
#ifndef KAOPING_UI_APP_H
#define KAOPING_UI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"
#include "model/types.h"
#include "ui/keys.h"

struct fs_set;
struct undo;

/* Empty values on screen, one word per meaning (docs/tui.md "Empty values"): a value the
 * operator can type and has not yet (a 偏差原因, a previous quarter's figure, an adjustment's
 * reason), and one this row cannot have (a computed item's 评分, a rate without a budget, the
 * 半年初评's 公众评议). A grid's untyped cell stays blank: it is where the value is typed. */
#define UI_UNSET "(未填)"
#define UI_NOT_APPLICABLE "-"

/* A screen: a table of functions, one file each. Only draw is required. A screen's state is
 * one struct of `size` bytes: ui_push allocates it zeroed for each instance and frees it after
 * leave, and every function gets it as `self` (its key actions too), so a screen may be on the
 * stack twice (a help over a help) with independent state. Screens keep no mutable file
 * statics. Screens never read keys themselves: a question or a line of text is a prompt
 * (prompt.h) that the loop draws and feeds. */
struct ui_screen {
    const char *name;
    size_t size;                                /* of its state; 0: self is NULL */
    void (*enter)(void *self, const void *arg); /* pushed */
    void (*draw)(void *self);       /* the content rows ui_body_top()..ui_body_bottom() */
    int (*on_key)(void *self, int key); /* keys not in the table: navigation, typing */
    void (*on_resize)(void *self);      /* the terminal changed size (LINES/COLS updated) */
    void (*leave)(void *self);          /* popped: frees what the state points to */
    void (*resume)(void *self);  /* uncovered after the screen above it popped */
    void (*overlay)(void *self); /* stages windows above stdscr (forms) after the draw */
    bool (*dirty)(void *self);   /* unsaved changes (quit asks first) */
    const char *(*what)(void *self); /* what its unsaved work is called in a question (or name) */
    /* Work worth doing early, after each redraw before waiting for a key: UI_IDLE_* flags.
     * Long work is done in parts of a few ms that return UI_IDLE_MORE: the loop calls idle
     * again as long as no key is waiting, so a key waits for one part at most. */
    int (*idle)(void *self);
    const struct ui_key *keys;
    size_t n_keys;
    /* Whether the bar offers key k now (年度审定: l while the year is open, u while locked);
     * NULL: every key marked for the bar. The help lists them all either way. */
    bool (*bar_key)(void *self, const struct ui_key *k);
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
    int quarter_year;       /* the year 季度进度's quarter was set for (0: not yet) */
    struct undo *undo;      /* the last delete, for `u` (app/undo.h) */
};
extern struct ui_ctx ui;

/* What an idle call did: more is left to do; what the screen shows changed (redraw it). */
enum { UI_IDLE_DONE = 0, UI_IDLE_MORE = 1, UI_IDLE_CHANGED = 2 };

void ui_push(const struct ui_screen *s, const void *arg);
void ui_pop(void);
/* The result of the last action, shown in the status line. */
void ui_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ui_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool ui_too_small(void);

/* The content area between the title row and the status line + key bar. */
int ui_body_top(void);
int ui_body_bottom(void); /* inclusive */

/* "<year> 年度已审定, 不能修改" for the current year (a static buffer, rewritten per call). */
const char *ui_locked_text(void);
/* When locked: puts ui_locked_text() in the status line. Returns locked. */
bool ui_refuse_locked(bool locked);
/* A key acting on the selected row of an empty list says so instead of doing nothing (a silent
 * key reads as a broken one): "没有可删除的记录" for ("删除", "记录"). Returns n == 0. */
bool ui_refuse_empty(size_t n, const char *verb, const char *noun);

/* Frees a screen's loaded year, if loaded, and marks it not loaded. */
void ui_year_drop(struct year_data *yd, bool *loaded);

/* Today's date YYYY-MM-DD (local time). */
void ui_today(char out[11]);

#endif
