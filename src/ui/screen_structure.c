/* 考核组与类别 (from 设置, `c`): the year's pools in display order, each with its units and
 * the sum of its categories' points (the pool's 集中考核 key points), then its indicator
 * categories with their points, as the scoring uses them. The editing keys are in
 * ui/structure_edit.c (as `kaoping pool` and `kaoping category`). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/load.h"
#include "db/pools.h"
#include "db/years.h"
#include "model/score.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/structure_edit.h"
#include "ui/table.h"

/* One row: a pool heading (cat < 0) or one of its categories. */
struct srow {
    size_t pool;
    long cat; /* index into yd.categories, -1 for the heading */
};

struct structure {
    struct year_data yd;
    bool loaded;
    char **pools;
    size_t n_pools;
    struct srow *rows;
    size_t n_rows;
    struct table table;
};

static size_t units_of(struct structure *sr, const char *pool)
{
    size_t n = 0;
    for (size_t u = 0; u < sr->yd.n_units; u++)
        n += strcmp(sr->yd.units[u].pool, pool) == 0;
    return n;
}

static size_t categories_of(struct structure *sr, const char *pool, double *sum)
{
    size_t n = 0;
    *sum = 0;
    for (size_t c = 0; c < sr->yd.n_categories; c++)
        if (strcmp(sr->yd.categories[c].pool, pool) == 0)
            n++, *sum += sr->yd.categories[c].points;
    return n;
}

static enum ui_role cell(void *ctx, size_t row, size_t col, char *buf, size_t sz)
{
    struct structure *sr = ctx;
    const struct srow *r = &sr->rows[row];
    const char *pool = sr->pools[r->pool];
    char pts[32];
    if (r->cat < 0) {
        double sum;
        size_t nc = categories_of(sr, pool, &sum);
        score_fmt_plain(sum, pts, sizeof pts);
        if (nc)
            snprintf(buf, sz, "[%s] %zu 个单位, %zu 个类别, 合计 %s 分", pool, units_of(sr, pool),
                     nc, pts);
        else
            snprintf(buf, sz, "[%s] %zu 个单位, 本年度没有类别", pool, units_of(sr, pool));
        return ROLE_HEADER;
    }
    const struct category *c = &sr->yd.categories[r->cat];
    if (col == 0)
        snprintf(buf, sz, "%s", c->name);
    else if (col == 1)
        score_fmt_plain(c->points, buf, sz);
    else
        snprintf(buf, sz, "%s", pool);
    return ROLE_NORMAL;
}

static bool span(void *ctx, size_t row)
{
    struct structure *sr = ctx;
    return sr->rows[row].cat < 0;
}

static const struct table_col cols[] = {
    {"  类别", 30, false}, {"分值", 8, true}, {"考核组", 0, false}};

static void drop(void *self)
{
    struct structure *sr = self;
    ui_year_drop(&sr->yd, &sr->loaded);
    store_free_strings(sr->pools, sr->n_pools);
    sr->pools = NULL, sr->n_pools = 0;
    free(sr->rows);
    sr->rows = NULL, sr->n_rows = 0;
}

static void add_row(struct structure *sr, size_t pool, long cat)
{
    sr->rows = xreallocarray(sr->rows, sr->n_rows + 1, sizeof *sr->rows);
    sr->rows[sr->n_rows++] = (struct srow){pool, cat};
}

static void load(void *self)
{
    struct structure *sr = self;
    drop(self);
    sr->loaded = store_load_year_header(ui.st, ui.year, &sr->yd) == STORE_OK;
    if (!sr->loaded || store_year_pools(ui.st, ui.year, &sr->pools, &sr->n_pools) != STORE_OK) {
        ui_error("读取考核组与类别失败: %s", store_errmsg(ui.st));
        sr->pools = NULL, sr->n_pools = 0;
    }
    for (size_t p = 0; sr->loaded && p < sr->n_pools; p++) {
        add_row(sr, p, -1);
        for (size_t c = 0; c < sr->yd.n_categories; c++)
            if (strcmp(sr->yd.categories[c].pool, sr->pools[p]) == 0)
                add_row(sr, p, (long)c);
    }
    table_set_rows(&sr->table, sr->n_rows);
}

/* After an edit: the changed row is the selected one, so it is shown (table_draw scrolls). */
static void reload_at(void *self, const char *pool, const char *category)
{
    struct structure *sr = self;
    load(self);
    for (size_t i = 0; pool && i < sr->n_rows; i++) {
        const struct srow *r = &sr->rows[i];
        if (strcmp(sr->pools[r->pool], pool) == 0 &&
            (category ? r->cat >= 0 && strcmp(sr->yd.categories[r->cat].name, category) == 0
                      : r->cat < 0)) {
            sr->table.sel = i;
            return;
        }
    }
}

static struct structure_pick picked(void *self)
{
    struct structure *sr = self;
    struct structure_pick p = {NULL, NULL, 0};
    if (sr->table.sel >= sr->n_rows)
        return p;
    const struct srow *r = &sr->rows[sr->table.sel];
    p.pool = sr->pools[r->pool];
    if (r->cat >= 0)
        p.category = sr->yd.categories[r->cat].name, p.points = sr->yd.categories[r->cat].points;
    return p;
}

static char **pool_list(void *self, size_t *n)
{
    struct structure *sr = self;
    *n = sr->n_pools;
    return sr->pools;
}

static void enter(void *self, const void *arg)
{
    struct structure *sr = self;
    (void)arg;
    table_init(&sr->table, cols, sizeof cols / sizeof cols[0], cell, sr);
    sr->table.span = span;
    structure_edit_init(reload_at, picked, pool_list);
    load(self);
}

static void draw(void *self)
{
    struct structure *sr = self;
    char line[128];
    snprintf(line, sizeof line, "%d 年度的考核组 (%zu 个) 与指标类别; 考核组的改动从本年度起",
             ui.year, sr->n_pools);
    draw_text(stdscr, ui_body_top(), 1, COLS - 2, line, ROLE_DIM);
    table_draw(&sr->table, ui_body_top() + 1, ui_body_bottom() - ui_body_top());
}

static int on_key(void *self, int key)
{
    struct structure *sr = self;
    return table_key(&sr->table, key) ? UI_HANDLED : UI_UNHANDLED;
}

static const struct ui_key keys[] = {
    {'a', 0, "a", "添加考核组 (本年度起)", structure_add_pool, true, "加组"},
    {'r', 0, "r", "改名 (考核组或类别)", structure_rename, true, "改名"},
    {'c', 0, "c", "添加类别", structure_add_category, true, "加类别"},
    {'e', 0, "e", "修改类别分值", structure_set_points, true, "分值"},
    {'d', 0, "d", "删除类别", structure_delete_category, true, "删类别"},
    {'x', 0, "x", "停用考核组 (本年度起)", structure_retire_pool, false, NULL},
    {'+', 0, "+", "考核组前移", structure_move_up, false, NULL},
    {'-', 0, "-", "考核组后移", structure_move_down, false, NULL},
    {'/', 0, "/", "搜索 (n 下一个)", NULL, false, NULL},
};

const struct ui_screen screen_structure = {
    .name = "考核组与类别",
    .size = sizeof(struct structure),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = drop,
    .resume = load,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
