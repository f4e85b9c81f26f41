/* Approved targets and their adjustments (目标调整, docs/scoring.md "Approved targets"): which
 * terms of an item were in force at each quarter, so that every checkpoint is scored and
 * monitored against the target that held then, whatever was adjusted later. Pure. */
#ifndef KAOPING_MODEL_ADJUST_H
#define KAOPING_MODEL_ADJUST_H

#include <stdbool.h>
#include <stddef.h>

#include "model/types.h"

/* The adjustable terms of an item. The stored tokens are target, points, budget, sched1..4. */
enum adj_field {
    ADJ_TARGET,
    ADJ_POINTS,
    ADJ_BUDGET,
    ADJ_SCHED1,
    ADJ_SCHED2,
    ADJ_SCHED3,
    ADJ_SCHED4,
    ADJ_FIELD_COUNT
};

/* One recorded adjustment of one term, as loaded for a year. */
struct target_adjustment {
    char id[KP_ID_LEN + 1];
    size_t unit_index;       /* into year_data.units */
    char *item;              /* item code */
    enum adj_field field;
    double old_value, new_value;
    int from_quarter;        /* 1..4: in force from the end of this quarter on */
    char *reason, *approved_by;
    char *recorded_at;       /* ISO time of recording; orders adjustments of one term */
};

const char *adj_field_token(enum adj_field f); /* target / points / budget / sched1.. */
const char *adj_field_label(enum adj_field f); /* 目标值 / 分值 / 预算 / 第1季度序时进度.. */
bool adj_field_parse(const char *token, enum adj_field *out);

/* The item's terms as they stand now (the fields of struct target_item). */
void adjust_current_terms(const struct target_item *it, struct item_terms *out);
/* The value of one term in *t. */
double adjust_term(const struct item_terms *t, enum adj_field f);

/* The terms in force at the end of each quarter, from the item's current terms and its
 * adjustments adj[0..n) in recording order: a term's value at quarter q is the new value of
 * the last-recorded adjustment of that term applying from a quarter ≤ q; before any applies,
 * the old value of the first one (the approved value). The year-end therefore always uses
 * the current value. */
void adjust_in_force(const struct target_item *it, const struct target_adjustment *adj, size_t n,
                     struct item_terms out[KP_QUARTERS]);

/* The terms of `it` in force at quarter q (0-based): it->in_force[q] when the item was
 * adjusted, else its current terms. */
void item_terms_at(const struct target_item *it, int q, struct item_terms *out);

/* For items[0..n) ordered by (unit_index, code) and adj[0..n_adj) ordered by (unit_index,
 * item, recording order): points the in_force of every adjusted item at KP_QUARTERS terms in
 * `terms` (room for KP_QUARTERS × n) and clears it for the others. */
void adjust_attach(struct target_item *items, size_t n, const struct target_adjustment *adj,
                   size_t n_adj, struct item_terms *terms);
/* Index of the first adjustment of unit u in adj (ordered by unit), or n_adj; *count gets how
 * many there are. */
size_t adjust_unit_range(const struct target_adjustment *adj, size_t n_adj, size_t u,
                         size_t *count);

#endif
