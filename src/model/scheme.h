/* Scheme validation: the rules every year's scheme and categories obey (docs/scoring.md). */
#ifndef KAOPING_MODEL_SCHEME_H
#define KAOPING_MODEL_SCHEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/types.h"

/* Checks shares add up to 100, bands are ordered, caps and thresholds >= 0. On failure writes
 * a one-line Chinese message to err. */
bool scheme_validate(const struct scheme *s, char *err, size_t errsz);

/* The rule of a pool's categories: their points (sum_micro, in millionths) add up to the key
 * share, 半年初评 + 年终总评 (90 in the Qitai plan) less what the pool's score sources take
 * (sources_u: model/sources.h sources_share_u; Zhengding's departments: 100 − 30 − 10 = 60).
 * Otherwise writes the sums to err. */
bool scheme_category_sum_ok(const struct scheme *s, const char *pool, int64_t sources_u,
                            int64_t sum_micro, char *err, size_t errsz);

#endif
