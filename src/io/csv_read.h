/* Reading a whole CSV file (as Excel and WPS save it) into rows of trimmed UTF-8 cells, each
 * row with the file line where it starts. Encoding is detected (UTF-8, UTF-8 with BOM,
 * GBK/GB18030; UTF-16, UTF-32, Latin-1 and binary files named and refused); parsing is libcsv in strict mode. */
#ifndef KAOPING_IO_CSV_READ_H
#define KAOPING_IO_CSV_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "io/encoding.h"

/* How to save a sheet as the CSV kaoping reads, in the menus of each program an office uses
 * (Excel, WPS and LibreOffice Calc), for the messages that refuse a file. */
#define CSV_SAVE_HINT                                                                              \
    "请在 Excel 或 WPS 中用「文件 → 另存为」选择「CSV UTF-8 (逗号分隔)」或「CSV (逗号分隔)」; "  \
    "LibreOffice Calc 中用「文件 → 另存为」选择文件类型「文本 CSV (.csv)」, 勾选「编辑筛选设置」, " \
    "字符集选「Unicode (UTF-8)」, 字段分隔符选「,」; 或者直接导入 .xlsx 工作簿"

struct csv_row {
    long line;    /* 1-based line of the file where the row starts */
    size_t n;     /* number of cells */
    char **cells; /* UTF-8, never NULL (an empty cell is ""), surrounding spaces trimmed,
                   * CRLF and lone CR inside quoted cells turned into LF */
};

struct csv_table {
    enum text_encoding encoding; /* as detected */
    struct csv_row *rows;        /* rows whose cells are all empty are left out */
    size_t n_rows;
};

/* Parses a buffer (any encoding). On failure returns false and writes one line to err,
 * starting with "LINE: " when the problem has a line (the caller prefixes the file name). */
bool csv_read_buffer(const char *buf, size_t len, struct csv_table *out, char *err, size_t errsz);
/* Reads the whole file (io/infile.h: a regular file of at most 512 MB, or "-" for stdin),
 * then csv_read_buffer. Errors start with "FILE:LINE: " or "FILE: ". */
bool csv_read_file(const char *path, struct csv_table *out, char *err, size_t errsz);
void csv_table_free(struct csv_table *t);

/* Streamed reading, for files of any size in little memory: plain UTF-8 files (with or
 * without BOM) are read a record at a time. csv_stream_open reads the file once to find its
 * CSV errors and count its rows, so it fails with exactly csv_read_file's messages (-1, err
 * set); 0 means the file is not plain UTF-8 (GBK, a refused encoding, NUL bytes, a workbook)
 * or is stdin: read it with csv_read_file; 1: *out is ready at the first row. */
struct csv_stream;
int csv_stream_open(const char *path, struct csv_stream **out, char *err, size_t errsz);
/* 1: the next non-empty row in *out (its cells live until the next call); 0: the end; -1: the
 * file changed or could not be read since it was opened (err: "FILE:LINE: ..."). */
int csv_stream_next(struct csv_stream *s, struct csv_row *out, char *err, size_t errsz);
/* Back to the first row: 0, or -1 with err. */
int csv_stream_rewind(struct csv_stream *s, char *err, size_t errsz);
enum text_encoding csv_stream_encoding(const struct csv_stream *s);
long csv_stream_data_rows(const struct csv_stream *s); /* rows after the header */
void csv_stream_close(struct csv_stream *s);

/* Trims ASCII spaces/tabs, U+3000 (ideographic space), U+00A0 and U+FEFF (a second BOM, left
 * by a file saved twice or two files joined) at both ends, in place. */
void csv_trim(char *s);

#endif
