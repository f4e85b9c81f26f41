/* Streaming one worksheet: expat is fed the sheet XML 64 KB at a time as rows are asked for;
 * the rows completed by a chunk wait in a small queue. Cells become the text a person typed
 * (see xlsx_read.h); a cell that cannot be read stops the sheet with its reference. */
#include "io/xlsx_read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/csv_read.h"
#include "io/field.h"
#include "io/xlsx_internal.h"
#include "model/xmalloc.h"

#define MAX_COL 16384    /* XFD */
#define MAX_ROW 1048576L /* Excel's last row */

struct xlsx_reader {
    struct xml_ctx x; /* first: the handlers' user data */
    struct xlsx_book b;
    size_t sheet;
    struct xml_stream s;
    bool finished;
    /* the row being read */
    bool in_row;
    long row;
    char **cells;
    enum xlsx_cell_type *types;
    size_t n_cells, cap_cells;
    /* the cell being read */
    bool in_cell, has_f, in_is;
    long col;
    char type[12];
    long style;
    int phonetic;
    struct xml_text text;
    /* rows completed and not yet returned */
    struct xlsx_row *queue;
    size_t q_head, q_n, q_cap;
};

bool xlsx_is_zip(const char *path)
{
    /* A pipe (import from <(...)) cannot be a zip (libzip seeks), and reading its first bytes
     * here would take them from the CSV reader. */
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return false;
    unsigned char sig[4];
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    bool zip = fread(sig, 1, 4, fp) == 4 && memcmp(sig, "PK\x03\x04", 4) == 0;
    fclose(fp);
    return zip;
}

void xlsx_cell_ref(size_t col, long row, char out[16])
{
    char letters[8];
    size_t n = 0;
    for (size_t c = col + 1; c > 0 && n < sizeof letters; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    size_t w = 0;
    while (n > 0)
        out[w++] = letters[--n];
    snprintf(out + w, 16 - w, "%ld", row);
}

/* "B7" -> column 1, row 7. */
static bool parse_ref(const char *s, long *col, long *row)
{
    long c = 0;
    size_t i = 0;
    for (; s[i] >= 'A' && s[i] <= 'Z' && i < 3; i++)
        c = c * 26 + (s[i] - 'A' + 1);
    if (i == 0 || c > MAX_COL)
        return false;
    char *end;
    long r = strtol(s + i, &end, 10);
    if (end == s + i || *end || r < 1 || r > MAX_ROW)
        return false;
    *col = c - 1, *row = r;
    return true;
}

/* ---- numbers, dates, percentages ---- */

/* Days since 1970-01-01 to a civil date (proleptic Gregorian). */
static void civil(long days, int *y, int *m, int *d)
{
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097;
    long doe = days - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Serial day numbers: 1900 system (1 = 1900-01-01, with Lotus's phantom 1900-02-29 as 60)
 * or 1904 system (0 = 1904-01-01). */
static bool render_date(const struct xlsx_book *b, double v, enum xlsx_fmt f, char out[48])
{
    if (!(v >= 0 && v < 2958466))
        return false;
    long day = (long)floor(v);
    long secs = lround((v - (double)day) * 86400.0);
    if (secs >= 86400)
        day++, secs -= 86400;
    int h = (int)(secs / 3600), mi = (int)(secs / 60 % 60), sec = (int)(secs % 60);
    if (f == FMT_TIME) {
        snprintf(out, 48, "%02d:%02d:%02d", h, mi, sec);
        return true;
    }
    int y = 1900, m = 2, d = 29; /* serial 60 does not exist: the date check refuses it */
    if (b->date1904 || day != 60)
        civil((b->date1904 ? -24107 : day < 60 ? -25568 : -25569) + day, &y, &m, &d);
    if (f == FMT_DATETIME && secs)
        snprintf(out, 48, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, h, mi, sec);
    else
        snprintf(out, 48, "%04d-%02d-%02d", y, m, d);
    return true;
}

bool xlsx_render_number(const struct xlsx_book *b, double v, enum xlsx_fmt f, char out[48])
{
    if (f == FMT_DATE || f == FMT_TIME || f == FMT_DATETIME)
        return render_date(b, v, f, out);
    if (f == FMT_PERCENT) {
        /* 0.778 shown as 77.8%: the fewest digits whose hundredth is the stored value. */
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(out, 48, "%.*g%%", prec, v * 100);
            if (!strchr(out, 'e') && strtod(out, NULL) / 100 == v)
                return true;
        }
    }
    char num[40];
    field_format_number(v, num);
    snprintf(out, 48, "%s", num);
    return true;
}

/* ---- cells and rows ---- */

static void put_cell(struct xlsx_reader *r, char *value, enum xlsx_cell_type t)
{
    size_t col = (size_t)r->col;
    if (col >= r->cap_cells) {
        size_t cap = col + 8;
        r->cells = xreallocarray(r->cells, cap, sizeof *r->cells);
        r->types = xreallocarray(r->types, cap, sizeof *r->types);
        r->cap_cells = cap;
    }
    for (; r->n_cells <= col; r->n_cells++)
        r->cells[r->n_cells] = NULL, r->types[r->n_cells] = XLSX_EMPTY;
    free(r->cells[col]);
    r->cells[col] = value;
    r->types[col] = t;
}

static const char *shared_string(struct xlsx_reader *r, const char *v)
{
    char *end;
    unsigned long i = strtoul(v, &end, 10);
    if (end == v || *end || i >= r->b.n_strings)
        return NULL;
    return r->b.strings + r->b.string_at[i];
}

static void cell_number(struct xlsx_reader *r, const char *v, const char *ref)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || !isfinite(d)) {
        xml_fail(&r->x, "%s: 数值单元格的内容「%.40s」无效 (文件已损坏)", ref, v);
        return;
    }
    enum xlsx_fmt f = r->style >= 0 && (size_t)r->style < r->b.n_xf ? r->b.xf[r->style]
                                                                     : FMT_PLAIN;
    char out[48];
    if (!xlsx_render_number(&r->b, d, f, out)) {
        xml_fail(&r->x, "%s: 日期单元格的数值 %s 不是有效的日期", ref, v);
        return;
    }
    put_cell(r, xstrdup(out), f == FMT_PLAIN || f == FMT_PERCENT ? XLSX_NUMBER : XLSX_DATE);
}

static void text_cell(struct xlsx_reader *r, const char *s)
{
    char *t = xstrdup(s);
    csv_trim(t);
    put_cell(r, t, XLSX_TEXT);
}

static void end_cell(struct xlsx_reader *r)
{
    char ref[16];
    xlsx_cell_ref((size_t)r->col, r->row, ref);
    const char *v = r->text.s ? r->text.s : "";
    const char *t = r->type;
    r->in_cell = false;
    if (strcmp(t, "s") == 0) {
        const char *s = shared_string(r, v);
        if (!s)
            xml_fail(&r->x, "%s: 共享字符串编号「%.20s」不存在 (文件已损坏)", ref, v);
        else
            text_cell(r, s);
    } else if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
        text_cell(r, v);
    } else if (strcmp(t, "b") == 0) {
        put_cell(r, xstrdup(strcmp(v, "1") == 0 ? "TRUE" : "FALSE"), XLSX_BOOL);
    } else if (strcmp(t, "e") == 0) {
        put_cell(r, xstrdup(v), XLSX_ERROR);
    } else if (strcmp(t, "d") == 0) {
        /* ISO 8601 "2025-03-05T00:00:00": the date part, as a date format would show it. */
        put_cell(r, xstrndup(v, strlen(v) >= 10 ? 10 : strlen(v)), XLSX_DATE);
    } else if (strcmp(t, "n") == 0 || t[0] == '\0') {
        if (v[0])
            cell_number(r, v, ref);
        else if (r->has_f)
            xml_fail(&r->x, "%s: 公式没有保存计算结果; 请在 Excel、WPS 或 LibreOffice 中打开, "
                            "重新计算后保存再导入", ref);
    } else {
        xml_fail(&r->x, "%s: 未知的单元格类型「%s」", ref, t);
    }
    xml_text_reset(&r->text);
}

static void drop_cells(struct xlsx_reader *r)
{
    for (size_t i = 0; i < r->n_cells; i++)
        free(r->cells[i]);
    r->n_cells = 0;
}

/* A finished row joins the queue with its missing cells as "" and trailing empties cut. */
static void end_row(struct xlsx_reader *r)
{
    r->in_row = false;
    size_t n = r->n_cells;
    while (n > 0 && (!r->cells[n - 1] || !r->cells[n - 1][0]))
        n--;
    if (n == 0) {
        drop_cells(r);
        return;
    }
    struct xlsx_row out = {r->row, n, xcalloc(n, sizeof(char *)),
                           xcalloc(n, sizeof(enum xlsx_cell_type))};
    for (size_t i = 0; i < n; i++) {
        out.cells[i] = r->cells[i] ? r->cells[i] : xstrdup("");
        out.types[i] = r->cells[i] ? r->types[i] : XLSX_EMPTY;
        r->cells[i] = NULL;
    }
    drop_cells(r);
    if (r->q_head + r->q_n == r->q_cap) {
        r->q_cap = r->q_cap ? 2 * r->q_cap : 64;
        r->queue = xreallocarray(r->queue, r->q_cap, sizeof *r->queue);
    }
    r->queue[r->q_head + r->q_n++] = out;
}

static void start_row(struct xlsx_reader *r, const char **atts)
{
    const char *a = xml_attr(atts, "r");
    long n = r->row + 1;
    if (a) {
        char *end;
        n = strtol(a, &end, 10);
        if (end == a || *end || n < 1 || n > MAX_ROW || n <= r->row) {
            xml_fail(&r->x, "第 %ld 行之后的行号「%.20s」无效 (文件已损坏)", r->row, a);
            return;
        }
    }
    r->row = n;
    r->in_row = true;
    r->col = -1;
}

static void start_cell(struct xlsx_reader *r, const char **atts)
{
    const char *ref = xml_attr(atts, "r"), *t = xml_attr(atts, "t"), *s = xml_attr(atts, "s");
    long col = r->col + 1, row = r->row;
    if (!r->in_row || (ref && !parse_ref(ref, &col, &row)) || row != r->row || col <= r->col ||
        col >= MAX_COL) {
        xml_fail(&r->x, "第 %ld 行的单元格位置「%.20s」无效 (文件已损坏)", r->row,
                 ref ? ref : "");
        return;
    }
    r->col = col;
    r->in_cell = true;
    r->has_f = r->in_is = false;
    snprintf(r->type, sizeof r->type, "%s", t ? t : "");
    r->style = s ? strtol(s, NULL, 10) : 0;
    xml_text_reset(&r->text);
}

static void on_start(void *ud, const char *name, const char **atts)
{
    struct xlsx_reader *r = ud;
    const char *el = xml_local(name);
    if (strcmp(el, "row") == 0)
        start_row(r, atts);
    else if (strcmp(el, "c") == 0)
        start_cell(r, atts);
    else if (!r->in_cell)
        return;
    else if (strcmp(el, "v") == 0)
        r->text.on = true;
    else if (strcmp(el, "f") == 0)
        r->has_f = true;
    else if (strcmp(el, "is") == 0)
        r->in_is = true;
    else if (strcmp(el, "rPh") == 0)
        r->phonetic++;
    else if (strcmp(el, "t") == 0 && r->in_is && !r->phonetic)
        r->text.on = true;
}

static void on_end(void *ud, const char *name)
{
    struct xlsx_reader *r = ud;
    const char *el = xml_local(name);
    if (strcmp(el, "row") == 0 && r->in_row)
        end_row(r);
    else if (!r->in_cell)
        return;
    else if (strcmp(el, "c") == 0)
        end_cell(r);
    else if (strcmp(el, "v") == 0 || strcmp(el, "t") == 0)
        r->text.on = false;
    else if (strcmp(el, "rPh") == 0)
        r->phonetic--;
}

static void on_text(void *ud, const char *s, int len)
{
    struct xlsx_reader *r = ud;
    if (!r->phonetic)
        xml_text_add(&r->x, &r->text, s, len);
}

/* ---- the reader ---- */

static bool pick_sheet(struct xlsx_reader *r, const char *sheet, char *err, size_t errsz)
{
    size_t i = 0;
    if (sheet) {
        while (i < r->b.n_sheets && strcmp(r->b.names[i], sheet) != 0)
            i++;
        if (i == r->b.n_sheets) {
            size_t w = (size_t)snprintf(err, errsz, "没有名为「%s」的工作表 (工作簿中有: ", sheet);
            for (size_t j = 0; j < r->b.n_sheets && w < errsz; j++)
                w += (size_t)snprintf(err + w, errsz - w, "%s%s", j ? "、" : "", r->b.names[j]);
            if (w < errsz)
                snprintf(err + w, errsz - w, ")");
            return false;
        }
    }
    r->sheet = i;
    const char *target = r->b.targets[i];
    if (!target || !strstr(target, "worksheets/")) {
        snprintf(err, errsz, "「%s」不是普通的工作表 (图表或已损坏), 请用 --sheet 选择数据所在的工作表",
                 r->b.names[i]);
        return false;
    }
    return true;
}

struct xlsx_reader *xlsx_open(const char *path, const char *sheet, char *err, size_t errsz)
{
    struct xlsx_reader *r = xcalloc(1, sizeof *r);
    err[0] = '\0';
    if (!xlsx_book_open(&r->b, path, err, errsz)) {
        free(r);
        return NULL;
    }
    if (!pick_sheet(r, sheet, err, errsz) ||
        !xml_stream_open(&r->s, r->b.zip, r->b.targets[r->sheet], XLSX_CAP_SHEET, &r->x,
                         on_start, on_end, on_text, err, errsz)) {
        xlsx_close(r);
        return NULL;
    }
    return r;
}

const char *xlsx_sheet_name(const struct xlsx_reader *r)
{
    return r->b.names[r->sheet];
}

int xlsx_next(struct xlsx_reader *r, struct xlsx_row *row, char *err, size_t errsz)
{
    memset(row, 0, sizeof *row);
    while (r->q_n == 0) {
        if (r->finished)
            return 0;
        r->q_head = 0;
        int rc = xml_stream_step(&r->s, err, errsz);
        if (rc < 0) {
            r->finished = true;
            return -1;
        }
        r->finished = rc == 0;
    }
    *row = r->queue[r->q_head++];
    r->q_n--;
    return 1;
}

void xlsx_row_free(struct xlsx_row *row)
{
    for (size_t i = 0; i < row->n; i++)
        free(row->cells[i]);
    free(row->cells);
    free(row->types);
    memset(row, 0, sizeof *row);
}

void xlsx_close(struct xlsx_reader *r)
{
    if (!r)
        return;
    xml_stream_close(&r->s);
    for (size_t i = 0; i < r->q_n; i++)
        xlsx_row_free(&r->queue[r->q_head + i]);
    free(r->queue);
    drop_cells(r);
    free(r->cells), free(r->types), free(r->text.s);
    xlsx_book_close(&r->b);
    free(r);
}
