/* 设置: the year's scheme (shares, caps, bands, veto effect, tie style, warning thresholds),
 * edited as a draft: Enter types a number or cycles a choice, `p` switches to the next preset
 * (its scheme and categories), every change is checked with scheme_validate and previewed
 * (the year scored with the saved and the draft scheme: which units change grade), F2 saves
 * the scheme (and a preset's categories) in one transaction; a locked year is refused by the
 * store with its message. */
#include <curses.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ranked.h"
#include "db/load.h"
#include "db/pools.h"
#include "db/sources.h"
#include "db/years.h"
#include "model/grades.h"
#include "model/preset.h"
#include "model/scheme.h"
#include "model/score.h"
#include "model/sources.h"
#include "model/text.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/prompt.h"
#include "ui/screens.h"

enum kind { K_NUMBER, K_VETO, K_TIE, K_GRADES };

/* The editable fields, in screen order: a table, not code. */
static const struct field {
    const char *label;
    enum kind kind;
    size_t offset; /* of the double (K_NUMBER) or enum in struct scheme */
} fields[] = {
    {"半年初评权重", K_NUMBER, offsetof(struct scheme, half_share)},
    {"年终总评权重", K_NUMBER, offsetof(struct scheme, year_share)},
    {"公众评议权重", K_NUMBER, offsetof(struct scheme, appraisal_share)},
    {"查访核验扣分上限", K_NUMBER, offsetof(struct scheme, inspection_cap)},
    {"投诉查处扣分上限", K_NUMBER, offsetof(struct scheme, complaint_cap)},
    {"加分上限", K_NUMBER, offsetof(struct scheme, bonus_cap)},
    /* The whole table of bands (model/grades.h): labels, how many, floors, the pass band. */
    {"等次", K_GRADES, offsetof(struct scheme, grades)},
    {"一票否决", K_VETO, offsetof(struct scheme, veto_effect)},
    {"并列排名", K_TIE, offsetof(struct scheme, tie_style)},
    {"黄色预警 (百分点)", K_NUMBER, offsetof(struct scheme, warn_yellow)},
    {"红色预警 (百分点)", K_NUMBER, offsetof(struct scheme, warn_red)},
    {"不匹配阈值", K_NUMBER, offsetof(struct scheme, mismatch)},
};
#define N_FIELDS (sizeof fields / sizeof fields[0])

static const char *const veto_words[] = {"fail 不合格", "cap 最高合格", "none 不生效"};
static const char *const tie_words[] = {"competition", "dense"};

struct settings {
    struct scheme saved, draft;
    struct preset preset_data;
    struct preset *preset; /* &preset_data when the draft switched to a preset */
    char saved_title[128]; /* the title of the saved scheme's preset, if it is a shipped one */
    /* With a preset: keep the year's categories (only the numbers change), as `kaoping scheme
     * use --keep-categories`: the preset's own categories would orphan targets filed under
     * others. */
    bool keep_categories;
    bool locked;
    size_t sel;
    char field_msg[256]; /* validation message, shown next to field msg_field */
    size_t msg_field;
    /* The year's header (have_year); from the first change on (ranked) the year with items,
     * scored under the saved scheme: the base of the preview. */
    bool have_year, ranked;
    struct year_data yd;
    struct year_scores base;
    char **pools;
    size_t n_pools;
    /* Units whose grade differs under the draft (indices into yd.units), and their new grades. */
    size_t *changed;
    int *changed_to;
    size_t n_changed;
};

static double *num(struct scheme *s, size_t i)
{
    return (double *)((char *)s + fields[i].offset);
}

static void value_text(const struct scheme *s, size_t i, char *buf, size_t sz)
{
    const char *p = (const char *)s + fields[i].offset;
    char *line = fields[i].kind == K_GRADES ? grades_line_format(s) : NULL;
    if (line)
        snprintf(buf, sz, "%s", line);
    else if (fields[i].kind == K_VETO)
        snprintf(buf, sz, "%s", veto_words[*(const enum kp_veto_effect *)(const void *)p]);
    else if (fields[i].kind == K_TIE)
        snprintf(buf, sz, "%s", tie_words[*(const enum kp_tie_style *)(const void *)p]);
    else
        score_fmt_plain(*(const double *)(const void *)p, buf, sz);
    free(line);
}

static bool same_value(struct settings *sg, size_t i)
{
    char a[512], b[512];
    value_text(&sg->saved, i, a, sizeof a);
    value_text(&sg->draft, i, b, sizeof b);
    return strcmp(a, b) == 0;
}

static bool is_dirty(struct settings *sg)
{
    if (sg->preset)
        return true;
    for (size_t i = 0; i < N_FIELDS; i++)
        if (!same_value(sg, i))
            return true;
    return false;
}

/* The preset's categories for every pool, as the store would write them. */
static struct category *preset_categories(struct settings *sg, size_t *n)
{
    struct category *cats = NULL;
    *n = 0;
    for (size_t p = 0; p < sg->n_pools; p++) {
        const struct preset_category *pc[PRESET_MAX_CATEGORIES];
        size_t k = preset_categories_of(sg->preset, sg->pools[p], pc, PRESET_MAX_CATEGORIES);
        cats = xreallocarray(cats, *n + k + 1, sizeof *cats);
        for (size_t i = 0; i < k; i++)
            cats[(*n)++] =
                (struct category){sg->pools[p], (char *)pc[i]->name, pc[i]->points, (int)i};
    }
    return cats;
}

/* The year with its items ranked under the saved scheme, read at the first change: opening the
 * screen needs only the header (a province's items take 0.4 s to read). */
static bool rank_saved(struct settings *sg)
{
    year_data_free(&sg->yd);
    sg->have_year = app_rank_year(ui.st, ui.year, true, &sg->yd, &sg->base) == STORE_OK;
    sg->ranked = sg->have_year;
    if (!sg->have_year)
        ui_error("不能预览: %s", store_errmsg(ui.st));
    return sg->ranked;
}

static void preview(struct settings *sg)
{
    free(sg->changed), free(sg->changed_to);
    sg->changed = NULL, sg->changed_to = NULL, sg->n_changed = 0;
    char err[256];
    /* an unchanged draft shows no list (draw_preview): nothing to rank */
    if (!sg->have_year || !is_dirty(sg) || !scheme_validate(&sg->draft, err, sizeof err))
        return;
    if (!sg->ranked && !rank_saved(sg))
        return;
    struct year_data tmp = sg->yd;
    tmp.scheme = sg->draft;
    if (sg->preset)
        tmp.sources = sg->preset->sources, tmp.n_sources = sg->preset->n_sources;
    struct category *cats = NULL;
    if (sg->preset && !sg->keep_categories)
        cats = preset_categories(sg, &tmp.n_categories), tmp.categories = cats;
    struct year_scores now;
    rank_year(&tmp, (const char *const *)sg->pools, sg->n_pools, &now);
    sg->changed = xreallocarray(NULL, sg->yd.n_units + 1, sizeof *sg->changed);
    sg->changed_to = xreallocarray(NULL, sg->yd.n_units + 1, sizeof *sg->changed_to);
    for (size_t i = 0; i < now.n_order; i++) {
        size_t u = now.order[i];
        if (now.units[u].grade != sg->base.units[u].grade) {
            sg->changed[sg->n_changed] = u;
            sg->changed_to[sg->n_changed++] = now.units[u].grade;
        }
    }
    year_scores_free(&now);
    free(cats);
}

/* The draft's numbers, and the year's (or the preset's) score sources against them: shares
 * that leave the sources more than 半年初评 + 年终总评 are refused here, not only by check. */
static bool draft_valid(struct settings *sg, char *err, size_t errsz)
{
    if (!scheme_validate(&sg->draft, err, errsz))
        return false;
    if (sg->preset)
        return sources_validate(&sg->draft, sg->preset->sources, sg->preset->n_sources, err,
                                errsz);
    /* read now: 评分来源 (o) may have changed them since the screen was entered */
    struct score_source *src = NULL;
    size_t n = 0;
    bool ok = store_sources_get(ui.st, ui.year, &src, &n) != STORE_OK ||
              sources_validate(&sg->draft, src, n, err, errsz);
    score_sources_free(src, n);
    return ok;
}

static void check(struct settings *sg, size_t field)
{
    sg->field_msg[0] = '\0';
    if (!draft_valid(sg, sg->field_msg, sizeof sg->field_msg)) {
        sg->msg_field = field;
        ui_error("方案无效: %s", sg->field_msg);
    }
    preview(sg);
}

static void drop_year(struct settings *sg)
{
    if (sg->ranked)
        year_scores_free(&sg->base);
    if (sg->have_year)
        year_data_free(&sg->yd);
    sg->have_year = sg->ranked = false;
    store_free_strings(sg->pools, sg->n_pools);
    sg->pools = NULL, sg->n_pools = 0;
    free(sg->changed), free(sg->changed_to);
    sg->changed = NULL, sg->changed_to = NULL, sg->n_changed = 0;
}

static void drop_preset(struct settings *sg)
{
    if (sg->preset)
        preset_free(sg->preset);
    sg->preset = NULL;
}

static void load(struct settings *sg)
{
    drop_year(sg);
    drop_preset(sg);
    sg->keep_categories = false;
    sg->field_msg[0] = '\0';
    if (store_scheme_get(ui.st, ui.year, &sg->saved) != STORE_OK ||
        store_year_locked(ui.st, ui.year, &sg->locked) != STORE_OK) {
        ui_error("读取方案失败: %s", store_errmsg(ui.st));
        memset(&sg->saved, 0, sizeof sg->saved);
    }
    sg->draft = sg->saved;
    struct preset p;
    sg->saved_title[0] = '\0';
    if (preset_builtin_load(sg->saved.preset, &p)) {
        snprintf(sg->saved_title, sizeof sg->saved_title, "%s", p.title);
        preset_free(&p);
    }
    if (store_year_pools(ui.st, ui.year, &sg->pools, &sg->n_pools) != STORE_OK)
        sg->pools = NULL, sg->n_pools = 0;
    sg->have_year = store_load_year_header(ui.st, ui.year, &sg->yd) == STORE_OK;
    if (!sg->have_year)
        ui_error("不能预览: %s", store_errmsg(ui.st));
}

static void enter(void *self, const void *arg)
{
    struct settings *sg = self;
    (void)arg;
    sg->sel = 0;
    load(sg);
}

static void leave(void *self)
{
    struct settings *sg = self;
    drop_year(sg);
    drop_preset(sg);
}

static void draw_preview(struct settings *sg, int y, int x)
{
    int w = COLS - x - 1;
    char line[256];
    if (sg->field_msg[0]) {
        draw_text(stdscr, y, x, w, "预览: 方案无效, 不能保存", ROLE_WARN_RED);
        return;
    }
    if (!is_dirty(sg)) {
        draw_text(stdscr, y, x, w, "预览: 修改后列出等次变化", ROLE_DIM); /* 24 columns */
        return;
    }
    snprintf(line, sizeof line, "预览: %zu 个单位等次变化", sg->n_changed);
    draw_text(stdscr, y++, x, w, line, sg->n_changed ? ROLE_WARN_YELLOW : ROLE_OK);
    for (size_t i = 0; i < sg->n_changed && y <= ui_body_bottom(); i++, y++) {
        size_t u = sg->changed[i];
        if (y == ui_body_bottom() && i + 1 < sg->n_changed) {
            snprintf(line, sizeof line, "... 另 %zu 个", sg->n_changed - i);
        } else {
            snprintf(line, sizeof line, "%s %s→%s %s", sg->yd.units[u].code,
                     grades_label(&sg->yd.scheme, sg->base.units[u].grade),
                     grades_label(&sg->draft, sg->changed_to[i]), sg->yd.units[u].name);
        }
        draw_text(stdscr, y, x, w, line, ROLE_NORMAL);
    }
}

/* One line on the pools and their category sums, ending on row y (two rows when it is wider
 * than the terminal: four pools take 85 columns); `c` lists the categories. */
static void draw_pools(struct settings *sg, int y)
{
    char line[512] = "考核组:";
    size_t len = strlen(line);
    for (size_t p = 0; p < sg->n_pools && len < sizeof line; p++) {
        double sum = 0;
        size_t n = 0;
        for (size_t c = 0; sg->have_year && c < sg->yd.n_categories; c++)
            if (strcmp(sg->yd.categories[c].pool, sg->pools[p]) == 0)
                n++, sum += sg->yd.categories[c].points;
        char pts[32];
        len += (size_t)snprintf(line + len, sizeof line - len, " %s %zu 类 %s 分;", sg->pools[p], n,
                                score_fmt_plain(sum, pts, sizeof pts));
    }
    bool two = text_width(line) > COLS - 2;
    draw_text_rows(stdscr, two ? y - 1 : y, 1, COLS - 2, two ? 2 : 1, line, ROLE_DIM);
}

static void draw(void *self)
{
    struct settings *sg = self;
    int y = ui_body_top();
    if (ui_body_bottom() - ui_body_top() > (int)N_FIELDS + 5)
        draw_pools(sg, ui_body_bottom());
    char line[256];
    const char *title = sg->preset ? sg->preset->title : sg->saved_title;
    snprintf(line, sizeof line, "%d 年度考核方案%s: %s%s%s", ui.year,
             sg->locked ? " [已审定, 不能修改]" : "", sg->draft.preset, *title ? " - " : "", title);
    draw_text(stdscr, y++, 1, COLS - 2, line, sg->locked ? ROLE_WARN_RED : ROLE_HEADER);
    draw_text(stdscr, y, 1, 20, "项目", ROLE_HEADER);
    draw_text(stdscr, y, 22, 12, "已保存", ROLE_HEADER);
    draw_text(stdscr, y++, 35, 15, "修改后", ROLE_HEADER);
    for (size_t i = 0; i < N_FIELDS && y <= ui_body_bottom(); i++, y++) {
        char a[512], b[512];
        value_text(&sg->saved, i, a, sizeof a);
        value_text(&sg->draft, i, b, sizeof b);
        /* "*" marks a changed value, "!" the one the validation message is about */
        bool bad = sg->field_msg[0] && sg->msg_field == i;
        char shown[520];
        snprintf(shown, sizeof shown, "%s%s", bad ? "!" : strcmp(a, b) ? "*" : " ", b);
        enum ui_role r = i == sg->sel ? ROLE_SELECT : ROLE_NORMAL;
        draw_text(stdscr, y, 1, 20, fields[i].label, r);
        draw_text(stdscr, y, 22, 12, a, r == ROLE_SELECT ? r : ROLE_DIM);
        draw_text(stdscr, y, 35, 15, shown,
                  bad                ? ROLE_WARN_RED
                  : r == ROLE_SELECT ? ROLE_FOCUS
                                     : ROLE_NORMAL);
    }
    /* the grade table whole (its row shows only its start) */
    char *grades = grades_line_format(&sg->draft), line2[600];
    snprintf(line2, sizeof line2, "等次: %s", grades);
    free(grades);
    if (y <= ui_body_bottom()) /* two rows: a county's own bands are long */
        y += draw_text_rows(stdscr, y, 1, 50, y < ui_body_bottom() ? 2 : 1, line2, ROLE_DIM);
    y++;
    if (sg->field_msg[0] && y <= ui_body_bottom())
        draw_text(stdscr, y++, 1, COLS - 2, sg->field_msg, ROLE_WARN_RED);
    if (sg->preset && y <= ui_body_bottom())
        draw_text(stdscr, y++, 1, 50,
                  sg->keep_categories ? "保存时保留本年度的指标类别 (k 切换)"
                                      : "保存时指标类别也换成该预设的类别 (k 切换)",
                  ROLE_WARN_YELLOW);
    draw_preview(sg, ui_body_top() + 1, 52);
}

/* A year known to be locked is refused at the first key (another program may still lock it
 * while the screen is open: then the store refuses the save). */
static void edited(struct settings *sg)
{
    check(sg, sg->sel);
    if (!sg->field_msg[0]) {
        char v[64];
        value_text(&sg->draft, sg->sel, v, sizeof v);
        ui_status("%s 改为 %s (未保存, F2 保存)", fields[sg->sel].label, v);
    }
}

static void number_typed(void *arg, const char *buf)
{
    struct settings *sg = arg;
    char *end;
    double v = strtod(buf, &end);
    while (*end == ' ')
        end++;
    if (!buf[0] || *end || v != v) {
        snprintf(sg->field_msg, sizeof sg->field_msg, "%s: 「%s」不是数字", fields[sg->sel].label,
                 buf);
        sg->msg_field = sg->sel;
        ui_error("%s", sg->field_msg);
        return;
    }
    *num(&sg->draft, sg->sel) = v;
    edited(sg);
}

/* The whole table typed as one line: labels, number of bands, floors and the pass band. */
static void grades_typed(void *arg, const char *text)
{
    struct settings *sg = arg;
    if (!grades_line_parse(&sg->draft, text, sg->field_msg, sizeof sg->field_msg)) {
        sg->msg_field = sg->sel;
        ui_error("等次: %s", sg->field_msg);
        return;
    }
    edited(sg);
}

static int edit(void *self)
{
    struct settings *sg = self;
    if (ui_refuse_locked(sg->locked))
        return UI_HANDLED;
    const struct field *f = &fields[sg->sel];
    if (f->kind == K_VETO) {
        sg->draft.veto_effect = (enum kp_veto_effect)((sg->draft.veto_effect + 1) % 3);
    } else if (f->kind == K_TIE) {
        sg->draft.tie_style = sg->draft.tie_style == TIE_DENSE ? TIE_COMPETITION : TIE_DENSE;
    } else if (f->kind == K_GRADES) {
        char *now = grades_line_format(&sg->draft);
        prompt_text("等次 (从高到低; 最后一个不写分数线)", "等次=分数线, 分号隔开", now, 60,
                    grades_typed, sg);
        free(now);
        return UI_HANDLED;
    } else {
        char buf[64];
        score_fmt_plain(*num(&sg->draft, sg->sel), buf, sizeof buf);
        prompt_text(f->label, "新值", buf, 12, number_typed, sg);
        return UI_HANDLED;
    }
    edited(sg);
    return UI_HANDLED;
}

static int next_preset(void *self)
{
    struct settings *sg = self;
    if (ui_refuse_locked(sg->locked))
        return UI_HANDLED;
    const char *next =
        preset_builtin_next(sg->preset ? sg->preset->scheme.preset : sg->saved.preset);
    drop_preset(sg);
    preset_builtin_load(next, &sg->preset_data);
    sg->preset = &sg->preset_data;
    sg->draft = sg->preset->scheme;
    check(sg, sg->sel);
    if (!sg->field_msg[0])
        ui_status("改用预设 %s (未保存, F2 保存)", sg->preset->scheme.preset);
    return UI_HANDLED;
}

static int toggle_keep(void *self)
{
    struct settings *sg = self;
    if (!sg->preset) {
        ui_error("先按 p 选一个预设");
        return UI_HANDLED;
    }
    sg->keep_categories = !sg->keep_categories;
    preview(sg);
    ui_status(sg->keep_categories ? "保存时保留本年度的指标类别, 只换方案数字"
                                  : "保存时指标类别也换成预设 %s 的类别",
              sg->preset->scheme.preset);
    return UI_HANDLED;
}

static int revert(void *self)
{
    struct settings *sg = self;
    sg->draft = sg->saved;
    drop_preset(sg);
    sg->keep_categories = false;
    sg->field_msg[0] = '\0';
    preview(sg);
    ui_status("已恢复为已保存的方案");
    return UI_HANDLED;
}

static int write_scheme(struct settings *sg)
{
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_scheme_put(ui.st, ui.year, &sg->draft);
    if (rc == STORE_OK && sg->preset && !sg->keep_categories)
        rc = store_categories_from(ui.st, ui.year, sg->preset);
    if (rc == STORE_OK && sg->preset) /* a preset's score sources are part of its numbers */
        rc = store_sources_put(ui.st, ui.year, sg->preset->sources, sg->preset->n_sources);
    rc = store_end(ui.st, rc);
    return rc;
}

static void save_yes(void *arg)
{
    struct settings *sg = arg;
    if (write_scheme(sg) != STORE_OK) {
        ui_error("未保存%s: %s",
                 sg->preset && !sg->keep_categories ? " (按 k 保留本年度的类别)" : "",
                 store_errmsg(ui.st));
        return;
    }
    size_t n = sg->n_changed;
    load(sg);
    ui_status("已保存 %d 年度方案 (%zu 个单位等次变化)", ui.year, n);
}

static int save(void *self)
{
    struct settings *sg = self;
    char err[256];
    if (!is_dirty(sg)) {
        ui_status("没有修改");
        return UI_HANDLED;
    }
    if (!draft_valid(sg, err, sizeof err)) {
        ui_error("方案无效, 未保存: %s", err);
        return UI_HANDLED;
    }
    char q[160];
    snprintf(q, sizeof q, "保存 %d 年度方案? %zu 个单位等次变化 (y/N)", ui.year, sg->n_changed);
    prompt_confirm(q, save_yes, NULL, sg);
    return UI_HANDLED;
}

static int on_key(void *self, int key)
{
    struct settings *sg = self;
    if ((key == UI_K(KEY_UP) || key == 'k') && sg->sel > 0)
        sg->sel--;
    else if ((key == UI_K(KEY_DOWN) || key == 'j') && sg->sel + 1 < N_FIELDS)
        sg->sel++;
    else if (key == UI_K(KEY_HOME))
        sg->sel = 0;
    else if (key == UI_K(KEY_END))
        sg->sel = N_FIELDS - 1;
    else if ((key == UI_K(KEY_LEFT) || key == UI_K(KEY_RIGHT) || key == ' ') &&
             fields[sg->sel].kind != K_NUMBER)
        return edit(self);
    else
        return UI_UNHANDLED;
    return UI_HANDLED;
}

static bool dirty(void *self)
{
    struct settings *sg = self;
    return is_dirty(sg);
}

static int show_structure(void *self)
{
    (void)self;
    ui_push(&screen_structure, NULL);
    return UI_HANDLED;
}

static int show_sources(void *self)
{
    (void)self;
    ui_push(&screen_sources, NULL);
    return UI_HANDLED;
}

static const struct ui_key keys[] = {
    {'\n', 'e', "Enter", "修改", edit, true, NULL},
    {'c', 0, "c", "本年度的考核组与类别 (查看和修改)", show_structure, true, "组与类别"},
    {'o', 0, "o", "本年度的评分来源 (领导评估、社会评价等: 新增、修改、删除)", show_sources, true,
     "评分来源"},
    {'p', 0, "p", "换预设", next_preset, true, NULL},
    {'k', 0, "k", "预设: 保存时保留本年度的指标类别 / 换成预设的类别", toggle_keep, true, "类别"},
    {'u', 0, "u", "撤销修改", revert, true, NULL},
    {UI_K(KEY_F(2)), UI_CTRL('s'), "F2", "保存", save, true, NULL},
};

const struct ui_screen screen_settings = {
    .name = "设置",
    .size = sizeof(struct settings),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .dirty = dirty,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
