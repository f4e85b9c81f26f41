/* Display-width math for UTF-8 text (CJK is two columns). All column counting lives here;
 * the UI and the CLI tables use it. Needs a UTF-8 LC_CTYPE (setlocale in main). */
#ifndef KAOPING_MODEL_TEXT_H
#define KAOPING_MODEL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Columns the text takes; invalid bytes and non-printables count as one column ('?'). */
int text_width(const char *s);
/* Write exactly `cols` columns of s into dst (NUL-terminated, truncated if dstsz is too small):
 * never splits a wide char, replaces invalid/non-printable characters by '?', pads with
 * spaces on the right (or left when align_right). Returns the width of the text part. */
int text_fit(char *dst, size_t dstsz, const char *src, int cols, bool align_right);
/* Like text_fit, but the result is malloc'd and sized to fit. */
char *text_pad(const char *src, int cols, bool align_right);
/* Bytes of the longest prefix of s that fits in cols columns. */
size_t text_prefix_bytes(const char *s, int cols);
/* True when the whole string is valid UTF-8 (strict: no overlongs, surrogates, > U+10FFFF). */
bool text_valid_utf8(const char *s, size_t len);

#endif
