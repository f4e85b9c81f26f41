/* The parts of an .xlsx workbook the sheet needs, read once: the sheet list (workbook.xml and
 * its relationships), the number format of each cell style (styles.xml) and the shared
 * strings. Each part is parsed in chunks like the sheet, under a size cap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/xlsx_internal.h"
#include "model/xmalloc.h"

#define MAX_SHEETS 4096
#define MAX_XF 65536

static bool parse_part(zip_t *z, const char *part, unsigned long cap, struct xml_ctx *ctx,
                       XML_StartElementHandler start, XML_EndElementHandler end,
                       XML_CharacterDataHandler text, char *err, size_t errsz)
{
    struct xml_stream s;
    if (!xml_stream_open(&s, z, part, cap, ctx, start, end, text, err, errsz))
        return false;
    int rc;
    while ((rc = xml_stream_step(&s, err, errsz)) == 1)
        ;
    xml_stream_close(&s);
    return rc == 0;
}

/* ---- workbook.xml: sheet names and relationship ids ---- */

struct wb_ctx {
    struct xml_ctx x;
    struct xlsx_book *b;
    char **rids;
};

static void wb_start(void *ud, const char *name, const char **atts)
{
    struct wb_ctx *c = ud;
    const char *el = xml_local(name);
    if (strcmp(el, "workbookPr") == 0) {
        const char *v = xml_attr(atts, "date1904");
        c->b->date1904 = v && (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0);
    } else if (strcmp(el, "sheet") == 0) {
        const char *nm = xml_attr(atts, "name"), *rid = xml_attr(atts, "id");
        if (!nm || !rid) {
            xml_fail(&c->x, "workbook.xml 的工作表缺少名称或关系编号");
            return;
        }
        if (c->b->n_sheets == MAX_SHEETS) {
            xml_fail(&c->x, "工作表超过 %d 个", MAX_SHEETS);
            return;
        }
        size_t n = c->b->n_sheets++;
        c->b->names = xreallocarray(c->b->names, n + 1, sizeof *c->b->names);
        c->rids = xreallocarray(c->rids, n + 1, sizeof *c->rids);
        c->b->names[n] = xstrdup(nm);
        c->rids[n] = xstrdup(rid);
    }
}

static void no_end(void *ud, const char *name)
{
    (void)ud, (void)name;
}

/* ---- xl/_rels/workbook.xml.rels: where each part is ---- */

struct rels_ctx {
    struct xml_ctx x;
    char **rids; /* the sheets' ids, resolved in place to zip entry names */
    size_t n_sheets;
    char *strings, *styles;
};

/* Targets are relative to xl/ unless absolute ("/xl/worksheets/sheet1.xml"). */
static char *resolve_target(const char *t)
{
    return t[0] == '/' ? xstrdup(t + 1) : xasprintf("xl/%s", t);
}

static bool ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

static void rels_start(void *ud, const char *name, const char **atts)
{
    struct rels_ctx *c = ud;
    if (strcmp(xml_local(name), "Relationship") != 0)
        return;
    const char *id = xml_attr(atts, "Id"), *target = xml_attr(atts, "Target");
    const char *type = xml_attr(atts, "Type");
    if (!id || !target || !type)
        return;
    if (ends_with(type, "/sharedStrings") && !c->strings)
        c->strings = resolve_target(target);
    else if (ends_with(type, "/styles") && !c->styles)
        c->styles = resolve_target(target);
    for (size_t i = 0; i < c->n_sheets; i++)
        if (c->rids[i] && c->rids[i][0] != '\x01' && strcmp(c->rids[i], id) == 0) {
            free(c->rids[i]);
            /* \x01 marks a resolved entry (a relationship id never starts so) */
            char *t = resolve_target(target);
            c->rids[i] = xasprintf("\x01%s", t);
            free(t);
        }
}

/* ---- styles.xml: the number format of each cell style ---- */

struct fmt_code {
    unsigned id;
    char *code;
};

struct styles_ctx {
    struct xml_ctx x;
    struct fmt_code *codes;
    size_t n_codes;
    unsigned *xf_ids;
    size_t n_xf;
    bool in_cellxfs;
};

static void styles_start(void *ud, const char *name, const char **atts)
{
    struct styles_ctx *c = ud;
    const char *el = xml_local(name);
    const char *id = xml_attr(atts, "numFmtId");
    if (strcmp(el, "cellXfs") == 0) {
        c->in_cellxfs = true;
    } else if (strcmp(el, "numFmt") == 0 && id) {
        const char *code = xml_attr(atts, "formatCode");
        if (c->n_codes == MAX_XF)
            return;
        c->codes = xreallocarray(c->codes, c->n_codes + 1, sizeof *c->codes);
        c->codes[c->n_codes++] = (struct fmt_code){(unsigned)strtoul(id, NULL, 10),
                                                   xstrdup(code ? code : "")};
    } else if (strcmp(el, "xf") == 0 && c->in_cellxfs) {
        if (c->n_xf == MAX_XF) {
            xml_fail(&c->x, "styles.xml 的单元格格式超过 %d 个", MAX_XF);
            return;
        }
        c->xf_ids = xreallocarray(c->xf_ids, c->n_xf + 1, sizeof *c->xf_ids);
        c->xf_ids[c->n_xf++] = id ? (unsigned)strtoul(id, NULL, 10) : 0;
    }
}

static void styles_end(void *ud, const char *name)
{
    struct styles_ctx *c = ud;
    if (strcmp(xml_local(name), "cellXfs") == 0)
        c->in_cellxfs = false;
}

/* What a format code shows: letters outside quotes, brackets ([Red], [$-804], but [h] is
 * elapsed time) and escapes decide. 'm' is minutes next to h or s, else months. */
static enum xlsx_fmt classify_code(const char *code)
{
    bool date = false, time = false, percent = false, month = false;
    if (strcasecmp(code, "General") == 0)
        return FMT_PLAIN;
    for (const char *p = code; *p; p++) {
        if (*p == '"') {
            const char *q = strchr(p + 1, '"');
            if (!q)
                break;
            p = q;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (!p[1])
                break;
            p++;
        } else if (*p == '[') {
            const char *q = strchr(p, ']');
            if (!q)
                break;
            time |= strspn(p + 1, "hHmMsS") == (size_t)(q - p - 1) && q > p + 1;
            p = q;
        } else if (strchr("yYdD", *p)) {
            date = true;
        } else if (strchr("hHsS", *p)) {
            time = true;
        } else if (*p == 'm' || *p == 'M') {
            month = true;
        } else if (*p == '%') {
            percent = true;
        }
    }
    date |= month && !time;
    if (date)
        return time ? FMT_DATETIME : FMT_DATE;
    if (time)
        return FMT_TIME;
    return percent ? FMT_PERCENT : FMT_PLAIN;
}

/* Built-in formats (ECMA-376 18.8.30), with the East Asian date ids Chinese Excel uses. */
static enum xlsx_fmt classify_builtin(unsigned id)
{
    if (id == 9 || id == 10)
        return FMT_PERCENT;
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
        (id >= 50 && id <= 58))
        return FMT_DATE;
    if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47) || id == 32 || id == 33)
        return FMT_TIME;
    return id == 22 ? FMT_DATETIME : FMT_PLAIN;
}

static void styles_apply(struct xlsx_book *b, const struct styles_ctx *c)
{
    b->n_xf = c->n_xf;
    b->xf = xcalloc(c->n_xf ? c->n_xf : 1, 1);
    for (size_t i = 0; i < c->n_xf; i++) {
        enum xlsx_fmt f = classify_builtin(c->xf_ids[i]);
        for (size_t j = 0; j < c->n_codes; j++)
            if (c->codes[j].id == c->xf_ids[i])
                f = classify_code(c->codes[j].code);
        b->xf[i] = (unsigned char)f;
    }
}

static bool load_styles(struct xlsx_book *b, const char *part, char *err, size_t errsz)
{
    struct styles_ctx c = {0};
    bool ok = parse_part(b->zip, part, XLSX_CAP_SMALL, &c.x, styles_start, styles_end, NULL, err,
                         errsz);
    if (ok)
        styles_apply(b, &c);
    for (size_t i = 0; i < c.n_codes; i++)
        free(c.codes[i].code);
    free(c.codes), free(c.xf_ids);
    return ok;
}

/* ---- sharedStrings.xml: one arena, offsets per string ---- */

struct sst_ctx {
    struct xml_ctx x;
    struct xlsx_book *b;
    size_t len, cap, cap_at;
    int phonetic; /* inside <rPh>: ruby text, not part of the cell */
    bool in_t;
};

static void sst_put(struct sst_ctx *c, const char *s, size_t n)
{
    if (c->len + n + 1 > c->cap) {
        c->cap = (c->len + n + 1) + (c->len + n + 1) / 2;
        c->b->strings = xrealloc(c->b->strings, c->cap);
    }
    memcpy(c->b->strings + c->len, s, n);
    c->len += n;
}

static void sst_start(void *ud, const char *name, const char **atts)
{
    (void)atts;
    struct sst_ctx *c = ud;
    const char *el = xml_local(name);
    if (strcmp(el, "si") == 0) {
        if (c->b->n_strings == c->cap_at) {
            c->cap_at = c->cap_at ? c->cap_at + c->cap_at / 2 : 1024;
            c->b->string_at = xreallocarray(c->b->string_at, c->cap_at, sizeof *c->b->string_at);
        }
        c->b->string_at[c->b->n_strings] = c->len;
    } else if (strcmp(el, "rPh") == 0) {
        c->phonetic++;
    } else if (strcmp(el, "t") == 0) {
        c->in_t = true;
    }
}

static void sst_end(void *ud, const char *name)
{
    struct sst_ctx *c = ud;
    const char *el = xml_local(name);
    if (strcmp(el, "si") == 0) {
        sst_put(c, "", 1);
        c->b->n_strings++;
    } else if (strcmp(el, "rPh") == 0) {
        c->phonetic--;
    } else if (strcmp(el, "t") == 0) {
        c->in_t = false;
    }
}

static void sst_text(void *ud, const char *s, int len)
{
    struct sst_ctx *c = ud;
    if (c->in_t && !c->phonetic && len > 0)
        sst_put(c, s, (size_t)len);
}

/* ---- the book ---- */

static bool load_sheets(struct xlsx_book *b, char *err, size_t errsz)
{
    struct wb_ctx w = {.b = b};
    if (!parse_part(b->zip, "xl/workbook.xml", XLSX_CAP_SMALL, &w.x, wb_start, no_end, NULL, err,
                    errsz)) {
        for (size_t i = 0; i < b->n_sheets; i++)
            free(w.rids[i]);
        free(w.rids);
        return false;
    }
    struct rels_ctx r = {.rids = w.rids, .n_sheets = b->n_sheets};
    bool ok = parse_part(b->zip, "xl/_rels/workbook.xml.rels", XLSX_CAP_SMALL, &r.x, rels_start,
                         no_end, NULL, err, errsz);
    b->targets = xcalloc(b->n_sheets ? b->n_sheets : 1, sizeof *b->targets);
    for (size_t i = 0; i < b->n_sheets; i++) {
        if (r.rids[i][0] == '\x01')
            b->targets[i] = xstrdup(r.rids[i] + 1);
        free(r.rids[i]);
    }
    free(r.rids);
    if (ok && b->n_sheets == 0) {
        snprintf(err, errsz, "工作簿中没有工作表");
        ok = false;
    }
    if (ok && r.styles)
        ok = load_styles(b, r.styles, err, errsz);
    if (ok && r.strings) {
        struct sst_ctx s = {.b = b};
        ok = parse_part(b->zip, r.strings, XLSX_CAP_STRINGS, &s.x, sst_start, sst_end, sst_text,
                        err, errsz);
    }
    free(r.strings), free(r.styles);
    return ok;
}

bool xlsx_book_open(struct xlsx_book *b, const char *path, char *err, size_t errsz)
{
    memset(b, 0, sizeof *b);
    int zerr = 0;
    b->zip = zip_open(path, ZIP_RDONLY, &zerr);
    if (!b->zip) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        snprintf(err, errsz, "不是有效的 .xlsx 工作簿 (ZIP 文件无法打开: %s)",
                 zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return false;
    }
    if (!load_sheets(b, err, errsz)) {
        xlsx_book_close(b);
        return false;
    }
    return true;
}

void xlsx_book_close(struct xlsx_book *b)
{
    if (b->zip)
        zip_discard(b->zip);
    for (size_t i = 0; i < b->n_sheets; i++)
        free(b->names[i]), free(b->targets ? b->targets[i] : NULL);
    free(b->names), free(b->targets), free(b->strings), free(b->string_at), free(b->xf);
    memset(b, 0, sizeof *b);
}
