/* The ranking's lean loader: a sequential scan of the ledger (no text columns kept), and the
 * targets and the checkpoint quarters of progress (a covering index) walked side by side in
 * (unit, item) order, a unit at a time. */
#include "db/load_ranking.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/approvals.h"
#include "db/load.h"
#include "db/store_internal.h"
#include "model/adjust.h"
#include "model/xmalloc.h"

/* A statement walked in (unit, item) order beside the others: the row it holds (row) and that
 * row's unit index into yd->units (-1 for a unit the year does not have). */
struct cursor {
    sqlite3_stmt *s;
    bool row;
    long unit;
};

/* One unit's items while they are scored: target_items (the fields scoring reads) and their
 * codes, copied out of the statement into one arena (offsets until the unit is complete). */
struct unit_items {
    struct target_item *items;
    size_t n, cap;
    char *codes;
    size_t codes_len, codes_cap;
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

/* Unit index of a code, trying the previous row's unit first (rows come grouped by unit). */
static long unit_of(const struct year_data *yd, const char *code, long last)
{
    if (last >= 0 && strcmp(yd->units[last].code, code) == 0)
        return last;
    return code ? year_data_find_unit(yd, code) : -1;
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

/* Steps c to its next row; STORE_OK (c->row false at the end) or the error. */
static int advance(struct store *st, const struct year_data *yd, struct cursor *c)
{
    int rc = sqlite3_step(c->s);
    c->row = rc == SQLITE_ROW;
    if (c->row)
        c->unit = unit_of(yd, (const char *)sqlite3_column_text(c->s, 0), c->unit);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取任务书和进度");
}

static int open_cursor(struct store *st, const struct year_data *yd, struct cursor *c,
                       const char *sql, int quarter)
{
    *c = (struct cursor){.s = store_prepare(st, sql), .unit = -1};
    if (!c->s)
        return STORE_ERROR;
    sqlite3_bind_int(c->s, 1, yd->year);
    if (quarter)
        sqlite3_bind_int(c->s, 2, quarter);
    return advance(st, yd, c);
}

/* Unit u's target rows (all at the cursor, the targets in (unit, item) order) into ui. */
static int take_targets(struct store *st, const struct year_data *yd, struct cursor *t, long u,
                        struct unit_items *ui)
{
    ui->n = ui->codes_len = 0;
    int rc = STORE_OK;
    for (; rc == STORE_OK && t->row && t->unit <= u; rc = advance(st, yd, t)) {
        if (t->unit != u)
            continue; /* a unit the year does not have (cannot happen with foreign keys on) */
        if (ui->n == ui->cap) {
            ui->cap = ui->cap ? 2 * ui->cap : 64;
            ui->items = xreallocarray(ui->items, ui->cap, sizeof *ui->items);
        }
        const char *code = (const char *)sqlite3_column_text(t->s, 1);
        size_t len = strlen(code ? code : "") + 1;
        if (ui->codes_len + len > ui->codes_cap) {
            ui->codes_cap = 2 * (ui->codes_len + len);
            ui->codes = xrealloc(ui->codes, ui->codes_cap);
        }
        memcpy(ui->codes + ui->codes_len, code ? code : "", len);
        struct target_item *it = &ui->items[ui->n++];
        memset(it, 0, sizeof *it);
        it->unit_index = (size_t)u;
        it->code = (char *)(uintptr_t)ui->codes_len; /* an offset until the unit is read */
        ui->codes_len += len;
        it->points = sqlite3_column_double(t->s, 2);
        it->method = method_of((const char *)sqlite3_column_text(t->s, 3));
        it->target = sqlite3_column_double(t->s, 4);
        it->schedule[1] = sqlite3_column_double(t->s, 5); /* Q1 and Q3 are not read: scoring */
        it->schedule[3] = sqlite3_column_double(t->s, 6); /* does not use them */
    }
    for (size_t i = 0; i < ui->n; i++)
        ui->items[i].code = ui->codes + (uintptr_t)ui->items[i].code;
    return rc;
}

/* Unit u's item with this code (the items are in code order); the one after the last found
 * is tried first, as progress rows come in the same order. */
static struct target_item *find_item(const struct unit_items *ui, const char *code, size_t *hint)
{
    if (*hint < ui->n && strcmp(ui->items[*hint].code, code) == 0)
        return &ui->items[(*hint)++];
    size_t lo = 0, hi = ui->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ui->items[mid].code, code);
        if (c == 0) {
            *hint = mid + 1;
            return &ui->items[mid];
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Unit u's progress rows of one checkpoint quarter (slot 1: Q2, 3: Q4) onto its items. */
static int take_progress(struct store *st, const struct year_data *yd, struct cursor *p, long u,
                         int slot, struct unit_items *ui)
{
    size_t hint = 0;
    int rc = STORE_OK;
    for (; rc == STORE_OK && p->row && p->unit <= u; rc = advance(st, yd, p)) {
        struct target_item *it =
            p->unit == u ? find_item(ui, (const char *)sqlite3_column_text(p->s, 1), &hint) : NULL;
        if (!it)
            continue;
        struct quarter_progress *q = &it->q[slot];
        q->present = true;
        q->actual = sqlite3_column_double(p->s, 2);
        q->has_score = sqlite3_column_type(p->s, 3) != SQLITE_NULL;
        q->score = sqlite3_column_double(p->s, 3);
    }
    return rc;
}

/* Three walks in (unit, item) order side by side, the targets and the Q2 and Q4 rows of the
 * covering index progress_checkpoint (schema v2: no table probe, other quarters and years
 * never read), merged a unit at a time: memory is one unit's items whatever the number of
 * units (a compact table of the whole year was 4 KB a unit, 30 MB at 8,000 units). */
static int stream_items(struct store *st, struct year_data *yd, store_unit_items_fn fn, void *ctx)
{
    struct cursor t, q2, q4;
    const char *progress_sql = "SELECT unit, item, actual, score FROM progress"
                               " INDEXED BY progress_checkpoint WHERE year = ?1 AND quarter = ?2"
                               " ORDER BY unit, item";
    int rc = open_cursor(st, yd, &t,
                         "SELECT unit, item, points, method, target_value, sched2, sched4"
                         " FROM target WHERE year = ?1 ORDER BY unit, item",
                         0);
    q2.s = q4.s = NULL;
    if (rc == STORE_OK)
        rc = open_cursor(st, yd, &q2, progress_sql, 2);
    if (rc == STORE_OK)
        rc = open_cursor(st, yd, &q4, progress_sql, 4);
    struct unit_items ui = {0};
    struct item_terms *terms = NULL; /* in-force terms of the unit's adjusted items */
    size_t terms_cap = 0;
    for (size_t u = 0; rc == STORE_OK && u < yd->n_units; u++) {
        rc = take_targets(st, yd, &t, (long)u, &ui);
        if (rc == STORE_OK)
            rc = take_progress(st, yd, &q2, (long)u, 1, &ui);
        if (rc == STORE_OK)
            rc = take_progress(st, yd, &q4, (long)u, 3, &ui);
        if (rc != STORE_OK)
            break;
        size_t n_adj, adj_from = adjust_unit_range(yd->adjustments, yd->n_adjustments, u, &n_adj);
        if (ui.n > 0 && n_adj > 0) {
            if (ui.n > terms_cap)
                terms = xreallocarray(terms, (size_t)KP_QUARTERS * (terms_cap = ui.n), sizeof *terms);
            adjust_attach(ui.items, ui.n, yd->adjustments + adj_from, n_adj, terms);
        }
        fn(ctx, yd, u, ui.items, ui.n);
    }
    sqlite3_finalize(t.s), sqlite3_finalize(q2.s), sqlite3_finalize(q4.s);
    free(ui.items), free(ui.codes), free(terms);
    return rc;
}

int store_load_year_streamed(struct store *st, int year, struct year_data *yd,
                             store_unit_items_fn fn, void *ctx)
{
    int rc = store_load_year_header(st, year, yd);
    if (rc != STORE_OK)
        return rc;
    rc = read_ledger(st, yd);
    if (rc == STORE_OK)
        rc = store_load_adjustments(st, yd, NULL);
    if (rc == STORE_OK)
        rc = stream_items(st, yd, fn, ctx);
    if (rc != STORE_OK)
        year_data_free(yd);
    return rc;
}
