/* Field work: the conflicts a merge kept for a person, listed and resolved (docs/field.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/field_internal.h"
#include "db/store_internal.h"
#include "model/xmalloc.h"

int field_conflicts(struct store *st, bool all, field_conflict_fn fn, void *ctx)
{
    /* The unit: in the key of most tables; a ledger record or rectification (keyed by id)
     * names it in its row, on either side or still in the table. */
    sqlite3_stmt *s = store_prepare(
        st, "SELECT c.id, json_extract(a.new, '$.label'), c.tbl, c.row_key, c.kind, c.checkout,"
            " c.county, c.laptop, c.status, COALESCE(json_extract(c.pk, '$.unit'),"
            " CASE c.tbl WHEN 'unit' THEN json_extract(c.pk, '$.code') END,"
            " json_extract(c.county, '$.unit'), json_extract(c.laptop, '$.unit'),"
            " json_extract(c.checkout, '$.unit'),"
            " CASE c.tbl WHEN 'ledger' THEN (SELECT unit FROM ledger WHERE id = json_extract(c.pk, '$.id'))"
            " WHEN 'rectification' THEN (SELECT unit FROM rectification"
            " WHERE id = json_extract(c.pk, '$.id')) END) FROM field_conflict c"
            " LEFT JOIN audit_tx t ON t.id = c.merge"
            " LEFT JOIN audit_change a ON a.tx = t.n AND a.tbl = 'field_merge'"
            " WHERE ?1 OR c.status = 'open' ORDER BY c.id");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, all);
    int n = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct field_conflict c = {.id = sqlite3_column_int64(s, 0)};
        const char **f[] = {&c.label,  &c.table,  &c.key,    &c.kind, &c.checkout,
                            &c.county, &c.laptop, &c.status, &c.unit};
        for (int i = 0; i < 9; i++)
            *f[i] = (const char *)sqlite3_column_text(s, i + 1);
        fn(ctx, &c);
        n++;
    }
    if (rc != SQLITE_DONE)
        n = store_fail_sqlite(st, "读取冲突");
    sqlite3_finalize(s);
    return n;
}

long field_open_conflicts(struct store *st)
{
    return store_query_int(st, "SELECT count(*) FROM field_conflict WHERE status = 'open'", NULL,
                           NULL);
}

/* "col" = json_extract(?N, '$."col"') for each column of the table that the JSON object
 * names, joined by sep. Only the table's own column names go into the SQL. */
static void column_terms(sqlite3 *db, const char *table, const char *json, int param,
                         const char *sep, struct field_buf *out)
{
    int n = 0;
    char **cols = field_cols(db, table, &n);
    sqlite3_stmt *s = NULL;
    sqlite3_prepare_v2(db, "SELECT json_type(?1, '$.\"' || ?2 || '\"') IS NOT NULL", -1, &s, NULL);
    size_t start = out->len;
    for (int i = 0; s && i < n; i++) {
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, json, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, cols[i], -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0))
            field_buf_addf(out, "%s\"%w\" = json_extract(?%d, '$.\"%w\"')",
                           out->len > start ? sep : "", cols[i], param, cols[i]);
    }
    sqlite3_finalize(s);
    field_cols_free(cols, n);
}

/* Writes the laptop's side of a conflict onto the county row. */
static int keep_laptop(struct store *st, const char *table, const char *kind, const char *pk,
                       const char *county, const char *laptop)
{
    sqlite3 *db = store_db(st);
    if (strcmp(kind, "update") == 0 && !county)
        return store_fail(st, STORE_INVALID,
                          "县里已删除这一行, 笔记本只带来了改动的字段, 无法整行恢复;"
                          " 请保留县里的结果 (--keep county) 后重新录入");
    struct field_buf sql = {0}, where = {0};
    column_terms(db, table, pk, 1, " AND ", &where);
    if (!laptop) {
        field_buf_addf(&sql, "DELETE FROM \"%w\" WHERE %s", table, where.s);
    } else {
        struct field_buf set = {0};
        column_terms(db, table, laptop, 2, ", ", &set);
        field_buf_addf(&sql, "UPDATE \"%w\" SET %s WHERE %s", table, set.s ? set.s : "", where.s);
        free(set.s);
    }
    sqlite3_stmt *s = where.s ? store_prepare(st, sql.s) : NULL;
    free(sql.s), free(where.s);
    if (!s)
        return STORE_ERROR;
    bind_text(s, 1, pk);
    if (laptop)
        bind_text(s, 2, laptop);
    return store_step_done(st, s, "采用笔记本的值");
}

static int mark_resolved(struct store *st, long id, bool laptop)
{
    sqlite3_stmt *s = store_prepare(
        st, "UPDATE field_conflict SET status = ?2, resolved_by = kp_operator(),"
            " resolved_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, laptop ? "laptop" : "county", -1, SQLITE_STATIC);
    int rc = store_step_done(st, s, "记录冲突的处理");
    if (rc != STORE_OK)
        return rc;
    /* The decision itself is audited: who chose which side. */
    s = store_prepare(
        st, "INSERT INTO audit_change(tx, tbl, row_key, action, shape, old, new, unit)"
            " SELECT kp_tx(), 'field_conflict', id, 'update', NULL, json_object('status', 'open'),"
            " json_object('status', status, 'tbl', tbl, 'row_key', row_key), NULL"
            " FROM field_conflict WHERE id = ?1");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int64(s, 1, id);
    return store_step_done(st, s, "记录冲突的处理");
}

static int resolve_in_tx(struct store *st, long id, bool laptop)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT tbl, kind, pk, county, laptop, status FROM field_conflict WHERE id = ?1");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int64(s, 1, id);
    int rc;
    if (sqlite3_step(s) != SQLITE_ROW) {
        rc = store_fail(st, STORE_NOTFOUND, "没有编号为 %ld 的冲突", id);
    } else if (strcmp((const char *)sqlite3_column_text(s, 5), "open") != 0) {
        rc = store_fail(st, STORE_INVALID, "冲突 %ld 已经处理过", id);
    } else {
        rc = STORE_OK;
        if (laptop)
            rc = keep_laptop(st, (const char *)sqlite3_column_text(s, 0),
                             (const char *)sqlite3_column_text(s, 1),
                             (const char *)sqlite3_column_text(s, 2),
                             (const char *)sqlite3_column_text(s, 3),
                             (const char *)sqlite3_column_text(s, 4));
        if (rc == STORE_OK)
            rc = mark_resolved(st, id, laptop);
    }
    sqlite3_finalize(s);
    return rc;
}

int field_resolve(struct store *st, long id, bool keep_laptop_side)
{
    int rc = store_begin(st);
    if (rc != STORE_OK)
        return rc;
    return store_end(st, resolve_in_tx(st, id, keep_laptop_side));
}
