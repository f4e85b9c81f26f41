/* 评分录入: the scores of one score source (docs/scoring.md "Score sources") for one round —
 * one 评分单位 on one date, as a leader's mid-term rating or a quarter's public rating — typed
 * in place on the shared grid (ui/grid.h) like 公众评议: a row per unit of the pools the source
 * applies to, the score in the source's scale, for a graded source the grade (typed as its
 * number, shown with its label) and the exact points inside the grade's range. F2 saves the
 * changed rows in one transaction (an emptied row deletes that round's score); every row is
 * checked against its source row first (sources_check_score), so a refused score names the
 * unit and the rule and nothing is written. The unit's other scores of the source are listed
 * beside it with the part they add to its total. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/load.h"
#include "db/sources.h"
#include "io/field.h"
#include "model/score.h"
#include "model/sources.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/formspec.h"
#include "ui/grid.h"
#include "ui/prompt.h"
#include "ui/screens.h"

/* The screen's state (one per instance): the year, the source shown, the round and the
 * grid. */
struct scores_view {
    struct year_data yd;
    bool loaded;
    const char *names[SOURCES_MAX]; /* distinct source names, scheme order (into yd) */
    size_t n_names, which;
    bool graded;   /* the source is entered by grade */
    size_t *units; /* yd unit index of each row */
    size_t n_rows;
    char rater[404], date[11]; /* the round */
    struct fs_form spec;
    struct fs_field fields[2];
    int field_col[2];
    int f_grade, f_score; /* field indexes (f_grade -1 when not graded) */
    struct grid grid;
    struct table_col cols[6];
    int kind[6]; /* what each table column shows (enum col) */
};
enum col { C_CODE, C_NAME, C_POOL, C_GRADE, C_SCORE, C_SAVED };

static const char *cell_text(struct scores_view *v, size_t row, int f)
{
    return f < 0 ? "" : grid_cell(&v->grid, row, (size_t)f);
}

/* The first row of the source shown (its scale, share and rater stand for all its rows). */
static const struct score_source *shown_source(const struct scores_view *v)
{
    for (size_t i = 0; v->n_names && i < v->yd.n_sources; i++)
        if (strcmp(v->yd.sources[i].name, v->names[v->which]) == 0)
            return &v->yd.sources[i];
    return NULL;
}

static const struct score_source *row_source(const struct scores_view *v, size_t row)
{
    return sources_find(&v->yd, v->names[v->which], v->yd.units[v->units[row]].pool);
}

/* The saved score of the round for unit u, or NULL. */
static const struct source_score *round_score(const struct scores_view *v, size_t u)
{
    size_t first, n;
    sources_range(&v->yd, u, &first, &n);
    for (size_t i = first; i < first + n; i++) {
        const struct source_score *s = &v->yd.scores[i];
        if (strcmp(s->source, v->names[v->which]) == 0 && strcmp(s->rater, v->rater) == 0 &&
            strcmp(s->date, v->date) == 0)
            return s;
    }
    return NULL;
}

/* The grade typed in a row: its position (1 = best) in the row's table, as the label. */
static const char *typed_grade(struct scores_view *v, size_t row)
{
    const struct score_source *src = row_source(v, row);
    const char *t = cell_text(v, row, v->f_grade);
    char *end;
    long g = *t ? strtol(t, &end, 10) : 0;
    if (!src || !*t || *end || g < 1 || (size_t)g > src->n_grades)
        return NULL;
    return src->grades[g - 1].label;
}

/* "计入 9.05 (2 次: 88 县委 07-15, 93 县政府 12-28)" or "未录入": what the saved scores give. */
static void saved_text(struct scores_view *v, size_t row, char *buf, size_t sz)
{
    const struct score_source *src = row_source(v, row);
    struct source_term t;
    sources_term(&v->yd, v->units[row], src, &t);
    if (t.n == 0 && !t.from_appraisal) {
        snprintf(buf, sz, "%s", src->bonus ? "无 (不加分)" : "未录入 (数据不全)");
        return;
    }
    char part[32];
    score_fmt2(t.part_u, part, sizeof part);
    int len = snprintf(buf, sz, "计入 %s (%zu 次", part, t.n + t.from_appraisal);
    for (size_t i = t.first; i < t.first + t.n && len > 0 && (size_t)len < sz; i++) {
        const struct source_score *s = &v->yd.scores[i];
        len += snprintf(buf + len, sz - (size_t)len, "%s %g%s%s %s %s", i == t.first ? ":" : ",",
                        s->value, s->grade ? " " : "", s->grade ? s->grade : "", s->rater,
                        s->date + 5);
    }
    if (t.from_appraisal && len > 0 && (size_t)len < sz)
        len += snprintf(buf + len, sz - (size_t)len, "%s %g 公众评议", t.n ? "," : ":",
                        v->yd.units[v->units[row]].appraisal);
    if (len > 0 && (size_t)len < sz)
        snprintf(buf + len, sz - (size_t)len, ")");
}

static enum ui_role cell(void *ctx, size_t row, size_t col, char *buf, size_t sz)
{
    struct scores_view *v = ctx;
    const struct unit *u = &v->yd.units[v->units[row]];
    const char *grade;
    switch (v->kind[col]) {
    case C_CODE:
        snprintf(buf, sz, "%s", u->code);
        break;
    case C_NAME:
        snprintf(buf, sz, "%s", u->name);
        break;
    case C_POOL:
        snprintf(buf, sz, "%s", u->pool);
        break;
    case C_GRADE: /* its number and label */
        grade = typed_grade(v, row);
        snprintf(buf, sz, "%s%s%s", cell_text(v, row, v->f_grade), grade ? " " : "",
                 grade ? grade : "");
        return grid_row_changed(&v->grid, row) ? ROLE_FIELD : ROLE_NORMAL;
    case C_SCORE:
        snprintf(buf, sz, "%s", cell_text(v, row, v->f_score));
        return grid_row_changed(&v->grid, row) ? ROLE_FIELD : ROLE_NORMAL;
    case C_SAVED:
        saved_text(v, row, buf, sz);
        return ROLE_DIM;
    }
    return ROLE_NORMAL;
}

/* The rows (units of the pools the source applies to) and the round's saved scores. */
static void fill_rows(struct scores_view *v)
{
    free(v->units);
    v->units = xcalloc(v->yd.n_units + 1, sizeof *v->units);
    v->n_rows = 0;
    for (size_t u = 0; v->n_names && u < v->yd.n_units; u++)
        if (sources_find(&v->yd, v->names[v->which], v->yd.units[u].pool))
            v->units[v->n_rows++] = u;
    grid_set_rows(&v->grid, v->n_rows);
    char owner[96];
    if (snprintf(owner, sizeof owner, "评分 %d %s %s %s", ui.year,
                 v->n_names ? v->names[v->which] : "", v->rater, v->date) >= (int)sizeof owner)
        owner[sizeof owner - 1] = '\0'; /* only compared with itself (grid_set_owner) */
    grid_set_owner(&v->grid, owner);
    v->grid.read_only = v->yd.locked ? ui_locked_text() : NULL;
    for (size_t r = 0; r < v->n_rows; r++) {
        const struct source_score *sc = round_score(v, v->units[r]);
        char buf[GRID_CELL] = "";
        if (sc)
            snprintf(buf, sizeof buf, "%g", sc->value);
        grid_load(&v->grid, r, (size_t)v->f_score, buf);
        if (v->f_grade < 0)
            continue;
        buf[0] = '\0';
        const struct score_source *src = row_source(v, r);
        for (size_t g = 0; sc && sc->grade && g < src->n_grades; g++)
            if (strcmp(src->grades[g].label, sc->grade) == 0)
                snprintf(buf, sizeof buf, "%d", (int)g + 1);
        grid_load(&v->grid, r, (size_t)v->f_grade, buf);
    }
}

static char grade_name[] = "grade", grade_label[] = "等次", score_name[] = "score",
            score_label[] = "分值", form_name[] = "scores", form_title[] = "评分";

/* The grid's fields for the source: [等次 (the grade's number)] and 分值. Neither has bounds
 * here: check_rows refuses a value with the unit and its source row's rule. */
static void build_spec(struct scores_view *v)
{
    const struct score_source *src = shown_source(v);
    v->graded = src && src->scale == SCALE_GRADE;
    size_t n = 0;
    v->f_grade = -1;
    if (v->graded) {
        v->f_grade = (int)n;
        v->fields[n++] = (struct fs_field){
            .name = grade_name, .label = grade_label, .type = FS_INTEGER, .width = 3};
    }
    v->f_score = (int)n;
    v->fields[n++] =
        (struct fs_field){.name = score_name, .label = score_label, .type = FS_DECIMAL, .width = 8};
    v->spec = (struct fs_form){
        .name = form_name, .title = form_title, .fields = v->fields, .n_fields = n};
}

static void set_columns(struct scores_view *v)
{
    static const struct table_col all[] = {
        [C_CODE] = {"编码", 6, false}, [C_NAME] = {"单位名称", 14, false},
        [C_POOL] = {"分组", 8, false}, [C_GRADE] = {"等次", 10, false},
        [C_SCORE] = {"分值", 8, true}, [C_SAVED] = {"已录入的评分", 0, false},
    };
    size_t n = 0;
    for (int k = C_CODE; k <= C_SAVED; k++) {
        if (k == C_GRADE && !v->graded)
            continue;
        if (k == C_GRADE || k == C_SCORE)
            v->field_col[k == C_GRADE ? v->f_grade : v->f_score] = (int)n;
        v->kind[n] = k;
        v->cols[n++] = all[k];
    }
    table_init(&v->grid.t, v->cols, n, cell, v);
    v->grid.t.grow = TABLE_GROW(1); /* 单位名称 */
    v->grid.t.detail = 1;
    grid_init(&v->grid, &v->spec, v->field_col, NULL);
}

/* The round shown first: the latest saved score of the source (its rater and date), else the
 * source's own rater and today. */
static void default_round(struct scores_view *v)
{
    const struct source_score *last = NULL;
    for (size_t i = 0; i < v->yd.n_scores; i++)
        if (strcmp(v->yd.scores[i].source, v->names[v->which]) == 0 &&
            (!last || strcmp(v->yd.scores[i].date, last->date) > 0))
            last = &v->yd.scores[i];
    const struct score_source *src = shown_source(v);
    snprintf(v->rater, sizeof v->rater, "%s",
             last                ? last->rater
             : src && src->rater ? src->rater
                                 : "");
    if (last)
        snprintf(v->date, sizeof v->date, "%s", last->date);
    else
        ui_today(v->date);
}

/* Loads the year and shows source `which` (keeping the round when keep). */
static void load(struct scores_view *v, bool keep)
{
    grid_free(&v->grid);
    if (v->loaded)
        year_data_free(&v->yd);
    v->loaded = store_load_year_header(ui.st, ui.year, &v->yd) == STORE_OK;
    v->n_names = v->loaded ? sources_names(&v->yd, v->names, SOURCES_MAX) : 0;
    if (v->which >= v->n_names)
        v->which = 0;
    build_spec(v);
    if (v->n_names && !keep)
        default_round(v);
    set_columns(v);
    fill_rows(v);
}

static void reload(void *self)
{
    struct scores_view *v = self;
    size_t sel = v->grid.t.sel;
    load(v, true);
    v->grid.t.sel = sel < v->n_rows ? sel : 0;
}

static void enter(void *self, const void *arg)
{
    struct scores_view *v = self; /* zeroed by ui_push */
    (void)arg;
    load(v, false);
}

static void leave(void *self)
{
    struct scores_view *v = self;
    grid_free(&v->grid);
    if (v->loaded)
        year_data_free(&v->yd);
    free(v->units);
}

static void draw(void *self)
{
    struct scores_view *v = self;
    char line[768];
    int y = ui_body_top();
    if (!v->n_names) {
        draw_text(stdscr, y, 1, COLS - 2,
                  "本年度的考核方案没有评分来源 (在 设置 → o 评分来源 中添加)", ROLE_HEADER);
        return;
    }
    const struct score_source *src = shown_source(v);
    size_t done = 0;
    for (size_t r = 0; r < v->n_rows; r++)
        done += *cell_text(v, r, v->f_score) != '\0' || (v->f_grade >= 0 && typed_grade(v, r));
    char *grades = v->graded ? sources_format_grades(src->grades, src->n_grades) : NULL;
    snprintf(line, sizeof line, "来源 %zu/%zu「%s」%s%g 分, %s%s%s", v->which + 1, v->n_names,
             src->name, src->bonus ? "加分, 最多 " : "", src->share, source_scale_label(src->scale),
             grades ? ": " : "", grades ? grades : "");
    free(grades);
    draw_text(stdscr, y, 1, COLS - 2, line, ROLE_HEADER);
    snprintf(line, sizeof line, "本轮: 评分单位 %s  日期 %s  (本轮已录入 %zu/%zu)",
             v->rater[0] ? v->rater : "(未填, 按 r)", v->date, done, v->n_rows);
    draw_text(stdscr, y + 1, 1, COLS - 2, line, ROLE_NORMAL);
    table_draw(&v->grid.t, y + 2, ui_body_bottom() - y - 1);
}

/* The score a row asks for: false with the reason (the row named) when refused. */
static bool row_score(struct scores_view *v, size_t r, struct source_score *out, char *err,
                      size_t errsz)
{
    const struct score_source *src = row_source(v, r);
    const struct unit *u = &v->yd.units[v->units[r]];
    const char *t = cell_text(v, r, v->f_score);
    bool has = *t != '\0';
    double value = has ? strtod(t, NULL) : 0;
    const char *grade = v->f_grade >= 0 ? typed_grade(v, r) : NULL;
    char why[384];
    if (v->f_grade >= 0 && *cell_text(v, r, v->f_grade) && !grade) {
        char *table = sources_format_grades(src->grades, src->n_grades);
        snprintf(why, sizeof why, "等次应为 1 到 %zu (%s)", src->n_grades, table);
        free(table);
    } else if (sources_check_score(src, grade, has, &value, why, sizeof why)) {
        *out = (struct source_score){
            .source = (char *)src->name, .value = value, .grade = (char *)grade, .rater = v->rater};
        snprintf(out->date, sizeof out->date, "%s", v->date);
        return true;
    }
    v->grid.t.sel = r;
    snprintf(err, errsz, "第 %zu 行 %s %s: %s", r + 1, u->code, u->name, why);
    return false;
}

static bool row_empty(struct scores_view *v, size_t r)
{
    return !*cell_text(v, r, v->f_score) && (v->f_grade < 0 || !*cell_text(v, r, v->f_grade));
}

/* Every changed row that is not emptied must be a valid score of its source; the round needs
 * its 评分单位. */
static bool check_rows(void *self, char *err, size_t errsz)
{
    struct scores_view *v = self;
    struct source_score sc;
    for (size_t r = 0; r < v->n_rows; r++) {
        if (!grid_row_changed(&v->grid, r) || row_empty(v, r))
            continue;
        if (!v->rater[0]) {
            snprintf(err, errsz, "本轮没有评分单位: 先按 r 填写");
            return false;
        }
        if (!row_score(v, r, &sc, err, errsz))
            return false;
    }
    return true;
}

static int save_row(void *self, size_t r)
{
    struct scores_view *v = self;
    const char *unit = v->yd.units[v->units[r]].code;
    struct source_score sc = {.source = (char *)v->names[v->which], .rater = v->rater};
    snprintf(sc.date, sizeof sc.date, "%s", v->date);
    if (row_empty(v, r))
        return store_score_delete(ui.st, ui.year, unit, &sc);
    char err[512];
    if (!row_score(v, r, &sc, err, sizeof err))
        return STORE_INVALID; /* check_rows refused it before the transaction began */
    enum store_put res;
    return store_score_put(ui.st, ui.year, unit, &sc, &res);
}

/* F2, o, r and t without any source say why nothing happens (they were silent). */
static bool refuse_no_source(const struct scores_view *v)
{
    if (!v->n_names)
        ui_error("本年度的考核方案没有评分来源: 先在 设置 → o 评分来源 中添加");
    return !v->n_names;
}

static int save(void *self)
{
    struct scores_view *v = self;
    if (refuse_no_source(v))
        return UI_HANDLED;
    grid_save(&v->grid, &(struct grid_save){v->yd.locked, v, check_rows, save_row, reload});
    return UI_HANDLED;
}

static bool dirty(void *self)
{
    struct scores_view *v = self;
    return v->grid.cells && grid_dirty(&v->grid);
}

/* Another source or round: only from a saved grid (its edits belong to this round). */
static bool may_switch(struct scores_view *v)
{
    if (!dirty(v))
        return true;
    ui_error("本轮有未保存的修改: 先按 F2 保存 (或 Esc 返回时放弃)");
    return false;
}

static int next_source(void *self)
{
    struct scores_view *v = self;
    if (refuse_no_source(v) || !may_switch(v))
        return UI_HANDLED;
    if (v->n_names == 1) {
        ui_error("本年度只有一个评分来源「%s」", v->names[0]);
        return UI_HANDLED;
    }
    v->which = (v->which + 1) % v->n_names;
    load(v, false);
    return UI_HANDLED;
}

static void rater_typed(void *arg, const char *text)
{
    struct scores_view *v = arg;
    if (!*text) {
        ui_error("评分单位不能为空");
        return;
    }
    snprintf(v->rater, sizeof v->rater, "%s", text);
    load(v, true);
}

static int ask_rater(void *self)
{
    struct scores_view *v = self;
    if (!refuse_no_source(v) && may_switch(v))
        prompt_text("本轮的评分单位", "评分单位", v->rater, 40, rater_typed, v);
    return UI_HANDLED;
}

static void date_typed(void *arg, const char *text)
{
    struct scores_view *v = arg;
    char date[11], why[256];
    if (!field_parse_date(text, date, why, sizeof why)) {
        ui_error("日期 %s: %s", text, why);
        return;
    }
    snprintf(v->date, sizeof v->date, "%s", date);
    load(v, true);
}

static int ask_date(void *self)
{
    struct scores_view *v = self;
    if (!refuse_no_source(v) && may_switch(v))
        prompt_text("本轮的日期", "日期 (YYYY-MM-DD)", v->date, 12, date_typed, v);
    return UI_HANDLED;
}

static int on_key(void *self, int key)
{
    struct scores_view *v = self;
    return grid_key(&v->grid, key) ? UI_HANDLED : UI_UNHANDLED;
}

static const struct ui_key keys[] = {
    {UI_K(KEY_F(2)), UI_CTRL('s'), "F2", "保存 (只写改过的行, 一个事务; 清空的行删除本轮评分)",
     save, true, "保存"},
    {'o', 0, "o", "下一个评分来源", next_source, true, "换来源"},
    {'r', 0, "r", "本轮的评分单位 (如 县委、某位领导)", ask_rater, true, "评分单位"},
    {'t', 0, "t", "本轮的日期 (同一单位、评分单位和日期只有一个评分)", ask_date, true, "日期"},
    {'\t', UI_K(KEY_RIGHT), "Tab/->", "下一列 (<- 上一列)", NULL, false, NULL},
    {'\n', 0, "Enter", "下一格 (行末到下一行的第一格)", NULL, false, NULL},
    {'0', 0, "0-9 .", "分值; 按等次录入的来源先填等次的序号 (1 为最高), 再填此等次范围内的分值",
     NULL, false, NULL},
    {UI_K(KEY_BACKSPACE), UI_K(KEY_DC), "BSpace/Del", "删一个字符 / 清空当前格", NULL, false, NULL},
    {'/', 0, "/", "搜索", NULL, false, NULL},
};

const struct ui_screen screen_scores = {
    .name = "评分录入",
    .size = sizeof(struct scores_view),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .dirty = dirty,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
