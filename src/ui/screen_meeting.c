/* 会议模式: a read-only full-screen view for a projector. One pool per page (long pools over several
 * pages), each unit with its rank, a bar as long as its total and its grade, with room between the
 * rows. The bar is ASCII '#' (one column everywhere; U+2588 is ambiguous-width,
 * docs/terminal.md §3) in the grade's colour, scaled 0-100 points. Space/PgDn forward, PgUp/b back,
 * Tab/Shift-Tab or 1-9 jump to a pool, `/` finds a unit by code or name (`n` the next one, shown
 * in reverse video), q/Esc leave; every other key is ignored, so nothing typed here can change
 * data. The view is a window over the whole terminal staged after the normal draw, which hides
 * the title, status line and key bar; the search's answer is on the footer line. */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/score.h"
#include "model/text.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/prompt.h"
#include "ui/results.h"
#include "ui/screens.h"

struct meeting {
    const struct results *res; /* owned by results.c (a cache) */
    char load_err[256];
    size_t pool;    /* current pool */
    size_t start;   /* first row of the page within the pool */
    char query[64]; /* the last search */
    long found;     /* unit index of the match shown, -1 for none (set on enter) */
    char note[160]; /* the search's answer, on the footer line */
    int name_w;     /* the pool's name column: its longest "code name", within limits */
};

/* Units on a page: one text row and one blank row each, below a 2-row heading and above the
 * footer. */
static size_t per_page(void)
{
    int n = (LINES - 4) / 2;
    return n > 0 ? (size_t)n : 1;
}

static void enter(void *self, const void *arg)
{
    struct meeting *mt = self;
    (void)arg;
    mt->res = results_get(ui.st, ui.year, mt->load_err, sizeof mt->load_err);
    mt->pool = 0, mt->start = 0;
    mt->query[0] = mt->note[0] = '\0';
    mt->found = -1;
}

static void leave(void *self)
{
    struct meeting *mt = self;
    mt->res = NULL;
}

static void draw(void *self)
{
    (void)self;
    /* everything is in the overlay window */
}

static void draw_bar(struct meeting *mt, WINDOW *w, int y, int x, int width, int64_t total_c, int g)
{
    int64_t scale = 10000; /* 100 points; a total above 100 (bonus) fills the bar */
    int64_t filled = total_c <= 0 ? 0 : (total_c * width + scale / 2) / scale;
    if (filled > width)
        filled = width;
    attr_t a = draw_attr(results_grade_role(&mt->res->yd.scheme, g)) | A_BOLD;
    wattr_set(w, a, PAIR_NUMBER(a), NULL);
    for (int i = 0; i < filled; i++)
        mvwaddch(w, y, x + i, '#');
    wattr_set(w, A_NORMAL, 0, NULL);
}

/* Rank, name (cut names end with '~'), bar, total, grade and marks (数据不全 whole: 9 columns
 * hold the longest mark), and on the row below the total as the sum of its terms (the blank row
 * between units; issue 17 item 4). */
static void draw_unit(struct meeting *mt, WINDOW *w, int y, size_t u)
{
    const struct unit_score *us = &mt->res->ys.units[u];
    int name_w = mt->name_w, bar_w = COLS - 34 - name_w;
    char buf[512];
    snprintf(buf, sizeof buf, "%d", us->rank);
    draw_text_attr(w, y, 1, 4, buf, A_BOLD, true);
    char label[160];
    snprintf(label, sizeof label, "%s %s", mt->res->yd.units[u].code, mt->res->yd.units[u].name);
    draw_text_marked(w, y, 7, name_w, label, A_BOLD | ((long)u == mt->found ? A_REVERSE : 0),
                     false);
    int x = 8 + name_w;
    draw_bar(mt, w, y, x, bar_w, us->total_c, us->grade);
    x += bar_w + 1;
    draw_text_attr(w, y, x, 6, score_fmt_c(us->total_c, buf, sizeof buf), A_BOLD, true);
    draw_text_attr(w, y, x + 8, 6, grades_label(&mt->res->yd.scheme, us->grade),
                   draw_attr(results_grade_role(&mt->res->yd.scheme, us->grade)) | A_BOLD, false);
    draw_text(w, y, x + 15, COLS - x - 16, results_marks(us), ROLE_WARN_RED);
    if (y + 1 >= LINES - 1)
        return;
    results_sum_line(mt->res, u, buf, sizeof buf);
    if (text_width(buf) > COLS - 8)
        results_sum_brief(mt->res, u, buf, sizeof buf);
    draw_text_marked(w, y + 1, 7, COLS - 8, buf, draw_attr(ROLE_DIM), false);
}

/* The names take the width the pool's longest one needs, so that 五马场哈萨克族乡 is whole at
 * 80 columns; the bar keeps at least 16 columns (it is scaled to its width, the same for the
 * whole pool so that pages compare). */
static int pool_name_width(const struct meeting *mt, const struct results_pool *p)
{
    int need = 8;
    for (size_t i = 0; i < p->n; i++) {
        size_t u = mt->res->ys.order[p->first + i];
        int w = text_width(mt->res->yd.units[u].code) + 1 + text_width(mt->res->yd.units[u].name);
        need = w > need ? w : need;
    }
    int most = COLS - 34 - 16;
    return need < most ? need : most;
}

static void draw_page(struct meeting *mt, WINDOW *w)
{
    const struct results_pool *p = &mt->res->pools[mt->pool];
    mt->name_w = pool_name_width(mt, p);
    size_t pp = per_page(), pages = p->n ? (p->n + pp - 1) / pp : 1;
    char title[256], right[64];
    snprintf(title, sizeof title, "%d 年度%s  %s  (%zu 个单位)", mt->res->year,
             mt->res->stage == STAGE_HALF ? "半年初评" : "考评结果", p->name, p->n);
    snprintf(right, sizeof right, "第 %zu/%zu 组  第 %zu/%zu 页", mt->pool + 1, mt->res->n_pools,
             mt->start / pp + 1, pages);
    int rw = text_width(right);
    draw_text_attr(w, 0, 1, COLS - rw - 3, title, A_BOLD, false);
    draw_text_attr(w, 0, COLS - rw - 1, rw, right, A_BOLD, false);
    wattr_set(w, A_DIM, 0, NULL);
    mvwhline(w, 1, 0, '-', COLS);
    wattr_set(w, A_NORMAL, 0, NULL);
    for (size_t i = 0; i < pp && mt->start + i < p->n; i++)
        draw_unit(mt, w, 2 + 2 * (int)i + 1, mt->res->ys.order[p->first + mt->start + i]);
    bool last = mt->pool + 1 == mt->res->n_pools && mt->start + pp >= p->n;
    char foot[320];
    if (mt->note[0]) /* the search's answer, then only what leaves: the keys would not fit */
        snprintf(foot, sizeof foot, "%s   / 查找  q/Esc 退出", mt->note);
    else
        snprintf(foot, sizeof foot, /* 77 columns at most: fits 80 */
                 "%s  PgUp/b 上一页  Tab/1-%zu 换组  h %s  / 查找  q/Esc 退出",
                 last ? "最后一页" : "空格/PgDn 下一页", mt->res->n_pools < 9 ? mt->res->n_pools : 9,
                 mt->res->stage == STAGE_HALF ? "年终总评" : "半年初评");
    draw_text_attr(w, LINES - 1, 1, COLS - 2, foot, A_DIM, false);
}

static void stage_view(void *self)
{
    struct meeting *mt = self;
    WINDOW *w = newwin(LINES, COLS, 0, 0);
    if (!w)
        return;
    werase(w);
    if (!mt->res || mt->res->n_pools == 0)
        draw_text_attr(w, 1, 1, COLS - 2,
                       mt->res ? "本年度没有参加考核的单位 (q 退出)" : mt->load_err, A_BOLD, false);
    else
        draw_page(mt, w);
    wnoutrefresh(w);
    delwin(w);
}

/* Paging drops the search's answer from the footer (the match stays marked). */
static void forward(struct meeting *mt)
{
    mt->note[0] = '\0';
    if (!mt->res || mt->res->n_pools == 0)
        return;
    if (mt->start + per_page() < mt->res->pools[mt->pool].n)
        mt->start += per_page();
    else if (mt->pool + 1 < mt->res->n_pools)
        mt->pool++, mt->start = 0;
}

static void back(struct meeting *mt)
{
    mt->note[0] = '\0';
    if (!mt->res || mt->res->n_pools == 0)
        return;
    size_t pp = per_page();
    if (mt->start > 0) {
        mt->start = mt->start > pp ? mt->start - pp : 0;
    } else if (mt->pool > 0) {
        mt->pool--;
        size_t n = mt->res->pools[mt->pool].n;
        mt->start = n ? (n - 1) / pp * pp : 0;
    }
}

/* Whether unit u matches the search: its code or a part of its name (or code). */
static bool matches(struct meeting *mt, size_t u, const char *text)
{
    const struct unit *un = &mt->res->yd.units[u];
    return strcasecmp(un->code, text) == 0 || strstr(un->code, text) || strstr(un->name, text);
}

/* Finds the next unit (after the one shown, in page order, wrapping) matching query and turns
 * to its page. */
static void find_next(struct meeting *mt)
{
    if (!mt->res || mt->res->n_pools == 0 || !mt->query[0])
        return;
    size_t total = mt->res->ys.n_order, at = 0;
    for (size_t i = 0; mt->found >= 0 && i < total; i++)
        if ((long)mt->res->ys.order[i] == mt->found)
            at = i + 1;
    for (size_t k = 0; k < total; k++) {
        size_t i = (at + k) % total, u = mt->res->ys.order[i];
        if (!matches(mt, u, mt->query))
            continue;
        for (size_t p = 0; p < mt->res->n_pools; p++)
            if (i >= mt->res->pools[p].first && i < mt->res->pools[p].first + mt->res->pools[p].n) {
                mt->pool = p;
                mt->start = (i - mt->res->pools[p].first) / per_page() * per_page();
            }
        mt->found = (long)u;
        snprintf(mt->note, sizeof mt->note, "找到: %s %s (n 下一个)", mt->res->yd.units[u].code,
                 mt->res->yd.units[u].name);
        return;
    }
    mt->found = -1;
    snprintf(mt->note, sizeof mt->note, "没有找到: %s", mt->query);
}

static void query_typed(void *arg, const char *text)
{
    struct meeting *mt = arg;
    if (text[0])
        snprintf(mt->query, sizeof mt->query, "%s", text);
    mt->found = -1;
    find_next(mt);
}

static void jump_pool(struct meeting *mt, size_t p)
{
    mt->note[0] = '\0';
    if (!mt->res || p >= mt->res->n_pools)
        return;
    mt->pool = p;
    mt->start = 0;
}

static void on_resize(void *self)
{
    struct meeting *mt = self;
    mt->start = mt->start / per_page() * per_page();
}

/* h: the 半年初评 stage and back, from the first page of the first pool. */
static void toggle_stage(struct meeting *mt)
{
    char err[256];
    enum score_stage next = results_stage() == STAGE_HALF ? STAGE_YEAR : STAGE_HALF;
    if (!results_set_stage(ui.st, ui.year, next, err, sizeof err)) {
        snprintf(mt->note, sizeof mt->note, "%.150s", err);
        return;
    }
    mt->res = results_get(ui.st, ui.year, mt->load_err, sizeof mt->load_err);
    mt->pool = 0, mt->start = 0, mt->found = -1;
    snprintf(mt->note, sizeof mt->note, "排名依据: %s", results_stage_title());
}

/* Only paging and leaving; the rest is swallowed here so that no global or editing key
 * reaches anything that writes. */
static int on_key(void *self, int key)
{
    struct meeting *mt = self;
    switch (key) {
    case ' ':
    case UI_K(KEY_NPAGE):
    case UI_K(KEY_DOWN):
    case UI_K(KEY_RIGHT):
        forward(mt);
        return UI_HANDLED;
    case 'b':
    case UI_K(KEY_PPAGE):
    case UI_K(KEY_UP):
    case UI_K(KEY_LEFT):
        back(mt);
        return UI_HANDLED;
    case '\t':
        jump_pool(mt, mt->res && mt->pool + 1 < mt->res->n_pools ? mt->pool + 1 : 0);
        return UI_HANDLED;
    case UI_K(KEY_BTAB):
        jump_pool(mt,
                  mt->res && mt->pool > 0 ? mt->pool - 1 : (mt->res ? mt->res->n_pools - 1 : 0));
        return UI_HANDLED;
    case '/':
        prompt_text("查找单位", "代码或名称", mt->query, 20, query_typed, mt);
        return UI_HANDLED;
    case 'n':
        find_next(mt);
        return UI_HANDLED;
    case 'h':
        toggle_stage(mt);
        return UI_HANDLED;
    case 'q':
    case UI_ESC:
        return UI_UNHANDLED; /* the global back key */
    default:
        if (key >= '1' && key <= '9')
            jump_pool(mt, (size_t)(key - '1'));
        return UI_HANDLED;
    }
}

const struct ui_screen screen_meeting = {
    .name = "会议模式",
    .size = sizeof(struct meeting),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .on_resize = on_resize,
    .leave = leave,
    .overlay = stage_view,
};
