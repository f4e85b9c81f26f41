/* The .xlsx row source of io/rows.h: rows streamed from io/xlsx_read, locations as the sheet
 * and cell the operator sees in the spreadsheet (工作表「台账」B7 列 单位编码). */
#include "io/xlsx_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/xlsx_read.h"
#include "model/xmalloc.h"

/* The first rows are kept: a message about a column finds the column's letter in the row
 * that holds its header (a title or blank rows may come before it). */
#define HEAD_ROWS 8

struct xlsx_source {
    struct xlsx_reader *r;
    const char *name; /* the rows' name (the path) */
    struct xlsx_row cur;                /* the row last returned */
    bool has_cur, cur_kept;             /* cur_kept: cur is one of head[] */
    struct xlsx_row head[HEAD_ROWS];
    size_t n_head;
};

/* A broken sheet's message names the file and the sheet before the reader's "B7: ...". */
static int xs_next(void *state, struct rows_row *out, char *err, size_t errsz)
{
    struct xlsx_source *s = state;
    if (s->has_cur && !s->cur_kept) /* kept rows stay for where() */
        xlsx_row_free(&s->cur);
    s->has_cur = false;
    char why[512];
    int rc = xlsx_next(s->r, &s->cur, why, sizeof why);
    if (rc < 0)
        snprintf(err, errsz, "%s: 工作表「%s」: %s", s->name, xlsx_sheet_name(s->r), why);
    if (rc != 1)
        return rc;
    s->has_cur = true;
    s->cur_kept = s->n_head < HEAD_ROWS;
    if (s->cur_kept)
        s->head[s->n_head++] = s->cur;
    *out = (struct rows_row){s->cur.row, s->cur.n, s->cur.cells};
    return 1;
}

static void xs_drop_rows(struct xlsx_source *s);

/* Column letter of the header text `column`, or -1. */
static long column_index(const struct xlsx_source *s, const char *column)
{
    for (size_t i = s->n_head; i-- > 0;)
        for (size_t c = 0; c < s->head[i].n; c++)
            if (strcmp(s->head[i].cells[c], column) == 0)
                return (long)c;
    return -1;
}

static void xs_where(const void *state, long line, const char *column, char *out, size_t outsz)
{
    const struct xlsx_source *s = state;
    const char *sheet = xlsx_sheet_name(s->r);
    long col = column ? column_index(s, column) : -1;
    char cell[16];
    if (line <= 0) {
        snprintf(out, outsz, "%s: 工作表「%s」: ", s->name, sheet);
    } else if (col >= 0) {
        xlsx_cell_ref((size_t)col, line, cell);
        snprintf(out, outsz, "%s: 工作表「%s」%s 列 %s: ", s->name, sheet, cell, column);
    } else if (column) {
        snprintf(out, outsz, "%s: 工作表「%s」第 %ld 行 列 %s: ", s->name, sheet, line, column);
    } else {
        snprintf(out, outsz, "%s: 工作表「%s」第 %ld 行: ", s->name, sheet, line);
    }
}

static void xs_close(void *state)
{
    struct xlsx_source *s = state;
    xs_drop_rows(s);
    xlsx_close(s->r);
    free(s);
}

static const char *xs_sheet(const void *state)
{
    const struct xlsx_source *s = state;
    return xlsx_sheet_name(s->r);
}

static void xs_drop_rows(struct xlsx_source *s)
{
    for (size_t i = 0; i < s->n_head; i++)
        xlsx_row_free(&s->head[i]);
    if (s->has_cur && !s->cur_kept)
        xlsx_row_free(&s->cur);
    s->n_head = 0, s->has_cur = false;
}

/* The sheet again from its first row: the reader streams, so it is opened anew. */
static int xs_rewind(void *state, char *err, size_t errsz)
{
    struct xlsx_source *s = state;
    char why[512], *sheet = xstrdup(xlsx_sheet_name(s->r));
    struct xlsx_reader *r = xlsx_open(s->name, sheet, why, sizeof why);
    free(sheet);
    if (!r) {
        snprintf(err, errsz, "%s: %s", s->name, why);
        return -1;
    }
    xs_drop_rows(s);
    xlsx_close(s->r);
    s->r = r;
    return 0;
}

static const struct rows_ops xlsx_ops = {xs_next, xs_where, xs_close, xs_sheet, xs_rewind};

struct rows *xlsx_rows_open(const char *path, const char *sheet, char *err, size_t errsz)
{
    char why[512];
    struct xlsx_reader *r = xlsx_open(path, sheet, why, sizeof why);
    if (!r) {
        snprintf(err, errsz, "%s: %s", path, why);
        return NULL;
    }
    struct xlsx_source *s = xcalloc(1, sizeof *s);
    s->r = r;
    struct rows *src = rows_new(path, &xlsx_ops, s, ENC_UTF8, -1);
    s->name = rows_name(src);
    return src;
}
