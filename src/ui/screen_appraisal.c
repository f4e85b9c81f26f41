/* 公众评议: every unit with its appraisal score and satisfaction rate, typed in place; F2 saves
 * the changed rows in one transaction (an emptied score deletes the appraisal). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "db/load.h"
#include "db/units.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/formspec.h"
#include "ui/grid.h"
#include "ui/screens.h"

#define LOW_SATISFACTION 60.0

static struct year_data yd;
static bool loaded;
static struct grid grid;
static struct table_col cols[6];
static int field_col[2];
static int f_score, f_sat;

static const char *text(size_t row, int f)
{
    return f < 0 ? "" : grid_cell(&grid, row, (size_t)f);
}

static bool number(const char *s, double *v)
{
    char *end;
    if (!*s)
        return false;
    *v = strtod(s, &end);
    return *end == '\0';
}

static enum ui_role cell(void *ctx, size_t row, size_t col, char *buf, size_t sz)
{
    (void)ctx;
    const struct unit *u = &yd.units[row];
    double sat;
    switch (col) {
    case 0:
        snprintf(buf, sz, "%s", u->code);
        break;
    case 1:
        snprintf(buf, sz, "%s", u->name);
        break;
    case 2:
        snprintf(buf, sz, "%s", u->pool);
        break;
    case 3:
    case 4:
        snprintf(buf, sz, "%s", text(row, col == 3 ? f_score : f_sat));
        return grid_row_changed(&grid, row) ? ROLE_FIELD : ROLE_NORMAL;
    case 5:
        if (number(text(row, f_sat), &sat) && sat < LOW_SATISFACTION) {
            snprintf(buf, sz, "!满意率低于 60%%");
            return ROLE_WARN_YELLOW;
        }
        if (!*text(row, f_score))
            snprintf(buf, sz, "未录入");
        return ROLE_DIM;
    }
    return ROLE_NORMAL;
}

static void fmt(char *buf, bool present, double v)
{
    if (present)
        snprintf(buf, GRID_CELL, "%g", v);
    else
        buf[0] = '\0';
}

static void load(void *self)
{
    (void)self;
    if (loaded)
        year_data_free(&yd);
    loaded = store_load_year(ui.st, ui.year, &yd) == STORE_OK;
    grid_set_rows(&grid, loaded ? yd.n_units : 0);
    char owner[64];
    snprintf(owner, sizeof owner, "公众评议 %d", ui.year);
    grid_set_owner(&grid, owner);
    grid.read_only = loaded && yd.locked ? ui_locked_text() : NULL;
    for (size_t r = 0; loaded && r < yd.n_units; r++) {
        char buf[GRID_CELL];
        fmt(buf, yd.units[r].has_appraisal, yd.units[r].appraisal);
        grid_load(&grid, r, (size_t)f_score, buf);
        fmt(buf, yd.units[r].has_appraisal && yd.units[r].has_satisfaction,
            yd.units[r].satisfaction);
        if (f_sat >= 0)
            grid_load(&grid, r, (size_t)f_sat, buf);
    }
}

static void enter(void *self, const void *arg)
{
    (void)self;
    (void)arg;
    const struct fs_form *spec = formspec_get(ui.forms, "appraisal");
    f_score = formspec_field_index(spec, "score");
    f_sat = formspec_field_index(spec, "satisfaction");
    cols[0] = (struct table_col){"编码", 6, false};
    cols[1] = (struct table_col){"单位名称", 26, false};
    cols[2] = (struct table_col){"分组", 10, false};
    for (size_t f = 0; f < 2; f++) {
        if (f < spec->n_fields)
            cols[3 + f] = (struct table_col){spec->fields[f].label, spec->fields[f].width, true};
        else
            cols[3 + f] = (struct table_col){"", 1, false};
    }
    field_col[f_score] = 3;
    if (f_sat >= 0)
        field_col[f_sat] = 4;
    cols[5] = (struct table_col){"提醒", 0, false};
    table_init(&grid.t, cols, 6, cell, NULL);
    grid.t.grow = TABLE_GROW(1); /* 单位名称 */
    grid.t.detail = 1;
    grid_init(&grid, spec, field_col, NULL);
    load(self);
}

static void leave(void *self)
{
    (void)self;
    if (loaded)
        year_data_free(&yd);
    loaded = false;
    grid_free(&grid);
}

static void draw(void *self)
{
    (void)self;
    char line[128];
    size_t done = 0;
    for (size_t r = 0; loaded && r < yd.n_units; r++)
        done += *text(r, f_score) != '\0';
    snprintf(line, sizeof line, "%d 年度公众评议: 已录入 %zu/%zu 个单位 (得分 0-100, 满意率 %%)",
             ui.year, done, loaded ? yd.n_units : 0);
    draw_text(stdscr, ui_body_top(), 1, COLS - 2, line, ROLE_HEADER);
    table_draw(&grid.t, ui_body_top() + 1, ui_body_bottom() - ui_body_top());
}

static int save_row(void *ctx, size_t r)
{
    (void)ctx;
    const struct unit *u = &yd.units[r];
    double score = 0, sat = 0;
    bool hs = number(text(r, f_score), &score);
    bool hsat = number(text(r, f_sat), &sat);
    if (!hs)
        return u->has_appraisal ? store_appraisal_delete(ui.st, ui.year, u->code) : STORE_OK;
    return store_appraisal_put(ui.st, ui.year, u->code, score, hsat, sat, NULL);
}

/* A satisfaction belongs to a score. */
static bool check_rows(void *ctx, char *err, size_t errsz)
{
    (void)ctx;
    for (size_t r = 0; r < yd.n_units; r++)
        if (!*text(r, f_score) && *text(r, f_sat)) {
            grid.t.sel = r;
            snprintf(err, errsz, "第 %zu 行: 填了满意率时评议得分必填", r + 1);
            return false;
        }
    return true;
}

static int save(void *self)
{
    (void)self;
    grid_save(&grid, &(struct grid_save){yd.locked, self, check_rows, save_row, load});
    return UI_HANDLED;
}

static bool dirty(void *self)
{
    (void)self;
    return grid.cells && grid_dirty(&grid);
}

static int on_key(void *self, int key)
{
    (void)self;
    return grid_key(&grid, key) ? UI_HANDLED : UI_UNHANDLED;
}

static const struct ui_key keys[] = {
    {UI_K(KEY_F(2)), UI_CTRL('s'), "F2", "保存", save, true, NULL},
    {UI_CTRL('s'), 0, "Ctrl-S", "保存 (只写改过的行, 一个事务)", NULL, false, NULL},
    {'\t', UI_K(KEY_RIGHT), "Tab/->", "下一列 (<- 上一列)", NULL, false, NULL},
    {'\n', 0, "Enter", "下一格 (行末到下一行的第一格)", NULL, false, NULL},
    {UI_K(KEY_DOWN), 0, "Down", "下一行 (Up 上一行, PgUp/PgDn 翻页)", NULL, false, NULL},
    {'0', 0, "0-9 . -", "在当前格输入数字 (第一个键替换原值)", NULL, false, NULL},
    {UI_K(KEY_BACKSPACE), UI_K(KEY_DC), "BSpace/Del", "删一个字符 / 清空当前格", NULL, false, NULL},
    {'/', 0, "/", "搜索", NULL, false, NULL},
};

const struct ui_screen screen_appraisal = {
    .name = "公众评议",
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .dirty = dirty,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
