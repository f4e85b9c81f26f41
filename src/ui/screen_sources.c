/* 评分来源 (from 设置, `o`): the year's score sources (docs/scoring.md "Score sources") as a
 * list — share, scale, pools, rater, whether the 公众评议 records count, bonus, a graded
 * source's table — and what each pool's key items carry beside them. `a` adds a source, Enter
 * changes one, `t` types a graded source's table, `r` renames one (its scores follow), `d`
 * deletes one: each asks with prompts (the
 * settings as one line, model/scheme_lines.c), checks the whole list against the year's scheme
 * (sources_validate) and writes it in one transaction; a locked year is refused by the store. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/pools.h"
#include "db/sources.h"
#include "db/years.h"
#include "model/score.h"
#include "model/sources.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/prompt.h"
#include "ui/screens.h"
#include "ui/table.h"

struct sources_view {
    struct scheme sc;
    struct score_source *src;
    size_t n;
    bool locked;
    char **pools;
    size_t n_pools;
    struct table t;
    /* The change being asked for over several prompts. */
    long editing; /* the source's index, -1 for a new one */
    char *name, *line;
};

static const struct table_col cols[] = {
    {"名称", 8, false},  {"分值", 4, true},       {"计分", 6, false},
    {"分组", 10, false}, {"评分单位", 10, false}, {"说明", 0, false},
};

static enum ui_role cell(void *ctx, size_t row, size_t col, char *buf, size_t sz)
{
    struct sources_view *v = ctx;
    const struct score_source *s = &v->src[row];
    char *text = NULL;
    switch (col) {
    case 0:
        snprintf(buf, sz, "%s", s->name);
        break;
    case 1:
        score_fmt_plain(s->share, buf, sz);
        break;
    case 2:
        snprintf(buf, sz, "%s", source_scale_label(s->scale));
        break;
    case 3:
        text = sources_format_pools(s->pools, s->n_pools);
        snprintf(buf, sz, "%s", *text ? text : "全部分组");
        break;
    case 4:
        snprintf(buf, sz, "%s", s->rater ? s->rater : "");
        break;
    case 5:
        text = s->n_grades ? sources_format_grades(s->grades, s->n_grades) : xstrdup("");
        snprintf(buf, sz, "%s%s%s%s", s->bonus ? "加分 (另加, 不占 100 分) " : "",
                 s->appraisal ? "含公众评议记录 " : "", *text ? "等次: " : "", text);
        break;
    }
    free(text);
    return ROLE_NORMAL;
}

static void load(struct sources_view *v)
{
    score_sources_free(v->src, v->n);
    store_free_strings(v->pools, v->n_pools);
    v->src = NULL, v->n = 0, v->pools = NULL, v->n_pools = 0;
    if (store_scheme_get(ui.st, ui.year, &v->sc) != STORE_OK ||
        store_sources_get(ui.st, ui.year, &v->src, &v->n) != STORE_OK ||
        store_year_pools(ui.st, ui.year, &v->pools, &v->n_pools) != STORE_OK ||
        store_year_locked(ui.st, ui.year, &v->locked) != STORE_OK)
        ui_error("读取评分来源失败: %s", store_errmsg(ui.st));
    table_set_rows(&v->t, v->n);
}

static void enter(void *self, const void *arg)
{
    struct sources_view *v = self;
    (void)arg;
    table_init(&v->t, cols, sizeof cols / sizeof cols[0], cell, v);
    v->t.grow = TABLE_GROW(0) | TABLE_GROW(3) | TABLE_GROW(4);
    v->t.detail = 2;
    load(v);
}

static void forget(struct sources_view *v)
{
    free(v->name), free(v->line);
    v->name = v->line = NULL;
}

static void leave(void *self)
{
    struct sources_view *v = self;
    score_sources_free(v->src, v->n);
    store_free_strings(v->pools, v->n_pools);
    forget(v);
}

/* "集中考核: 乡镇 80, 县直部门 80 (半年初评 + 年终总评 − 本分组的评分来源)". */
static void key_share_line(const struct sources_view *v, char *buf, size_t sz)
{
    struct year_data yd = {.sources = v->src, .n_sources = v->n};
    int len = snprintf(buf, sz, "集中考核分值:");
    for (size_t p = 0; p < v->n_pools && len > 0 && (size_t)len < sz; p++) {
        char num[32];
        int64_t w = score_micro(v->sc.half_share) + score_micro(v->sc.year_share) -
                    sources_share_u(&yd, v->pools[p]);
        len += snprintf(buf + len, sz - (size_t)len, " %s %s", v->pools[p],
                        score_fmt_plain((double)w / SCORE_MICRO, num, sizeof num));
    }
}

static void draw(void *self)
{
    struct sources_view *v = self;
    int y = ui_body_top();
    char line[1024];
    snprintf(line, sizeof line,
             "%d 年度的评分来源%s (半年初评 %g + 年终总评 %g 中, 集中考核以外的部分)", ui.year,
             v->locked ? " [已审定, 不能修改]" : "", v->sc.half_share, v->sc.year_share);
    draw_text(stdscr, y++, 1, COLS - 2, line, v->locked ? ROLE_WARN_RED : ROLE_HEADER);
    key_share_line(v, line, sizeof line);
    draw_text(stdscr, y++, 1, COLS - 2, line, ROLE_DIM);
    table_draw(&v->t, y, ui_body_bottom() - y + 1);
    if (v->n == 0)
        draw_text(stdscr, y + 1, 1, COLS - 2, "还没有评分来源: 按 a 新增 (如 领导评估 10 分)",
                  ROLE_DIM);
}

/* Applies the pending change to a fresh copy of the year's sources, checks the whole list and
 * writes it in one transaction; `grades` (or NULL) is a graded source's table, `drop` deletes
 * the source. */
static void commit(struct sources_view *v, const char *grades, bool drop)
{
    struct score_source *s = NULL;
    size_t n = 0;
    char err[512] = "";
    int rc = store_sources_get(ui.st, ui.year, &s, &n);
    size_t i = v->editing < 0 ? n : (size_t)v->editing;
    bool ok = rc == STORE_OK && i <= n;
    if (ok && i == n) {
        s = xreallocarray(s, n + 1, sizeof *s);
        s[n++] = (struct score_source){.name = xstrdup(v->name), .share = 10};
    }
    if (ok && drop) {
        struct score_source *gone = xcalloc(1, sizeof *gone);
        *gone = s[i];
        memmove(&s[i], &s[i + 1], (n - i - 1) * sizeof *s);
        score_sources_free(gone, 1);
        n--;
    }
    ok = ok && (drop || !v->line || sources_line_parse(&s[i], v->line, err, sizeof err));
    ok = ok && (drop || !grades || sources_set(&s[i], "等次", grades, err, sizeof err));
    ok = ok && sources_validate(&v->sc, s, n, err, sizeof err);
    if (ok) {
        rc = store_begin(ui.st);
        if (rc == STORE_OK)
            rc = store_sources_put(ui.st, ui.year, s, n);
        rc = store_end(ui.st, rc);
        ok = rc == STORE_OK;
        snprintf(err, sizeof err, "%s", store_errmsg(ui.st));
    }
    if (ok)
        ui_status("已保存 %d 年度的评分来源 (%zu 个)", ui.year, n);
    else
        ui_error("未保存: %s", err[0] ? err : store_errmsg(ui.st));
    score_sources_free(s, n);
    forget(v);
    load(v);
}

static void grades_typed(void *arg, const char *text)
{
    commit(arg, text, false);
}

/* A graded source asks for its table next (prefilled with the one it has). */
static void line_typed(void *arg, const char *text)
{
    struct sources_view *v = arg;
    free(v->line);
    v->line = xstrdup(text);
    struct score_source *probe = xcalloc(1, sizeof *probe);
    char err[256];
    if (sources_line_parse(probe, text, err, sizeof err) && probe->scale == SCALE_GRADE) {
        char *now =
            v->editing >= 0 && v->src[v->editing].n_grades
                ? sources_format_grades(v->src[v->editing].grades, v->src[v->editing].n_grades)
                : xstrdup("先进=10; 良好=8-9; 一般=5-6; 差=0");
        prompt_text("等次换算表 (从高到低)", "等次=分值或范围", now, 60, grades_typed, v);
        free(now);
    } else {
        commit(v, NULL, false);
    }
    score_sources_free(probe, 1);
}

static void ask_line(struct sources_view *v, const char *title, const char *initial)
{
    prompt_text(title, "项目=值, 分号隔开", initial, 60, line_typed, v);
}

static void name_typed(void *arg, const char *text)
{
    struct sources_view *v = arg;
    if (!*text) {
        ui_error("名称不能为空");
        return;
    }
    v->name = xstrdup(text);
    char title[160];
    snprintf(title, sizeof title, "新评分来源「%s」", text);
    ask_line(v, title, "分值=10; 计分=百分制; 分组=; 评分单位=; 公众评议=否; 加分=否");
}

static int add(void *self)
{
    struct sources_view *v = self;
    if (ui_refuse_locked(v->locked))
        return UI_HANDLED;
    forget(v);
    v->editing = -1;
    prompt_text("新增评分来源", "名称 (如 领导评估)", "", 30, name_typed, v);
    return UI_HANDLED;
}

static int change(void *self)
{
    struct sources_view *v = self;
    if (ui_refuse_locked(v->locked) || ui_refuse_empty(v->n, "修改", "评分来源"))
        return UI_HANDLED;
    forget(v);
    v->editing = (long)v->t.sel;
    char *now = sources_line_format(&v->src[v->t.sel]), title[160];
    snprintf(title, sizeof title, "修改评分来源「%s」", v->src[v->t.sel].name);
    ask_line(v, title, now);
    free(now);
    return UI_HANDLED;
}

static int change_grades(void *self)
{
    struct sources_view *v = self;
    if (ui_refuse_locked(v->locked) || ui_refuse_empty(v->n, "修改", "评分来源"))
        return UI_HANDLED;
    const struct score_source *s = &v->src[v->t.sel];
    if (s->scale != SCALE_GRADE) {
        ui_error("「%s」按%s计分, 没有等次换算表 (Enter 把计分改为等次)", s->name,
                 source_scale_label(s->scale));
        return UI_HANDLED;
    }
    forget(v);
    v->editing = (long)v->t.sel;
    char *now = sources_format_grades(s->grades, s->n_grades);
    prompt_text("等次换算表 (从高到低)", "等次=分值或范围", now, 60, grades_typed, v);
    free(now);
    return UI_HANDLED;
}

/* The new name of the selected source: every row of that name and the year's scores of it
 * are renamed in one transaction (store_source_rename), so the scores keep counting. */
static void renamed(void *arg, const char *text)
{
    struct sources_view *v = arg;
    size_t moved = 0;
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_source_rename(ui.st, ui.year, v->name, text, &moved);
    if (store_end(ui.st, rc) != STORE_OK)
        ui_error("未改名: %s", store_errmsg(ui.st));
    else
        ui_status("评分来源「%s」已改名为「%s」(%zu 条评分随之改名)", v->name, text, moved);
    forget(v);
    load(v);
}

static int rename_source(void *self)
{
    struct sources_view *v = self;
    if (ui_refuse_locked(v->locked) || ui_refuse_empty(v->n, "改名", "评分来源"))
        return UI_HANDLED;
    forget(v);
    v->name = xstrdup(v->src[v->t.sel].name);
    char title[160];
    snprintf(title, sizeof title, "评分来源「%s」改名", v->name);
    prompt_text(title, "新名称", v->name, 30, renamed, v);
    return UI_HANDLED;
}

static void drop_yes(void *arg)
{
    commit(arg, NULL, true);
}

static int drop(void *self)
{
    struct sources_view *v = self;
    if (ui_refuse_locked(v->locked) || ui_refuse_empty(v->n, "删除", "评分来源"))
        return UI_HANDLED;
    forget(v);
    v->editing = (long)v->t.sel;
    char q[512];
    snprintf(q, sizeof q, "删除评分来源「%s」? 已录入的评分留在库中但不再计分 (y/N)",
             v->src[v->t.sel].name);
    prompt_confirm(q, drop_yes, NULL, v);
    return UI_HANDLED;
}

static int on_key(void *self, int key)
{
    struct sources_view *v = self;
    return table_key(&v->t, key) ? UI_HANDLED : UI_UNHANDLED;
}

static const struct ui_key keys[] = {
    {'a', 0, "a", "新增评分来源", add, true, "新增"},
    {'\n', 'e', "Enter", "修改所选来源的分值、计分、分组、评分单位等", change, true, "修改"},
    {'t', 0, "t", "按等次录入的来源: 等次换算表 (如 先进=10; 良好=8-9; 一般=5-6; 差=0)",
     change_grades, true, "等次表"},
    {'r', 0, "r", "所选来源改名 (本年度已录入的评分随之改名)", rename_source, true, "改名"},
    {'d', 0, "d", "删除所选来源", drop, true, "删除"},
    {'/', 0, "/", "搜索", NULL, false, NULL},
};

const struct ui_screen screen_sources = {
    .name = "评分来源",
    .size = sizeof(struct sources_view),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
