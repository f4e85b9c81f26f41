/* The .xlsx reader's plumbing: a zip entry fed to expat in chunks with a size cap (zip
 * bombs), DOCTYPE refused (entity expansion), handler errors carried out of expat. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "io/xlsx_internal.h"
#include "model/xmalloc.h"

#define CHUNK 65536

void xml_fail(struct xml_ctx *c, const char *fmt, ...)
{
    if (c->bad)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->msg, sizeof c->msg, fmt, ap);
    va_end(ap);
    c->bad = true;
    XML_StopParser(c->p, XML_FALSE);
}

const char *xml_local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

const char *xml_attr(const char **atts, const char *local)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(xml_local(atts[i]), local) == 0)
            return atts[i + 1];
    return NULL;
}

void xml_text_add(struct xml_ctx *c, struct xml_text *t, const char *s, int len)
{
    if (!t->on || len <= 0)
        return;
    if (t->len + (size_t)len > XLSX_CAP_CELL) {
        xml_fail(c, "单元格文字超过 %lu 字节, 文件不像是正常的工作簿", XLSX_CAP_CELL);
        return;
    }
    if (t->len + (size_t)len + 1 > t->cap) {
        t->cap = (t->len + (size_t)len + 1) * 2;
        t->s = xrealloc(t->s, t->cap);
    }
    memcpy(t->s + t->len, s, (size_t)len);
    t->len += (size_t)len;
    t->s[t->len] = '\0';
}

void xml_text_reset(struct xml_text *t)
{
    t->len = 0;
    if (t->s)
        t->s[0] = '\0';
    t->on = false;
}

/* A workbook part never needs a DTD; refusing one rules out entity expansion attacks. */
static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                       const XML_Char *pubid, int has_internal)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    xml_fail(ud, "含有 DOCTYPE 声明, 不是 Excel 写出的文件");
}

bool xml_stream_open(struct xml_stream *s, zip_t *z, const char *part, unsigned long cap,
                     struct xml_ctx *ctx, XML_StartElementHandler start,
                     XML_EndElementHandler end, XML_CharacterDataHandler text, char *err,
                     size_t errsz)
{
    memset(s, 0, sizeof *s);
    s->part = part;
    s->cap = cap;
    s->ctx = ctx;
    s->zf = zip_fopen(z, part, 0);
    if (!s->zf) {
        snprintf(err, errsz, "工作簿缺少 %s (文件不完整或不是 .xlsx)", part);
        return false;
    }
    s->p = XML_ParserCreateNS(NULL, '|');
    ctx->p = s->p;
    XML_SetUserData(s->p, ctx);
    XML_SetElementHandler(s->p, start, end);
    if (text)
        XML_SetCharacterDataHandler(s->p, text);
    XML_SetStartDoctypeDeclHandler(s->p, on_doctype);
    return true;
}

static int stream_error(struct xml_stream *s, char *err, size_t errsz)
{
    if (s->ctx->bad)
        snprintf(err, errsz, "%s", s->ctx->msg);
    else
        snprintf(err, errsz, "%s 不是有效的 XML (第 %lu 行: %s)", s->part,
                 (unsigned long)XML_GetCurrentLineNumber(s->p),
                 XML_ErrorString(XML_GetErrorCode(s->p)));
    s->done = true;
    return -1;
}

int xml_stream_step(struct xml_stream *s, char *err, size_t errsz)
{
    if (s->done)
        return 0;
    char buf[CHUNK];
    zip_int64_t n = zip_fread(s->zf, buf, sizeof buf);
    if (n < 0) {
        snprintf(err, errsz, "读取 %s 失败: %s (文件已损坏)", s->part,
                 zip_file_strerror(s->zf));
        s->done = true;
        return -1;
    }
    s->total += (unsigned long)n;
    if (s->total > s->cap) {
        snprintf(err, errsz, "%s 解压后超过 %lu MB, 不像是正常的工作簿 (可能是恶意文件)",
                 s->part, s->cap / (1024 * 1024));
        s->done = true;
        return -1;
    }
    bool last = n == 0;
    if (XML_Parse(s->p, buf, (int)n, last) != XML_STATUS_OK)
        return stream_error(s, err, errsz);
    if (s->ctx->bad)
        return stream_error(s, err, errsz);
    s->done = last;
    return last ? 0 : 1;
}

void xml_stream_close(struct xml_stream *s)
{
    if (s->p)
        XML_ParserFree(s->p);
    if (s->zf)
        zip_fclose(s->zf);
    memset(s, 0, sizeof *s);
}
