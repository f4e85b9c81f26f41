/* The spill of parsed import rows (row_spill.h). A record is its length (a varint) and the
 * row: line, year, unit code, derived_id, then the kind's packed values. Integers are zigzag
 * varints, numbers their 8 bytes, texts their length + 1 (0: NULL) and their bytes. Written
 * and read through one buffer with write(2)/read(2): a record is a few dozen bytes. */
#include "io/row_spill.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/tempfile.h"
#include "model/xmalloc.h"

#define SPILL_BUF (256 * 1024)

struct row_spill {
    const struct data_kind *kind;
    int fd;
    char *path;         /* for messages: the file is unlinked once made */
    unsigned char *buf; /* writing: bytes not yet written; reading: bytes read ahead */
    size_t len, cap, pos;
    bool reading;
    struct spill_rec out; /* the record being packed (owned) */
    struct spill_rec in;  /* the record being unpacked (in buf) */
    char *error;
};

/* ---- one record ---- */

static void room(struct spill_rec *w, size_t n)
{
    if (w->len + n <= w->cap)
        return;
    while (w->len + n > w->cap)
        w->cap = w->cap ? 2 * w->cap : 256;
    w->buf = xrealloc(w->buf, w->cap);
}

static void put_varint(struct spill_rec *w, uint64_t u)
{
    room(w, 10);
    while (u >= 0x80) {
        w->buf[w->len++] = (unsigned char)(u | 0x80);
        u >>= 7;
    }
    w->buf[w->len++] = (unsigned char)u;
}

static uint64_t get_varint(struct spill_rec *r)
{
    uint64_t u = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        if (r->pos >= r->len) {
            r->bad = true;
            return 0;
        }
        unsigned char b = r->buf[r->pos++];
        u |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return u;
    }
    r->bad = true;
    return 0;
}

void spill_put_int(struct spill_rec *w, long long v)
{
    put_varint(w, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63)); /* zigzag: small negatives short */
}

long long spill_get_int(struct spill_rec *r)
{
    uint64_t u = get_varint(r);
    return (long long)(u >> 1) ^ -(long long)(u & 1);
}

void spill_put_bytes(struct spill_rec *w, const void *p, size_t n)
{
    room(w, n);
    memcpy(w->buf + w->len, p, n);
    w->len += n;
}

void spill_get_bytes(struct spill_rec *r, void *p, size_t n)
{
    if (r->bad || n > r->len - r->pos) {
        r->bad = true;
        memset(p, 0, n);
        return;
    }
    memcpy(p, r->buf + r->pos, n);
    r->pos += n;
}

void spill_put_num(struct spill_rec *w, double v)
{
    spill_put_bytes(w, &v, sizeof v);
}

double spill_get_num(struct spill_rec *r)
{
    double v;
    spill_get_bytes(r, &v, sizeof v);
    return v;
}

void spill_put_text(struct spill_rec *w, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    put_varint(w, s ? n + 1 : 0);
    if (n)
        spill_put_bytes(w, s, n);
}

char *spill_get_text(struct spill_rec *r)
{
    uint64_t n = get_varint(r);
    if (n == 0 || r->bad)
        return NULL;
    if (n - 1 > r->len - r->pos) {
        r->bad = true;
        return NULL;
    }
    char *s = xmalloc(n);
    memcpy(s, r->buf + r->pos, n - 1);
    s[n - 1] = '\0';
    r->pos += n - 1;
    return s;
}

/* ---- the file ---- */

/* The reason of a failed write or read in words, with what to do about a full disk. */
static void spill_failed(struct row_spill *s, const char *what, int e)
{
    if (s->error)
        return;
    bool full = e == ENOSPC || e == EDQUOT;
    s->error = xasprintf("%s导入用的临时文件 %s 失败: %s%s%s%s", what, s->path,
                         full ? "磁盘已满 (" : "", strerror(e), full ? ")" : "",
                         full ? "; 请腾出磁盘空间 (df -h 查看各磁盘的剩余空间), 或用环境变量"
                                " TMPDIR 指定空间足够的目录后重试"
                              : "");
}

struct row_spill *row_spill_open(const struct data_kind *kind, char *err, size_t errsz)
{
    const char *dir = getenv("TMPDIR");
    char *prefix = xasprintf("%s/kaoping-import", dir && *dir ? dir : "/tmp");
    char *path;
    int fd = tempfile_unlinked(prefix, &path);
    free(prefix);
    if (fd < 0) {
        snprintf(err, errsz, "无法创建导入用的临时文件 %s: %s (可用环境变量 TMPDIR 指定另一个目录)",
                 path, strerror(errno));
        free(path);
        return NULL;
    }
    struct row_spill *s = xcalloc(1, sizeof *s);
    s->kind = kind, s->fd = fd, s->path = path;
    s->cap = SPILL_BUF;
    s->buf = xmalloc(s->cap);
    return s;
}

static bool flush(struct row_spill *s)
{
    size_t done = 0;
    while (done < s->len && !s->error) {
        ssize_t n = write(s->fd, s->buf + done, s->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            spill_failed(s, "写入", n < 0 ? errno : ENOSPC);
        else
            done += (size_t)n;
    }
    s->len = 0;
    return !s->error;
}

bool row_spill_put(struct row_spill *s, const struct import_row *r)
{
    if (s->error)
        return false;
    struct spill_rec *w = &s->out;
    w->len = 0;
    spill_put_int(w, r->line), spill_put_int(w, r->year);
    spill_put_text(w, r->unit), spill_put_int(w, r->derived_id);
    s->kind->pack(w, r);
    unsigned char head[10];
    size_t h = 0;
    for (uint64_t u = w->len; ; u >>= 7) {
        head[h++] = (unsigned char)(u < 0x80 ? u : (u | 0x80));
        if (u < 0x80)
            break;
    }
    if (s->len + h + w->len > s->cap && !flush(s))
        return false;
    if (h + w->len > s->cap) /* a record bigger than the buffer (long texts) */
        s->buf = xrealloc(s->buf, s->cap = h + w->len);
    memcpy(s->buf + s->len, head, h);
    memcpy(s->buf + s->len + h, w->buf, w->len);
    s->len += h + w->len;
    return true;
}

bool row_spill_rewind(struct row_spill *s)
{
    if (!s->reading && !flush(s))
        return false;
    if (lseek(s->fd, 0, SEEK_SET) < 0) {
        spill_failed(s, "读取", errno);
        return false;
    }
    s->reading = true;
    s->len = s->pos = 0;
    return true;
}

/* At least want bytes read ahead from pos (fewer only at the end of the file); false when the
 * file cannot be read. */
static bool fill(struct row_spill *s, size_t want)
{
    if (s->len - s->pos >= want)
        return true;
    memmove(s->buf, s->buf + s->pos, s->len - s->pos);
    s->len -= s->pos, s->pos = 0;
    if (want > s->cap)
        s->buf = xrealloc(s->buf, s->cap = want);
    while (s->len < want) {
        ssize_t n = read(s->fd, s->buf + s->len, s->cap - s->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            spill_failed(s, "读取", errno);
        if (n <= 0)
            break;
        s->len += (size_t)n;
    }
    return !s->error;
}

/* The next record's bytes into s->in; 1, 0 at the end, -1 on failure. */
static int next_record(struct row_spill *s)
{
    if (!fill(s, 10))
        return -1;
    if (s->pos == s->len)
        return 0;
    struct spill_rec head = {.buf = s->buf + s->pos, .len = s->len - s->pos};
    uint64_t n = get_varint(&head);
    if (head.bad || !fill(s, head.pos + n) || s->len - s->pos < head.pos + n) {
        spill_failed(s, "读取", EIO);
        return -1;
    }
    s->in = (struct spill_rec){.buf = s->buf + s->pos + head.pos, .len = n};
    s->pos += head.pos + n;
    return 1;
}

int row_spill_next(struct row_spill *s, struct import_row *r)
{
    memset(r, 0, sizeof *r);
    int got = next_record(s);
    if (got <= 0)
        return got;
    struct spill_rec *rd = &s->in;
    r->line = (long)spill_get_int(rd), r->year = (int)spill_get_int(rd);
    r->unit = spill_get_text(rd), r->derived_id = spill_get_int(rd) != 0;
    s->kind->unpack(rd, r);
    if (!rd->bad)
        return 1;
    import_row_free(s->kind, r);
    spill_failed(s, "读取", EIO);
    return -1;
}

const char *row_spill_error(const struct row_spill *s)
{
    return s->error;
}

void row_spill_close(struct row_spill *s)
{
    if (!s)
        return;
    close(s->fd);
    free(s->out.buf);
    free(s->buf);
    free(s->path);
    free(s->error);
    free(s);
}
