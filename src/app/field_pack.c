/* Writing and checking the field pack file (docs/field.md, "Pack format"). */
#include "app/field_pack.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/tempfile.h"
#include "model/xmalloc.h"

/* Bytes read or written at a time. */
#define PACK_CHUNK 65536

static void hex(const unsigned char *d, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void digest_hex(struct sha256 *c, char out[65])
{
    unsigned char d[SHA256_LEN];
    sha256_final(c, d);
    hex(d, SHA256_LEN, out);
}

/* A header value on one line: control characters become spaces. */
static void one_line(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20)
            *s = ' ';
}

FILE *field_pack_spill(const char *beside)
{
    char *prefix = xasprintf("%s.pack", beside);
    int fd = tempfile_unlinked(prefix, NULL);
    free(prefix);
    FILE *fp = fd >= 0 ? fdopen(fd, "w+b") : NULL;
    if (!fp && fd >= 0)
        close(fd);
    return fp;
}

int field_pack_spill_write(void *fp, const void *data, int n)
{
    return n <= 0 || fwrite(data, 1, (size_t)n, fp) == (size_t)n ? FIELD_IO_OK : FIELD_IO_ERROR;
}

/* Feeds the n bytes at the start of fp to the digest (sum) or to out (when not NULL). */
static bool copy_payload(FILE *fp, size_t n, struct sha256 *sum, FILE *out)
{
    char *buf = xmalloc(PACK_CHUNK);
    bool ok = fseek(fp, 0, SEEK_SET) == 0;
    while (ok && n > 0) {
        size_t want = n < PACK_CHUNK ? n : PACK_CHUNK;
        ok = fread(buf, 1, want, fp) == want;
        if (ok && sum)
            sha256_update(sum, buf, want);
        if (ok && out)
            ok = fwrite(buf, 1, want, out) == want;
        n -= want;
    }
    free(buf);
    return ok;
}

bool field_pack_write(FILE *out, const struct field_header *h, FILE *payload, size_t n)
{
    struct field_header c = *h;
    one_line(c.label), one_line(c.operators), one_line(c.checkout_at), one_line(c.created);
    char *head = xasprintf("%s\nformat: %d\nschema: %d\ncounty: %s\nlaptop: %s\nlabel: %s\n"
                           "operators: %s\ncheckout-at: %s\ncreated: %s\npayload-bytes: %zu\n",
                           FIELD_PACK_MAGIC, c.format, c.schema, c.county, c.laptop, c.label,
                           c.operators, c.checkout_at, c.created, n);
    struct sha256 sum;
    char hexsum[65];
    sha256_init(&sum);
    sha256_update(&sum, head, strlen(head));
    bool ok = fflush(payload) == 0 && copy_payload(payload, n, &sum, NULL);
    digest_hex(&sum, hexsum);
    ok = ok && fprintf(out, "%ssha256: %s\n\n", head, hexsum) > 0;
    ok = ok && copy_payload(payload, n, NULL, out);
    free(head);
    return ok;
}

/* The value of "key: value" in line (NUL-terminated), copied into out. */
static bool take(const char *line, const char *key, char *out, size_t outsz)
{
    size_t k = strlen(key);
    if (strncmp(line, key, k) != 0 || line[k] != ':' || line[k + 1] != ' ')
        return false;
    snprintf(out, outsz, "%s", line + k + 2);
    return true;
}

static void parse_line(const char *line, struct field_header *h, size_t *bytes, char sum[65])
{
    char num[32] = "";
    if (take(line, "format", num, sizeof num))
        h->format = atoi(num);
    else if (take(line, "schema", num, sizeof num))
        h->schema = atoi(num);
    else if (take(line, "payload-bytes", num, sizeof num))
        *bytes = (size_t)strtoull(num, NULL, 10);
    else if (!take(line, "county", h->county, sizeof h->county) &&
             !take(line, "laptop", h->laptop, sizeof h->laptop) &&
             !take(line, "label", h->label, sizeof h->label) &&
             !take(line, "operators", h->operators, sizeof h->operators) &&
             !take(line, "checkout-at", h->checkout_at, sizeof h->checkout_at) &&
             !take(line, "created", h->created, sizeof h->created))
        take(line, "sha256", sum, 65);
}

/* The header's lines, from the first len bytes of the file in buf: *pos receives where the
 * payload starts, *sum_at where the sha256: line does (0: none). */
static bool parse_head(const char *buf, size_t len, struct field_pack_in *in,
                       struct field_header *h, size_t *pos, size_t *sum_at)
{
    size_t p = strlen(FIELD_PACK_MAGIC) + 1;
    in->bytes = (size_t)-1, *sum_at = 0;
    while (p < len && buf[p] != '\n') {
        const char *nl = memchr(buf + p, '\n', len - p);
        if (!nl || nl - (buf + p) > 600)
            break;
        char line[640];
        snprintf(line, sizeof line, "%.*s", (int)(nl - (buf + p)), buf + p);
        if (strncmp(line, "sha256: ", 8) == 0)
            *sum_at = p;
        parse_line(line, h, &in->bytes, in->expect);
        p = (size_t)(nl - buf) + 1;
    }
    *pos = p + 1;
    return p < len && buf[p] == '\n' && *sum_at && in->bytes != (size_t)-1;
}

/* The header, up to this many bytes: a dozen lines of at most 600. */
#define HEAD_MAX 16384

/* Reads and checks the header and the file's size; the digest is checked by the caller. */
static bool open_head(const char *name, struct field_pack_in *in, struct field_header *h,
                      char *err, size_t errsz)
{
    char *buf = xmalloc(HEAD_MAX);
    rewind(in->fp);
    size_t len = fread(buf, 1, HEAD_MAX, in->fp), magic = strlen(FIELD_PACK_MAGIC), pos = 0,
           sum_at = 0;
    struct stat sb;
    bool ok = false;
    if (len <= magic || memcmp(buf, FIELD_PACK_MAGIC "\n", magic + 1) != 0)
        snprintf(err, errsz, "%s: 不是 kaoping 外业包 (应以 %s 开头)", name, FIELD_PACK_MAGIC);
    else if (!parse_head(buf, len, in, h, &pos, &sum_at))
        snprintf(err, errsz, "%s: 外业包的文件头不完整 (文件被截断或损坏)", name);
    else if (h->format > FIELD_FORMAT || h->format < 1)
        snprintf(err, errsz, "%s: 外业包格式版本 %d, 本程序只认识到 %d; 请升级 kaoping", name,
                 h->format, FIELD_FORMAT);
    else if (fstat(fileno(in->fp), &sb) != 0 || (size_t)sb.st_size < pos ||
             (size_t)sb.st_size - pos != in->bytes)
        snprintf(err, errsz, "%s: 外业包不完整: 应有 %zu 字节数据, 实有 %zu (文件被截断或改动)",
                 name, in->bytes, (size_t)sb.st_size >= pos ? (size_t)sb.st_size - pos : 0);
    else
        ok = true;
    if (ok) {
        in->head = xmalloc(sum_at);
        memcpy(in->head, buf, sum_at);
        in->head_len = sum_at;
        in->payload_at = (long)pos;
    }
    free(buf);
    return ok;
}

static int source_rewind(void *ctx)
{
    struct field_pack_in *in = ctx;
    in->got = 0;
    in->failed = fseek(in->fp, in->payload_at, SEEK_SET) != 0;
    sha256_init(&in->sum);
    sha256_update(&in->sum, in->head, in->head_len);
    return in->failed ? FIELD_IO_ERROR : FIELD_IO_OK;
}

static int source_read(void *ctx, void *buf, int *n)
{
    struct field_pack_in *in = ctx;
    size_t want = (size_t)*n, left = in->bytes - in->got;
    if (want > left)
        want = left;
    size_t r = want ? fread(buf, 1, want, in->fp) : 0;
    sha256_update(&in->sum, buf, r);
    in->got += r;
    *n = (int)r;
    if (r < want)
        in->failed = true;
    return r < want ? FIELD_IO_ERROR : FIELD_IO_OK;
}

static bool source_intact(void *ctx)
{
    struct field_pack_in *in = ctx;
    char hexsum[65];
    digest_hex(&in->sum, hexsum);
    return !in->failed && in->got == in->bytes && strcmp(hexsum, in->expect) == 0;
}

struct field_source field_pack_source(struct field_pack_in *in)
{
    return (struct field_source){in, source_rewind, source_read, source_intact};
}

bool field_pack_open(FILE *fp, const char *name, struct field_pack_in *in,
                     struct field_header *h, char id[65], char *err, size_t errsz)
{
    memset(in, 0, sizeof *in);
    memset(h, 0, sizeof *h);
    in->fp = fp;
    if (!open_head(name, in, h, err, errsz))
        return false;
    /* The digest, read through the same stream the merge reads. */
    char *buf = xmalloc(PACK_CHUNK);
    bool ok = source_rewind(in) == FIELD_IO_OK;
    int n = PACK_CHUNK;
    while (ok && n > 0) {
        n = PACK_CHUNK;
        ok = source_read(in, buf, &n) == FIELD_IO_OK;
    }
    free(buf);
    if (!ok) {
        snprintf(err, errsz, "%s: 无法读取外业包: %s", name, strerror(errno));
        return false;
    }
    digest_hex(&in->sum, id);
    if (strcmp(id, in->expect) == 0)
        return true;
    snprintf(err, errsz, "%s: 外业包的校验和 (SHA-256) 不符: 文件已被改动或损坏, 拒绝合并", name);
    return false;
}

void field_pack_close(struct field_pack_in *in)
{
    if (in->fp)
        fclose(in->fp);
    free(in->head);
    in->fp = NULL, in->head = NULL;
}
