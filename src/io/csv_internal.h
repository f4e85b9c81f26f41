/* What io/csv_read.c's whole-file reader and io/csv_stream.c's streamed one share: the libcsv
 * driver fed one record at a time. Internal to io. */
#ifndef KAOPING_IO_CSV_INTERNAL_H
#define KAOPING_IO_CSV_INTERNAL_H

#include <csv.h>
#include <stdbool.h>
#include <stddef.h>

#include "io/csv_read.h"

struct csv_reader {
    struct csv_table *t; /* rows are appended to it; NULL: streamed (cur, or only counted) */
    size_t cap_rows;
    char **cells;
    size_t n_cells, cap_cells;
    long row_line;
    bool counting;       /* streamed: rows are counted and dropped */
    long n_rows;         /* streamed: non-empty rows so far */
    struct csv_row cur;  /* streamed: the last row, the caller's until the next */
    bool has_cur;
    /* streamed: the row's cells' text in one buffer kept from row to row (an allocation and a
     * free per cell were a fifth of a re-import's instructions), and where each cell starts
     * while the row is read; cur.cells point into it and cells is reused */
    char *text;
    size_t text_len, text_cap;
    size_t *offs, cap_offs;
};

#define CSV_SEPARATOR_ERROR "%ld: 文件不是逗号分隔的, 而是用%s分隔 (这一行没有逗号); " CSV_SAVE_HINT

/* 1-based line of byte offset off (LF, CRLF and lone CR all end a line). */
long csv_line_of(const char *buf, size_t off);
/* End of the record starting at i: past the first line break outside quotes. *complete: such
 * a break was found and is whole (a CR that ends the text may be the first half of a CRLF). */
size_t csv_record_scan(const char *text, size_t len, size_t i, bool *complete);
/* The separators of one record outside quotes: 1 with a comma, 0 with none, else -1 and *what
 * names the one it has most of ("分号" or "制表符"). */
int csv_record_separator(const char *rec, size_t n, const char **what);
/* Writes the message into err; always false, for `return csv_fail(...)`. */
bool csv_fail(char *err, size_t errsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool csv_parser_init(struct csv_parser *p, char *err, size_t errsz);
/* One record, text[0..len) (as csv_record_scan cut it), starting at *line; *line moves past
 * it. False with "LINE: CSV 格式错误: ..." in err. */
bool csv_parse_record(struct csv_parser *p, const char *text, size_t len, long *line,
                      struct csv_reader *r, char *err, size_t errsz);
bool csv_parse_finish(struct csv_parser *p, struct csv_reader *r, char *err, size_t errsz);
void csv_free_row(struct csv_row *row);
/* Streamed: the caller is done with cur (its cells' text is reused for the next row). */
void csv_reader_drop_row(struct csv_reader *r);
void csv_reader_free(struct csv_reader *r);

#endif
