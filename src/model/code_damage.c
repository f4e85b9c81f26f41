/* Recognising codes a spreadsheet turned into numbers or dates (see code_damage.h). */
#include "model/code_damage.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool all_digits(const char *s)
{
    return *s && strspn(s, "0123456789") == strlen(s);
}

static const char *skip_zeros(const char *s)
{
    while (s[0] == '0' && s[1])
        s++;
    return s;
}

/* 001 -> 1 */
static bool dropped_zeros(const char *read, const char *stored)
{
    return all_digits(stored) && all_digits(read) && stored[0] == '0' &&
           strcmp(skip_zeros(stored), read) == 0;
}

/* 101 -> 101.0, 001 -> 1.0 */
static bool dot_zero(const char *read, const char *stored)
{
    size_t n = strlen(read);
    if (n < 3 || strcmp(read + n - 2, ".0") != 0 || !all_digits(stored))
        return false;
    return strlen(stored) == n - 2 ? strncmp(read, stored, n - 2) == 0
                                   : strlen(skip_zeros(stored)) == n - 2 &&
                                         strncmp(read, skip_zeros(stored), n - 2) == 0;
}

/* 1.10 -> 1.1, 2.0 -> 2: the decimal without its trailing zeros (and then its point). */
static bool dropped_decimals(const char *read, const char *stored)
{
    const char *dot = strchr(stored, '.');
    if (!dot || strspn(stored, "0123456789.") != strlen(stored) || strchr(dot + 1, '.'))
        return false;
    size_t n = strlen(stored), at = (size_t)(dot - stored);
    while (n > at + 1 && stored[n - 1] == '0')
        n--;
    if (n == at + 1)
        n--; /* nothing left after the point */
    return n < strlen(stored) && strlen(read) == n && strncmp(read, stored, n) == 0;
}

bool code_looks_scientific(const char *read)
{
    const char *e = strpbrk(read, "eE");
    if (!e || e == read)
        return false;
    const char *p = read;
    if (!(*p >= '0' && *p <= '9'))
        return false;
    p += strspn(p, "0123456789");
    if (*p == '.')
        p++, p += strspn(p, "0123456789");
    if (p != e)
        return false;
    p = e + 1;
    if (*p == '+' || *p == '-')
        p++;
    return all_digits(p);
}

/* 1.23456789012346E+17 shown for an 18-digit code: the code rounds to the mantissa. */
static bool scientific(const char *read, const char *stored)
{
    if (!code_looks_scientific(read) || !all_digits(stored))
        return false;
    const char *e = strpbrk(read, "eE");
    long exp = strtol(e + 1, NULL, 10);
    size_t sig = 0; /* significant digits of the mantissa */
    for (const char *p = read; p < e; p++)
        sig += *p >= '0' && *p <= '9';
    if (exp < 0 || (size_t)exp + 1 != strlen(skip_zeros(stored)) || sig == 0)
        return false;
    long double want = strtold(read, NULL), have = strtold(stored, NULL);
    long double unit = powl(10.0L, (long double)(exp - (long)sig + 1));
    return fabsl(want - have) <= unit / 2;
}

/* The numbers in s (at most 4); false when s has anything but digits and date marks. */
static int numbers(const char *s, long out[4])
{
    int n = 0;
    while (*s) {
        if (*s >= '0' && *s <= '9') {
            if (n == 4)
                return -1;
            char *end;
            out[n++] = strtol(s, &end, 10);
            s = end;
        } else if (strchr("/-. ", *s)) {
            s++;
        } else if (strncmp(s, "年", 3) == 0 || strncmp(s, "月", 3) == 0 ||
                   strncmp(s, "日", 3) == 0) {
            s += 3;
        } else {
            return -1;
        }
    }
    return n;
}

/* 2-1 or 3/4 (month, day) shown as a date: 26年2月1日, 2026-02-01, 03/04/26, 2月1日. */
static bool date_like(const char *read, const char *stored)
{
    long code[4], date[4];
    if (numbers(stored, code) != 2 || !strpbrk(stored, "-/.") || code[0] < 1 || code[0] > 12 ||
        code[1] < 1 || code[1] > 31)
        return false;
    int n = numbers(read, date);
    bool marked = strstr(read, "月") || n == 3;
    for (int i = 0; marked && i + 1 < n; i++)
        if (date[i] == code[0] && date[i + 1] == code[1])
            return true;
    return false;
}

enum code_damage code_damage_of(const char *read, const char *stored)
{
    if (strcmp(read, stored) == 0)
        return DAMAGE_NONE;
    if (dropped_zeros(read, stored))
        return DAMAGE_ZEROS;
    if (dot_zero(read, stored))
        return DAMAGE_DOT_ZERO;
    if (dropped_decimals(read, stored))
        return DAMAGE_DECIMAL;
    if (scientific(read, stored))
        return DAMAGE_SCIENTIFIC;
    return date_like(read, stored) ? DAMAGE_DATE : DAMAGE_NONE;
}

const char *code_damage_text(enum code_damage d)
{
    switch (d) {
    case DAMAGE_ZEROS:
        return "开头的 0 被去掉了";
    case DAMAGE_DOT_ZERO:
        return "末尾加了 .0";
    case DAMAGE_DECIMAL:
        return "末尾的 0 被去掉了";
    case DAMAGE_SCIENTIFIC:
        return "显示成了科学计数法, 后几位已丢失";
    case DAMAGE_DATE:
        return "被当成了日期";
    case DAMAGE_NONE:
        break;
    }
    return "";
}
