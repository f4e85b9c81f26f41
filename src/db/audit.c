/* Audit log queries. */
#include <stdlib.h>

#include "db/audit.h"
#include "db/store_internal.h"
#include "model/xmalloc.h"

/* The stored time (UTC, "2026-12-02T14:15:03.123Z") as the operator's local time with its
 * offset, "2026-12-02 22:15:03 +08:00" (the C library's zone: TZ, else /etc/localtime).
 * Stored times stay UTC: they sort and chain the same on every laptop. */
#define AUDIT_OFFSET_MIN                                                                           \
    "CAST(round((julianday(t.at, 'localtime') - julianday(t.at)) * 1440) AS INTEGER)"
#define AUDIT_LOCAL_AT                                                                         \
    "CASE WHEN julianday(t.at) IS NULL THEN t.at ELSE strftime('%Y-%m-%d %H:%M:%S',"\
    " t.at, 'localtime')"                                                                          \
    " || printf(' %s%02d:%02d', iif(" AUDIT_OFFSET_MIN " < 0, '-', '+'), abs(" AUDIT_OFFSET_MIN   \
    ") / 60, abs(" AUDIT_OFFSET_MIN ") % 60) END"

/* From the headers and rows (docs/store.md, "The audit log"): a row shows its transaction's
 * time and operator. Newest first: by the header's time, then the chain's order, read from
 * the newest header down (its index on time) so a LIMIT stops early. A row without a header
 * (another program wrote it straight into audit_change) is not listed; verify reports it. */
#define AUDIT_SELECT                                                                               \
    "SELECT " AUDIT_LOCAL_AT ", t.operator, " AUDIT_TBL ", c.row_key, c.action, "           \
    AUDIT_VALUES("old") ", " AUDIT_VALUES("new")
/* The whole log, newest header first: each header's rows read as one stretch of the table
 * between its first and last row (in order, no lookup per row through the index on tx: a
 * table filter that walks the whole log reads it 2-3 times faster). */
#define AUDIT_FROM                                                                                 \
    " FROM audit_tx t CROSS JOIN audit_change c ON c.rowid BETWEEN (SELECT min(rowid) FROM"        \
    " audit_change WHERE tx = t.n) AND (SELECT max(rowid) FROM audit_change WHERE tx = t.n)"       \
    " AND +c.tx = t.n WHERE"
/* A unit's rows through the partial index on audit_change.unit (its own key for the unit
 * table, the row's unit column otherwise); '*' marks the rare update that moved a row to
 * another unit, whose old and new values are looked at. The rows first, then their headers. */
#define AUDIT_OF_UNIT                                                                              \
    " FROM audit_change c CROSS JOIN audit_tx t ON t.n = c.tx WHERE c.rowid IN (SELECT rowid FROM" \
    " audit_change WHERE unit = ?1 UNION ALL SELECT rowid FROM audit WHERE unit = '*' AND"         \
    " ((json_valid(new) AND json_extract(new, '$.unit') = ?1) OR (json_valid(old) AND"            \
    " json_extract(old, '$.unit') = ?1))) AND"
/* One row's history (a table and a key, audit_filter.row_key): its few rows first, through
 * the index of the rows without a unit (schema v14: a year's, a scheme's ...) and the unit
 * index for a unit's own row, then their headers. */
#define AUDIT_OF_ROW                                                                               \
    " FROM audit_change c CROSS JOIN audit_tx t ON t.n = c.tx WHERE c.rowid IN (SELECT rowid FROM" \
    " audit_change WHERE unit IS NULL AND row_key = ?6 UNION ALL SELECT rowid FROM audit_change"   \
    " WHERE unit = ?6 AND row_key = ?6) AND"
/* The filters. The table is tested on the row's own columns, as AUDIT_TBL names it (its
 * name, else its shape's table) without a lookup per row: the shape first, against the range
 * of that table's shape ids (?7, ?8: most rows are out of it), then the list of them. */
#define AUDIT_REST                                                                                 \
    " (?2 IS NULL OR (c.shape BETWEEN ?7 AND ?8 AND c.shape IN (SELECT id FROM audit_shape WHERE"  \
    " tbl = ?2) AND c.tbl IS NULL) OR c.tbl = ?2)"                                                 \
    " AND (?3 IS NULL OR date(t.at, 'localtime') >= ?3)"                                          \
    " AND (?4 IS NULL OR date(t.at, 'localtime') <= ?4)"                                          \
    " ORDER BY t.at DESC, t.n DESC, c.rowid DESC LIMIT ?5"

/* Which rows a filter reaches first: the unit's, one row's, or the whole log. */
enum reach { REACH_LOG, REACH_UNIT, REACH_ROW };

static enum reach reach_of(const struct audit_filter *f)
{
    if (f->unit && *f->unit)
        return REACH_UNIT;
    return f->table && *f->table && f->row_key ? REACH_ROW : REACH_LOG;
}

/* The rows (what they show) and their ids (which, in order), for each reach. */
static const char *const rows_sql[] = {AUDIT_SELECT AUDIT_FROM AUDIT_REST,
                                       AUDIT_SELECT AUDIT_OF_UNIT AUDIT_REST,
                                       AUDIT_SELECT AUDIT_OF_ROW AUDIT_REST};
static const char *const ids_sql[] = {"SELECT c.rowid" AUDIT_FROM AUDIT_REST,
                                      "SELECT c.rowid" AUDIT_OF_UNIT AUDIT_REST,
                                      "SELECT c.rowid" AUDIT_OF_ROW AUDIT_REST};

/* ?7, ?8: the least and the greatest shape id of the table (NULL when it has none). */
static int bind_shape_range(struct store *st, sqlite3_stmt *s, const char *table)
{
    sqlite3_stmt *q = store_prepare(st, "SELECT min(id), max(id) FROM audit_shape WHERE tbl = ?1");
    if (!q)
        return STORE_ERROR;
    bind_text(q, 1, table);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        sqlite3_bind_value(s, 7, sqlite3_column_value(q, 0));
        sqlite3_bind_value(s, 8, sqlite3_column_value(q, 1));
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? STORE_OK : store_fail_sqlite(st, "读取审计日志");
}

static sqlite3_stmt *prepare_filtered(struct store *st, const struct audit_filter *f,
                                      const char *const sql[])
{
    enum reach r = reach_of(f);
    sqlite3_stmt *s = store_prepare(st, sql[r]);
    if (!s)
        return NULL;
    bind_text(s, 1, f->unit && *f->unit ? f->unit : NULL);
    bind_text(s, 2, f->table && *f->table ? f->table : NULL);
    bind_text(s, 3, f->since && *f->since ? f->since : NULL);
    bind_text(s, 4, f->until && *f->until ? f->until : NULL);
    sqlite3_bind_int64(s, 5, f->limit ? (sqlite3_int64)f->limit : -1);
    if (r == REACH_ROW)
        bind_text(s, 6, f->row_key);
    if (f->table && *f->table && bind_shape_range(st, s, f->table) != STORE_OK) {
        sqlite3_finalize(s);
        return NULL;
    }
    return s;
}

static const char *text(sqlite3_stmt *s, int col)
{
    return (const char *)sqlite3_column_text(s, col);
}

static void view_of(sqlite3_stmt *s, struct audit_row_view *r)
{
    *r = (struct audit_row_view){text(s, 0), text(s, 1), text(s, 2), text(s, 3),
                                 text(s, 4), text(s, 5), text(s, 6)};
}

int store_audit_each(struct store *st, const struct audit_filter *f, audit_row_fn fn, void *ctx)
{
    sqlite3_stmt *s = prepare_filtered(st, f, rows_sql);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct audit_row_view r;
        view_of(s, &r);
        fn(ctx, &r);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取审计日志");
}

struct collected {
    struct audit_row *rows;
    size_t n, cap;
};

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static struct audit_row row_of(const struct audit_row_view *v)
{
    return (struct audit_row){dup_or_null(v->at),      dup_or_null(v->operator_name),
                              dup_or_null(v->table),   dup_or_null(v->row_key),
                              dup_or_null(v->action),  dup_or_null(v->old_json),
                              dup_or_null(v->new_json)};
}

static void collect(void *ctx, const struct audit_row_view *v)
{
    struct collected *c = ctx;
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 64;
        c->rows = xreallocarray(c->rows, c->cap, sizeof *c->rows);
    }
    c->rows[c->n++] = row_of(v);
}

int store_audit_query(struct store *st, const struct audit_filter *f, struct audit_row **rows,
                      size_t *n)
{
    struct collected c = {0};
    int rc = store_audit_each(st, f, collect, &c);
    if (rc != STORE_OK) {
        store_free_audit(c.rows, c.n);
        c.rows = NULL, c.n = 0;
    }
    *rows = c.rows;
    *n = c.n;
    return rc;
}

int store_audit_ids(struct store *st, const struct audit_filter *f, long long **ids, size_t *n)
{
    *ids = NULL, *n = 0;
    sqlite3_stmt *s = prepare_filtered(st, f, ids_sql);
    if (!s)
        return STORE_ERROR;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 256;
            *ids = xreallocarray(*ids, cap, sizeof **ids);
        }
        (*ids)[(*n)++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        return STORE_OK;
    free(*ids);
    *ids = NULL, *n = 0;
    return store_fail_sqlite(st, "读取审计日志");
}

int store_audit_rows(struct store *st, const long long *ids, size_t n, struct audit_row *rows)
{
    sqlite3_stmt *s = store_prepare(st, AUDIT_SELECT " FROM audit_change c CROSS JOIN audit_tx t"
                                        " ON t.n = c.tx WHERE c.rowid = ?1");
    if (!s)
        return STORE_ERROR;
    size_t i = 0;
    int rc = SQLITE_ROW;
    for (; i < n && rc == SQLITE_ROW; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, ids[i]);
        if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            struct audit_row_view v;
            view_of(s, &v);
            rows[i] = row_of(&v);
        }
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return STORE_OK;
    store_free_audit_rows(rows, i - 1);
    if (rc == SQLITE_DONE)
        return store_fail(st, STORE_NOTFOUND, "审计日志第 %lld 条已不在", ids[i - 1]);
    return store_fail_sqlite(st, "读取审计日志");
}

void store_free_audit_rows(struct audit_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct audit_row *r = &rows[i];
        free(r->at), free(r->operator_name), free(r->table), free(r->row_key), free(r->action);
        free(r->old_json), free(r->new_json);
        *r = (struct audit_row){0};
    }
}

void store_free_audit(struct audit_row *rows, size_t n)
{
    store_free_audit_rows(rows, n);
    free(rows);
}
