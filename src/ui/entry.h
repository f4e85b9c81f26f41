/* An entry form on screen: the fields of a form file as single-line static ncurses fields
 * (the safe subset, docs/terminal.md §1), typed with get_wch + form_driver_w, checked as they
 * are left, and rebuilt with their text kept when the terminal is resized. */
#ifndef KAOPING_UI_ENTRY_H
#define KAOPING_UI_ENTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/formspec.h"

struct entry;

struct entry *entry_new(const struct fs_form *spec);
void entry_free(struct entry *e);

/* Initial value (pre-fitted to the field width); counts as unchanged. */
void entry_set(struct entry *e, const char *name, const char *value);
/* Options of a choice field (copied); a non-required field also offers "" first. */
void entry_set_choices(struct entry *e, const char *name, const char *const *opts, size_t n);
/* Options from the field's own source (pools, categories of `pool`, aspects, ...). */
void entry_fill_choices(struct entry *e, const char *pool);
/* One field's options from its source (entry_choices.c; used by entry_fill_choices). */
void entry_fill_source(struct entry *e, const struct fs_field *fd, const char *pool);
/* The current text of a field, trimmed ("" when empty or unknown); valid until the next
 * edit of the form. */
const char *entry_get(struct entry *e, const char *name);
bool entry_get_number(struct entry *e, const char *name, double *out); /* false when empty */

/* Posts the form in a window covering rows y..y+h-1 (its own window, above stdscr). */
void entry_post(struct entry *e, int y, int h);
/* Takes the text out of the fields and frees the window (before a resize or when leaving). */
void entry_unpost(struct entry *e);
bool entry_posted(const struct entry *e);
/* Stages the window for doupdate (after stdscr), with the cursor in the current field. */
void entry_stage(struct entry *e);

/* Editing keys (UI key codes). Returns true when the key was used. */
bool entry_key(struct entry *e, int key);
/* Checks every field; marks the refused ones and moves the cursor to the first; returns true
 * when all are valid, else false with "单位编码: 必填" (the first one's label and reason) in why. */
bool entry_validate(struct entry *e, char *why, size_t whysz);
bool entry_dirty(struct entry *e);
/* One line under the title saying what the form is about (the record, the warning); it
 * stays while the form is open (messages come and go on the last row). */
void entry_context(struct entry *e, const char *text);
/* A message for the whole form (e.g. the store's refusal), shown under the fields. */
void entry_message(struct entry *e, const char *msg);

/* The F4 list is open: it takes every key until Enter or Esc. */
bool entry_popup_open(const struct entry *e);
/* The form's title (what its unsaved text is, in a question). */
const char *entry_title(const struct entry *e);
/* The same form under another title (the rectify form edits as 修改整改). */
void entry_retitle(struct entry *e, const char *title);
/* The field the cursor starts in, before the form is shown (unknown names are ignored). */
void entry_focus(struct entry *e, const char *name);

#endif
