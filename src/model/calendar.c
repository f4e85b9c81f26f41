/* Years, dates and the ledger date window (see calendar.h and docs/csv.md). */
#include "model/calendar.h"

#include <stdlib.h>
#include <string.h>

bool calendar_year_valid(int year)
{
    return year >= KP_YEAR_MIN && year <= KP_YEAR_MAX;
}

int calendar_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

bool calendar_date_valid(int y, int m, int d)
{
    return calendar_year_valid(y) && d >= 1 && d <= calendar_days_in_month(y, m);
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

bool calendar_date_text_valid(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    return calendar_date_valid(digits(s, 4), digits(s + 5, 2), digits(s + 8, 2));
}

bool calendar_in_ledger_window(const char *date, int year)
{
    int y = atoi(date);
    return y == year || y == year + 1;
}

/* Days since 1970-01-01 of a Gregorian date (the civil-from-days inverse, era of 400 years). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

long calendar_days_between(const char *from, const char *to)
{
    return days_from_civil(digits(to, 4), digits(to + 5, 2), digits(to + 8, 2)) -
           days_from_civil(digits(from, 4), digits(from + 5, 2), digits(from + 8, 2));
}
