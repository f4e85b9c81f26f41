/* The list widget: columns fitted with text_fit, a window of rows kept around the selection. */
#include <assert.h>
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "model/text.h"
#include "ui/app.h"
#include "ui/prompt.h"
#include "ui/table.h"

void table_init(struct table *t, const struct table_col *cols, size_t n_cols, table_cell_fn cell,
                void *ctx)
{
    memset(t, 0, sizeof *t);
    assert(n_cols <= TABLE_MAX_COLS);
    t->cols = cols;
    t->n_cols = n_cols;
    t->cell = cell;
    t->ctx = ctx;
    t->cur_col = -1;
    t->page = 10;
}

void table_set_rows(struct table *t, size_t n_rows)
{
    t->n_rows = n_rows;
    if (t->sel >= n_rows)
        t->sel = n_rows ? n_rows - 1 : 0;
    if (t->top > t->sel)
        t->top = t->sel;
}

static bool shown(const struct table *t, size_t c, int cols)
{
    return t->min_cols[c] == 0 || cols >= t->min_cols[c];
}

static bool grows(const struct table *t, size_t c)
{
    return (t->grow & TABLE_GROW(c)) || t->cols[c].width == 0;
}

/* Widest text of column c over the measured rows, its title included. */
static int need_of(struct table *t, size_t c, size_t from, size_t to)
{
    int need = text_width(t->cols[c].title);
    for (size_t r = from; r < to; r++) {
        if (t->span && t->span(t->ctx, r))
            continue;
        char buf[512] = "";
        t->cell(t->ctx, r, c, buf, sizeof buf);
        int w = text_width(buf);
        need = w > need ? w : need;
    }
    return need;
}

/* The extra columns each grow or rest column wants, and their sum. */
static long wants(struct table *t, int *want)
{
    size_t from = 0, to = t->n_rows;
    if (to > TABLE_SCAN_ROWS)
        from = t->top, to = t->top + (size_t)t->page < t->n_rows ? t->top + (size_t)t->page : t->n_rows;
    long sum = 0;
    for (size_t c = 0; c < t->n_cols; c++) {
        want[c] = 0;
        if (t->w[c] && grows(t, c)) {
            int n = need_of(t, c, from, to) - t->w[c];
            want[c] = n > 0 ? n : 0;
        }
        sum += want[c];
    }
    return sum;
}

/* Whether the rest column is the only shown column that grows: then the measuring below
 * would give it everything left whatever its rows hold (the audit log's 5,000 rows were
 * described on every draw to find that out). */
static bool lone_rest(const struct table *t, size_t rest)
{
    if (rest >= t->n_cols)
        return false;
    for (size_t c = 0; c < t->n_cols; c++)
        if (c != rest && t->w[c] && grows(t, c))
            return false;
    return true;
}

void table_layout(struct table *t, int cols)
{
    int used = -1, want[TABLE_MAX_COLS];
    size_t rest = t->n_cols;
    for (size_t c = 0; c < t->n_cols && c < TABLE_MAX_COLS; c++) {
        const struct table_col *col = &t->cols[c];
        t->w[c] = !shown(t, c, cols) ? 0 : col->width ? col->width : text_width(col->title);
        if (t->w[c])
            used += t->w[c] + 1;
        if (t->w[c] && col->width == 0)
            rest = c;
    }
    int extra = cols - used;
    if (extra <= 0)
        return;
    if (lone_rest(t, rest)) { /* it takes what is left, however long its texts are */
        t->w[rest] += extra;
        return;
    }
    long sum = wants(t, want), given = 0;
    for (size_t c = 0; c < t->n_cols; c++) {
        long g = sum <= extra ? want[c] : (long)want[c] * extra / sum;
        t->w[c] += (int)g;
        given += g;
    }
    int left = extra - (int)given;
    for (size_t c = 0; c < t->n_cols && left > 0 && sum > extra; c++)
        if (want[c] > 0) /* shared in proportion: the rounding's remainder to the first */
            t->w[c] += left, left = 0;
    if (left > 0 && rest < t->n_cols)
        t->w[rest] += left;
}

static void draw_cell(int y, int x, int w, const char *text, attr_t a, bool right)
{
    draw_text_marked(stdscr, y, x, w, text, a, right);
}

static void draw_row(struct table *t, int y, size_t row)
{
    bool selected = row == t->sel;
    int x = 0;
    if (selected) {
        attr_t a = draw_attr(ROLE_SELECT);
        mvchgat(y, 0, -1, a, PAIR_NUMBER(a), NULL);
    }
    if (t->span && t->span(t->ctx, row)) {
        char buf[512] = "";
        enum ui_role role = t->cell(t->ctx, row, 0, buf, sizeof buf);
        draw_cell(y, 0, COLS, buf, draw_attr(selected ? ROLE_SELECT : role), false);
        return;
    }
    for (size_t c = 0; c < t->n_cols && x < COLS; c++) {
        if (!t->w[c])
            continue;
        int w = t->w[c] < COLS - x ? t->w[c] : COLS - x;
        char buf[512] = "";
        enum ui_role role = t->cell(t->ctx, row, c, buf, sizeof buf);
        if (selected && (int)c == t->cur_col)
            role = ROLE_FOCUS;
        else if (selected)
            role = ROLE_SELECT;
        draw_cell(y, x, w, buf, draw_attr(role), t->cols[c].right);
        x += w + 1;
    }
}

/* The selected row whole: its text cells, and the hidden columns as "title value". */
static void default_detail(struct table *t, size_t row, char *out, size_t outsz)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t c = 0; c < t->n_cols && len + 1 < outsz; c++) {
        char buf[512] = "";
        t->cell(t->ctx, row, c, buf, sizeof buf);
        if (!buf[0] || (t->w[c] && t->cols[c].right))
            continue;
        int n = t->w[c] ? snprintf(out + len, outsz - len, "%s%s", len ? "  " : "", buf)
                        : snprintf(out + len, outsz - len, "%s%s %s", len ? "  " : "",
                                   t->cols[c].title, buf);
        len = n > 0 && (size_t)n < outsz - len ? len + (size_t)n : outsz - 1;
    }
    text_end_whole(out);
}

/* Where a detail row of `cols` columns ends when more follows: at the gap (two spaces) before
 * the value the edge would cut, when that value fits a row of its own (偏差原因: ... starts the
 * next row whole); else at the last gap past half the row; else at its last space past half
 * the row when the word after it fits the next row (排名结果's formula split 投诉查 / 处扣分);
 * else at the edge, never inside a number. */
static size_t detail_cut(const char *p, int cols)
{
    size_t n = text_prefix_whole(p, cols);
    if (!p[n] || p[n] == ' ')
        return n; /* all of it, or the row ends between two values */
    size_t gap = 0;
    for (size_t k = n; k >= 2 && !gap; k--)
        if (p[k - 1] == ' ' && p[k - 2] == ' ')
            gap = k;
    if (gap) {
        const char *end = strstr(p + gap, "  ");
        size_t len = end ? (size_t)(end - (p + gap)) : strlen(p + gap);
        if (text_prefix_bytes(p + gap, cols) >= len || gap > n / 2) /* the value fits a row */
            return gap;
    }
    for (size_t k = n; k > n / 2; k--)
        if (p[k - 1] == ' ') /* a word the next row holds whole; a longer one is cut anyway */
            return text_prefix_bytes(p + k, cols) >= strcspn(p + k, " ") ? k : n;
    return n;
}

/* The selected row's detail over at most `rows` rows from y, each ended at a gap between two
 * values when more follows; returns the rows its text takes (drawn only when draw). */
static int detail_rows(struct table *t, int y, int rows, bool draw)
{
    char text[2048] = "";
    if (t->n_rows && t->detail_text)
        t->detail_text(t->ctx, t->sel, text, sizeof text);
    else if (t->n_rows && !(t->span && t->span(t->ctx, t->sel)))
        default_detail(t, t->sel, text, sizeof text);
    const char *p = text;
    int i = 0;
    for (; i < rows && (draw || *p); i++) {
        size_t n = i + 1 < rows ? detail_cut(p, COLS - 2) : strlen(p);
        if (draw) {
            char part[2048];
            snprintf(part, sizeof part, "%.*s", (int)n, p);
            draw_cell(y + i, 1, COLS - 2, part, draw_attr(ROLE_NORMAL), false);
        }
        if (n == 0 && !draw)
            break;
        p += n;
        while (*p == ' ')
            p++;
    }
    return i;
}

/* The detail's rows: t->detail, more when its text needs them: first the rows the list leaves
 * empty (季度进度's 8 items at 80x24: a long 偏差原因 pushed 整改措施 and 处置决定 off the end),
 * then rows taken from the list, which keeps at least half of them (双监控's 100-character
 * 偏差原因 was cut with no way to read it whole). */
static int detail_height(struct table *t, int h)
{
    if (!t->detail)
        return 0;
    int spare = h - 1 - t->detail - (int)t->n_rows;
    int most = t->detail + (spare > 0 ? spare : 0);
    if (most < (h - 1) / 2)
        most = (h - 1) / 2;
    int need = detail_rows(t, 0, most, false);
    return need > t->detail ? need : t->detail;
}

void table_draw(struct table *t, int y, int h)
{
    int detail = detail_height(t, h);
    int rows = h - 1 - detail;
    if (rows >= 1)
        t->page = rows;
    table_layout(t, COLS);
    int x = 0;
    for (size_t c = 0; c < t->n_cols && x < COLS; c++) {
        if (!t->w[c])
            continue;
        int w = t->w[c] < COLS - x ? t->w[c] : COLS - x;
        draw_cell(y, x, w, t->cols[c].title, draw_attr(ROLE_HEADER), t->cols[c].right);
        x += w + 1;
    }
    if (rows < 1)
        return;
    if (t->sel < t->top)
        t->top = t->sel;
    if (t->sel >= t->top + (size_t)rows)
        t->top = t->sel - (size_t)rows + 1;
    for (int i = 0; i < rows && t->top + (size_t)i < t->n_rows; i++)
        draw_row(t, y + 1 + i, t->top + (size_t)i);
    if (t->n_rows == 0)
        draw_text(stdscr, y + 1, 1, COLS - 2, "(空)", ROLE_DIM);
    if (detail)
        detail_rows(t, y + h - detail, detail, true);
}

bool table_find(struct table *t, const char *text)
{
    if (!*text || t->n_rows == 0)
        return false;
    for (size_t k = 1; k <= t->n_rows; k++) {
        size_t row = (t->sel + k) % t->n_rows;
        for (size_t c = 0; c < t->n_cols; c++) {
            char buf[512] = "";
            t->cell(t->ctx, row, c, buf, sizeof buf);
            if (strstr(buf, text)) {
                t->sel = row;
                return true;
            }
        }
    }
    return false;
}

/* An empty text repeats the last search. */
static void search(struct table *t, const char *text)
{
    if (text[0])
        snprintf(t->search, sizeof t->search, "%s", text);
    if (!t->search[0])
        return;
    if (table_find(t, t->search))
        ui_status("找到: %s", t->search);
    else
        ui_error("没有找到: %s", t->search);
}

static void search_typed(void *arg, const char *text)
{
    search(arg, text);
}

bool table_key(struct table *t, int key)
{
    size_t page = t->page > 1 ? (size_t)t->page - 1 : 1;
    switch (key) {
    case UI_K(KEY_UP):
    case 'k':
        if (t->sel > 0)
            t->sel--;
        return true;
    case UI_K(KEY_DOWN):
    case 'j':
        if (t->sel + 1 < t->n_rows)
            t->sel++;
        return true;
    case UI_K(KEY_PPAGE):
        t->sel = t->sel > page ? t->sel - page : 0;
        return true;
    case UI_K(KEY_NPAGE):
        t->sel = t->sel + page < t->n_rows ? t->sel + page : (t->n_rows ? t->n_rows - 1 : 0);
        return true;
    case UI_K(KEY_HOME):
        t->sel = 0;
        return true;
    case UI_K(KEY_END):
        t->sel = t->n_rows ? t->n_rows - 1 : 0;
        return true;
    case '/': /* the prompt starts empty: typing replaces the last search */
        prompt_text("搜索", "查找", "", 30, search_typed, t);
        return true;
    case 'n':
        search(t, "");
        return true;
    default:
        return false;
    }
}
