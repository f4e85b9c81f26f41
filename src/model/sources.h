/* Score sources (评价主体) of a year's scheme and their terms in a unit's total (docs/scoring.md
 * "Score sources"): which source applies to which pool, the share left to the key items, the
 * check of an entered score (graded sources convert by the year's table), and the term of one
 * source for one unit. Pure. */
#ifndef KAOPING_MODEL_SOURCES_H
#define KAOPING_MODEL_SOURCES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/types.h"

#define SOURCES_MAX 16 /* sources per year */

/* One source's part of a unit's total. */
struct source_term {
    const struct score_source *src; /* the row that applies to the unit's pool */
    size_t first, n;       /* the unit's scores of it in yd->scores (first is meaningful when n) */
    bool from_appraisal;   /* the 公众评议 record counted as one more score */
    long double sum_u;     /* Σ values (clamped to the scale), micro */
    long double part_u;    /* the points it adds to the total, micro */
    bool missing;          /* no score, and the source is not a bonus */
};

bool source_applies(const struct score_source *s, const char *pool);
/* The row of source `name` that applies to `pool`, or NULL. */
const struct score_source *sources_find(const struct year_data *yd, const char *name,
                                        const char *pool);
/* Whether any row is called `name`. */
bool sources_known(const struct year_data *yd, const char *name);
/* Σ shares (micro) of the non-bonus sources applying to pool: what they take from the key
 * items' half_share + year_share. */
int64_t sources_share_u(const struct year_data *yd, const char *pool);
/* The distinct source names in scheme order (the ranking's columns); returns the count. */
size_t sources_names(const struct year_data *yd, const char **out, size_t max);

/* The range of unit u's scores in yd->scores (sorted by unit). */
void sources_range(const struct year_data *yd, size_t u, size_t *first, size_t *n);
/* The term of source row `src` for unit u. */
void sources_term(const struct year_data *yd, size_t u, const struct score_source *src,
                  struct source_term *out);
/* The part of source `name` in unit u's total; false when no row of it applies to the unit's
 * pool (the ranking's cell stays empty). */
bool sources_part(const struct year_data *yd, size_t u, const char *name, long double *part_u);
/* "县委、县政府": the distinct raters of the term's scores (malloc'd; "" when none). */
char *sources_raters(const struct year_data *yd, const struct source_term *t);

/* Checks one entered score of `src`: percent 0..100, points 0..share; a graded source needs a
 * grade of its table and a value inside the grade's range (may be omitted when the range is
 * one number). *value is set to the points to store. False with a Chinese message. */
bool sources_check_score(const struct score_source *src, const char *grade, bool has_value,
                         double *value, char *err, size_t errsz);

/* "先进=10; 良好=8-9; 一般=5-6; 差=0" ⇄ a conversion table. */
bool sources_parse_grades(const char *text, struct source_grade **out, size_t *n, char *err,
                          size_t errsz);
char *sources_format_grades(const struct source_grade *g, size_t n);
/* "乡镇, 县直部门" (also 、 or ，) ⇄ a pool list; empty = every pool. */
bool sources_parse_pools(const char *text, char ***out, size_t *n, char *err, size_t errsz);
char *sources_format_pools(char *const *pools, size_t n);

/* Splits text at any of the separators, trimming blanks; calls fn for each non-empty part
 * and stops at the first false. */
bool sources_split(const char *text, const char *const *seps, size_t n_seps,
                   bool (*fn)(void *ctx, const char *part, char *err, size_t errsz), void *ctx,
                   char *err, size_t errsz);
/* A source's settings as one line, as 设置 shows and takes them (model/scheme_lines.c):
 * "分值=10; 计分=百分制; 分组=乡镇, 县直部门; 评分单位=县委", then "; 公众评议=是" and
 * "; 加分=是" when set (malloc'd).
 * The 等次 table is its own line (sources_format_grades), since it uses ";" itself. */
char *sources_line_format(const struct score_source *s);
/* Applies such a line's keys (any subset, ";" or "；" between them) to s; false with the
 * key named when one is refused (s may then be partly changed: apply to a copy). */
bool sources_line_parse(struct score_source *s, const char *text, char *err, size_t errsz);

/* One key of a [source NAME] section of a scheme file (docs/scheme.md): share / 分值,
 * scale / 计分, pools / 分组, rater / 评分单位, bonus / 加分, appraisal / 公众评议,
 * grades / 等次. */
bool sources_set(struct score_source *s, const char *key, const char *value, char *err,
                 size_t errsz);
/* The sources of a year against its scheme: names, shares 0..100, graded tables inside
 * 0..share, rows of one name on disjoint pools with one scale, and for each pool the
 * non-bonus shares at most half_share + year_share. */
bool sources_validate(const struct scheme *sc, const struct score_source *s, size_t n,
                      char *err, size_t errsz);

#endif
