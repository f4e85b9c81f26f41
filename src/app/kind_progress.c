/* progress (季度进度): 年度, 单位编码, 指标编码, 季度, 累计完成值, *累计支出*, *评分*, *备注*,
 * *偏差原因*, *整改措施*, *处置决定*, *决定日期*, *更正* (双监控 corrections, decisions and the
 * 更正 mark, issue 15 item 5; docs/csv.md). The whole kind (app/kinds.h): columns, parser, key,
 * export writer, store writer, the checks against the unit's items (an actual unless a 评分
 * item's row gives its score, issue 17 item 5; 评分 due, within the item's points; 更正, the
 * rule of model/rules.h: a cumulative value below the previous quarter's only when marked),
 * absent columns keeping the stored values. Streamed. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import.h"
#include "app/import_checker.h"
#include "app/kinds.h"
#include "db/targets.h"
#include "io/field.h"
#include "io/kind_row.h"
#include "io/row_spill.h"
#include "model/rules.h"
#include "model/xmalloc.h"

enum { P_YEAR, P_UNIT, P_ITEM, P_QUARTER, P_ACTUAL, P_SPENT, P_SCORE, P_NOTE, P_DEVIATION,
       P_ACTION, P_DECISION, P_DECISION_ON, P_CORRECTED };
static const struct import_column progress_cols[] = {
    {"年度", "year", true},    {"单位编码", "unit", true},     {"指标编码", "item", true},
    {"季度", "quarter", true}, {"累计完成值", "actual", true}, {"累计支出", "spent", false},
    {"评分", "score", false},  {"备注", "note", false},
    {"偏差原因", "deviation", false}, {"整改措施", "action", false},
    {"处置决定", "decision", false}, {"决定日期", "decision_on", false},
    {"更正", "corrected", false}};

/* 处置决定 and 决定日期 go together; 更正 is a yes or no (model/rules.h). */
static void parse_decision(struct rowctx *c, struct quarter_progress *p)
{
    const char *d = krow_cell(c, P_DECISION), *on = krow_cell(c, P_DECISION_ON);
    char why[512];
    if (*d && !decision_parse(d, &p->decision))
        krow_error(c, P_DECISION, "「%.*s%s」不是处置决定 (应为 继续、调整、暂缓 或 停止)",
                   krow_quote_len(d), d, krow_quote_more(d));
    if (*on && !field_parse_date(on, p->decision_on, why, sizeof why))
        krow_error(c, P_DECISION_ON, "%s", why);
    else if (*d && !*on)
        krow_error(c, P_DECISION_ON, "不能为空 (填了处置决定时要写决定日期)");
    else if (*on && !*d)
        krow_error(c, P_DECISION, "不能为空 (有决定日期时要写处置决定: 继续、调整、暂缓 或 停止)");
    const char *m = krow_cell(c, P_CORRECTED);
    if (!rules_correction_parse(m, &p->corrected))
        krow_error(c, P_CORRECTED, "「%.*s%s」应为 是 或 否 (累计值小于上季度、确属更正时填 是)",
                   krow_quote_len(m), m, krow_quote_more(m));
}

static void parse_progress(struct rowctx *c, struct import_row *r)
{
    struct quarter_progress *p = &r->v.progress.p;
    char why[512];
    r->year = krow_year(c, P_YEAR);
    r->unit = krow_code(c, P_UNIT, true);
    r->v.progress.item = krow_code(c, P_ITEM, true);
    const char *q = krow_cell(c, P_QUARTER);
    if (!*q)
        krow_error(c, P_QUARTER, "不能为空 (1-4)");
    else if (!field_parse_quarter(q, &r->v.progress.quarter, why, sizeof why))
        krow_error(c, P_QUARTER, "%s", why);
    p->present = true;
    /* may be empty: whether the row may lack it is check_progress's (it knows the method) */
    p->no_actual = !krow_number(c, P_ACTUAL, false, LIMIT_AMOUNT, &p->actual);
    if (p->no_actual)
        p->actual = 0;
    p->has_spent = krow_number(c, P_SPENT, false, LIMIT_MONEY, &p->spent);
    p->has_score = krow_number(c, P_SCORE, false, LIMIT_SCORE, &p->score);
    p->note = krow_text_opt(c, P_NOTE);
    p->deviation = krow_text_opt(c, P_DEVIATION);
    p->action = krow_text_opt(c, P_ACTION);
    parse_decision(c, p);
}

static void free_progress(struct import_row *r)
{
    free(r->v.progress.item), free(r->v.progress.p.note);
    free(r->v.progress.p.deviation), free(r->v.progress.p.action);
}

/* The parsed row for the import's second pass (io/row_spill.h): every field parse_progress
 * sets, so the row read back is the row parsed. */
enum { SPILL_NO_ACTUAL = 1, SPILL_SPENT = 2, SPILL_SCORE = 4, SPILL_CORRECTED = 8 };

static void pack_progress(struct spill_rec *w, const struct import_row *r)
{
    const struct quarter_progress *p = &r->v.progress.p;
    spill_put_text(w, r->v.progress.item);
    spill_put_int(w, r->v.progress.quarter);
    spill_put_int(w, (p->no_actual ? SPILL_NO_ACTUAL : 0) | (p->has_spent ? SPILL_SPENT : 0) |
                         (p->has_score ? SPILL_SCORE : 0) | (p->corrected ? SPILL_CORRECTED : 0));
    if (!p->no_actual)
        spill_put_num(w, p->actual);
    if (p->has_spent)
        spill_put_num(w, p->spent);
    if (p->has_score)
        spill_put_num(w, p->score);
    spill_put_text(w, p->note), spill_put_text(w, p->deviation), spill_put_text(w, p->action);
    spill_put_int(w, p->decision);
    if (p->decision != DECISION_NONE || p->decision_on[0])
        spill_put_text(w, p->decision_on);
    else
        spill_put_text(w, NULL);
}

static void unpack_progress(struct spill_rec *rd, struct import_row *r)
{
    struct quarter_progress *p = &r->v.progress.p;
    r->v.progress.item = spill_get_text(rd);
    r->v.progress.quarter = (int)spill_get_int(rd);
    long long flags = spill_get_int(rd);
    p->present = true;
    p->no_actual = flags & SPILL_NO_ACTUAL, p->has_spent = flags & SPILL_SPENT;
    p->has_score = flags & SPILL_SCORE, p->corrected = flags & SPILL_CORRECTED;
    p->actual = p->no_actual ? 0 : spill_get_num(rd);
    p->spent = p->has_spent ? spill_get_num(rd) : 0;
    p->score = p->has_score ? spill_get_num(rd) : 0;
    p->note = spill_get_text(rd), p->deviation = spill_get_text(rd);
    p->action = spill_get_text(rd);
    p->decision = (enum kp_decision)spill_get_int(rd);
    char *on = spill_get_text(rd);
    if (on && strlen(on) < sizeof p->decision_on)
        memcpy(p->decision_on, on, strlen(on) + 1);
    else if (on)
        rd->bad = true;
    free(on);
}

/* An int's decimal digits at w (at most 11 bytes); their count. */
static size_t put_int(char *w, int v)
{
    char t[12];
    size_t n = 0, k = 0;
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
    do
        t[n++] = (char)('0' + u % 10);
    while ((u /= 10) > 0);
    if (v < 0)
        w[k++] = '-';
    while (n)
        w[k++] = t[--n];
    return k;
}

/* The key of a quarter's row, "%d\x1f%s\x1f%s\x1f%d" of year, unit, item and quarter: also how
 * row_after below finds a neighbouring quarter. Written into buf when it fits, else into a new
 * allocation (the caller frees a result that is not buf). By hand: it is made three times a
 * row, and printf's formatting was 12 % of a re-import's instructions (bench/README.md). */
static char *progress_key(char *buf, size_t size, int year, const char *unit, const char *item,
                          int q)
{
    size_t lu = strlen(unit), li = strlen(item), need = lu + li + 2 * 11 + 4;
    char *k = need <= size ? buf : xmalloc(need), *w = k;
    w += put_int(w, year);
    *w++ = '\x1f';
    memcpy(w, unit, lu), w += lu;
    *w++ = '\x1f';
    memcpy(w, item, li), w += li;
    *w++ = '\x1f';
    w += put_int(w, q);
    *w = '\0';
    return k;
}

static char *key_progress(const struct import_row *r)
{
    return progress_key(NULL, 0, r->year, r->unit, r->v.progress.item, r->v.progress.quarter);
}

/* What the 更正 check of the quarters around a row needs of it (row_after): its 累计完成值
 * and 累计支出, NaN when not given. */
static double value_progress(const struct import_row *r)
{
    return r->v.progress.p.no_actual ? NAN : r->v.progress.p.actual;
}

static double value2_progress(const struct import_row *r)
{
    return r->v.progress.p.has_spent ? r->v.progress.p.spent : NAN;
}

static size_t export_progress(const struct export_source *src, const struct row_sink *out)
{
    const struct year_data *yd = src->yd;
    size_t rows = 0;
    for (size_t i = 0; i < yd->n_items; i++) {
        const struct target_item *it = &yd->items[i];
        for (int q = 0; q < KP_QUARTERS; q++) {
            const struct quarter_progress *p = &it->q[q];
            if (!p->present)
                continue;
            krow_put_int(out, src->year);
            krow_put_text(out, yd->units[it->unit_index].code), krow_put_text(out, it->code);
            krow_put_int(out, q + 1);
            krow_put_num_opt(out, !p->no_actual, p->actual);
            krow_put_num_opt(out, p->has_spent, p->spent);
            krow_put_num_opt(out, p->has_score, p->score), krow_put_text(out, p->note);
            krow_put_text(out, p->deviation), krow_put_text(out, p->action);
            krow_put_text(out, decision_label(p->decision)), krow_put_text(out, p->decision_on);
            krow_put_text(out, p->corrected ? "是" : "");
            out->end_row(out->ctx);
            rows++;
        }
    }
    return rows;
}

/* ---- the store side ---- */

/* A row the checks found stored with the same values writes nothing (the upsert would change
 * nothing and audit nothing); one they compared is written without asking the store first. */
static int put_progress(struct store *st, struct import_row *r, const struct app_import_request *q,
               enum store_put *res)
{
    (void)q;
    const struct quarter_progress *p = &r->v.progress.p;
    switch (r->stored) {
    case IMPORT_STORED_SAME:
        *res = PUT_UNCHANGED;
        return STORE_OK;
    case IMPORT_STORED_NONE:
    case IMPORT_STORED_OTHER:
        return store_progress_put_known(st, r->year, r->unit, r->v.progress.item,
                                        r->v.progress.quarter, p,
                                        r->stored == IMPORT_STORED_OTHER, res);
    default:
        return store_progress_put(st, r->year, r->unit, r->v.progress.item,
                                  r->v.progress.quarter, p, res);
    }
}

_Static_assert(KIND_PUT_MANY == STORE_PROGRESS_MANY, "one statement per held batch");

static int put_many_progress(struct store *st, struct import_row *rows, size_t n, size_t *failed)
{
    struct progress_put put[KIND_PUT_MANY];
    for (size_t i = 0; i < n; i++)
        put[i] = (struct progress_put){rows[i].year, rows[i].unit, rows[i].v.progress.item,
                                       rows[i].v.progress.quarter, &rows[i].v.progress.p,
                                       rows[i].stored == IMPORT_STORED_OTHER};
    return store_progress_put_many(st, put, n, failed);
}

/* Text as the writer binds it (empty: NULL) against the stored text (NULL or text). */
static bool same_text(const char *file, const char *db)
{
    if (!file || !*file)
        return !db;
    return db && strcmp(file, db) == 0;
}

static bool same_number(bool has, double v, bool db_has, double db)
{
    return has == db_has && (!has || v == db);
}

/* True when the upsert of p would find dbq equal, column for column (its WHERE ... IS NOT in
 * db/targets.c, with the writer's bindings: empty text is NULL, no decision binds no date). */
static bool same_progress(const struct quarter_progress *p, const struct quarter_progress *dbq)
{
    return same_number(!p->no_actual, p->actual, !dbq->no_actual, dbq->actual) &&
           same_number(p->has_spent, p->spent, dbq->has_spent, dbq->spent) &&
           same_number(p->has_score, p->score, dbq->has_score, dbq->score) &&
           same_text(p->note, dbq->note) && same_text(p->deviation, dbq->deviation) &&
           same_text(p->action, dbq->action) && p->decision == dbq->decision &&
           (p->decision == DECISION_NONE || strcmp(p->decision_on, dbq->decision_on) == 0) &&
           p->corrected == dbq->corrected;
}

/* A stored progress row keeps the values of the optional columns the file leaves out. */
static void keep_progress(struct checker *c, struct quarter_progress *p,
                          const struct quarter_progress *dbq)
{
    if (!dbq->present)
        return;
    if (checker_absent_col(c, P_SPENT))
        p->has_spent = dbq->has_spent, p->spent = dbq->spent;
    if (checker_absent_col(c, P_SCORE))
        p->has_score = dbq->has_score, p->score = dbq->score;
    if (checker_absent_col(c, P_NOTE))
        checker_keep_text(&p->note, dbq->note);
    if (checker_absent_col(c, P_DEVIATION))
        checker_keep_text(&p->deviation, dbq->deviation);
    if (checker_absent_col(c, P_ACTION))
        checker_keep_text(&p->action, dbq->action);
    if (checker_absent_col(c, P_DECISION) && checker_absent_col(c, P_DECISION_ON)) {
        p->decision = dbq->decision;
        memcpy(p->decision_on, dbq->decision_on, sizeof p->decision_on);
    }
    /* A correction stays one while its values stay; new values are checked again. */
    if (checker_absent_col(c, P_CORRECTED))
        p->corrected = dbq->corrected && p->actual == dbq->actual &&
                       p->no_actual == dbq->no_actual && p->has_spent == dbq->has_spent &&
                       p->spent == dbq->spent;
}

/* The row's own place in the file's index, tried first where the last row's ends: the rows of a
 * file in key order come one after another, and its neighbouring quarters lie beside it. */
static size_t own_place(struct checker *c, const struct import_row *r)
{
    char buf[160];
    char *k = progress_key(buf, sizeof buf, r->year, r->unit, r->v.progress.item,
                           r->v.progress.quarter);
    const struct import_key *own = import_index_find_at(&c->b->index, k, c->index_next);
    if (k != buf)
        free(k);
    size_t place = own ? (size_t)(own - c->b->index.keys) : 0;
    c->index_next = place + 1;
    return place;
}

/* Quarter q's row after the import, as far as the drop rule needs it: the file's row if any
 * (its key in the file's index, io/import_rows.h, tried at near first), else the database's.
 * *line: the file's line, 0 for the database's row. */
static struct quarter_progress row_after(const struct checker *c, const struct import_row *r,
                                         const struct target_item *it, int q, size_t near,
                                         long *line)
{
    /* in place: this runs twice a row (an allocation each was 5 % of a re-import); codes are
     * short, a longer key is allocated */
    char buf[160];
    char *k = progress_key(buf, sizeof buf, r->year, r->unit, r->v.progress.item, q);
    const struct import_key *hit = import_index_find_at(&c->b->index, k, near);
    if (k != buf)
        free(k);
    *line = hit ? hit->line : 0;
    if (!hit)
        return it->q[q - 1];
    struct quarter_progress p = {.present = true, .no_actual = isnan(hit->value),
                                 .actual = hit->value, .has_spent = !isnan(hit->value2),
                                 .spent = hit->value2};
    return p;
}

/* "累计完成值 38 小于第 1 季度的 40": the values that dropped, for the message. */
static void drop_text(int drop, const struct quarter_progress *prev,
                      const struct quarter_progress *cur, char *buf, size_t sz)
{
    char a[40], b[40], x[40], y[40];
    field_format_number(cur->actual, a), field_format_number(prev->actual, b);
    field_format_number(cur->spent, x), field_format_number(prev->spent, y);
    if (drop == (RULES_DROP_ACTUAL | RULES_DROP_SPENT))
        snprintf(buf, sz, "累计完成值 %s 小于上季度的 %s, 累计支出 %s 小于上季度的 %s", a, b, x, y);
    else if (drop == RULES_DROP_SPENT)
        snprintf(buf, sz, "累计支出 %s 小于上季度的 %s", x, y);
    else
        snprintf(buf, sz, "累计完成值 %s 小于上季度的 %s", a, b);
}

/* 更正: below the previous quarter only when marked; the mark is kept only where it applies. A
 * later quarter in the database that the row now exceeds is only a warning: that row is the
 * one to correct. */
static void check_drop(struct checker *c, struct import_row *r, const struct target_item *it)
{
    struct quarter_progress *p = &r->v.progress.p;
    int q = r->v.progress.quarter;
    long line = 0;
    size_t place = own_place(c, r);
    struct quarter_progress prev = {0};
    if (q > 1) /* SIZE_MAX: no place to try, searched */
        prev = row_after(c, r, it, q - 1, place ? place - 1 : SIZE_MAX, &line);
    int drop = rules_progress_drop(&prev, p);
    char text[256];
    if (drop && !p->corrected) {
        drop_text(drop, &prev, p, text, sizeof text);
        import_error(c->probs, r->line,
                     checker_label(c, drop & RULES_DROP_ACTUAL ? "累计完成值" : "累计支出"),
                     "%s %s 第 %d 季度%s%s (累计值不应减少; 确属更正上季度的数字时, 在「更正」列"
                     "填 是)",
                     r->unit, r->v.progress.item, q, text, line ? "" : " (数据库中)");
    }
    p->corrected = p->corrected && drop;
    if (q == 4)
        return;
    struct quarter_progress next = row_after(c, r, it, q + 1, place + 1, &line);
    int later = rules_progress_drop(p, &next);
    if (line == 0 && later && !next.corrected) {
        drop_text(later, p, &next, text, sizeof text);
        import_warning(c->probs, r->line, checker_label(c, "累计完成值"),
                       "%s %s 数据库中第 %d 季度的%s (即本行): 第 %d 季度的数字需要更正",
                       r->unit, r->v.progress.item, q + 1, text, q + 1);
    }
}

/* it: the row's item in y, or NULL. */
static void check_progress(struct checker *c, struct import_row *r, struct year_cache *y,
                           const struct target_item *it)
{
    if (!it && checker_damaged_item(c, r, checker_label(c, "指标编码"), &y->yd, r->v.progress.item))
        return;
    if (!it) {
        import_error(c->probs, r->line, checker_label(c, "指标编码"),
                     "%d 年度单位 %s 的任务书中没有指标「%s」(请先导入 targets)", r->year, r->unit,
                     r->v.progress.item);
        return;
    }
    const struct quarter_progress *p = &r->v.progress.p;
    int q = r->v.progress.quarter;
    if (rules_progress_needs_actual(it->method, !p->no_actual, true, p->has_score))
        import_error(c->probs, r->line, checker_label(c, "累计完成值"),
                     it->method == METHOD_MANUAL ? "不能为空 (评分指标 %s 可只填评分)"
                                                 : "不能为空 (指标 %s)",
                     it->code);
    if (rules_score_due(it->method, q) && !p->has_score)
        import_error(c->probs, r->line, checker_label(c, "评分"),
                     "指标 %s 的计分方式为评分, 第 %d 季度 (%s) 必须填写评分 (0 到 %g)", it->code,
                     q, rules_score_stage(q), it->points);
    if (p->has_score && !rules_score_within(p->score, it->points)) {
        char s[40];
        field_format_number(p->score, s);
        import_error(c->probs, r->line, checker_label(c, "评分"), "评分 %s 超过指标 %s 的分值 %g", s,
                     it->code, it->points);
    }
    check_drop(c, r, it);
}

static void check_row_progress(struct checker *c, struct import_row *r, struct year_cache *y,
                               const struct unit *u)
{
    (void)u;
    const struct target_item *it = checker_item(y, r->unit, r->v.progress.item);
    if (it)
        keep_progress(c, &r->v.progress.p, &it->q[r->v.progress.quarter - 1]);
    check_progress(c, r, y, it);
    if (!it)
        return;
    const struct quarter_progress *dbq = &it->q[r->v.progress.quarter - 1];
    r->stored = !dbq->present                       ? IMPORT_STORED_NONE
                : same_progress(&r->v.progress.p, dbq) ? IMPORT_STORED_SAME
                                                      : IMPORT_STORED_OTHER;
}

static const struct kind_store progress_store = {
    .put = put_progress,
    .put_many = put_many_progress,
    .streamed = true,
    .unit_items = true,
    .check_row = check_row_progress,
};

const struct data_kind kind_progress = {
    .name = "progress",
    .sheet = "季度进度",
    .per_year = true,
    .reads = KIND_READS_PROGRESS,
    .cols = progress_cols,
    .n_cols = sizeof progress_cols / sizeof progress_cols[0],
    .dup_column = "季度",
    .dup_text = "重复 (同一年度、单位、指标和季度)",
    .parse = parse_progress,
    .free_row = free_progress,
    .key = key_progress,
    .key_value = value_progress,
    .key_value2 = value2_progress,
    .pack = pack_progress,
    .unpack = unpack_progress,
    .export_rows = export_progress,
    .store = &progress_store,
};
