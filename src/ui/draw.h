/* Drawing helpers shared by the screens: semantic colours with a monochrome fallback, text
 * placed by display width, and dialog boxes. Drawing only: nothing here reads a key. */
#ifndef KAOPING_UI_DRAW_H
#define KAOPING_UI_DRAW_H

#include <curses.h>
#include <stdbool.h>


/* Colour roles: screens ask for a meaning, never for a colour. */
enum ui_role {
    ROLE_NORMAL,
    ROLE_TITLE,
    ROLE_STATUS,
    ROLE_KEY,    /* a key name in the key bar */
    ROLE_HEADER, /* table header */
    ROLE_SELECT, /* selected row */
    ROLE_FOCUS,  /* the cell or field being edited */
    ROLE_FIELD,  /* an input field */
    ROLE_OK,
    ROLE_WARN_YELLOW,
    ROLE_WARN_RED,
    ROLE_ERROR,
    ROLE_DIM,
    ROLE_COUNT
};

void draw_init_colors(void);
attr_t draw_attr(enum ui_role role);

/* Writes text fitted to exactly `cols` columns at (y, x) of win with the role's attributes; a
 * text wider than cols ends with the cut mark '~' (draw_text_marked), so no screen line passes
 * a cut text for the whole one (issue 17). */
void draw_text(WINDOW *win, int y, int x, int cols, const char *text, enum ui_role role);
/* Like draw_text but with explicit attributes and right alignment, and cut without a mark. */
void draw_text_attr(WINDOW *win, int y, int x, int cols, const char *text, attr_t attr, bool right);
/* Like draw_text_attr, but a text wider than cols ends with the cut mark '~' and is never cut
 * inside a number (model/text.h text_fit_marked). */
void draw_text_marked(WINDOW *win, int y, int x, int cols, const char *text, attr_t attr, bool right);
/* label (in the header role) then text from (y, 1) across the line, continued on the rows
 * below while it lasts, `lines` rows at most, cut by display width; returns the rows used. */
int draw_wrapped(int y, int lines, const char *label, const char *text);
/* text from (y, x) of win over at most `rows` rows of `cols` columns, each row ended after its
 * last "; " or ", " past half the row when more follows, else its last space there, never
 * inside a number; what is left after the last row is cut with '~'. Returns the rows used. */
int draw_text_rows(WINDOW *win, int y, int x, int cols, int rows, const char *text,
                   enum ui_role role);
/* The rows draw_text_rows would use for text at `cols` columns, `rows` at most. */
int draw_rows_needed(const char *text, int cols, int rows);
/* A box of h x w centred on the screen, cleared; returns the window (delwin it). */
WINDOW *draw_dialog(int h, int w, const char *title);

#endif
