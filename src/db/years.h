/* Years, their schemes, pools and indicator categories; the year lock (审定). */
#ifndef KAOPING_DB_YEARS_H
#define KAOPING_DB_YEARS_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"
#include "model/preset.h"
#include "model/types.h"

/* Creates the year if missing: scheme, categories and units (minus the retired) copied from
 * the latest earlier year, else the default preset and every unit row. No-op (STORE_OK) when
 * it exists. Call inside a transaction. */
int store_year_ensure(struct store *st, int year);
/* Creates the year from a preset (model/preset.h; STORE_INVALID if it exists), or from the
 * compiled-in preset `name` (STORE_INVALID also when there is none), with every unit row not
 * retired by then. */
int store_year_create_from(struct store *st, int year, const struct preset *p);
int store_year_create_preset(struct store *st, int year, const char *name);
/* Creates year with the scheme, categories and units (minus the retired) of year `from`
 * (STORE_INVALID if year exists, STORE_NOTFOUND if from does not). */
int store_year_copy(struct store *st, int year, int from);
bool store_year_exists(struct store *st, int year);
/* All years, ascending (malloc'd array). */
int store_years(struct store *st, int **years, size_t *n);
/* The newest year, or 0 when there is none. */
int store_latest_year(struct store *st);

int store_year_locked(struct store *st, int year, bool *locked); /* STORE_NOTFOUND if no year */
/* Locks or unlocks; note is the reason (required to unlock). Audited like any change. */
int store_year_set_lock(struct store *st, int year, bool locked, const char *note);

int store_scheme_get(struct store *st, int year, struct scheme *out);
int store_scheme_put(struct store *st, int year, const struct scheme *s);

/* Pools in display order (malloc'd array of malloc'd names). */
int store_pools(struct store *st, char ***names, size_t *n);
bool store_pool_exists(struct store *st, const char *name);
void store_free_strings(char **v, size_t n);

/* Categories of a year ordered by pool order then sort_order. */
int store_categories(struct store *st, int year, struct category **out, size_t *n);
void store_free_categories(struct category *c, size_t n);
/* Replaces the categories of every pool of the year by those of the preset, adding the
 * preset's pools the store lacks. Refused (STORE_INVALID) when targets of the year use a
 * category the preset does not have. */
int store_categories_from(struct store *st, int year, const struct preset *p);
int store_categories_from_preset(struct store *st, int year, const char *name);
int store_category_put(struct store *st, int year, const char *pool, const char *name,
                       double points, int sort_order);
/* Sum of the category points of a pool in a year (the pool's key points, e.g. 90). */
double store_pool_key_points(struct store *st, int year, const char *pool);

#endif
