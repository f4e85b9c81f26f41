/* The report document: a growing list of rows per sheet. */
#include "model/report.h"

#include <stdlib.h>
#include <string.h>

#include "model/xmalloc.h"

void report_init(struct report *r, const char *office, const char *date)
{
    *r = (struct report){.office = xstrdup(office ? office : ""), .date = xstrdup(date)};
}

struct report_sheet *report_sheet_add(struct report *r, const char *name, const char *title,
                                      const char *subtitle, const char *const *columns,
                                      size_t n_columns)
{
    r->sheets = xreallocarray(r->sheets, r->n_sheets + 1, sizeof *r->sheets);
    struct report_sheet *s = &r->sheets[r->n_sheets++];
    *s = (struct report_sheet){.name = xstrdup(name),
                               .title = xstrdup(title),
                               .subtitle = xstrdup(subtitle),
                               .n_columns = n_columns};
    s->columns = xcalloc(n_columns ? n_columns : 1, sizeof *s->columns);
    for (size_t i = 0; i < n_columns; i++)
        s->columns[i] = xstrdup(columns[i]);
    return s;
}

static struct report_row *new_row(struct report *r, enum report_row_kind kind, const char *text)
{
    struct report_sheet *s = &r->sheets[r->n_sheets - 1];
    if (s->n_rows == s->cap_rows) {
        s->cap_rows = s->cap_rows ? s->cap_rows * 2 : 32;
        s->rows = xreallocarray(s->rows, s->cap_rows, sizeof *s->rows);
    }
    struct report_row *row = &s->rows[s->n_rows++];
    *row = (struct report_row){.kind = kind, .text = xstrdup(text)};
    return row;
}

void report_section(struct report *r, const char *text)
{
    new_row(r, REPORT_ROW_SECTION, text);
}

void report_note(struct report *r, const char *text)
{
    new_row(r, REPORT_ROW_NOTE, text);
}

void report_row(struct report *r)
{
    struct report_row *row = new_row(r, REPORT_ROW_DATA, NULL);
    row->cells = xcalloc(r->sheets[r->n_sheets - 1].n_columns + 1, sizeof *row->cells);
}

/* Adds cell c to the last data row; a cell beyond the columns is a caller's bug and dropped
 * (the writer lays out n_columns cells per row). */
static void add_cell(struct report *r, struct report_cell c)
{
    struct report_sheet *s = &r->sheets[r->n_sheets - 1];
    struct report_row *row = &s->rows[s->n_rows - 1];
    if (row->n_cells < s->n_columns)
        row->cells[row->n_cells++] = c;
    else
        free(c.text);
}

void report_text(struct report *r, const char *s)
{
    if (s && *s)
        add_cell(r, (struct report_cell){.kind = REPORT_TEXT, .text = xstrdup(s)});
    else
        add_cell(r, (struct report_cell){.kind = REPORT_EMPTY});
}

void report_hundredths(struct report *r, int64_t v)
{
    add_cell(r, (struct report_cell){.kind = REPORT_HUNDREDTHS, .value = v});
}

void report_int(struct report *r, int64_t v)
{
    add_cell(r, (struct report_cell){.kind = REPORT_INT, .value = v});
}

void report_empty(struct report *r)
{
    add_cell(r, (struct report_cell){.kind = REPORT_EMPTY});
}

void report_sheet_fill(struct report *r, struct report_filler f)
{
    r->sheets[r->n_sheets - 1].filler = f;
}

void report_sheet_clear_rows(struct report_sheet *s)
{
    for (size_t i = 0; i < s->n_rows; i++) {
        for (size_t j = 0; j < s->rows[i].n_cells; j++)
            free(s->rows[i].cells[j].text);
        free(s->rows[i].cells);
        free(s->rows[i].text);
    }
    s->n_cleared += s->n_rows;
    s->n_rows = 0;
}

static void free_sheet(struct report_sheet *s)
{
    report_sheet_clear_rows(s);
    if (s->filler.done)
        s->filler.done(s->filler.ctx);
    for (size_t i = 0; i < s->n_columns; i++)
        free(s->columns[i]);
    free(s->columns);
    free(s->rows);
    free(s->name), free(s->title), free(s->subtitle);
}

void report_free(struct report *r)
{
    for (size_t i = 0; i < r->n_sheets; i++)
        free_sheet(&r->sheets[i]);
    free(r->sheets);
    free(r->office), free(r->date);
    *r = (struct report){0};
}
