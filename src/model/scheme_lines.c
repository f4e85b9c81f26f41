/* The one-line text forms of a year's grade table and of a score source's settings, which
 * 设置 shows in a prompt and reads back (docs/scheme.md "In the workstation"). Pure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/grades.h"
#include "model/score.h"
#include "model/sources.h"
#include "model/xmalloc.h"

static const char *const line_seps[] = {";", "；"};
#define N_LINE_SEPS (sizeof line_seps / sizeof line_seps[0])
static const char *const cap_keys[] = {"否决上限", "cap"};

char *grades_line_format(const struct scheme *s)
{
    char *out = xstrdup("");
    for (int g = 0; g < s->n_grades; g++) {
        char num[32], *next;
        if (g + 1 < s->n_grades)
            next = xasprintf("%s%s=%s; ", out, s->grades[g].label,
                             score_fmt_plain(s->grades[g].min, num, sizeof num));
        else
            next = xasprintf("%s%s", out, s->grades[g].label);
        free(out);
        out = next;
    }
    if (s->cap_grade >= 0 && s->cap_grade < s->n_grades) {
        char *next = xasprintf("%s; %s=%s", out, cap_keys[0], s->grades[s->cap_grade].label);
        free(out);
        out = next;
    }
    return out;
}

struct grades_acc {
    struct scheme s;
    char cap[KP_GRADE_LABEL];
    bool last; /* a band without a floor was read: only the pass band may follow */
};

static bool trimmed_number(const char *text, double *out)
{
    char *end;
    while (*text == ' ')
        text++;
    if (!*text)
        return false;
    *out = strtod(text, &end);
    while (*end == ' ')
        end++;
    return *end == '\0' && *out == *out;
}

static bool add_band(void *ctx, const char *part, char *err, size_t errsz)
{
    struct grades_acc *a = ctx;
    const char *eq = strchr(part, '=');
    char label[KP_GRADE_LABEL * 2];
    size_t len = eq ? (size_t)(eq - part) : strlen(part);
    while (len && part[len - 1] == ' ')
        len--;
    snprintf(label, sizeof label, "%.*s", (int)(len < sizeof label ? len : sizeof label - 1), part);
    if (eq && (strcmp(label, cap_keys[0]) == 0 || strcmp(label, cap_keys[1]) == 0)) {
        snprintf(a->cap, sizeof a->cap, "%s", eq + 1 + strspn(eq + 1, " "));
        return true;
    }
    double min = 0;
    if (a->last) {
        snprintf(err, errsz, "「%s」: 最后一个等次 (不写分数线) 之后只能写 否决上限=等次", part);
        return false;
    }
    if (eq && !trimmed_number(eq + 1, &min)) {
        snprintf(err, errsz, "「%s」: 分数线应为数字", part);
        return false;
    }
    a->last = !eq;
    return grades_append(&a->s, label, min, err, errsz);
}

bool grades_line_parse(struct scheme *s, const char *text, char *err, size_t errsz)
{
    struct grades_acc a = {.s = *s};
    a.s.n_grades = 0;
    if (!sources_split(text, line_seps, N_LINE_SEPS, add_band, &a, err, errsz))
        return false;
    if (!a.last) {
        snprintf(err, errsz, "最后一个等次不写分数线 (如 …; 合格=70; 不合格)");
        return false;
    }
    a.s.cap_grade = a.s.n_grades - 2;
    if (a.cap[0] && (a.s.cap_grade = grades_find(&a.s, a.cap)) < 0) {
        snprintf(err, errsz, "否决上限「%s」不是其中的等次", a.cap);
        return false;
    }
    if (!grades_validate(&a.s, err, errsz))
        return false;
    *s = a.s;
    return true;
}

char *sources_line_format(const struct score_source *s)
{
    char share[32];
    char *pools = sources_format_pools(s->pools, s->n_pools);
    /* the two flags only when set, so the line fits a prompt more often */
    char *out = xasprintf("分值=%s; 计分=%s; 分组=%s; 评分单位=%s%s%s",
                          score_fmt_plain(s->share, share, sizeof share),
                          source_scale_label(s->scale), pools, s->rater ? s->rater : "",
                          s->appraisal ? "; 公众评议=是" : "", s->bonus ? "; 加分=是" : "");
    free(pools);
    return out;
}

static bool set_part(void *ctx, const char *part, char *err, size_t errsz)
{
    const char *eq = strchr(part, '=');
    if (!eq) {
        snprintf(err, errsz, "「%s」应写成 项目=值 (分值、计分、分组、评分单位、公众评议、加分)",
                 part);
        return false;
    }
    char *key = xstrndup(part, (size_t)(eq - part));
    size_t len = strlen(key);
    while (len && key[len - 1] == ' ')
        key[--len] = '\0';
    const char *value = eq + 1 + strspn(eq + 1, " ");
    bool ok;
    if (strcmp(key, "等次") == 0 || strcmp(key, "grades") == 0) {
        snprintf(err, errsz, "等次换算表单独填写 (它自己用分号分隔)");
        ok = false;
    } else {
        ok = sources_set(ctx, key, value, err, errsz);
    }
    free(key);
    return ok;
}

bool sources_line_parse(struct score_source *s, const char *text, char *err, size_t errsz)
{
    return sources_split(text, line_seps, N_LINE_SEPS, set_part, s, err, errsz);
}
