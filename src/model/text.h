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
/* Like text_prefix_bytes, but the prefix does not end inside a number (a run of digits and
 * '.', with a sign before it), so 12.30 is never shown as 12 nor wrapped as 12 / .30. A
 * number wider than cols on its own is cut anyway (there is nothing else to show). */
size_t text_prefix_whole(const char *s, int cols);
/* The mark of a cut text: ASCII, one column on every terminal (… is ambiguous-width). */
#define TEXT_CUT_MARK "~"
/* Like text_fit, but a text wider than cols is cut at a whole number (text_prefix_whole) to
 * cols - 1 columns and ends with TEXT_CUT_MARK, so a cut never passes for the whole text.
 * Returns the width of the text part (with the mark). */
int text_fit_marked(char *dst, size_t dstsz, const char *src, int cols, bool align_right);
/* True when the whole string is valid UTF-8 (strict: no overlongs, surrogates, > U+10FFFF). */
bool text_valid_utf8(const char *s, size_t len);

/* Characters that must never reach a terminal as typed (issue 12): C0 and C1 controls, DEL,
 * and the bidi overrides/isolates U+202A–U+202E, U+2066–U+2069 (they reorder what follows). */
bool text_unsafe_char(unsigned long cp);
/* True when s holds an unsafe character or invalid UTF-8. */
bool text_has_unsafe(const char *s);
/* Characters (code points) of valid UTF-8 text; an invalid byte counts as one. */
size_t text_chars(const char *s);
/* A malloc'd copy of s for output: unsafe characters and invalid bytes become '?'. The same
 * rule text_fit applies to table cells, for lines printed whole (explain, audit). */
char *text_clean(const char *s);
/* Bytes of the longest prefix of s of at most max_bytes that ends on a character boundary,
 * so that a message quoting the start of a long value stays valid UTF-8. */
size_t text_cut_bytes(const char *s, size_t max_bytes);
/* Drops an incomplete character at the end of s (what a full snprintf buffer leaves). */
void text_end_whole(char *s);
/* k with `prec` of its digits after the point (what "%.*f" prints of k / 10^prec), after a
 * '-' when negative: number cells without printf (io/field.c, model/monitor.c). */
void text_fixed(bool negative, unsigned long long k, int prec, char out[40]);

#endif
