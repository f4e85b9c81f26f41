/* Picks a unit (and for progress a quarter) before the per-unit screens. The extra columns
 * depend on the purpose: item counts, the quarter's reporting, or ledger sums against caps. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/load.h"
#include "model/rules.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/rectify_form.h"
#include "ui/screens.h"
#include "ui/table.h"

struct row {
    size_t items, reported;
    double points, sums[4]; /* by ledger type */
};

struct pick {
    struct ui_pick_request req;
    struct year_data yd;
    bool loaded;
    struct row *rows;
    struct table table;
};

static void fmt_capped(char *buf, size_t sz, double sum, double cap)
{
    if (rules_over_cap(sum, cap))
        snprintf(buf, sz, "%.2f/%.0f 超%.2f", sum, cap, sum - cap);
    else if (sum > 0)
        snprintf(buf, sz, "%.2f/%.0f", sum, cap);
}

static enum ui_role cell(void *ctx, size_t r, size_t col, char *buf, size_t sz)
{
    const struct pick *p = ctx;
    const struct year_data *yd = &p->yd;
    const struct unit *u = &yd->units[r];
    const struct row *w = &p->rows[r];
    if (col == 0)
        snprintf(buf, sz, "%s", u->code);
    else if (col == 1)
        snprintf(buf, sz, "%s", u->name);
    else if (col == 2)
        snprintf(buf, sz, "%s", u->pool);
    else if (p->req.purpose == PICK_TARGETS) {
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
        bool vetoed = w->sums[LEDGER_VETO] > 0.5;
        snprintf(buf, sz, "%s", vetoed ? "否决" : "");
        return vetoed ? ROLE_WARN_RED : ROLE_NORMAL;
    } else {
        double cap = col == 3 ? yd->scheme.inspection_cap : yd->scheme.complaint_cap;
        double sum = w->sums[col == 3 ? LEDGER_INSPECTION : LEDGER_COMPLAINT];
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

static void load(void *self)
{
    struct pick *p = self;
    const struct year_data *yd = &p->yd;
    drop(p);
    p->loaded = store_load_year(ui.st, ui.year, &p->yd) == STORE_OK;
    if (!p->loaded) {
        table_set_rows(&p->table, 0);
        return;
    }
    if (p->req.purpose == PICK_PROGRESS && ui.quarter_year != ui.year) {
        char today[11];
        ui_today(today);
        ui.quarter = rules_working_quarter(yd, today); /* then the operator's pick stays */
        ui.quarter_year = ui.year;
    }
    struct row *rows = p->rows = xcalloc(yd->n_units + 1, sizeof *rows);
    for (size_t i = 0; i < yd->n_items; i++) {
        struct row *w = &rows[yd->items[i].unit_index];
        w->items++;
        w->points += yd->items[i].points;
        w->reported += yd->items[i].q[ui.quarter - 1].present;
    }
    for (size_t i = 0; i < yd->n_ledger; i++)
        rows[yd->ledger[i].unit_index].sums[yd->ledger[i].type] +=
            yd->ledger[i].type == LEDGER_VETO ? 1 : yd->ledger[i].points;
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

static int on_key(void *self, int key)
{
    struct pick *p = self;
    const struct ui_pick_request req = p->req;
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
