/* UTC times as local time with the offset (docs/store.md "Times"). */
#include "app/local_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

char *app_local_time(const char *utc, char *buf, size_t sz)
{
    struct tm tm = {0};
    int n = 0;
    if (sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6) {
        snprintf(buf, sz, "%s", utc);
        return buf;
    }
    const char *rest = utc + n;
    if (*rest == '.')
        for (rest++; *rest >= '0' && *rest <= '9'; rest++)
            ;
    if (rest[0] != 'Z' || rest[1] != '\0') {
        snprintf(buf, sz, "%s", utc);
        return buf;
    }
    tm.tm_year -= 1900, tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    struct tm lt;
    if (t == (time_t)-1 || !localtime_r(&t, &lt)) {
        snprintf(buf, sz, "%s", utc);
        return buf;
    }
    long off = lt.tm_gmtoff / 60;
    snprintf(buf, sz, "%04d-%02d-%02d %02d:%02d:%02d %c%02ld:%02ld", lt.tm_year + 1900,
             lt.tm_mon + 1, lt.tm_mday, lt.tm_hour, lt.tm_min, lt.tm_sec, off < 0 ? '-' : '+',
             labs(off) / 60, labs(off) % 60);
    return buf;
}
