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
#define AUDIT_FROM " FROM audit_tx t CROSS JOIN audit_change c ON c.tx = t.n WHERE"
/* A unit's rows through the partial index on audit_change.unit (its own key for the unit
 * table, the row's unit column otherwise); '*' marks the rare update that moved a row to
 * another unit, whose old and new values are looked at. The rows first, then their headers. */
#define AUDIT_OF_UNIT                                                                              \
    " FROM audit_change c CROSS JOIN audit_tx t ON t.n = c.tx WHERE c.rowid IN (SELECT rowid FROM" \
    " audit_change WHERE unit = ?1 UNION ALL SELECT rowid FROM audit WHERE unit = '*' AND"         \
    " ((json_valid(new) AND json_extract(new, '$.unit') = ?1) OR (json_valid(old) AND"            \
    " json_extract(old, '$.unit') = ?1))) AND"
#define AUDIT_REST                                                                                 \
    " (?2 IS NULL OR " AUDIT_TBL " = ?2)"                                                                  \
    " AND (?3 IS NULL OR date(t.at, 'localtime') >= ?3)"                                          \
    " AND (?4 IS NULL OR date(t.at, 'localtime') <= ?4)"                                          \
    " ORDER BY t.at DESC, t.n DESC, c.rowid DESC LIMIT ?5"

int store_audit_query(struct store *st, const struct audit_filter *f, struct audit_row **rows,
                      size_t *n)
{
    *rows = NULL;
    *n = 0;
    sqlite3_stmt *s = store_prepare(st, f->unit && *f->unit ? AUDIT_SELECT AUDIT_OF_UNIT AUDIT_REST
                                                            : AUDIT_SELECT AUDIT_FROM AUDIT_REST);
    if (!s)
        return STORE_ERROR;
    bind_text(s, 1, f->unit && *f->unit ? f->unit : NULL);
    bind_text(s, 2, f->table && *f->table ? f->table : NULL);
    bind_text(s, 3, f->since && *f->since ? f->since : NULL);
    bind_text(s, 4, f->until && *f->until ? f->until : NULL);
    sqlite3_bind_int64(s, 5, f->limit ? (sqlite3_int64)f->limit : -1);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            *rows = xreallocarray(*rows, cap, sizeof **rows);
        }
        struct audit_row *r = &(*rows)[(*n)++];
        r->at = column_strdup(s, 0);
        r->operator_name = column_strdup(s, 1);
        r->table = column_strdup(s, 2);
        r->row_key = column_strdup(s, 3);
        r->action = column_strdup(s, 4);
        r->old_json = column_strdup(s, 5);
        r->new_json = column_strdup(s, 6);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        store_free_audit(*rows, *n);
        *rows = NULL, *n = 0;
        return store_fail_sqlite(st, "读取审计日志");
    }
    return STORE_OK;
}

void store_free_audit(struct audit_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct audit_row *r = &rows[i];
        free(r->at), free(r->operator_name), free(r->table), free(r->row_key), free(r->action);
        free(r->old_json), free(r->new_json);
    }
    free(rows);
}
