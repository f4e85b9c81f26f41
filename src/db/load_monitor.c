/* 双监控's loader (db/load_monitor.h): the targets and the quarter's progress rows (through
 * the progress_checkpoint index) walked side by side in (unit, item) order, a merge rather
 * than a primary-key probe of progress per item (which was 29 % of the instructions); the
 * other quarters, the notes and the ledger are never read. An item read again by row id is
 * one LEFT JOIN. */
#include "db/load_monitor.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/approvals.h"
#include "db/load.h"
#include "db/load_internal.h"
#include "db/store_internal.h"
#include "model/adjust.h"
#include "model/xmalloc.h"

/* Columns as load_fill_item and load_fill_quarter read them (category and measure are not
 * needed: NULL; the note is, as a screen writes the row back with it), then the target's row
 * id (23): the read by row id. */
#define MONITOR_COLUMNS                                                                            \
    "SELECT t.unit, t.item, NULL, t.name, t.points, t.method, t.target_value, NULL, t.budget,"     \
    " t.sched1, t.sched2, t.sched3, t.sched4, p.quarter, p.actual, p.spent, p.score, p.note,"      \
    " p.deviation, p.action, p.decision, p.decision_on, p.corrected, t.rowid FROM target t"        \
    " LEFT JOIN progress p ON p.year = t.year AND p.unit = t.unit AND p.item = t.item"             \
    " AND p.quarter = ?2"

/* The stream's two walks: targets (load_fill_item's columns, the row id in 13) and the
 * quarter's progress rows (unit, item, then load_fill_quarter's columns from 2). */
#define TARGET_WALK                                                                                \
    "SELECT unit, item, NULL, name, points, method, target_value, NULL, budget, sched1, sched2,"   \
    " sched3, sched4, rowid FROM target WHERE year = ?1"
#define PROGRESS_WALK                                                                              \
    "SELECT unit, item, quarter, actual, spent, score, note, deviation, action, decision,"         \
    " decision_on, corrected FROM progress INDEXED BY progress_checkpoint"                         \
    " WHERE year = ?1 AND quarter = ?2"

struct store_monitor {
    struct store *st;
    struct year_data *yd;
    int quarter;
    bool in_txn;         /* a read transaction of ours is open (ended by store_monitor_release) */
    sqlite3_stmt *by_id; /* store_monitor_item's statement, prepared on first use */
    sqlite3_stmt *part[2]; /* store_monitor_stream_part's walks, kept between parts */
    struct item_terms terms[KP_QUARTERS]; /* the in-force terms of the last item read by id */
};

int store_monitor_open(struct store *st, int year, int quarter, struct year_data *yd,
                       struct store_monitor **out)
{
    *out = NULL;
    sqlite3 *db = store_db(st);
    bool own = sqlite3_get_autocommit(db) != 0;
    if (own && sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail_sqlite(st, "开始读取");
    int rc = store_load_year_header(st, year, yd);
    if (rc == STORE_OK) {
        rc = store_load_adjustments(st, yd, NULL);
        if (rc != STORE_OK)
            year_data_free(yd);
    }
    if (rc != STORE_OK) {
        if (own)
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        return rc;
    }
    struct store_monitor *m = xcalloc(1, sizeof *m);
    *m = (struct store_monitor){
        .st = st, .yd = yd, .quarter = quarter, .in_txn = own};
    *out = m;
    return STORE_OK;
}

/* The row's item (its code, target and the quarter's progress) into *it. */
static void fill(sqlite3_stmt *s, struct target_item *it, size_t unit)
{
    load_fill_item(s, it, unit);
    load_fill_quarter(s, 13, it);
}

/* Frees the texts of items[0..n). */
static void free_items(struct target_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        store_monitor_item_free(&items[i]);
}

/* A unit's rows (all at the statement) as items; hands them to fn. */
struct unit_buf {
    struct target_item *items;
    int64_t *rowids;
    struct item_terms *terms;
    size_t n, cap, terms_cap;
};

static void hand_over(struct store_monitor *m, struct unit_buf *b, long u, store_monitor_fn fn,
                      void *ctx)
{
    const struct year_data *yd = m->yd;
    size_t n_adj, from = adjust_unit_range(yd->adjustments, yd->n_adjustments, (size_t)u, &n_adj);
    if (b->n > 0 && n_adj > 0) {
        if (b->n > b->terms_cap)
            b->terms = xreallocarray(b->terms, (size_t)KP_QUARTERS * (b->terms_cap = b->cap),
                                     sizeof *b->terms);
        adjust_attach(b->items, b->n, yd->adjustments + from, n_adj, b->terms);
    }
    fn(ctx, yd, (size_t)u, b->items, b->rowids, b->n);
    free_items(b->items, b->n);
    b->n = 0;
}

/* (unit, item) of the progress walk's row against the target's: <0, 0, >0. */
static int compare_keys(sqlite3_stmt *p, sqlite3_stmt *t)
{
    int c =
        strcmp((const char *)sqlite3_column_text(p, 0), (const char *)sqlite3_column_text(t, 0));
    return c ? c
             : strcmp((const char *)sqlite3_column_text(p, 1),
                      (const char *)sqlite3_column_text(t, 1));
}

/* The target row as the unit's next item, with its progress row when the walk has it; the
 * progress walk is stepped past rows of items before it (none with foreign keys on). */
static int push_row(sqlite3_stmt *t, sqlite3_stmt *p, int *p_step, struct unit_buf *b, long u)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 64;
        b->items = xreallocarray(b->items, b->cap, sizeof *b->items);
        b->rowids = xreallocarray(b->rowids, b->cap, sizeof *b->rowids);
    }
    struct target_item *it = &b->items[b->n];
    load_fill_item(t, it, (size_t)u);
    b->rowids[b->n++] = sqlite3_column_int64(t, 13);
    int c = -1;
    while (*p_step == SQLITE_ROW && (c = compare_keys(p, t)) < 0)
        *p_step = sqlite3_step(p);
    if (*p_step == SQLITE_ROW && c == 0) {
        load_fill_quarter(p, 2, it);
        *p_step = sqlite3_step(p);
    }
    return *p_step == SQLITE_ROW || *p_step == SQLITE_DONE ? SQLITE_OK : *p_step;
}

/* The units a walk hands over: from `next` (advanced as they are handed over) to `end`,
 * stopping at the first unit boundary once max_items items were handed over (0: no limit). */
struct walk_range {
    long next, end;
    size_t max_items, items;
};

/* Whether the walk stops before the unit starting at this row. */
static bool range_full(const struct walk_range *r)
{
    return r->max_items > 0 && r->items >= r->max_items;
}

/* Units without items are handed over too (n = 0), so fn sees every unit in order. */
static int walk(struct store_monitor *m, sqlite3_stmt *s, sqlite3_stmt *p, struct walk_range *r,
                store_monitor_fn fn, void *ctx)
{
    int p_step = sqlite3_step(p), p_rc = SQLITE_OK;
    const struct year_data *yd = m->yd;
    struct unit_buf b = {0};
    long cur = -1; /* the unit of the rows in b */
    int step;
    while (p_rc == SQLITE_OK && (step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(s, 0);
        if (cur < 0 || strcmp(yd->units[cur].code, code ? code : "") != 0) {
            long u = code ? year_data_find_unit(yd, code) : -1;
            if (u < 0)
                continue; /* a unit the year does not have (cannot happen with foreign keys) */
            if (cur >= 0)
                r->items += b.n, hand_over(m, &b, cur, fn, ctx), r->next = cur + 1;
            if (u >= r->end || range_full(r))
                break; /* the rest is another part's */
            for (; r->next < u; r->next++)
                fn(ctx, yd, (size_t)r->next, NULL, NULL, 0);
            cur = u;
        }
        p_rc = push_row(s, p, &p_step, &b, cur);
    }
    if (p_rc != SQLITE_OK)
        step = p_rc;
    if (step == SQLITE_DONE && cur >= 0)
        r->items += b.n, hand_over(m, &b, cur, fn, ctx), r->next = cur + 1;
    for (; step == SQLITE_DONE && r->next < r->end; r->next++)
        fn(ctx, yd, (size_t)r->next, NULL, NULL, 0);
    free_items(b.items, b.n);
    free(b.items), free(b.rowids), free(b.terms);
    return step == SQLITE_DONE || step == SQLITE_ROW ? STORE_OK
                                                     : store_fail_sqlite(m->st, "读取任务书和进度");
}

static void bind_walks(struct store_monitor *m, sqlite3_stmt *both[2], const char *unit)
{
    for (int i = 0; i < 2; i++) {
        sqlite3_bind_int(both[i], 1, m->yd->year);
        sqlite3_bind_int(both[i], 2, m->quarter);
        if (unit)
            bind_text(both[i], 3, unit);
    }
}

int store_monitor_stream(struct store_monitor *m, const char *unit, store_monitor_fn fn, void *ctx)
{
    long only = -1;
    if (unit && (only = year_data_find_unit(m->yd, unit)) < 0)
        return STORE_OK; /* no such unit: nothing to stream */
    sqlite3_stmt *t = store_prepare(m->st, unit ? TARGET_WALK " AND unit = ?3 ORDER BY unit, item"
                                                : TARGET_WALK " ORDER BY unit, item");
    sqlite3_stmt *p =
        t ? store_prepare(m->st, unit ? PROGRESS_WALK " AND unit = ?3 ORDER BY unit, item"
                                      : PROGRESS_WALK " ORDER BY unit, item")
          : NULL;
    int rc = STORE_ERROR;
    if (p) {
        sqlite3_stmt *both[2] = {t, p};
        bind_walks(m, both, unit);
        struct walk_range r = {only >= 0 ? only : 0, only >= 0 ? only + 1 : (long)m->yd->n_units,
                               0, 0};
        rc = walk(m, t, p, &r, fn, ctx);
    }
    sqlite3_finalize(t), sqlite3_finalize(p);
    return rc;
}

void store_monitor_release(struct store_monitor *m)
{
    if (m->in_txn)
        sqlite3_exec(store_db(m->st), "COMMIT", NULL, NULL, NULL);
    m->in_txn = false;
}

/* The part's walks from unit `from` on, prepared once and kept. */
static bool part_walks(struct store_monitor *m, size_t from)
{
    static const char *const sql[2] = {TARGET_WALK " AND unit >= ?3 ORDER BY unit, item",
                                       PROGRESS_WALK " AND unit >= ?3 ORDER BY unit, item"};
    for (int i = 0; i < 2; i++) {
        if (!m->part[i] && !(m->part[i] = store_prepare(m->st, sql[i])))
            return false;
        sqlite3_reset(m->part[i]);
    }
    bind_walks(m, m->part, m->yd->units[from].code);
    return true;
}

int store_monitor_stream_part(struct store_monitor *m, size_t *next, size_t max_items,
                              store_monitor_fn fn, void *ctx)
{
    if (*next >= m->yd->n_units)
        return STORE_OK;
    sqlite3 *db = store_db(m->st);
    /* a read transaction of its own, so the two walks see the same data */
    bool begun = !m->in_txn && sqlite3_get_autocommit(db);
    if (begun && sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail_sqlite(m->st, "开始读取");
    int rc = STORE_ERROR;
    if (part_walks(m, *next)) {
        struct walk_range r = {(long)*next, (long)m->yd->n_units, max_items, 0};
        rc = walk(m, m->part[0], m->part[1], &r, fn, ctx);
        *next = (size_t)r.next;
    }
    sqlite3_reset(m->part[0]), sqlite3_reset(m->part[1]);
    if (begun)
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    return rc;
}

int store_monitor_item(struct store_monitor *m, int64_t rowid, struct target_item *it)
{
    if (!m->by_id && !(m->by_id = store_prepare(m->st, MONITOR_COLUMNS " WHERE t.rowid = ?1")))
        return STORE_ERROR;
    sqlite3_stmt *s = m->by_id;
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, rowid);
    sqlite3_bind_int(s, 2, m->quarter);
    int step = sqlite3_step(s);
    if (step != SQLITE_ROW)
        return step == SQLITE_DONE ? STORE_NOTFOUND : store_fail_sqlite(m->st, "读取任务书和进度");
    const char *code = (const char *)sqlite3_column_text(s, 0);
    long u = code ? year_data_find_unit(m->yd, code) : -1;
    if (u < 0)
        return STORE_NOTFOUND;
    fill(s, it, (size_t)u);
    size_t n_adj,
        from = adjust_unit_range(m->yd->adjustments, m->yd->n_adjustments, (size_t)u, &n_adj);
    adjust_attach(it, 1, m->yd->adjustments + from, n_adj, m->terms);
    return STORE_OK;
}

void store_monitor_item_free(struct target_item *it)
{
    free(it->code), free(it->category), free(it->name), free(it->measure);
    for (int q = 0; q < KP_QUARTERS; q++)
        free(it->q[q].note), free(it->q[q].deviation), free(it->q[q].action);
    memset(it, 0, sizeof *it);
}

void store_monitor_close(struct store_monitor *m)
{
    if (!m)
        return;
    sqlite3_finalize(m->by_id);
    sqlite3_finalize(m->part[0]), sqlite3_finalize(m->part[1]);
    store_monitor_release(m);
    free(m);
}

int store_monitor_latest_quarter(struct store *st, int year, int *quarter)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT max(quarter) FROM progress WHERE year = ?1");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    int step = sqlite3_step(s);
    *quarter = step == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? STORE_OK : store_fail_sqlite(st, "读取进度");
}

/* Per unit after ?2 in code order (at most ?3 units; -1: all): its items and its rows of each
 * quarter, each an indexed count (the target key, progress_checkpoint). Progress rows always
 * belong to an item (a foreign key), so a unit is complete in a quarter when the counts are
 * equal; units come from the unit table, as a target's unit is a foreign key to it. */
#define COMPLETE_SQL                                                                               \
    "SELECT u.code, (SELECT count(*) FROM target t WHERE t.year = ?1 AND t.unit = u.code)"         \
    COMPLETE_Q(1) COMPLETE_Q(2) COMPLETE_Q(3) COMPLETE_Q(4)                                        \
    " FROM unit u WHERE u.code > ?2 ORDER BY u.code LIMIT ?3"
#define COMPLETE_Q(q)                                                                              \
    ", (SELECT count(*) FROM progress p WHERE p.year = ?1 AND p.quarter = " #q                    \
    " AND p.unit = u.code)"

int store_monitor_complete_part(struct store *st, int year, size_t units,
                                struct store_complete *c)
{
    sqlite3_stmt *s = store_prepare(st, COMPLETE_SQL);
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, c->after);
    sqlite3_bind_int64(s, 3, units ? (sqlite3_int64)units : -1);
    int step;
    size_t seen = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        seen++;
        const char *code = (const char *)sqlite3_column_text(s, 0);
        snprintf(c->after, sizeof c->after, "%s", code ? code : "");
        long long items = sqlite3_column_int64(s, 1);
        if (items == 0)
            continue;
        c->with_targets++;
        for (int q = 0; q < KP_QUARTERS; q++)
            c->complete[q] += sqlite3_column_int64(s, 2 + q) == items;
    }
    sqlite3_finalize(s);
    c->done = step == SQLITE_DONE && (units == 0 || seen < units);
    return step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取进度");
}

int store_monitor_complete(struct store *st, int year, size_t *with_targets,
                           size_t complete[KP_QUARTERS])
{
    struct store_complete c = {0};
    int rc = store_monitor_complete_part(st, year, 0, &c);
    *with_targets = c.with_targets;
    memcpy(complete, c.complete, sizeof c.complete);
    return rc;
}

int store_monitor_with_targets(struct store *st, int year, size_t *n)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT count(*) FROM unit u WHERE EXISTS (SELECT 1 FROM"
                                        " target t WHERE t.year = ?1 AND t.unit = u.code)");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    int step = sqlite3_step(s);
    *n = step == SQLITE_ROW ? (size_t)sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? STORE_OK : store_fail_sqlite(st, "读取任务书");
}
