/* Grade bands as data: the sets of the county documents, banding, veto and validation. */
#include "model/grades.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* docs/domain.md "How a real year runs": the grade tables seen in the seeds. */
const struct grade_set grade_sets[] = {
    {"qitai", {"优秀", "良好", "合格", "不合格"}, {90, 80, 70}, 4, 2},
    {"budget", {"优", "良", "中", "差"}, {90, 80, 60}, 4, 2},
    {"cadre", {"优秀", "称职", "基本称职", "不称职"}, {90, 80, 70}, 4, 2},
    {"special", {"先进", "良好", "一般", "差"}, {90, 80, 70}, 4, 2},
    {"three", {"优秀", "合格", "不合格"}, {90, 70}, 3, 1},
};
const size_t grade_set_count = sizeof grade_sets / sizeof grade_sets[0];

const struct grade_set *grades_set_find(const char *name)
{
    for (size_t i = 0; name && i < grade_set_count; i++)
        if (strcmp(grade_sets[i].name, name) == 0)
            return &grade_sets[i];
    return NULL;
}

void grades_use(struct scheme *s, const struct grade_set *set)
{
    memset(s->grades, 0, sizeof s->grades);
    s->n_grades = set->n;
    s->cap_grade = set->cap;
    for (int i = 0; i < set->n; i++) {
        snprintf(s->grades[i].label, sizeof s->grades[i].label, "%s", set->labels[i]);
        s->grades[i].min = i + 1 < set->n ? set->mins[i] : 0;
    }
}

void grades_default(struct scheme *s)
{
    grades_use(s, &grade_sets[0]);
}

int64_t grades_floor_c(const struct scheme *s, int g)
{
    if (g < 0 || g + 1 >= s->n_grades)
        return INT64_MIN;
    return llround(s->grades[g].min * 100);
}

int grades_band(const struct scheme *s, int64_t total_c)
{
    for (int g = 0; g + 1 < s->n_grades; g++)
        if (total_c >= grades_floor_c(s, g))
            return g;
    return s->n_grades > 0 ? s->n_grades - 1 : 0;
}

int grades_after_veto(const struct scheme *s, int band)
{
    if (s->veto_effect == VETO_FAIL)
        return s->n_grades > 0 ? s->n_grades - 1 : band;
    if (s->veto_effect == VETO_CAP && band < s->cap_grade)
        return s->cap_grade;
    return band;
}

const char *grades_label(const struct scheme *s, int g)
{
    return g >= 0 && g < s->n_grades ? s->grades[g].label : "?";
}

int grades_find(const struct scheme *s, const char *label)
{
    for (int g = 0; label && g < s->n_grades; g++)
        if (strcmp(s->grades[g].label, label) == 0)
            return g;
    return -1;
}

bool grades_append(struct scheme *s, const char *label, double min, char *err, size_t errsz)
{
    if (s->n_grades >= KP_GRADES_MAX) {
        snprintf(err, errsz, "等次最多 %d 个", KP_GRADES_MAX);
        return false;
    }
    size_t len = strlen(label);
    if (len == 0 || len >= KP_GRADE_LABEL) {
        snprintf(err, errsz, "等次名称「%s」应为 1 到 %d 字节", label, KP_GRADE_LABEL - 1);
        return false;
    }
    memcpy(s->grades[s->n_grades].label, label, len + 1);
    s->grades[s->n_grades++].min = min;
    return true;
}

static bool floors_ok(const struct scheme *s, char *err, size_t errsz)
{
    for (int g = 0; g + 1 < s->n_grades; g++) {
        double m = s->grades[g].min;
        if (!(m >= 0) || (g == 0 && m > 100 + s->bonus_cap)) {
            snprintf(err, errsz, "等次「%s」的分数线 %g 应在 0 到 %g 之间", s->grades[g].label, m,
                     100 + s->bonus_cap);
            return false;
        }
        if (g > 0 && !(grades_floor_c(s, g) < grades_floor_c(s, g - 1))) {
            snprintf(err, errsz, "等次分数线应从高到低: %s %g 不低于 %s %g",
                     s->grades[g].label, m, s->grades[g - 1].label, s->grades[g - 1].min);
            return false;
        }
    }
    return true;
}

bool grades_validate(const struct scheme *s, char *err, size_t errsz)
{
    if (s->n_grades < 2 || s->n_grades > KP_GRADES_MAX) {
        snprintf(err, errsz, "等次应有 2 到 %d 个 (现有 %d 个)", KP_GRADES_MAX, s->n_grades);
        return false;
    }
    for (int g = 0; g < s->n_grades; g++) {
        if (!s->grades[g].label[0] || memchr(s->grades[g].label, 0, KP_GRADE_LABEL) == NULL) {
            snprintf(err, errsz, "第 %d 个等次没有名称", g + 1);
            return false;
        }
        if (grades_find(s, s->grades[g].label) != g) {
            snprintf(err, errsz, "等次「%s」重复", s->grades[g].label);
            return false;
        }
    }
    if (s->cap_grade < 0 || s->cap_grade >= s->n_grades) {
        snprintf(err, errsz, "否决封顶的等次位置 %d 不在 1 到 %d 之间", s->cap_grade + 1,
                 s->n_grades);
        return false;
    }
    return floors_ok(s, err, errsz);
}

const char *grades_describe(const struct scheme *s, char *buf, size_t bufsz)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int g = 0; g < s->n_grades && len < bufsz; g++) {
        int w;
        if (g + 1 < s->n_grades)
            w = snprintf(buf + len, bufsz - len, "%s ≥ %g; ", s->grades[g].label, s->grades[g].min);
        else
            w = snprintf(buf + len, bufsz - len, "以下为%s", s->grades[g].label);
        if (w < 0)
            break;
        len += (size_t)w;
    }
    return buf;
}
