/* The streamed CSV reader (csv_read.h, csv_stream_open): plain UTF-8 files read a record at a
 * time through a growing buffer, so a file of any size is read in little memory. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/csv_internal.h"
#include "io/infile.h"
#include "model/text.h"
#include "model/xmalloc.h"

#define STREAM_CHUNK ((size_t)1 << 20)

struct csv_stream {
    int fd;
    const char *name; /* for messages: the path */
    char *buf;        /* bytes read and not yet dropped: buf[start..end) unread */
    size_t cap, start, end;
    bool eof, finished, started;
    long line; /* where the next record starts */
    struct csv_parser p;
    struct csv_reader r;
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
            *rec_end = csv_record_scan(s->buf, s->end, s->start, &complete);
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
    csv_reader_free(&s->r);
    s->r = (struct csv_reader){.counting = s->r.counting};
    s->start = s->end = 0, s->eof = s->finished = false, s->line = 1;
    if (!csv_parser_init(&s->p, err, errsz))
        return false;
    s->started = true;
    if (lseek(s->fd, 0, SEEK_SET) != 0 || !stream_fill(s))
        return csv_fail(err, errsz, "%s: 无法读取: %s", s->name, strerror(errno));
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
        csv_reader_drop_row(&s->r);
    char inner[512];
    while (!s->r.has_cur && !s->finished) {
        size_t e = 0;
        int rc = stream_record(s, &e);
        if (rc < 0)
            return csv_fail(err, errsz, "%s: 无法读取: %s", s->name, strerror(errno)), -1;
        if (rc == 0) {
            s->finished = true;
            if (!csv_parse_finish(&s->p, &s->r, inner, sizeof inner))
                return csv_fail(err, errsz, "%s:%s", s->name, inner), -1;
            continue;
        }
        if (!clean_utf8(s->buf + s->start, e - s->start)) /* changed since it was opened */
            return csv_fail(err, errsz, "%s:%ld: 文件在导入过程中被改动了, 请等它保存完再导入",
                        s->name, s->line), -1;
        if (!csv_parse_record(&s->p, s->buf + s->start, e - s->start, &s->line, &s->r, inner,
                          sizeof inner))
            return csv_fail(err, errsz, "%s:%s", s->name, inner), -1;
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
            return csv_fail(err, errsz, "%s: 无法读取: %s", s->name, strerror(errno));
        if (rc == 0)
            break;
        const char *rec = s->buf + s->start, *what;
        if (!clean_utf8(rec, e - s->start))
            return *plain = false;
        if (sep == 0 && (sep = csv_record_separator(rec, e - s->start, &what)) < 0) {
            snprintf(perr, sizeof perr, CSV_SEPARATOR_ERROR, sep_line, what);
            parsing = false; /* it comes first, as in csv_read_buffer */
        }
        if (sep == 0) /* only the line of a first record without commas is told */
            sep_line += csv_line_of(rec, e - s->start) - 1;
        if (parsing && !csv_parse_record(&s->p, rec, e - s->start, &s->line, &s->r, perr, sizeof perr))
            parsing = false;
        s->start = e;
    }
    if (parsing && !csv_parse_finish(&s->p, &s->r, perr, sizeof perr))
        parsing = false;
    s->r.counting = false;
    if (!parsing)
        return csv_fail(err, errsz, "%s:%s", s->name, perr);
    s->data_rows = s->r.n_rows ? s->r.n_rows - 1 : 0;
    return true;
}

void csv_stream_close(struct csv_stream *s)
{
    if (!s)
        return;
    if (s->started)
        csv_free(&s->p);
    csv_reader_free(&s->r);
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
        csv_fail(err, errsz, "%s: 无法读取: %s", path, strerror(errno));
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
