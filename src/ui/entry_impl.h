/* The state of an entry form, shared by entry.c (fields and editing) and entry_popup.c (the
 * F4 list of a choice field). Private to those files: screens use entry.h. */
#ifndef KAOPING_UI_ENTRY_IMPL_H
#define KAOPING_UI_ENTRY_IMPL_H

#include <curses.h>
#include <form.h>
#include <stdbool.h>
#include <stddef.h>

#include "ui/formspec.h"
#include "ui/textline.h"

struct efield {
    char *value; /* the text, trimmed */
    char *orig;
    char msg[96];
    char **opts; /* choice fields */
    size_t n_opts, opt;
};

struct entry {
    const struct fs_form *spec;
    struct efield *f;
    int cur;
    char message[256];
    char context[512]; /* what the form is about: stays for the whole form */
    char title[64];    /* when set, replaces the definition's title (entry_retitle) */
    /* while posted */
    WINDOW *win;
    FORM *form;
    FIELD **fields;
    int y, h, label_w, first_row;
    bool popup;      /* the F4 list is open (a resize closes it unchanged) */
    size_t sel, top; /* its selected and first shown option */
    /* A free-text field scrolls: its text is edited here, not by the form library, and the
     * field shows the window of it around the cursor (textline.h, docs/terminal.md §1). */
    struct textline line;
    int line_for; /* 1 + the field `line` holds, 0 for none */
    int line_col; /* the cursor's column in that field */
};

/* F4 on a choice field: opens the list at the field's option. */
void entry_popup_begin(struct entry *e);
/* Draws the open list (after the form). */
void entry_popup_stage(struct entry *e);
/* A key for the open list; true when Enter chose e->f[e->cur].opt (the caller shows it). */
bool entry_popup_key(struct entry *e, int k);

#endif
