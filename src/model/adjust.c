/* The terms in force per quarter of adjusted target items (docs/scoring.md, "Approved targets
 * and adjustments"). */
#include "model/adjust.h"

#include <string.h>

static const char *const field_tokens[ADJ_FIELD_COUNT] = {
    "target", "points", "budget", "sched1", "sched2", "sched3", "sched4"};
static const char *const field_labels[ADJ_FIELD_COUNT] = {
    "目标值",          "分值",            "预算",           "第1季度序时进度",
    "第2季度序时进度", "第3季度序时进度", "第4季度序时进度"};

const char *adj_field_token(enum adj_field f) { return field_tokens[f]; }
const char *adj_field_label(enum adj_field f) { return field_labels[f]; }

bool adj_field_parse(const char *token, enum adj_field *out)
{
    for (int f = 0; token && f < ADJ_FIELD_COUNT; f++)
        if (strcmp(token, field_tokens[f]) == 0) {
            *out = (enum adj_field)f;
            return true;
        }
    return false;
}

void adjust_current_terms(const struct target_item *it, struct item_terms *out)
{
    out->points = it->points;
    out->target = it->target;
    out->budget = it->budget;
    memcpy(out->schedule, it->schedule, sizeof out->schedule);
}

static double *term_slot(struct item_terms *t, enum adj_field f)
{
    switch (f) {
    case ADJ_TARGET:
        return &t->target;
    case ADJ_POINTS:
        return &t->points;
    case ADJ_BUDGET:
        return &t->budget;
    default:
        return &t->schedule[f - ADJ_SCHED1];
    }
}

double adjust_term(const struct item_terms *t, enum adj_field f)
{
    return *term_slot((struct item_terms *)t, f);
}

void adjust_in_force(const struct target_item *it, const struct target_adjustment *adj, size_t n,
                     struct item_terms out[KP_QUARTERS])
{
    for (int q = 0; q < KP_QUARTERS; q++) {
        adjust_current_terms(it, &out[q]);
        for (int f = 0; f < ADJ_FIELD_COUNT; f++) {
            const struct target_adjustment *first = NULL, *last = NULL;
            for (size_t i = 0; i < n; i++) {
                if (adj[i].field != (enum adj_field)f)
                    continue;
                if (!first)
                    first = &adj[i];
                if (adj[i].from_quarter <= q + 1)
                    last = &adj[i];
            }
            if (last)
                *term_slot(&out[q], (enum adj_field)f) = last->new_value;
            else if (first)
                *term_slot(&out[q], (enum adj_field)f) = first->old_value;
        }
    }
}

void item_terms_at(const struct target_item *it, int q, struct item_terms *out)
{
    if (it->in_force && q >= 0 && q < KP_QUARTERS)
        *out = it->in_force[q];
    else
        adjust_current_terms(it, out);
}

/* Orders an item against an adjustment's (unit, item). */
static int compare_key(const struct target_item *it, const struct target_adjustment *a)
{
    if (it->unit_index != a->unit_index)
        return it->unit_index < a->unit_index ? -1 : 1;
    return strcmp(it->code, a->item);
}

void adjust_attach(struct target_item *items, size_t n, const struct target_adjustment *adj,
                   size_t n_adj, struct item_terms *terms)
{
    size_t a = 0, used = 0;
    for (size_t i = 0; i < n; i++) {
        items[i].in_force = NULL;
        while (a < n_adj && compare_key(&items[i], &adj[a]) > 0)
            a++;
        size_t end = a;
        while (end < n_adj && compare_key(&items[i], &adj[end]) == 0)
            end++;
        if (end == a)
            continue;
        struct item_terms *t = terms + KP_QUARTERS * used++;
        adjust_in_force(&items[i], adj + a, end - a, t);
        items[i].in_force = t;
        a = end;
    }
}

size_t adjust_unit_range(const struct target_adjustment *adj, size_t n_adj, size_t u,
                         size_t *count)
{
    size_t lo = 0, hi = n_adj;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (adj[mid].unit_index < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < n_adj && adj[end].unit_index == u)
        end++;
    *count = end - lo;
    return lo;
}
