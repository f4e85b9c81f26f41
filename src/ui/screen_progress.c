/* 季度进度 (双监控): the items of one unit for the picked quarter; cumulative actual, spending
 * and (manual items) score are typed in place, and each row shows its completion and execution
 * rates and warning level as soon as a value is there. F2 saves every changed row in one
 * transaction. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/load.h"
#include "db/load_unit.h"
#include "db/targets.h"
#include "model/rules.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/formspec.h"
#include "ui/grid.h"
#include "ui/levels.h"
#include "ui/progress_notes.h"
#include "ui/prompt.h"
#include "ui/screens.h"

/* Columns: 编码 指标 目标值 预算 上季完成 累计完成 上季支出 累计支出 评分 完成% 执行% 预警; the
 * previous quarter's cumulative values only from 100 columns (the detail line has them at 80). */
enum {
    C_CODE,
    C_NAME,
    C_TARGET,
    C_BUDGET,
    C_PREV_ACTUAL,
    C_ACTUAL,
    C_PREV_SPENT,
    C_SPENT,
    C_SCORE,
    C_COMPLETION,
    C_EXECUTION,
    C_LEVEL,
    N_COLS
};

struct progress {
    struct year_data yd;
    bool loaded;
    long unit_idx; /* -1 until load finds ui.unit */
    size_t *items; /* row -> index into yd.items */
    size_t n_rows;
    struct grid grid;
    struct table_col cols[N_COLS];
    int field_col[3];
    int f_actual, f_spent, f_score; /* field indexes (-1 when the form leaves them out) */
    /* The rows below the previous quarter that a yes to the 更正 question lets through (one
     * save: cleared by every save and by a no). */
    bool drops_confirmed;
};

static const char *cell_text(struct progress *pg, size_t row, int f)
{
    return f < 0 ? "" : grid_cell(&pg->grid, row, (size_t)f);
}

static bool number(const char *s, double *v)
{
    char *end;
    if (!*s)
        return false;
    *v = strtod(s, &end);
    return *end == '\0';
}

/* The row as typed, with the stored texts and decision of the quarter: present when it
 * has a value (a 评分 item's row may have only its score). */
static struct quarter_progress typed_row(struct progress *pg, size_t row)
{
    const struct target_item *it = &pg->yd.items[pg->items[row]];
    struct quarter_progress p = it->q[ui.quarter - 1];
    p.no_actual = !number(cell_text(pg, row, pg->f_actual), &p.actual);
    p.has_spent = number(cell_text(pg, row, pg->f_spent), &p.spent);
    p.has_score = number(cell_text(pg, row, pg->f_score), &p.score);
    if (p.no_actual)
        p.actual = 0;
    p.present = !p.no_actual || p.has_spent || p.has_score;
    return p;
}

static void row_rates(struct progress *pg, size_t row, struct monitor_row *r)
{
    struct quarter_progress p = typed_row(pg, row);
    p.present = !p.no_actual || p.has_score; /* spending alone is not a report yet */
    levels_eval(&pg->yd.scheme, &pg->yd.items[pg->items[row]], ui.quarter, &p, r);
}

/* The 更正 rule (model/rules.h) of the typed row against the stored previous quarter. */
static int row_drop(struct progress *pg, size_t row)
{
    struct quarter_progress p = typed_row(pg, row);
    return ui.quarter > 1 ? rules_progress_drop(&pg->yd.items[pg->items[row]].q[ui.quarter - 2], &p)
                          : 0;
}

/* The previous quarter's cumulative value of row's item (none in Q1 or when not reported). */
static bool prev_value(struct progress *pg, size_t row, bool spent, double *v)
{
    if (ui.quarter < 2)
        return false;
    const struct quarter_progress *p = &pg->yd.items[pg->items[row]].q[ui.quarter - 2];
    *v = spent ? p->spent : p->actual;
    return p->present && (spent ? p->has_spent : !p->no_actual);
}

static void fmt_opt(char *buf, size_t sz, bool present, double v)
{
    if (present)
        snprintf(buf, sz, "%g", v);
    else
        buf[0] = '\0';
}

static enum ui_role cell(void *ctx, size_t row, size_t col, char *buf, size_t sz)
{
    struct progress *pg = ctx;
    const struct target_item *it = &pg->yd.items[pg->items[row]];
    for (size_t f = 0; f < pg->grid.spec->n_fields && f < 3; f++)
        if ((int)col == pg->field_col[f]) {
            if ((int)f == pg->f_score && it->method != METHOD_MANUAL)
                snprintf(buf, sz, "%s", UI_NOT_APPLICABLE);
            else
                snprintf(buf, sz, "%s", grid_cell(&pg->grid, row, f));
            return grid_row_changed(&pg->grid, row) ? ROLE_FIELD : ROLE_NORMAL;
        }
    struct monitor_row r;
    double v = 0;
    switch (col) {
    case C_CODE:
        snprintf(buf, sz, "%s", it->code);
        break;
    case C_NAME:
        snprintf(buf, sz, "%s", it->name);
        break;
    case C_TARGET:
        snprintf(buf, sz, "%g", it->target);
        break;
    case C_BUDGET:
        fmt_opt(buf, sz, it->budget > 0, it->budget);
        break;
    case C_PREV_ACTUAL:
    case C_PREV_SPENT:
    {
        bool present = prev_value(pg, row, col == C_PREV_SPENT, &v);
        fmt_opt(buf, sz, present, v);
        return ROLE_DIM;
    }
    case C_COMPLETION:
    case C_EXECUTION:
    case C_LEVEL:
        row_rates(pg, row, &r);
        if (col == C_COMPLETION && r.completion.has_rate)
            monitor_format_pct(buf, sz, r.completion.rate);
        if (col == C_EXECUTION && r.execution.has_rate)
            monitor_format_pct(buf, sz, r.execution.rate);
        if (col == C_LEVEL) {
            snprintf(buf, sz, "%s", levels_text(&r));
            return levels_role(&r);
        }
        break;
    }
    return ROLE_NORMAL;
}

/* The selected item whole, its warning level, its budget, the previous quarter's cumulative
 * values and this quarter's 偏差原因 / 整改措施. */
static void detail(void *ctx, size_t row, char *buf, size_t sz)
{
    struct progress *pg = ctx;
    const struct target_item *it = &pg->yd.items[pg->items[row]];
    char budget[32] = "无", pa[32] = UI_UNSET, ps[32] = UI_UNSET;
    double v;
    if (it->budget > 0)
        snprintf(budget, sizeof budget, "%g 万元", it->budget);
    if (prev_value(pg, row, false, &v))
        snprintf(pa, sizeof pa, "%g", v);
    if (prev_value(pg, row, true, &v))
        snprintf(ps, sizeof ps, "%g", v);
    char prev[128] = ""; /* the line with two 31-byte numbers (-Wformat-truncation) */
    if (ui.quarter > 1)
        snprintf(prev, sizeof prev, "  第 %d 季度累计: 完成 %s 支出 %s", ui.quarter - 1, pa, ps);
    const struct quarter_progress *q = &it->q[ui.quarter - 1];
    struct monitor_row r; /* the level whole: its column is cut at 80 (!!红~) */
    row_rates(pg, row, &r);
    char decided[64] = "";
    if (q->decision != DECISION_NONE)
        snprintf(decided, sizeof decided, "  处置决定: %s (%s)", decision_label(q->decision),
                 q->decision_on);
    snprintf(buf, sz, "%s %s%s  预警 %s%s  目标 %g%s  预算 %s  偏差原因: %s  整改措施: %s%s",
             it->code, it->name, q->present && q->corrected ? " [更正]" : "", levels_text(&r),
             prev, it->target, it->measure ? it->measure : "", budget,
             q->deviation ? q->deviation : UI_UNSET, q->action ? q->action : UI_UNSET, decided);
}

static bool editable(void *ctx, size_t row, size_t f)
{
    struct progress *pg = ctx;
    return (int)f != pg->f_score || pg->yd.items[pg->items[row]].method == METHOD_MANUAL;
}

static void fmt_num(char *buf, bool present, double v)
{
    if (present)
        snprintf(buf, GRID_CELL, "%g", v);
    else
        buf[0] = '\0';
}

static void load(void *self)
{
    struct progress *pg = self;
    if (pg->loaded)
        year_data_free(&pg->yd);
    free(pg->items);
    pg->items = NULL;
    pg->n_rows = 0;
    pg->loaded = store_load_year_unit(ui.st, ui.year, ui.unit, false, &pg->yd) == STORE_OK;
    pg->unit_idx = pg->loaded ? year_data_find_unit(&pg->yd, ui.unit) : -1;
    pg->items = xcalloc(pg->loaded ? pg->yd.n_items + 1 : 1, sizeof *pg->items);
    for (size_t i = 0; pg->loaded && i < pg->yd.n_items; i++)
        if ((long)pg->yd.items[i].unit_index == pg->unit_idx)
            pg->items[pg->n_rows++] = i;
    grid_set_rows(&pg->grid, pg->n_rows);
    char owner[96];
    snprintf(owner, sizeof owner, "季度进度 %s 第 %d 季度", ui.unit, ui.quarter);
    grid_set_owner(&pg->grid, owner);
    pg->grid.read_only = pg->loaded && pg->yd.locked ? ui_locked_text() : NULL;
    for (size_t r = 0; r < pg->n_rows; r++) {
        const struct quarter_progress *p = &pg->yd.items[pg->items[r]].q[ui.quarter - 1];
        char buf[GRID_CELL];
        fmt_num(buf, p->present && !p->no_actual, p->actual);
        if (pg->f_actual >= 0)
            grid_load(&pg->grid, r, (size_t)pg->f_actual, buf);
        fmt_num(buf, p->present && p->has_spent, p->spent);
        if (pg->f_spent >= 0)
            grid_load(&pg->grid, r, (size_t)pg->f_spent, buf);
        fmt_num(buf, p->present && p->has_score, p->score);
        if (pg->f_score >= 0)
            grid_load(&pg->grid, r, (size_t)pg->f_score, buf);
    }
}

static void enter(void *self, const void *arg)
{
    struct progress *pg = self;
    (void)arg;
    const struct fs_form *spec = formspec_get(ui.forms, "progress");
    pg->f_actual = formspec_field_index(spec, "actual");
    pg->f_spent = formspec_field_index(spec, "spent");
    pg->f_score = formspec_field_index(spec, "score");
    pg->cols[C_CODE] = (struct table_col){"编码", 4, false};
    pg->cols[C_NAME] = (struct table_col){"指标", 10, false};
    pg->cols[C_TARGET] = (struct table_col){"目标值", 7, true};
    pg->cols[C_BUDGET] = (struct table_col){"预算", 6, true};
    pg->cols[C_PREV_ACTUAL] = (struct table_col){"上季完成", 8, true};
    pg->cols[C_PREV_SPENT] = (struct table_col){"上季支出", 8, true};
    static const int slot[3] = {C_ACTUAL, C_SPENT, C_SCORE};
    for (size_t k = 0; k < 3; k++) /* an empty slot for a field the form leaves out */
        pg->cols[slot[k]] = (struct table_col){"", 1, false};
    for (size_t f = 0; f < 3; f++) {
        int c = (int)f == pg->f_spent ? C_SPENT : (int)f == pg->f_score ? C_SCORE : C_ACTUAL;
        pg->field_col[f] = c;
        if (f < spec->n_fields)
            pg->cols[c] = (struct table_col){spec->fields[f].label, spec->fields[f].width, true};
    }
    pg->cols[C_COMPLETION] = (struct table_col){"完成%", 6, true};
    pg->cols[C_EXECUTION] = (struct table_col){"执行%", 6, true};
    pg->cols[C_LEVEL] = (struct table_col){"预警", 0, false};
    table_init(&pg->grid.t, pg->cols, N_COLS, cell, pg);
    pg->grid.t.grow = TABLE_GROW(C_NAME);
    pg->grid.t.min_cols[C_PREV_ACTUAL] = pg->grid.t.min_cols[C_PREV_SPENT] = 100;
    pg->grid.t.detail = 3;
    pg->grid.t.detail_text = detail;
    grid_init(&pg->grid, spec, pg->field_col, editable);
    load(self);
}

static void leave(void *self)
{
    struct progress *pg = self;
    ui_year_drop(&pg->yd, &pg->loaded);
    free(pg->items);
    pg->items = NULL;
    grid_free(&pg->grid);
}

static void draw(void *self)
{
    struct progress *pg = self;
    if (pg->unit_idx < 0) {
        draw_text(stdscr, ui_body_top(), 1, COLS - 2, "找不到单位", ROLE_ERROR);
        return;
    }
    char line[200];
    const struct unit *u = &pg->yd.units[pg->unit_idx];
    snprintf(line, sizeof line, "%s %s  %d 年第 %d 季度累计值", u->code, u->name, ui.year,
             ui.quarter);
    if (pg->n_rows)
        snprintf(line, sizeof line, "%s %s  %d 年第 %d 季度累计值  序时进度 %g%%", u->code, u->name,
                 ui.year, ui.quarter,
                 pg->yd.items[pg->items[pg->grid.t.sel]].schedule[ui.quarter - 1]);
    draw_text(stdscr, ui_body_top(), 1, COLS - 2, line, ROLE_HEADER);
    table_draw(&pg->grid.t, ui_body_top() + 1, ui_body_bottom() - ui_body_top());
    if (pg->n_rows == 0)
        draw_text(stdscr, ui_body_top() + 3, 1, COLS - 2,
                  "这个单位还没有任务书条目 (先在任务书中录入)", ROLE_DIM);
}

static void confirm_drops(void *self);

/* The rows below the previous quarter (更正, model/rules.h): one question names the first,
 * what dropped and how many rows; its default is No. */
static bool ask_drops(void *self, char *err, size_t errsz)
{
    struct progress *pg = self;
    size_t first = pg->n_rows, n = 0;
    int drop = 0;
    for (size_t r = 0; r < pg->n_rows && !pg->drops_confirmed; r++) {
        int d = grid_row_changed(&pg->grid, r) ? row_drop(pg, r) : 0;
        if (d && n++ == 0)
            first = r, drop = d;
    }
    if (n == 0)
        return true;
    const struct target_item *it = &pg->yd.items[pg->items[first]];
    pg->grid.t.sel = first;
    snprintf(err, errsz, "第 %zu 行 %s: %s小于第 %d 季度 (累计值不应减少), 未保存", first + 1,
             it->code, rules_drop_what(drop), ui.quarter - 1);
    char many[32] = " ", q[256];
    if (n > 1)
        snprintf(many, sizeof many, " 等 %zu 行", n);
    snprintf(q, sizeof q, "%s %s%s的%s小于第 %d 季度: 确属更正, 按「更正」保存? (y/N)", ui.unit,
             it->code, many, rules_drop_what(drop), ui.quarter - 1);
    prompt_confirm(q, confirm_drops, NULL, self);
    return false;
}

/* Row rules beyond single values: actual is required once anything is entered (a 评分 item
 * may have only its score); a score may not exceed the item's points; a value below the
 * previous quarter's is asked about. */
static bool check_rows(void *ctx, char *err, size_t errsz)
{
    struct progress *pg = ctx;
    for (size_t r = 0; r < pg->n_rows; r++) {
        const struct target_item *it = &pg->yd.items[pg->items[r]];
        struct quarter_progress p = typed_row(pg, r);
        if (rules_progress_needs_actual(it->method, !p.no_actual, p.has_spent, p.has_score)) {
            pg->grid.t.sel = r;
            snprintf(err, errsz, "第 %zu 行 %s: %s", r + 1, it->code,
                     it->method == METHOD_MANUAL ? "填了支出时, 累计完成值或评分必填"
                                                 : "填了支出或评分时, 累计完成值必填");
            return false;
        }
        if (p.has_score && !rules_score_within(p.score, it->points)) {
            pg->grid.t.sel = r;
            snprintf(err, errsz, "第 %zu 行 %s: 评分 %g 超过分值 %g", r + 1, it->code, p.score,
                     it->points);
            return false;
        }
    }
    return ask_drops(ctx, err, errsz);
}

static int save_row(void *ctx, size_t r)
{
    struct progress *pg = ctx;
    const struct target_item *it = &pg->yd.items[pg->items[r]];
    struct quarter_progress p = typed_row(pg, r);
    if (!p.present) {
        if (!it->q[ui.quarter - 1].present)
            return STORE_OK;
        return store_progress_delete(ui.st, ui.year, ui.unit, it->code, ui.quarter);
    }
    /* 偏差原因, 整改措施 and the decision are kept (typed with r / c / j, saved at once); a row
     * still below the previous quarter stays a correction, one that is not is no longer. */
    p.corrected = row_drop(pg, r) != 0;
    return store_progress_put(ui.st, ui.year, ui.unit, it->code, ui.quarter, &p, NULL);
}

static int save(void *self)
{
    struct progress *pg = self;
    grid_save(&pg->grid, &(struct grid_save){pg->yd.locked, self, check_rows, save_row, load});
    pg->drops_confirmed = false;
    return UI_HANDLED;
}

static void confirm_drops(void *self)
{
    struct progress *pg = self;
    pg->drops_confirmed = true;
    save(self);
}

static bool dirty(void *self)
{
    struct progress *pg = self;
    return pg->grid.cells && grid_dirty(&pg->grid);
}

static int on_key(void *self, int key)
{
    struct progress *pg = self;
    return grid_key(&pg->grid, key) ? UI_HANDLED : UI_UNHANDLED;
}

static int note(struct progress *pg, enum progress_note which)
{
    if (pg->n_rows && pg->loaded)
        progress_note_edit(&pg->yd.items[pg->items[pg->grid.t.sel]], ui.unit, ui.year, ui.quarter,
                           pg->yd.locked, which);
    return UI_HANDLED;
}

static int deviation(void *self)
{
    struct progress *pg = self;
    return note(pg, NOTE_DEVIATION);
}

static int action(void *self)
{
    struct progress *pg = self;
    return note(pg, NOTE_ACTION);
}

static int decision(void *self)
{
    struct progress *pg = self;
    return note(pg, NOTE_DECISION);
}

static const struct ui_key keys[] = {
    {UI_K(KEY_F(2)), UI_CTRL('s'), "F2", "保存", save, true, NULL},
    {UI_CTRL('s'), 0, "Ctrl-S", "保存 (只写改过的行, 一个事务)", NULL, false, NULL},
    {'r', 0, "r", "偏差原因 (本季度, 已保存的行; 立即保存)", deviation, true, "偏差"},
    {'c', 0, "c", "整改措施 (纠偏; 本季度, 已保存的行; 立即保存)", action, true, "整改措施"},
    {'j', 0, "j", "处置决定 (继续/调整/暂缓/停止, 记今天的日期; 已保存的行; 立即保存)", decision,
     true, "决定"},
    {'\t', UI_K(KEY_RIGHT), "Tab/->", "下一列 (<- 上一列)", NULL, false, NULL},
    {'\n', 0, "Enter", "下一格 (行末到下一行的第一格)", NULL, false, NULL},
    {UI_K(KEY_DOWN), 0, "Down", "下一行 (Up 上一行, PgUp/PgDn 翻页)", NULL, false, NULL},
    {'0', 0, "0-9 . -", "在当前格输入数字 (第一个键替换原值)", NULL, false, NULL},
    {UI_K(KEY_BACKSPACE), UI_K(KEY_DC), "BSpace/Del", "删一个字符 / 清空当前格", NULL, false, NULL},
    {'/', 0, "/", "搜索", NULL, false, NULL},
};

const struct ui_screen screen_progress = {
    .name = "季度进度",
    .size = sizeof(struct progress),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .dirty = dirty,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
