/* CSV reading on top of libcsv. libcsv does not count lines, so the text is fed to it one
 * record at a time: a record ends at a line break outside quotes (quote parity), which is
 * exactly where strict libcsv ends a row; the record's first line is the row's line. */
#include "io/csv_read.h"

#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/infile.h"
#include "model/text.h"
#include "model/xmalloc.h"


struct reader {
    struct csv_table *t; /* rows are appended to it; NULL: streamed (cur, or only counted) */
    size_t cap_rows;
    char **cells;
    size_t n_cells, cap_cells;
    long row_line;
    bool counting;       /* streamed: rows are counted and dropped */
    long n_rows;         /* streamed: non-empty rows so far */
    struct csv_row cur;  /* streamed: the last row, the caller's until the next */
    bool has_cur;
};

void csv_trim(char *s)
{
    size_t len = strlen(s), start = 0;
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

static void on_field(void *data, size_t len, void *ctx)
{
    struct reader *r = ctx;
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

static void free_row(struct csv_row *row)
{
    for (size_t i = 0; i < row->n; i++)
        free(row->cells[i]);
    free(row->cells);
    memset(row, 0, sizeof *row);
}

static void on_row(int term, void *ctx)
{
    (void)term;
    struct reader *r = ctx;
    bool empty = true;
    for (size_t i = 0; i < r->n_cells && empty; i++)
        empty = r->cells[i][0] == '\0';
    if (empty) {
        /* Excel writes ",,,," for rows that once held formatting: not data. */
        for (size_t i = 0; i < r->n_cells; i++)
            free(r->cells[i]);
        free(r->cells);
    } else if (!r->t) {
        r->n_rows++;
        struct csv_row row = {r->row_line, r->n_cells, r->cells};
        if (r->counting)
            free_row(&row);
        else
            r->cur = row, r->has_cur = true;
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

static bool fail(char *err, size_t errsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(char *err, size_t errsz, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
    return false;
}

/* 1-based line of byte offset `off` (LF, CRLF and lone CR all end a line). */
static long line_of(const char *buf, size_t off)
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
                return line_of(buf, start);
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

/* End of the record starting at i: past the first line break outside quotes. *complete: such
 * a break was found and is whole (a CR that ends the text may be the first half of a CRLF). */
static size_t record_scan(const char *text, size_t len, size_t i, bool *complete)
{
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
    return record_scan(text, len, i, &complete);
}

/* The separators of one record outside quotes: 1 with a comma, 0 with none, else -1 and *what
 * names the one it has most of ("分号" or "制表符"). */
static int record_separator(const char *rec, size_t n, const char **what)
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

#define SEPARATOR_ERROR "%ld: 文件不是逗号分隔的, 而是用%s分隔 (这一行没有逗号); " CSV_SAVE_HINT

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
        int sep = record_separator(text + i, end - i, &what);
        if (sep > 0)
            return true;
        if (sep < 0)
            return fail(err, errsz, SEPARATOR_ERROR, line, what);
        line += line_of(text + i, end - i) - 1;
        i = end;
    }
    return true;
}

static bool parser_init(struct csv_parser *p, char *err, size_t errsz)
{
    if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
        return fail(err, errsz, "CSV 解析器初始化失败");
    /* libcsv grows a cell's buffer by this much at a time; its default (128 bytes) makes a
     * multi-megabyte cell (a pasted document, refused later by model/limits.h) quadratic
     * wherever realloc copies, as under ASan: a 10 MB 事由 took minutes. */
    csv_set_blk_size(p, 1 << 20);
    return true;
}

/* One record, text[0..len) (as record_end cut it), starting at *line; *line moves past it. */
static bool parse_record(struct csv_parser *p, const char *text, size_t len, long *line,
                         struct reader *r, char *err, size_t errsz)
{
    r->row_line = *line;
    size_t done = csv_parse(p, text, len, on_field, on_row, r);
    if (done != len) {
        long at = *line + line_of(text, done) - 1;
        return fail(err, errsz, "%ld: CSV 格式错误: %s", at,
                    csv_error(p) == CSV_EPARSE
                        ? "引号位置不对 (含引号的单元格须整个用引号括起, 内部引号写两次)"
                        : csv_strerror(csv_error(p)));
    }
    *line += line_of(text, len) - 1;
    return true;
}

static bool parse_finish(struct csv_parser *p, struct reader *r, char *err, size_t errsz)
{
    if (csv_fini(p, on_field, on_row, r) != 0)
        return fail(err, errsz,
                    "%ld: CSV 格式错误: 引号没有闭合 (从这一行开始的单元格缺少结尾的引号)",
                    r->row_line);
    return true;
}

static void reader_free(struct reader *r)
{
    for (size_t i = 0; i < r->n_cells; i++)
        free(r->cells[i]);
    free(r->cells);
    r->cells = NULL, r->n_cells = r->cap_cells = 0;
    if (r->has_cur)
        free_row(&r->cur);
    r->has_cur = false;
}

static bool parse_text(const char *text, size_t len, struct csv_table *t, char *err, size_t errsz)
{
    if (!check_separator(text, len, err, errsz))
        return false;
    struct csv_parser p;
    if (!parser_init(&p, err, errsz))
        return false;
    struct reader r = {.t = t};
    bool ok = true;
    long line = 1;
    for (size_t i = 0; i < len && ok;) {
        size_t end = record_end(text, len, i);
        ok = parse_record(&p, text + i, end - i, &line, &r, err, errsz);
        i = end;
    }
    if (ok)
        ok = parse_finish(&p, &r, err, errsz);
    csv_free(&p);
    reader_free(&r);
    return ok;
}

bool csv_read_buffer(const char *buf, size_t len, struct csv_table *out, char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    err[0] = '\0';
    /* The workbook itself instead of a CSV saved from it: zip (xlsx, WPS et) or OLE2 (xls). */
    if (len >= 4 && (memcmp(buf, "PK\x03\x04", 4) == 0 || memcmp(buf, "\xD0\xCF\x11\xE0", 4) == 0))
        return fail(err, errsz,
                    "文件是 Excel、WPS 或 LibreOffice 的工作簿 (.xls/.et), 不是 CSV 文件; "
                    "请另存为 .xlsx 工作簿 (kaoping import 直接读取) 或 CSV 文件: " CSV_SAVE_HINT);
    out->encoding = encoding_detect(buf, len);
    if (out->encoding == ENC_UTF16)
        return fail(err, errsz, "文件是 UTF-16 (Unicode 文本) 编码, 不能导入; " CSV_SAVE_HINT);
    if (out->encoding == ENC_UTF32)
        return fail(err, errsz, "文件是 UTF-32 编码, 不能导入; " CSV_SAVE_HINT);
    if (out->encoding == ENC_BINARY)
        return fail(err, errsz, "文件是二进制文件 (程序、文档、图片、压缩包或数据库), 不是 CSV 文件");
    const char *nul = memchr(buf, '\0', len);
    if (nul)
        return fail(err, errsz, "%ld: 文件含有 NUL 字节 (二进制文件), 不是文本 CSV 文件; " CSV_SAVE_HINT,
                    line_of(buf, (size_t)(nul - buf)));
    if (out->encoding == ENC_LATIN1)
        return fail(err, errsz,
                    "%ld: 文件像是西文编码 (Latin-1/Windows-1252), 不是 UTF-8 或 GBK/GB18030 中文编码; "
                    CSV_SAVE_HINT,
                    line_of(buf, first_high_byte(buf, len)));
    size_t damaged = out->encoding == ENC_GB18030 ? damaged_utf8_at(buf, len) : (size_t)-1;
    if (damaged != (size_t)-1)
        return fail(
            err, errsz,
            "%ld: 文件是 UTF-8 编码, 但这里有无效的字节 (文件可能已损坏, 或混入了其他编码的文字); "
            CSV_SAVE_HINT,
            line_of(buf, damaged));
    size_t text_len = 0, bad = 0;
    char *text = encoding_to_utf8(buf, len, out->encoding, &text_len, &bad);
    if (!text) {
        if (out->encoding == ENC_UTF8_BOM)
            return fail(err, errsz,
                        "%ld: 文件以 UTF-8 BOM 开头, 但内容不是有效的 UTF-8 (文件可能已损坏)",
                        first_bad_utf8_line(buf + 3, len - 3));
        return fail(err, errsz, "%ld: 文件既不是有效的 UTF-8, 也不是 GBK/GB18030 编码; " CSV_SAVE_HINT,
                    line_of(buf, bad));
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

/* ---- streamed reading (csv_stream_open) ---- */

#define STREAM_CHUNK ((size_t)1 << 20)

struct csv_stream {
    int fd;
    const char *name; /* for messages: the path */
    char *buf;        /* bytes read and not yet dropped: buf[start..end) unread */
    size_t cap, start, end;
    bool eof, finished, started;
    long line; /* where the next record starts */
    struct csv_parser p;
    struct reader r;
    enum text_encoding enc;
    long data_rows;
};

/* Reads more: keeps the unread bytes at the front and grows the buffer when one record fills
 * it. False on a read error. */
static bool stream_fill(struct csv_stream *s)
{
    if (s->start > 0) {
        memmove(s->buf, s->buf + s->start, s->end - s->start);
        s->end -= s->start, s->start = 0;
    }
    if (s->end == s->cap)
        s->buf = xrealloc(s->buf, s->cap *= 2);
    ssize_t n;
    do
        n = read(s->fd, s->buf + s->end, s->cap - s->end);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return false;
    s->eof = n == 0;
    s->end += (size_t)n;
    return true;
}

/* The next record, buf[start..*rec_end): 1, 0 at the end of the file, -1 on a read error. */
static int stream_record(struct csv_stream *s, size_t *rec_end)
{
    for (;;) {
        bool complete = false;
        if (s->start < s->end)
            *rec_end = record_scan(s->buf, s->end, s->start, &complete);
        if (complete || (s->eof && s->start < s->end))
            return 1;
        if (s->eof)
            return 0;
        if (!stream_fill(s))
            return -1;
    }
}

/* Back to the first record (after a BOM). False on a read error. */
static bool stream_restart(struct csv_stream *s, char *err, size_t errsz)
{
    if (s->started)
        csv_free(&s->p);
    reader_free(&s->r);
    s->r = (struct reader){.counting = s->r.counting};
    s->start = s->end = 0, s->eof = s->finished = false, s->line = 1;
    if (!parser_init(&s->p, err, errsz))
        return false;
    s->started = true;
    if (lseek(s->fd, 0, SEEK_SET) != 0 || !stream_fill(s))
        return fail(err, errsz, "%s: 无法读取: %s", s->name, strerror(errno));
    if (s->enc == ENC_UTF8_BOM)
        s->start = 3;
    return true;
}

/* The bytes of a record as the plain UTF-8 the stream was opened for: no NUL, valid. */
static bool clean_utf8(const char *b, size_t n)
{
    return !memchr(b, '\0', n) && text_valid_utf8(b, n);
}

int csv_stream_next(struct csv_stream *s, struct csv_row *out, char *err, size_t errsz)
{
    if (s->r.has_cur)
        free_row(&s->r.cur), s->r.has_cur = false;
    char inner[512];
    while (!s->r.has_cur && !s->finished) {
        size_t e = 0;
        int rc = stream_record(s, &e);
        if (rc < 0)
            return fail(err, errsz, "%s: 无法读取: %s", s->name, strerror(errno)), -1;
        if (rc == 0) {
            s->finished = true;
            if (!parse_finish(&s->p, &s->r, inner, sizeof inner))
                return fail(err, errsz, "%s:%s", s->name, inner), -1;
            continue;
        }
        if (!clean_utf8(s->buf + s->start, e - s->start)) /* changed since it was opened */
            return fail(err, errsz, "%s:%ld: 文件在导入过程中被改动了, 请等它保存完再导入",
                        s->name, s->line), -1;
        if (!parse_record(&s->p, s->buf + s->start, e - s->start, &s->line, &s->r, inner,
                          sizeof inner))
            return fail(err, errsz, "%s:%s", s->name, inner), -1;
        s->start = e;
    }
    if (!s->r.has_cur)
        return 0;
    *out = s->r.cur;
    return 1;
}

/* The whole file once, rows counted and dropped: its CSV errors, and whether every record is
 * plain UTF-8 (false: *plain; the caller reads it whole, for the messages of csv_read_buffer).
 * An encoding problem after a CSV error still decides, as in csv_read_buffer. */
static bool stream_scan(struct csv_stream *s, bool *plain, char *err, size_t errsz)
{
    char perr[512] = "";
    bool parsing = true;
    int sep = 0; /* check_separator's verdict: the first record with a separator decides */
    long sep_line = 1;
    *plain = true;
    s->r.counting = true;
    for (;;) {
        size_t e = 0;
        int rc = stream_record(s, &e);
        if (rc < 0)
            return fail(err, errsz, "%s: 无法读取: %s", s->name, strerror(errno));
        if (rc == 0)
            break;
        const char *rec = s->buf + s->start, *what;
        if (!clean_utf8(rec, e - s->start))
            return *plain = false;
        if (sep == 0 && (sep = record_separator(rec, e - s->start, &what)) < 0) {
            snprintf(perr, sizeof perr, SEPARATOR_ERROR, sep_line, what);
            parsing = false; /* it comes first, as in csv_read_buffer */
        }
        sep_line += line_of(rec, e - s->start) - 1;
        if (parsing && !parse_record(&s->p, rec, e - s->start, &s->line, &s->r, perr, sizeof perr))
            parsing = false;
        s->start = e;
    }
    if (parsing && !parse_finish(&s->p, &s->r, perr, sizeof perr))
        parsing = false;
    s->r.counting = false;
    if (!parsing)
        return fail(err, errsz, "%s:%s", s->name, perr);
    s->data_rows = s->r.n_rows ? s->r.n_rows - 1 : 0;
    return true;
}

void csv_stream_close(struct csv_stream *s)
{
    if (!s)
        return;
    if (s->started)
        csv_free(&s->p);
    reader_free(&s->r);
    if (s->fd >= 0)
        close(s->fd);
    free(s->buf);
    free(s);
}

/* Plain UTF-8 files (with or without BOM) decide by their first bytes and a scan; anything
 * else (GBK, the refused encodings, NUL bytes, a workbook) is left to csv_read_file. */
int csv_stream_open(const char *path, struct csv_stream **out, char *err, size_t errsz)
{
    *out = NULL;
    if (strcmp(path, "-") == 0)
        return 0; /* read once: csv_read_file keeps it */
    int fd = infile_open(path, INFILE_MAX_BYTES, err, errsz);
    if (fd < 0)
        return -1;
    struct stat sb;
    struct csv_stream *s = xcalloc(1, sizeof *s);
    s->fd = fd, s->name = path, s->cap = STREAM_CHUNK, s->buf = xmalloc(s->cap);
    int status = -1;
    bool plain = false;
    if (fstat(fd, &sb) != 0 || !stream_fill(s)) {
        fail(err, errsz, "%s: 无法读取: %s", path, strerror(errno));
        goto done;
    }
    size_t head = s->end;
    if (head < 512 && head < (size_t)sb.st_size) { /* a short first read: not worth a stream */
        status = 0;
        goto done;
    }
    bool workbook = head >= 4 && (memcmp(s->buf, "PK\x03\x04", 4) == 0 ||
                                  memcmp(s->buf, "\xD0\xCF\x11\xE0", 4) == 0);
    s->enc = ENC_UTF8;
    if (workbook || (encoding_by_head(s->buf, (size_t)sb.st_size, &s->enc) &&
                     s->enc != ENC_UTF8_BOM)) {
        status = 0;
        goto done;
    }
    if (!stream_restart(s, err, errsz) || !stream_scan(s, &plain, err, errsz)) {
        status = plain ? -1 : 0;
        goto done;
    }
    if (!stream_restart(s, err, errsz))
        goto done;
    *out = s;
    return 1;
done:
    csv_stream_close(s);
    return status;
}

int csv_stream_rewind(struct csv_stream *s, char *err, size_t errsz)
{
    return stream_restart(s, err, errsz) ? 0 : -1;
}

enum text_encoding csv_stream_encoding(const struct csv_stream *s)
{
    return s->enc;
}

long csv_stream_data_rows(const struct csv_stream *s)
{
    return s->data_rows;
}
