/* Parsing and printing the values of import/export cells: numbers as operators type them in
 * Excel/WPS (full-width digits, thousands separators), dates, the 序时进度 schedule, and the
 * formula guard of exported text. Pure functions; messages are Chinese, one line. */
#ifndef KAOPING_IO_FIELD_H
#define KAOPING_IO_FIELD_H

#include <stdbool.h>
#include <stddef.h>

/* A cell written with a formula guard ("'=...", or "''=..." for text that itself starts with
 * "'="): the text without the first '. Any other text is returned unchanged. */
const char *field_unguard(const char *s);

/* Parses a decimal number: ASCII or full-width digits, optional sign, optional thousands
 * separators in groups of three ("1,200.5"; an unquoted one would have split the cell), a
 * trailing % only when allow_percent (the value is then the percentage, "85%" -> 85).
 * Refuses exponents, misplaced separators, inner spaces and the like with the reason in why. */
bool field_parse_number(const char *s, bool allow_percent, double *out, char *why, size_t whysz);
/* A whole number in [lo, hi] (e.g. 年度, 季度). */
bool field_parse_int(const char *s, int lo, int hi, int *out, char *why, size_t whysz);
/* A quarter 1..4, also as people write it in a sheet: Q2, 第2季度, 二季度, 第二季度. */
bool field_parse_quarter(const char *s, int *out, char *why, size_t whysz);
/* A calendar date as YYYY-MM-DD; also accepts what Excel turns it into (2025/3/5, 2025.3.5,
 * 2025年3月5日). Writes the canonical YYYY-MM-DD. */
bool field_parse_date(const char *s, char out[11], char *why, size_t whysz);
/* Four cumulative percentages "25/50/75/100": each 0..100, never decreasing. */
bool field_parse_schedule(const char *s, double out[4], char *why, size_t whysz);

/* The shortest plain decimal (never an exponent) that reads back as exactly v. */
void field_format_number(double v, char out[40]);
/* "25/50/75/100" */
void field_format_schedule(const double s[4], char out[180]);

#endif
