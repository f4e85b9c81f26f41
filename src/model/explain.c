/* Building the explanation of a unit's score: what an operator shows a department head who
 * disputes it. Every number printed here can be recomputed by hand from the lines above it. */
#include "model/explain.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/explain_stage.h"
#include "model/text.h"
#include "model/xmalloc.h"

#define MINUS "\xE2\x88\x92" /* U+2212, as in docs/domain.md */
#define N_COLS 11

void text_lines_add(struct text_lines *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = xmalloc((size_t)(len < 0 ? 0 : len) + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)(len < 0 ? 0 : len) + 1, fmt, ap);
    va_end(ap);
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->lines = xreallocarray(t->lines, t->cap, sizeof *t->lines);
    }
    t->lines[t->n++] = s;
}

void text_lines_free(struct text_lines *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->lines[i]);
    free(t->lines);
    memset(t, 0, sizeof *t);
}

/* ---- the item table: rows of cells, aligned by display width once all are known ---- */

struct cell_row {
    char *cell[N_COLS]; /* NULL cells are blank */
    char *text;         /* a full-width line instead of cells (category heading) */
};

struct table {
    struct cell_row *rows;
    size_t n;
};

static struct cell_row *table_row(struct table *t)
{
    t->rows = xreallocarray(t->rows, t->n + 1, sizeof *t->rows);
    struct cell_row *r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    return r;
}

/* Columns after the name are numbers: right-aligned. */
static bool right_aligned(int col)
{
    return col == 3 || col == 4 || col >= 5;
}

static void table_emit(struct table *t, struct text_lines *out)
{
    int width[N_COLS] = {0};
    for (size_t i = 0; i < t->n; i++)
        for (int c = 0; c < N_COLS && !t->rows[i].text; c++) {
            int w = text_width(t->rows[i].cell[c] ? t->rows[i].cell[c] : "");
            if (w > width[c])
                width[c] = w;
        }
    for (size_t i = 0; i < t->n; i++) {
        struct cell_row *r = &t->rows[i];
        if (r->text) {
            text_lines_add(out, "%s", r->text);
            free(r->text);
            continue;
        }
        char *line = xstrdup("  ");
        for (int c = 0; c < N_COLS; c++) {
            char *padded = text_pad(r->cell[c] ? r->cell[c] : "", width[c], right_aligned(c));
            char *next =
                xasprintf("%s%s%s", line, c ? (c == 5 || c == 8 ? "  | " : "  ") : "", padded);
            free(line), free(padded), free(r->cell[c]);
            line = next;
        }
        /* Trailing blanks would make golden files fragile. */
        size_t len = strlen(line);
        while (len > 0 && line[len - 1] == ' ')
            line[--len] = '\0';
        text_lines_add(out, "%s", line);
        free(line);
    }
    free(t->rows);
}

static char *plain(double v)
{
    char buf[48];
    return xstrdup(score_fmt_plain(v, buf, sizeof buf));
}

/* For one-off use inside a single printf: the buffer is reused by the next call. */
static const char *plain_buf(double v)
{
    static char buf[48];
    return score_fmt_plain(v, buf, sizeof buf);
}

static char *fmt2(long double micro)
{
    char buf[48];
    return xstrdup(score_fmt2(micro, buf, sizeof buf));
}

static void item_row(struct table *t, const struct target_item *it, long double sub[2])
{
    struct cell_row *r = table_row(t);
    r->cell[0] = xstrdup(it->code);
    r->cell[1] = xstrdup(it->name);
    r->cell[2] = xstrdup(method_label(it->method));
    r->cell[3] = plain(it->points);
    char *target = plain(it->target);
    r->cell[4] =
        it->measure && *it->measure ? xasprintf("%s %s", target, it->measure) : xstrdup(target);
    free(target);
    for (int c = 0; c < CHECK_COUNT; c++) {
        struct item_check ic;
        score_item(it, c, &ic);
        int base = 5 + 3 * c;
        r->cell[base] = it->method == METHOD_MANUAL ? xstrdup("-") : plain(ic.expected);
        const struct quarter_progress *p = &it->q[score_checkpoint_quarter[c]];
        if (!p->present)
            r->cell[base + 1] = xstrdup("未填报");
        else if (it->method == METHOD_MANUAL)
            r->cell[base + 1] =
                p->has_score ? xasprintf("评分 %s", plain_buf(p->score)) : xstrdup("缺评分");
        else
            r->cell[base + 1] = plain(p->actual);
        r->cell[base + 2] = fmt2(ic.score_u);
        sub[c] += ic.score_u;
    }
}

/* True when the category has already been listed. */
static bool seen(const char *const *names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

static void category_block(struct table *t, const struct year_data *yd, const struct unit_score *us,
                           const char *cat, const double *points)
{
    struct cell_row *h = table_row(t);
    size_t n = 0;
    for (size_t i = us->first_item; i < us->first_item + us->n_items; i++)
        n += strcmp(yd->items[i].category, cat) == 0;
    h->text = points ? xasprintf("【%s】 %s 分%s", cat, plain_buf(*points),
                                 n ? "" : " (没有指标, 得 0 分)")
                     : xasprintf("【%s】 (本年度方案中没有该类别)", cat);
    if (n == 0)
        return;
    long double sub[2] = {0, 0};
    for (size_t i = us->first_item; i < us->first_item + us->n_items; i++)
        if (strcmp(yd->items[i].category, cat) == 0)
            item_row(t, &yd->items[i], sub);
    struct cell_row *r = table_row(t);
    r->cell[1] = xstrdup("小计");
    r->cell[7] = fmt2(sub[0]);
    r->cell[10] = fmt2(sub[1]);
}

static void items_section(const struct year_data *yd, const struct unit_score *us,
                          struct text_lines *out)
{
    const char *pool = yd->units[us->unit].pool;
    if (us->n_items == 0) {
        text_lines_add(out, "指标: 本年度没有任务书条目 (半年初评和年终总评均按 0 分计)");
        return;
    }
    text_lines_add(
        out, "指标得分 (预期值 = 目标值 × 序时进度; 比例: 分值 × min(1, 完成值/预期值);"
             " 反向: 分值 × min(1, 预期值/完成值), 完成值不超过预期值得满分; 评分: 评估得分):");
    struct table t = {0};
    struct cell_row *hd = table_row(&t);
    static const char *const heads[N_COLS] = {"编码",     "指标",     "方法",     "分值",
                                              "目标值",   "半年预期", "半年完成", "半年得分",
                                              "年终预期", "年终完成", "年终得分"};
    for (int c = 0; c < N_COLS; c++)
        hd->cell[c] = xstrdup(heads[c]);
    const char **listed = xcalloc(yd->n_categories + us->n_items + 1, sizeof *listed);
    size_t n_listed = 0;
    for (size_t i = 0; i < yd->n_categories; i++) {
        const struct category *c = &yd->categories[i];
        if (strcmp(c->pool, pool) != 0 || seen(listed, n_listed, c->name))
            continue;
        listed[n_listed++] = c->name;
        category_block(&t, yd, us, c->name, &c->points);
    }
    for (size_t i = us->first_item; i < us->first_item + us->n_items; i++) {
        const char *cat = yd->items[i].category;
        if (!seen(listed, n_listed, cat)) {
            listed[n_listed++] = cat;
            category_block(&t, yd, us, cat, NULL);
        }
    }
    free(listed);
    table_emit(&t, out);
}

/* "作风建设 暗访: finding" (malloc'd; findings can be long, so no fixed buffer). */
static char *ledger_detail(const struct ledger_entry *e)
{
    return xasprintf("%s%s%s%s%s", e->aspect ? e->aspect : "", e->aspect && e->method ? " " : "",
                     e->method ? e->method : "", (e->aspect || e->method) && e->reason ? ": " : "",
                     e->reason ? e->reason : "");
}

/* Records of one capped type, each with the part that counted and the part the cap cut off. */
static void ledger_type_lines(const struct year_data *yd, const struct unit_score *us,
                              enum kp_ledger_type type, const struct capped *c, double cap,
                              struct text_lines *out)
{
    if (c->n_records == 0)
        return;
    int64_t running = 0, cap_u = score_micro(cap);
    char a[48], b[48];
    for (size_t i = us->first_ledger; i < us->first_ledger + us->n_ledger; i++) {
        const struct ledger_entry *e = &yd->ledger[i];
        if (e->type != type)
            continue;
        int64_t counted, cut;
        score_capped_parts(score_micro(e->points), &running, cap_u, &counted, &cut);
        char *tail = cut > 0
                         ? xasprintf(", 超出上限不计 %s", score_fmt2((long double)cut, b, sizeof b))
                         : xstrdup("");
        char pv[48];
        char *detail = ledger_detail(e);
        text_lines_add(out, "  %s %s %s (%s) 计入 %s%s", e->date, ledger_type_label(type),
                       score_fmt2((long double)score_micro(e->points), pv, sizeof pv), detail,
                       score_fmt2((long double)counted, a, sizeof a), tail);
        free(tail), free(detail);
    }
    const char *verb = type == LEDGER_BONUS ? "加" : "扣";
    text_lines_add(out, "  %s合计 %s, 上限 %s, 实%s %s", ledger_type_label(type),
                   score_fmt2((long double)c->sum_u, a, sizeof a), plain_buf(cap), verb,
                   score_fmt2((long double)c->applied_u, b, sizeof b));
}

static void veto_lines(const struct year_data *yd, const struct unit_score *us,
                       struct text_lines *out)
{
    static const char *const effect[] = {"等次为不合格, 排在本组未否决单位之后", "等次最高为合格",
                                         "方案设置为不生效, 仅作记录"};
    for (size_t i = us->first_ledger; i < us->first_ledger + us->n_ledger; i++) {
        const struct ledger_entry *e = &yd->ledger[i];
        if (e->type != LEDGER_VETO)
            continue;
        char *detail = ledger_detail(e);
        text_lines_add(out, "  %s 一票否决 (%s): %s", e->date, detail,
                       effect[yd->scheme.veto_effect]);
        free(detail);
    }
}

static void ledger_section(const struct year_data *yd, const struct unit_score *us,
                           struct text_lines *out)
{
    const struct scheme *s = &yd->scheme;
    if (us->n_ledger == 0) {
        text_lines_add(out, "加减分台账: 无记录");
        return;
    }
    text_lines_add(out, "加减分台账 (按日期累计, 达到上限后的部分不计):");
    ledger_type_lines(yd, us, LEDGER_INSPECTION, &us->inspection, s->inspection_cap, out);
    ledger_type_lines(yd, us, LEDGER_COMPLAINT, &us->complaint, s->complaint_cap, out);
    ledger_type_lines(yd, us, LEDGER_BONUS, &us->bonus, s->bonus_cap, out);
    veto_lines(yd, us, out);
}

static const char *deduction(int64_t applied_u, char *buf, size_t sz)
{
    char v[48];
    score_fmt2((long double)applied_u, v, sizeof v);
    snprintf(buf, sz, "%s%s", applied_u > 0 ? MINUS : "", v);
    return buf;
}

/* "80.00×30/90 + 84.00×60/90 = 82.67": the key part with the checkpoints' shares, scaled to
 * what the sources leave the key items (docs/scoring.md "Score sources"). */
static char *key_term(const struct scheme *s, const struct unit_score *us)
{
    char kh[48], ky[48], c[48], hs[48], ys[48], key[48];
    long double sh[2];
    score_key_shares(s, us->source_share_u, sh);
    score_fmt_plain((double)(sh[0] / 1e6L), hs, sizeof hs);
    score_fmt_plain((double)(sh[1] / 1e6L), ys, sizeof ys);
    score_fmt_plain((double)us->key_points_u / 1e6, key, sizeof key);
    return xasprintf("%s×%s/%s + %s×%s/%s = %s", score_fmt2(us->k_u[0], kh, sizeof kh), hs, key,
                     score_fmt2(us->k_u[1], ky, sizeof ky), ys, key,
                     score_fmt2(us->key_u, c, sizeof c));
}

char *explain_formula(const struct year_data *yd, const struct unit_score *us)
{
    const struct scheme *s = &yd->scheme;
    char p[48], a[48], di[64], dc[64], t[48], bonus[96] = "", as[48], bv[48], appraisal[160] = "";
    if (s->bonus_cap > 0 || us->bonus.n_records > 0)
        snprintf(bonus, sizeof bonus, "; 加分 +%s",
                 score_fmt2((long double)us->bonus.applied_u, bv, sizeof bv));
    /* A scheme whose sources take the appraisal's place (share 0) does not show it. */
    if (s->appraisal_share > 0 || !explain_has_sources(yd, us->unit))
        snprintf(appraisal, sizeof appraisal, "; 公众评议 %s×%s%% = %s",
                 score_fmt_plain((double)us->appraisal_u / 1e6, p, sizeof p),
                 score_fmt_plain(s->appraisal_share, as, sizeof as),
                 score_fmt2(us->appraisal_part_u, a, sizeof a));
    char veto[96] = "";
    if (us->veto)
        snprintf(veto, sizeof veto, " (一票否决%s%s)", s->veto_effect == VETO_FAIL ? "" : ", 最高",
                 s->veto_effect == VETO_FAIL ? "" : grades_label(s, s->cap_grade));
    char *key = key_term(s, us), *sources = explain_source_terms(yd, us->unit);
    char *out = xasprintf("集中考核 %s%s%s%s; 查访核验 %s; 投诉查处 %s; 总分 %s → %s%s", key,
                          appraisal, sources, bonus,
                          deduction(us->inspection.applied_u, di, sizeof di),
                          deduction(us->complaint.applied_u, dc, sizeof dc),
                          score_fmt_c(us->total_c, t, sizeof t), grades_label(s, us->grade), veto);
    free(key), free(sources);
    return out;
}

/* "80 ≤ 89.31 < 90" for the band the rounded total falls in. */
static char *band_reason(const struct scheme *s, const struct unit_score *us)
{
    char t[48], lo[48], hi[48];
    score_fmt_c(us->total_c, t, sizeof t);
    int g = us->band;
    bool last = g + 1 >= s->n_grades;
    if (g == 0 && !last)
        return xasprintf("%s ≤ %s", score_fmt_plain(s->grades[0].min, lo, sizeof lo), t);
    if (last)
        return xasprintf("%s < %s", t,
                         score_fmt_plain(g > 0 ? s->grades[g - 1].min : 0, hi, sizeof hi));
    return xasprintf("%s ≤ %s < %s", score_fmt_plain(s->grades[g].min, lo, sizeof lo), t,
                     score_fmt_plain(s->grades[g - 1].min, hi, sizeof hi));
}

static void grade_lines(const struct year_data *yd, const struct unit_score *us,
                        struct text_lines *out)
{
    const struct scheme *s = &yd->scheme;
    char *why = band_reason(s, us);
    if (!us->veto)
        text_lines_add(out, "等次: %s (总分按区间 %s)", grades_label(s, us->grade), why);
    else if (s->veto_effect == VETO_FAIL)
        text_lines_add(out, "等次: %s (按分数为%s, %s; 有一票否决记录, 方案规定否决即%s)",
                       grades_label(s, us->grade), grades_label(s, us->band), why,
                       grades_label(s, us->grade));
    else
        text_lines_add(out, "等次: %s (按分数为%s, %s; 有一票否决记录, 方案规定最高为%s)",
                       grades_label(s, us->grade), grades_label(s, us->band), why,
                       grades_label(s, s->cap_grade));
    free(why);
}

static void rank_lines(const struct year_data *yd, const struct year_scores *ys,
                       const struct unit_score *us, struct text_lines *out)
{
    const struct unit *un = &yd->units[us->unit];
    if (us->rank == 0) {
        text_lines_add(out, "排名: 不参加 %d 年度排名 (没有任务书、公众评议或台账记录)", yd->year);
        return;
    }
    size_t *peers = xcalloc(ys->n_order ? ys->n_order : 1, sizeof *peers);
    size_t n = rank_peers(yd, ys, us->unit, peers, ys->n_order);
    char *shared = xstrdup("");
    for (size_t i = 0; i < n; i++) {
        char *next = xasprintf("%s%s%s %s", shared, i ? ", " : "", yd->units[peers[i]].code,
                               yd->units[peers[i]].name);
        free(shared);
        shared = next;
    }
    const char *style = yd->scheme.tie_style == TIE_DENSE ? "并列不占位" : "并列占位";
    if (n > 0)
        text_lines_add(out, "排名: %s 第 %d 名 (共 %d 个单位), 与 %s 并列 (总分相同; %s)", un->pool,
                       us->rank, us->pool_size, shared, style);
    else
        text_lines_add(out, "排名: %s 第 %d 名 (共 %d 个单位)", un->pool, us->rank, us->pool_size);
    if (us->veto && yd->scheme.veto_effect == VETO_FAIL)
        text_lines_add(out, "      一票否决: 排在本组所有未否决单位之后");
    free(shared);
    free(peers);
}

static void missing_lines(const struct year_data *yd, const struct unit_score *us,
                          struct text_lines *out)
{
    if (!us->missing)
        return;
    char *why = xstrdup("");
    static const struct {
        unsigned bit;
        const char *text;
    } reasons[] = {{MISSING_TARGETS, "没有任务书条目"},
                   {MISSING_PROGRESS, "有指标缺少半年 (第2季度) 或年终 (第4季度) 进度"},
                   {MISSING_SCORE, "有评分类指标缺少评估得分"},
                   {MISSING_APPRAISAL, "没有公众评议"},
                   {MISSING_SOURCE, "有评分来源没有得分"}};
    for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
        if (us->missing & reasons[i].bit) {
            char *next = xasprintf("%s%s%s", why, *why ? "; " : "", reasons[i].text);
            free(why);
            why = next;
        }
    text_lines_add(out, "数据不全: %s。缺少的部分按 0 分计。", why);
    free(why);
    (void)yd;
}

void explain_unit(const struct year_data *yd, const struct year_scores *ys, size_t u,
                  struct text_lines *out)
{
    const struct unit_score *us = &ys->units[u];
    const struct unit *un = &yd->units[u];
    const struct scheme *s = &yd->scheme;
    char a[48], b[48], key[48];
    text_lines_add(out, "%s %s  分组 %s  %d 年度  考核方案 %s%s", un->code, un->name, un->pool,
                   yd->year, s->preset, yd->locked ? "  (已审定)" : "");
    if (un->leader)
        text_lines_add(out, "第一责任人: %s", un->leader);
    text_lines_add(out, "%s", "");
    missing_lines(yd, us, out);
    items_section(yd, us, out);
    explain_adjustments(yd, us, out);
    score_fmt_plain((double)us->key_points_u / 1e6, key, sizeof key);
    text_lines_add(out, "半年初评 K_H = %s (满分 %s); 年终总评 K_Y = %s (满分 %s)",
                   score_fmt2(us->k_u[0], a, sizeof a), key, score_fmt2(us->k_u[1], b, sizeof b),
                   key);
    if (un->has_appraisal && un->has_satisfaction)
        text_lines_add(out, "公众评议: %s 分 (满意度 %s%%%s)", plain_buf(un->appraisal),
                       score_fmt_plain(un->satisfaction, a, sizeof a),
                       un->satisfaction < 60 ? ", 低于 60%" : "");
    else if (un->has_appraisal)
        text_lines_add(out, "公众评议: %s 分", plain_buf(un->appraisal));
    else if (s->appraisal_share > 0 || !explain_has_sources(yd, u))
        text_lines_add(out, "公众评议: 未录入 (按 0 分计)");
    explain_sources_section(yd, u, out);
    ledger_section(yd, us, out);
    text_lines_add(out, "%s", "");
    char *formula = explain_formula(yd, us);
    text_lines_add(out, "%s", formula);
    free(formula);
    text_lines_add(out,
                   "(各项按未舍入的精确值相加, 只在总分处四舍五入一次: 集中考核 %.6Lf,"
                   " 总分 %.6Lf)",
                   us->key_u / 1e6L, us->total_u / 1e6L);
    grade_lines(yd, us, out);
    rank_lines(yd, ys, us, out);
}
