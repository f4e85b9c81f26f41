/* .xlsx export through libxlsxwriter in constant-memory mode: each row goes to disk when the
 * next starts. Column widths and formats are only known at the end, and libxlsxwriter writes
 * the column list when the file is assembled, so they are set in xlsx_out_close. */
#include "io/xlsx_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "io/field.h"
#include "model/text.h"
#include "model/xmalloc.h"

#define MAX_COLS 64
#define MIN_WIDTH 6
#define MAX_WIDTH 60

struct xlsx_out {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *header, *text, *date;
    char *sheet;
    size_t max_rows; /* xlsx_sheet_rows(): cells of rows past it are only counted */
    lxw_row_t row;
    lxw_col_t col;
    int width[MAX_COLS];   /* display columns of the widest cell */
    bool is_text[MAX_COLS]; /* the column holds text: formatted @, so a code typed in stays text */
    bool is_date[MAX_COLS]; /* header ends with 日期 or 期限 */
    lxw_error failed;
};

size_t xlsx_sheet_rows(void)
{
    const char *env = getenv("KAOPING_XLSX_MAX_ROWS");
    char *end;
    unsigned long long v = env && *env ? strtoull(env, &end, 10) : 0;
    return v > 0 && v < XLSX_SHEET_ROWS && !*end ? (size_t)v : XLSX_SHEET_ROWS;
}

/* 1280001 as 1,280,001. */
static void grouped(size_t v, char out[32])
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%zu", v), o = 0;
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

bool xlsx_sheet_fits(const char *sheet, size_t rows, size_t cols, char *err, size_t errsz)
{
    size_t max_rows = xlsx_sheet_rows();
    char have[32], limit[32];
    if (rows > max_rows) {
        grouped(rows, have), grouped(max_rows, limit);
        snprintf(err, errsz, "工作表「%s」要写 %s 行 (含表头), 超过 .xlsx 工作表最多 %s 行的上限",
                 sheet, have, limit);
        return false;
    }
    if (cols > XLSX_SHEET_COLS) {
        grouped(cols, have), grouped(XLSX_SHEET_COLS, limit);
        snprintf(err, errsz, "工作表「%s」要写 %s 列, 超过 .xlsx 工作表最多 %s 列的上限", sheet,
                 have, limit);
        return false;
    }
    return true;
}

struct xlsx_out *xlsx_out_open(const char *path, const char *sheet, char *err, size_t errsz)
{
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    struct xlsx_out *w = xcalloc(1, sizeof *w);
    w->wb = workbook_new_opt(path, &opt);
    if (!w->wb) {
        snprintf(err, errsz, "%s: 无法创建 .xlsx 文件", path);
        free(w);
        return NULL;
    }
    w->ws = workbook_add_worksheet(w->wb, sheet);
    w->sheet = xstrdup(sheet);
    w->max_rows = xlsx_sheet_rows();
    w->header = workbook_add_format(w->wb);
    format_set_bold(w->header);
    format_set_num_format(w->header, "@");
    w->text = workbook_add_format(w->wb);
    format_set_num_format(w->text, "@");
    w->date = workbook_add_format(w->wb);
    format_set_num_format(w->date, "yyyy-mm-dd");
    if (!w->ws) {
        snprintf(err, errsz, "工作表名称「%s」无效", sheet);
        xlsx_out_close(w, false, err, 0);
        return NULL;
    }
    worksheet_freeze_panes(w->ws, 1, 0);
    return w;
}

static void fit(struct xlsx_out *w, int cols)
{
    if (w->col < MAX_COLS && cols > w->width[w->col])
        w->width[w->col] = cols;
}

static void note(struct xlsx_out *w, lxw_error e)
{
    if (e != LXW_NO_ERROR && w->failed == LXW_NO_ERROR)
        w->failed = e;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

/* YYYY-MM-DD exactly and a real date: import reads the date cell back as the same text. */
static bool as_date(const char *s, lxw_datetime *dt)
{
    char canon[11], why[128];
    if (strlen(s) != 10 || !field_parse_date(s, canon, why, sizeof why) || strcmp(canon, s) != 0)
        return false;
    *dt = (lxw_datetime){atoi(s), atoi(s + 5), atoi(s + 8), 0, 0, 0};
    return true;
}

void xlsx_out_text(struct xlsx_out *w, const char *s)
{
    if (w->row >= w->max_rows) {
        w->col++;
        return;
    }
    if (w->col >= MAX_COLS) {
        note(w, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
        return;
    }
    if (w->row == 0) {
        w->is_date[w->col] = s && (ends_with(s, "日期") || ends_with(s, "期限"));
        note(w, worksheet_write_string(w->ws, w->row, w->col, s ? s : "", w->header));
    } else if (s && *s) {
        lxw_datetime dt;
        if (w->is_date[w->col] && as_date(s, &dt)) {
            note(w, worksheet_write_datetime(w->ws, w->row, w->col, &dt, w->date));
        } else {
            /* Text that starts with ' and then = + - @ gets one more ', as CSV export does:
             * import removes exactly one (io/field.h, field_unguard). */
            size_t quotes = strspn(s, "'");
            char *g = quotes && s[quotes] && strchr("=+-@", s[quotes]) ? xasprintf("'%s", s) : NULL;
            note(w, worksheet_write_string(w->ws, w->row, w->col, g ? g : s, w->text));
            free(g);
            w->is_text[w->col] = true;
        }
    }
    fit(w, s ? text_width(s) : 0);
    w->col++;
}

void xlsx_out_number(struct xlsx_out *w, const char *s)
{
    char *end;
    double v = s && *s ? strtod(s, &end) : 0;
    if (!s || !*s || *end) {
        xlsx_out_text(w, s);
        return;
    }
    if (w->col < MAX_COLS && w->row < w->max_rows)
        note(w, worksheet_write_number(w->ws, w->row, w->col, v, NULL));
    fit(w, (int)strlen(s));
    w->col++;
}

void xlsx_out_end_row(struct xlsx_out *w)
{
    w->row++;
    w->col = 0;
}

static void sink_text(void *ctx, const char *s)
{
    xlsx_out_text(ctx, s);
}

static void sink_number(void *ctx, const char *s)
{
    xlsx_out_number(ctx, s);
}

static void sink_end_row(void *ctx)
{
    xlsx_out_end_row(ctx);
}

struct row_sink xlsx_out_sink(struct xlsx_out *w)
{
    return (struct row_sink){w, sink_text, sink_number, sink_end_row};
}

bool xlsx_out_close(struct xlsx_out *w, bool ok, char *err, size_t errsz)
{
    for (lxw_col_t c = 0; c < MAX_COLS && w->ws; c++) {
        if (!w->width[c])
            continue;
        int width = w->width[c] + 2;
        width = width < MIN_WIDTH ? MIN_WIDTH : width > MAX_WIDTH ? MAX_WIDTH : width;
        worksheet_set_column(w->ws, c, c, width, w->is_text[c] ? w->text : NULL);
    }
    lxw_error e = workbook_close(w->wb);
    lxw_error first = w->failed != LXW_NO_ERROR ? w->failed : e;
    bool fits = (size_t)w->row <= w->max_rows;
    if (ok && !fits && errsz)
        xlsx_sheet_fits(w->sheet, (size_t)w->row, 0, err, errsz);
    free(w->sheet);
    free(w);
    if (ok && fits && first != LXW_NO_ERROR && errsz)
        snprintf(err, errsz, "写入 .xlsx 失败: %s", lxw_strerror(first));
    return ok && fits && first == LXW_NO_ERROR;
}
