/* The two published stages of a year (docs/scoring.md, "Stages"): the 半年初评 (half-year,
 * published in July) and the 年终总评 (year-end). The year-end is the plan's full formula; the
 * half-year reads the same engine through a derived scheme: C = K_H × 100 / key_points (the
 * half-year key score scaled to the 100-point total), no year-end part and no appraisal, the
 * ledger records dated up to 30 June, and the year's bands, caps and veto rule. */
#ifndef KAOPING_MODEL_STAGE_H
#define KAOPING_MODEL_STAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/types.h"

enum score_stage { STAGE_YEAR, STAGE_HALF };

const char *stage_token(enum score_stage s); /* year / half */
const char *stage_label(enum score_stage s); /* 年终总评 / 半年初评 */
bool stage_parse(const char *s, enum score_stage *out); /* token or label */

/* The scheme the stage is scored with (the year's own for STAGE_YEAR). */
void stage_scheme(enum score_stage st, const struct scheme *year, struct scheme *out);
/* False when the stage has no meaning under the scheme: a half-year stage with half_share 0
 * (the Beijing preset scores the year-end only). */
bool stage_applies(enum score_stage st, const struct scheme *year);
/* How many of a unit's ledger records (in date order) count at the stage: all for the
 * year-end; those dated on or before 30 June of the year for the half-year. */
size_t stage_ledger_count(enum score_stage st, int year, const struct ledger_entry *ledger,
                          size_t n);

#endif
