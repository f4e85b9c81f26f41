/* What a kind's file uses to read one row's cells and to write one record's
 * cells: the mapped header, the row being parsed, and the checks every kind shares (text
 * bounds, codes, numbers, 年度, vocabularies). For the kinds' files (app/kind_*.c,
 * io/kind_*.c) and the import driver, nothing else. */
#ifndef KAOPING_IO_KIND_ROW_H
#define KAOPING_IO_KIND_ROW_H

#include <stdbool.h>
#include <stddef.h>

#include "io/import_rows.h"
#include "io/rows.h"
#include "model/limits.h"

/* The file's header mapped onto a kind's columns. */
struct header {
    int map[IMPORT_MAX_COLUMNS];           /* column -> cell index, or -1 */
    const char *names[IMPORT_MAX_COLUMNS]; /* the header text as written in the file */
    size_t width;                          /* cells in the header row */
    bool *used;                            /* cell index -> mapped */
};

struct rowctx {
    const struct rows_row *row;
    const struct header *hd;
    const struct import_column *cols;
    struct import_problems *probs;
    bool bad; /* an error was reported: the row is left out */
};

/* The column as the file named it. */
const char *krow_colname(const struct rowctx *c, int col);
/* The cell of a column ("" when the file lacks it). */
const char *krow_cell(const struct rowctx *c, int col);
/* An error in column col (-1: the whole row); marks the row bad. */
void krow_error(struct rowctx *c, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Quoting a cell in a message: its first bytes (≤ 60, cut between characters), then "…" or
 * "" as krow_quote_more says: "「%.*s%s」", krow_quote_len(s), s, krow_quote_more(s). */
int krow_quote_len(const char *s);
const char *krow_quote_more(const char *s);
/* Text (formula guard removed, bounds checked): NULL when empty or refused. */
char *krow_text_opt(struct rowctx *c, int col);
char *krow_text_req(struct rowctx *c, int col);
/* A code (model/limits.h LIMIT_CODE: no space, ≤ 31 bytes). */
char *krow_code(struct rowctx *c, int col, bool required);
/* A number cell, a placeholder dash counting as empty. */
const char *krow_num_cell(const struct rowctx *c, int col);
/* False when absent (and not required) or invalid; errors reported. */
bool krow_number(struct rowctx *c, int col, bool required, enum limit_num r, double *out);
/* 年度 (model/calendar.h range); 0 after an error. */
int krow_year(struct rowctx *c, int col);
/* ASCII-lowercased copy in buf (for English vocabulary words), or s when it does not fit. */
const char *krow_lower(const char *s, char *buf, size_t bufsz);
/* An error unless v (when given) is one of list. */
void krow_vocab(struct rowctx *c, int col, const char *v, const char *const *list, size_t n,
                const char *what);

/* Export cells. */
void krow_put_text(const struct row_sink *out, const char *s);
void krow_put_num(const struct row_sink *out, double v);
void krow_put_num_opt(const struct row_sink *out, bool present, double v);
void krow_put_int(const struct row_sink *out, int v);

#endif
