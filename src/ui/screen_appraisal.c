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

struct appraisal {
    struct year_data yd;
    bool loaded;
    struct grid grid;
    struct table_col cols[6];
    int field_col[2];
    int f_score, f_sat;
};

static const char *text(struct appraisal *ap, size_t row, int f)
{
    return f < 0 ? "" : grid_cell(&ap->grid, row, (size_t)f);
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
    struct appraisal *ap = ctx;
    const struct unit *u = &ap->yd.units[row];
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
        snprintf(buf, sz, "%s", text(ap, row, col == 3 ? ap->f_score : ap->f_sat));
        return grid_row_changed(&ap->grid, row) ? ROLE_FIELD : ROLE_NORMAL;
    case 5:
        if (number(text(ap, row, ap->f_sat), &sat) && sat < LOW_SATISFACTION) {
            snprintf(buf, sz, "!满意率低于 60%%");
            return ROLE_WARN_YELLOW;
        }
        if (!*text(ap, row, ap->f_score))
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
    struct appraisal *ap = self;
    if (ap->loaded)
        year_data_free(&ap->yd);
    ap->loaded = store_load_year_header(ui.st, ui.year, &ap->yd) == STORE_OK;
    grid_set_rows(&ap->grid, ap->loaded ? ap->yd.n_units : 0);
    char owner[64];
    snprintf(owner, sizeof owner, "公众评议 %d", ui.year);
    grid_set_owner(&ap->grid, owner);
    ap->grid.read_only = ap->loaded && ap->yd.locked ? ui_locked_text() : NULL;
    for (size_t r = 0; ap->loaded && r < ap->yd.n_units; r++) {
        char buf[GRID_CELL];
        fmt(buf, ap->yd.units[r].has_appraisal, ap->yd.units[r].appraisal);
        grid_load(&ap->grid, r, (size_t)ap->f_score, buf);
        fmt(buf, ap->yd.units[r].has_appraisal && ap->yd.units[r].has_satisfaction,
            ap->yd.units[r].satisfaction);
        if (ap->f_sat >= 0)
            grid_load(&ap->grid, r, (size_t)ap->f_sat, buf);
    }
}

static void enter(void *self, const void *arg)
{
    struct appraisal *ap = self;
    (void)arg;
    const struct fs_form *spec = formspec_get(ui.forms, "appraisal");
    ap->f_score = formspec_field_index(spec, "score");
    ap->f_sat = formspec_field_index(spec, "satisfaction");
    ap->cols[0] = (struct table_col){"编码", 6, false};
    ap->cols[1] = (struct table_col){"单位名称", 26, false};
    ap->cols[2] = (struct table_col){"分组", 10, false};
    for (size_t f = 0; f < 2; f++) {
        if (f < spec->n_fields)
            ap->cols[3 + f] =
                (struct table_col){spec->fields[f].label, spec->fields[f].width, true};
        else
            ap->cols[3 + f] = (struct table_col){"", 1, false};
    }
    ap->field_col[ap->f_score] = 3;
    if (ap->f_sat >= 0)
        ap->field_col[ap->f_sat] = 4;
    ap->cols[5] = (struct table_col){"提醒", 0, false};
    table_init(&ap->grid.t, ap->cols, 6, cell, ap);
    ap->grid.t.grow = TABLE_GROW(1); /* 单位名称 */
    ap->grid.t.detail = 1;
    grid_init(&ap->grid, spec, ap->field_col, NULL);
    load(self);
}

static void leave(void *self)
{
    struct appraisal *ap = self;
    ui_year_drop(&ap->yd, &ap->loaded);
    grid_free(&ap->grid);
}

static void draw(void *self)
{
    struct appraisal *ap = self;
    char line[128];
    size_t done = 0;
    for (size_t r = 0; ap->loaded && r < ap->yd.n_units; r++)
        done += *text(ap, r, ap->f_score) != '\0';
    snprintf(line, sizeof line, "%d 年度公众评议: 已录入 %zu/%zu 个单位 (得分 0-100, 满意率 %%)",
             ui.year, done, ap->loaded ? ap->yd.n_units : 0);
    draw_text(stdscr, ui_body_top(), 1, COLS - 2, line, ROLE_HEADER);
    table_draw(&ap->grid.t, ui_body_top() + 1, ui_body_bottom() - ui_body_top());
}

static int save_row(void *ctx, size_t r)
{
    struct appraisal *ap = ctx;
    const struct unit *u = &ap->yd.units[r];
    double score = 0, sat = 0;
    bool hs = number(text(ap, r, ap->f_score), &score);
    bool hsat = number(text(ap, r, ap->f_sat), &sat);
    if (!hs)
        return u->has_appraisal ? store_appraisal_delete(ui.st, ui.year, u->code) : STORE_OK;
    return store_appraisal_put(ui.st, ui.year, u->code, score, hsat, sat, NULL);
}

/* A satisfaction belongs to a score. */
static bool check_rows(void *ctx, char *err, size_t errsz)
{
    struct appraisal *ap = ctx;
    for (size_t r = 0; r < ap->yd.n_units; r++)
        if (!*text(ap, r, ap->f_score) && *text(ap, r, ap->f_sat)) {
            ap->grid.t.sel = r;
            snprintf(err, errsz, "第 %zu 行 %s %s: 填了满意率时评议得分必填", r + 1,
                     ap->yd.units[r].code, ap->yd.units[r].name);
            return false;
        }
    return true;
}

static int save(void *self)
{
    struct appraisal *ap = self;
    grid_save(&ap->grid, &(struct grid_save){ap->yd.locked, self, check_rows, save_row, load});
    return UI_HANDLED;
}

static bool dirty(void *self)
{
    struct appraisal *ap = self;
    return ap->grid.cells && grid_dirty(&ap->grid);
}

static int on_key(void *self, int key)
{
    struct appraisal *ap = self;
    return grid_key(&ap->grid, key) ? UI_HANDLED : UI_UNHANDLED;
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
    .size = sizeof(struct appraisal),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .dirty = dirty,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
