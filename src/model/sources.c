/* Score sources: applicability, terms, entry checks and the text forms of the scheme file. */
#include "model/sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/limits.h"
#include "model/score.h"
#include "model/xmalloc.h"

__extension__ typedef __int128 i128;

bool source_applies(const struct score_source *s, const char *pool)
{
    if (s->n_pools == 0)
        return true;
    for (size_t i = 0; i < s->n_pools; i++)
        if (pool && strcmp(s->pools[i], pool) == 0)
            return true;
    return false;
}

const struct score_source *sources_find(const struct year_data *yd, const char *name,
                                        const char *pool)
{
    for (size_t i = 0; i < yd->n_sources; i++)
        if (strcmp(yd->sources[i].name, name) == 0 && source_applies(&yd->sources[i], pool))
            return &yd->sources[i];
    return NULL;
}

bool sources_known(const struct year_data *yd, const char *name)
{
    for (size_t i = 0; i < yd->n_sources; i++)
        if (strcmp(yd->sources[i].name, name) == 0)
            return true;
    return false;
}

int64_t sources_share_u(const struct year_data *yd, const char *pool)
{
    int64_t sum = 0;
    for (size_t i = 0; i < yd->n_sources; i++)
        if (!yd->sources[i].bonus && source_applies(&yd->sources[i], pool))
            sum += score_micro(yd->sources[i].share);
    return sum;
}

size_t sources_names(const struct year_data *yd, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < yd->n_sources; i++) {
        bool dup = false;
        for (size_t k = 0; k < n; k++)
            dup |= strcmp(out[k], yd->sources[i].name) == 0;
        if (!dup && n < max)
            out[n++] = yd->sources[i].name;
    }
    return n;
}

void sources_range(const struct year_data *yd, size_t u, size_t *first, size_t *n)
{
    size_t lo = 0, hi = yd->n_scores;
    while (lo < hi) { /* the first score of a unit >= u */
        size_t mid = lo + (hi - lo) / 2;
        if (yd->scores[mid].unit_index < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < yd->n_scores && yd->scores[end].unit_index == u)
        end++;
    *first = lo, *n = end - lo;
}

/* A value clamped to its scale, micro. */
static int64_t clamp_u(const struct score_source *src, double v)
{
    int64_t u = score_micro(v);
    int64_t top = src->scale == SCALE_PERCENT ? 100 * SCORE_MICRO : score_micro(src->share);
    return u < 0 ? 0 : u > top ? top : u;
}

void sources_term(const struct year_data *yd, size_t u, const struct score_source *src,
                  struct source_term *out)
{
    memset(out, 0, sizeof *out);
    out->src = src;
    size_t first, n;
    sources_range(yd, u, &first, &n);
    int64_t sum = 0;
    for (size_t i = first; i < first + n; i++) {
        if (strcmp(yd->scores[i].source, src->name) != 0)
            continue;
        if (out->n == 0)
            out->first = i;
        out->n++;
        sum += clamp_u(src, yd->scores[i].value);
    }
    size_t count = out->n;
    if (src->appraisal && yd->units[u].has_appraisal) {
        out->from_appraisal = true;
        sum += clamp_u(src, yd->units[u].appraisal);
        count++;
    }
    out->missing = count == 0 && !src->bonus;
    out->sum_u = (long double)sum;
    if (count == 0)
        return;
    /* The mean of the scores (a mid-term and a year-end rating count half each), scaled. */
    i128 num = sum, den = (i128)count;
    if (src->scale == SCALE_PERCENT) {
        num *= score_micro(src->share);
        den *= 100 * SCORE_MICRO;
    }
    out->part_u = num % den == 0 ? (long double)(num / den) : (long double)num / (long double)den;
}

bool sources_part(const struct year_data *yd, size_t u, const char *name, long double *part_u)
{
    const struct score_source *src = sources_find(yd, name, yd->units[u].pool);
    if (!src)
        return false;
    struct source_term t;
    sources_term(yd, u, src, &t);
    *part_u = t.part_u;
    return true;
}

char *sources_raters(const struct year_data *yd, const struct source_term *t)
{
    char *out = xstrdup("");
    const char *seen[64];
    size_t n_seen = 0;
    for (size_t i = t->first; t->n && i < yd->n_scores && n_seen < 64; i++) {
        const struct source_score *sc = &yd->scores[i];
        if (sc->unit_index != yd->scores[t->first].unit_index)
            break;
        if (strcmp(sc->source, t->src->name) != 0 || !sc->rater)
            continue;
        bool dup = false;
        for (size_t k = 0; k < n_seen; k++)
            dup |= strcmp(seen[k], sc->rater) == 0;
        if (dup)
            continue;
        seen[n_seen++] = sc->rater;
        char *next = xasprintf("%s%s%s", out, *out ? "、" : "", sc->rater);
        free(out);
        out = next;
    }
    if (t->from_appraisal) {
        char *next = xasprintf("%s%s公众评议", out, *out ? "、" : "");
        free(out);
        out = next;
    }
    return out;
}

bool sources_check_score(const struct score_source *src, const char *grade, bool has_value,
                         double *value, char *err, size_t errsz)
{
    if (src->scale != SCALE_GRADE) {
        /* A bonus source's points may exceed its share: the part is capped at the share
         * (docs/scoring.md, 创新创优 4 → +3.00), so the assessor's number is kept as given. */
        double top = src->scale == SCALE_PERCENT || src->bonus ? 100 : src->share;
        if (grade && *grade) {
            snprintf(err, errsz, "来源「%s」按%s计分, 不填等次", src->name,
                     source_scale_label(src->scale));
            return false;
        }
        if (!has_value || !(*value >= 0 && *value <= top)) {
            snprintf(err, errsz, "来源「%s」的分值应在 0 到 %g 之间", src->name, top);
            return false;
        }
        return true;
    }
    for (size_t g = 0; grade && g < src->n_grades; g++) {
        const struct source_grade *sg = &src->grades[g];
        if (strcmp(sg->label, grade) != 0)
            continue;
        if (!has_value && sg->lo == sg->hi) {
            *value = sg->lo;
            return true;
        }
        if (has_value && score_micro(*value) >= score_micro(sg->lo) &&
            score_micro(*value) <= score_micro(sg->hi))
            return true;
        snprintf(err, errsz, "来源「%s」的等次「%s」对应 %g 到 %g 分, 请填写此范围内的分值%s",
                 src->name, grade, sg->lo, sg->hi, has_value ? "" : " (未填)");
        return false;
    }
    char *table = sources_format_grades(src->grades, src->n_grades);
    snprintf(err, errsz, "来源「%s」按等次录入, 等次应为 %s 之一 (现为「%s」)", src->name, table,
             grade ? grade : "");
    free(table);
    return false;
}

/* ---- text forms (scheme files, the store's columns) ---- */

/* A plain decimal number, the whole text (after trimming blanks). */
static bool parse_num(const char *s, double *out)
{
    while (*s == ' ')
        s++;
    if (!*s)
        return false;
    char *end;
    *out = strtod(s, &end);
    while (*end == ' ')
        end++;
    return *end == '\0' && *out == *out && *out >= 0 && *out <= LIMIT_POINTS_MAX;
}

bool sources_split(const char *text, const char *const *seps, size_t n_seps,
                  bool (*fn)(void *ctx, const char *part, char *err, size_t errsz), void *ctx,
                  char *err, size_t errsz)
{
    const char *p = text ? text : "";
    while (*p) {
        const char *next = NULL;
        size_t seplen = 0;
        for (size_t i = 0; i < n_seps; i++) {
            const char *hit = strstr(p, seps[i]);
            if (hit && (!next || hit < next))
                next = hit, seplen = strlen(seps[i]);
        }
        size_t len = next ? (size_t)(next - p) : strlen(p);
        while (len && p[0] == ' ')
            p++, len--;
        while (len && p[len - 1] == ' ')
            len--;
        if (len) {
            char *part = xstrndup(p, len);
            bool ok = fn(ctx, part, err, errsz);
            free(part);
            if (!ok)
                return false;
        }
        if (!next)
            break;
        p = next + seplen;
    }
    return true;
}

struct grade_acc {
    struct source_grade *g;
    size_t n;
};

static bool add_grade(void *ctx, const char *part, char *err, size_t errsz)
{
    struct grade_acc *a = ctx;
    const char *eq = strchr(part, '=');
    char *label = eq ? xstrndup(part, (size_t)(eq - part)) : NULL;
    double lo = 0, hi = 0;
    bool ok = eq != NULL;
    if (ok) {
        size_t l = strlen(label);
        while (l && label[l - 1] == ' ')
            label[--l] = '\0';
        const char *range = eq + 1, *dash = strchr(range, '-');
        if (dash) {
            char *left = xstrndup(range, (size_t)(dash - range));
            ok = parse_num(left, &lo) && parse_num(dash + 1, &hi) && lo <= hi;
            free(left);
        } else {
            ok = parse_num(range, &lo);
            hi = lo;
        }
        ok = ok && *label;
    }
    if (!ok) {
        snprintf(err, errsz, "等次换算「%s」应写作 等次=分值 或 等次=低-高 (如 良好=8-9)", part);
        free(label);
        return false;
    }
    a->g = xreallocarray(a->g, a->n + 1, sizeof *a->g);
    a->g[a->n++] = (struct source_grade){label, lo, hi};
    return true;
}

bool sources_parse_grades(const char *text, struct source_grade **out, size_t *n, char *err,
                          size_t errsz)
{
    static const char *const seps[] = {";", "；"};
    struct grade_acc a = {NULL, 0};
    bool ok = sources_split(text, seps, 2, add_grade, &a, err, errsz);
    if (!ok) {
        for (size_t i = 0; i < a.n; i++)
            free(a.g[i].label);
        free(a.g);
        a.g = NULL, a.n = 0;
    }
    *out = a.g, *n = a.n;
    return ok;
}

char *sources_format_grades(const struct source_grade *g, size_t n)
{
    char *out = xstrdup("");
    for (size_t i = 0; i < n; i++) {
        char lo[48], hi[48], *next;
        score_fmt_plain(g[i].lo, lo, sizeof lo);
        score_fmt_plain(g[i].hi, hi, sizeof hi);
        if (g[i].lo == g[i].hi)
            next = xasprintf("%s%s%s=%s", out, i ? "; " : "", g[i].label, lo);
        else
            next = xasprintf("%s%s%s=%s-%s", out, i ? "; " : "", g[i].label, lo, hi);
        free(out);
        out = next;
    }
    return out;
}

struct pool_acc {
    char **p;
    size_t n;
};

static bool add_pool(void *ctx, const char *part, char *err, size_t errsz)
{
    struct pool_acc *a = ctx;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->p[i], part) == 0) {
            snprintf(err, errsz, "分组「%s」重复", part);
            return false;
        }
    a->p = xreallocarray(a->p, a->n + 1, sizeof *a->p);
    a->p[a->n++] = xstrdup(part);
    return true;
}

bool sources_parse_pools(const char *text, char ***out, size_t *n, char *err, size_t errsz)
{
    static const char *const seps[] = {",", "，", "、"};
    struct pool_acc a = {NULL, 0};
    bool ok = sources_split(text, seps, 3, add_pool, &a, err, errsz);
    if (!ok) {
        for (size_t i = 0; i < a.n; i++)
            free(a.p[i]);
        free(a.p);
        a.p = NULL, a.n = 0;
    }
    *out = a.p, *n = a.n;
    return ok;
}

char *sources_format_pools(char *const *pools, size_t n)
{
    char *out = xstrdup("");
    for (size_t i = 0; i < n; i++) {
        char *next = xasprintf("%s%s%s", out, i ? ", " : "", pools[i]);
        free(out);
        out = next;
    }
    return out;
}

static bool parse_flag(const char *v, bool *out)
{
    static const char *const yes[] = {"yes", "true", "1", "是"}, *const no[] = {"no", "false",
                                                                              "0", "否", ""};
    for (size_t i = 0; i < 4; i++)
        if (strcmp(v, yes[i]) == 0)
            return *out = true, true;
    for (size_t i = 0; i < 5; i++)
        if (strcmp(v, no[i]) == 0)
            return *out = false, true;
    return false;
}

static bool key_is(const char *key, const char *en, const char *zh)
{
    return strcmp(key, en) == 0 || strcmp(key, zh) == 0;
}

bool sources_set(struct score_source *s, const char *key, const char *value, char *err,
                 size_t errsz)
{
    bool ok = true;
    if (key_is(key, "share", "分值")) {
        ok = parse_num(value, &s->share);
    } else if (key_is(key, "scale", "计分")) {
        ok = source_scale_parse(value, &s->scale);
    } else if (key_is(key, "bonus", "加分")) {
        ok = parse_flag(value, &s->bonus);
    } else if (key_is(key, "appraisal", "公众评议")) {
        ok = parse_flag(value, &s->appraisal);
    } else if (key_is(key, "rater", "评分单位")) {
        free(s->rater);
        s->rater = *value ? xstrdup(value) : NULL;
    } else if (key_is(key, "pools", "分组")) {
        for (size_t i = 0; i < s->n_pools; i++)
            free(s->pools[i]);
        free(s->pools);
        return sources_parse_pools(value, &s->pools, &s->n_pools, err, errsz);
    } else if (key_is(key, "grades", "等次")) {
        for (size_t i = 0; i < s->n_grades; i++)
            free(s->grades[i].label);
        free(s->grades);
        return sources_parse_grades(value, &s->grades, &s->n_grades, err, errsz);
    } else {
        snprintf(err, errsz, "评分来源没有「%s」这一项 (可用: share, scale, pools, rater, bonus,"
                             " appraisal, grades)", key);
        return false;
    }
    if (!ok)
        snprintf(err, errsz, "评分来源「%s」的 %s 不能是「%s」", s->name ? s->name : "", key,
                 value);
    return ok;
}

static bool pools_overlap(const struct score_source *a, const struct score_source *b)
{
    if (a->n_pools == 0 || b->n_pools == 0)
        return true;
    for (size_t i = 0; i < a->n_pools; i++)
        if (source_applies(b, a->pools[i]))
            return true;
    return false;
}

static bool source_ok(const struct score_source *s, char *err, size_t errsz)
{
    if (!s->name || !*s->name) {
        snprintf(err, errsz, "评分来源没有名称");
        return false;
    }
    if (!(s->share >= 0 && s->share <= 100)) {
        snprintf(err, errsz, "评分来源「%s」的分值 %g 应在 0 到 100 之间", s->name, s->share);
        return false;
    }
    if (s->scale == SCALE_GRADE && s->n_grades == 0) {
        snprintf(err, errsz, "评分来源「%s」按等次录入, 需要等次换算表 (如 先进=10; 良好=8-9)",
                 s->name);
        return false;
    }
    for (size_t g = 0; g < s->n_grades; g++)
        if (s->grades[g].hi > s->share) {
            snprintf(err, errsz, "评分来源「%s」的等次「%s」最高 %g 分, 超过来源的分值 %g",
                     s->name, s->grades[g].label, s->grades[g].hi, s->share);
            return false;
        }
    return true;
}

/* For each pool a row names (and "every pool"), the non-bonus shares stay within the key's. */
static bool shares_ok(const struct scheme *sc, const struct score_source *s, size_t n, char *err,
                      size_t errsz)
{
    struct year_data yd = {.sources = (struct score_source *)s, .n_sources = n};
    int64_t room = score_micro(sc->half_share) + score_micro(sc->year_share);
    for (size_t i = 0; i <= n; i++)
        for (size_t p = 0; p < (i < n ? s[i].n_pools : 1); p++) {
            const char *pool = i < n ? s[i].pools[p] : NULL;
            int64_t used = sources_share_u(&yd, pool);
            if (used > room) {
                snprintf(err, errsz,
                         "%s的评分来源共 %g 分, 超过半年初评与年终总评合计的 %g 分",
                         pool ? pool : "所有分组", (double)used / 1e6, (double)room / 1e6);
                return false;
            }
        }
    return true;
}

bool sources_validate(const struct scheme *sc, const struct score_source *s, size_t n,
                      char *err, size_t errsz)
{
    if (n > SOURCES_MAX) {
        snprintf(err, errsz, "评分来源最多 %d 个", SOURCES_MAX);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!source_ok(&s[i], err, errsz))
            return false;
        for (size_t k = 0; k < i; k++) {
            if (strcmp(s[k].name, s[i].name) != 0)
                continue;
            if (pools_overlap(&s[k], &s[i]) || s[k].scale != s[i].scale) {
                snprintf(err, errsz, "评分来源「%s」出现两次: 同名的来源应分属不同分组且计分方式相同",
                         s[i].name);
                return false;
            }
        }
    }
    return shares_ok(sc, s, n, err, errsz);
}
