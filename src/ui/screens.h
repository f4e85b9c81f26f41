/* Every screen of the workstation and the home menu. Adding a screen = one screen_NAME.c
 * file with its state struct and `const struct ui_screen screen_NAME` (.size = sizeof it; see
 * app.h), its extern line here, and (to reach it from home) one row in ui_menu[] (screens.c). */
#ifndef KAOPING_UI_SCREENS_H
#define KAOPING_UI_SCREENS_H

#include <stddef.h>

#include <stdbool.h>

#include "ui/app.h"

extern const struct ui_screen screen_home;
extern const struct ui_screen screen_help;
extern const struct ui_screen screen_form;
extern const struct ui_screen screen_pick_unit;
extern const struct ui_screen screen_units;
extern const struct ui_screen screen_targets;
extern const struct ui_screen screen_progress;
extern const struct ui_screen screen_ledger;
extern const struct ui_screen screen_appraisal;
extern const struct ui_screen screen_scores;
extern const struct ui_screen screen_rankings;
extern const struct ui_screen screen_explain;
extern const struct ui_screen screen_meeting;
extern const struct ui_screen screen_settings;
extern const struct ui_screen screen_structure;
extern const struct ui_screen screen_sources;
extern const struct ui_screen screen_monitor;
extern const struct ui_screen screen_rectify;
extern const struct ui_screen screen_lock;
extern const struct ui_screen screen_audit;
extern const struct ui_screen screen_conflicts;

struct entry;
/* The argument of screen_form. The form screen owns the entry (frees it when it leaves).
 * save runs only when every field is valid; it does the whole write in one transaction and
 * returns 0, or a status with a one-line reason in err (the form stays open). */
struct ui_form_request {
    struct entry *entry;
    void *ctx; /* what save and ask get first: the state of the screen that opened the form */
    size_t ctx_size; /* when not 0: ctx is copied into the form (what the form is about, as
                      * rectify_form.c has it), so each form has its own; freed with the form */
    int (*save)(void *ctx, struct entry *e, char *err, size_t errsz);
    /* Optional: a question the save needs answered first (a date outside the year). Returns
     * true with the question (ending "(y/N)") in q and, in no, what the form says when the
     * answer is no; save runs only on yes. */
    bool (*ask)(void *ctx, struct entry *e, char *q, size_t qsz, char *no, size_t nosz);
};

/* The global keys (help, back, quit), shared by the loop, the key bar and the help. */
extern const struct ui_key ui_global_keys[];
extern const size_t ui_global_key_count;

/* One entry of the home menu: a hotkey reaches the screen in one key from home. */
struct ui_menu_entry {
    int key;
    const char *label;
    const char *help;
    const struct ui_screen *screen;
    const void *arg;
};
extern const struct ui_menu_entry ui_menu[];
/* Extra columns of the unit picker, per purpose. */
/* PICK_RECTIFY: code, name and pool only; Enter goes back and opens a new 整改 for the unit. */
enum pick_purpose { PICK_TARGETS, PICK_PROGRESS, PICK_LEDGER, PICK_RECTIFY };
/* The argument of screen_pick_unit: Enter pushes `next` with ui.unit (and ui.quarter) set. */
struct ui_pick_request {
    const char *title;
    const struct ui_screen *next;
    enum pick_purpose purpose;
};
extern const size_t ui_menu_count;

#endif
