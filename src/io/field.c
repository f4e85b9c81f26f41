/* Cell values. Numbers are normalised to ASCII first, then checked against one strict shape,
 * so that anything a person could read two ways is refused rather than guessed. */
#include "io/field.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/calendar.h"
#include "model/limits.h"
#include "model/text.h"

const char *field_unguard(const char *s)
{
    /* Export adds one ' to text matching '*[=+-@] (see cmd_export.c), so one comes off here. */
    if (s[0] != '\'')
        return s;
    const char *p = s + 1;
    while (*p == '\'')
        p++;
    return *p && strchr("=+-@", *p) ? s + 1 : s;
}

static bool why_fail(char *why, size_t whysz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool why_fail(char *why, size_t whysz, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, whysz, fmt, ap);
    va_end(ap);
    return false;
}

/* Full-width digits and signs (what Chinese IMEs type) to ASCII; 0 when too long. */
static bool to_ascii(const char *s, char *out, size_t outsz)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        char c;
        if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x85 && p[2] <= 0x99) {
            c = (char)(p[2] - 0x85 + '%'); /* U+FF05..U+FF19 map to '%'..'9' */
            p += 3;
        } else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
            c = ' ';
            p += 3;
        } else {
            c = (char)*p++;
        }
        if (w + 1 >= outsz)
            return false;
        out[w++] = c;
    }
    out[w] = '\0';
    return true;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Checks "1,234,567" grouping of the integer part [b, e) and copies its digits to *dst. */
static bool grouping_ok(const char *b, const char *e, char **dst)
{
    bool has_comma = memchr(b, ',', (size_t)(e - b)) != NULL, first = true;
    int group = 0;
    for (const char *p = b; p < e; p++) {
        if (*p == ',') {
            if (group == 0 || (first ? group > 3 : group != 3))
                return false;
            first = false;
            group = 0;
            continue;
        }
        group++;
        *(*dst)++ = *p;
    }
    return !has_comma || group == 3;
}

/* Digits, optionally a point and more digits, 15 digits at most (most cells of a file): the
 * value as strtod gives it, without it. The digits make an integer below 2^53 and 10^k (k <= 15)
 * is exact, so one division is the correctly rounded value, as strtod's. False for anything
 * else, which takes the full way. */
static bool plain_decimal(const char *s, double *out)
{
    static const double pow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    uint64_t m = 0;
    int digits = 0, frac = -1;
    for (const char *p = s;; p++) {
        if (is_digit(*p)) {
            if (++digits > 15)
                return false;
            m = m * 10 + (uint64_t)(*p - '0');
            frac += frac >= 0;
        } else if (*p == '.' && frac < 0 && digits > 0 && is_digit(p[1])) {
            frac = 0;
        } else if (*p == '\0' && digits > 0) {
            *out = (double)m / pow10[frac < 0 ? 0 : frac];
            return true;
        } else {
            return false;
        }
    }
}

bool field_parse_number(const char *s, bool allow_percent, double *out, char *why, size_t whysz)
{
    if (plain_decimal(s, out))
        return true;
    char a[128], clean[128], *w = clean;
    s = field_unguard(s);
    if (!to_ascii(s, a, sizeof a))
        return why_fail(why, whysz, "「%.*s…」太长, 不是数字", (int)text_cut_bytes(s, 60), s);
    if (!*a)
        return why_fail(why, whysz, "不能为空");
    const char *p = a, *end = a + strlen(a);
    bool percent = end > p && end[-1] == '%';
    if (percent) {
        if (!allow_percent)
            return why_fail(why, whysz, "「%s」: 这一列不能带 %% 号, 请只写数字", s);
        end--;
    }
    if (*p == '+' || *p == '-')
        *w++ = *p++;
    const char *int_end = p;
    while (int_end < end && (is_digit(*int_end) || *int_end == ','))
        int_end++;
    const char *frac = int_end;
    if (frac < end && *frac == '.')
        frac++;
    const char *frac_end = frac;
    while (frac_end < end && is_digit(*frac_end))
        frac_end++;
    if (frac_end != end) {
        if (strpbrk(a, "eE") && strspn(a, "0123456789.,+-eE") == strlen(a))
            return why_fail(
                why, whysz,
                "「%s」是科学计数法, 可能已丢失精度; 请在表格中把该列设为数值格式并写出完整数字",
                s);
        if (strchr(a, ' '))
            return why_fail(why, whysz, "「%s」中间有空格, 不是有效的数字", s);
        return why_fail(why, whysz, "「%s」不是有效的数字", s);
    }
    if (int_end == p && frac_end == frac)
        return why_fail(why, whysz, "「%s」不是有效的数字", s);
    if (!grouping_ok(p, int_end, &w))
        return why_fail(
            why, whysz,
            "「%s」中的逗号位置有歧义 (千位分隔符应每三位一个, 如 1,200.5; 小数点请用 .)", s);
    if (frac > int_end) {
        *w++ = '.';
        memcpy(w, frac, (size_t)(frac_end - frac));
        w += frac_end - frac;
    }
    *w = '\0';
    double v = strtod(clean, NULL);
    if (!isfinite(v))
        return why_fail(why, whysz, "「%s」超出范围", s);
    *out = v == 0 ? 0 : v; /* no -0 */
    return true;
}

bool field_parse_int(const char *s, int lo, int hi, int *out, char *why, size_t whysz)
{
    /* Plain digits within the range (a year, a quarter: two cells of every row) without the
     * number's normalising copies and strtod; anything else takes the way below. */
    long d = 0;
    size_t n = 0;
    while (n < 9 && is_digit(s[n]))
        d = d * 10 + (s[n++] - '0');
    if (n && !s[n] && d >= lo && d <= hi) {
        *out = (int)d;
        return true;
    }
    double v;
    if (!field_parse_number(s, false, &v, why, whysz))
        return false;
    if (v != floor(v) || v < lo || v > hi) {
        snprintf(why, whysz, "「%s」应为 %d 到 %d 之间的整数", s, lo, hi);
        return false;
    }
    *out = (int)v;
    return true;
}

bool field_parse_quarter(const char *s, int *out, char *why, size_t whysz)
{
    static const char *const cjk[] = {"一", "二", "三", "四"};
    char a[64], tmp[256];
    double v;
    if (field_parse_int(s, 1, 4, out, why, whysz))
        return true;
    if (field_parse_number(s, false, &v, tmp, sizeof tmp))
        return false; /* a number, just not 1..4: that message stands ("「5」应为 1 到 4 ...") */
    if (!to_ascii(field_unguard(s), a, sizeof a))
        a[0] = '\0';
    const char *p = a;
    if ((p[0] == 'Q' || p[0] == 'q') && p[1] >= '1' && p[1] <= '4' && !p[2]) {
        *out = p[1] - '0';
        return true;
    }
    if (strncmp(p, "第", strlen("第")) == 0)
        p += strlen("第");
    int q = 0;
    if (*p >= '1' && *p <= '4')
        q = *p++ - '0';
    for (int i = 0; i < 4 && !q; i++)
        if (strncmp(p, cjk[i], strlen(cjk[i])) == 0)
            q = i + 1, p += strlen(cjk[i]);
    if (q && strcmp(p, "季度") == 0) {
        *out = q;
        return true;
    }
    return why_fail(why, whysz, "「%s」不是季度, 应为 1 到 4 之间的整数 (也可写 Q2、第二季度)", s);
}

/* Reads 1..max digits; returns the count (0 when none). */
static int read_digits(const char **p, int max, int *v)
{
    int n = 0;
    *v = 0;
    while (n < max && is_digit(**p))
        *v = *v * 10 + (*(*p)++ - '0'), n++;
    return n;
}

/* Accepts "-", "/" or "." (all the same), or "年"/"月" for the Chinese form. */
static bool separator(const char **p, const char *cjk)
{
    if (**p == '-' || **p == '/' || **p == '.') {
        (*p)++;
        return true;
    }
    size_t n = strlen(cjk);
    if (strncmp(*p, cjk, n) == 0) {
        *p += n;
        return true;
    }
    return false;
}

bool field_parse_date(const char *s, char out[11], char *why, size_t whysz)
{
    char a[64];
    if (!to_ascii(field_unguard(s), a, sizeof a))
        return why_fail(why, whysz, "「%.*s…」不是日期 (应为 YYYY-MM-DD)",
                        (int)text_cut_bytes(s, 40), s);
    const char *p = a;
    int y, m, d;
    bool shape = read_digits(&p, 4, &y) == 4 && separator(&p, "年") && read_digits(&p, 2, &m) > 0 &&
                 separator(&p, "月") && read_digits(&p, 2, &d) > 0;
    if (shape && strncmp(p, "日", strlen("日")) == 0)
        p += strlen("日");
    if (!shape || *p)
        return why_fail(why, whysz, "「%s」不是日期 (应为 YYYY-MM-DD, 如 2025-03-05)", s);
    if (!calendar_date_valid(y, m, d)) {
        int days = calendar_days_in_month(y, m);
        snprintf(why, whysz, "「%s」不是有效的日期 (%d 年 %d 月%s)", s, y, m,
                 days == 31   ? "有 31 天"
                 : days == 30 ? "只有 30 天"
                 : days == 29 ? "只有 29 天"
                 : days == 28 ? "只有 28 天"
                              : "不存在");
        if (!calendar_year_valid(y))
            snprintf(why, whysz, "「%s」的年份应在 %d 到 %d 之间", s, KP_YEAR_MIN, KP_YEAR_MAX);
        return false;
    }
    /* Valid here; the casts and % tell gcc the widths. */
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
    return true;
}

bool field_parse_schedule(const char *s, double out[4], char *why, size_t whysz)
{
    char a[160];
    if (!to_ascii(field_unguard(s), a, sizeof a))
        return why_fail(why, whysz, "「%.*s…」太长 (应为 4 个累计百分比, 如 25/50/75/100)",
                        (int)text_cut_bytes(s, 40), s);
    /* Full-width solidus U+FF0F becomes '/' via to_ascii's range. */
    char *parts[5] = {0};
    int n = 0;
    for (char *tok = a; n < 5;) {
        parts[n++] = tok;
        char *slash = strchr(tok, '/');
        if (!slash)
            break;
        *slash = '\0';
        tok = slash + 1;
    }
    if (n != 4)
        return why_fail(why, whysz, "「%s」应为 4 个用 / 分隔的累计百分比, 如 25/50/75/100", s);
    for (int q = 0; q < 4; q++) {
        char inner[160];
        if (!field_parse_number(parts[q], true, &out[q], inner, sizeof inner) ||
            !limits_check_number(LIMIT_PERCENT, out[q], inner, sizeof inner))
            return why_fail(why, whysz,
                            "「%s」中每个百分比应为 0 到 100 之间的数字, 如 25/50/75/100", s);
        if (q > 0 && out[q] < out[q - 1])
            return why_fail(why, whysz, "「%s」是累计进度, 后一季度不能小于前一季度", s);
    }
    if (!strchr(a, '%') && limits_fraction_suspect(LIMIT_PERCENT, out[3]))
        return why_fail(why, whysz,
                        "「%s」" LIMIT_FRACTION_HINT " (1 即 100%%): 请写成百分数, 如 25/50/75/100",
                        s);
    return true;
}

/* field_format_number without printf: the same digits for every value it accepts (false:
 * the caller takes the slow path). At each precision the candidate k / 10^prec is the value
 * "%.*f" prints, because |v| * 10^prec < 1e11 is computed within 2e-5 of the exact product and
 * products that near a rounding tie are left to printf; and (double)k / 10^prec is exactly
 * strtod's reading of the digits (both correctly rounded, k and 10^prec exact doubles). */
static bool format_fast(double v, char out[40])
{
    static const double pow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,
                                   1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17};
    double a = fabs(v);
    for (int prec = 0; prec <= 17; prec++) {
        double x = a * pow10[prec];
        if (!(x < 1e11)) /* also NaN */
            return false;
        double whole = floor(x), frac = x - whole;
        if (fabs(frac - 0.5) < 1e-4)
            return false;
        double k = frac < 0.5 ? whole : whole + 1;
        if (k / pow10[prec] == a) {
            text_fixed(v < 0, (unsigned long long)k, prec, out);
            return true;
        }
    }
    return false;
}

void field_format_number(double v, char out[40])
{
    if (v == 0) {
        strcpy(out, "0");
        return;
    }
    if (format_fast(v, out))
        return;
    for (int prec = 0; prec <= 17; prec++) {
        int n = snprintf(out, 40, "%.*f", prec, v);
        if (n > 0 && n < 40 && strtod(out, NULL) == v)
            return;
    }
    snprintf(out, 40, "%.17g", v); /* |v| beyond any real value here: let the reader say so */
}

void field_format_schedule(const double s[4], char out[180])
{
    char a[4][40];
    for (int q = 0; q < 4; q++)
        field_format_number(s[q], a[q]);
    snprintf(out, 180, "%s/%s/%s/%s", a[0], a[1], a[2], a[3]);
}
