/* Home: the year (switchable), units per pool, data completeness, the warnings of the latest
 * quarter with progress, open/overdue rectifications, and the menu (hotkeys 1-9). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/field.h"
#include "db/load.h"
#include "db/pools.h"
#include "db/rectify.h"
#include "db/year_new.h"
#include "db/years.h"
#include "model/sources.h"
#include "model/text.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/levels.h"
#include "ui/prompt.h"
#include "ui/results.h"
#include "ui/screens.h"
#include "ui/table.h"

static struct year_data yd;
static bool loaded;
static size_t menu_sel;
static int warn_quarter;          /* latest quarter with progress, 0 when none */
static struct monitor_row *warns; /* most severe first (monitor_rows) */
static size_t n_warns, n_red, n_yellow, n_missing, n_mismatch;
static size_t with_targets, with_appraisal, complete_q[KP_QUARTERS];
static long rect_open, rect_overdue;
static long conflicts; /* open field-merge conflicts (docs/field.md) */
static struct table wtable;

static void compute_completeness(void)
{
    with_targets = with_appraisal = 0;
    memset(complete_q, 0, sizeof complete_q);
    size_t i = 0;
    for (size_t u = 0; u < yd.n_units; u++) {
        if (yd.units[u].has_appraisal)
            with_appraisal++;
        size_t first = i;
        bool all[KP_QUARTERS] = {true, true, true, true};
        for (; i < yd.n_items && yd.items[i].unit_index == u; i++)
            for (int q = 0; q < KP_QUARTERS; q++)
                all[q] &= yd.items[i].q[q].present;
        if (i == first)
            continue;
        with_targets++;
        for (int q = 0; q < KP_QUARTERS; q++)
            complete_q[q] += all[q];
    }
}

static void compute_warnings(void)
{
    free(warns);
    warns = NULL;
    n_warns = n_red = n_yellow = n_missing = n_mismatch = 0;
    warn_quarter = 0;
    for (size_t i = 0; i < yd.n_items; i++)
        for (int q = KP_QUARTERS; q > warn_quarter; q--)
            if (yd.items[i].q[q - 1].present)
                warn_quarter = q;
    if (!warn_quarter)
        return;
    struct monitor_filter f = {NULL, NULL, 1};
    warns = monitor_rows(&yd, warn_quarter, &f, &n_warns);
    for (size_t i = 0; i < n_warns; i++) {
        enum monitor_level l = monitor_row_level(&warns[i]);
        n_red += l == MONITOR_RED;
        n_yellow += l == MONITOR_YELLOW;
        n_missing += l == MONITOR_MISSING;
        n_mismatch += warns[i].mismatch;
    }
}

static void count_rectifications(void)
{
    char today[11];
    ui_today(today);
    struct rectification *r;
    size_t n;
    rect_open = rect_overdue = 0;
    if (store_rectify_list(ui.st, ui.year, NULL, RECT_FILTER_OPEN, today, &r, &n) != STORE_OK)
        return;
    rect_open = (long)n;
    for (size_t i = 0; i < n; i++)
        rect_overdue += rectification_overdue(&r[i], today);
    store_free_rectifications(r, n);
}

static void load(void *self)
{
    (void)self;
    if (loaded)
        year_data_free(&yd);
    loaded = false;
    rect_open = rect_overdue = 0;
    conflicts = field_open_conflicts(ui.st);
    if (!ui.year || store_load_year(ui.st, ui.year, &yd) != STORE_OK) {
        free(warns);
        warns = NULL;
        n_warns = 0;
        return;
    }
    loaded = true;
    compute_completeness();
    compute_warnings();
    count_rectifications();
    table_set_rows(&wtable, n_warns);
}

static enum ui_role warn_cell(void *ctx, size_t row, size_t col, char *buf, size_t sz)
{
    (void)ctx;
    const struct monitor_row *w = &warns[row];
    const struct target_item *it = &yd.items[w->item_index];
    const struct unit *u = &yd.units[w->unit_index];
    switch (col) {
    case 0:
        snprintf(buf, sz, "%s", levels_text(w));
        return levels_role(w);
    case 1:
        snprintf(buf, sz, "%s", u->name);
        break;
    case 2:
        snprintf(buf, sz, "%s %s", it->code, it->name);
        break;
    case 3:
        if (w->completion.has_rate)
            monitor_format_pct(buf, sz, w->completion.rate);
        break;
    case 4:
        if (w->execution.has_rate)
            monitor_format_pct(buf, sz, w->execution.rate);
        break;
    case 5:
        snprintf(buf, sz, "%g", w->schedule);
        break;
    }
    return ROLE_NORMAL;
}

static const struct table_col warn_cols[] = {
    {"预警", 13, false},  {"单位", 20, false},  {"指标", 22, false},
    {"完成率%", 7, true}, {"执行率%", 7, true}, {"序时%", 5, true},
};

static void enter(void *self, const void *arg)
{
    (void)self;
    (void)arg;
    table_init(&wtable, warn_cols, 6, warn_cell, NULL);
    wtable.grow = TABLE_GROW(1) | TABLE_GROW(2); /* 单位, 指标 */
    wtable.detail = 1;
    load(self);
}

static void leave(void *self)
{
    (void)self;
    if (loaded)
        year_data_free(&yd);
    loaded = false;
    free(warns);
    warns = NULL;
}

static void draw_pools(int y)
{
    char line[256] = "单位:";
    char **pools;
    size_t np;
    if (store_year_pools(ui.st, ui.year, &pools, &np) != STORE_OK)
        return;
    for (size_t p = 0; p < np; p++) {
        size_t count = 0;
        for (size_t u = 0; u < yd.n_units; u++)
            count += strcmp(yd.units[u].pool, pools[p]) == 0;
        size_t used = strlen(line);
        snprintf(line + used, sizeof line - used, " %s %zu", pools[p], count);
    }
    store_free_strings(pools, np);
    draw_text(stdscr, y, 1, 56, line, ROLE_NORMAL);
}

/* "评分来源: 领导评估 12/39  公众评议 30/32": per source, the units of its pools with a score. */
static void draw_sources(int y)
{
    const char *names[SOURCES_MAX];
    size_t n = sources_names(&yd, names, SOURCES_MAX);
    if (n == 0)
        return;
    char line[512] = "评分来源:";
    for (size_t i = 0; i < n; i++) {
        size_t have = 0, of = 0;
        for (size_t u = 0; u < yd.n_units; u++) {
            const struct score_source *src = sources_find(&yd, names[i], yd.units[u].pool);
            if (!src)
                continue;
            struct source_term t;
            sources_term(&yd, u, src, &t);
            of++;
            have += t.n > 0 || t.from_appraisal;
        }
        size_t used = strlen(line);
        snprintf(line + used, sizeof line - used, " %s %zu/%zu", names[i], have, of);
    }
    draw_text(stdscr, y, 1, 56, line, ROLE_NORMAL);
}

static void draw_stats(int y)
{
    char line[256];
    snprintf(line, sizeof line, "%d 年度%s   ([ ] 切换年度)", ui.year,
             yd.locked ? " (已审定)" : "");
    draw_text(stdscr, y, 1, 48, line, ROLE_HEADER);
    draw_pools(y + 1);
    snprintf(line, sizeof line, "任务书 %zu/%zu 单位   公众评议 %zu/%zu", with_targets, yd.n_units,
             with_appraisal, yd.n_units);
    draw_text(stdscr, y + 2, 1, 48, line, ROLE_NORMAL);
    snprintf(line, sizeof line, "进度已填齐: Q1 %zu  Q2 %zu  Q3 %zu  Q4 %zu (共 %zu)",
             complete_q[0], complete_q[1], complete_q[2], complete_q[3], with_targets);
    draw_text(stdscr, y + 3, 1, 48, line, ROLE_NORMAL);
    snprintf(line, sizeof line, "整改: 未完成 %ld, 其中逾期 %ld", rect_open, rect_overdue);
    draw_text(stdscr, y + 4, 1, 48, line, rect_overdue ? ROLE_WARN_RED : ROLE_NORMAL);
    if (warn_quarter)
        snprintf(line, sizeof line, "Q%d 预警: 红色 %zu  黄色 %zu  未填报 %zu  不匹配 %zu",
                 warn_quarter, n_red, n_yellow, n_missing, n_mismatch);
    else
        snprintf(line, sizeof line, "预警: 还没有填报季度进度");
    draw_text(stdscr, y + 5, 1, 48, line, n_red ? ROLE_WARN_RED : ROLE_NORMAL);
    if (conflicts > 0) {
        snprintf(line, sizeof line, "合并冲突: %ld 处未处理 (按 c 查看)", conflicts);
        draw_text(stdscr, y + 6, 1, 48, line, ROLE_WARN_YELLOW);
    }
    draw_sources(y + (conflicts > 0 ? 7 : 6));
}

static void draw_menu(int y)
{
    int x = 58;
    draw_text(stdscr, y, x, COLS - x, "菜单 (按数字直达)", ROLE_HEADER);
    for (size_t i = 0; i < ui_menu_count; i++) {
        char line[128];
        snprintf(line, sizeof line, "%c %s", ui_menu[i].key, ui_menu[i].label);
        draw_text(stdscr, y + 1 + (int)i, x, COLS - x - 1, line,
                  i == menu_sel ? ROLE_SELECT : ROLE_NORMAL);
    }
}

static void draw(void *self)
{
    (void)self;
    int y = ui_body_top() + 1;
    draw_menu(y);
    if (!ui.year) {
        draw_text(stdscr, y, 1, 48, "数据库里还没有年度。", ROLE_HEADER);
        draw_text(stdscr, y + 1, 1, 48, "按 n 新建本年度, 或运行 kaoping demo 写入演示数据。",
                  ROLE_NORMAL);
        return;
    }
    if (!loaded)
        return;
    draw_stats(y);
    int ty = y + 8;
    if (ty < y + 2 + (int)ui_menu_count)
        ty = y + 2 + (int)ui_menu_count; /* below the menu's last row, never over it */
    if (ty + 2 <= ui_body_bottom())
        table_draw(&wtable, ty, ui_body_bottom() - ty + 1);
}

static int open_entry(size_t i)
{
    if (i >= ui_menu_count)
        return UI_UNHANDLED;
    if (!ui.year && ui_menu[i].screen != &screen_units) {
        ui_error("请先按 n 新建年度");
        return UI_HANDLED;
    }
    menu_sel = i;
    ui_push(ui_menu[i].screen, ui_menu[i].arg);
    return UI_HANDLED;
}

static int open_selected(void *self)
{
    (void)self;
    return open_entry(menu_sel);
}

static void switch_year(int dir)
{
    int *years;
    size_t n;
    if (store_years(ui.st, &years, &n) != STORE_OK || n == 0)
        return;
    size_t at = 0;
    for (size_t i = 0; i < n; i++)
        if (years[i] == ui.year)
            at = i;
    if ((dir < 0 && at > 0) || (dir > 0 && at + 1 < n)) {
        ui.year = years[(long)at + dir];
        ui_status("切换到 %d 年度", ui.year);
        load(NULL);
    } else {
        ui_status(dir < 0 ? "%d 已是最早的年度" : "%d 已是最新的年度 (n 新建下一年度)", ui.year);
    }
    free(years);
}

static int year_prev(void *self)
{
    (void)self;
    switch_year(-1);
    return UI_HANDLED;
}

static int year_next(void *self)
{
    (void)self;
    switch_year(1);
    return UI_HANDLED;
}

/* The new year's choices, as `kaoping year new` takes them; from 0: the first year. */
static struct year_new_request new_year;
static char new_year_today[11];

static void create_year(void *arg)
{
    (void)arg;
    struct year_new_result res = {0};
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = new_year.from ? store_year_new(ui.st, &new_year, &res)
                           : store_year_ensure(ui.st, new_year.year);
    rc = store_end(ui.st, rc);
    if (rc != STORE_OK) {
        ui_error("新建年度失败: %s", store_errmsg(ui.st));
        return;
    }
    ui.year = new_year.year;
    if (new_year.from)
        ui_status("已新建 %d 年度: %lld 个单位, 任务书 %lld 条, 结转整改 %lld 条", ui.year,
                  res.units, res.targets, res.carried);
    else
        ui_status("已新建 %d 年度", ui.year);
    load(NULL);
}

static void carry_yes(void *arg)
{
    (void)arg;
    new_year.carry_rectifications = true;
    create_year(NULL);
}

/* Asked only when the old year has open rectifications to carry. */
static void ask_carry(void)
{
    long long open = store_year_open_rectifications(ui.st, new_year.from, new_year.year);
    if (open <= 0) {
        create_year(NULL);
        return;
    }
    char q[160];
    snprintf(q, sizeof q, "把 %d 年度 %lld 条未完成的整改结转到 %d 年度 (标为结转)? (y/N)",
             new_year.from, open, new_year.year);
    prompt_confirm(q, carry_yes, create_year, NULL);
}

static void targets_yes(void *arg)
{
    (void)arg;
    new_year.with_targets = true;
    ask_carry();
}

static void targets_no(void *arg)
{
    (void)arg;
    ask_carry();
}

static void ask_targets(void *arg)
{
    (void)arg;
    if (!new_year.from) {
        create_year(NULL);
        return;
    }
    char q[160];
    snprintf(q, sizeof q, "同时复制 %d 年度的任务书 (进度留空, 批复清除)? (y/N)", new_year.from);
    prompt_confirm(q, targets_yes, targets_no, NULL);
}

static int year_new(void *self)
{
    (void)self;
    ui_today(new_year_today);
    memset(&new_year, 0, sizeof new_year);
    new_year.today = new_year_today;
    new_year.from = ui.year ? store_latest_year(ui.st) : 0;
    new_year.year = new_year.from ? new_year.from + 1 : atoi(new_year_today);
    char q[160];
    if (new_year.from)
        snprintf(q, sizeof q, "由 %d 年度新建 %d 年度 (方案、类别、分组和单位)? (y/N)",
                 new_year.from, new_year.year);
    else
        snprintf(q, sizeof q, "新建 %d 年度 (默认方案)? (y/N)", new_year.year);
    prompt_confirm(q, ask_targets, NULL, NULL);
    return UI_HANDLED;
}

static int on_key(void *self, int key)
{
    (void)self;
    for (size_t i = 0; i < ui_menu_count; i++)
        if (key == ui_menu[i].key)
            return open_entry(i);
    if (key == UI_K(KEY_UP) && menu_sel > 0) {
        menu_sel--;
        return UI_HANDLED;
    }
    if (key == UI_K(KEY_DOWN) && menu_sel + 1 < ui_menu_count) {
        menu_sel++;
        return UI_HANDLED;
    }
    if (key == UI_K(KEY_NPAGE) || key == UI_K(KEY_PPAGE)) { /* scrolls the warnings */
        table_key(&wtable, key);
        return UI_HANDLED;
    }
    return UI_UNHANDLED;
}

/* Ranks the year while the operator reads the home screen, so that 排名结果 and 会议模式 open
 * at once (results.c keeps it until the data changes; a cached check costs one pragma). */
static void idle(void *self)
{
    (void)self;
    char err[256];
    if (ui.year)
        results_get(ui.st, ui.year, err, sizeof err);
}

static const struct ui_key keys[] = {
    {'\n', 0, "Enter", "打开", open_selected, true, NULL},
    {'[', 0, "[", "上一年度", year_prev, true, NULL},
    {']', 0, "]", "下一年度", year_next, true, NULL},
    {'n', 0, "n", "新建年度", year_new, true, NULL},
    {UI_K(KEY_NPAGE), UI_K(KEY_PPAGE), "PgDn/PgUp", "翻看预警", NULL, false, NULL},
};

const struct ui_screen screen_home = {
    .name = "首页",
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .resume = load,
    .idle = idle,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
