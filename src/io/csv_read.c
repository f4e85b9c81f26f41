/* CSV reading on top of libcsv. libcsv does not count lines, so the text is fed to it one
 * record at a time: a record ends at a line break outside quotes (quote parity), which is
 * exactly where strict libcsv ends a row; the record's first line is the row's line. */
#include "io/csv_read.h"

#include <csv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_internal.h"
#include "io/infile.h"
#include "model/text.h"
#include "model/xmalloc.h"


void csv_trim(char *s)
{
    size_t len = strlen(s), start = 0;
    /* Nothing to trim when both ends are visible ASCII (most cells): every trimmed character
     * is a space, a tab or starts and ends with a byte of 0x80 and above. */
    if (len == 0 || ((unsigned char)s[0] > ' ' && (unsigned char)s[0] < 0x80 &&
                     (unsigned char)s[len - 1] > ' ' && (unsigned char)s[len - 1] < 0x80))
        return;
    for (;;) {
        if (start < len && (s[start] == ' ' || s[start] == '\t'))
            start++;
        else if (len - start >= 3 && (memcmp(s + start, "\xE3\x80\x80", 3) == 0 ||
                                      memcmp(s + start, "\xEF\xBB\xBF", 3) == 0))
            start += 3;
        else if (len - start >= 2 && memcmp(s + start, "\xC2\xA0", 2) == 0)
            start += 2;
        else
            break;
    }
    for (;;) {
        if (len > start && (s[len - 1] == ' ' || s[len - 1] == '\t'))
            len--;
        else if (len - start >= 3 && (memcmp(s + len - 3, "\xE3\x80\x80", 3) == 0 ||
                                      memcmp(s + len - 3, "\xEF\xBB\xBF", 3) == 0))
            len -= 3;
        else if (len - start >= 2 && memcmp(s + len - 2, "\xC2\xA0", 2) == 0)
            len -= 2;
        else
            break;
    }
    memmove(s, s + start, len - start);
    s[len - start] = '\0';
}

/* CRLF and lone CR inside a quoted cell become LF. */
static void normalise_newlines(char *s)
{
    if (!strchr(s, '\r'))
        return;
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (*r == '\r') {
            *w++ = '\n';
            if (r[1] == '\n')
                r++;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

/* A streamed row's cell: appended to r->text, cleaned as on_field cleans a cell (up to a NUL,
 * newlines, trimmed). */
static void pooled_field(struct csv_reader *r, const char *data, size_t len)
{
    if (r->text_len + len + 1 > r->text_cap) {
        r->text_cap = 2 * (r->text_len + len + 1) + 256;
        r->text = xrealloc(r->text, r->text_cap);
    }
    char *cell = r->text + r->text_len;
    if (len)
        memcpy(cell, data, len);
    cell[len] = '\0';
    normalise_newlines(cell);
    csv_trim(cell);
    if (r->n_cells == r->cap_offs) {
        r->cap_offs = r->cap_offs ? 2 * r->cap_offs : 16;
        r->offs = xreallocarray(r->offs, r->cap_offs, sizeof *r->offs);
    }
    r->offs[r->n_cells++] = r->text_len;
    r->text_len += strlen(cell) + 1;
}

static void on_field(void *data, size_t len, void *ctx)
{
    struct csv_reader *r = ctx;
    if (!r->t) {
        pooled_field(r, data, len);
        return;
    }
    char *cell = data ? xstrndup(data, len) : xstrdup("");
    /* A NUL inside the cell would silently cut it: keep what strlen sees, consistently. */
    normalise_newlines(cell);
    csv_trim(cell);
    if (r->n_cells == r->cap_cells) {
        r->cap_cells = r->cap_cells ? 2 * r->cap_cells : 16;
        r->cells = xreallocarray(r->cells, r->cap_cells, sizeof *r->cells);
    }
    r->cells[r->n_cells++] = cell;
}

void csv_free_row(struct csv_row *row)
{
    for (size_t i = 0; i < row->n; i++)
        free(row->cells[i]);
    free(row->cells);
    memset(row, 0, sizeof *row);
}

/* A streamed row: counted, and kept as cur unless it is empty (Excel writes ",,,," for rows
 * that once held formatting: not data) or only counted. */
static void pooled_row(struct csv_reader *r)
{
    size_t n = r->n_cells;
    bool empty = true;
    r->n_cells = 0;
    for (size_t i = 0; i < n && empty; i++)
        empty = r->text[r->offs[i]] == '\0';
    if (empty || r->counting) {
        r->n_rows += !empty;
        r->text_len = 0;
        return;
    }
    r->n_rows++;
    if (n > r->cap_cells) {
        r->cap_cells = n;
        r->cells = xreallocarray(r->cells, n, sizeof *r->cells);
    }
    for (size_t i = 0; i < n; i++)
        r->cells[i] = r->text + r->offs[i];
    r->cur = (struct csv_row){r->row_line, n, r->cells};
    r->has_cur = true;
}

void csv_reader_drop_row(struct csv_reader *r)
{
    r->has_cur = false;
    r->text_len = 0;
}

static void on_row(int term, void *ctx)
{
    (void)term;
    struct csv_reader *r = ctx;
    if (!r->t) {
        pooled_row(r);
        return;
    }
    bool empty = true;
    for (size_t i = 0; i < r->n_cells && empty; i++)
        empty = r->cells[i][0] == '\0';
    if (empty) {
        /* Excel writes ",,,," for rows that once held formatting: not data. */
        for (size_t i = 0; i < r->n_cells; i++)
            free(r->cells[i]);
        free(r->cells);
    } else {
        struct csv_table *t = r->t;
        if (t->n_rows == r->cap_rows) {
            r->cap_rows = r->cap_rows ? 2 * r->cap_rows : 64;
            t->rows = xreallocarray(t->rows, r->cap_rows, sizeof *t->rows);
        }
        t->rows[t->n_rows++] = (struct csv_row){r->row_line, r->n_cells, r->cells};
    }
    r->cells = NULL;
    r->n_cells = r->cap_cells = 0;
}

/* Formats the message into err and returns false, so a check can `return csv_fail(...)`. */
bool csv_fail(char *err, size_t errsz, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
    return false;
}

/* 1-based line of byte offset `off` (LF, CRLF and lone CR all end a line). */
long csv_line_of(const char *buf, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        if (buf[i] == '\n' || (buf[i] == '\r' && (i + 1 >= off || buf[i + 1] != '\n')))
            line++;
    return line;
}

/* Line of the first invalid UTF-8 sequence (the file said UTF-8 with its BOM). */
static long first_bad_utf8_line(const char *buf, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || buf[i] == '\n') {
            if (!text_valid_utf8(buf + start, i - start))
                return csv_line_of(buf, start);
            start = i + 1;
        }
    }
    return 1;
}

/* Length of the strict UTF-8 sequence at p (1..4), or 0 when it is invalid. */
static size_t utf8_seq(const unsigned char *p, size_t left)
{
    if (p[0] < 0x80)
        return 1;
    size_t n = p[0] >= 0xC2 && p[0] <= 0xDF   ? 2
               : p[0] >= 0xE0 && p[0] <= 0xEF ? 3
               : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4
                                              : 0;
    if (n == 0 || n > left)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    /* overlongs, surrogates, beyond U+10FFFF */
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F) ||
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] > 0x8F))
        return 0;
    return n;
}

/* GB18030 decodes nearly anything, so a damaged UTF-8 file would come out as plausible-looking
 * garbage. Real GBK text fails UTF-8 at its first Chinese character or two; text with several
 * valid 3/4-byte sequences before the first bad byte is UTF-8 with damage. Returns the offset
 * of that bad byte, or (size_t)-1 when the file looks like genuine GBK. */
static size_t damaged_utf8_at(const char *buf, size_t len)
{
    const unsigned char *b = (const unsigned char *)buf;
    int wide = 0;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_seq(b + i, len - i);
        if (n == 0)
            return wide >= 4 ? i : (size_t)-1;
        wide += n >= 3;
        i += n;
    }
    return (size_t)-1;
}

static size_t first_high_byte(const char *buf, size_t len)
{
    size_t i = 0;
    while (i < len && (unsigned char)buf[i] < 0x80)
        i++;
    return i;
}

/* The number of '"' in s[0..n), 8 bytes at a time: a byte of w ^ 0x22.. is zero exactly where
 * w has a quote, and (x & 0x7f..) + 0x7f.. sets the high bit of every byte of x that is not zero
 * without carrying into the next. */
static size_t quotes_in(const char *s, size_t n)
{
    const uint64_t lo7 = 0x7f7f7f7f7f7f7f7fu, q = 0x2222222222222222u;
    size_t count = 0, k = 0;
    for (uint64_t w; k + 8 <= n; k += 8) {
        memcpy(&w, s + k, 8);
        uint64_t x = w ^ q;
        uint64_t at_quotes = ~(((x & lo7) + lo7) | x | lo7); /* 0x80 where a quote is */
        count += (size_t)(((at_quotes >> 7) * 0x0101010101010101u) >> 56);
    }
    for (; k < n; k++)
        count += s[k] == '"';
    return count;
}

/* End of the record starting at i: past the first line break outside quotes. *complete: such
 * a break was found and is whole (a CR that ends the text may be the first half of a CRLF). */
size_t csv_record_scan(const char *text, size_t len, size_t i, bool *complete)
{
    /* The usual record: a LF or CRLF ahead, no other CR before it, an even number of quotes
     * before it (the loop below would end there too); counted without the loop's branches. */
    const char *nl = memchr(text + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - text) : 0;
    if (nl && end > i && text[end - 1] == '\r')
        end--;
    if (nl && !memchr(text + i, '\r', end - i) && quotes_in(text + i, end - i) % 2 == 0) {
        *complete = true;
        return (size_t)(nl - text) + 1;
    }
    bool quoted = false;
    *complete = false;
    while (i < len) {
        char c = text[i++];
        if (c == '"') {
            quoted = !quoted;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i < len && text[i] == '\n')
                i++;
            if (!quoted) {
                *complete = c == '\n' || i < len || text[i - 1] == '\n';
                break;
            }
        }
    }
    return i;
}

static size_t record_end(const char *text, size_t len, size_t i)
{
    bool complete;
    return csv_record_scan(text, len, i, &complete);
}

/* The separators of one record outside quotes: 1 with a comma, 0 with none, else -1 and *what
 * names the one it has most of ("分号" or "制表符"). */
int csv_record_separator(const char *rec, size_t n, const char **what)
{
    size_t commas = 0, semis = 0, tabs = 0;
    bool quoted = false;
    for (size_t k = 0; k < n; k++) {
        quoted ^= rec[k] == '"';
        commas += !quoted && rec[k] == ',';
        semis += !quoted && rec[k] == ';';
        tabs += !quoted && rec[k] == '\t';
    }
    *what = semis >= tabs ? "分号" : "制表符";
    return commas ? 1 : semis || tabs ? -1 : 0;
}

/* A file separated by semicolons or tabs (LibreOffice's and some Excel locales' default)
 * would reach libcsv as one column per line, or, as soon as a cell is quoted ("001";"x"), as a
 * quote in the wrong place. So the first line with any separator outside quotes decides
 * before parsing: without a comma there, the file is refused for its separator, whatever the
 * quoting. Lines without any separator (a title row) are skipped. */
static bool check_separator(const char *text, size_t len, char *err, size_t errsz)
{
    long line = 1;
    for (size_t i = 0; i < len;) {
        size_t end = record_end(text, len, i);
        const char *what;
        int sep = csv_record_separator(text + i, end - i, &what);
        if (sep > 0)
            return true;
        if (sep < 0)
            return csv_fail(err, errsz, CSV_SEPARATOR_ERROR, line, what);
        line += csv_line_of(text + i, end - i) - 1;
        i = end;
    }
    return true;
}

bool csv_parser_init(struct csv_parser *p, char *err, size_t errsz)
{
    if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
        return csv_fail(err, errsz, "CSV 解析器初始化失败");
    /* libcsv grows a cell's buffer by this much at a time; its default (128 bytes) makes a
     * multi-megabyte cell (a pasted document, refused later by model/limits.h) quadratic
     * wherever realloc copies, as under ASan: a 10 MB 事由 took minutes. */
    csv_set_blk_size(p, 1 << 20);
    return true;
}

/* ---- the plain record without libcsv ---- */

#define PLAIN_MAX_CELLS 64

struct span {
    const char *at;
    size_t len;
    bool doubled; /* quoted, with "" inside */
};

/* The cell at text[i..end): a quoted one ends at its closing quote, which a comma or the end
 * follows; an unquoted one has no quote. The index past the cell, or 0 when it is not plain. */
static size_t plain_cell(const char *text, size_t i, size_t end, struct span *c)
{
    if (text[i] != '"') {
        size_t j = i;
        while (j < end && text[j] != ',' && text[j] != '"')
            j++;
        if (j < end && text[j] == '"')
            return 0;
        *c = (struct span){text + i, j - i, false};
        return j;
    }
    *c = (struct span){text + i + 1, 0, false};
    for (size_t j = i + 1; j < end; j++) {
        if (text[j] != '"')
            continue;
        if (j + 1 < end && text[j + 1] == '"') {
            c->doubled = true, j++;
            continue;
        }
        c->len = (size_t)(j - i - 1);
        return j + 1 == end || text[j + 1] == ',' ? j + 1 : 0;
    }
    return 0;
}

/* The scan that counts rows (csv_reader.counting) copies no cells of a record that plainly has
 * data: one of its cells starts with a visible ASCII character, which csv_trim keeps, so
 * on_row would count it. */
static bool plain_has_data(const struct span *cells, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (cells[k].len && cells[k].at[0] > ' ' && cells[k].at[0] < 0x7F)
            return true;
    return false;
}

/* A record of one line ending in a line break, every cell plain (plain_cell), split here as
 * libcsv would: the cells go through on_field and on_row alike. Exported CSV and most saved
 * sheets are all such records; reading them through libcsv was a third of a progress re-import
 * (bench/README.md). False, with nothing done, for anything else: libcsv reads it and says
 * what is wrong. */
static bool parse_plain(const char *text, size_t len, struct csv_reader *r)
{
    size_t end = len;
    if (end < 2 || text[end - 1] != '\n')
        return false;
    end -= text[end - 2] == '\r' ? 2 : 1;
    if (end == 0 || memchr(text, '\n', end) || memchr(text, '\r', end))
        return false;
    struct span cells[PLAIN_MAX_CELLS];
    size_t n = 0;
    for (size_t i = 0;; i++) {
        if (n == PLAIN_MAX_CELLS)
            return false;
        if (i == end) { /* the record ends in a comma: one more empty cell */
            cells[n++] = (struct span){text + i, 0, false};
            break;
        }
        if (!(i = plain_cell(text, i, end, &cells[n++])))
            return false;
        if (i == end)
            break;
    }
    if (r->counting && !r->t && plain_has_data(cells, n)) {
        r->n_rows++;
        return true;
    }
    for (size_t k = 0; k < n; k++) {
        if (!cells[k].doubled) {
            on_field((void *)cells[k].at, cells[k].len, r); /* empty or not: a "" cell */
            continue;
        }
        char *u = xmalloc(cells[k].len + 1);
        size_t w = 0;
        for (size_t j = 0; j < cells[k].len; j++)
            if ((u[w++] = cells[k].at[j]) == '"')
                j++;
        on_field(u, w, r);
        free(u);
    }
    on_row('\n', r);
    return true;
}

/* One record, text[0..len) (as record_end cut it), starting at *line; *line moves past it. */
bool csv_parse_record(struct csv_parser *p, const char *text, size_t len, long *line,
                         struct csv_reader *r, char *err, size_t errsz)
{
    r->row_line = *line;
    if (parse_plain(text, len, r)) {
        (*line)++;
        return true;
    }
    size_t done = csv_parse(p, text, len, on_field, on_row, r);
    if (done != len) {
        long at = *line + csv_line_of(text, done) - 1;
        return csv_fail(err, errsz, "%ld: CSV 格式错误: %s", at,
                    csv_error(p) == CSV_EPARSE
                        ? "引号位置不对 (含引号的单元格须整个用引号括起, 内部引号写两次)"
                        : csv_strerror(csv_error(p)));
    }
    *line += csv_line_of(text, len) - 1;
    return true;
}

bool csv_parse_finish(struct csv_parser *p, struct csv_reader *r, char *err, size_t errsz)
{
    if (csv_fini(p, on_field, on_row, r) != 0)
        return csv_fail(err, errsz,
                    "%ld: CSV 格式错误: 引号没有闭合 (从这一行开始的单元格缺少结尾的引号)",
                    r->row_line);
    return true;
}

void csv_reader_free(struct csv_reader *r)
{
    for (size_t i = 0; r->t && i < r->n_cells; i++) /* streamed cells live in text */
        free(r->cells[i]);
    free(r->cells);
    r->cells = NULL, r->n_cells = r->cap_cells = 0;
    r->has_cur = false; /* streamed: cur.cells was cells */
    free(r->text), free(r->offs);
    r->text = NULL, r->offs = NULL;
    r->text_len = r->text_cap = r->cap_offs = 0;
}

static bool parse_text(const char *text, size_t len, struct csv_table *t, char *err, size_t errsz)
{
    if (!check_separator(text, len, err, errsz))
        return false;
    struct csv_parser p;
    if (!csv_parser_init(&p, err, errsz))
        return false;
    struct csv_reader r = {.t = t};
    bool ok = true;
    long line = 1;
    for (size_t i = 0; i < len && ok;) {
        size_t end = record_end(text, len, i);
        ok = csv_parse_record(&p, text + i, end - i, &line, &r, err, errsz);
        i = end;
    }
    if (ok)
        ok = csv_parse_finish(&p, &r, err, errsz);
    csv_free(&p);
    csv_reader_free(&r);
    return ok;
}

bool csv_read_buffer(const char *buf, size_t len, struct csv_table *out, char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    err[0] = '\0';
    /* The workbook itself instead of a CSV saved from it: zip (xlsx, WPS et) or OLE2 (xls). */
    if (len >= 4 && (memcmp(buf, "PK\x03\x04", 4) == 0 || memcmp(buf, "\xD0\xCF\x11\xE0", 4) == 0))
        return csv_fail(err, errsz,
                    "文件是 Excel、WPS 或 LibreOffice 的工作簿 (.xls/.et), 不是 CSV 文件; "
                    "请另存为 .xlsx 工作簿 (kaoping import 直接读取) 或 CSV 文件: " CSV_SAVE_HINT);
    out->encoding = encoding_detect(buf, len);
    if (out->encoding == ENC_UTF16)
        return csv_fail(err, errsz, "文件是 UTF-16 (Unicode 文本) 编码, 不能导入; " CSV_SAVE_HINT);
    if (out->encoding == ENC_UTF32)
        return csv_fail(err, errsz, "文件是 UTF-32 编码, 不能导入; " CSV_SAVE_HINT);
    if (out->encoding == ENC_BINARY)
        return csv_fail(err, errsz, "文件是二进制文件 (程序、文档、图片、压缩包或数据库), 不是 CSV 文件");
    const char *nul = memchr(buf, '\0', len);
    if (nul)
        return csv_fail(err, errsz, "%ld: 文件含有 NUL 字节 (二进制文件), 不是文本 CSV 文件; " CSV_SAVE_HINT,
                    csv_line_of(buf, (size_t)(nul - buf)));
    if (out->encoding == ENC_LATIN1)
        return csv_fail(err, errsz,
                    "%ld: 文件像是西文编码 (Latin-1/Windows-1252), 不是 UTF-8 或 GBK/GB18030 中文编码; "
                    CSV_SAVE_HINT,
                    csv_line_of(buf, first_high_byte(buf, len)));
    size_t damaged = out->encoding == ENC_GB18030 ? damaged_utf8_at(buf, len) : (size_t)-1;
    if (damaged != (size_t)-1)
        return csv_fail(
            err, errsz,
            "%ld: 文件是 UTF-8 编码, 但这里有无效的字节 (文件可能已损坏, 或混入了其他编码的文字); "
            CSV_SAVE_HINT,
            csv_line_of(buf, damaged));
    size_t text_len = 0, bad = 0;
    char *text = encoding_to_utf8(buf, len, out->encoding, &text_len, &bad);
    if (!text) {
        if (out->encoding == ENC_UTF8_BOM)
            return csv_fail(err, errsz,
                        "%ld: 文件以 UTF-8 BOM 开头, 但内容不是有效的 UTF-8 (文件可能已损坏)",
                        first_bad_utf8_line(buf + 3, len - 3));
        return csv_fail(err, errsz, "%ld: 文件既不是有效的 UTF-8, 也不是 GBK/GB18030 编码; " CSV_SAVE_HINT,
                    csv_line_of(buf, bad));
    }
    bool ok = parse_text(text, text_len, out, err, errsz);
    free(text);
    if (!ok)
        csv_table_free(out);
    return ok;
}

bool csv_read_file(const char *path, struct csv_table *out, char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    char *buf;
    size_t len;
    if (!infile_read(path, INFILE_MAX_BYTES, &buf, &len, err, errsz))
        return false;
    char inner[512];
    bool ok = csv_read_buffer(buf, len, out, inner, sizeof inner);
    free(buf);
    if (!ok) {
        /* Messages with a line number start with a digit: join as FILE:LINE: ... */
        bool has_line = inner[0] >= '0' && inner[0] <= '9';
        snprintf(err, errsz, "%s:%s%s", infile_name(path), has_line ? "" : " ", inner);
    }
    return ok;
}

void csv_table_free(struct csv_table *t)
{
    for (size_t i = 0; i < t->n_rows; i++) {
        for (size_t j = 0; j < t->rows[i].n; j++)
            free(t->rows[i].cells[j]);
        free(t->rows[i].cells);
    }
    free(t->rows);
    memset(t, 0, sizeof *t);
}
