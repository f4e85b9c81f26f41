/* Home: the year (switchable), units per pool, data completeness, the warnings of the latest
 * quarter with progress, open/overdue rectifications, and the menu (hotkeys 1-9). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/field.h"
#include "db/load.h"
#include "db/load_monitor.h"
#include "db/pools.h"
#include "db/rectify.h"
#include "db/sources.h"
#include "db/stamp.h"
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
#include "ui/screen_monitor_cache.h"
#include "ui/screens.h"
#include "ui/table.h"

/* What the home screen still counts in its idle time, in this order (a province's are ~1 G
 * instructions: the screen is drawn first and answers keys between parts of a few ms). */
enum home_phase {
    HOME_WARNINGS,     /* the latest quarter's 双监控, read by the cache in parts */
    HOME_COMPLETENESS, /* 进度已填齐: a few units at a time */
    HOME_RANKING,      /* the year's ranking for 排名结果 (results.c), whole */
};

/* The placeholder of a count not known yet (ASCII dots: the ambiguous-width `…` is not used). */
#define HOME_COUNTING "统计中..."

struct home {
    /* The year's header (the lines), and the warned items: the latest quarter's 双监控 as the
     * cache keeps it (ui/screen_monitor_cache.h) once read. Never the year's items: a
     * province's took 0.3-2 s to read. */
    const struct year_data *yd;
    const struct monitor_quarter *mq;
    struct year_data header;
    bool own_header, loaded;
    enum home_phase phase;
    bool failed;                      /* a count could not be read (the error line says why) */
    struct store_complete complete;   /* 进度已填齐 so far (complete.done: known) */
    int year; /* of yd: compared before yd is read (the cache may have dropped it since) */
    struct store_stamp stamp; /* of the data yd and the counts were computed from */
    size_t menu_sel;
    int warn_quarter;                /* latest quarter with progress, 0 when none */
    const struct monitor_row *warns; /* most severe first (the cache's) */
    size_t n_warns, n_red, n_yellow, n_missing, n_mismatch;
    size_t with_targets, with_appraisal;
    long rect_open, rect_overdue;
    long conflicts;                              /* open field-merge conflicts (docs/field.md) */
    struct source_count src_counts[SOURCES_MAX]; /* per source name (db/sources.h) */
    size_t n_src_counts;
    struct table wtable;
    struct year_new_request new_year; /* as `kaoping year new` takes it; from 0: the first year */
    char new_year_today[11];
};

/* The cheap counts: units with items (one indexed probe a unit) and with an appraisal. */
static void count_units(struct home *hm)
{
    hm->with_appraisal = 0;
    for (size_t u = 0; u < hm->yd->n_units; u++)
        hm->with_appraisal += hm->yd->units[u].has_appraisal;
    if (store_monitor_with_targets(ui.st, ui.year, &hm->with_targets) != STORE_OK)
        hm->with_targets = 0;
}

static void compute_warnings(struct home *hm)
{
    hm->warns = hm->mq ? hm->mq->warns : NULL;
    hm->n_warns = hm->mq ? hm->mq->n_warns : 0;
    hm->n_red = hm->n_yellow = hm->n_missing = hm->n_mismatch = 0;
    for (size_t i = 0; i < hm->n_warns; i++) {
        enum monitor_level l = monitor_row_level(&hm->warns[i]);
        hm->n_red += l == MONITOR_RED;
        hm->n_yellow += l == MONITOR_YELLOW;
        hm->n_missing += l == MONITOR_MISSING;
        hm->n_mismatch += hm->warns[i].mismatch;
    }
}

static void count_rectifications(struct home *hm)
{
    char today[11];
    ui_today(today);
    struct rectification *r;
    size_t n;
    hm->rect_open = hm->rect_overdue = 0;
    if (store_rectify_list(ui.st, ui.year, NULL, RECT_FILTER_OPEN, today, &r, &n) != STORE_OK)
        return;
    hm->rect_open = (long)n;
    for (size_t i = 0; i < n; i++)
        hm->rect_overdue += rectification_overdue(&r[i], today);
    store_free_rectifications(r, n);
}

/* Forgets the year (the cache keeps its quarters; the header is ours). */
static void drop_year(struct home *hm)
{
    ui_year_drop(&hm->header, &hm->own_header);
    hm->yd = NULL, hm->mq = NULL, hm->loaded = false;
    hm->warns = NULL, hm->n_warns = 0, hm->warn_quarter = 0;
    hm->n_red = hm->n_yellow = hm->n_missing = hm->n_mismatch = 0;
    memset(&hm->complete, 0, sizeof hm->complete);
    hm->phase = HOME_WARNINGS, hm->failed = false;
}

/* The year's header and its latest quarter with progress; false when the year cannot be read.
 * The quarter's warnings and the completeness are counted in idle time (idle below). */
static bool load_year(struct home *hm)
{
    if (store_monitor_latest_quarter(ui.st, ui.year, &hm->warn_quarter) != STORE_OK)
        return false;
    hm->own_header = store_load_year_header(ui.st, ui.year, &hm->header) == STORE_OK;
    hm->yd = hm->own_header ? &hm->header : NULL;
    if (!hm->warn_quarter) /* no progress yet: nothing to warn of, no quarter complete */
        hm->phase = HOME_RANKING, hm->complete.done = true;
    return hm->own_header;
}

static void load(void *self)
{
    struct home *hm = self;
    drop_year(hm);
    hm->rect_open = hm->rect_overdue = 0;
    hm->conflicts = field_open_conflicts(ui.st);
    hm->stamp = store_stamp_now(ui.st);
    if (!ui.year || !load_year(hm)) {
        drop_year(hm);
        table_set_rows(&hm->wtable, 0);
        return;
    }
    hm->loaded = true;
    hm->year = ui.year;
    count_units(hm);
    count_rectifications(hm);
    /* counted in SQL: the line costs no loading of the year's scores */
    if (store_source_counts(ui.st, ui.year, hm->src_counts, SOURCES_MAX, &hm->n_src_counts) !=
        STORE_OK)
        hm->n_src_counts = 0;
    table_set_rows(&hm->wtable, 0);
}

/* Back from another screen: the year is loaded again only when the data changed (db/stamp.h;
 * a province's year is 0.3-2 s to load and evaluate), the open conflicts and rectifications
 * are counted again always (a few rows; overdue depends on the day). */
static void resume(void *self)
{
    struct home *hm = self;
    if (!hm->loaded || hm->year != ui.year ||
        !store_stamp_equal(store_stamp_now(ui.st), hm->stamp)) {
        load(self);
        return;
    }
    hm->conflicts = field_open_conflicts(ui.st);
    count_rectifications(hm);
}

static enum ui_role warn_cell(void *ctx, size_t row, size_t col, char *buf, size_t sz)
{
    struct home *hm = ctx;
    const struct monitor_row *w = &hm->warns[row];
    const struct target_item *it = &hm->mq->yd.items[w->item_index];
    const struct unit *u = &hm->mq->yd.units[w->unit_index];
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
    struct home *hm = self;
    (void)arg;
    table_init(&hm->wtable, warn_cols, 6, warn_cell, hm);
    hm->wtable.grow = TABLE_GROW(1) | TABLE_GROW(2); /* 单位, 指标 */
    hm->wtable.detail = 1;
    load(self);
}

static void leave(void *self)
{
    drop_year(self);
}

static void draw_pools(struct home *hm, int y)
{
    char line[256] = "单位:";
    char **pools;
    size_t np;
    if (store_year_pools(ui.st, ui.year, &pools, &np) != STORE_OK)
        return;
    for (size_t p = 0; p < np; p++) {
        size_t count = 0;
        for (size_t u = 0; u < hm->yd->n_units; u++)
            count += strcmp(hm->yd->units[u].pool, pools[p]) == 0;
        size_t used = strlen(line);
        snprintf(line + used, sizeof line - used, " %s %zu", pools[p], count);
    }
    store_free_strings(pools, np);
    draw_text(stdscr, y, 1, 56, line, ROLE_NORMAL);
}

/* "评分来源: 领导评估 12/39  公众评议 30/32": per source, the units of its pools with a score. */
static void draw_sources(struct home *hm, int y)
{
    if (!hm->loaded || hm->n_src_counts == 0)
        return;
    char line[512] = "评分来源:";
    for (size_t i = 0; i < hm->n_src_counts; i++) {
        const struct source_count *c = &hm->src_counts[i];
        size_t used = strlen(line);
        if (snprintf(line + used, sizeof line - used, " %s %zu/%zu", c->name, c->scored,
                     c->units) >= (int)(sizeof line - used))
            break; /* the rest would not fit the 56 columns anyway */
    }
    draw_text(stdscr, y, 1, 56, line, ROLE_NORMAL);
}

static const char *counting(const struct home *hm)
{
    return hm->failed ? "读取失败" : HOME_COUNTING;
}

static void draw_stats(struct home *hm, int y)
{
    char line[256];
    snprintf(line, sizeof line, "%d 年度%s   ([ ] 切换年度)", ui.year,
             hm->yd->locked ? " (已审定)" : "");
    draw_text(stdscr, y, 1, 48, line, ROLE_HEADER);
    draw_pools(hm, y + 1);
    snprintf(line, sizeof line, "任务书 %zu/%zu 单位   公众评议 %zu/%zu", hm->with_targets,
             hm->yd->n_units, hm->with_appraisal, hm->yd->n_units);
    draw_text(stdscr, y + 2, 1, 48, line, ROLE_NORMAL);
    const size_t *c = hm->complete.complete;
    if (hm->complete.done)
        snprintf(line, sizeof line, "进度已填齐: Q1 %zu  Q2 %zu  Q3 %zu  Q4 %zu (共 %zu)", c[0],
                 c[1], c[2], c[3], hm->with_targets);
    else
        snprintf(line, sizeof line, "进度已填齐: %s", counting(hm));
    draw_text(stdscr, y + 3, 1, 48, line, ROLE_NORMAL);
    snprintf(line, sizeof line, "整改: 未完成 %ld, 其中逾期 %ld", hm->rect_open, hm->rect_overdue);
    draw_text(stdscr, y + 4, 1, 48, line, hm->rect_overdue ? ROLE_WARN_RED : ROLE_NORMAL);
    if (hm->warn_quarter && hm->mq)
        snprintf(line, sizeof line, "Q%d 预警: 红色 %zu  黄色 %zu  未填报 %zu  不匹配 %zu",
                 hm->warn_quarter, hm->n_red, hm->n_yellow, hm->n_missing, hm->n_mismatch);
    else if (hm->warn_quarter)
        snprintf(line, sizeof line, "Q%d 预警: %s", hm->warn_quarter, counting(hm));
    else
        snprintf(line, sizeof line, "预警: 还没有填报季度进度");
    draw_text(stdscr, y + 5, 1, 48, line, hm->n_red ? ROLE_WARN_RED : ROLE_NORMAL);
    if (hm->conflicts > 0) {
        snprintf(line, sizeof line, "合并冲突: %ld 处未处理 (按 c 查看)", hm->conflicts);
        draw_text(stdscr, y + 6, 1, 48, line, ROLE_WARN_YELLOW);
    }
    draw_sources(hm, y + (hm->conflicts > 0 ? 7 : 6));
}

static void draw_menu(struct home *hm, int y)
{
    int x = 58;
    draw_text(stdscr, y, x, COLS - x, "菜单 (按数字直达)", ROLE_HEADER);
    for (size_t i = 0; i < ui_menu_count; i++) {
        char line[128];
        snprintf(line, sizeof line, "%c %s", ui_menu[i].key, ui_menu[i].label);
        draw_text(stdscr, y + 1 + (int)i, x, COLS - x - 1, line,
                  i == hm->menu_sel ? ROLE_SELECT : ROLE_NORMAL);
    }
}

static void draw(void *self)
{
    struct home *hm = self;
    int y = ui_body_top() + 1;
    draw_menu(hm, y);
    if (!ui.year) {
        draw_text(stdscr, y, 1, 48, "数据库里还没有年度。", ROLE_HEADER);
        draw_text(stdscr, y + 1, 1, 48, "按 n 新建本年度,", ROLE_NORMAL); /* 48: the menu's left */
        draw_text(stdscr, y + 2, 1, 48, "或运行 kaoping demo 写入演示数据。", ROLE_NORMAL);
        return;
    }
    if (!hm->loaded)
        return;
    draw_stats(hm, y);
    int ty = y + 8;
    if (ty < y + 2 + (int)ui_menu_count)
        ty = y + 2 + (int)ui_menu_count; /* below the menu's last row, never over it */
    if (ty + 2 <= ui_body_bottom())
        table_draw(&hm->wtable, ty, ui_body_bottom() - ty + 1);
}

static int open_entry(struct home *hm, size_t i)
{
    if (i >= ui_menu_count)
        return UI_UNHANDLED;
    if (!ui.year && ui_menu[i].screen != &screen_units) {
        ui_error("请先按 n 新建年度");
        return UI_HANDLED;
    }
    hm->menu_sel = i;
    ui_push(ui_menu[i].screen, ui_menu[i].arg);
    return UI_HANDLED;
}

static int open_selected(void *self)
{
    struct home *hm = self;
    return open_entry(hm, hm->menu_sel);
}

static void switch_year(struct home *hm, int dir)
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
        load(hm);
    } else {
        ui_status(dir < 0 ? "%d 已是最早的年度" : "%d 已是最新的年度 (n 新建下一年度)", ui.year);
    }
    free(years);
}

static int year_prev(void *self)
{
    switch_year(self, -1);
    return UI_HANDLED;
}

static int year_next(void *self)
{
    switch_year(self, 1);
    return UI_HANDLED;
}

static void create_year(void *arg)
{
    struct home *hm = arg;
    struct year_new_result res = {0};
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = hm->new_year.from ? store_year_new(ui.st, &hm->new_year, &res)
                               : store_year_ensure(ui.st, hm->new_year.year);
    rc = store_end(ui.st, rc);
    if (rc != STORE_OK) {
        ui_error("新建年度失败: %s", store_errmsg(ui.st));
        return;
    }
    ui.year = hm->new_year.year;
    if (hm->new_year.from)
        ui_status("已新建 %d 年度: %lld 个单位, 任务书 %lld 条, 结转整改 %lld 条", ui.year,
                  res.units, res.targets, res.carried);
    else
        ui_status("已新建 %d 年度", ui.year);
    load(hm);
}

static void carry_yes(void *arg)
{
    struct home *hm = arg;
    hm->new_year.carry_rectifications = true;
    create_year(hm);
}

/* Asked only when the old year has open rectifications to carry. */
static void ask_carry(struct home *hm)
{
    long long open = store_year_open_rectifications(ui.st, hm->new_year.from, hm->new_year.year);
    if (open <= 0) {
        create_year(hm);
        return;
    }
    char q[160];
    snprintf(q, sizeof q, "把 %d 年度 %lld 条未完成的整改结转到 %d 年度 (标为结转)? (y/N)",
             hm->new_year.from, open, hm->new_year.year);
    prompt_confirm(q, carry_yes, create_year, hm);
}

static void targets_yes(void *arg)
{
    struct home *hm = arg;
    hm->new_year.with_targets = true;
    ask_carry(hm);
}

static void targets_no(void *arg)
{
    struct home *hm = arg;
    ask_carry(hm);
}

static void ask_targets(void *arg)
{
    struct home *hm = arg;
    if (!hm->new_year.from) {
        create_year(hm);
        return;
    }
    char q[160];
    snprintf(q, sizeof q, "同时复制 %d 年度的任务书 (进度留空, 批复清除)? (y/N)",
             hm->new_year.from);
    prompt_confirm(q, targets_yes, targets_no, hm);
}

static int year_new(void *self)
{
    struct home *hm = self;
    ui_today(hm->new_year_today);
    memset(&hm->new_year, 0, sizeof hm->new_year);
    hm->new_year.today = hm->new_year_today;
    hm->new_year.from = ui.year ? store_latest_year(ui.st) : 0;
    hm->new_year.year = hm->new_year.from ? hm->new_year.from + 1 : atoi(hm->new_year_today);
    char q[160];
    if (hm->new_year.from)
        snprintf(q, sizeof q, "由 %d 年度新建 %d 年度 (方案、类别、分组和单位)? (y/N)",
                 hm->new_year.from, hm->new_year.year);
    else
        snprintf(q, sizeof q, "新建 %d 年度 (默认方案)? (y/N)", hm->new_year.year);
    prompt_confirm(q, ask_targets, NULL, hm);
    return UI_HANDLED;
}

static int on_key(void *self, int key)
{
    struct home *hm = self;
    for (size_t i = 0; i < ui_menu_count; i++)
        if (key == ui_menu[i].key)
            return open_entry(hm, i);
    if (key == UI_K(KEY_UP) && hm->menu_sel > 0) {
        hm->menu_sel--;
        return UI_HANDLED;
    }
    if (key == UI_K(KEY_DOWN) && hm->menu_sel + 1 < ui_menu_count) {
        hm->menu_sel++;
        return UI_HANDLED;
    }
    if (key == UI_K(KEY_NPAGE) || key == UI_K(KEY_PPAGE)) { /* scrolls the warnings */
        table_key(&hm->wtable, key);
        return UI_HANDLED;
    }
    return UI_UNHANDLED;
}

/* One part of the latest quarter's 双监控 (the cache's); its warnings once it is whole. */
static int idle_warnings(struct home *hm)
{
    enum monitor_cache_state st = monitor_cache_read_part(ui.year, hm->warn_quarter);
    if (st == MONITOR_CACHE_MORE)
        return UI_IDLE_MORE;
    hm->mq = st == MONITOR_CACHE_KEPT ? monitor_cache_get(ui.year, hm->warn_quarter) : NULL;
    hm->failed = hm->mq == NULL;
    compute_warnings(hm);
    table_set_rows(&hm->wtable, hm->n_warns);
    hm->phase = hm->failed ? HOME_RANKING : HOME_COMPLETENESS;
    return UI_IDLE_CHANGED | UI_IDLE_MORE;
}

/* Units counted per part of 进度已填齐 (~145,000 instructions a unit on the province). */
enum { HOME_UNITS_PART = 150 };

static int idle_completeness(struct home *hm)
{
    if (store_monitor_complete_part(ui.st, ui.year, HOME_UNITS_PART, &hm->complete) != STORE_OK) {
        ui_error("读取进度失败: %s", store_errmsg(ui.st));
        hm->failed = true, hm->phase = HOME_RANKING;
        return UI_IDLE_CHANGED;
    }
    if (!store_stamp_equal(store_stamp_now(ui.st), hm->stamp)) {
        load(hm); /* the part may have read other data than the ones before it */
        return UI_IDLE_CHANGED | UI_IDLE_MORE;
    }
    if (!hm->complete.done)
        return UI_IDLE_MORE;
    hm->phase = HOME_RANKING;
    return UI_IDLE_CHANGED | UI_IDLE_MORE;
}

/* The counts of the warnings and 进度已填齐 in parts while the screen answers keys, then the
 * year's ranking, so that 排名结果 and 会议模式 open at once (results.c keeps it until the data
 * changes; a cached check costs one pragma; the ranking is one piece, ~80 ms on a province).
 * A change of the data meanwhile (another program's commit) starts the counts again. */
static int idle(void *self)
{
    struct home *hm = self;
    char err[256];
    if (!ui.year || !hm->loaded)
        return UI_IDLE_DONE;
    if (hm->phase < HOME_RANKING && !store_stamp_equal(store_stamp_now(ui.st), hm->stamp)) {
        load(hm);
        return UI_IDLE_CHANGED | UI_IDLE_MORE;
    }
    if (hm->phase == HOME_WARNINGS)
        return idle_warnings(hm);
    if (hm->phase == HOME_COMPLETENESS)
        return idle_completeness(hm);
    results_get(ui.st, ui.year, err, sizeof err);
    return UI_IDLE_DONE;
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
    .size = sizeof(struct home),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .resume = resume,
    .idle = idle,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
