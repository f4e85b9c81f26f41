/* Picks a unit (and for progress a quarter) before the per-unit screens. The extra columns
 * depend on the purpose: item counts, the quarter's reporting, or ledger sums against caps. */
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <wchar.h>

#include "db/load.h"
#include "db/load_counts.h"
#include "db/load_monitor.h"
#include "model/rules.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/rectify_form.h"
#include "ui/screens.h"
#include "ui/table.h"

/* A unit's counts, read when its row is first shown (db/load_counts.h): a province's picker
 * reads the units on screen, not the year's 80,000 items. */
struct row {
    bool counted;
    struct unit_counts c;
};

struct pick {
    struct ui_pick_request req;
    struct year_data yd; /* the header: units, scheme */
    bool loaded;
    struct row *rows;
    struct table table;
    char typed[64];   /* type-ahead: what was typed, the last key at most a second ago */
    double typed_at;  /* seconds (CLOCK_MONOTONIC) of that key */
};

static const struct unit_counts *counts(struct pick *p, size_t r)
{
    struct row *w = &p->rows[r];
    if (!w->counted) {
        int quarter = p->req.purpose == PICK_PROGRESS ? ui.quarter : 0;
        if (store_unit_counts(ui.st, ui.year, p->yd.units[r].code, quarter,
                              p->req.purpose == PICK_LEDGER, &w->c) != STORE_OK)
            ui_error("读取单位 %s 失败: %s", p->yd.units[r].code, store_errmsg(ui.st));
        w->counted = true; /* an error is shown once, with the row's counts as zeros */
    }
    return &w->c;
}

/* The ledger column's sum of a type: vetoes count one each. */
static double ledger_sum(const struct unit_counts *c, enum kp_ledger_type t)
{
    return t == LEDGER_VETO ? (double)c->n_ledger[t] : c->ledger_points[t];
}

static void fmt_capped(char *buf, size_t sz, double sum, double cap)
{
    if (rules_over_cap(sum, cap))
        snprintf(buf, sz, "%.2f/%.0f 超%.2f", sum, cap, sum - cap);
    else if (sum > 0)
        snprintf(buf, sz, "%.2f/%.0f", sum, cap);
}

static enum ui_role cell(void *ctx, size_t r, size_t col, char *buf, size_t sz)
{
    struct pick *p = ctx;
    const struct year_data *yd = &p->yd;
    const struct unit *u = &yd->units[r];
    if (col <= 2) { /* the header's columns: no counts read for them (a search, a layout) */
        snprintf(buf, sz, "%s", col == 0 ? u->code : col == 1 ? u->name : u->pool);
        return ROLE_NORMAL;
    }
    const struct unit_counts *w = counts(p, r);
    if (p->req.purpose == PICK_TARGETS) {
        if (col == 3)
            snprintf(buf, sz, "%zu", w->items);
        else if (w->items)
            snprintf(buf, sz, "%.2f", w->points);
    } else if (p->req.purpose == PICK_PROGRESS) {
        if (col == 3 && w->items) {
            snprintf(buf, sz, "%zu/%zu%s", w->reported, w->items,
                     w->reported < w->items ? " 未齐" : "");
            return w->reported < w->items ? ROLE_WARN_YELLOW : ROLE_OK;
        }
    } else if (col == 5) {
        bool vetoed = ledger_sum(w, LEDGER_VETO) > 0.5;
        snprintf(buf, sz, "%s", vetoed ? "否决" : "");
        return vetoed ? ROLE_WARN_RED : ROLE_NORMAL;
    } else {
        double cap = col == 3 ? yd->scheme.inspection_cap : yd->scheme.complaint_cap;
        double sum = ledger_sum(w, col == 3 ? LEDGER_INSPECTION : LEDGER_COMPLAINT);
        fmt_capped(buf, sz, sum, cap);
        if (rules_over_cap(sum, cap))
            return ROLE_WARN_RED;
    }
    return ROLE_NORMAL;
}

static const struct table_col cols_targets[] = {
    {"编码", 6, false},  {"单位名称", 28, false}, {"分组", 10, false},
    {"条目数", 6, true}, {"分值合计", 8, true},
};
static const struct table_col cols_progress[] = {
    {"编码", 6, false},
    {"单位名称", 28, false},
    {"分组", 10, false},
    {"已填报", 14, false},
};
static const struct table_col cols_ledger[] = {
    {"编码", 6, false},           {"单位名称", 24, false},      {"分组", 8, false},
    {"查访核验/上限", 15, false}, {"投诉查处/上限", 15, false}, {"否决", 4, false},
};

static void drop(struct pick *p)
{
    ui_year_drop(&p->yd, &p->loaded);
    free(p->rows);
    p->rows = NULL;
}

static bool working_quarter_complete(void *ctx)
{
    bool all = false; /* unreadable: stay on the latest quarter */
    store_quarter_complete(ui.st, ui.year, *(const int *)ctx, &all);
    return all;
}

/* The quarter being reported (rules_working_quarter), from two indexed queries. */
static int working_quarter(void)
{
    int latest = 0;
    if (store_monitor_latest_quarter(ui.st, ui.year, &latest) != STORE_OK)
        latest = 0;
    char today[11];
    ui_today(today);
    return rules_working_quarter_of(ui.year, latest, working_quarter_complete, &latest, today);
}

static void load(void *self)
{
    struct pick *p = self;
    const struct year_data *yd = &p->yd;
    drop(p);
    p->typed[0] = '\0'; /* back from the unit: the next key starts afresh */
    p->loaded = store_load_year_header(ui.st, ui.year, &p->yd) == STORE_OK;
    if (!p->loaded) {
        table_set_rows(&p->table, 0);
        return;
    }
    if (p->req.purpose == PICK_PROGRESS && ui.quarter_year != ui.year) {
        ui.quarter = working_quarter(); /* then the operator's pick stays */
        ui.quarter_year = ui.year;
    }
    p->rows = xcalloc(yd->n_units + 1, sizeof *p->rows);
    table_set_rows(&p->table, yd->n_units);
    for (size_t u = 0; u < yd->n_units; u++)
        if (strcmp(yd->units[u].code, ui.unit) == 0)
            p->table.sel = u;
}

static void enter(void *self, const void *arg)
{
    struct pick *p = self;
    p->req = *(const struct ui_pick_request *)arg;
    if (p->req.purpose == PICK_TARGETS)
        table_init(&p->table, cols_targets, 5, cell, p);
    else if (p->req.purpose == PICK_PROGRESS)
        table_init(&p->table, cols_progress, 4, cell, p);
    else if (p->req.purpose == PICK_RECTIFY)
        table_init(&p->table, cols_targets, 3, cell, p);
    else
        table_init(&p->table, cols_ledger, 6, cell, p);
    p->table.grow = TABLE_GROW(1); /* 单位名称 */
    p->table.detail = 1;
    load(p);
}

static void leave(void *self)
{
    drop(self);
}

static void draw(void *self)
{
    struct pick *p = self;
    char line[160];
    if (p->req.purpose == PICK_PROGRESS)
        snprintf(line, sizeof line, "%s    季度: 第 %d 季度 (<- -> 切换)", p->req.title,
                 ui.quarter);
    else
        snprintf(line, sizeof line, "%s", p->req.title);
    draw_text(stdscr, ui_body_top(), 1, COLS - 2, line, ROLE_HEADER);
    table_draw(&p->table, ui_body_top() + 1, ui_body_bottom() - ui_body_top());
    if (p->loaded && p->yd.n_units == 0) /* a new database: say where units come from */
        draw_text(stdscr, ui_body_top() + 3, 1, COLS - 2,
                  "本年度还没有单位: 先在首页按 1 单位管理, 再按 a 添加", ROLE_DIM);
}

static int open_unit(void *self)
{
    struct pick *p = self;
    if (ui_refuse_empty(p->loaded ? p->yd.n_units : 0, "选择", "单位"))
        return UI_HANDLED;
    const struct unit *u = &p->yd.units[p->table.sel];
    snprintf(ui.unit, sizeof ui.unit, "%s", u->code);
    if (p->req.purpose == PICK_RECTIFY) {
        char about[256];
        snprintf(about, sizeof about, "新整改: %s %s", u->code, u->name);
        ui_pop(); /* frees p; the form opens over 整改, where it returns */
        rectify_form_new(ui.unit, about);
        return UI_HANDLED;
    }
    ui_push(p->req.next, NULL);
    return UI_HANDLED;
}

static int search(void *self)
{
    struct pick *p = self;
    table_key(&p->table, '/');
    return UI_HANDLED;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The first unit whose code starts with `typed` (any case), else whose name does. */
static bool jump_to(struct pick *p, const char *typed)
{
    size_t n = strlen(typed);
    for (int by_name = 0; by_name < 2; by_name++)
        for (size_t r = 0; p->loaded && r < p->yd.n_units; r++) {
            const struct unit *u = &p->yd.units[r];
            if (by_name ? strncmp(u->name, typed, n) == 0 : strncasecmp(u->code, typed, n) == 0) {
                p->table.sel = r;
                return true;
            }
        }
    return false;
}

/* Type-ahead (docs/tui.md): a code's or a name's first characters jump to the unit, each key
 * within a second adding to them. j, k, n, q, u and Q keep their meanings (list, back, undo,
 * quit); in 季度进度's picker 1-4 choose the quarter unless they continue a code (T0 then 3).
 * Returns false for a key that is not typed text. */
static bool type_ahead(struct pick *p, int key)
{
    double now = now_seconds();
    bool more = p->typed[0] && now - p->typed_at <= 1.0;
    bool digit = key >= '0' && key <= '9';
    if (key <= ' ' || key == 127 || (key & UI_FN) || (key < 128 && strchr("/?jknquQ", key)) ||
        (!more && digit && p->req.purpose == PICK_PROGRESS && key >= '1' && key <= '4') ||
        (key < 128 && !digit && !((key | 0x20) >= 'a' && (key | 0x20) <= 'z')))
        return false;
    char ch[MB_LEN_MAX];
    mbstate_t st = {0};
    size_t len = wcrtomb(ch, (wchar_t)key, &st);
    if (len == (size_t)-1)
        return false;
    char typed[sizeof p->typed + sizeof ch];
    size_t have = more ? strlen(p->typed) : 0;
    if (have + len >= sizeof p->typed)
        return true; /* longer than any code or name's start needs */
    memcpy(typed, p->typed, have);
    memcpy(typed + have, ch, len);
    typed[have + len] = '\0';
    p->typed_at = now;
    if (!jump_to(p, typed)) {
        ui_error("没有编码或名称以「%s」开头的单位 (/ 查找名称中的任何字)", typed);
        return true; /* what was typed before stays: the next key continues it */
    }
    memcpy(p->typed, typed, have + len + 1); /* fits: checked above */
    const struct unit *u = &p->yd.units[p->table.sel];
    ui_status("定位「%s」: %s %s", typed, u->code, u->name);
    return true;
}

static int on_key(void *self, int key)
{
    struct pick *p = self;
    const struct ui_pick_request req = p->req;
    if (type_ahead(p, key))
        return UI_HANDLED;
    p->typed[0] = '\0';
    if (req.purpose == PICK_PROGRESS && (key == UI_K(KEY_LEFT) || key == UI_K(KEY_RIGHT))) {
        ui.quarter = (ui.quarter + (key == UI_K(KEY_LEFT) ? 2 : 0)) % KP_QUARTERS + 1;
        ui.quarter_year = ui.year;
        load(self);
        return UI_HANDLED;
    }
    if (req.purpose == PICK_PROGRESS && key >= '1' && key <= '4') {
        ui.quarter = key - '0';
        ui.quarter_year = ui.year;
        load(self);
        return UI_HANDLED;
    }
    return table_key(&p->table, key) ? UI_HANDLED : UI_UNHANDLED;
}

static const struct ui_key keys[] = {
    {'\n', 0, "Enter", "选择单位", open_unit, true, NULL},
    {'/', 0, "/", "搜索 (n 下一个)", search, true, NULL},
    {0, 0, "d05, 县教", "输入编码或名称的开头, 跳到该单位", NULL, false, NULL},
};

const struct ui_screen screen_pick_unit = {
    .name = "选择单位",
    .size = sizeof(struct pick),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .resume = load,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
