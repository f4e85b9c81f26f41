/* 双监控: one quarter of the year at a time. Two views (Tab): the warnings, most severe
 * first, with both rates, the schedule and both lags; and the per-unit summary of overall
 * execution against 序时进度 (`b` keeps only the units below it, the 通报 list). Enter on a
 * warning raises a rectification with a prefilled form; `j`, `r`, `c` record its decision,
 * 偏差原因 and 整改措施 as 季度进度 does (ui/progress_notes.h). The rules: model/monitor.h. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/load_monitor.h"
#include "model/monitor.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/levels.h"
#include "ui/progress_notes.h"
#include "ui/rectify_form.h"
#include "ui/report_key.h"
#include "ui/screen_monitor_cache.h"
#include "ui/screens.h"
#include "ui/table.h"

enum view { VIEW_WARNINGS, VIEW_UNITS };

/* One 双监控's own state. */
struct monitor {
    int quarter;
    /* the quarter as ui/screen_monitor_cache.h keeps it (NULL: not readable); warns and
     * units point into it */
    const struct monitor_quarter *mq;
    enum view view;
    bool only_below;                 /* summary: only the units below 序时进度 */
    const struct monitor_row *warns; /* most severe first */
    size_t n_warns;
    const struct monitor_unit *units; /* unit code order */
    size_t n_units;
    size_t *below; /* indices into units, furthest behind first */
    size_t n_below;
    struct table wtable, utable;
};

static void pct_cell(char *buf, size_t sz, bool present, double v)
{
    if (present)
        monitor_format_pct(buf, sz, v);
    else
        snprintf(buf, sz, "%s", UI_NOT_APPLICABLE);
}

static enum ui_role warn_cell(void *ctx, size_t row, size_t col, char *buf, size_t sz)
{
    struct monitor *mo = ctx;
    const struct monitor_row *w = &mo->warns[row];
    const struct target_item *it = &mo->mq->yd.items[w->item_index];
    switch (col) {
    case 0:
        snprintf(buf, sz, "%s", levels_text(w));
        return levels_role(w);
    case 1:
        snprintf(buf, sz, "%s %s", mo->mq->yd.units[w->unit_index].code,
                 mo->mq->yd.units[w->unit_index].name);
        break;
    case 2:
        snprintf(buf, sz, "%s %s", it->code, it->name);
        break;
    case 3:
        pct_cell(buf, sz, w->completion.has_rate, w->completion.rate);
        break;
    case 4:
        pct_cell(buf, sz, w->execution.has_rate, w->execution.rate);
        break;
    case 5:
        snprintf(buf, sz, "%g", w->schedule);
        break;
    case 6:
        pct_cell(buf, sz, w->completion.has_lag, w->completion.lag);
        break;
    default:
        pct_cell(buf, sz, w->execution.has_lag, w->execution.lag);
        break;
    }
    return ROLE_NORMAL;
}

/* The selected warning whole: unit, item, and the quarter's 偏差原因 / 整改措施 / 处置决定 / 更正
 * as typed in 季度进度 (issue 15 item 5). */
static void warn_detail(void *ctx, size_t row, char *buf, size_t sz)
{
    struct monitor *mo = ctx;
    const struct monitor_row *w = &mo->warns[row];
    const struct target_item *it = &mo->mq->yd.items[w->item_index];
    const struct quarter_progress *q = &it->q[mo->quarter - 1];
    char done[96];
    monitor_followup_text(q, done, sizeof done);
    snprintf(buf, sz, "%s %s  %s %s  偏差原因: %s  整改措施: %s%s%s",
             mo->mq->yd.units[w->unit_index].code, mo->mq->yd.units[w->unit_index].name, it->code,
             it->name, q->deviation ? q->deviation : UI_UNSET, q->action ? q->action : UI_UNSET,
             *done ? "  " : "", done);
}

/* 80 columns at 80x24: the lags are those of the JSON output (completion_lag, execution_lag). */
static const struct table_col warn_cols[] = {
    {"预警", 13, false}, {"单位", 13, false}, {"指标", 15, false},   {"完成%", 6, true},
    {"执行%", 6, true},  {"序时", 4, true},   {"完成滞后", 8, true}, {"执行滞后", 8, true},
};

static const struct monitor_unit *unit_row(struct monitor *mo, size_t row)
{
    return &mo->units[mo->only_below ? mo->below[row] : row];
}

static enum ui_role unit_cell(void *ctx, size_t row, size_t col, char *buf, size_t sz)
{
    struct monitor *mo = ctx;
    const struct monitor_unit *m = unit_row(mo, row);
    const struct unit *u = &mo->mq->yd.units[m->unit_index];
    switch (col) {
    case 0:
        snprintf(buf, sz, "%s %s", u->code, u->name);
        break;
    case 1:
        pct_cell(buf, sz, m->has_execution, m->execution);
        break;
    case 2:
        pct_cell(buf, sz, m->has_execution, m->schedule);
        break;
    case 3:
        pct_cell(buf, sz, m->has_execution, m->lag);
        break;
    case 4:
        snprintf(buf, sz, "%zu", m->red);
        return m->red ? ROLE_WARN_RED : ROLE_NORMAL;
    case 5:
        snprintf(buf, sz, "%zu", m->yellow);
        return m->yellow ? ROLE_WARN_YELLOW : ROLE_NORMAL;
    case 6:
        snprintf(buf, sz, "%zu", m->missing);
        break;
    case 7:
        snprintf(buf, sz, "%zu", m->mismatch);
        break;
    case 8:
        snprintf(buf, sz, "%s", monitor_level_label(m->worst));
        return m->worst == MONITOR_RED      ? ROLE_WARN_RED
               : m->worst == MONITOR_YELLOW ? ROLE_WARN_YELLOW
                                            : ROLE_NORMAL;
    default:
        snprintf(buf, sz, "%s", m->below_schedule ? "!低于序时" : "");
        return ROLE_WARN_RED;
    }
    return ROLE_NORMAL;
}

static const struct table_col unit_cols[] = {
    {"单位", 19, false}, {"执行率%", 7, true}, {"序时%", 6, true}, {"滞后", 6, true},
    {"红", 3, true},     {"黄", 3, true},      {"未填", 4, true},  {"不匹配", 6, true},
    {"最差", 8, false},  {"通报", 0, false},
};

static void free_rows(struct monitor *mo)
{
    free(mo->below);
    mo->mq = NULL, mo->warns = NULL, mo->units = NULL, mo->below = NULL;
    mo->n_warns = mo->n_units = mo->n_below = 0;
}

/* The quarter from the cache (read now unless kept: ui/screen_monitor_cache.h). */
static void compute(struct monitor *mo)
{
    free_rows(mo);
    mo->mq = monitor_cache_get(ui.year, mo->quarter);
    if (mo->mq) {
        mo->warns = mo->mq->warns, mo->n_warns = mo->mq->n_warns;
        mo->units = mo->mq->units, mo->n_units = mo->mq->n_units;
        mo->below = monitor_below_schedule(&mo->mq->yd, mo->units, mo->n_units, &mo->n_below);
    }
    table_set_rows(&mo->wtable, mo->n_warns);
    table_set_rows(&mo->utable, mo->only_below ? mo->n_below : mo->n_units);
}

/* The latest quarter with any progress: the one an operator looks at first (and the one the
 * home screen has read). */
static int latest_quarter(void)
{
    int q = 0;
    if (store_monitor_latest_quarter(ui.st, ui.year, &q) != STORE_OK || q < 1)
        q = 1;
    return q;
}

static void enter(void *self, const void *arg)
{
    struct monitor *mo = self;
    (void)arg;
    table_init(&mo->wtable, warn_cols, sizeof warn_cols / sizeof warn_cols[0], warn_cell, mo);
    table_init(&mo->utable, unit_cols, sizeof unit_cols / sizeof unit_cols[0], unit_cell, mo);
    mo->wtable.grow = TABLE_GROW(1) | TABLE_GROW(2); /* 单位, 指标 */
    mo->utable.grow = TABLE_GROW(0);
    mo->wtable.detail = 3; /* a 60-column 偏差原因 and 整改措施 both read whole */
    mo->wtable.detail_text = warn_detail;
    mo->utable.detail = 1;
    mo->view = VIEW_WARNINGS;
    mo->only_below = false;
    mo->quarter = latest_quarter();
    compute(mo);
}

static void resume(void *self)
{
    compute(self); /* keeps the selection (table_set_rows) */
}

/* The other quarters read while the operator looks, so switching costs nothing. */
static int idle(void *self)
{
    (void)self;
    return monitor_cache_fill_part(ui.year) ? UI_IDLE_MORE : UI_IDLE_DONE;
}

static void leave(void *self)
{
    struct monitor *mo = self;
    free_rows(mo); /* the quarters stay in the cache for the next entry */
}

static void draw_warnings(struct monitor *mo, int y)
{
    size_t red = 0, yellow = 0, missing = 0, mismatch = 0;
    for (size_t i = 0; i < mo->n_warns; i++) {
        enum monitor_level l = monitor_row_level(&mo->warns[i]);
        red += l == MONITOR_RED;
        yellow += l == MONITOR_YELLOW;
        missing += l == MONITOR_MISSING;
        mismatch += mo->warns[i].mismatch;
    }
    char line[256];
    snprintf(line, sizeof line,
             "%d 年度 Q%d 预警 %zu 条: 红色 %zu  黄色 %zu  未填报 %zu  不匹配 %zu", ui.year,
             mo->quarter, mo->n_warns, red, yellow, missing, mismatch);
    draw_text(stdscr, y, 1, COLS - 2, line, red ? ROLE_WARN_RED : ROLE_HEADER);
    table_draw(&mo->wtable, y + 1, ui_body_bottom() - y);
    if (mo->n_warns == 0)
        draw_text(stdscr, y + 2, 1, COLS - 2, "(本季度没有预警)", ROLE_DIM);
}

static void draw_units(struct monitor *mo, int y)
{
    char line[512];
    int n = snprintf(line, sizeof line, "%d 年度 Q%d 单位汇总 %zu 个, 低于序时进度 %zu 个%s",
                     ui.year, mo->quarter, mo->n_units, mo->n_below, mo->n_below ? ":" : "");
    for (size_t i = 0; i < mo->n_below && n > 0 && (size_t)n < sizeof line - 16; i++)
        n += snprintf(line + n, sizeof line - (size_t)n, " %s",
                      mo->mq->yd.units[mo->units[mo->below[i]].unit_index].code);
    draw_text(stdscr, y, 1, COLS - 2, line, mo->n_below ? ROLE_WARN_RED : ROLE_HEADER);
    table_draw(&mo->utable, y + 1, ui_body_bottom() - y);
    if (mo->utable.n_rows == 0)
        draw_text(stdscr, y + 2, 1, COLS - 2,
                  mo->only_below ? "(没有低于序时进度的单位; 按 b 显示全部)" : "(本年度没有任务书)",
                  ROLE_DIM);
}

static void draw(void *self)
{
    struct monitor *mo = self;
    if (!mo->mq) {
        draw_text(stdscr, ui_body_top(), 1, COLS - 2, "没有数据", ROLE_DIM);
        return;
    }
    if (mo->view == VIEW_WARNINGS)
        draw_warnings(mo, ui_body_top());
    else
        draw_units(mo, ui_body_top());
}

static struct table *current(struct monitor *mo)
{
    return mo->view == VIEW_WARNINGS ? &mo->wtable : &mo->utable;
}

static int set_quarter(struct monitor *mo, int q)
{
    if (q < 1 || q > KP_QUARTERS)
        return UI_HANDLED;
    mo->quarter = q;
    ui.quarter = q;
    mo->wtable.sel = mo->wtable.top = mo->utable.sel = mo->utable.top = 0;
    compute(mo);
    ui_status("第 %d 季度", q);
    return UI_HANDLED;
}

static int next_quarter(void *self)
{
    struct monitor *mo = self;
    return set_quarter(mo, mo->quarter + 1);
}

static int prev_quarter(void *self)
{
    struct monitor *mo = self;
    return set_quarter(mo, mo->quarter - 1);
}

static int print_report(void *self)
{
    struct monitor *mo = self;
    ui_report_prompt(REPORT_MONITOR, ui.year, mo->quarter);
    return UI_HANDLED;
}

static int toggle_view(void *self)
{
    struct monitor *mo = self;
    mo->view = mo->view == VIEW_WARNINGS ? VIEW_UNITS : VIEW_WARNINGS;
    return UI_HANDLED;
}

static int toggle_below(void *self)
{
    struct monitor *mo = self;
    mo->view = VIEW_UNITS;
    mo->only_below = !mo->only_below;
    mo->utable.sel = mo->utable.top = 0;
    table_set_rows(&mo->utable, mo->only_below ? mo->n_below : mo->n_units);
    ui_status(mo->only_below ? "只看低于序时进度的单位 (通报名单)" : "全部单位");
    return UI_HANDLED;
}

/* The text offered: the quarter and item, then what lags and by how much (kept whole). */
static void default_text(const struct year_data *yd, const struct monitor_row *w, char *subject,
                         size_t ssz, char *rest, size_t rsz)
{
    char lag[32], lag2[32];
    snprintf(subject, ssz, "Q%d %s", w->quarter, yd->items[w->item_index].name);
    bool c_lags = w->completion.has_lag && w->completion.level >= MONITOR_YELLOW;
    bool e_lags = w->execution.has_lag && w->execution.level >= MONITOR_YELLOW;
    if (c_lags && e_lags) {
        monitor_format_pct(lag, sizeof lag, w->completion.lag);
        monitor_format_pct(lag2, sizeof lag2, w->execution.lag);
        snprintf(rest, rsz, "完成率落后序时 %s, 预算执行落后 %s 个百分点, 请整改", lag, lag2);
    } else if (c_lags) {
        monitor_format_pct(lag, sizeof lag, w->completion.lag);
        snprintf(rest, rsz, "完成率落后序时 %s 个百分点, 请说明原因并整改", lag);
    } else if (e_lags) {
        monitor_format_pct(lag, sizeof lag, w->execution.lag);
        snprintf(rest, rsz, "预算执行落后序时 %s 个百分点, 请加快执行", lag);
    } else if (monitor_row_level(w) == MONITOR_MISSING) {
        snprintf(rest, rsz, "未填报进度, 请补报");
    } else {
        snprintf(rest, rsz, "支出与完成不匹配, 请说明情况");
    }
}

static int raise_rectification(void *self)
{
    struct monitor *mo = self;
    if (mo->view != VIEW_WARNINGS || ui_refuse_empty(mo->n_warns, "登记整改", "预警"))
        return UI_HANDLED;
    if (mo->mq->yd.locked) {
        ui_error("%d 年度已审定, 不能登记整改", ui.year);
        return UI_HANDLED;
    }
    const struct monitor_row *w = &mo->warns[mo->wtable.sel];
    const struct unit *u = &mo->mq->yd.units[w->unit_index];
    const struct target_item *it = &mo->mq->yd.items[w->item_index];
    struct rectify_source src = {.quarter = w->quarter};
    snprintf(src.unit, sizeof src.unit, "%s", u->code);
    snprintf(src.item, sizeof src.item, "%s", it->code);
    char subject[256], rest[256], about[256];
    default_text(&mo->mq->yd, w, subject, sizeof subject, rest, sizeof rest);
    snprintf(about, sizeof about, "整改对象: 第 %d 季度 %s, %s %s, 指标 %s %s", w->quarter,
             levels_text(w), u->code, u->name, it->code, it->name);
    snprintf(ui.unit, sizeof ui.unit, "%s", u->code);
    rectify_form_push(&src, subject, rest, about);
    return UI_HANDLED;
}

/* The selected warning's item and quarter, written at once in its own transaction; the row
 * of yd is updated in place, so the detail lines show it. */
static int note(struct monitor *mo, enum progress_note which)
{
    if (mo->view != VIEW_WARNINGS) {
        ui_error("处置决定、偏差原因和整改措施记在预警上: 按 Tab 回到预警列表");
        return UI_HANDLED;
    }
    if (ui_refuse_empty(mo->n_warns, "记录", "预警"))
        return UI_HANDLED;
    const struct monitor_row *w = &mo->warns[mo->wtable.sel];
    /* the cache's copy of the item is updated in place as the row is written (the write moves
     * the stamp: the quarters are read again at the next entry or quarter switch) */
    const struct year_data *yd = &mo->mq->yd;
    const struct target_item *it = &yd->items[w->item_index];
    if (!yd->locked && !it->q[w->quarter - 1].present) { /* 未填报: typed in 季度进度, not here */
        ui_error("%s %s 第 %d 季度还没有填报进度: 先在首页 3 季度进度 选第 %d 季度和 %s, 填累计完成值"
                 "并保存 (F2), 再填%s",
                 yd->units[w->unit_index].code, it->code, w->quarter, w->quarter,
                 yd->units[w->unit_index].code, which == NOTE_DECISION ? "处置决定"
                                                 : which == NOTE_DEVIATION ? "偏差原因"
                                                                           : "整改措施");
        return UI_HANDLED;
    }
    progress_note_edit((struct target_item *)&yd->items[w->item_index],
                       yd->units[w->unit_index].code, ui.year, w->quarter, yd->locked, which);
    return UI_HANDLED;
}

static int decision(void *self)
{
    return note(self, NOTE_DECISION);
}

static int deviation(void *self)
{
    return note(self, NOTE_DEVIATION);
}

static int action(void *self)
{
    return note(self, NOTE_ACTION);
}

static int on_key(void *self, int key)
{
    struct monitor *mo = self;
    if (key >= '1' && key <= '4')
        return set_quarter(mo, key - '0');
    return table_key(current(mo), key) ? UI_HANDLED : UI_UNHANDLED;
}

static const struct ui_key keys[] = {
    {UI_K(KEY_RIGHT), 0, "←/→", "季度", next_quarter, true, NULL},
    {UI_K(KEY_LEFT), 0, "←", "上一季度", prev_quarter, false, NULL},
    {'1', '4', "1-4", "直达第几季度", NULL, false, NULL},
    {'\t', 0, "Tab", "预警/汇总", toggle_view, true, NULL},
    {'b', 0, "b", "只看低于序时进度的单位 (通报名单)", toggle_below, true, "通报"},
    {'\n', 0, "Enter", "整改", raise_rectification, true, NULL},
    {'j', 0, "j", "处置决定 (继续/调整/暂缓/停止, 记今天的日期; 立即保存)", decision, true,
     "处置决定"},
    {'r', 0, "r", "偏差原因 (本季度; 立即保存)", deviation, false, NULL},
    {'c', 0, "c", "整改措施 (纠偏; 本季度; 立即保存)", action, false, NULL},
    {'p', 0, "p", "生成本季度双监控通报 (.xlsx, 供打印; 与 kaoping report monitor 相同)",
     print_report, true, "报表"},
    {'/', 0, "/", "搜索", NULL, false, NULL},
};

const struct ui_screen screen_monitor = {
    .name = "双监控",
    .size = sizeof(struct monitor),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .resume = resume,
    .idle = idle,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
