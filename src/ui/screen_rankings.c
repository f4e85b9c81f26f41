/* 排名结果: one pool at a time (Tab/←/→), filtered by grade, `/` to find a unit, Enter for the
 * explanation, `e` to export the pool's CSV. The year is ranked once when the screen opens
 * (results.h); keys only move through the rows already in memory. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publish.h"
#include "model/score.h"
#include "model/text.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/prompt.h"
#include "ui/report_key.h"
#include "ui/results.h"
#include "ui/screens.h"
#include "ui/table.h"

struct rankings {
    const struct results *res; /* owned by results.c (a cache) */
    size_t pool;               /* index into res->pools */
    int grade_filter;          /* -1 = every grade, else an enum grade */
    size_t *rows;              /* unit indices of the visible pool after the grade_filter */
    struct table table;
};

/* The filter's name: 全部, or the grade's label in the year's bands. */
static const char *filter_name(struct rankings *rk)
{
    return rk->grade_filter < 0 || !rk->res ? "全部"
                                            : grades_label(&rk->res->yd.scheme, rk->grade_filter);
}

/* The terms as they enter the total (issue 17 item 4): 集中考核 + 评议折算 - 扣分 + 加分 = 总分;
 * the raw 公众评议 (0-100) beside its part where there is room. */
static const struct table_col cols[] = {
    {"排名", 4, true},     {"单位", 16, false},    {"集中考核", 8, true}, {"公众评议", 8, true},
    {"评议折算", 8, true}, {"扣分", 5, true},      {"加分", 5, true},     {"总分", 6, true},
    {"等次", 6, false},    {"备注", 9, false},
};

static enum ui_role cell(void *ctx, size_t row, size_t col, char *buf, size_t sz)
{
    struct rankings *rk = ctx;
    const struct unit_score *us = &rk->res->ys.units[rk->rows[row]];
    const struct unit *u = &rk->res->yd.units[rk->rows[row]];
    switch (col) {
    case 0:
        snprintf(buf, sz, "%d", us->rank);
        break;
    case 1:
        snprintf(buf, sz, "%s %s", u->code, u->name);
        break;
    case 2:
        score_fmt2(us->key_u, buf, sz);
        break;
    case 3:
        if (rk->res->stage == STAGE_HALF)
            snprintf(buf, sz, "%s", UI_NOT_APPLICABLE); /* not part of the half-year */
        else
            score_fmt2((long double)us->appraisal_u, buf, sz);
        break;
    case 4:
        if (rk->res->stage == STAGE_HALF)
            snprintf(buf, sz, "%s", UI_NOT_APPLICABLE);
        else
            score_fmt2(us->appraisal_part_u, buf, sz);
        break;
    case 5:
        score_fmt2((long double)(us->inspection.applied_u + us->complaint.applied_u), buf, sz);
        break;
    case 6:
        score_fmt2((long double)us->bonus.applied_u, buf, sz);
        break;
    case 7:
        score_fmt_c(us->total_c, buf, sz);
        break;
    case 8:
        snprintf(buf, sz, "%s", grades_label(&rk->res->yd.scheme, us->grade));
        return results_grade_role(&rk->res->yd.scheme, us->grade);
    default: {
        char diff[96];
        results_published_diff(rk->res, rk->rows[row], diff, sizeof diff);
        snprintf(buf, sz, "%s%s%s", results_marks(us), *results_marks(us) && *diff ? " " : "",
                 diff);
        return us->veto ? ROLE_WARN_RED : ROLE_WARN_YELLOW;
    }
    }
    return ROLE_NORMAL;
}

/* The selected unit whole, and its total as a sum: results_sum_line. */
static void detail(void *ctx, size_t row, char *buf, size_t sz)
{
    struct rankings *rk = ctx;
    const struct unit *u = &rk->res->yd.units[rk->rows[row]];
    char sum[256];
    results_sum_line(rk->res, rk->rows[row], sum, sizeof sum);
    snprintf(buf, sz, "%s %s: %s", u->code, u->name, sum);
}

/* Rebuilds the visible rows for the pool and grade_filter, keeping the selected unit if it stays.
 */
static void select_rows(struct rankings *rk)
{
    size_t keep = rk->table.n_rows && rk->rows ? rk->rows[rk->table.sel] : (size_t)-1;
    free(rk->rows);
    rk->rows = NULL;
    size_t n = 0;
    if (rk->res && rk->pool < rk->res->n_pools) {
        const struct results_pool *p = &rk->res->pools[rk->pool];
        rk->rows = xreallocarray(NULL, p->n ? p->n : 1, sizeof *rk->rows);
        for (size_t i = 0; i < p->n; i++) {
            size_t u = rk->res->ys.order[p->first + i];
            if (rk->grade_filter < 0 || rk->res->ys.units[u].grade == rk->grade_filter)
                rk->rows[n++] = u;
        }
    }
    rk->table.sel = 0;
    rk->table.top = 0;
    for (size_t i = 0; i < n; i++)
        if (rk->rows[i] == keep)
            rk->table.sel = i;
    table_set_rows(&rk->table, n);
}

static void enter(void *self, const void *arg)
{
    struct rankings *rk = self;
    (void)arg;
    table_init(&rk->table, cols, sizeof cols / sizeof cols[0], cell, rk);
    rk->table.grow = TABLE_GROW(1); /* 单位 */
    rk->table.min_cols[3] = 90;     /* the raw 公众评议: the detail line has it at 80 columns */
    rk->table.detail = 2;           /* the name and the sum of the terms */
    rk->table.detail_text = detail;
    char err[256];
    rk->res = results_get(ui.st, ui.year, err, sizeof err);
    if (!rk->res)
        ui_error("不能排名: %s", err);
    rk->pool = 0;
    rk->grade_filter = -1;
    select_rows(rk);
}

/* The explanation may have re-ranked the year (the data changed meanwhile): take the cache
 * again and rebuild the rows from it. */
static void resume(void *self)
{
    struct rankings *rk = self;
    char err[256];
    rk->res = results_get(ui.st, ui.year, err, sizeof err);
    if (!rk->res)
        ui_error("不能排名: %s", err);
    if (!rk->res || rk->pool >= rk->res->n_pools)
        rk->pool = 0;
    if (!rk->res)
        table_set_rows(&rk->table, 0);
    select_rows(rk);
}

static void leave(void *self)
{
    struct rankings *rk = self;
    free(rk->rows);
    rk->rows = NULL;
    rk->res = NULL;
    table_set_rows(&rk->table, 0);
}

static void draw(void *self)
{
    struct rankings *rk = self;
    int y = ui_body_top();
    if (!rk->res || rk->res->n_pools == 0) {
        draw_text(stdscr, y, 1, COLS - 2, rk->res ? "本年度没有参加考核的单位" : "没有排名",
                  ROLE_DIM);
        return;
    }
    const struct results_pool *p = &rk->res->pools[rk->pool];
    char line[256];
    snprintf(line, sizeof line, "%d 年度%s  %s (%zu/%zu 组)  %zu 个单位  等次: %s  方案 %s",
             rk->res->year, rk->res->stage == STAGE_HALF ? " 半年初评" : "", p->name, rk->pool + 1,
             rk->res->n_pools, p->n, filter_name(rk), rk->res->yd.scheme.preset);
    draw_text(stdscr, y, 1, COLS - 2, line, ROLE_HEADER);
    table_draw(&rk->table, y + 1, ui_body_bottom() - y);
    if (rk->table.n_rows == 0)
        draw_text(stdscr, y + 2, 1, COLS - 2, "(本组没有该等次的单位; 按 g 换筛选)", ROLE_DIM);
}

static int switch_pool(struct rankings *rk, int step)
{
    if (!rk->res || rk->res->n_pools == 0)
        return UI_HANDLED;
    rk->pool =
        (rk->pool + rk->res->n_pools + (size_t)(step + (int)rk->res->n_pools)) % rk->res->n_pools;
    table_set_rows(&rk->table, 0);
    select_rows(rk);
    return UI_HANDLED;
}

static int next_pool(void *self)
{
    struct rankings *rk = self;
    return switch_pool(rk, 1);
}

static int prev_pool(void *self)
{
    struct rankings *rk = self;
    return switch_pool(rk, -1);
}

/* The stage shown is published already (its snapshot is in the cache). */
static bool stage_published(void *self)
{
    struct rankings *rk = self;
    return rk->res && rk->res->pub.present;
}

/* h: the 半年初评 stage and back (docs/scoring.md, "Stages"). */
static int toggle_stage(void *self)
{
    char err[256];
    enum score_stage next = results_stage() == STAGE_HALF ? STAGE_YEAR : STAGE_HALF;
    if (!results_set_stage(ui.st, ui.year, next, err, sizeof err)) {
        ui_error("%s", err);
        return UI_HANDLED;
    }
    resume(self);
    /* f is the bar's last key (left out at 80 columns): say it where it is wanted */
    ui_status("排名依据: %s%s", results_stage_title(),
              stage_published(self) ? "" : "; f 发布 (快照)");
    return UI_HANDLED;
}

static void publish_yes(void *arg)
{
    enum score_stage stage = results_stage();
    struct publication pub = {0};
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = app_publish(ui.st, ui.year, stage, &pub);
    if (store_end(ui.st, rc) != STORE_OK)
        ui_error("未发布: %s", store_errmsg(ui.st));
    else
        ui_status("%d 年度%s已发布: %zu 个单位; 此后的修改不会改变发布的结果, 排名和说明会标出不同之处",
                  ui.year, stage_label(stage), pub.n_rows);
    publication_free(&pub);
    resume(arg);
}

static void publish_no(void *arg)
{
    (void)arg;
    ui_status("未发布");
}

/* f: publishes the stage shown (半年初评 after h, else 年终总评) as `kaoping publish` does — the
 * 半年初评's freeze had no key, so an operator could not announce it from the workstation. */
static int publish(void *self)
{
    struct rankings *rk = self;
    if (!rk->res || ui_refuse_locked(rk->res->yd.locked))
        return UI_HANDLED;
    if (rk->res->pub.present) {
        ui_error("%d 年度%s已于 %.10s 由 %s 发布, 每个阶段只发布一次", ui.year,
                 stage_label(rk->res->stage), rk->res->pub.at, rk->res->pub.by);
        return UI_HANDLED;
    }
    char q[200];
    snprintf(q, sizeof q, "发布 %d 年度%s的结果? 发布后保存为不能更改的快照 (y/N)", ui.year,
             stage_label(rk->res->stage));
    prompt_confirm(q, publish_yes, publish_no, self);
    return UI_HANDLED;
}

static int cycle_filter(void *self)
{
    struct rankings *rk = self;
    rk->grade_filter =
        !rk->res || rk->grade_filter + 1 >= rk->res->yd.scheme.n_grades ? -1 : rk->grade_filter + 1;
    select_rows(rk);
    ui_status("等次筛选: %s", filter_name(rk));
    return UI_HANDLED;
}

static int explain(void *self)
{
    struct rankings *rk = self;
    if (ui_refuse_empty(rk->table.n_rows, "查看得分说明", "单位"))
        return UI_HANDLED;
    snprintf(ui.unit, sizeof ui.unit, "%s", rk->res->yd.units[rk->rows[rk->table.sel]].code);
    ui_push(&screen_explain, ui.unit);
    return UI_HANDLED;
}

static int export_csv(void *self)
{
    struct rankings *rk = self;
    if (!rk->res || rk->res->n_pools == 0)
        return UI_HANDLED;
    char path[4096], err[512];
    if (results_export_pool(rk->res, rk->pool, ui.db_path, path, sizeof path, err, sizeof err)) {
        char msg[4200];
        snprintf(msg, sizeof msg, "已导出 %s %zu 个单位 → %s", rk->res->pools[rk->pool].name,
                 rk->res->pools[rk->pool].n, path);
        const char *base = strrchr(path, '/');
        if (text_width(msg) > COLS - 2 && base) /* too long for the line: name the folder */
            snprintf(msg, sizeof msg, "已导出 %s %zu 个单位 → 数据库所在目录%s",
                     rk->res->pools[rk->pool].name, rk->res->pools[rk->pool].n, base);
        ui_status("%s", msg);
    } else
        ui_error("导出失败: %s", err);
    return UI_HANDLED;
}

static int print_report(void *self)
{
    (void)self;
    ui_report_prompt(REPORT_RESULTS, ui.year, 0);
    return UI_HANDLED;
}

static int search(void *self)
{
    struct rankings *rk = self;
    table_key(&rk->table, '/');
    return UI_HANDLED;
}

static int on_key(void *self, int key)
{
    struct rankings *rk = self;
    return table_key(&rk->table, key) ? UI_HANDLED : UI_UNHANDLED;
}

/* The 半年初评 ranking that Enter's explanation adds, done while the operator reads the list. */
static int idle(void *self)
{
    (void)self;
    results_idle(ui.st, ui.year);
    return UI_IDLE_DONE;
}

static const struct ui_key keys[] = {
    {'\t', UI_K(KEY_RIGHT), "Tab/→", "下一组", next_pool, true, "换组"},
    {UI_K(KEY_BTAB), UI_K(KEY_LEFT), "←", "上一组", prev_pool, false, NULL},
    {'g', 0, "g", "等次筛选", cycle_filter, true, "等次"},
    {'h', 0, "h", "半年初评 / 年终总评", toggle_stage, true, "半年"},
    {'/', 0, "/", "找单位 (n 下一个)", search, true, "查找"},
    {'\n', 0, "Enter", "得分说明", explain, true, "说明"},
    {'e', UI_K(KEY_F(5)), "e/F5", "导出", export_csv, true, NULL},
    {'p', 0, "p", "生成考核结果通报 (.xlsx, 供打印; 与 kaoping report results 相同)", print_report,
     true, "报表"},
    {'f', 0, "f", "发布所示阶段的结果 (半年初评或年终总评, 保存为不能更改的快照; 与 kaoping publish 相同)",
     publish, true, "发布"},
};

const struct ui_screen screen_rankings = {
    .name = "排名结果",
    .size = sizeof(struct rankings),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .resume = resume,
    .idle = idle,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
