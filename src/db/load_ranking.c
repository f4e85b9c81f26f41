/* The ranking's lean loader: sequential scans of targets and ledger (no text columns kept),
 * the checkpoint quarters of progress from a covering index, matched in memory. */
#include "db/load_ranking.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/approvals.h"
#include "db/load.h"
#include "db/store_internal.h"
#include "model/adjust.h"
#include "model/xmalloc.h"

struct lean_item {
    uint32_t unit;    /* index into yd->units */
    const char *code; /* into lean.codes, set once all rows are read */
    size_t code_at;   /* offset in lean.codes while it may still move */
    double points, target, sched[2];
    double actual[2], score[2];
    uint8_t method;
    bool present[2], has_score[2];
};

struct lean {
    struct lean_item *items;
    size_t n, cap;
    char *codes; /* every item code, NUL-terminated, back to back (any length) */
    size_t codes_len, codes_cap;
    size_t *first; /* first[u]..first[u+1]: unit u's items, by code */
};

/* The method from its stored token by first letter (ratio / inverse / manual). */
static enum kp_method method_of(const char *token)
{
    enum kp_method m = METHOD_RATIO;
    if (token && token[0] == 'i')
        m = METHOD_INVERSE;
    else if (token && token[0] == 'm')
        m = METHOD_MANUAL;
    else if (token && token[0] != 'r')
        method_parse(token, &m);
    return m;
}

/* Appends an item code to the arena; returns its offset. */
static size_t keep_code(struct lean *l, const char *code)
{
    size_t n = strlen(code ? code : "") + 1;
    if (l->codes_len + n > l->codes_cap) {
        l->codes_cap = (l->codes_len + n) * 2;
        l->codes = xrealloc(l->codes, l->codes_cap);
    }
    memcpy(l->codes + l->codes_len, code ? code : "", n);
    l->codes_len += n;
    return l->codes_len - n;
}

/* Unit index of a code, trying the previous row's unit first (rows come grouped by unit). */
static long unit_of(const struct year_data *yd, const char *code, long last)
{
    if (last >= 0 && strcmp(yd->units[last].code, code) == 0)
        return last;
    return code ? year_data_find_unit(yd, code) : -1;
}

static int compare_items(const void *pa, const void *pb)
{
    const struct lean_item *a = pa, *b = pb;
    if (a->unit != b->unit)
        return a->unit < b->unit ? -1 : 1;
    return strcmp(a->code, b->code);
}

/* NOT INDEXED: one sequential pass over the table is 3x faster here than walking the
 * primary-key index with a table probe per row; the sort is done below, in memory. */
static int read_targets(struct store *st, const struct year_data *yd, struct lean *l)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT unit, item, points, method, target_value, sched2,"
                                        " sched4 FROM target NOT INDEXED WHERE year = ?1");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, yd->year);
    long u = -1;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if ((u = unit_of(yd, (const char *)sqlite3_column_text(s, 0), u)) < 0)
            continue; /* cannot happen with foreign keys on */
        if (l->n == l->cap) {
            l->cap = l->cap ? 2 * l->cap : 1024;
            l->items = xreallocarray(l->items, l->cap, sizeof *l->items);
        }
        struct lean_item *it = &l->items[l->n++];
        memset(it, 0, sizeof *it);
        it->unit = (uint32_t)u;
        it->code_at = keep_code(l, (const char *)sqlite3_column_text(s, 1));
        it->points = sqlite3_column_double(s, 2);
        it->method = (uint8_t)method_of((const char *)sqlite3_column_text(s, 3));
        it->target = sqlite3_column_double(s, 4);
        it->sched[0] = sqlite3_column_double(s, 5);
        it->sched[1] = sqlite3_column_double(s, 6);
    }
    int out = rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取任务书");
    sqlite3_finalize(s);
    if (out != STORE_OK)
        return out;
    for (size_t k = 0; k < l->n; k++)
        l->items[k].code = l->codes + l->items[k].code_at;
    /* Rows are usually stored in key order already (entered unit by unit): check first. */
    bool sorted = true;
    for (size_t k = 1; k < l->n && sorted; k++)
        sorted = compare_items(&l->items[k - 1], &l->items[k]) <= 0;
    if (!sorted)
        qsort(l->items, l->n, sizeof *l->items, compare_items);
    l->first = xcalloc(yd->n_units + 1, sizeof *l->first);
    size_t i = 0;
    for (size_t v = 0; v < yd->n_units; v++) {
        l->first[v] = i;
        while (i < l->n && l->items[i].unit == v)
            i++;
    }
    l->first[yd->n_units] = l->n;
    return STORE_OK;
}

static int compare_ledger(const void *pa, const void *pb)
{
    const struct ledger_entry *a = pa, *b = pb;
    if (a->unit_index != b->unit_index)
        return a->unit_index < b->unit_index ? -1 : 1;
    int c = strcmp(a->date, b->date);
    return c ? c : strcmp(a->id, b->id);
}

/* The ledger without its text columns: scoring needs unit, type and points only. */
static int read_ledger(struct store *st, struct year_data *yd)
{
    sqlite3_stmt *s =
        store_prepare(st, "SELECT unit, type, points, date, id FROM ledger NOT INDEXED"
                          " WHERE year = ?1");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, yd->year);
    size_t cap = 0;
    long u = -1;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if ((u = unit_of(yd, (const char *)sqlite3_column_text(s, 0), u)) < 0)
            continue;
        if (yd->n_ledger == cap) {
            cap = cap ? 2 * cap : 256;
            yd->ledger = xreallocarray(yd->ledger, cap, sizeof *yd->ledger);
        }
        struct ledger_entry *e = &yd->ledger[yd->n_ledger++];
        memset(e, 0, sizeof *e);
        e->unit_index = (size_t)u;
        ledger_type_parse((const char *)sqlite3_column_text(s, 1), &e->type);
        e->points = sqlite3_column_double(s, 2);
        const char *date = (const char *)sqlite3_column_text(s, 3);
        const char *id = (const char *)sqlite3_column_text(s, 4);
        strncpy(e->date, date ? date : "", sizeof e->date - 1);
        strncpy(e->id, id ? id : "", sizeof e->id - 1);
    }
    int out = rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取加减分台账");
    sqlite3_finalize(s);
    if (out == STORE_OK && yd->n_ledger > 1)
        qsort(yd->ledger, yd->n_ledger, sizeof *yd->ledger, compare_ledger);
    return out;
}

/* Unit u's item with this code. Progress rows are mostly stored item after item, so the
 * item found last (or the one after it) is tried before a binary search. */
static struct lean_item *find_item(const struct lean *l, long u, const char *code, size_t *hint)
{
    size_t lo = l->first[u], hi = l->first[u + 1];
    for (size_t h = *hint; h < *hint + 2; h++)
        if (h >= lo && h < hi && strcmp(l->items[h].code, code) == 0)
            return &l->items[*hint = h];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(l->items[mid].code, code);
        if (c == 0)
            return &l->items[*hint = mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Served entirely from the covering index progress_checkpoint (schema v2): two range scans
 * (Q2, Q4) of the one year, no table probe, and other years and quarters are never read.
 * 8 % fewer instructions than a sequential table scan with one year in the file
 * (bench/README.md), and it does not grow with the years kept. */
static int read_progress(struct store *st, const struct year_data *yd, struct lean *l)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT unit, item, quarter, actual, score FROM progress"
                                        " INDEXED BY progress_checkpoint"
                                        " WHERE year = ?1 AND quarter IN (2, 4)");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, yd->year);
    long u = -1;
    size_t hint = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if ((u = unit_of(yd, (const char *)sqlite3_column_text(s, 0), u)) < 0)
            continue;
        struct lean_item *it = find_item(l, u, (const char *)sqlite3_column_text(s, 1), &hint);
        if (!it)
            continue;
        int c = sqlite3_column_int(s, 2) == 2 ? 0 : 1;
        it->present[c] = true;
        it->actual[c] = sqlite3_column_double(s, 3);
        it->has_score[c] = sqlite3_column_type(s, 4) != SQLITE_NULL;
        it->score[c] = sqlite3_column_double(s, 4);
    }
    int out = rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取季度进度");
    sqlite3_finalize(s);
    return out;
}

/* Unpacks one unit's compact items into target_items (only the fields scoring reads). */
static void unpack(const struct lean_item *from, size_t n, size_t unit, struct target_item *to)
{
    for (size_t i = 0; i < n; i++) {
        const struct lean_item *li = &from[i];
        struct target_item *it = &to[i];
        memset(it, 0, sizeof *it);
        it->unit_index = unit;
        it->code = (char *)li->code;
        it->points = li->points;
        it->method = (enum kp_method)li->method;
        it->target = li->target;
        it->schedule[1] = li->sched[0]; /* Q1 and Q3 are not read: scoring does not use them */
        it->schedule[3] = li->sched[1];
        for (int c = 0; c < 2; c++) {
            struct quarter_progress *p = &it->q[c == 0 ? 1 : 3];
            p->present = li->present[c];
            p->actual = li->actual[c];
            p->has_score = li->has_score[c];
            p->score = li->score[c];
        }
    }
}

int store_load_year_streamed(struct store *st, int year, struct year_data *yd,
                             store_unit_items_fn fn, void *ctx)
{
    int rc = store_load_year_header(st, year, yd);
    if (rc != STORE_OK)
        return rc;
    struct lean l = {0};
    rc = read_ledger(st, yd);
    if (rc == STORE_OK)
        rc = read_targets(st, yd, &l);
    if (rc == STORE_OK)
        rc = read_progress(st, yd, &l);
    if (rc == STORE_OK)
        rc = store_load_adjustments(st, yd, NULL);
    struct target_item *scratch = NULL;
    struct item_terms *terms = NULL; /* in-force terms of the unit's adjusted items */
    size_t scratch_cap = 0, adj_from = 0;
    for (size_t u = 0; rc == STORE_OK && u < yd->n_units; u++) {
        size_t n = l.first[u + 1] - l.first[u], n_adj;
        if (n > scratch_cap) {
            scratch_cap = n;
            scratch = xreallocarray(scratch, n, sizeof *scratch);
            if (yd->n_adjustments)
                terms = xreallocarray(terms, (size_t)KP_QUARTERS * n, sizeof *terms);
        }
        if (n > 0)
            unpack(l.items + l.first[u], n, u, scratch);
        adj_from = adjust_unit_range(yd->adjustments, yd->n_adjustments, u, &n_adj);
        if (n > 0 && n_adj > 0)
            adjust_attach(scratch, n, yd->adjustments + adj_from, n_adj, terms);
        fn(ctx, yd, u, scratch, n);
    }
    free(scratch);
    free(terms);
    free(l.items);
    free(l.first);
    free(l.codes);
    if (rc != STORE_OK)
        year_data_free(yd);
    return rc;
}
