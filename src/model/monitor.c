/* 双监控 engine: rates, lags, levels, mismatch, unit summaries, severity order.
 * Every rate and lag is rounded to 9 decimals before it is compared, so inputs that are exact
 * decimals (66 of 100 against 75 %: lag 9) hit the thresholds exactly instead of landing a
 * few ulps to either side (0.7 * 100 is 70.00000000000001 in binary floating point). */
#include "model/monitor.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/adjust.h"
#include "model/text.h"
#include "model/xmalloc.h"

double monitor_round(double v)
{
    double r = round(v * 1e9) / 1e9;
    return r == 0 ? 0 : r; /* no -0 */
}

enum monitor_level monitor_classify(const struct scheme *s, double lag)
{
    double l = monitor_round(lag);
    if (l > monitor_round(s->warn_red))
        return MONITOR_RED;
    if (l > monitor_round(s->warn_yellow))
        return MONITOR_YELLOW;
    return MONITOR_NORMAL;
}

/* rate = value / base * 100; the lag and its level when warned on. */
static void measure(const struct scheme *s, double value, double base, double schedule, bool warned,
                    struct monitor_measure *m)
{
    m->has_rate = true;
    m->rate = monitor_round(value * 100.0 / base);
    m->has_lag = warned;
    if (warned) {
        m->lag = monitor_round(schedule - m->rate);
        m->level = monitor_classify(s, m->lag);
    }
}

void monitor_item(const struct scheme *s, const struct target_item *it, int quarter,
                  struct monitor_row *out)
{
    memset(out, 0, sizeof *out);
    out->unit_index = it->unit_index;
    out->quarter = quarter;
    if (quarter < 1 || quarter > KP_QUARTERS)
        return;
    const struct quarter_progress *p = &it->q[quarter - 1];
    bool inverse = it->method == METHOD_INVERSE;
    struct item_terms t; /* the target in force at this quarter (model/adjust.h) */
    item_terms_at(it, quarter - 1, &t);
    out->schedule = monitor_round(t.schedule[quarter - 1]);

    /* Completion: not reported is 未填报; a target of 0 has no rate to lag behind. A 评分
     * item's row with only its score is measured by the score against the points (issue 17
     * item 5; docs/monitoring.md). */
    if (!p->present)
        out->completion.level = MONITOR_MISSING;
    else if (p->no_actual && t.points > 0)
        measure(s, p->score, t.points, out->schedule, true, &out->completion);
    else if (!p->no_actual && t.target > 0)
        measure(s, p->actual, t.target, out->schedule, !inverse, &out->completion);

    /* Execution only for budgeted items; spending left empty is 未填报, not a zero. */
    if (t.budget > 0) {
        if (!p->present || !p->has_spent)
            out->execution.level = MONITOR_MISSING;
        else
            measure(s, p->spent, t.budget, out->schedule, true, &out->execution);
    }

    if (!inverse && out->completion.has_rate && out->execution.has_rate) {
        double gap = monitor_round(fabs(out->execution.rate - out->completion.rate));
        out->mismatch = gap > monitor_round(s->mismatch);
    }
}

enum monitor_level monitor_row_level(const struct monitor_row *r)
{
    return r->completion.level > r->execution.level ? r->completion.level : r->execution.level;
}

int monitor_row_rank(const struct monitor_row *r)
{
    switch (monitor_row_level(r)) {
    case MONITOR_RED:
        return 4;
    case MONITOR_YELLOW:
        return 3;
    case MONITOR_MISSING:
        return 2;
    case MONITOR_NORMAL:
        break;
    }
    return r->mismatch ? 1 : 0;
}

bool monitor_unit_passes(const struct year_data *yd, size_t ui, const struct monitor_filter *f)
{
    const struct unit *u = &yd->units[ui];
    if (f && f->unit && strcmp(u->code, f->unit) != 0)
        return false;
    if (f && f->pool && (!u->pool || strcmp(u->pool, f->pool) != 0))
        return false;
    return true;
}

struct monitor_row *monitor_rows(const struct year_data *yd, int quarter,
                                 const struct monitor_filter *f, size_t *n)
{
    struct monitor_row *rows = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t i = 0; i < yd->n_items; i++) {
        const struct target_item *it = &yd->items[i];
        if (!monitor_unit_passes(yd, it->unit_index, f))
            continue;
        struct monitor_row r;
        monitor_item(&yd->scheme, it, quarter, &r);
        r.item_index = i;
        if (monitor_row_rank(&r) < (f ? f->min_rank : 0))
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            rows = xreallocarray(rows, cap, sizeof *rows);
        }
        rows[(*n)++] = r;
    }
    monitor_sort(yd, rows, *n);
    return rows;
}

void monitor_row_key(const struct monitor_row *r, uint32_t seq, struct monitor_key *k)
{
    k->seq = seq;
    k->rank = (uint8_t)monitor_row_rank(r);
    k->has_lag = false;
    k->lag = 0;
    /* The lag that made the row's level: the larger lag among rates at that level. */
    enum monitor_level level = monitor_row_level(r);
    const struct monitor_measure *m[2] = {&r->completion, &r->execution};
    for (int i = 0; i < 2; i++) {
        if (!m[i]->has_lag || m[i]->level != level)
            continue;
        if (!k->has_lag || m[i]->lag > k->lag)
            k->lag = m[i]->lag;
        k->has_lag = true;
    }
}

/* Severity tier descending, then the lag descending; 0 when they tie. */
static int cmp_tier(const struct monitor_key *a, const struct monitor_key *b)
{
    if (a->rank != b->rank)
        return a->rank > b->rank ? -1 : 1;
    if (a->has_lag != b->has_lag)
        return a->has_lag ? -1 : 1;
    if (a->has_lag && a->lag != b->lag)
        return a->lag > b->lag ? -1 : 1;
    return 0;
}

int monitor_key_compare(const void *pa, const void *pb)
{
    const struct monitor_key *a = pa, *b = pb;
    int c = cmp_tier(a, b);
    return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

/* Precomputed sort keys, so qsort needs no context pointer. */
struct sort_key {
    struct monitor_row row;
    const char *unit, *item;
    struct monitor_key key;
};

static void fill_key(const struct year_data *yd, const struct monitor_row *r, struct sort_key *k)
{
    k->row = *r;
    k->unit = yd->units[r->unit_index].code;
    k->item = yd->items[r->item_index].code;
    monitor_row_key(r, 0, &k->key);
}

static int cmp_codes(const struct sort_key *a, const struct sort_key *b)
{
    int c = strcmp(a->unit, b->unit);
    return c ? c : strcmp(a->item, b->item);
}

static int cmp_severity(const void *pa, const void *pb)
{
    const struct sort_key *a = pa, *b = pb;
    int c = cmp_tier(&a->key, &b->key);
    return c ? c : cmp_codes(a, b);
}

static int cmp_grid(const void *pa, const void *pb)
{
    return cmp_codes(pa, pb);
}

static void sort_rows(const struct year_data *yd, struct monitor_row *rows, size_t n,
                      int (*cmp)(const void *, const void *))
{
    if (n < 2)
        return;
    struct sort_key *keys = xreallocarray(NULL, n, sizeof *keys);
    for (size_t i = 0; i < n; i++)
        fill_key(yd, &rows[i], &keys[i]);
    qsort(keys, n, sizeof *keys, cmp);
    for (size_t i = 0; i < n; i++)
        rows[i] = keys[i].row;
    free(keys);
}

void monitor_sort(const struct year_data *yd, struct monitor_row *rows, size_t n)
{
    sort_rows(yd, rows, n, cmp_severity);
}

void monitor_sort_grid(const struct year_data *yd, struct monitor_row *rows, size_t n)
{
    sort_rows(yd, rows, n, cmp_grid);
}

/* Adds one item's row to its unit's tallies. */
static void tally_item(const struct target_item *it, const struct monitor_row *r,
                       struct monitor_unit *u, double *weighted_schedule)
{
    u->items++;
    enum monitor_level level = monitor_row_level(r);
    u->red += level == MONITOR_RED;
    u->yellow += level == MONITOR_YELLOW;
    u->missing += level == MONITOR_MISSING;
    u->mismatch += r->mismatch;
    if (level > u->worst)
        u->worst = level;
    struct item_terms t;
    item_terms_at(it, r->quarter - 1, &t);
    if (t.budget <= 0)
        return;
    u->budget_items++;
    if (!r->execution.has_rate)
        return; /* spending not reported: counted as missing above, not as a zero */
    u->reported_budget_items++;
    u->budget += t.budget;
    u->spent += it->q[r->quarter - 1].spent;
    *weighted_schedule += t.budget * r->schedule;
}

static void finish_unit(const struct scheme *s, struct monitor_unit *u, double weighted_schedule)
{
    u->has_execution = u->reported_budget_items > 0 && u->budget > 0;
    if (!u->has_execution)
        return;
    u->schedule = monitor_round(weighted_schedule / u->budget);
    u->execution = monitor_round(u->spent * 100.0 / u->budget);
    u->lag = monitor_round(u->schedule - u->execution);
    u->execution_level = monitor_classify(s, u->lag);
    u->below_schedule = u->execution < u->schedule;
}

void monitor_unit_of(const struct scheme *s, const struct target_item *items, size_t n, int quarter,
                     struct monitor_unit *out)
{
    memset(out, 0, sizeof *out);
    out->unit_index = n ? items[0].unit_index : 0;
    out->quarter = quarter;
    double weighted = 0;
    for (size_t i = 0; i < n; i++) {
        struct monitor_row r;
        monitor_item(s, &items[i], quarter, &r);
        tally_item(&items[i], &r, out, &weighted);
    }
    finish_unit(s, out, weighted);
}

struct monitor_unit *monitor_units(const struct year_data *yd, int quarter,
                                   const struct monitor_filter *f, size_t *n)
{
    *n = 0;
    if (yd->n_units == 0)
        return NULL;
    struct monitor_unit *all = xcalloc(yd->n_units, sizeof *all);
    /* items come grouped by unit (year_data's order): one summary per run of a unit's items */
    for (size_t i = 0, end; i < yd->n_items; i = end) {
        size_t u = yd->items[i].unit_index;
        for (end = i + 1; end < yd->n_items && yd->items[end].unit_index == u; end++)
            ;
        if (monitor_unit_passes(yd, u, f))
            monitor_unit_of(&yd->scheme, yd->items + i, end - i, quarter, &all[(*n)++]);
    }
    if (*n == 0) {
        free(all);
        return NULL;
    }
    return all;
}

/* Sort key of the below-schedule list: furthest behind first, then unit code. */
struct below_key {
    size_t index;
    double lag;
    const char *code;
};

static int cmp_below(const void *pa, const void *pb)
{
    const struct below_key *a = pa, *b = pb;
    if (a->lag != b->lag)
        return a->lag > b->lag ? -1 : 1;
    return strcmp(a->code, b->code);
}

size_t *monitor_below_schedule(const struct year_data *yd, const struct monitor_unit *units,
                               size_t n_units, size_t *n)
{
    *n = 0;
    struct below_key *keys = NULL;
    for (size_t i = 0; i < n_units; i++) {
        if (!units[i].below_schedule)
            continue;
        keys = xreallocarray(keys, *n + 1, sizeof *keys);
        keys[(*n)++] = (struct below_key){i, units[i].lag, yd->units[units[i].unit_index].code};
    }
    if (*n == 0)
        return NULL;
    qsort(keys, *n, sizeof *keys, cmp_below);
    size_t *out = xreallocarray(NULL, *n, sizeof *out);
    for (size_t i = 0; i < *n; i++)
        out[i] = keys[i].index;
    free(keys);
    return out;
}

static const char *const level_tokens[] = {"normal", "missing", "yellow", "red"};
static const char *const level_labels[] = {"正常", "未填报", "黄色预警", "红色预警"};

const char *monitor_level_token(enum monitor_level l)
{
    return (unsigned)l < 4 ? level_tokens[l] : "?";
}

const char *monitor_level_label(enum monitor_level l)
{
    return (unsigned)l < 4 ? level_labels[l] : "?";
}

bool monitor_level_parse(const char *s, enum monitor_level *out)
{
    for (int i = 0; s && i < 4; i++) {
        if (strcmp(s, level_tokens[i]) == 0 || strcmp(s, level_labels[i]) == 0) {
            *out = (enum monitor_level)i;
            return true;
        }
    }
    return false;
}

void monitor_format_pct(char *buf, size_t bufsz, double v)
{
    double nano = round(v * 1e9);
    if (!(fabs(nano) < 9e18)) { /* beyond int64 (or NaN): precision no longer matters */
        snprintf(buf, bufsz, "%.2f", v);
        return;
    }
    long long n = (long long)nano;
    unsigned long long mag = (unsigned long long)(n < 0 ? -n : n);
    unsigned long long hundredths = (mag + 5000000ULL) / 10000000ULL; /* half away from zero */
    /* by hand: snprintf was most of a province's `monitor` output (bench/README.md) */
    char out[40];
    text_fixed(n < 0 && hundredths, hundredths, 2, out);
    size_t len = strlen(out);
    if (bufsz == 0)
        return;
    if (len >= bufsz)
        len = bufsz - 1;
    memcpy(buf, out, len);
    buf[len] = '\0';
}

void monitor_followup_text(const struct quarter_progress *q, char *buf, size_t bufsz)
{
    bool decided = q->present && q->decision != DECISION_NONE, fixed = q->present && q->corrected;
    snprintf(buf, bufsz, "%s%s%s%s%s%s", decided ? "处置决定 " : "",
             decided ? decision_label(q->decision) : "", decided ? " (" : "",
             decided ? q->decision_on : "", decided ? ")" : "",
             fixed ? (decided ? "; 更正" : "更正") : "");
}
