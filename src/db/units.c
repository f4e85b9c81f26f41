/* Units and public appraisals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store_internal.h"
#include "db/units.h"
#include "model/xmalloc.h"

static void fill_unit(sqlite3_stmt *s, struct unit *u)
{
    memset(u, 0, sizeof *u);
    u->code = column_strdup(s, 0);
    u->name = column_strdup(s, 1);
    u->pool = column_strdup(s, 2);
    u->parent = column_strdup(s, 3);
    u->leader = column_strdup(s, 4);
}

int store_unit_get(struct store *st, const char *code, struct unit *out)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT code, name, pool, parent, leader FROM unit WHERE code = ?1");
    if (!s)
        return STORE_ERROR;
    bind_text(s, 1, code);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        fill_unit(s, out);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return STORE_OK;
    return rc == SQLITE_DONE ? store_fail(st, STORE_NOTFOUND, "单位 %s 不存在", code)
                             : store_fail_sqlite(st, "读取单位");
}

static void bind_unit(sqlite3_stmt *s, const void *ctx)
{
    const struct unit *u = ctx;
    bind_text(s, 1, u->code);
    bind_text(s, 2, u->name);
    bind_text(s, 3, u->pool);
    bind_text(s, 4, u->parent && *u->parent ? u->parent : NULL);
    bind_text(s, 5, u->leader && *u->leader ? u->leader : NULL);
}

int store_unit_put(struct store *st, const struct unit *u, enum store_put *res)
{
    return store_upsert(st, "SELECT count(*) FROM unit WHERE code = ?1",
                        "INSERT INTO unit(code, name, pool, parent, leader) VALUES (?1, ?2, ?3, ?4, ?5)"
                        " ON CONFLICT(code) DO UPDATE SET (name, pool, parent, leader) = (?2, ?3, ?4, ?5)"
                        " WHERE (name, pool, parent, leader) IS NOT (?2, ?3, ?4, ?5)",
                        bind_unit, u, res, "保存单位");
}

static void bind_code(sqlite3_stmt *s, const void *ctx)
{
    bind_text(s, 1, ctx);
}

int store_unit_delete(struct store *st, const char *code)
{
    static const struct {
        const char *sql, *what;
    } refs[] = {
        {"SELECT count(*) FROM target WHERE unit = ?1", "条任务书指标"},
        {"SELECT count(*) FROM ledger WHERE unit = ?1", "条加减分记录"},
        {"SELECT count(*) FROM appraisal WHERE unit = ?1", "条公众评议"},
        {"SELECT count(*) FROM rectification WHERE unit = ?1", "条整改记录"},
        {"SELECT count(*) FROM unit WHERE parent = ?1", "个下级单位"},
    };
    if (store_query_int(st, "SELECT count(*) FROM unit WHERE code = ?1", bind_code, code) <= 0)
        return store_fail(st, STORE_NOTFOUND, "单位 %s 不存在", code);
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        long long n = store_query_int(st, refs[i].sql, bind_code, code);
        if (n < 0)
            return STORE_ERROR;
        if (n > 0)
            return store_fail(st, STORE_INVALID, "单位 %s 还有 %lld %s, 不能删除", code, n, refs[i].what);
    }
    sqlite3_stmt *s = store_prepare(st, "DELETE FROM unit WHERE code = ?1");
    if (!s)
        return STORE_ERROR;
    bind_text(s, 1, code);
    return store_step_done(st, s, "删除单位");
}

int store_unit_list(struct store *st, struct unit **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_prepare(st, "SELECT u.code, u.name, u.pool, u.parent, u.leader FROM unit u"
                                        " JOIN pool p ON p.name = u.pool ORDER BY p.sort_order, u.code");
    if (!s)
        return STORE_ERROR;
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            *out = xreallocarray(*out, cap, sizeof **out);
        }
        fill_unit(s, &(*out)[(*n)++]);
    }
    /* A scan that stops on an error (a damaged page, I/O) must not pass for complete. */
    int status = step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取单位");
    sqlite3_finalize(s);
    if (status != STORE_OK) {
        store_free_units(*out, *n);
        *out = NULL, *n = 0;
    }
    return status;
}

void unit_clear(struct unit *u)
{
    free(u->code), free(u->name), free(u->pool), free(u->parent), free(u->leader);
    memset(u, 0, sizeof *u);
}

void store_free_units(struct unit *u, size_t n)
{
    for (size_t i = 0; i < n; i++)
        unit_clear(&u[i]);
    free(u);
}

struct appraisal_row {
    int year;
    const char *unit;
    double score;
    bool has_sat;
    double sat;
};

static void bind_appraisal(sqlite3_stmt *s, const void *ctx)
{
    const struct appraisal_row *a = ctx;
    sqlite3_bind_int(s, 1, a->year);
    bind_text(s, 2, a->unit);
    sqlite3_bind_double(s, 3, a->score);
    bind_double_opt(s, 4, a->has_sat, a->sat);
}

int store_appraisal_put(struct store *st, int year, const char *unit, double score,
                        bool has_satisfaction, double satisfaction, enum store_put *res)
{
    struct appraisal_row a = {year, unit, score, has_satisfaction, satisfaction};
    return store_upsert(st, "SELECT count(*) FROM appraisal WHERE year = ?1 AND unit = ?2",
                        "INSERT INTO appraisal(year, unit, score, satisfaction) VALUES (?1, ?2, ?3, ?4)"
                        " ON CONFLICT DO UPDATE SET (score, satisfaction) = (?3, ?4)"
                        " WHERE (score, satisfaction) IS NOT (?3, ?4)",
                        bind_appraisal, &a, res, "保存公众评议");
}

int store_appraisal_delete(struct store *st, int year, const char *unit)
{
    sqlite3_stmt *s = store_prepare(st, "DELETE FROM appraisal WHERE year = ?1 AND unit = ?2");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, unit);
    return store_step_done(st, s, "删除公众评议");
}
