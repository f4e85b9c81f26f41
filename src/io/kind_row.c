/* The shared parts of reading and writing one row (see kind_row.h). */
#include "io/kind_row.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/field.h"
#include "model/calendar.h"
#include "model/rules.h"
#include "model/text.h"
#include "model/xmalloc.h"

const char *krow_colname(const struct rowctx *c, int col)
{
    return c->hd->names[col] ? c->hd->names[col] : c->cols[col].zh;
}

const char *krow_cell(const struct rowctx *c, int col)
{
    int i = c->hd->map[col];
    return i >= 0 && (size_t)i < c->row->n ? c->row->cells[i] : "";
}

void krow_error(struct rowctx *c, int col, const char *fmt, ...)
{
    char text[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    text_end_whole(text);
    import_error(c->probs, c->row->line, col >= 0 ? krow_colname(c, col) : NULL, "%s", text);
    c->bad = true;
}

/* Free-text columns (model/limits.h LIMIT_FREE); every other text column is a name. */
static enum limit_text text_kind(const struct rowctx *c, int col)
{
    static const char *const free_text[] = {"事由", "备注", "证据"};
    for (size_t i = 0; i < sizeof free_text / sizeof free_text[0]; i++)
        if (strcmp(c->cols[col].zh, free_text[i]) == 0)
            return LIMIT_FREE;
    return LIMIT_NAME;
}

/* Quoting a cell in a message: at most 60 bytes, cut between characters, "…" when cut. */
#define QUOTE_MAX 60
int krow_quote_len(const char *s)
{
    return (int)text_cut_bytes(s, QUOTE_MAX);
}

const char *krow_quote_more(const char *s)
{
    return s[text_cut_bytes(s, QUOTE_MAX)] ? "…" : "";
}

/* A text cell within its kind's length and characters (model/limits.h). */
static char *text_checked(struct rowctx *c, int col, enum limit_text kind)
{
    const char *s = field_unguard(krow_cell(c, col));
    char why[256];
    if (!*s)
        return NULL;
    if (!limits_check_text(kind, s, why, sizeof why)) {
        krow_error(c, col, "「%.*s%s」%s", krow_quote_len(s), s, krow_quote_more(s), why);
        return NULL;
    }
    return xstrdup(s);
}

char *krow_text_opt(struct rowctx *c, int col)
{
    if (!*krow_cell(c, col)) /* the usual optional cell: nothing to check */
        return NULL;
    return text_checked(c, col, text_kind(c, col));
}

static char *text_req_kind(struct rowctx *c, int col, enum limit_text kind)
{
    char *s = text_checked(c, col, kind);
    if (!s && !*field_unguard(krow_cell(c, col)))
        krow_error(c, col, "不能为空");
    return s;
}

char *krow_text_req(struct rowctx *c, int col)
{
    return text_req_kind(c, col, text_kind(c, col));
}

/* Codes are keys: short, one line, no space (model/rules.h rules_code_valid, which the forms
 * ask too). */
/* A code of visible ASCII without a leading ' (most codes): what the checks below accept
 * without a word, found in one pass. */
static bool plain_code(const char *s)
{
    size_t n = 0;
    if (*s == '\'')
        return false;
    for (; s[n]; n++)
        if ((unsigned char)s[n] <= ' ' || (unsigned char)s[n] >= 0x7F)
            return false;
    return n > 0 && n <= LIMIT_CODE_BYTES;
}

char *krow_code(struct rowctx *c, int col, bool required)
{
    if (plain_code(krow_cell(c, col)))
        return xstrdup(krow_cell(c, col));
    char *s = required ? text_req_kind(c, col, LIMIT_CODE) : text_checked(c, col, LIMIT_CODE);
    char why[160];
    if (s && !rules_code_valid(s, why, sizeof why)) {
        krow_error(c, col, "「%.*s%s」%s", krow_quote_len(s), s, krow_quote_more(s), why);
        free(s);
        return NULL;
    }
    return s;
}

static bool in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

/* What operators type for "no value" in a number cell (一 is not among them: it is a digit in
 * Chinese writing, and ambiguous). */
static bool is_placeholder(const char *s)
{
    if ((*s >= '0' && *s <= '9') || !*s) /* a number or nothing: most cells */
        return false;
    static const char *const dashes[] = {"-", "--", "—",  "——", "－", "－－",
                                         "–", "/",  "／", "―",  "――"};
    return in_list(s, dashes, sizeof dashes / sizeof dashes[0]);
}

/* A number cell: a placeholder dash counts as empty. */
const char *krow_num_cell(const struct rowctx *c, int col)
{
    const char *s = krow_cell(c, col);
    return is_placeholder(s) ? "" : s;
}

/* Returns false when absent (and not required) or invalid; errors reported. */
bool krow_number(struct rowctx *c, int col, bool required, enum limit_num r, double *out)
{
    const char *s = krow_num_cell(c, col);
    char why[512];
    if (!*s) {
        if (required)
            krow_error(c, col, "%s",
                       *krow_cell(c, col) ? "不能为空 (这一列必须填写数值, 不能用「—」)"
                                          : "不能为空");
        return false;
    }
    if (!field_parse_number(s, limits_range(r)->percent, out, why, sizeof why)) {
        krow_error(c, col, "%s", why);
        return false;
    }
    if (!limits_check_number(r, *out, why, sizeof why)) {
        krow_error(c, col, "「%.*s%s」%s", krow_quote_len(s), s, krow_quote_more(s), why);
        return false;
    }
    if (!strchr(s, '%') && !strstr(s, "％") && limits_fraction_suspect(r, *out)) {
        krow_error(c, col,
                   "「%.*s%s」" LIMIT_FRACTION_HINT " (表格中显示为 %g%%): 请填写 %g 或 %g%%; "
                   "如确实只有 %s%%, 请写成 %s%%",
                   krow_quote_len(s), s, krow_quote_more(s), *out * 100, *out * 100, *out * 100,
                   s, s);
        return false;
    }
    return true;
}

int krow_year(struct rowctx *c, int col)
{
    int y = 0;
    char why[512];
    const char *s = krow_cell(c, col);
    if (!*s)
        krow_error(c, col, "不能为空");
    else if (!field_parse_int(s, KP_YEAR_MIN, KP_YEAR_MAX, &y, why, sizeof why))
        krow_error(c, col, "%s", why);
    return y;
}

/* The English words of a vocabulary in any case ("Ratio": spreadsheets capitalise a cell's
 * first letter); a copy that does not fit is left as it is (it matches nothing anyway). */
const char *krow_lower(const char *s, char *buf, size_t bufsz)
{
    size_t n = strlen(s);
    if (n >= bufsz)
        return s;
    for (size_t i = 0; i <= n; i++)
        buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
    return buf;
}

static void join(const char *const *list, size_t n, char *out, size_t outsz)
{
    size_t w = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && w < outsz; i++)
        w += (size_t)snprintf(out + w, outsz - w, "%s%s", i ? "、" : "", list[i]);
}

void krow_vocab(struct rowctx *c, int col, const char *v, const char *const *list, size_t n,
                const char *what)
{
    char all[512];
    if (v && !in_list(v, list, n)) {
        join(list, n, all, sizeof all);
        krow_error(c, col, "「%s」不是%s, 应为: %s", v, what, all);
    }
}

void krow_put_text(const struct row_sink *out, const char *s)
{
    out->text(out->ctx, s);
}

void krow_put_num(const struct row_sink *out, double v)
{
    char buf[40];
    field_format_number(v, buf);
    out->number(out->ctx, buf);
}

void krow_put_num_opt(const struct row_sink *out, bool present, double v)
{
    if (present)
        krow_put_num(out, v);
    else
        out->number(out->ctx, "");
}

/* By hand: snprintf's "%d" was 13 % of a province's progress export (bench/README.md). */
void krow_put_int(const struct row_sink *out, int v)
{
    char buf[16], *p = buf + sizeof buf;
    unsigned long long m = v < 0 ? -(long long)v : v;
    *--p = '\0';
    do
        *--p = (char)('0' + m % 10);
    while ((m /= 10) > 0);
    if (v < 0)
        *--p = '-';
    out->number(out->ctx, p);
}
