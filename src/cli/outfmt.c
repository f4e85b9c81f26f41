/* Aligned text tables and JSON strings for command output. */
#include "cli/outfmt.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/text.h"
#include "model/xmalloc.h"

bool outfmt_parse(const char *command, const char *s, enum outfmt_format *out)
{
    static const char *const names[] = {"table", "csv", "json"};
    for (int i = 0; i < 3; i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = (enum outfmt_format)i;
            return true;
        }
    }
    cli_usage_error(command, "--format 应为 table、csv 或 json: %s", s);
    return false;
}

struct outfmt_table {
    size_t ncols, nrows, cap;
    char **cells; /* nrows * ncols; row 0 is the header */
    bool *right;
    int *max_width;
    int *widest; /* per column, the widest cell so far (uncapped) */
    const char *const *heads;
};

void outfmt_table_measure(struct outfmt_table *t, const char *const *cells)
{
    for (size_t c = 0; c < t->ncols; c++) {
        int w = text_width(cells[c] ? cells[c] : "");
        if (w > t->widest[c])
            t->widest[c] = w;
    }
}

static void add_row(struct outfmt_table *t, const char *const *cells)
{
    outfmt_table_measure(t, cells);
    if (t->nrows == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 32;
        t->cells = xreallocarray(t->cells, t->cap * t->ncols, sizeof *t->cells);
    }
    for (size_t c = 0; c < t->ncols; c++)
        t->cells[t->nrows * t->ncols + c] = xstrdup(cells[c] ? cells[c] : "");
    t->nrows++;
}

struct outfmt_table *outfmt_table_new(size_t ncols, const char *const *heads)
{
    struct outfmt_table *t = xcalloc(1, sizeof *t);
    t->ncols = ncols;
    t->right = xcalloc(ncols, sizeof *t->right);
    t->max_width = xcalloc(ncols, sizeof *t->max_width);
    t->widest = xcalloc(ncols, sizeof *t->widest);
    t->heads = heads;
    add_row(t, heads);
    return t;
}

void outfmt_table_align_right(struct outfmt_table *t, size_t col)
{
    if (col < t->ncols)
        t->right[col] = true;
}

void outfmt_table_max_width(struct outfmt_table *t, size_t col, int max_width)
{
    if (col < t->ncols)
        t->max_width[col] = max_width;
}

void outfmt_table_add(struct outfmt_table *t, const char *const *cells)
{
    add_row(t, cells);
}

size_t outfmt_table_rows(const struct outfmt_table *t)
{
    return t->nrows - 1;
}

/* The cell padded to width; cut text ends in "..." so a reader knows there is more. */
static char *fit_cell(const char *text, int width, bool right)
{
    if (text_width(text) <= width || width <= 3)
        return text_pad(text, width, right);
    char *cut = xasprintf("%.*s...", (int)text_prefix_bytes(text, width - 3), text);
    char *cell = text_pad(cut, width, right);
    free(cut);
    return cell;
}

/* A column's width: its widest cell, capped at its max_width. */
static int col_width(const struct outfmt_table *t, size_t c)
{
    int w = t->widest[c];
    return t->max_width[c] > 0 && w > t->max_width[c] ? t->max_width[c] : w;
}

void outfmt_table_print_row(const struct outfmt_table *t, const char *const *cells, FILE *fp)
{
    size_t len = 0, cap = 256;
    char *line = xmalloc(cap);
    for (size_t c = 0; c < t->ncols; c++) {
        char *cell = fit_cell(cells[c] ? cells[c] : "", col_width(t, c), t->right[c]);
        size_t n = strlen(cell);
        if (len + n + 3 > cap)
            line = xrealloc(line, cap = 2 * (len + n + 3));
        if (c)
            line[len++] = ' ', line[len++] = ' ';
        memcpy(line + len, cell, n);
        len += n;
        free(cell);
    }
    while (len > 0 && line[len - 1] == ' ')
        len--;
    line[len++] = '\n';
    fwrite(line, 1, len, fp);
    free(line);
}

void outfmt_table_print_head(const struct outfmt_table *t, FILE *fp)
{
    outfmt_table_print_row(t, t->heads, fp);
}

void outfmt_table_print(const struct outfmt_table *t, FILE *fp)
{
    for (size_t r = 0; r < t->nrows; r++)
        outfmt_table_print_row(t, (const char *const *)&t->cells[r * t->ncols], fp);
}

void outfmt_table_free(struct outfmt_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t->right);
    free(t->max_width);
    free(t->widest);
    free(t);
}

void outfmt_json_string(FILE *fp, const char *s)
{
    if (!s) {
        fputs("null", fp);
        return;
    }
    fputc('"', fp);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(fp, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", fp);
        else if (*p == '\r')
            fputs("\\r", fp);
        else if (*p == '\t')
            fputs("\\t", fp);
        else if (*p < 0x20)
            fprintf(fp, "\\u%04x", *p);
        else
            fputc(*p, fp);
    }
    fputc('"', fp);
}
