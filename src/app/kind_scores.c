/* scores (评分来源的得分): 年度, 单位编码, 来源, 分值, 评分单位, 日期, *等次* (docs/csv.md). One
 * row is one rater's score of a source for a unit on a day; the source, its scale and, for a
 * graded source, the grade's range are checked against the year's scheme. The whole kind
 * (app/kinds.h): columns, parser, key, export writer, store writer, that check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import.h"
#include "app/import_checker.h"
#include "app/kinds.h"
#include "db/sources.h"
#include "io/field.h"
#include "io/kind_row.h"
#include "model/sources.h"
#include "model/xmalloc.h"

enum { S_YEAR, S_UNIT, S_SOURCE, S_VALUE, S_RATER, S_DATE, S_GRADE };
static const struct import_column score_cols[] = {
    {"年度", "year", true},     {"单位编码", "unit", true}, {"来源", "source", true},
    {"分值", "score", true},    {"评分单位", "rater", true}, {"日期", "date", true},
    {"等次", "grade", false}};

static void parse_score(struct rowctx *c, struct import_row *r)
{
    struct source_score *s = &r->v.score.s;
    char why[512];
    r->year = krow_year(c, S_YEAR);
    r->unit = krow_code(c, S_UNIT, true);
    s->source = krow_text_req(c, S_SOURCE);
    s->rater = krow_text_req(c, S_RATER);
    s->grade = krow_text_opt(c, S_GRADE);
    r->v.score.has_value = krow_number(c, S_VALUE, false, LIMIT_APPRAISAL, &s->value);
    if (!r->v.score.has_value && !s->grade && !*field_unguard(krow_cell(c, S_VALUE)))
        krow_error(c, S_VALUE, "不能为空 (按等次录入的来源可只填 等次)");
    const char *d = krow_cell(c, S_DATE);
    if (!*d)
        krow_error(c, S_DATE, "不能为空 (YYYY-MM-DD)");
    else if (!field_parse_date(d, s->date, why, sizeof why))
        krow_error(c, S_DATE, "%s", why);
}

static void free_score(struct import_row *r)
{
    free(r->v.score.s.source), free(r->v.score.s.rater), free(r->v.score.s.grade);
}

static char *key_score(const struct import_row *r)
{
    const struct source_score *s = &r->v.score.s;
    return xasprintf("%d\x1f%s\x1f%s\x1f%s\x1f%s", r->year, r->unit, s->source ? s->source : "",
                     s->rater ? s->rater : "", s->date);
}

static size_t export_scores(const struct export_source *src, const struct row_sink *out)
{
    const struct year_data *yd = src->yd;
    for (size_t i = 0; i < yd->n_scores; i++) {
        const struct source_score *s = &yd->scores[i];
        krow_put_int(out, src->year);
        krow_put_text(out, yd->units[s->unit_index].code), krow_put_text(out, s->source);
        krow_put_num(out, s->value), krow_put_text(out, s->rater);
        krow_put_text(out, s->date), krow_put_text(out, s->grade);
        out->end_row(out->ctx);
    }
    return yd->n_scores;
}

/* ---- the store side ---- */

static int put_score(struct store *st, struct import_row *r, const struct app_import_request *q,
                     enum store_put *res)
{
    (void)q;
    return store_score_put(st, r->year, r->unit, &r->v.score.s, res);
}

/* A score names a source of the year that applies to the unit's pool, on its scale; a graded
 * source's grade is converted (docs/scoring.md "Score sources"). */
static void check_score(struct checker *c, struct import_row *r, struct year_cache *y,
                        const struct unit *u)
{
    struct source_score *s = &r->v.score.s;
    const struct score_source *src = sources_find(&y->yd, s->source, u->pool);
    if (!src) {
        const char *names[SOURCES_MAX];
        size_t n = sources_names(&y->yd, names, SOURCES_MAX);
        char list[512] = "";
        for (size_t i = 0, at = 0; i < n && at < sizeof list; i++)
            at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", i ? "、" : "", names[i]);
        if (sources_known(&y->yd, s->source))
            import_error(c->probs, r->line, checker_label(c, "来源"), "来源「%s」不适用于%s的分组「%s」",
                         s->source, u->code, u->pool);
        else
            import_error(c->probs, r->line, checker_label(c, "来源"), "%d 年度没有评分来源「%s」(%s%s)",
                         r->year, s->source, n ? "现有: " : "考核方案没有设评分来源", list);
        return;
    }
    char err[512];
    if (!sources_check_score(src, s->grade, r->v.score.has_value, &s->value, err, sizeof err))
        import_error(c->probs, r->line,
                     checker_label(c, src->scale == SCALE_GRADE && !s->grade ? "等次" : "分值"), "%s",
                     err);
}

static const struct kind_store scores_store = {
    .put = put_score,
    .check_row = check_score,
};

const struct data_kind kind_scores = {
    .name = "scores",
    .sheet = "评分",
    .per_year = true,
    .cols = score_cols,
    .n_cols = sizeof score_cols / sizeof score_cols[0],
    .dup_column = "来源",
    .dup_text = "重复 (同一年度、单位、来源、评分单位和日期)",
    .parse = parse_score,
    .free_row = free_score,
    .key = key_score,
    .export_rows = export_scores,
    .store = &scores_store,
};
