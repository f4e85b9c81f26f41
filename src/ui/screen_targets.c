/* 任务书: the items of one unit by category with points. Per category the sum of points is
 * shown against the category's points, and a mismatch or an item count outside the seed's
 * limits is flagged (a warning, never a block). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/approvals.h"
#include "db/load.h"
#include "db/load_unit.h"
#include "db/targets.h"
#include "model/adjust.h"
#include "model/rules.h"
#include "model/score.h"
#include "model/text.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/confirm.h"
#include "ui/draw.h"
#include "ui/entry.h"
#include "ui/formspec.h"
#include "ui/prompt.h"
#include "ui/screens.h"
#include "ui/table.h"

struct row {
    long item;    /* index into yd.items, -1 for a category line */
    size_t cat;   /* index into yd.categories */
    size_t count; /* category line: items */
    double sum;   /* category line: sum of points */
};

struct targets {
    struct year_data yd;
    bool loaded;
    long unit_idx; /* -1 until load finds ui.unit */
    struct row *rows;
    size_t n_rows;
    struct table table;
    char editing[KP_CODE_MAX];
    char warn_line[256];
    struct target_approval approval; /* of the unit's 任务书 this year */
    bool show_adj;                   /* j: the year's adjustments instead of the items */
    struct table adj_table;
};

static const char *cat_warning(struct targets *tg, const struct row *r, char *buf, size_t sz)
{
    const struct category *c = &tg->yd.categories[r->cat];
    buf[0] = '\0';
    size_t used = 0;
    size_t lo, hi;
    if (!rules_sum_matches(r->sum, c->points))
        used += (size_t)snprintf(buf, sz, " !合计应为 %.2f", c->points);
    if (!rules_item_count_ok(c->name, r->count) && rules_item_limits(c->name, &lo, &hi) &&
        used < sz)
        snprintf(buf + used, sz - used, " !条目数应为 %zu-%zu", lo, hi);
    return buf;
}

static enum ui_role cell(void *ctx, size_t r, size_t col, char *buf, size_t sz)
{
    struct targets *tg = ctx;
    const struct row *w = &tg->rows[r];
    if (w->item < 0) {
        const struct category *c = &tg->yd.categories[w->cat];
        char warn[160];
        cat_warning(tg, w, warn, sizeof warn);
        if (col == 0)
            snprintf(buf, sz, "[%s %g分] %zu 条, 合计 %.2f%s", c->name, c->points, w->count, w->sum,
                     warn);
        return warn[0] ? ROLE_WARN_YELLOW : ROLE_HEADER;
    }
    const struct target_item *it = &tg->yd.items[w->item];
    switch (col) {
    case 0:
        snprintf(buf, sz, "  %s", it->code);
        break;
    case 1:
        snprintf(buf, sz, "%s", it->name);
        break;
    case 2:
        snprintf(buf, sz, "%.2f", it->points);
        break;
    case 3:
        snprintf(buf, sz, "%s", method_label(it->method));
        break;
    case 4:
        snprintf(buf, sz, "%g%s", it->target, it->measure ? it->measure : "");
        break;
    case 5:
        if (it->budget > 0)
            snprintf(buf, sz, "%g", it->budget);
        break;
    case 6:
        snprintf(buf, sz, "%g/%g/%g/%g", it->schedule[0], it->schedule[1], it->schedule[2],
                 it->schedule[3]);
        break;
    }
    return ROLE_NORMAL;
}

static bool is_heading(void *ctx, size_t r)
{
    struct targets *tg = ctx;
    return tg->rows[r].item < 0;
}

static const struct table_col cols[] = {
    {"编码", 6, false},    {"指标名称", 26, false}, {"分值", 6, true},       {"方法", 4, false},
    {"目标值", 12, false}, {"预算", 7, true},       {"序时进度%", 0, false},
};

static void build_rows(struct targets *tg)
{
    free(tg->rows);
    tg->rows = xcalloc(tg->yd.n_categories + tg->yd.n_items + 1, sizeof *tg->rows);
    tg->n_rows = 0;
    tg->warn_line[0] = '\0';
    const struct unit *u = &tg->yd.units[tg->unit_idx];
    for (size_t c = 0; c < tg->yd.n_categories; c++) {
        if (strcmp(tg->yd.categories[c].pool, u->pool) != 0)
            continue;
        size_t head = tg->n_rows++;
        tg->rows[head] = (struct row){-1, c, 0, 0};
        for (size_t i = 0; i < tg->yd.n_items; i++)
            if (tg->yd.items[i].unit_index == (size_t)tg->unit_idx &&
                strcmp(tg->yd.items[i].category, tg->yd.categories[c].name) == 0) {
                tg->rows[tg->n_rows++] = (struct row){(long)i, c, 0, 0};
                tg->rows[head].count++;
                tg->rows[head].sum += tg->yd.items[i].points;
            }
        char warn[160];
        if (!tg->warn_line[0] && cat_warning(tg, &tg->rows[head], warn, sizeof warn)[0])
            snprintf(tg->warn_line, sizeof tg->warn_line, "提醒: %s%s", tg->yd.categories[c].name,
                     warn);
    }
    table_set_rows(&tg->table, tg->n_rows);
}

/* The year's target adjustments (j), one per row, newest last within each unit and item. */
static enum ui_role adj_cell(void *ctx, size_t r, size_t col, char *buf, size_t sz)
{
    struct targets *tg = ctx;
    const struct target_adjustment *a = &tg->yd.adjustments[r];
    char v[48];
    switch (col) {
    case 0:
        snprintf(buf, sz, "%s", tg->yd.units[a->unit_index].code);
        break;
    case 1:
        snprintf(buf, sz, "%s", a->item);
        break;
    case 2:
        snprintf(buf, sz, "%s", adj_field_label(a->field));
        break;
    case 3:
        snprintf(buf, sz, "%s→", score_fmt_plain(a->old_value, v, sizeof v));
        snprintf(buf + strlen(buf), sz - strlen(buf), "%s",
                 score_fmt_plain(a->new_value, v, sizeof v));
        break;
    case 4:
        snprintf(buf, sz, "Q%d起", a->from_quarter);
        break;
    case 5:
        snprintf(buf, sz, "%s / %s", a->reason && *a->reason ? a->reason : UI_UNSET,
                 a->approved_by && *a->approved_by ? a->approved_by : UI_UNSET);
        break;
    case 6:
        snprintf(buf, sz, "%.10s", a->recorded_at ? a->recorded_at : "");
        break;
    }
    return a->reason && *a->reason ? ROLE_NORMAL : ROLE_WARN_YELLOW;
}

/* 78 columns with the gaps, so 记录日期 shows at 80 (it was pushed off); 原因 / 批准人 takes
 * what a wider terminal has, and the detail line has it whole. */
static const struct table_col adj_cols[] = {
    {"单位", 5, false},          {"指标", 5, false}, {"调整项目", 14, false},
    {"原值→新值", 11, false},    {"起始", 5, false}, {"原因 / 批准人", 22, false},
    {"记录日期", 10, false},
};

static void load(void *self)
{
    struct targets *tg = self;
    if (tg->loaded)
        year_data_free(&tg->yd);
    tg->loaded = store_load_year_unit(ui.st, ui.year, ui.unit, true, &tg->yd) == STORE_OK;
    if (store_target_approval_get(ui.st, ui.year, ui.unit, &tg->approval) != STORE_OK)
        memset(&tg->approval, 0, sizeof tg->approval);
    table_set_rows(&tg->adj_table, tg->loaded ? tg->yd.n_adjustments : 0);
    tg->unit_idx = tg->loaded ? year_data_find_unit(&tg->yd, ui.unit) : -1;
    if (tg->unit_idx < 0) {
        tg->n_rows = 0;
        table_set_rows(&tg->table, 0);
        return;
    }
    build_rows(tg);
}

static void enter(void *self, const void *arg)
{
    struct targets *tg = self;
    (void)arg;
    table_init(&tg->table, cols, 7, cell, tg);
    tg->table.span = is_heading;
    tg->table.grow = TABLE_GROW(1) | TABLE_GROW(4); /* 指标名称, 目标值 with its unit */
    tg->table.detail = 1;
    table_init(&tg->adj_table, adj_cols, 7, adj_cell, tg);
    tg->adj_table.grow = TABLE_GROW(5);
    tg->adj_table.detail = 2;
    tg->show_adj = false;
    load(self);
    tg->table.sel = tg->n_rows > 1 && tg->rows[1].item >= 0
                        ? 1
                        : 0; /* the first item, else the first category */
}

static void leave(void *self)
{
    struct targets *tg = self;
    ui_year_drop(&tg->yd, &tg->loaded);
    free(tg->rows);
    tg->rows = NULL;
    tg->n_rows = 0;
}

static void resume(void *self)
{
    struct targets *tg = self;
    load(self);
    for (size_t r = 0; r < tg->n_rows; r++)
        if (tg->rows[r].item >= 0 && strcmp(tg->yd.items[tg->rows[r].item].code, tg->editing) == 0)
            tg->table.sel = r;
}

static void draw(void *self)
{
    struct targets *tg = self;
    if (tg->unit_idx < 0) {
        draw_text(stdscr, ui_body_top(), 1, COLS - 2, "找不到单位", ROLE_ERROR);
        return;
    }
    char line[400];
    if (tg->show_adj) {
        snprintf(line, sizeof line, "%d 年度目标调整 %zu 条 (j 返回任务书)", ui.year,
                 tg->yd.n_adjustments);
        draw_text(stdscr, ui_body_top(), 1, COLS - 2, line, ROLE_HEADER);
        table_draw(&tg->adj_table, ui_body_top() + 1, ui_body_bottom() - ui_body_top());
        return;
    }
    const struct unit *u = &tg->yd.units[tg->unit_idx];
    char state[200];
    if (tg->approval.approved)
        snprintf(state, sizeof state, "已批复 %s %s", tg->approval.date, tg->approval.by);
    else
        snprintf(state, sizeof state, "未批复");
    snprintf(line, sizeof line, "%s %s (%s) %d 年度任务书  %s", u->code, u->name, u->pool, ui.year,
             state);
    int w = text_width(line);
    if (w > COLS - 2)
        w = COLS - 2; /* a long approver: cut here with ~, never past the edge */
    draw_text(stdscr, ui_body_top(), 1, w, line, ROLE_HEADER);
    if (COLS - w - 4 > 0)
        draw_text(stdscr, ui_body_top(), w + 3, COLS - w - 4, tg->warn_line, ROLE_WARN_YELLOW);
    table_draw(&tg->table, ui_body_top() + 1, ui_body_bottom() - ui_body_top());
}

static bool get_num(struct entry *e, const char *name, double *v, double dflt)
{
    if (!entry_get_number(e, name, v))
        *v = dflt;
    return true;
}

static int save(void *ctx, struct entry *e, char *err, size_t errsz)
{
    struct targets *tg = ctx;
    struct target_item it = {0};
    it.code = (char *)entry_get(e, "code");
    char why[160];
    if (!rules_code_valid(it.code, why, sizeof why) &&
        !(tg->editing[0] && strcmp(tg->editing, it.code) == 0)) {
        snprintf(err, errsz, "指标编码%s", why);
        return -1;
    }
    if (tg->editing[0] && strcmp(tg->editing, it.code) != 0) {
        snprintf(err, errsz, "指标编码不能修改 (原为 %s)", tg->editing);
        return -1;
    }
    if (!tg->editing[0])
        for (size_t i = 0; i < tg->yd.n_items; i++)
            if (tg->yd.items[i].unit_index == (size_t)tg->unit_idx &&
                strcmp(tg->yd.items[i].code, it.code) == 0) {
                snprintf(err, errsz, "指标编码 %s 已存在", it.code);
                return -1;
            }
    it.category = (char *)entry_get(e, "category");
    it.name = (char *)entry_get(e, "name");
    if (!method_parse(entry_get(e, "method"), &it.method)) {
        snprintf(err, errsz, "未知的计分方法");
        return -1;
    }
    get_num(e, "points", &it.points, 0);
    get_num(e, "target", &it.target, 0);
    get_num(e, "budget", &it.budget, 0);
    double from = 0;
    struct target_change chg = {entry_get(e, "adj_reason"), entry_get(e, "adj_by"), 0};
    if (entry_get_number(e, "adj_from", &from))
        chg.from_quarter = (int)from;
    bool change = (chg.reason && *chg.reason) || (chg.approved_by && *chg.approved_by) || from;
    it.measure = *entry_get(e, "measure") ? (char *)entry_get(e, "measure") : NULL;
    static const char *const sched[KP_QUARTERS] = {"sched1", "sched2", "sched3", "sched4"};
    for (int q = 0; q < KP_QUARTERS; q++)
        get_num(e, sched[q], &it.schedule[q], 25.0 * (q + 1));
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_target_put_adjusted(ui.st, ui.year, ui.unit, &it, change ? &chg : NULL, NULL);
    rc = store_end(ui.st, rc);
    if (rc != STORE_OK) {
        snprintf(err, errsz, "%s", store_errmsg(ui.st));
        return rc;
    }
    snprintf(tg->editing, sizeof tg->editing, "%s", it.code);
    return 0;
}

static void set_num(struct entry *e, const char *name, double v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%g", v);
    entry_set(e, name, buf);
}

static void open_form(struct targets *tg, const struct target_item *it, const char *category)
{
    struct entry *e = entry_new(formspec_get(ui.forms, "target"));
    char title[64]; /* whose 任务书: the form showed only 任务书条目 */
    snprintf(title, sizeof title, "%s %s", entry_title(e), tg->yd.units[tg->unit_idx].code);
    entry_retitle(e, title);
    entry_fill_choices(e, tg->yd.units[tg->unit_idx].pool);
    static const char *const sched[KP_QUARTERS] = {"sched1", "sched2", "sched3", "sched4"};
    if (it) {
        entry_set(e, "code", it->code);
        entry_set(e, "category", it->category);
        entry_set(e, "name", it->name);
        set_num(e, "points", it->points);
        entry_set(e, "method", method_label(it->method));
        set_num(e, "target", it->target);
        entry_set(e, "measure", it->measure);
        if (it->budget > 0) /* none stays empty, as in the list (0 read as a budget of 0) */
            set_num(e, "budget", it->budget);
        for (int q = 0; q < KP_QUARTERS; q++)
            set_num(e, sched[q], it->schedule[q]);
    } else {
        if (category)
            entry_set(e, "category", category);
        for (int q = 0; q < KP_QUARTERS; q++)
            set_num(e, sched[q], 25.0 * (q + 1));
    }
    snprintf(tg->editing, sizeof tg->editing, "%s", it ? it->code : "");
    struct ui_form_request r = {.entry = e, .ctx = tg, .save = save};
    ui_push(&screen_form, &r);
}

/* a, Enter, d and p act on the items, not on the list of adjustments (j) shown instead. */
static bool refuse_adjustments(const struct targets *tg)
{
    if (tg->show_adj)
        ui_error("这里是调整记录 (只供查看), 按 j 回到任务书");
    return tg->show_adj;
}

static int add(void *self)
{
    struct targets *tg = self;
    if (refuse_adjustments(tg) || tg->unit_idx < 0 || ui_refuse_locked(tg->yd.locked))
        return UI_HANDLED;
    const char *cat = tg->n_rows ? tg->yd.categories[tg->rows[tg->table.sel].cat].name : NULL;
    open_form(tg, NULL, cat);
    return UI_HANDLED;
}

static int edit(void *self)
{
    struct targets *tg = self;
    if (refuse_adjustments(tg) || ui_refuse_empty(tg->n_rows, "修改", "条目") ||
        ui_refuse_locked(tg->yd.locked))
        return UI_HANDLED;
    if (tg->rows[tg->table.sel].item < 0)
        return add(self);
    open_form(tg, &tg->yd.items[tg->rows[tg->table.sel].item], NULL);
    return UI_HANDLED;
}

static int delete_item(const char *code)
{
    return store_target_delete(ui.st, ui.year, ui.unit, code);
}

static int delete (void *self)
{
    struct targets *tg = self;
    if (refuse_adjustments(tg) || ui_refuse_empty(tg->n_rows, "删除", "条目") ||
        ui_refuse_locked(tg->yd.locked))
        return UI_HANDLED;
    if (tg->rows[tg->table.sel].item < 0) {
        ui_error("选中的是类别行: 选一条指标再按 d 删除");
        return UI_HANDLED;
    }
    const struct target_item *it = &tg->yd.items[tg->rows[tg->table.sel].item];
    struct ui_delete d = {.run = delete_item, .after = load, .self = self};
    snprintf(d.question, sizeof d.question, "删除 %s 的任务书条目 %s「%s」? (y/N)", ui.unit,
             it->code, it->name);
    snprintf(d.done, sizeof d.done, "已删除条目 %s", it->code);
    snprintf(d.key, sizeof d.key, "%s", it->code);
    ui_confirm_delete(&d);
    return UI_HANDLED;
}

static int search(void *self)
{
    struct targets *tg = self;
    table_key(tg->show_adj ? &tg->adj_table : &tg->table, '/'); /* the list on screen */
    return UI_HANDLED;
}

static void approve_done(void *arg, const char *by)
{
    if (!by || !*by) {
        ui_error("批复须写明批准人");
        return;
    }
    char today[11];
    ui_today(today);
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_targets_approve(ui.st, ui.year, ui.unit, today, by);
    rc = store_end(ui.st, rc);
    if (rc != STORE_OK)
        ui_error("%s", store_errmsg(ui.st));
    else
        ui_status("%s 的 %d 年度任务书已批复 (%s, %s); 此后改目标须填调整原因、批准人和起始季度",
                  ui.unit, ui.year, today, by);
    load(arg);
}

/* p: marks the unit's 任务书 approved (已批复), asking for the approver. */
static int approve(void *self)
{
    struct targets *tg = self;
    if (refuse_adjustments(tg) || tg->unit_idx < 0 || ui_refuse_locked(tg->yd.locked))
        return UI_HANDLED;
    if (tg->approval.approved) {
        ui_status("任务书已于 %s 由 %s 批复", tg->approval.date, tg->approval.by);
        return UI_HANDLED;
    }
    prompt_text("批复任务书", "批准人", "", 16, approve_done, self);
    return UI_HANDLED;
}

/* j: the year's target adjustments, and back. */
static int adjustments(void *self)
{
    struct targets *tg = self;
    tg->show_adj = !tg->show_adj;
    return UI_HANDLED;
}

static int on_key(void *self, int key)
{
    struct targets *tg = self;
    if (tg->show_adj)
        return table_key(&tg->adj_table, key) ? UI_HANDLED : UI_UNHANDLED;
    return table_key(&tg->table, key) ? UI_HANDLED : UI_UNHANDLED;
}

static const struct ui_key keys[] = {
    {'a', UI_K(KEY_IC), "a", "新增条目", add, true, NULL},
    {'\n', 'e', "Enter", "修改", edit, true, NULL},
    {'d', UI_K(KEY_DC), "d", "删除", delete, true, NULL},
    {'/', 0, "/", "搜索", search, true, NULL},
    {'p', 0, "p", "批复", approve, true, NULL},
    {'j', 0, "j", "调整记录", adjustments, true, NULL},
    {'j', 0, "j", "返回任务书 (在调整记录中)", adjustments, true, "返回任务书"},
};

/* The bar offers what applies now: the item keys and j 调整记录 on the 任务书, / and j 返回任务书
 * on the list of adjustments (the others only say they do not apply there). */
static bool bar_key(void *self, const struct ui_key *k)
{
    const struct targets *tg = self;
    if (k->key == 'j')
        return (strcmp(k->help, "调整记录") != 0) == tg->show_adj;
    return !tg->show_adj || k->action == search;
}

const struct ui_screen screen_targets = {
    .name = "任务书",
    .size = sizeof(struct targets),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .resume = resume,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
    .bar_key = bar_key,
};
