/* Pools (考核分组) per year: each year lists its own pools in rank order, so adding, renaming,
 * reordering or retiring a pool from a year on never changes an earlier or locked year
 * (docs/scheme.md, "Pools"). The `pool` table is the registry of every name ever used. */
#ifndef KAOPING_DB_POOLS_H
#define KAOPING_DB_POOLS_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"

/* The pools of `year` in rank order (malloc'd; free with store_free_strings). */
int store_year_pools(struct store *st, int year, char ***names, size_t *n);

/* True when `pool` is one of the year's pools. */
bool store_year_has_pool(struct store *st, int year, const char *pool);

/* Each below acts on year `from` and every later year, in the caller's transaction, and is
 * refused (STORE_INVALID, nothing changed) when one of those years is locked, with the
 * reason in store_errmsg. */

/* Adds pool `name` at the end of the order; `like` (may be NULL) names a pool of year `from`
 * whose categories it copies. */
int store_pool_add(struct store *st, int from, const char *name, const char *like);
/* Renames pool `old` to `new_name` (categories and units follow); earlier years keep `old`. */
int store_pool_rename(struct store *st, int from, const char *old, const char *new_name);
/* Puts the pools in the order of names, which must be exactly the pools of year `from`
 * (pools only later years have come after them). */
int store_pool_reorder(struct store *st, int from, char *const *names, size_t n);
/* The pool leaves from year `from` on, with its categories there; refused, naming them, while
 * units are in it in one of those years (move them first). */
int store_pool_retire(struct store *st, int from, const char *name);

/* Called when a year is made: its pools are those of year `from` (0: the preset's `names`). */
int store_year_pools_seed(struct store *st, int year, int from, char *const *names, size_t n);
/* After the year's units are entered: a pool one of them is in, that the year lacks (a unit
 * row's pool the preset does not list), joins the end of the year's order. */
int store_year_pools_adopt(struct store *st, int year);

#endif
