/* 年度审定: the year's lock state, what the results look like (units ranked, incomplete,
 * vetoed), and the history of locks and unlocks from the audit log. `l` locks after the
 * results are approved; `u` unlocks with a reason. The database enforces the lock for every
 * program (triggers), so the UI and the CLI refuse alike. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publish.h"
#include "db/audit.h"
#include "db/years.h"
#include "model/audit_text.h"
#include "model/rules.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/prompt.h"
#include "ui/results.h"
#include "ui/screens.h"
#include "ui/table.h"

struct lock {
    bool locked, known;
    size_t n_ranked, n_incomplete, n_vetoed;
    struct audit_row *history; /* audit rows of this year's `year` row, newest first */
    size_t n_history;
    struct table table;
};

/* The audit row's new value says which way the lock went, and with which note. */
static bool row_locks(const struct audit_row *r)
{
    char v[8];
    return audit_value(r->new_json, "locked", v, sizeof v) && strcmp(v, "1") == 0;
}

static void row_note(const struct audit_row *r, char *buf, size_t sz)
{
    if (!audit_value(r->new_json, "lock_note", buf, sz))
        buf[0] = '\0';
}

static enum ui_role cell(void *ctx, size_t row, size_t col, char *buf, size_t sz)
{
    struct lock *lk = ctx;
    const struct audit_row *r = &lk->history[row];
    switch (col) {
    case 0:
        snprintf(buf, sz, "%.19s", r->at);
        break;
    case 1:
        snprintf(buf, sz, "%s", r->operator_name);
        break;
    case 2:
        snprintf(buf, sz, "%s",
                 strcmp(r->action, "insert") == 0 ? "建立年度"
                 : row_locks(r)                   ? "审定锁定"
                                                  : "解锁");
        return strcmp(r->action, "insert") == 0 ? ROLE_DIM
               : row_locks(r)                   ? ROLE_OK
                                                : ROLE_WARN_YELLOW;
    default:
        row_note(r, buf, sz);
        break;
    }
    return ROLE_NORMAL;
}

static const struct table_col cols[] = {
    {"时间", 19, false},
    {"操作员", 10, false},
    {"事件", 8, false},
    {"理由 / 说明", 0, false},
};

static void load_history(struct lock *lk)
{
    store_free_audit(lk->history, lk->n_history);
    lk->history = NULL;
    lk->n_history = 0;
    char key[16];
    snprintf(key, sizeof key, "%d", ui.year);
    /* this year's row alone: the whole log's `year` rows were a walk of every header */
    struct audit_filter f = {.table = "year", .row_key = key};
    if (store_audit_query(ui.st, &f, &lk->history, &lk->n_history) != STORE_OK) {
        ui_error("读取审计日志失败: %s", store_errmsg(ui.st));
        return;
    }
    table_set_rows(&lk->table, lk->n_history);
}

static void load(void *self)
{
    struct lock *lk = self;
    lk->known = store_year_locked(ui.st, ui.year, &lk->locked) == STORE_OK;
    lk->n_ranked = lk->n_incomplete = lk->n_vetoed = 0;
    char err[256];
    /* The lock keeps the year-end: count it, whichever stage 排名结果 (h) was showing. */
    const struct results *r = NULL;
    if (results_stage() == STAGE_YEAR || results_set_stage(ui.st, ui.year, STAGE_YEAR, err, sizeof err))
        r = results_get(ui.st, ui.year, err, sizeof err);
    if (r)
        for (size_t i = 0; i < r->ys.n_units; i++) {
            const struct unit_score *us = &r->ys.units[i];
            lk->n_ranked += us->takes_part;
            lk->n_incomplete += us->takes_part && us->missing;
            lk->n_vetoed += us->veto;
        }
    load_history(lk);
}

static void enter(void *self, const void *arg)
{
    struct lock *lk = self;
    (void)arg;
    table_init(&lk->table, cols, sizeof cols / sizeof cols[0], cell, lk);
    lk->table.detail = 1; /* the selected event whole: an unlock's reason is cut in its column */
    load(self);
}

static void leave(void *self)
{
    struct lock *lk = self;
    store_free_audit(lk->history, lk->n_history);
    lk->history = NULL;
    lk->n_history = 0;
}

static void draw(void *self)
{
    struct lock *lk = self;
    int y = ui_body_top();
    char line[256];
    if (!lk->known) {
        draw_text(stdscr, y, 1, COLS - 2, "没有这个年度", ROLE_DIM);
        return;
    }
    snprintf(line, sizeof line, "%d 年度: %s", ui.year,
             lk->locked ? "已审定 (锁定): 任何修改都会被拒绝" : "未审定: 可以修改");
    draw_text(stdscr, y + 1, 1, COLS - 2, line, lk->locked ? ROLE_OK : ROLE_HEADER);
    snprintf(line, sizeof line, "考核结果: %zu 个单位, 数据不全 %zu 个, 一票否决 %zu 个 (年终总评)",
             lk->n_ranked, lk->n_incomplete, lk->n_vetoed);
    draw_text(stdscr, y + 2, 1, COLS - 2, line, lk->n_incomplete ? ROLE_WARN_YELLOW : ROLE_NORMAL);
    draw_text(stdscr, y + 3, 1, COLS - 2,
              lk->locked
                  ? "按 u 解锁 (必须写明理由, 记入审计日志)"
                  : "结果审定后按 l 锁定: 方案、任务书、进度、台账、公众评议、整改都不能再改",
              ROLE_DIM);
    draw_text(stdscr, y + 5, 1, COLS - 2, "审定记录 (最新在前)", ROLE_HEADER);
    table_draw(&lk->table, y + 6, ui_body_bottom() - y - 5);
}

/* Locking keeps the year-end as published: app_lock_year publishes it first when needed. */
static int apply(struct lock *lk, bool lock, const char *note)
{
    bool published = false;
    int rc = STORE_OK;
    if (lock) {
        rc = app_lock_year(ui.st, ui.year, note, &published);
    } else {
        rc = store_begin(ui.st);
        if (rc == STORE_OK)
            rc = store_year_set_lock(ui.st, ui.year, lock, note);
        rc = store_end(ui.st, rc);
    }
    if (rc != STORE_OK)
        ui_error("%s", store_errmsg(ui.st));
    else if (published)
        ui_status("%d 年度已审定锁定; 年终总评随审定发布 (快照)", ui.year);
    else
        ui_status(lock ? "%d 年度已审定锁定" : "%d 年度已解锁", ui.year);
    load(lk);
    return UI_HANDLED;
}

static void lock_yes(void *arg)
{
    apply(arg, true, "审定锁定");
}

static void lock_no(void *arg)
{
    (void)arg;
    ui_status("未锁定");
}

static int lock_year(void *self)
{
    struct lock *lk = self;
    if (lk->locked) {
        ui_error("%d 年度已经审定锁定", ui.year);
        return UI_HANDLED;
    }
    char q[160];
    snprintf(q, sizeof q, "审定锁定 %d 年度? 锁定后不能修改%s (y/N)", ui.year,
             lk->n_incomplete ? ", 注意还有数据不全的单位" : "");
    prompt_confirm(q, lock_yes, lock_no, lk);
    return UI_HANDLED;
}

static void unlock_with(void *arg, const char *reason)
{
    if (!rules_reason_given(reason)) {
        ui_error("解锁需要填写理由, 未解锁");
        return;
    }
    apply(arg, false, reason);
}

static int unlock_year(void *self)
{
    struct lock *lk = self;
    if (!lk->locked) {
        ui_error("%d 年度未锁定", ui.year);
        return UI_HANDLED;
    }
    prompt_text("解锁年度", "理由", "", 40, unlock_with, lk);
    return UI_HANDLED;
}

static int on_key(void *self, int key)
{
    struct lock *lk = self;
    return table_key(&lk->table, key) ? UI_HANDLED : UI_UNHANDLED;
}

static const struct ui_key keys[] = {
    {'l', 0, "l", "审定锁定", lock_year, true, NULL},
    {'u', 0, "u", "解锁 (写理由)", unlock_year, true, NULL},
};

/* The bar offers what applies now: l on an open year, u on a locked one. */
static bool bar_key(void *self, const struct ui_key *k)
{
    return (k->key == 'u') == ((struct lock *)self)->locked;
}

const struct ui_screen screen_lock = {
    .name = "年度审定",
    .size = sizeof(struct lock),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .resume = load,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
    .bar_key = bar_key,
};
