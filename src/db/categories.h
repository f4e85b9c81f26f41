/* Editing a year's indicator categories (指标类别) per pool (docs/scheme.md, "Categories"):
 * add, rename, delete, change points, or replace a pool's whole list (import). Each call
 * changes one pool of one year inside the caller's transaction; store_category_check_sum
 * then enforces the rule that a pool's categories add up to its key share, so a change made
 * of several steps (add one, take points from another) is judged as a whole. */
#ifndef KAOPING_DB_CATEGORIES_H
#define KAOPING_DB_CATEGORIES_H

#include <stddef.h>

#include "db/store.h"
#include "model/types.h"

/* STORE_INVALID when the pool already has it. Added at the end of the pool's list. */
int store_category_add(struct store *st, int year, const char *pool, const char *name,
                       double points);
/* The year's 任务书 items of the pool's units filed under `old` follow the new name. */
int store_category_rename(struct store *st, int year, const char *pool, const char *old,
                          const char *new_name);
/* Refused (STORE_INVALID), naming the items, while 任务书 items of the pool use it. */
int store_category_delete(struct store *st, int year, const char *pool, const char *name);
int store_category_set_points(struct store *st, int year, const char *pool, const char *name,
                              double points);
/* Upserts one category of the pool (import, row by row); *res says what happened. */
int store_category_upsert(struct store *st, int year, const char *pool, const struct category *c,
                          enum store_put *res);
/* Deletes the pool's categories not named in names (refused like store_category_delete). */
int store_categories_keep_only(struct store *st, int year, const char *pool,
                               char *const *names, size_t n);
/* The pool's list becomes cats (their pool fields are ignored), in that order: categories
 * not listed are deleted (refused like store_category_delete), listed ones added or updated. */
int store_categories_replace(struct store *st, int year, const char *pool,
                             const struct category *cats, size_t n);
/* The pool's categories must add up to 半年初评 + 年终总评 of the year's scheme; otherwise
 * STORE_INVALID with the pool and the sums (model/scheme.h scheme_category_sum_ok). Only the
 * pools a change touched are checked: a year switched with --keep-categories may differ
 * elsewhere (docs/scoring.md). */
int store_category_check_sum(struct store *st, int year, const char *pool);

#endif
