/* Streamed 双监控 (app/monitor.h): a unit's rows are judged as they are read, the kept ones
 * ordered by 16-byte keys and read back by row id in that order. */
#include "app/monitor.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/load_monitor.h"
#include "model/xmalloc.h"

struct app_monitor {
    struct store_monitor *db;
    struct year_data yd;
    int quarter;
};

int app_monitor_open(struct store *st, int year, int quarter, struct app_monitor **out,
                     const struct year_data **yd)
{
    struct app_monitor *m = xcalloc(1, sizeof *m);
    m->quarter = quarter;
    int rc = store_monitor_open(st, year, quarter, &m->yd, &m->db);
    if (rc != STORE_OK) {
        free(m);
        *out = NULL;
        return rc;
    }
    *out = m;
    *yd = &m->yd;
    return STORE_OK;
}

void app_monitor_close(struct app_monitor *m)
{
    if (!m)
        return;
    store_monitor_close(m->db);
    year_data_free(&m->yd);
    free(m);
}

/* Kept rows are held whole while they take less than this; past it they are dropped and read
 * back by row id (a province's warnings at 2,000 units, 44,000 rows, take 10 MB and are held;
 * at 8,000 units they are read back: reading back costs as much again as the scan). */
static size_t hold_budget = 12u << 20;

void app_monitor_set_hold_budget(size_t bytes)
{
    hold_budget = bytes;
}

/* A kept row held whole: the row and what the sinks read of its item (code, name, the
 * quarter's progress), its texts as offsets into the arena (+1 for the progress texts, 0:
 * NULL), so the arena may move while it grows. */
struct held {
    struct monitor_row row;
    struct quarter_progress q;
    size_t code, name;
};

/* The kept rows while the year is read: their keys and row ids (rowids[key.seq]), and the
 * rows themselves (held[key.seq]) while holding. */
struct keep {
    const struct monitor_filter *f;
    const struct app_monitor_sink *sink;
    int quarter;
    struct monitor_key *keys;
    int64_t *rowids;
    size_t n, cap;
    bool holding;
    struct held *held;
    char *arena;
    size_t arena_len, arena_cap;
};

static size_t arena_put(struct keep *k, const char *text)
{
    size_t len = strlen(text) + 1, at = k->arena_len;
    if (at + len > k->arena_cap)
        k->arena = xrealloc(k->arena, k->arena_cap = 2 * (at + len) + 4096);
    memcpy(k->arena + at, text, len);
    k->arena_len += len;
    return at;
}

static void stop_holding(struct keep *k)
{
    free(k->held), free(k->arena);
    k->held = NULL, k->arena = NULL;
    k->arena_len = k->arena_cap = 0;
    k->holding = false;
}

/* Holds row k->n (the one just kept) unless the held rows would pass the budget. */
static void hold(struct keep *k, const struct target_item *it, const struct monitor_row *r)
{
    const struct quarter_progress *q = &it->q[k->quarter - 1];
    size_t texts = strlen(it->code) + strlen(it->name) + 2 +
                   (q->deviation ? strlen(q->deviation) + 1 : 0) +
                   (q->action ? strlen(q->action) + 1 : 0);
    if ((k->n + 1) * sizeof *k->held + k->arena_len + texts > hold_budget) {
        stop_holding(k);
        return;
    }
    struct held *h = &k->held[k->n];
    h->row = *r;
    h->q = *q;
    h->q.note = NULL;
    h->code = arena_put(k, it->code);
    h->name = arena_put(k, it->name);
    h->q.deviation = (char *)(uintptr_t)(q->deviation ? arena_put(k, q->deviation) + 1 : 0);
    h->q.action = (char *)(uintptr_t)(q->action ? arena_put(k, q->action) + 1 : 0);
}

/* A held row's item as the sinks read it (its texts in the arena). */
static void held_item(const struct keep *k, const struct held *h, struct target_item *it)
{
    memset(it, 0, sizeof *it);
    it->unit_index = h->row.unit_index;
    it->code = k->arena + h->code;
    it->name = k->arena + h->name;
    struct quarter_progress *q = &it->q[k->quarter - 1];
    *q = h->q;
    uintptr_t dev = (uintptr_t)h->q.deviation, act = (uintptr_t)h->q.action;
    q->deviation = dev ? k->arena + dev - 1 : NULL;
    q->action = act ? k->arena + act - 1 : NULL;
}

/* A view of the header whose only item is `it` (the sink's yd). */
static struct year_data one_item(const struct year_data *yd, const struct target_item *it)
{
    struct year_data v = *yd;
    v.items = (struct target_item *)it;
    v.n_items = 1;
    return v;
}

static void keep_unit(void *ctx, const struct year_data *yd, size_t unit,
                      const struct target_item *items, const int64_t *rowids, size_t n)
{
    struct keep *k = ctx;
    if (n == 0 || !monitor_unit_passes(yd, unit, k->f))
        return;
    for (size_t i = 0; i < n; i++) {
        struct monitor_row r;
        monitor_item(&yd->scheme, &items[i], k->quarter, &r);
        if (monitor_row_rank(&r) < (k->f ? k->f->min_rank : 0))
            continue;
        if (k->n == k->cap) {
            k->cap = k->cap ? 2 * k->cap : 1024;
            k->keys = xreallocarray(k->keys, k->cap, sizeof *k->keys);
            k->rowids = xreallocarray(k->rowids, k->cap, sizeof *k->rowids);
            if (k->holding)
                k->held = xreallocarray(k->held, k->cap, sizeof *k->held);
        }
        if (k->holding)
            hold(k, &items[i], &r);
        monitor_row_key(&r, (uint32_t)k->n, &k->keys[k->n]);
        k->rowids[k->n++] = rowids[i];
        if (k->sink->measure) {
            struct year_data v = one_item(yd, &items[i]);
            r.item_index = 0;
            k->sink->measure(k->sink->ctx, &v, &r);
        }
    }
}

/* The kept rows in key order to the sink: held, or read again by row id. */
static int emit_rows(struct app_monitor *m, const struct keep *k)
{
    for (size_t i = 0; i < k->n; i++) {
        struct target_item it;
        struct monitor_row r;
        if (k->holding) {
            held_item(k, &k->held[k->keys[i].seq], &it);
            r = k->held[k->keys[i].seq].row;
        } else {
            int rc = store_monitor_item(m->db, k->rowids[k->keys[i].seq], &it);
            if (rc != STORE_OK)
                return rc;
            monitor_item(&m->yd.scheme, &it, m->quarter, &r);
        }
        r.item_index = 0;
        struct year_data v = one_item(&m->yd, &it);
        k->sink->emit(k->sink->ctx, &v, &r);
        if (!k->holding)
            store_monitor_item_free(&it);
    }
    return STORE_OK;
}

int app_monitor_rows(struct app_monitor *m, const struct monitor_filter *f,
                     const struct app_monitor_sink *sink)
{
    struct keep k = {.f = f, .sink = sink, .quarter = m->quarter, .holding = true};
    int rc = store_monitor_stream(m->db, f ? f->unit : NULL, keep_unit, &k);
    if (rc == STORE_OK) {
        monitor_keys_sort(k.keys, k.n);
        if (sink->begin)
            sink->begin(sink->ctx, &m->yd, k.n);
        rc = emit_rows(m, &k);
    }
    free(k.keys), free(k.rowids);
    stop_holding(&k);
    return rc;
}

/* The summaries while the year is read. */
struct units {
    const struct monitor_filter *f;
    int quarter;
    struct monitor_unit *out;
    size_t n;
};

static void sum_unit(void *ctx, const struct year_data *yd, size_t unit,
                     const struct target_item *items, const int64_t *rowids, size_t n)
{
    struct units *u = ctx;
    (void)rowids;
    if (n > 0 && monitor_unit_passes(yd, unit, u->f))
        monitor_unit_of(&yd->scheme, items, n, u->quarter, &u->out[u->n++]);
}

int app_monitor_units(struct app_monitor *m, const struct monitor_filter *f,
                      struct monitor_unit **out, size_t *n)
{
    struct units u = {.f = f, .quarter = m->quarter};
    u.out = m->yd.n_units ? xreallocarray(NULL, m->yd.n_units, sizeof *u.out) : NULL;
    int rc = store_monitor_stream(m->db, f ? f->unit : NULL, sum_unit, &u);
    if (rc != STORE_OK || u.n == 0) {
        free(u.out);
        u.out = NULL, u.n = 0;
    }
    *out = u.out;
    *n = u.n;
    return rc;
}

/* A quarter's warnings with copies of their items, and the unit summaries, while it is read. */
struct quarter_keep {
    struct monitor_quarter *mq;
    size_t cap_warns, cap_items;
};

/* The fields a screen shows of a warned item (the stream's copy dies with its unit). */
static void copy_item(const struct target_item *from, int quarter, struct target_item *to)
{
    *to = *from;
    to->code = xstrdup(from->code ? from->code : "");
    to->name = xstrdup(from->name ? from->name : "");
    to->category = to->measure = NULL;
    to->in_force = NULL; /* the row is evaluated already */
    memset(to->q, 0, sizeof to->q);
    struct quarter_progress *q = &to->q[quarter - 1];
    *q = from->q[quarter - 1]; /* whole: 双监控 writes the row back with it (ui/progress_notes.h) */
    q->note = q->note ? xstrdup(q->note) : NULL;
    q->deviation = q->deviation ? xstrdup(q->deviation) : NULL;
    q->action = q->action ? xstrdup(q->action) : NULL;
}

static void keep_quarter_unit(void *ctx, const struct year_data *yd, size_t unit,
                              const struct target_item *items, const int64_t *rowids, size_t n)
{
    struct quarter_keep *k = ctx;
    struct monitor_quarter *mq = k->mq;
    (void)rowids, (void)unit;
    if (n == 0)
        return;
    monitor_unit_of(&yd->scheme, items, n, mq->quarter, &mq->units[mq->n_units++]);
    for (size_t i = 0; i < n; i++) {
        struct monitor_row r;
        monitor_item(&yd->scheme, &items[i], mq->quarter, &r);
        if (monitor_row_rank(&r) < 1)
            continue;
        if (mq->n_warns == k->cap_warns) {
            k->cap_warns = k->cap_warns ? 2 * k->cap_warns : 256;
            mq->warns = xreallocarray(mq->warns, k->cap_warns, sizeof *mq->warns);
            mq->yd.items = xreallocarray(mq->yd.items, k->cap_warns, sizeof *mq->yd.items);
        }
        r.item_index = mq->yd.n_items;
        copy_item(&items[i], mq->quarter, &mq->yd.items[mq->yd.n_items++]);
        mq->warns[mq->n_warns++] = r;
    }
}

/* A quarter being read (app/monitor.h). */
struct monitor_quarter_read {
    struct store_monitor *db;
    struct monitor_quarter mq;
    struct quarter_keep k;
    size_t next; /* the first unit not read yet */
};

int app_monitor_quarter_start(struct store *st, int year, int quarter,
                              struct monitor_quarter_read **out)
{
    struct monitor_quarter_read *r = xcalloc(1, sizeof *r);
    r->mq.quarter = quarter;
    int rc = store_monitor_open(st, year, quarter, &r->mq.yd, &r->db);
    if (rc != STORE_OK) {
        free(r);
        *out = NULL;
        return rc;
    }
    r->k.mq = &r->mq;
    r->mq.units = xreallocarray(NULL, r->mq.yd.n_units ? r->mq.yd.n_units : 1, sizeof *r->mq.units);
    *out = r;
    return STORE_OK;
}

void app_monitor_quarter_release(struct monitor_quarter_read *r)
{
    store_monitor_release(r->db);
}

/* The warnings in monitor_sort's order: they were kept in (unit code, item code) order, the
 * order of the stream, so their place is the key's seq and a radix sort of the keys orders
 * them without comparing codes. */
static void sort_warnings(struct monitor_quarter *mq)
{
    size_t n = mq->n_warns;
    struct monitor_key *keys = xreallocarray(NULL, n ? n : 1, sizeof *keys);
    for (size_t i = 0; i < n; i++)
        monitor_row_key(&mq->warns[i], (uint32_t)i, &keys[i]);
    monitor_keys_sort(keys, n);
    struct monitor_row *sorted = xreallocarray(NULL, n ? n : 1, sizeof *sorted);
    for (size_t i = 0; i < n; i++)
        sorted[i] = mq->warns[keys[i].seq];
    free(mq->warns), free(keys);
    mq->warns = sorted;
}

int app_monitor_quarter_part(struct monitor_quarter_read *r, size_t max_items, bool *done)
{
    int rc = store_monitor_stream_part(r->db, &r->next, max_items, keep_quarter_unit, &r->k);
    *done = rc == STORE_OK && r->next >= r->mq.yd.n_units;
    return rc;
}

void app_monitor_quarter_finish(struct monitor_quarter_read *r, struct monitor_quarter *out)
{
    store_monitor_close(r->db);
    sort_warnings(&r->mq);
    *out = r->mq;
    free(r);
}

void app_monitor_quarter_cancel(struct monitor_quarter_read *r)
{
    if (!r)
        return;
    store_monitor_close(r->db);
    app_monitor_quarter_free(&r->mq);
    free(r);
}

int app_monitor_quarter(struct store *st, int year, int quarter, struct monitor_quarter *out)
{
    memset(out, 0, sizeof *out);
    struct monitor_quarter_read *r;
    int rc = app_monitor_quarter_start(st, year, quarter, &r);
    bool done = false;
    if (rc == STORE_OK)
        rc = app_monitor_quarter_part(r, 0, &done); /* in the read transaction of the start */
    if (rc != STORE_OK) {
        app_monitor_quarter_cancel(r);
        return rc;
    }
    app_monitor_quarter_finish(r, out);
    return STORE_OK;
}

void app_monitor_quarter_free(struct monitor_quarter *mq)
{
    /* the items are the copies above: year_data_free frees their texts as a loaded year's */
    year_data_free(&mq->yd);
    free(mq->warns), free(mq->units);
    memset(mq, 0, sizeof *mq);
}
