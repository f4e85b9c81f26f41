/* Grades and score sources of a year, and the scores given by each source's raters
 * (docs/scoring.md "Grades", "Score sources"; tables grade, score_source, score). */
#ifndef KAOPING_DB_SOURCES_H
#define KAOPING_DB_SOURCES_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"
#include "model/types.h"

/* The year's bands into sc (grades, n_grades, cap_grade); a year without rows gets the
 * default bands. */
int store_grades_get(struct store *st, int year, struct scheme *sc);
/* Writes sc's bands as the year's (rows that do not change are left alone). */
int store_grades_put(struct store *st, int year, const struct scheme *sc);

/* The year's sources in scheme order. Free with score_sources_free. */
int store_sources_get(struct store *st, int year, struct score_source **out, size_t *n);
/* Replaces the year's sources. */
int store_sources_put(struct store *st, int year, const struct score_source *s, size_t n);
/* Renames the year's source `old` (every row of that name, whatever its pools) and moves its
 * scores of the year with it, so they keep counting; *scores is how many moved. Refused
 * (STORE_INVALID): an empty or over-long name, the same name, a name another source of the
 * year has (its scores would mix), an unknown source, a locked year (the triggers). */
int store_source_rename(struct store *st, int year, const char *old, const char *new_name,
                        size_t *scores);
/* Copies the sources of year `from` to year `to` (a new year). */
int store_sources_copy(struct store *st, int from, int to);

/* Every score of the year into yd->scores (yd->units loaded), by unit. */
int store_scores_load(struct store *st, struct year_data *yd);
/* One score, keyed by (year, unit, source, rater, date): inserted, or its value and grade
 * updated. */
int store_score_put(struct store *st, int year, const char *unit, const struct source_score *sc,
                    enum store_put *res);
/* Deletes the score keyed by (year, unit, sc->source, sc->rater, sc->date); none is fine. */
int store_score_delete(struct store *st, int year, const char *unit, const struct source_score *sc);

/* How far a source's scores are entered (the home screen's line): of the year's units in the
 * pools its rows apply to, those with a score of it (or a 公众评议 record, for a source fed by
 * them). Counted in SQL, without loading the year. */
struct source_count {
    char name[404]; /* a name is at most 100 characters */
    size_t units, scored;
};
/* One entry per distinct source name, in scheme order (at most max). */
int store_source_counts(struct store *st, int year, struct source_count *out, size_t max,
                        size_t *n);

#endif
