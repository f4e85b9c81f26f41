/* Scheme presets (Qitai, Beijing, Zhengding) as data, and scheme validation. */
#ifndef KAOPING_MODEL_SCHEME_H
#define KAOPING_MODEL_SCHEME_H

#include <stdbool.h>
#include <stddef.h>

#include "model/types.h"

struct preset_category {
    const char *pool;   /* NULL: applies to every pool without its own list */
    const char *name;
    double points;
};

struct scheme_preset {
    const char *name;        /* qitai / beijing / zhengding */
    const char *title;       /* Chinese description */
    struct scheme scheme;
    const struct preset_category *categories; /* terminated by name == NULL */
};

extern const struct scheme_preset scheme_presets[];
extern const size_t scheme_preset_count;

const struct scheme_preset *scheme_preset_find(const char *name);
/* The default preset (qitai). */
const struct scheme_preset *scheme_preset_default(void);
/* Categories of `pool` in the preset: pool-specific ones if any, else the generic list.
 * Returns the count written to out (at most max). */
size_t scheme_preset_categories(const struct scheme_preset *p, const char *pool,
                                const struct preset_category **out, size_t max);
/* Checks shares add up to 100, bands are ordered, caps and thresholds >= 0. On failure writes
 * a one-line Chinese message to err. */
bool scheme_validate(const struct scheme *s, char *err, size_t errsz);

#endif
