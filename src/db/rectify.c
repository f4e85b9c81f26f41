/* Rectification records. Ids are random 128-bit hex (records raised on several laptops never
 * collide); operators may type a unique prefix, as with git hashes. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/rectify.h"
#include "db/store_internal.h"
#include "model/calendar.h"
#include "model/xmalloc.h"

#define RECT_COLUMNS                                                                               \
    "id, year, unit, text, deadline, status, source_item, source_quarter, source_ledger,"          \
    " created_at, closed_at, close_note, carried_from"

static void copy_col(char *dst, size_t dstsz, sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    snprintf(dst, dstsz, "%s", t ? (const char *)t : "");
}

static void read_row(sqlite3_stmt *s, struct rectification *r)
{
    memset(r, 0, sizeof *r);
    copy_col(r->id, sizeof r->id, s, 0);
    r->year = sqlite3_column_int(s, 1);
    copy_col(r->unit, sizeof r->unit, s, 2);
    r->text = column_strdup(s, 3);
    copy_col(r->deadline, sizeof r->deadline, s, 4);
    const unsigned char *status = sqlite3_column_text(s, 5);
    r->status = status && strcmp((const char *)status, "done") == 0 ? RECT_DONE : RECT_OPEN;
    copy_col(r->source_item, sizeof r->source_item, s, 6);
    r->source_quarter = sqlite3_column_int(s, 7);
    copy_col(r->source_ledger, sizeof r->source_ledger, s, 8);
    copy_col(r->created, sizeof r->created, s, 9);
    copy_col(r->closed, sizeof r->closed, s, 10);
    r->close_note = column_strdup(s, 11);
    copy_col(r->carried_from, sizeof r->carried_from, s, 12);
}

/* 1 when the query (parameters ?1 year, ?2 unit, ?3 extra text, as many as it uses)
 * returns a row, 0 when not, -1 on error. */
static int exists(struct store *st, const char *sql, int year, const char *unit, const char *extra)
{
    sqlite3_stmt *s = store_prepare(st, sql);
    if (!s)
        return -1;
    int params = sqlite3_bind_parameter_count(s);
    sqlite3_bind_int(s, 1, year);
    if (params >= 2)
        bind_text(s, 2, unit);
    if (params >= 3)
        bind_text(s, 3, extra);
    int rc = sqlite3_step(s);
    int out = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
    if (out < 0)
        store_fail_sqlite(st, "查询");
    sqlite3_finalize(s);
    return out;
}

static int check_fields(struct store *st, const struct rectification *r)
{
    if (!r->text || !*r->text)
        return store_fail(st, STORE_INVALID, "整改事项不能为空");
    if (!calendar_date_text_valid(r->deadline))
        return store_fail(st, STORE_INVALID, "整改期限应为 YYYY-MM-DD 格式的有效日期: %s",
                          r->deadline);
    if (!calendar_date_text_valid(r->created))
        return store_fail(st, STORE_INVALID, "登记日期应为 YYYY-MM-DD 格式的有效日期: %s",
                          r->created);
    if (r->source_item[0] && r->source_ledger[0])
        return store_fail(st, STORE_INVALID, "整改来源只能是一个指标或一条台账记录, 不能同时指定");
    if (r->source_item[0] && (r->source_quarter < 1 || r->source_quarter > KP_QUARTERS))
        return store_fail(st, STORE_INVALID, "来源指标需要季度 1 到 4");
    if (!r->source_item[0] && r->source_quarter)
        return store_fail(st, STORE_INVALID, "指定了季度但没有来源指标");
    return STORE_OK;
}

static bool normalise_prefix(const char *id, char buf[KP_ID_LEN + 1]);

/* Completes r->source_ledger, the full id or a unique prefix (as `rectify list` shows 8
 * characters), among the ledger records of the unit and year. */
static int resolve_ledger(struct store *st, struct rectification *r)
{
    char prefix[KP_ID_LEN + 1];
    if (!normalise_prefix(r->source_ledger, prefix))
        return store_fail(st, STORE_INVALID, "台账编号应为至少 %d 位的十六进制编号 (或其前缀): %s",
                          RECT_ID_MIN_PREFIX, r->source_ledger);
    sqlite3_stmt *s = store_prepare(st, "SELECT id FROM ledger WHERE year = ?1 AND unit = ?2"
                                        " AND substr(id, 1, length(?3)) = ?3 ORDER BY id LIMIT 2");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, r->year);
    bind_text(s, 2, r->unit);
    bind_text(s, 3, prefix);
    int found = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (found++ == 0)
            snprintf(r->source_ledger, sizeof r->source_ledger, "%s",
                     (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail_sqlite(st, "查询");
    if (found == 0)
        return store_fail(st, STORE_INVALID, "%d 年度单位 %s 没有台账记录 %s", r->year, r->unit,
                          prefix);
    if (found > 1)
        return store_fail(st, STORE_INVALID, "台账编号前缀 %s 对应多条记录, 请输入更长的编号",
                          prefix);
    return STORE_OK;
}

/* The references: year, unit, source item or ledger record (completed from a prefix). */
static int check_references(struct store *st, struct rectification *r)
{
    int e = exists(st, "SELECT 1 FROM year WHERE year = ?1", r->year, NULL, NULL);
    if (e == 0)
        return store_fail(st, STORE_INVALID, "%d 年度不存在", r->year);
    if (e > 0)
        e = exists(st, "SELECT 1 FROM unit WHERE code = ?2", r->year, r->unit, NULL);
    if (e == 0)
        return store_fail(st, STORE_INVALID, "单位 %s 不存在", r->unit);
    if (e > 0 && r->source_item[0]) {
        e = exists(st, "SELECT 1 FROM target WHERE year = ?1 AND unit = ?2 AND item = ?3", r->year,
                   r->unit, r->source_item);
        if (e == 0)
            return store_fail(st, STORE_INVALID, "%d 年度单位 %s 没有指标 %s", r->year, r->unit,
                              r->source_item);
    }
    if (e > 0 && r->source_ledger[0])
        return resolve_ledger(st, r);
    return e < 0 ? STORE_ERROR : STORE_OK;
}

static const char *opt(const char *s)
{
    return s && *s ? s : NULL;
}

int store_rectify_add(struct store *st, struct rectification *r)
{
    int rc = check_fields(st, r);
    if (rc == STORE_OK)
        rc = check_references(st, r);
    if (rc != STORE_OK)
        return rc;
    store_new_id(r->id);
    r->status = RECT_OPEN;
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO rectification(id, year, unit, text, deadline,"
                                        " status, source_item, source_quarter, source_ledger,"
                                        " created_at) VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7,"
                                        " ?8, ?9)");
    if (!s)
        return STORE_ERROR;
    bind_text(s, 1, r->id);
    sqlite3_bind_int(s, 2, r->year);
    bind_text(s, 3, r->unit);
    bind_text(s, 4, r->text);
    bind_text(s, 5, r->deadline);
    bind_text(s, 6, opt(r->source_item));
    if (r->source_quarter)
        sqlite3_bind_int(s, 7, r->source_quarter);
    bind_text(s, 8, opt(r->source_ledger));
    bind_text(s, 9, r->created);
    return store_step_done(st, s, "登记整改");
}

int store_rectify_list(struct store *st, int year, const char *unit, enum rect_filter f,
                       const char *today, struct rectification **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s =
        store_prepare(st, "SELECT " RECT_COLUMNS " FROM rectification"
                          " WHERE year = ?1 AND (?2 IS NULL OR unit = ?2)"
                          " AND (?3 = 0 OR status = 'open')"
                          " AND (?4 IS NULL OR deadline < ?4)"
                          " ORDER BY status = 'done', deadline, unit, created_at, id");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, unit);
    sqlite3_bind_int(s, 3, f != RECT_FILTER_ALL);
    bind_text(s, 4, f == RECT_FILTER_OVERDUE ? today : NULL);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            *out = xreallocarray(*out, cap, sizeof **out);
        }
        read_row(s, &(*out)[(*n)++]);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        store_free_rectifications(*out, *n);
        *out = NULL, *n = 0;
        return store_fail_sqlite(st, "读取整改记录");
    }
    return STORE_OK;
}

/* Lowercases a hex prefix into buf; false when it is not 6..32 hex characters. */
static bool normalise_prefix(const char *id, char buf[KP_ID_LEN + 1])
{
    size_t len = id ? strlen(id) : 0;
    if (len < RECT_ID_MIN_PREFIX || len > KP_ID_LEN)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (!isxdigit((unsigned char)id[i]))
            return false;
        buf[i] = (char)tolower((unsigned char)id[i]);
    }
    buf[len] = '\0';
    return true;
}

int store_rectify_get(struct store *st, const char *id, struct rectification *out)
{
    memset(out, 0, sizeof *out);
    char prefix[KP_ID_LEN + 1];
    if (!normalise_prefix(id, prefix))
        return store_fail(st, STORE_INVALID, "整改编号应为至少 %d 位的十六进制编号 (或其前缀): %s",
                          RECT_ID_MIN_PREFIX, id ? id : "");
    sqlite3_stmt *s =
        store_prepare(st, "SELECT " RECT_COLUMNS " FROM rectification"
                          " WHERE substr(id, 1, length(?1)) = ?1 ORDER BY id LIMIT 2");
    if (!s)
        return STORE_ERROR;
    bind_text(s, 1, prefix);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        read_row(s, out);
        rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            sqlite3_finalize(s);
            rectification_clear(out);
            return store_fail(st, STORE_INVALID, "编号前缀 %s 对应多条整改记录, 请输入更长的编号",
                              prefix);
        }
        sqlite3_finalize(s);
        return rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取整改记录");
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail_sqlite(st, "读取整改记录");
    return store_fail(st, STORE_NOTFOUND, "整改记录 %s 不存在", prefix);
}

int store_rectify_done(struct store *st, const char *id, const char *closed, const char *note)
{
    if (!note || !*note)
        return store_fail(st, STORE_INVALID, "完成整改需要说明 (--note)");
    if (!calendar_date_text_valid(closed))
        return store_fail(st, STORE_INVALID, "完成日期应为 YYYY-MM-DD 格式的有效日期: %s",
                          closed ? closed : "");
    struct rectification r;
    int rc = store_rectify_get(st, id, &r);
    if (rc != STORE_OK)
        return rc;
    if (r.status == RECT_DONE) {
        rc = store_fail(st, STORE_INVALID, "整改记录 %.8s 已于 %s 完成", r.id, r.closed);
        rectification_clear(&r);
        return rc;
    }
    sqlite3_stmt *s = store_prepare(st, "UPDATE rectification SET status = 'done', closed_at = ?2,"
                                        " close_note = ?3 WHERE id = ?1 AND status = 'open'");
    if (s) {
        bind_text(s, 1, r.id);
        bind_text(s, 2, closed);
        bind_text(s, 3, note);
    }
    rc = store_step_done(st, s, "完成整改");
    rectification_clear(&r);
    return rc;
}

void store_free_rectifications(struct rectification *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rectification_clear(&r[i]);
    free(r);
}
