/* Display width of UTF-8 text via mbrtowc + wcwidth (glibc's tables, never our own). */
#include "model/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "model/xmalloc.h"

/* Decode one character at s (n bytes left): *len = bytes used, returns its width
 * (invalid or non-printable: width 1, *bad = true). */
static int next_char(const char *s, size_t n, size_t *len, bool *bad)
{
    if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7F) {
        /* printable ASCII, what mbrtowc and wcwidth say of it without their cost (they were
         * half of a province's `kaoping monitor` table: bench/README.md) */
        *len = 1;
        *bad = false;
        return 1;
    }
    mbstate_t st;
    memset(&st, 0, sizeof st);
    wchar_t wc;
    size_t r = mbrtowc(&wc, s, n, &st);
    *bad = false;
    if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
        *len = 1;
        *bad = true;
        return 1;
    }
    *len = r;
    int w = wcwidth(wc);
    if (w < 0 || text_unsafe_char((unsigned long)wc)) {
        *bad = true;
        return 1;
    }
    return w;
}

int text_width(const char *s)
{
    int cols = 0;
    size_t n = s ? strlen(s) : 0;
    while (n > 0) {
        size_t len;
        bool bad;
        cols += next_char(s, n, &len, &bad);
        s += len;
        n -= len;
    }
    return cols;
}

size_t text_prefix_bytes(const char *s, int cols)
{
    size_t n = strlen(s), used = 0;
    int w = 0;
    while (used < n) {
        size_t len;
        bool bad;
        int cw = next_char(s + used, n - used, &len, &bad);
        if (w + cw > cols)
            break;
        w += cw;
        used += len;
    }
    return used;
}

static bool numeric(char c)
{
    return (c >= '0' && c <= '9') || c == '.';
}

size_t text_prefix_whole(const char *s, int cols)
{
    size_t n = text_prefix_bytes(s, cols), k = n;
    if (n == 0 || !s[n])
        return n;
    if (numeric(s[n])) /* the cut falls inside a number: back to its start */
        while (k > 0 && numeric(s[k - 1]))
            k--;
    if (k > 0 && (s[k - 1] == '-' || s[k - 1] == '+') && numeric(s[k]))
        k--; /* and its sign */
    return k > 0 ? k : n;
}

int text_fit_marked(char *dst, size_t dstsz, const char *src, int cols, bool align_right)
{
    src = src ? src : "";
    if (cols < 2 || text_width(src) <= cols)
        return text_fit(dst, dstsz, src, cols, align_right);
    size_t n = text_prefix_whole(src, cols - 1);
    char *cut = xmalloc(n + sizeof TEXT_CUT_MARK);
    memcpy(cut, src, n);
    memcpy(cut + n, TEXT_CUT_MARK, sizeof TEXT_CUT_MARK);
    int w = text_fit(dst, dstsz, cut, cols, align_right);
    free(cut);
    return w;
}

int text_fit(char *dst, size_t dstsz, const char *src, int cols, bool align_right)
{
    if (dstsz == 0)
        return 0;
    /* Build the text part first, then pad on the proper side. */
    char *text = xmalloc(strlen(src ? src : "") + 1);
    size_t tlen = 0, n = src ? strlen(src) : 0;
    int w = 0;
    while (n > 0) {
        size_t len;
        bool bad;
        int cw = next_char(src, n, &len, &bad);
        if (w + cw > cols)
            break;
        if (bad)
            text[tlen++] = '?';
        else
            memcpy(text + tlen, src, len), tlen += len;
        w += cw;
        src += len;
        n -= len;
    }
    size_t pad = (size_t)(cols - w), out = 0;
    if (align_right)
        for (; pad > 0 && out + 1 < dstsz; pad--)
            dst[out++] = ' ';
    size_t copy = tlen < dstsz - 1 - out ? tlen : dstsz - 1 - out;
    /* Do not cut a multi-byte character when dst is short. */
    while (copy > 0 && copy < tlen && ((unsigned char)text[copy] & 0xC0) == 0x80)
        copy--;
    memcpy(dst + out, text, copy);
    out += copy;
    for (; pad > 0 && out + 1 < dstsz; pad--)
        dst[out++] = ' ';
    dst[out] = '\0';
    free(text);
    return w;
}

char *text_pad(const char *src, int cols, bool align_right)
{
    size_t sz = strlen(src ? src : "") + (size_t)(cols > 0 ? cols : 0) + 1;
    char *d = xmalloc(sz);
    text_fit(d, sz, src, cols, align_right);
    return d;
}

/* One strict UTF-8 character at s (n bytes left): its length, or 0 when invalid. */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *out)
{
    unsigned c = s[0];
    size_t need;
    uint32_t cp, min;
    if (c < 0x80) {
        *out = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        need = 1, cp = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        need = 2, cp = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        need = 3, cp = c & 0x07, min = 0x10000;
    else
        return 0;
    if (need >= n) /* truncated sequence */
        return 0;
    for (size_t k = 1; k <= need; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    *out = cp;
    return need + 1;
}

/* The length of the ASCII bytes at s (at least 1: s[0] is ASCII), by words of 8 bytes. */
static size_t ascii_run(const unsigned char *s, size_t n)
{
    size_t k = 0;
    uint64_t w;
    while (k + 8 <= n && (memcpy(&w, s + k, 8), (w & 0x8080808080808080u) == 0))
        k += 8;
    while (k < n && s[k] < 0x80)
        k++;
    return k;
}

bool text_valid_utf8(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t cp;
    for (size_t i = 0, k; i < len; i += k)
        if (s[i] < 0x80) /* ASCII, most of a CSV file: no decoding, 8 bytes at a time */
            k = ascii_run(s + i, len - i);
        else if ((k = utf8_next(s + i, len - i, &cp)) == 0)
            return false;
    return true;
}

bool text_unsafe_char(unsigned long cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

bool text_has_unsafe(const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = strlen(str), k;
    uint32_t cp;
    for (size_t i = 0; i < n; i += k)
        if (s[i] >= 0x20 && s[i] < 0x7F) /* printable ASCII: safe, no decoding */
            k = 1;
        else if ((k = utf8_next(s + i, n - i, &cp)) == 0 || text_unsafe_char(cp))
            return true;
    return false;
}

size_t text_chars(const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = strlen(str), chars = 0, k;
    uint32_t cp;
    for (size_t i = 0; i < n; i += k ? k : 1, chars++)
        k = utf8_next(s + i, n - i, &cp);
    return chars;
}

char *text_clean(const char *str)
{
    const unsigned char *s = (const unsigned char *)(str ? str : "");
    size_t n = strlen((const char *)s), w = 0, k;
    char *out = xmalloc(n + 1);
    uint32_t cp;
    for (size_t i = 0; i < n; i += k ? k : 1) {
        k = utf8_next(s + i, n - i, &cp);
        if (k == 0 || text_unsafe_char(cp))
            out[w++] = '?';
        else
            memcpy(out + w, s + i, k), w += k;
    }
    out[w] = '\0';
    return out;
}

size_t text_cut_bytes(const char *s, size_t max_bytes)
{
    size_t n = strnlen(s, max_bytes + 1);
    if (n <= max_bytes)
        return n;
    n = max_bytes;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--; /* s[n] continues a character: cut before the character's lead byte */
    return n;
}

void text_end_whole(char *s)
{
    size_t n = strlen(s), lead = n;
    while (lead > 0 && n - lead < 4 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == 0)
        return;
    unsigned char c = (unsigned char)s[lead - 1];
    size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n - (lead - 1) < want)
        s[lead - 1] = '\0';
}

void text_fixed(bool negative, unsigned long long k, int prec, char out[40])
{
    char d[24];
    int n = 0;
    do
        d[n++] = (char)('0' + k % 10);
    while ((k /= 10) > 0);
    while (n <= prec)
        d[n++] = '0'; /* 0.05: the integer part's 0 and the fraction's leading zeros */
    char *o = out;
    if (negative)
        *o++ = '-';
    while (n > 0) {
        if (n == prec)
            *o++ = '.';
        *o++ = d[--n];
    }
    *o = '\0';
}
