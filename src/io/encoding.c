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
    static const char *const names[] = {"UTF-8", "UTF-8 (BOM)", "GBK/GB18030", "UTF-16"};
    return names[e];
}

/* UTF-16 without a BOM: ASCII text then has a NUL in every other byte. */
static bool looks_utf16(const unsigned char *b, size_t len)
{
    size_t n = len < 512 ? len : 512, zeros[2] = {0, 0};
    for (size_t i = 0; i < n; i++)
        if (b[i] == 0)
            zeros[i % 2]++;
    return n >= 4 && (zeros[0] * 4 >= n || zeros[1] * 4 >= n);
}

enum text_encoding encoding_detect(const char *buf, size_t len)
{
    const unsigned char *b = (const unsigned char *)buf;
    if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        return ENC_UTF8_BOM;
    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return ENC_UTF16;
    if (looks_utf16(b, len))
        return ENC_UTF16;
    return text_valid_utf8(buf, len) ? ENC_UTF8 : ENC_GB18030;
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
        break;
    }
    return NULL;
}
