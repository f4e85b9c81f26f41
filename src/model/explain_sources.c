/* The score sources in an explanation: each source as a term of the formula with its raters
 * ("领导评估 92×10% = 9.20（县委）"), and the scores behind it with who gave them and when. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/explain.h"
#include "model/sources.h"
#include "model/xmalloc.h"

/* "92", "(90+94)/2", "良好 9": the values behind a term. */
static char *term_values(const struct year_data *yd, size_t u, const struct source_term *t)
{
    char *out = xstrdup("");
    size_t count = 0, first = t->first;
    for (size_t i = first; t->n && i < yd->n_scores && yd->scores[i].unit_index == u; i++) {
        const struct source_score *sc = &yd->scores[i];
        if (strcmp(sc->source, t->src->name) != 0)
            continue;
        char v[48];
        score_fmt_plain(sc->value, v, sizeof v);
        char *next = xasprintf("%s%s%s%s%s", out, count ? "+" : "", sc->grade ? sc->grade : "",
                               sc->grade ? " " : "", v);
        free(out);
        out = next, count++;
    }
    if (t->from_appraisal) {
        char v[48];
        char *next = xasprintf("%s%s%s", out, count ? "+" : "",
                               score_fmt_plain(yd->units[u].appraisal, v, sizeof v));
        free(out);
        out = next, count++;
    }
    if (count > 1) {
        char *next = xasprintf("(%s)/%zu", out, count);
        free(out);
        out = next;
    }
    return out;
}

char *explain_source_term(const struct year_data *yd, size_t u, const struct source_term *t)
{
    const struct score_source *src = t->src;
    char part[48], share[48];
    score_fmt2(t->part_u, part, sizeof part);
    if (t->n == 0 && !t->from_appraisal)
        return xasprintf("%s %s %s", src->name, src->bonus ? "+" : "未录入 =", part);
    char *values = term_values(yd, u, t), *raters = sources_raters(yd, t), *out;
    char *who = *raters ? xasprintf("（%s）", raters) : xstrdup("");
    if (src->bonus)
        out = xasprintf("%s %s → +%s%s", src->name, values, part, who);
    else if (src->scale == SCALE_PERCENT)
        out = xasprintf("%s %s×%s%% = %s%s", src->name, values,
                        score_fmt_plain(src->share, share, sizeof share), part, who);
    else
        out = xasprintf("%s %s = %s%s", src->name, values, part, who);
    free(values), free(raters), free(who);
    return out;
}

bool explain_has_sources(const struct year_data *yd, size_t u)
{
    for (size_t i = 0; i < yd->n_sources; i++)
        if (source_applies(&yd->sources[i], yd->units[u].pool))
            return true;
    return false;
}

char *explain_source_terms(const struct year_data *yd, size_t u)
{
    char *out = xstrdup("");
    for (size_t i = 0; i < yd->n_sources; i++) {
        if (!source_applies(&yd->sources[i], yd->units[u].pool))
            continue;
        struct source_term t;
        sources_term(yd, u, &yd->sources[i], &t);
        char *term = explain_source_term(yd, u, &t);
        char *next = xasprintf("%s; %s", out, term);
        free(out), free(term);
        out = next;
    }
    return out;
}

void explain_sources_section(const struct year_data *yd, size_t u, struct text_lines *out)
{
    for (size_t i = 0; i < yd->n_sources; i++) {
        const struct score_source *src = &yd->sources[i];
        if (!source_applies(src, yd->units[u].pool))
            continue;
        char share[48];
        score_fmt_plain(src->share, share, sizeof share);
        text_lines_add(out, "%s (%s%s %s 分, %s%s%s):", src->name, src->bonus ? "加分, 最多" : "",
                       src->bonus ? "" : "占", share, source_scale_label(src->scale),
                       src->rater ? ", 评分单位 " : "", src->rater ? src->rater : "");
        struct source_term t;
        sources_term(yd, u, src, &t);
        for (size_t k = t.first; t.n && k < yd->n_scores && yd->scores[k].unit_index == u; k++) {
            const struct source_score *sc = &yd->scores[k];
            if (strcmp(sc->source, src->name) != 0)
                continue;
            char v[48];
            text_lines_add(out, "  %s%s%s 分  %s  %s", sc->grade ? sc->grade : "",
                           sc->grade ? " " : "", score_fmt_plain(sc->value, v, sizeof v),
                           sc->rater ? sc->rater : "", sc->date);
        }
        if (t.from_appraisal) {
            char v[48];
            text_lines_add(out, "  %s 分  公众评议", score_fmt_plain(yd->units[u].appraisal, v,
                                                                  sizeof v));
        }
        if (t.n == 0 && !t.from_appraisal)
            text_lines_add(out, "  %s", src->bonus ? "无 (不加分)" : "未录入 (按 0 分计)");
    }
}
