/* The row source (CSV, read whole by io/csv_read.c; workbooks, streamed by io/xlsx_rows.c)
 * and the CSV cell sink. */
#include "io/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_write.h"
#include "io/xlsx_read.h"
#include "io/xlsx_rows.h"
#include "model/xmalloc.h"

struct rows {
    char *name;
    const struct rows_ops *ops;
    void *state;
    enum text_encoding enc;
    long data_rows;
    bool peeked, peek_ok; /* one row read ahead by rows_peek */
    struct rows_row peek;
    bool failed;
    char err[512];
};

/* ---- CSV: streamed (plain UTF-8), or a table read whole (other encodings, stdin) ---- */

struct csv_source {
    struct csv_stream *stream; /* else t */
    struct csv_table table;
    const struct csv_table *t; /* &table, or a borrowed one */
    bool owned;
    size_t next;
    const char *name;
};

static int csv_next(void *state, struct rows_row *out, char *err, size_t errsz)
{
    struct csv_source *c = state;
    if (c->stream) {
        struct csv_row r;
        int rc = csv_stream_next(c->stream, &r, err, errsz);
        if (rc == 1)
            *out = (struct rows_row){r.line, r.n, r.cells};
        return rc;
    }
    /* a table was read whole at open: any error was said there */
    if (c->next >= c->t->n_rows)
        return 0;
    const struct csv_row *r = &c->t->rows[c->next++];
    *out = (struct rows_row){r->line, r->n, r->cells};
    return 1;
}

static int csv_rewind(void *state, char *err, size_t errsz)
{
    struct csv_source *c = state;
    c->next = 0;
    return c->stream ? csv_stream_rewind(c->stream, err, errsz) : 0;
}

static void csv_where(const void *state, long line, const char *column, char *out, size_t outsz)
{
    const struct csv_source *c = state;
    rows_where_line(c->name, line, column, out, outsz);
}

static void csv_close(void *state)
{
    struct csv_source *c = state;
    if (c->owned)
        csv_table_free(&c->table);
    csv_stream_close(c->stream);
    free(c);
}

static const struct rows_ops csv_ops = {csv_next, csv_where, csv_close, NULL, csv_rewind};

void rows_where_line(const char *name, long line, const char *column, char *out, size_t outsz)
{
    char at[32] = "";
    if (line > 0)
        snprintf(at, sizeof at, "%ld:", line);
    if (column)
        snprintf(out, outsz, "%s:%s 列 %s: ", name, at, column);
    else
        snprintf(out, outsz, "%s:%s ", name, at);
}

struct rows *rows_new(const char *name, const struct rows_ops *ops, void *state,
                      enum text_encoding enc, long data_rows)
{
    struct rows *src = xcalloc(1, sizeof *src);
    *src = (struct rows){
        .name = xstrdup(name), .ops = ops, .state = state, .enc = enc, .data_rows = data_rows};
    return src;
}

static struct rows *csv_source(const char *name, struct csv_source *c)
{
    struct rows *src =
        c->stream ? rows_new(name, &csv_ops, c, csv_stream_encoding(c->stream),
                             csv_stream_data_rows(c->stream))
                  : rows_new(name, &csv_ops, c, c->t->encoding,
                             c->t->n_rows ? (long)c->t->n_rows - 1 : 0);
    c->name = src->name;
    return src;
}

struct rows *rows_open(const char *path, char *err, size_t errsz)
{
    return rows_open_sheet(path, NULL, err, errsz);
}

struct rows *rows_open_sheet(const char *path, const char *sheet, char *err, size_t errsz)
{
    if (xlsx_is_zip(path))
        return xlsx_rows_open(path, sheet, err, errsz);
    if (sheet) {
        snprintf(err, errsz, "%s: 不是 .xlsx 工作簿, 不能用 --sheet 选择工作表", path);
        return NULL;
    }
    struct csv_source *c = xcalloc(1, sizeof *c);
    int streamed = csv_stream_open(path, &c->stream, err, errsz);
    if (streamed < 0) {
        free(c);
        return NULL;
    }
    if (streamed > 0)
        return csv_source(path, c);
    if (!csv_read_file(path, &c->table, err, errsz)) {
        free(c);
        return NULL;
    }
    c->t = &c->table;
    c->owned = true;
    return csv_source(path, c);
}

struct rows *rows_from_table(const char *name, const struct csv_table *t)
{
    struct csv_source *c = xcalloc(1, sizeof *c);
    c->t = t;
    return csv_source(name, c);
}

static bool read_next(struct rows *src, struct rows_row *out)
{
    if (src->failed)
        return false;
    int rc = src->ops->next(src->state, out, src->err, sizeof src->err);
    src->failed = rc < 0;
    return rc > 0;
}

bool rows_next(struct rows *src, struct rows_row *out)
{
    if (!src->peeked)
        return read_next(src, out);
    src->peeked = false;
    *out = src->peek;
    return src->peek_ok;
}

bool rows_peek(struct rows *src, struct rows_row *out)
{
    if (!src->peeked) {
        src->peek_ok = read_next(src, &src->peek);
        src->peeked = true;
    }
    *out = src->peek;
    return src->peek_ok;
}

bool rows_rewind(struct rows *src)
{
    src->peeked = false;
    if (!src->ops->rewind) {
        snprintf(src->err, sizeof src->err, "%s: 不能再读一遍", src->name);
        src->failed = true;
        return false;
    }
    src->failed = src->ops->rewind(src->state, src->err, sizeof src->err) < 0;
    return !src->failed;
}

const char *rows_error(const struct rows *src)
{
    return src->failed ? src->err : NULL;
}

void rows_where(const struct rows *src, long line, const char *column, char *out, size_t outsz)
{
    src->ops->where(src->state, line, column, out, outsz);
}

const char *rows_sheet(const struct rows *src)
{
    return src->ops->sheet ? src->ops->sheet(src->state) : NULL;
}

const char *rows_name(const struct rows *src)
{
    return src->name;
}

enum text_encoding rows_encoding(const struct rows *src)
{
    return src->enc;
}

long rows_data_count(const struct rows *src)
{
    return src->data_rows;
}

void rows_close(struct rows *src)
{
    if (!src)
        return;
    src->ops->close(src->state);
    free(src->name);
    free(src);
}

/* ---- the CSV sink ---- */

static void sink_text(void *ctx, const char *s)
{
    struct csv_writer *w = ctx;
    size_t quotes = s ? strspn(s, "'") : 0;
    if (quotes > 0 && s[quotes] && strchr("=+-@", s[quotes])) {
        char *g = xasprintf("'%s", s);
        csvw_text(w, g);
        free(g);
    } else {
        csvw_text(w, s);
    }
}

static void sink_number(void *ctx, const char *s)
{
    csvw_number(ctx, s);
}

static void sink_end_row(void *ctx)
{
    csvw_end_row(ctx);
}

struct row_sink rows_csv_sink(struct csv_writer *w)
{
    return (struct row_sink){w, sink_text, sink_number, sink_end_row};
}
