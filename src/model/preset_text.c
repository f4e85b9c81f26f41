/* The compiled-in presets (assets/schemes, embedded by cmake/embed_assets.cmake) and writing a
 * year's structure back as a preset text (`kaoping scheme save`, docs/scheme.md). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/preset.h"
#include "model/grades.h"
#include "model/score.h"
#include "model/sources.h"
#include "model/xmalloc.h"

bool preset_builtin_load(const char *name, struct preset *out)
{
    for (size_t i = 0; name && i < preset_builtin_count; i++) {
        if (strcmp(preset_builtin[i].name, name) != 0)
            continue;
        char file[64], err[512];
        snprintf(file, sizeof file, "%s.scheme", name);
        /* The shipped files are parsed by tests/model/test_preset.c: a failure here is a
         * build that skipped its tests, not an operator's mistake. */
        if (!preset_parse(preset_builtin[i].text, strlen(preset_builtin[i].text), file, out, err,
                          sizeof err)) {
            fprintf(stderr, "kaoping: 内置方案预设有误: %s\n", err);
            abort();
        }
        return true;
    }
    return false;
}

const char *preset_builtin_names(void)
{
    static char names[256];
    if (names[0])
        return names;
    size_t at = 0;
    for (size_t i = 0; i < preset_builtin_count && at < sizeof names; i++)
        at += (size_t)snprintf(names + at, sizeof names - at, "%s%s", i ? ", " : "",
                               preset_builtin[i].name);
    return names;
}

const char *preset_builtin_next(const char *cur)
{
    /* position 0 is the default, then the table (sorted by file name) without it */
    size_t n = preset_builtin_count, at = 0, def = 0;
    for (size_t i = 0; i < n; i++)
        def = strcmp(preset_builtin[i].name, PRESET_DEFAULT) == 0 ? i : def;
    const char *order[16];
    size_t k = 0;
    order[k++] = preset_builtin[def].name;
    for (size_t i = 0; i < n && k < 16; i++)
        if (i != def)
            order[k++] = preset_builtin[i].name;
    for (size_t i = 0; i < k; i++)
        if (cur && strcmp(order[i], cur) == 0)
            at = (i + 1) % k;
    return order[at];
}

struct buf {
    char *s;
    size_t len;
};

static void put(struct buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    b->s = xrealloc(b->s, b->len + (size_t)n + 1);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    b->len += (size_t)n;
}

static void put_number(struct buf *b, const char *key, double v)
{
    char num[40];
    put(b, "%s = %s\n", key, score_fmt_plain(v, num, sizeof num));
}

static void put_scheme(struct buf *b, const struct preset *p)
{
    const struct scheme *s = &p->scheme;
    put(b, "[scheme]\nname = %s\ntitle = %s\n", s->preset, p->title ? p->title : s->preset);
    put_number(b, "half_share", s->half_share);
    put_number(b, "year_share", s->year_share);
    put_number(b, "appraisal_share", s->appraisal_share);
    put_number(b, "inspection_cap", s->inspection_cap);
    put_number(b, "complaint_cap", s->complaint_cap);
    put_number(b, "bonus_cap", s->bonus_cap);
    put(b, "veto_effect = %s\ntie_style = %s\n", veto_effect_token(s->veto_effect),
        tie_style_token(s->tie_style));
    put_number(b, "warn_yellow", s->warn_yellow);
    put_number(b, "warn_red", s->warn_red);
    put_number(b, "mismatch", s->mismatch);
}

/* [grades]: the bands best first, the last alone, the pass band the veto caps to. */
static void put_grades(struct buf *b, const struct scheme *s)
{
    put(b, "\n[grades]\n");
    for (int g = 0; g < s->n_grades; g++)
        if (g + 1 < s->n_grades)
            put_number(b, s->grades[g].label, s->grades[g].min);
        else
            put(b, "%s\n", s->grades[g].label);
    put(b, "cap = %s\n", grades_label(s, s->cap_grade));
}

static void put_sources(struct buf *b, const struct preset *p)
{
    for (size_t i = 0; i < p->n_sources; i++) {
        const struct score_source *src = &p->sources[i];
        put(b, "\n[source %s]\n", src->name);
        put_number(b, "share", src->share);
        put(b, "scale = %s\n", source_scale_token(src->scale));
        if (src->n_pools) {
            char *pools = sources_format_pools(src->pools, src->n_pools);
            put(b, "pools = %s\n", pools);
            free(pools);
        }
        if (src->rater)
            put(b, "rater = %s\n", src->rater);
        if (src->bonus)
            put(b, "bonus = yes\n");
        if (src->appraisal)
            put(b, "appraisal = yes\n");
        if (src->n_grades) {
            char *grades = sources_format_grades(src->grades, src->n_grades);
            put(b, "grades = %s\n", grades);
            free(grades);
        }
    }
}

char *preset_format(const struct preset *p)
{
    struct buf b = {xstrdup(""), 0};
    put(&b, "# %s (kaoping scheme save; 文件格式见 docs/scheme.md)\n",
        p->title ? p->title : p->scheme.preset);
    put_scheme(&b, p);
    put_grades(&b, &p->scheme);
    put(&b, "\n[pools]\n");
    for (size_t i = 0; i < p->n_pools; i++)
        put(&b, "%s\n", p->pools[i]);
    for (size_t i = 0; i < p->n_pools; i++) {
        const struct preset_category *c[PRESET_MAX_CATEGORIES];
        size_t n = preset_categories_of(p, p->pools[i], c, PRESET_MAX_CATEGORIES);
        put(&b, "\n[categories %s]\n", p->pools[i]);
        for (size_t k = 0; k < n; k++)
            put_number(&b, c[k]->name, c[k]->points);
    }
    put_sources(&b, p);
    return b.s;
}
