/* 整改 (rectification) records: raised from a 双监控 warning or a ledger finding, followed
 * until done. Plain values; the store (db/rectify.h) reads and writes them. */
#ifndef KAOPING_MODEL_RECTIFICATION_H
#define KAOPING_MODEL_RECTIFICATION_H

#include <stdbool.h>

#include "model/types.h"

enum rect_status { RECT_OPEN, RECT_DONE };

struct rectification {
    char id[KP_ID_LEN + 1]; /* random 128-bit hex */
    int year;
    char unit[KP_CODE_MAX];
    char *text;        /* what must be fixed */
    char deadline[11]; /* YYYY-MM-DD */
    enum rect_status status;
    char source_item[KP_CODE_MAX];     /* "" when not raised from a warning */
    int source_quarter;                /* 1..4 with source_item, else 0 */
    char source_ledger[KP_ID_LEN + 1]; /* "" when not raised from a ledger record */
    char created[11];                  /* YYYY-MM-DD */
    char closed[11];                   /* "" while open */
    char *close_note;                  /* NULL while open */
    char carried_from[KP_ID_LEN + 1];  /* the original, when carried over from the year
                                          before (year new --carry-rectifications); else "" */
};

/* Open and deadline < today (both YYYY-MM-DD, so string order is date order). */
bool rectification_overdue(const struct rectification *r, const char *today);
/* open / done, and the labels 未完成 / 已完成 / 逾期 (overdue wins when it applies). */
const char *rectification_status_token(enum rect_status s);
const char *rectification_status_label(const struct rectification *r, const char *today);
/* Frees the strings; the struct can be reused. */
void rectification_clear(struct rectification *r);

#endif
