/* One line of text edited by character and shown through a window narrower than the text
 * (docs/terminal.md §1): the free-text fields of entry.c. The text is wide characters, the
 * window follows the cursor, counts a double-width character as 2 columns and never splits
 * one at either edge, and an ASCII mark shows where text is hidden ('<' left, '>' right).
 * No curses here. */
#ifndef KAOPING_UI_TEXTLINE_H
#define KAOPING_UI_TEXTLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct textline {
    wchar_t *s;
    size_t n, cap, max; /* characters, allocated, the most it may hold */
    size_t cur;         /* cursor: 0..n */
    size_t left;        /* the first character shown */
};

/* Loads UTF-8 text (the locale's multibyte text) with the cursor at its end. */
void textline_load(struct textline *t, const char *utf8, size_t max);
void textline_free(struct textline *t);
/* The text as a newly allocated multibyte string. */
char *textline_text(const struct textline *t);
/* False (nothing changed) when the line already holds max characters. */
bool textline_insert(struct textline *t, wchar_t c);
/* Editing and moving keys; each returns true when the text changed. */
bool textline_backspace(struct textline *t);
bool textline_delete(struct textline *t);
bool textline_clear(struct textline *t);
void textline_move(struct textline *t, long by); /* clamped to 0..n */
void textline_home(struct textline *t);
void textline_end(struct textline *t);
/* What a field of `cols` columns shows: out gets exactly `cols` columns of text (marks and
 * padding included); *curcol the cursor's column in it. Updates t->left so the cursor shows. */
void textline_view(struct textline *t, int cols, char *out, size_t outsz, int *curcol);

#endif
