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

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool rectification_date_valid(const char *s)
{
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

void rectification_clear(struct rectification *r)
{
    free(r->text);
    free(r->close_note);
    r->text = NULL;
    r->close_note = NULL;
}
