/* 整改: the year's rectifications, open before done, by deadline; `f` shows all / open /
 * overdue / done. Enter closes the selected open one with a note (one transaction); `a` adds
 * one for a unit picked from the list, `e` corrects text and deadline, `o` opens a done one
 * again, `d` deletes (u takes it back). The lines under the list show the selected record in
 * full. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/rectify.h"
#include "db/units.h"
#include "db/years.h"
#include "model/text.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/confirm.h"
#include "ui/draw.h"
#include "ui/entry.h"
#include "ui/formspec.h"
#include "ui/prompt.h"
#include "ui/rectify_form.h"
#include "ui/report_key.h"
#include "ui/screens.h"
#include "ui/table.h"

enum show { SHOW_ALL, SHOW_OPEN, SHOW_OVERDUE, SHOW_DONE, SHOW_COUNT };
static const char *const show_names[] = {"全部", "未完成", "逾期", "已完成"};

#define DETAIL_ROWS 3

struct rectify {
    struct rectification *all; /* the year's records, store order */
    size_t n_all;
    char **names; /* unit name of each record */
    size_t *rows; /* indices into all after the filter */
    size_t n_rows;
    enum show show;
    char today[11];
    struct table table;
    size_t closing; /* index into all of the record being closed */
};

static const struct rectification *rec(struct rectify *rf, size_t row)
{
    return &rf->all[rf->rows[row]];
}

static enum ui_role cell(void *ctx, size_t row, size_t col, char *buf, size_t sz)
{
    struct rectify *rf = ctx;
    const struct rectification *r = rec(rf, row);
    switch (col) {
    case 0:
        snprintf(buf, sz, "%s", rectification_status_label(r, rf->today));
        return r->status == RECT_DONE                ? ROLE_OK
               : rectification_overdue(r, rf->today) ? ROLE_WARN_RED
                                                     : ROLE_WARN_YELLOW;
    case 1:
        snprintf(buf, sz, "%s %s", r->unit, rf->names[rf->rows[row]]);
        break;
    case 2:
        snprintf(buf, sz, "%s", r->deadline);
        break;
    case 3:
        if (r->source_item[0])
            snprintf(buf, sz, "Q%d %s", r->source_quarter, r->source_item);
        else if (r->source_ledger[0])
            snprintf(buf, sz, "台账 %.6s", r->source_ledger);
        break;
    default:
        snprintf(buf, sz, "%s", r->text);
        break;
    }
    return ROLE_NORMAL;
}

static const struct table_col cols[] = {
    {"状态", 6, false},  {"单位", 18, false},    {"期限", 10, false},
    {"来源", 12, false}, {"整改要求", 0, false},
};

static bool shown(struct rectify *rf, const struct rectification *r)
{
    switch (rf->show) {
    case SHOW_OPEN:
        return r->status == RECT_OPEN;
    case SHOW_OVERDUE:
        return rectification_overdue(r, rf->today);
    case SHOW_DONE:
        return r->status == RECT_DONE;
    default:
        return true;
    }
}

static void apply_filter(struct rectify *rf)
{
    rf->n_rows = 0;
    for (size_t i = 0; i < rf->n_all; i++)
        if (shown(rf, &rf->all[i]))
            rf->rows[rf->n_rows++] = i;
    table_set_rows(&rf->table, rf->n_rows);
}

static void free_all(struct rectify *rf)
{
    for (size_t i = 0; i < rf->n_all; i++)
        free(rf->names[i]);
    free(rf->names);
    store_free_rectifications(rf->all, rf->n_all);
    free(rf->rows);
    rf->all = NULL;
    rf->names = NULL;
    rf->rows = NULL;
    rf->n_all = rf->n_rows = 0;
}

static void load(void *self)
{
    struct rectify *rf = self;
    free_all(rf);
    ui_today(rf->today);
    if (store_rectify_list(ui.st, ui.year, NULL, RECT_FILTER_ALL, rf->today, &rf->all,
                           &rf->n_all) != STORE_OK)
        ui_error("读取整改失败: %s", store_errmsg(ui.st));
    rf->names = xcalloc(rf->n_all ? rf->n_all : 1, sizeof *rf->names);
    rf->rows = xcalloc(rf->n_all ? rf->n_all : 1, sizeof *rf->rows);
    for (size_t i = 0; i < rf->n_all; i++) {
        struct unit u;
        bool found = store_unit_get(ui.st, ui.year, rf->all[i].unit, &u) == STORE_OK;
        rf->names[i] = xstrdup(found && u.name ? u.name : "");
        if (found)
            unit_clear(&u);
    }
    apply_filter(rf);
}

static int id_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Reads the list again with the selection on the same record (a close re-sorts the list, so
 * the row under the cursor was another one: Enter then closed a record the operator had not
 * chosen); a record that was not there before — just added, or put back by u — is selected. */
static void reload(void *self)
{
    struct rectify *rf = self;
    size_t n_old = rf->n_all;
    char(*old)[KP_ID_LEN + 1] = xcalloc(n_old ? n_old : 1, sizeof *old);
    for (size_t i = 0; i < n_old; i++)
        memcpy(old[i], rf->all[i].id, sizeof old[i]);
    qsort(old, n_old, sizeof *old, id_cmp);
    char sel[KP_ID_LEN + 1] = "";
    if (rf->n_rows)
        memcpy(sel, rec(rf, rf->table.sel)->id, sizeof sel);
    load(rf);
    size_t found = rf->n_rows;
    for (size_t r = 0; r < rf->n_rows && found == rf->n_rows; r++)
        if (!bsearch(rec(rf, r)->id, old, n_old, sizeof *old, id_cmp))
            found = r;
    for (size_t r = 0; r < rf->n_rows && found == rf->n_rows; r++)
        if (strcmp(rec(rf, r)->id, sel) == 0)
            found = r;
    if (found < rf->n_rows)
        rf->table.sel = found;
    free(old);
}

static void enter(void *self, const void *arg)
{
    struct rectify *rf = self;
    (void)arg;
    table_init(&rf->table, cols, sizeof cols / sizeof cols[0], cell, rf);
    rf->show = SHOW_ALL;
    load(self);
}

static void leave(void *self)
{
    struct rectify *rf = self;
    free_all(rf);
}

static void draw_detail(struct rectify *rf, int y)
{
    if (rf->n_rows == 0)
        return;
    const struct rectification *r = rec(rf, rf->table.sel);
    int used = draw_wrapped(y, DETAIL_ROWS - 1, "整改要求: ", r->text);
    char line[256];
    if (r->status == RECT_DONE)
        draw_wrapped(y + used, DETAIL_ROWS - used,
                     "完成情况: ", r->close_note && *r->close_note ? r->close_note : UI_UNSET);
    else {
        snprintf(line, sizeof line, "登记于 %s, 期限 %s%s", r->created, r->deadline,
                 rectification_overdue(r, rf->today) ? " (已逾期)" : "");
        draw_text(stdscr, y + used, 1, COLS - 2, line, ROLE_DIM);
    }
}

static void draw(void *self)
{
    struct rectify *rf = self;
    int y = ui_body_top();
    size_t open = 0, overdue = 0;
    for (size_t i = 0; i < rf->n_all; i++) {
        open += rf->all[i].status == RECT_OPEN;
        overdue += rectification_overdue(&rf->all[i], rf->today);
    }
    char line[256];
    snprintf(line, sizeof line, "%d 年度整改 %zu 条: 未完成 %zu, 其中逾期 %zu   显示: %s (%zu)",
             ui.year, rf->n_all, open, overdue, show_names[rf->show], rf->n_rows);
    draw_text(stdscr, y, 1, COLS - 2, line, overdue ? ROLE_WARN_RED : ROLE_HEADER);
    int detail = ui_body_bottom() - DETAIL_ROWS + 1;
    table_draw(&rf->table, y + 1, detail - y - 1);
    if (rf->n_rows == 0)
        draw_text(stdscr, y + 2, 1, COLS - 2,
                  rf->n_all ? "(没有这一类的整改; 按 f 换筛选)"
                            : "(还没有整改。按 a 为一个单位登记, 或在双监控的预警上按 Enter)",
                  ROLE_DIM);
    draw_detail(rf, detail);
}

static int cycle_show(void *self)
{
    struct rectify *rf = self;
    rf->show = (enum show)((rf->show + 1) % SHOW_COUNT);
    rf->table.sel = rf->table.top = 0;
    apply_filter(rf);
    ui_status("显示: %s", show_names[rf->show]);
    return UI_HANDLED;
}

static int save_done(void *ctx, struct entry *e, char *err, size_t errsz)
{
    struct rectify *rf = ctx;
    char closed[11];
    ui_today(closed);
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_rectify_done(ui.st, rf->all[rf->closing].id, closed, entry_get(e, "note"));
    rc = store_end(ui.st, rc);
    if (rc != STORE_OK) {
        snprintf(err, errsz, "%s", store_errmsg(ui.st));
        return rc;
    }
    return 0;
}

/* A locked year refuses every change here before anything opens. */
static bool refuse_locked(void)
{
    bool locked = false;
    return store_year_locked(ui.st, ui.year, &locked) == STORE_OK && ui_refuse_locked(locked);
}

/* "D01 县发展和改革委员会, 期限 2026-12-31: text" for a question or a form's context line. */
static void describe(struct rectify *rf, size_t i, const char *lead, char *buf, size_t sz)
{
    snprintf(buf, sz, "%s%s %s, 期限 %s: %s", lead, rf->all[i].unit, rf->names[i],
             rf->all[i].deadline, rf->all[i].text);
}

static int close_selected(void *self)
{
    struct rectify *rf = self;
    if (ui_refuse_empty(rf->n_rows, "完成", "整改"))
        return UI_HANDLED;
    rf->closing = rf->rows[rf->table.sel];
    if (refuse_locked())
        return UI_HANDLED;
    if (rf->all[rf->closing].status == RECT_DONE) {
        ui_error("这条整改已经完成 (%s)", rf->all[rf->closing].closed);
        return UI_HANDLED;
    }
    struct entry *e = entry_new(formspec_get(ui.forms, "rectify_done"));
    char about[512];
    describe(rf, rf->closing, "关闭整改: ", about, sizeof about);
    entry_context(e, about);
    struct ui_form_request req = {.entry = e, .ctx = rf, .save = save_done};
    ui_push(&screen_form, &req);
    return UI_HANDLED;
}

static int add_new(void *self)
{
    (void)self;
    static const struct ui_pick_request pick = {"新增整改: 选择单位", NULL, PICK_RECTIFY};
    if (!refuse_locked())
        ui_push(&screen_pick_unit, &pick);
    return UI_HANDLED;
}

static int edit_selected(void *self)
{
    struct rectify *rf = self;
    if (ui_refuse_empty(rf->n_rows, "修改", "整改") || refuse_locked())
        return UI_HANDLED;
    char about[512];
    describe(rf, rf->rows[rf->table.sel], "修改整改: ", about, sizeof about);
    rectify_form_edit(rec(rf, rf->table.sel), about);
    return UI_HANDLED;
}

static void reopen_yes(void *arg)
{
    struct rectify *rf = arg;
    char unit[KP_CODE_MAX];
    snprintf(unit, sizeof unit, "%s", rf->all[rf->closing].unit);
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_rectify_reopen(ui.st, rf->all[rf->closing].id);
    if (store_end(ui.st, rc) != STORE_OK) {
        ui_error("未重新打开: %s", store_errmsg(ui.st));
        return;
    }
    reload(arg); /* frees all[] */
    ui_status("已重新打开 %s 的整改", unit);
}

static int reopen_selected(void *self)
{
    struct rectify *rf = self;
    if (ui_refuse_empty(rf->n_rows, "重新打开", "整改") || refuse_locked())
        return UI_HANDLED;
    rf->closing = rf->rows[rf->table.sel];
    if (rf->all[rf->closing].status != RECT_DONE) {
        ui_error("这条整改还未完成, 不需要重新打开");
        return UI_HANDLED;
    }
    char q[640];
    const char *note = rf->all[rf->closing].close_note ? rf->all[rf->closing].close_note : "";
    snprintf(q, sizeof q, "重新打开 %s 的整改, 清除完成情况「%.*s」(%s)? (y/N)",
             rf->all[rf->closing].unit, (int)text_cut_bytes(note, 400), note,
             rf->all[rf->closing].closed);
    prompt_confirm(q, reopen_yes, NULL, self);
    return UI_HANDLED;
}

static int delete_record(const char *id)
{
    return store_rectify_delete(ui.st, id);
}

static int delete_selected(void *self)
{
    struct rectify *rf = self;
    if (ui_refuse_empty(rf->n_rows, "删除", "整改") || refuse_locked())
        return UI_HANDLED;
    size_t i = rf->rows[rf->table.sel];
    struct ui_delete d = {.run = delete_record, .after = load, .self = self};
    char what[600]; /* a long text is cut whole here and marked by the prompt */
    describe(rf, i, "", what, sizeof what);
    text_end_whole(what);
    snprintf(d.question, sizeof d.question, "删除整改「%s」? (y/N)", what);
    snprintf(d.done, sizeof d.done, "已删除 %s 的整改", rf->all[i].unit);
    snprintf(d.key, sizeof d.key, "%s", rf->all[i].id);
    ui_confirm_delete(&d);
    return UI_HANDLED;
}

static int print_report(void *self)
{
    (void)self;
    ui_report_prompt(REPORT_RECTIFY, ui.year, 0);
    return UI_HANDLED;
}

static int on_key(void *self, int key)
{
    struct rectify *rf = self;
    return table_key(&rf->table, key) ? UI_HANDLED : UI_UNHANDLED;
}

static const struct ui_key keys[] = {
    {'f', '\t', "f", "筛选: 全部/未完成/逾期/已完成", cycle_show, true, "筛选"},
    {'\n', 'c', "Enter", "完成 (写明完成情况后关闭)", close_selected, true, "完成"},
    {'a', UI_K(KEY_IC), "a", "新增 (先选单位)", add_new, true, "新增"},
    {'e', 0, "e", "修改整改要求和期限", edit_selected, true, "修改"},
    {'o', 0, "o", "重新打开已完成的整改", reopen_selected, true, "重开"},
    {'d', UI_K(KEY_DC), "d", "删除 (u 可撤销)", delete_selected, true, "删除"},
    {'p', 0, "p", "生成整改清单 (.xlsx, 供打印; 与 kaoping report rectify 相同)", print_report,
     true, "报表"},
    {'/', 0, "/", "搜索", NULL, true, NULL},
};

const struct ui_screen screen_rectify = {
    .name = "整改",
    .size = sizeof(struct rectify),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .resume = reload,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
