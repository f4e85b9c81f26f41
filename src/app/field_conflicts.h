/* The open field-merge conflicts as both faces show them (docs/field.md): what kind of
 * conflict, which table, unit and row, and how it was resolved, in the same words for
 * `kaoping field conflicts` and the workstation's 合并冲突 screen; and a copied list of them for
 * a screen to hold. Resolving is field_resolve (db/field.h) for both. */
#ifndef KAOPING_APP_FIELD_CONFLICTS_H
#define KAOPING_APP_FIELD_CONFLICTS_H

#include <stdbool.h>
#include <stddef.h>

#include "db/field.h"

/* 两边都改了, 县里改了, 笔记本删了, 县里删了, 笔记本改了, 两边都新增了. */
const char *field_conflict_kind_text(const struct field_conflict *c);
/* "" while open, else 已处理: 采用笔记本的值 / 已处理: 保留县里的值. */
const char *field_conflict_status_text(const struct field_conflict *c);
/* The table in the users' words: 季度进度, 加减分台账, 整改, ... (the SQL name otherwise). */
const char *field_conflict_table_text(const char *table);
/* The row within its unit: "A11 第1季度" for progress, "A11" for a target item, "记录 1a2b3c"
 * (the id's first 6 characters) for a ledger record or rectification, else the key. */
void field_conflict_row_text(const struct field_conflict *c, char *buf, size_t sz);

/* Copies of the conflicts, for a screen that keeps them between draws. */
struct field_conflict_list {
    struct field_conflict *items; /* strings owned by the list */
    size_t n;
};
/* Loads the open conflicts (all of them when all). Returns STORE_OK or the store's status. */
int field_conflict_list_load(struct store *st, bool all, struct field_conflict_list *out);
void field_conflict_list_free(struct field_conflict_list *l);

#endif
