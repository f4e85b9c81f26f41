/* Rectification values: status names, overdue rule, date validation. */
#include "model/rectification.h"

#include <stdlib.h>
#include <string.h>

bool rectification_overdue(const struct rectification *r, const char *today)
{
    return r->status == RECT_OPEN && today && strcmp(r->deadline, today) < 0;
}

const char *rectification_status_token(enum rect_status s)
{
    return s == RECT_DONE ? "done" : "open";
}

const char *rectification_status_label(const struct rectification *r, const char *today)
{
    if (r->status == RECT_DONE)
        return "已完成";
    return rectification_overdue(r, today) ? "逾期" : "未完成";
}

void rectification_clear(struct rectification *r)
{
    free(r->text);
    free(r->close_note);
    r->text = NULL;
    r->close_note = NULL;
}
