/* Reports through libxlsxwriter in constant-memory mode: each row goes to disk when the next
 * starts, so a sheet filled while it is written (model/report.h report_filler: a province's
 * warnings) never sits in memory. Rows are therefore written strictly in order, row options
 * before the row's cells; merged cells span one row only, which that mode allows. Column
 * widths are set at the sheet's end (libxlsxwriter writes them when it assembles the file).
 * Layout of each sheet: row 1 the title, row 2 the subtitle, row 3 the column headers (the
 * print title rows), then the report's rows. */
#include "io/xlsx_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "io/xlsx_write.h"
#include "model/text.h"
#include "model/xmalloc.h"

#define HEADER_ROW 2 /* 0-based: title, subtitle, headers */
#define PAPER_A4 9
#define MIN_WIDTH 6
#define MAX_WIDTH 40

struct formats {
    lxw_format *title, *subtitle, *header, *section, *note, *text, *hundredths, *integer;
};

struct writer {
    lxw_workbook *wb;
    struct formats f;
    lxw_error failed;
    /* the sheet being written */
    lxw_worksheet *ws;
    struct report_sheet *s;
    lxw_row_t row;      /* the next row */
    size_t rows;        /* rows of the sheet so far, those past the limit too */
    size_t max_rows;    /* xlsx_sheet_rows() */
    int *width;         /* display columns of each column's widest cell */
};

static void note_error(struct writer *w, lxw_error e)
{
    if (e != LXW_NO_ERROR && w->failed == LXW_NO_ERROR)
        w->failed = e;
}

static lxw_format *bordered(lxw_workbook *wb, const char *num_format)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (num_format)
        format_set_num_format(f, num_format);
    return f;
}

static void make_formats(lxw_workbook *wb, struct formats *f)
{
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 16);
    format_set_align(f->title, LXW_ALIGN_CENTER);
    format_set_align(f->title, LXW_ALIGN_VERTICAL_CENTER);
    f->subtitle = workbook_add_format(wb);
    format_set_align(f->subtitle, LXW_ALIGN_CENTER);
    f->header = bordered(wb, "@");
    format_set_bold(f->header);
    format_set_align(f->header, LXW_ALIGN_CENTER);
    format_set_text_wrap(f->header);
    format_set_bg_color(f->header, 0xD9D9D9);
    f->section = workbook_add_format(wb);
    format_set_bold(f->section);
    format_set_font_size(f->section, 12);
    f->note = workbook_add_format(wb);
    f->text = bordered(wb, "@");
    f->hundredths = bordered(wb, "0.00");
    f->integer = bordered(wb, "0");
}

/* A line of text across the sheet's columns (a single column cannot be merged). */
static void across(struct writer *w, lxw_worksheet *ws, lxw_row_t row, size_t n_cols,
                   const char *text, lxw_format *f)
{
    if (n_cols > 1)
        note_error(w, worksheet_merge_range(ws, row, 0, row, (lxw_col_t)(n_cols - 1), text, f));
    else
        note_error(w, worksheet_write_string(ws, row, 0, text, f));
}

static void write_cell(struct writer *w, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const struct report_cell *c)
{
    switch (c->kind) {
    case REPORT_TEXT:
        note_error(w, worksheet_write_string(ws, row, col, c->text, w->f.text));
        break;
    case REPORT_HUNDREDTHS:
        note_error(w, worksheet_write_number(ws, row, col, (double)c->value / 100.0,
                                             w->f.hundredths));
        break;
    case REPORT_INT:
        note_error(w, worksheet_write_number(ws, row, col, (double)c->value, w->f.integer));
        break;
    case REPORT_EMPTY:
        note_error(w, worksheet_write_blank(ws, row, col, w->f.text));
        break;
    }
}

/* Display columns of a cell as printed ("89.31": 5). */
static int cell_width(const struct report_cell *c)
{
    char buf[32];
    if (c->kind == REPORT_TEXT)
        return text_width(c->text);
    if (c->kind == REPORT_HUNDREDTHS)
        return snprintf(buf, sizeof buf, "%.2f", (double)c->value / 100.0);
    if (c->kind == REPORT_INT)
        return snprintf(buf, sizeof buf, "%lld", (long long)c->value);
    return 0;
}

/* The widest space-separated part of a header: its cell wraps at the spaces ("完成滞后
 * (百分点)" on two lines), so that part must fit. */
static int header_width(const char *h)
{
    int widest = 0;
    char part[256];
    for (const char *p = h; *p;) {
        size_t n = strcspn(p, " ");
        snprintf(part, sizeof part, "%.*s", (int)n, p);
        int w = text_width(part);
        widest = w > widest ? w : widest;
        p += n + (p[n] == ' ');
    }
    return widest;
}

/* The headers' widths: a short header on one line (LibreOffice breaks CJK text anywhere, not
 * at the space); a long one wraps at its spaces. */
static void header_widths(struct writer *w, const struct report_sheet *s)
{
    w->width = xcalloc(s->n_columns ? s->n_columns : 1, sizeof *w->width);
    for (size_t c = 0; c < s->n_columns; c++) {
        int whole = text_width(s->columns[c]);
        w->width[c] = whole <= 24 ? whole : header_width(s->columns[c]);
    }
}

/* Columns as wide as their widest cell (a Chinese character is two), the header included. */
static void set_widths(struct writer *w, const struct report_sheet *s)
{
    for (size_t c = 0; c < s->n_columns; c++) {
        int width = w->width[c] + 4; /* bold CJK headers print wider than the width units count */
        width = width < MIN_WIDTH ? MIN_WIDTH : width > MAX_WIDTH ? MAX_WIDTH : width;
        worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c, width, NULL);
    }
    free(w->width);
    w->width = NULL;
}

/* "&" starts a code in a header or footer: a literal one is written twice. */
static char *footer_text(const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p; p++)
        n += *p == '&' ? 2 : 1;
    char *out = xcalloc(n + 1, 1), *q = out;
    for (const char *p = s; *p; p++) {
        *q++ = *p;
        if (*p == '&')
            *q++ = '&';
    }
    return out;
}

static void page_setup(struct writer *w, lxw_worksheet *ws, const struct report *r)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, PAPER_A4);
    worksheet_fit_to_pages(ws, 1, 0); /* one page wide, as many pages tall as it takes */
    worksheet_center_horizontally(ws);
    note_error(w, worksheet_repeat_rows(ws, HEADER_ROW, HEADER_ROW));
    worksheet_freeze_panes(ws, HEADER_ROW + 1, 0);
    char *office = footer_text(r->office && *r->office ? r->office : "");
    char *date = footer_text(r->date ? r->date : "");
    char *footer = xasprintf("&L制表单位: %s&C第 &P 页, 共 &N 页&R制表日期: %s", office, date);
    note_error(w, worksheet_set_footer(ws, footer));
    free(footer), free(date), free(office);
}

/* The sheet's rows so far, after those written before; rows past the sheet's limit are only
 * counted (xlsx_report_write then fails with the limit's message). */
static void put_rows(struct writer *w, const struct report_sheet *s)
{
    for (size_t i = 0; i < s->n_rows; i++, w->rows++) {
        const struct report_row *rr = &s->rows[i];
        if (w->rows >= w->max_rows)
            continue;
        if (rr->kind == REPORT_ROW_SECTION)
            across(w, w->ws, w->row, s->n_columns, rr->text, w->f.section);
        else if (rr->kind == REPORT_ROW_NOTE)
            across(w, w->ws, w->row, s->n_columns, rr->text, w->f.note);
        for (size_t c = 0; rr->kind == REPORT_ROW_DATA && c < s->n_columns; c++) {
            static const struct report_cell empty = {.kind = REPORT_EMPTY};
            const struct report_cell *cell = c < rr->n_cells ? &rr->cells[c] : &empty;
            write_cell(w, w->ws, w->row, (lxw_col_t)c, cell);
            if (cell_width(cell) > w->width[c])
                w->width[c] = cell_width(cell);
        }
        w->row++;
    }
}

/* report_flush_fn: what the filler added so far goes to disk. */
static void flush_rows(void *wctx, struct report *r)
{
    struct writer *w = wctx;
    (void)r;
    put_rows(w, w->s);
    report_sheet_clear_rows(w->s);
}

/* Writes the sheet (filling it first when it has a filler); false with err when the filler
 * failed or the sheet passed the limit. */
static bool write_sheet(struct writer *w, struct report *r, struct report_sheet *s, char *err,
                        size_t errsz)
{
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, s->name);
    if (!ws) {
        note_error(w, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return true;
    }
    *w = (struct writer){.wb = w->wb, .f = w->f, .failed = w->failed, .ws = ws, .s = s,
                         .row = HEADER_ROW + 1, .rows = HEADER_ROW + 1,
                         .max_rows = xlsx_sheet_rows()};
    page_setup(w, ws, r);
    worksheet_set_row(ws, 0, 30, NULL);
    across(w, ws, 0, s->n_columns, s->title, w->f.title);
    across(w, ws, 1, s->n_columns, s->subtitle ? s->subtitle : "", w->f.subtitle);
    worksheet_set_row(ws, HEADER_ROW, 30, NULL); /* two lines: the headers wrap */
    for (size_t c = 0; c < s->n_columns; c++)
        note_error(w, worksheet_write_string(ws, HEADER_ROW, (lxw_col_t)c, s->columns[c],
                                             w->f.header));
    header_widths(w, s);
    put_rows(w, s);
    bool ok = true;
    if (s->filler.fill) {
        report_sheet_clear_rows(s);
        ok = s->filler.fill(s->filler.ctx, r, flush_rows, w, err, errsz) == 0;
        flush_rows(w, r);
    }
    set_widths(w, s);
    return ok && xlsx_sheet_fits(s->name, w->rows, s->n_columns, err, errsz);
}

bool xlsx_report_write(struct report *r, const char *path, char *err, size_t errsz)
{
    for (size_t i = 0; i < r->n_sheets; i++) /* refused before the file is created */
        if (!xlsx_sheet_fits(r->sheets[i].name, HEADER_ROW + 1 + r->sheets[i].n_rows,
                             r->sheets[i].n_columns, err, errsz))
            return false;
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    struct writer w = {.wb = workbook_new_opt(path, &opt)};
    if (!w.wb) {
        snprintf(err, errsz, "%s: 无法创建 .xlsx 文件", path);
        return false;
    }
    make_formats(w.wb, &w.f);
    bool ok = true;
    for (size_t i = 0; ok && i < r->n_sheets; i++)
        ok = write_sheet(&w, r, &r->sheets[i], err, errsz);
    lxw_error e = workbook_close(w.wb);
    lxw_error first = w.failed != LXW_NO_ERROR ? w.failed : e;
    if (ok && first != LXW_NO_ERROR)
        snprintf(err, errsz, "写入 .xlsx 失败: %s", lxw_strerror(first));
    return ok && first == LXW_NO_ERROR;
}
