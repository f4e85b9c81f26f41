/* Grades (等次) as data of the year's scheme: ordered bands with labels and thresholds, the
 * pass band the veto `cap` refers to by position (docs/scoring.md "Grades"). Thresholds are
 * compared with the rounded total in integer hundredths, so 89.995 → 90.00 reaches a band at 90
 * and 89.994 → 89.99 does not. Pure. */
#ifndef KAOPING_MODEL_GRADES_H
#define KAOPING_MODEL_GRADES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/types.h"

/* A named table of bands (the ones the county documents use). */
struct grade_set {
    const char *name;  /* qitai / budget / cadre / special / three */
    const char *labels[KP_GRADES_MAX];
    double mins[KP_GRADES_MAX]; /* of every band but the last */
    int n;
    int cap; /* the pass band's position */
};
extern const struct grade_set grade_sets[];
extern const size_t grade_set_count;
const struct grade_set *grades_set_find(const char *name);
/* Replaces the scheme's bands by the set's. */
void grades_use(struct scheme *s, const struct grade_set *set);
/* 优秀 90 / 良好 80 / 合格 70 / 不合格, cap at 合格: the Qitai plan and every year before grades
 * were data. */
void grades_default(struct scheme *s);

/* The band (0 = best) of a rounded total in hundredths. */
int grades_band(const struct scheme *s, int64_t total_c);
/* The grade after a veto under the scheme's effect (fail: the last band; cap: at most the pass
 * band; none: unchanged). */
int grades_after_veto(const struct scheme *s, int band);
/* The label of band g ("?" when out of range). */
const char *grades_label(const struct scheme *s, int g);
/* The position of the band labelled `label`, or -1. */
int grades_find(const struct scheme *s, const char *label);
/* The floor of band g in hundredths (the last band: INT64_MIN). */
int64_t grades_floor_c(const struct scheme *s, int g);

/* Adds a band at the end (preset files, the store). False with a message when full or the
 * label is empty or too long. */
bool grades_append(struct scheme *s, const char *label, double min, char *err, size_t errsz);
/* Bands strictly descending, at least 2, labels distinct and non-empty, the pass band inside,
 * the first floor at most 100 + bonus_cap, floors >= 0. */
bool grades_validate(const struct scheme *s, char *err, size_t errsz);
/* The year's table as one line, as 设置 shows and takes it (model/scheme_lines.c): "优秀=90;
 * 良好=80; 合格=70; 不合格; 否决上限=合格" — from the best, 等次=分数线, the last band alone,
 * the pass band named last (malloc'd). */
char *grades_line_format(const struct scheme *s);
/* Replaces s's bands by such a line (the pass band, when not named, is the lowest band with a
 * floor), checked with grades_validate; on false (the part named) s is unchanged. */
bool grades_line_parse(struct scheme *s, const char *text, char *err, size_t errsz);

/* "优秀 ≥ 90; 良好 ≥ 80; 合格 ≥ 70; 以下为不合格" into buf. */
const char *grades_describe(const struct scheme *s, char *buf, size_t bufsz);

#endif
