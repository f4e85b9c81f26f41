/* Keys as the workstation reads them and the rows of a key table. Kept apart from app.h so
 * that the widgets the loop calls (draw, prompt) need nothing from the loop. */
#ifndef KAOPING_UI_KEYS_H
#define KAOPING_UI_KEYS_H

#include <stdbool.h>

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
    int (*action)(void *self); /* the screen's state; NULL: listed in the help only, the key
                                * goes to on_key */
    bool bar;            /* shown in the key bar at the bottom */
    const char *brief;   /* the bar's shorter text, when help is too long for it (or NULL) */
};

#endif
