/* The one question or line of text open over the top screen, as tmux's confirm-before: a
 * prompt with a callback, drawn after the screen and fed every key by the one event loop
 * (app.c) until it is answered; then the callback runs. Nothing here reads a key or redraws
 * by itself, so a resize is handled once, by the loop. */
#ifndef KAOPING_UI_PROMPT_H
#define KAOPING_UI_PROMPT_H

#include <stdbool.h>

/* A yes/no question; `question` ends with "(y/N)" and names what a yes deletes or throws
 * away. Only y or Y answer yes; n, N, Esc and Enter answer no (Enter alone never deletes or
 * discards); other keys leave it open. `yes` runs on yes, `no` (may be NULL) on no; the
 * prompt is closed before either runs, so they may open another prompt or push a screen. */
void prompt_confirm(const char *question, void (*yes)(void *arg), void (*no)(void *arg),
                    void *arg);
/* A line of text in a small dialog (Chinese input works) starting with `initial`, `width`
 * columns. Enter runs `done` with the text (trimmed); Esc closes it without. */
void prompt_text(const char *title, const char *label, const char *initial, int width,
                 void (*done)(void *arg, const char *text), void *arg);

/* The loop's side. */
bool prompt_open(void);
/* Every key while a prompt is open (a UI key, not KEY_RESIZE). */
void prompt_key(int key);
/* Stages the prompt's window for doupdate, after the screen's own windows. */
void prompt_stage(void);
/* The terminal changed size: the next stage lays the prompt out again. */
void prompt_resize(void);
/* Closes an open prompt without an answer (the loop is ending). */
void prompt_close(void);

#endif
