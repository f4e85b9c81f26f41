/* Encoding detection and conversion to UTF-8 with iconv (part of glibc). */
#include "io/encoding.h"

#include <errno.h>
#include <stdbool.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "model/text.h"
#include "model/xmalloc.h"

const char *encoding_name(enum text_encoding e)
{
    static const char *const names[] = {"UTF-8",  "UTF-8 (BOM)", "GBK/GB18030", "UTF-16",
                                        "UTF-32", "Latin-1",     "二进制"};
    return names[e];
}

/* Zero bytes at each position modulo `period` among the first 512 bytes. */
static size_t count_zeros(const unsigned char *b, size_t n, size_t period, size_t zeros[4])
{
    memset(zeros, 0, 4 * sizeof *zeros);
    for (size_t i = 0; i < n; i++)
        zeros[i % period] += b[i] == 0;
    return n / period; /* bytes per position, about */
}

/* UTF-16 without a BOM: ASCII text then has a NUL in every other byte, and (unlike a binary
 * file, which is full of NULs everywhere) few in the bytes between. */
static bool looks_utf16(const unsigned char *b, size_t len)
{
    size_t n = len < 512 ? len : 512, z[4];
    size_t per = count_zeros(b, n, 2, z);
    size_t hi = z[0] > z[1] ? z[0] : z[1], lo = z[0] > z[1] ? z[1] : z[0];
    return n >= 4 && hi * 2 >= per && lo * 4 <= hi;
}

/* UTF-32 without a BOM: the two high bytes of every BMP character are zero, the lowest not. */
static bool looks_utf32(const unsigned char *b, size_t len)
{
    size_t n = len < 512 ? len : 512, z[4];
    size_t per = count_zeros(b, n, 4, z);
    if (n < 8)
        return false;
    bool le = z[2] * 10 >= per * 9 && z[3] * 10 >= per * 9 && z[0] * 2 <= per;
    bool be = z[0] * 10 >= per * 9 && z[1] * 10 >= per * 9 && z[3] * 2 <= per;
    return le || be;
}

/* Programs, documents, images and archives by their first bytes. */
static bool binary_signature(const unsigned char *b, size_t len)
{
    static const struct {
        const char *magic;
        size_t n;
    } sigs[] = {{"\x7f" "ELF", 4},   {"%PDF", 4},          {"\x89PNG", 4}, {"\xFF\xD8\xFF", 3},
                {"\x1F\x8B", 2},    {"7z\xBC\xAF", 4},   {"Rar!", 4},     {"GIF8", 4},
                {"SQLite format 3", 15}};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (len >= sigs[i].n && memcmp(b, sigs[i].magic, sigs[i].n) == 0)
            return true;
    return false;
}

/* Latin-1 (or Windows-1252) text that is not UTF-8: its accented letters stand alone between
 * ASCII letters, so read as GB18030 most pairs would end in an ASCII byte (0x40-0x7E) or in
 * no valid byte at all. Chinese GBK text pairs two high bytes (every GB2312 character does),
 * and a GBK import file has Chinese headers, so real GBK files never look like this. */
static bool looks_latin1(const unsigned char *b, size_t len)
{
    size_t ascii_tail = 0, high_tail = 0;
    for (size_t i = 0; i < len;) {
        if (b[i] < 0x81 || b[i] == 0xFF || i + 1 >= len) { /* 0x80: € of code page 936 */
            i++;
            continue;
        }
        unsigned char t = b[i + 1];
        if (t >= 0x30 && t <= 0x39 && i + 3 < len) { /* a four-byte GB18030 sequence */
            high_tail++;
            i += 4;
            continue;
        }
        if (t >= 0x80)
            high_tail++;
        else
            ascii_tail++;
        i += 2;
    }
    return ascii_tail > high_tail;
}

bool encoding_by_head(const char *buf, size_t len, enum text_encoding *out)
{
    const unsigned char *b = (const unsigned char *)buf;
    if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        *out = ENC_UTF8_BOM;
    else if (len >= 4 &&
             ((memcmp(b, "\xFF\xFE\0\0", 4) == 0 || memcmp(b, "\0\0\xFE\xFF", 4) == 0)))
        *out = ENC_UTF32;
    else if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        *out = ENC_UTF16;
    else if (binary_signature(b, len))
        *out = ENC_BINARY;
    else if (looks_utf32(b, len))
        *out = ENC_UTF32;
    else if (looks_utf16(b, len))
        *out = ENC_UTF16;
    else
        return false;
    return true;
}

enum text_encoding encoding_detect(const char *buf, size_t len)
{
    enum text_encoding e;
    if (encoding_by_head(buf, len, &e))
        return e;
    if (text_valid_utf8(buf, len))
        return ENC_UTF8;
    return looks_latin1((const unsigned char *)buf, len) ? ENC_LATIN1 : ENC_GB18030;
}

static char *from_gb18030(const char *buf, size_t len, size_t *out_len, size_t *bad_offset)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) {
        *bad_offset = 0;
        return NULL;
    }
    /* A GB18030 character never grows beyond 1.5x in UTF-8; the 0x80 of code page 936 below
     * grows 3x. */
    size_t cap = len * 3 + 16;
    char *out = xmalloc(cap), *dst = out;
    char *src = (char *)buf;
    size_t in_left = len, out_left = cap - 1;
    size_t r;
    /* Chinese Windows (Excel's "CSV", code page 936) writes € as the single byte 0x80, which
     * GB18030 does not have: take it as € and go on. */
    while ((r = iconv(cd, &src, &in_left, &dst, &out_left)) == (size_t)-1 && errno == EILSEQ &&
           (unsigned char)*src == 0x80 && out_left >= 4) {
        memcpy(dst, "\xE2\x82\xAC", 3);
        dst += 3, out_left -= 3;
        src++, in_left--;
    }
    iconv_close(cd);
    if (r == (size_t)-1) {
        *bad_offset = (size_t)(src - buf);
        free(out);
        return NULL;
    }
    *dst = '\0';
    *out_len = (size_t)(dst - out);
    return out;
}

char *encoding_to_utf8(const char *buf, size_t len, enum text_encoding e, size_t *out_len,
                       size_t *bad_offset)
{
    *bad_offset = 0;
    switch (e) {
    case ENC_UTF8_BOM:
        buf += 3, len -= 3;
        /* fall through */
    case ENC_UTF8: {
        if (!text_valid_utf8(buf, len))
            return NULL;
        *out_len = len;
        return xstrndup(buf, len);
    }
    case ENC_GB18030:
        return from_gb18030(buf, len, out_len, bad_offset);
    case ENC_UTF16:
    case ENC_UTF32:
    case ENC_LATIN1:
    case ENC_BINARY:
        break;
    }
    return NULL;
}
