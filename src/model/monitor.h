/* 双监控: per item and quarter, completion and budget execution against 序时进度, warning
 * levels and the mismatch flag; per unit, overall execution and warning counts. Pure C.
 * The rules and every decision taken where the spec is silent: docs/monitoring.md. */
#ifndef KAOPING_MODEL_MONITOR_H
#define KAOPING_MODEL_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/types.h"

/* Ordered by severity: a larger value is worse. 未填报 ranks below yellow (no lag is known,
 * and it is a reporting failure rather than a measured shortfall). */
enum monitor_level { MONITOR_NORMAL, MONITOR_MISSING, MONITOR_YELLOW, MONITOR_RED };

/* One of the two rates of an item in a quarter. */
struct monitor_measure {
    bool has_rate;            /* rate is shown (false: not applicable or not reported) */
    bool has_lag;             /* lag is computed and warned on (false for inverse completion) */
    double rate;              /* percent, rounded to 1e-9 */
    double lag;               /* schedule - rate, percentage points, rounded to 1e-9 */
    enum monitor_level level; /* MONITOR_NORMAL when not applicable */
};

struct monitor_row {
    size_t item_index; /* into year_data.items */
    size_t unit_index; /* into year_data.units */
    int quarter;       /* 1..4 */
    double schedule;   /* the item's cumulative 序时进度 of the quarter, percent */
    struct monitor_measure completion, execution;
    bool mismatch; /* |execution - completion| > scheme.mismatch */
};

/* Rounds to 9 decimals, so decimal inputs land exactly on decimal boundaries. */
double monitor_round(double v);
/* Level of a lag under the scheme: normal <= yellow < yellow-level <= red < red-level. */
enum monitor_level monitor_classify(const struct scheme *s, double lag);
/* Evaluates item `it` at quarter q (1..4). */
void monitor_item(const struct scheme *s, const struct target_item *it, int quarter,
                  struct monitor_row *out);
/* The worse level of the two rates. */
enum monitor_level monitor_row_level(const struct monitor_row *r);
/* Sort tier: 4 red, 3 yellow, 2 missing, 1 mismatch only, 0 normal. */
int monitor_row_rank(const struct monitor_row *r);

/* Which rows monitor_rows returns. */
struct monitor_filter {
    const char *pool; /* NULL: every pool */
    const char *unit; /* NULL: every unit */
    int min_rank;     /* monitor_row_rank >= this; 1 = warnings only, 0 = every item */
};

/* Whether unit ui (into yd->units) passes the filter's unit and pool (NULL f: every unit). */
bool monitor_unit_passes(const struct year_data *yd, size_t ui, const struct monitor_filter *f);
/* Rows of every item of the year at quarter q that pass the filter, most severe first
 * (see monitor_sort). Returns a malloc'd array (NULL when n is 0). */
struct monitor_row *monitor_rows(const struct year_data *yd, int quarter,
                                 const struct monitor_filter *f, size_t *n);
/* Severity tier descending, then the lag of the worst rate descending, then unit code and
 * item code ascending. */
void monitor_sort(const struct year_data *yd, struct monitor_row *rows, size_t n);
/* Grid order: unit code, then item code (the order of year_data.items). */
void monitor_sort_grid(const struct year_data *yd, struct monitor_row *rows, size_t n);

/* monitor_sort's order without the codes: seq is the row's place in (unit code, item code)
 * order, so rows evaluated a unit at a time can be ordered without keeping them (app/monitor.h).
 * 16 bytes a row. */
struct monitor_key {
    double lag;   /* the lag of the worst rate (monitor_sort) when has_lag */
    uint32_t seq; /* (unit, item) order of the row among all rows */
    uint8_t rank; /* monitor_row_rank */
    bool has_lag;
};
void monitor_row_key(const struct monitor_row *r, uint32_t seq, struct monitor_key *k);
/* qsort comparator of struct monitor_key: monitor_sort's order. */
int monitor_key_compare(const void *a, const void *b);
/* keys[0..n) in monitor_key_compare's order, by a radix sort (model/monitor_keys.c). */
void monitor_keys_sort(struct monitor_key *keys, size_t n);

/* A unit in a quarter. */
struct monitor_unit {
    size_t unit_index;
    int quarter;
    size_t items; /* items of the unit in the year */
    /* Overall execution over the budgeted items (budget > 0) whose spending is reported. */
    size_t budget_items;                   /* items with budget > 0 */
    size_t reported_budget_items;          /* of those, with spending entered for the quarter */
    bool has_execution;                    /* reported_budget_items > 0 */
    double budget, spent;                  /* sums over the reported budgeted items, 万元 */
    double schedule;                       /* budget-weighted 序时进度 of those items */
    double execution;                      /* spent / budget * 100, rounded to 1e-9 */
    double lag;                            /* schedule - execution */
    enum monitor_level execution_level;    /* of lag; NORMAL when !has_execution */
    bool below_schedule;                   /* has_execution && execution < schedule */
    size_t yellow, red, missing, mismatch; /* items by row level; mismatch flags */
    enum monitor_level worst;              /* worst item level */
};

/* The summary of one unit from its items[0..n) (all of unit `unit_index`, n > 0). */
void monitor_unit_of(const struct scheme *s, const struct target_item *items, size_t n, int quarter,
                     struct monitor_unit *out);
/* Every unit with at least one item in the year that passes the filter (min_rank ignored),
 * in unit code order. Returns a malloc'd array (NULL when n is 0). */
struct monitor_unit *monitor_units(const struct year_data *yd, int quarter,
                                   const struct monitor_filter *f, size_t *n);
/* Indices (into units) of the units below 序时进度, furthest behind first, ties by code.
 * Returns a malloc'd array (NULL when n is 0). */
size_t *monitor_below_schedule(const struct year_data *yd, const struct monitor_unit *units,
                               size_t n_units, size_t *n);

/* normal / yellow / red / missing */
const char *monitor_level_token(enum monitor_level l);
/* 正常 / 黄色预警 / 红色预警 / 未填报 */
const char *monitor_level_label(enum monitor_level l);
bool monitor_level_parse(const char *s, enum monitor_level *out);
/* v with exactly 2 decimals, half away from zero on its 9-decimal value ("66.67", "-5.00"). */
void monitor_format_pct(char *buf, size_t bufsz, double v);
/* What was done about a row (issue 15 item 5): "处置决定 暂缓 (2026-10-12)", "更正" (the quarter's
 * cumulative value was confirmed below the previous quarter's), both with "; ", or "" when
 * neither. The screens, `kaoping monitor` and the 双监控通报 say it in these words. */
void monitor_followup_text(const struct quarter_progress *q, char *buf, size_t bufsz);

#endif
