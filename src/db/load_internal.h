/* Private to src/db: filling and freeing the year's item and ledger structs from a statement's
 * row, shared by the whole-year loader (load.c) and the streamed scans (load_scan.c). */
#ifndef KAOPING_DB_LOAD_INTERNAL_H
#define KAOPING_DB_LOAD_INTERNAL_H

#include <sqlite3.h>

#include "model/types.h"

/* Columns 1..12: item, category, name, points, method, target_value, measure, budget,
 * sched1..sched4 (column 0 is the unit, already resolved to unit_index). */
void load_fill_item(sqlite3_stmt *s, struct target_item *it, size_t unit_index);
/* Columns col..col+9: quarter, actual, spent, score, note, deviation, action, decision,
 * decision_on, corrected (schema v11); a NULL quarter
 * (an item without progress in a LEFT JOIN) leaves the item as it is. */
void load_fill_quarter(sqlite3_stmt *s, int col, struct target_item *it);
/* Columns 0..9: id, unit, date, type, points, aspect, method, reason, inspectors, evidence. */
void load_fill_ledger(sqlite3_stmt *s, struct ledger_entry *e, size_t unit_index);
/* Free yd->items (with their texts and progress notes) / yd->ledger and empty them. */
void load_free_items(struct year_data *yd);
void load_free_ledger(struct year_data *yd);

#endif
