/* Text encodings of files as spreadsheets save them: UTF-8 (with or without BOM), GBK/GB18030
 * (WPS and Chinese Excel), and UTF-16 ("Unicode text", refused). */
#ifndef KAOPING_IO_ENCODING_H
#define KAOPING_IO_ENCODING_H

#include <stddef.h>

enum text_encoding { ENC_UTF8, ENC_UTF8_BOM, ENC_GB18030, ENC_UTF16 };

/* Display name: "UTF-8", "UTF-8 (BOM)", "GBK/GB18030", "UTF-16". */
const char *encoding_name(enum text_encoding e);

/* Detects the encoding of the whole buffer: a strict UTF-8 check first, GB18030 only when
 * that fails (GB18030 decodes almost anything, so it is the last resort). */
enum text_encoding encoding_detect(const char *buf, size_t len);

/* Returns a malloc'd, NUL-terminated UTF-8 copy without BOM (*out_len bytes), or NULL when
 * the bytes cannot be converted (UTF-16, or invalid GB18030); *bad_offset then tells where. */
char *encoding_to_utf8(const char *buf, size_t len, enum text_encoding e, size_t *out_len,
                       size_t *bad_offset);

#endif
