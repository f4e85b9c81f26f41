/* Encoding and checking the field pack file (docs/field.md, "Pack format"). */
#include "app/field_pack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/sha256.h"
#include "model/xmalloc.h"

static void hex(const unsigned char *d, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* A header value on one line: control characters become spaces. */
static void one_line(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20)
            *s = ' ';
}

static void digest(const char *head, size_t hn, const void *payload, size_t n, char out[65])
{
    struct sha256 c;
    unsigned char d[SHA256_LEN];
    sha256_init(&c);
    sha256_update(&c, head, hn);
    sha256_update(&c, payload, n);
    sha256_final(&c, d);
    hex(d, SHA256_LEN, out);
}

char *field_pack_encode(const struct field_header *h, const void *payload, size_t n, size_t *len)
{
    struct field_header c = *h;
    one_line(c.label), one_line(c.operators), one_line(c.checkout_at), one_line(c.created);
    char *head = xasprintf("%s\nformat: %d\nschema: %d\ncounty: %s\nlaptop: %s\nlabel: %s\n"
                           "operators: %s\ncheckout-at: %s\ncreated: %s\npayload-bytes: %zu\n",
                           FIELD_PACK_MAGIC, c.format, c.schema, c.county, c.laptop, c.label,
                           c.operators, c.checkout_at, c.created, n);
    char sum[65];
    size_t hn = strlen(head);
    digest(head, hn, payload, n, sum);
    char *out = xasprintf("%ssha256: %s\n\n", head, sum);
    size_t on = strlen(out);
    out = xrealloc(out, on + n + 1);
    if (n)
        memcpy(out + on, payload, n);
    *len = on + n;
    free(head);
    return out;
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

bool field_pack_decode(const char *name, const char *buf, size_t len, struct field_header *h,
                       const void **payload, size_t *n, char id[65], char *err, size_t errsz)
{
    memset(h, 0, sizeof *h);
    size_t magic = strlen(FIELD_PACK_MAGIC);
    if (len <= magic || memcmp(buf, FIELD_PACK_MAGIC "\n", magic + 1) != 0) {
        snprintf(err, errsz, "%s: 不是 kaoping 外业包 (应以 %s 开头)", name, FIELD_PACK_MAGIC);
        return false;
    }
    size_t pos = magic + 1, bytes = (size_t)-1, sum_at = 0;
    char sum[65] = "";
    while (pos < len && buf[pos] != '\n') {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        if (!nl || nl - (buf + pos) > 600)
            break;
        char line[640];
        snprintf(line, sizeof line, "%.*s", (int)(nl - (buf + pos)), buf + pos);
        if (strncmp(line, "sha256: ", 8) == 0)
            sum_at = pos;
        parse_line(line, h, &bytes, sum);
        pos = (size_t)(nl - buf) + 1;
    }
    if (pos >= len || buf[pos] != '\n' || !sum_at || bytes == (size_t)-1) {
        snprintf(err, errsz, "%s: 外业包的文件头不完整 (文件被截断或损坏)", name);
        return false;
    }
    pos++;
    if (h->format > FIELD_FORMAT || h->format < 1) {
        snprintf(err, errsz, "%s: 外业包格式版本 %d, 本程序只认识到 %d; 请升级 kaoping", name,
                 h->format, FIELD_FORMAT);
        return false;
    }
    if (len - pos != bytes) {
        snprintf(err, errsz, "%s: 外业包不完整: 应有 %zu 字节数据, 实有 %zu (文件被截断或改动)",
                 name, bytes, len - pos);
        return false;
    }
    digest(buf, sum_at, buf + pos, bytes, id);
    if (strcmp(id, sum) != 0) {
        snprintf(err, errsz, "%s: 外业包的校验和 (SHA-256) 不符: 文件已被改动或损坏, 拒绝合并", name);
        return false;
    }
    *payload = buf + pos;
    *n = bytes;
    return true;
}
