/* Text encodings of files as spreadsheets save them: UTF-8 (with or without BOM), GBK/GB18030
 * (WPS and Chinese Excel), and what is named to be refused: UTF-16 ("Unicode text"), UTF-32,
 * Western Latin-1/Windows-1252, and binary files (programs, images, archives). */
#ifndef KAOPING_IO_ENCODING_H
#define KAOPING_IO_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

enum text_encoding {
    ENC_UTF8,
    ENC_UTF8_BOM,
    ENC_GB18030,
    ENC_UTF16,
    ENC_UTF32,
    ENC_LATIN1, /* high bytes that GB18030 would pair with the ASCII after them */
    ENC_BINARY, /* a known binary signature (ELF, PDF, images, archives) */
};

/* Display name: "UTF-8", "UTF-8 (BOM)", "GBK/GB18030", "UTF-16", "UTF-32", "Latin-1",
 * "二进制". */
const char *encoding_name(enum text_encoding e);

/* Detects the encoding of the whole buffer: signatures and NUL patterns first, a strict UTF-8
 * check, then GB18030 unless the text reads as Latin-1 (GB18030 decodes almost anything, so
 * it is the last resort). A NUL elsewhere is left for the caller to name by line. */
enum text_encoding encoding_detect(const char *buf, size_t len);
/* The part of encoding_detect that reads only the first 512 bytes (len is the whole length):
 * true with *out set when they decide (BOMs, signatures, UTF-16/32 shapes); false when the
 * whole text must (then encoding_detect says UTF-8 exactly when the text is valid UTF-8). */
bool encoding_by_head(const char *buf, size_t len, enum text_encoding *out);

/* Returns a malloc'd, NUL-terminated UTF-8 copy without BOM (*out_len bytes), or NULL when
 * the bytes cannot be converted (the refused encodings, or invalid GB18030); *bad_offset then tells where. */
char *encoding_to_utf8(const char *buf, size_t len, enum text_encoding e, size_t *out_len,
                       size_t *bad_offset);

#endif
