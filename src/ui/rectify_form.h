/* Raising a rectification (整改) from a 双监控 warning or a ledger finding: the `rectify` form,
 * prefilled, saved in one transaction with its source. Shared by 双监控 and 加减分台账; 整改
 * itself adds one from nothing and corrects one with the same form. */
#ifndef KAOPING_UI_RECTIFY_FORM_H
#define KAOPING_UI_RECTIFY_FORM_H

#include "model/rectification.h"
#include "model/types.h"

struct rectify_source {
    char unit[KP_CODE_MAX];
    char item[KP_CODE_MAX];     /* a warning's item ("" otherwise) ... */
    int quarter;                /* ... and its quarter */
    char ledger[KP_ID_LEN + 1]; /* a ledger record's id ("" otherwise) */
};

/* Pushes the form for the current year with the deadline 30 days from today and the text
 * "<subject>, <rest>" prefilled, the subject cut so that the whole fits the field (rest is what
 * must be done and stays whole); `about` is shown under the fields. */
void rectify_form_push(const struct rectify_source *src, const char *subject, const char *rest,
                       const char *about);

/* The same form, empty, for a rectification of `unit` that comes from no warning or record. */
void rectify_form_new(const char *unit, const char *about);
/* The form filled with r's text and deadline; saving corrects r (store_rectify_edit). */
void rectify_form_edit(const struct rectification *r, const char *about);

#endif
