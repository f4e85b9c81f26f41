/* The parts of a unit's explanation that belong to the year as it runs (docs/scoring.md):
 * the adjustments of its approved targets, and, from ranked stages, the difference between a
 * published snapshot and today's live scores. */
#ifndef KAOPING_MODEL_EXPLAIN_STAGE_H
#define KAOPING_MODEL_EXPLAIN_STAGE_H

#include <stddef.h>

#include "model/explain.h"
#include "model/rank.h"
#include "model/types.h"

/* Lists the adjustments of the unit's items (yd->adjustments) with the value each checkpoint
 * uses; nothing when there are none. */
void explain_adjustments(const struct year_data *yd, const struct unit_score *us,
                         struct text_lines *out);



/* The unit's 半年初评 stage as ranked (yd and us from the half-year stage, model/stage.h):
 * "半年初评阶段: 88.20×100/90 = 98.00; 查访核验 (截至 2026-06-30) −0.50; ...". */
void explain_half_stage(const struct year_data *yd, const struct unit_score *us,
                        struct text_lines *out);

#endif
