/* Reading a preset file (docs/scheme.md): line by line, each [section] handled by a row of
 * `sections`, so a new section (grades, score sources) is one row and one line function. */
#include "model/preset.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/grades.h"
#include "model/limits.h"
#include "model/scheme.h"
#include "model/score.h"
#include "model/sources.h"
#include "model/text.h"
#include "model/xmalloc.h"

struct parse {
    const char *file;
    int line;
    struct preset *p;
    char *err;
    size_t errsz;
    const struct section *section;
    char *pool;        /* the [categories POOL] being read; NULL for [categories] */
    unsigned seen;     /* bit per scheme_keys row: the key was given */
    int scheme_at;     /* line of [scheme], 0 until seen */
    int pools_at;      /* line of [pools] */
    int *pool_lines;   /* line of each pool in [pools] */
    int grades_at;     /* line of [grades], 0 until seen */
    char *grade_cap;   /* the cap = line of [grades] */
    struct score_source *source; /* the [source NAME] being read */
};

struct section {
    const char *name;
    bool takes_pool;   /* [categories POOL] */
    bool takes_name;   /* [source NAME] */
    bool (*line)(struct parse *ps, char *text);
};

static bool fail(struct parse *ps, const char *fmt, ...)
{
    size_t n = (size_t)snprintf(ps->err, ps->errsz, "%s:%d: ", ps->file, ps->line);
    va_list ap;
    va_start(ap, fmt);
    if (n < ps->errsz)
        vsnprintf(ps->err + n, ps->errsz - n, fmt, ap);
    va_end(ap);
    text_end_whole(ps->err);
    return false;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* A plain decimal: digits with an optional fraction, no sign, exponent or spaces. */
static bool parse_decimal(const char *s, double *out)
{
    const char *c = s;
    size_t digits = 0;
    for (; *c >= '0' && *c <= '9'; c++)
        digits++;
    if (*c == '.')
        for (c++; *c >= '0' && *c <= '9'; c++)
            digits++;
    if (digits == 0 || *c != '\0' || digits > 15)
        return false;
    *out = strtod(s, NULL);
    return true;
}

/* "KEY = VALUE": splits at the first '='; false when there is none or either side is empty. */
static bool split_pair(char *text, char **key, char **value)
{
    char *eq = strchr(text, '=');
    if (!eq)
        return false;
    *eq = '\0';
    *key = trim(text);
    *value = trim(eq + 1);
    return **key && **value;
}

static bool check_name(struct parse *ps, const char *what, const char *name)
{
    char why[96];
    if (!limits_check_text(LIMIT_NAME, name, why, sizeof why))
        return fail(ps, "%s \"%s\" %s", what, name, why);
    return true;
}

/* --- [scheme] --- */

enum key_kind { KEY_NAME, KEY_TITLE, KEY_NUMBER, KEY_VETO, KEY_TIE };

static const struct scheme_key {
    const char *key;
    enum key_kind kind;
    size_t offset; /* of the double in struct scheme (KEY_NUMBER) */
} scheme_keys[] = {
    {"name", KEY_NAME, 0},
    {"title", KEY_TITLE, 0},
    {"half_share", KEY_NUMBER, offsetof(struct scheme, half_share)},
    {"year_share", KEY_NUMBER, offsetof(struct scheme, year_share)},
    {"appraisal_share", KEY_NUMBER, offsetof(struct scheme, appraisal_share)},
    {"inspection_cap", KEY_NUMBER, offsetof(struct scheme, inspection_cap)},
    {"complaint_cap", KEY_NUMBER, offsetof(struct scheme, complaint_cap)},
    {"bonus_cap", KEY_NUMBER, offsetof(struct scheme, bonus_cap)},
    /* The floors of the Qitai bands, for files without a [grades] section (model/grades.h). */
    {"band_excellent", KEY_NUMBER, offsetof(struct scheme, grades[0].min)},
    {"band_good", KEY_NUMBER, offsetof(struct scheme, grades[1].min)},
    {"band_pass", KEY_NUMBER, offsetof(struct scheme, grades[2].min)},
    {"veto_effect", KEY_VETO, 0},
    {"tie_style", KEY_TIE, 0},
    {"warn_yellow", KEY_NUMBER, offsetof(struct scheme, warn_yellow)},
    {"warn_red", KEY_NUMBER, offsetof(struct scheme, warn_red)},
    {"mismatch", KEY_NUMBER, offsetof(struct scheme, mismatch)},
};
#define N_SCHEME_KEYS (sizeof scheme_keys / sizeof scheme_keys[0])

static bool set_scheme_value(struct parse *ps, const struct scheme_key *k, const char *v)
{
    struct scheme *s = &ps->p->scheme;
    switch (k->kind) {
    case KEY_NAME:
        if (strlen(v) >= sizeof s->preset || strpbrk(v, " /\\"))
            return fail(ps, "字段 name: \"%s\" 应为不超过 %zu 字节、不含空格和斜杠的名称", v,
                        sizeof s->preset - 1);
        snprintf(s->preset, sizeof s->preset, "%s", v);
        return true;
    case KEY_TITLE:
        if (!check_name(ps, "字段 title:", v))
            return false;
        free(ps->p->title);
        ps->p->title = xstrdup(v);
        return true;
    case KEY_VETO:
        return veto_effect_parse(v, &s->veto_effect) ||
               fail(ps, "字段 veto_effect: \"%s\" 应为 fail、cap 或 none", v);
    case KEY_TIE:
        return tie_style_parse(v, &s->tie_style) ||
               fail(ps, "字段 tie_style: \"%s\" 应为 competition 或 dense", v);
    case KEY_NUMBER:
        break;
    }
    double d;
    if (!parse_decimal(v, &d))
        return fail(ps, "字段 %s: \"%s\" 不是数字 (如 30 或 2.5)", k->key, v);
    *(double *)(void *)((char *)s + k->offset) = d;
    return true;
}

static bool scheme_line(struct parse *ps, char *text)
{
    char *key, *value;
    if (!split_pair(text, &key, &value))
        return fail(ps, "应为 \"字段 = 值\"");
    for (size_t i = 0; i < N_SCHEME_KEYS; i++) {
        if (strcmp(scheme_keys[i].key, key) != 0)
            continue;
        if (ps->seen & (1u << i))
            return fail(ps, "字段 %s 重复", key);
        ps->seen |= 1u << i;
        return set_scheme_value(ps, &scheme_keys[i], value);
    }
    return fail(ps, "字段 %s: [scheme] 中没有这个字段", key);
}

/* --- [pools] and [categories] --- */

static bool has_pool(const struct preset *p, const char *name)
{
    for (size_t i = 0; i < p->n_pools; i++)
        if (strcmp(p->pools[i], name) == 0)
            return true;
    return false;
}

static bool pools_line(struct parse *ps, char *text)
{
    struct preset *p = ps->p;
    if (!check_name(ps, "分组", text))
        return false;
    if (strchr(text, '='))
        return fail(ps, "分组 \"%s\": [pools] 每行一个分组名, 不含 =", text);
    if (has_pool(p, text))
        return fail(ps, "分组 %s 重复", text);
    ps->pool_lines = xreallocarray(ps->pool_lines, p->n_pools + 1, sizeof *ps->pool_lines);
    ps->pool_lines[p->n_pools] = ps->line;
    p->pools = xreallocarray(p->pools, p->n_pools + 1, sizeof *p->pools);
    p->pools[p->n_pools++] = xstrdup(text);
    return true;
}

static bool same_pool(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool categories_line(struct parse *ps, char *text)
{
    struct preset *p = ps->p;
    char *name, *value;
    double pts;
    if (!split_pair(text, &name, &value))
        return fail(ps, "应为 \"类别 = 分值\"");
    if (!check_name(ps, "类别", name))
        return false;
    char why[96];
    if (!parse_decimal(value, &pts) || !limits_check_number(LIMIT_SHARE, pts, why, sizeof why))
        return fail(ps, "类别 %s 的分值 \"%s\" 无效: 应为 0 到 100 之间的数", name, value);
    size_t in_section = 0;
    for (size_t i = 0; i < p->n_categories; i++) {
        if (!same_pool(p->categories[i].pool, ps->pool))
            continue;
        if (strcmp(p->categories[i].name, name) == 0)
            return fail(ps, "类别 %s 在本段重复", name);
        if (++in_section >= PRESET_MAX_CATEGORIES)
            return fail(ps, "一个分组最多 %d 个类别", PRESET_MAX_CATEGORIES);
    }
    p->categories = xreallocarray(p->categories, p->n_categories + 1, sizeof *p->categories);
    p->categories[p->n_categories++] = (struct preset_category){
        ps->pool ? xstrdup(ps->pool) : NULL, xstrdup(name), pts, ps->line};
    return true;
}

/* --- [grades]: "LABEL = FLOOR" best first, the last band alone, "cap = LABEL" --- */

static bool grades_line(struct parse *ps, char *text)
{
    struct scheme *s = &ps->p->scheme;
    char *key = text, *value = NULL, err[160];
    double floor = 0;
    if (strchr(text, '=') && !split_pair(text, &key, &value))
        return fail(ps, "应为 \"等次 = 分数线\"、最后一个等次单独一行, 或 \"cap = 等次\"");
    if (value && strcmp(key, "cap") == 0) {
        free(ps->grade_cap);
        ps->grade_cap = xstrdup(value);
        return true;
    }
    if (value && !parse_decimal(value, &floor))
        return fail(ps, "等次 %s 的分数线 \"%s\" 不是数字", key, value);
    if (s->n_grades > 0 && s->grades[s->n_grades - 1].min < 0)
        return fail(ps, "等次 %s: 没有分数线的等次 (最低的一档) 应在最后", key);
    if (!grades_append(s, key, value ? floor : -1, err, sizeof err))
        return fail(ps, "%s", err);
    return true;
}

/* --- [source NAME]: the keys of model/sources.h sources_set --- */

static bool source_line(struct parse *ps, char *text)
{
    char *key, *value, err[256];
    if (!split_pair(text, &key, &value))
        return fail(ps, "应为 \"字段 = 值\"");
    if (!sources_set(ps->source, key, value, err, sizeof err))
        return fail(ps, "%s", err);
    return true;
}

static const struct section sections[] = {
    {"scheme", false, false, scheme_line},
    {"pools", false, false, pools_line},
    {"categories", true, false, categories_line},
    {"grades", false, false, grades_line},
    {"source", false, true, source_line},
};
#define N_SECTIONS (sizeof sections / sizeof sections[0])

/* "[source NAME]": a new source row (several may share a name for disjoint pools). */
static bool source_header(struct parse *ps, const struct section *sec, const char *arg)
{
    struct preset *p = ps->p;
    if (!*arg)
        return fail(ps, "段 [source] 需要来源名称, 如 [source 领导评估]");
    if (!check_name(ps, "评分来源", arg))
        return false;
    if (p->n_sources >= SOURCES_MAX)
        return fail(ps, "评分来源最多 %d 个", SOURCES_MAX);
    p->sources = xreallocarray(p->sources, p->n_sources + 1, sizeof *p->sources);
    ps->source = &p->sources[p->n_sources++];
    memset(ps->source, 0, sizeof *ps->source);
    ps->source->name = xstrdup(arg);
    ps->source->scale = SCALE_PERCENT;
    ps->section = sec;
    return true;
}

/* "[name]" or "[name ARG]". */
static bool section_header(struct parse *ps, char *text)
{
    size_t n = strlen(text);
    if (text[n - 1] != ']')
        return fail(ps, "段标题应以 ] 结束");
    text[n - 1] = '\0';
    char *name = trim(text + 1), *arg = name + strcspn(name, " \t");
    if (*arg)
        *arg++ = '\0', arg = trim(arg);
    for (size_t i = 0; i < N_SECTIONS; i++) {
        if (strcmp(sections[i].name, name) != 0)
            continue;
        if (sections[i].takes_name)
            return source_header(ps, &sections[i], arg);
        if (*arg && !sections[i].takes_pool)
            return fail(ps, "段 [%s] 不带参数", name);
        if (strcmp(name, "grades") == 0) {
            if (ps->grades_at)
                return fail(ps, "段 [grades] 重复");
            ps->grades_at = ps->line;
            ps->p->scheme.n_grades = 0; /* the section replaces the band_* floors */
        }
        if (*arg && !has_pool(ps->p, arg))
            return fail(ps, "段 [%s %s]: 分组 %s 不在 [pools] 中 (须先列出)", name, arg, arg);
        for (size_t c = 0; c < ps->p->n_categories; c++)
            if (same_pool(ps->p->categories[c].pool, *arg ? arg : NULL))
                return fail(ps, "段 [%s%s%s] 重复", name, *arg ? " " : "", arg);
        if ((i == 0 && ps->scheme_at) || (i == 1 && ps->pools_at))
            return fail(ps, "段 [%s] 重复", name);
        ps->scheme_at = i == 0 ? ps->line : ps->scheme_at;
        ps->pools_at = i == 1 ? ps->line : ps->pools_at;
        free(ps->pool);
        ps->pool = *arg ? xstrdup(arg) : NULL;
        ps->section = &sections[i];
        return true;
    }
    return fail(ps, "未知的段 [%s] (可用: scheme, pools, categories, grades, source)", name);
}

static bool parse_line(struct parse *ps, char *text)
{
    text = trim(text);
    if (!*text || *text == '#')
        return true;
    if (!text_valid_utf8(text, strlen(text)))
        return fail(ps, "不是有效的 UTF-8 文本");
    if (*text == '[')
        return section_header(ps, text);
    if (!ps->section)
        return fail(ps, "第一个段标题 (如 [scheme]) 之前不能有内容");
    return ps->section->line(ps, text);
}

/* A whole-file rule broken: reported at the line that sets it up (the [scheme] header, the
 * pool's line in [pools], the last category of the pool's list), or after the last line. */
static bool fail_at(struct parse *ps, int line, const char *what)
{
    if (line > 0)
        ps->line = line;
    return fail(ps, "%s", what);
}

/* The pass band named by cap = (default: the band above the last). */
static bool grades_finish(struct parse *ps, char *why, size_t whysz)
{
    struct scheme *s = &ps->p->scheme;
    s->cap_grade = s->n_grades >= 2 ? s->n_grades - 2 : 0;
    if (ps->grade_cap && (s->cap_grade = grades_find(s, ps->grade_cap)) < 0) {
        snprintf(why, whysz, "[grades] 的 cap = %s 不是其中的等次", ps->grade_cap);
        return false;
    }
    if (s->n_grades > 0 && s->grades[s->n_grades - 1].min >= 0) {
        snprintf(why, whysz, "[grades] 最后一个等次 (最低的一档) 单独一行, 不写分数线");
        return false;
    }
    if (s->n_grades > 0)
        s->grades[s->n_grades - 1].min = 0;
    return true;
}

/* Sources valid against the scheme, each pool they name in [pools]. */
static bool sources_whole(struct parse *ps, char *why, size_t whysz)
{
    struct preset *p = ps->p;
    for (size_t i = 0; i < p->n_sources; i++)
        for (size_t k = 0; k < p->sources[i].n_pools; k++)
            if (!has_pool(p, p->sources[i].pools[k])) {
                snprintf(why, whysz, "评分来源 %s 的分组 %s 不在 [pools] 中", p->sources[i].name,
                         p->sources[i].pools[k]);
                return fail(ps, "%s", why);
            }
    if (!sources_validate(&p->scheme, p->sources, p->n_sources, why, whysz))
        return fail(ps, "%s", why);
    return true;
}

/* Every key given, valid numbers, each pool with categories summing to the key share
 * (半年初评 + 年终总评). */
static bool check_whole(struct parse *ps)
{
    struct preset *p = ps->p;
    char why[256];
    if (!ps->scheme_at)
        return fail(ps, "缺少 [scheme] 段");
    for (size_t i = 0; i < N_SCHEME_KEYS; i++)
        if (!(ps->seen & (1u << i)) && !(ps->grades_at && strncmp(scheme_keys[i].key, "band_", 5) == 0)) {
            snprintf(why, sizeof why, "[scheme] 缺少字段 %s", scheme_keys[i].key);
            return fail_at(ps, ps->scheme_at, why);
        }
    if (ps->grades_at && !grades_finish(ps, why, sizeof why))
        return fail_at(ps, ps->grades_at, why);
    if (!scheme_validate(&p->scheme, why, sizeof why))
        return fail_at(ps, ps->scheme_at, why);
    if (!sources_whole(ps, why, sizeof why))
        return false;
    if (p->n_pools == 0)
        return fail_at(ps, ps->pools_at, ps->pools_at ? "[pools] 没有分组" : "缺少 [pools] 段");
    for (size_t i = 0; i < p->n_pools; i++) {
        const struct preset_category *c[PRESET_MAX_CATEGORIES];
        size_t n = preset_categories_of(p, p->pools[i], c, PRESET_MAX_CATEGORIES);
        if (n == 0) {
            snprintf(why, sizeof why, "分组 %s 没有指标类别 ([categories %s] 或 [categories])",
                     p->pools[i], p->pools[i]);
            return fail_at(ps, ps->pool_lines[i], why);
        }
        int64_t sum = 0;
        for (size_t k = 0; k < n; k++)
            sum += score_micro(c[k]->points);
        struct year_data yd = {.sources = p->sources, .n_sources = p->n_sources};
        if (!scheme_category_sum_ok(&p->scheme, p->pools[i], sources_share_u(&yd, p->pools[i]), sum,
                                    why, sizeof why))
            return fail_at(ps, c[n - 1]->line, why);
    }
    return true;
}

bool preset_parse(const char *text, size_t len, const char *file, struct preset *out, char *err,
                  size_t errsz)
{
    memset(out, 0, sizeof *out);
    grades_default(&out->scheme); /* the band_* keys set its floors; [grades] replaces it */
    struct parse ps = {.file = file, .p = out, .err = err, .errsz = errsz};
    bool ok = true;
    for (size_t at = 0; ok && at < len;) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
        char *line = xmalloc(n + 1);
        memcpy(line, text + at, n);
        line[n] = '\0';
        ps.line++;
        ok = strlen(line) == n ? parse_line(&ps, line) : fail(&ps, "含有 NUL 字节");
        free(line);
        at += n + 1;
    }
    if (ok)
        ok = check_whole(&ps);
    free(ps.pool);
    free(ps.pool_lines);
    free(ps.grade_cap);
    if (!ok)
        preset_free(out);
    return ok;
}

void preset_free(struct preset *p)
{
    free(p->title);
    for (size_t i = 0; i < p->n_pools; i++)
        free(p->pools[i]);
    free(p->pools);
    for (size_t i = 0; i < p->n_categories; i++)
        free(p->categories[i].pool), free(p->categories[i].name);
    free(p->categories);
    score_sources_free(p->sources, p->n_sources);
    memset(p, 0, sizeof *p);
}

size_t preset_categories_of(const struct preset *p, const char *pool,
                            const struct preset_category **out, size_t max)
{
    bool own = false;
    for (size_t i = 0; i < p->n_categories; i++)
        own = own || same_pool(p->categories[i].pool, pool);
    size_t n = 0;
    for (size_t i = 0; i < p->n_categories && n < max; i++)
        if (same_pool(p->categories[i].pool, own ? pool : NULL))
            out[n++] = &p->categories[i];
    return n;
}
