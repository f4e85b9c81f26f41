/* Units, held per year (docs/store.md, "Units per year"), and public appraisals. */
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

/* The unit row (year 0) or the unit's entry in a year, with the leader from the unit row. */
#define UNIT_ROW_SQL "SELECT u.code, u.name, u.pool, u.parent, u.leader FROM unit u"
#define UNIT_YEAR_SQL                                                                          \
    "SELECT y.code, y.name, y.pool, y.parent, u.leader FROM unit_year y"                       \
    " JOIN unit u ON u.code = y.code"

int store_unit_get(struct store *st, int year, const char *code, struct unit *out)
{
    sqlite3_stmt *s = store_prepare(st, year ? UNIT_YEAR_SQL " WHERE y.year = ?2 AND y.code = ?1"
                                             : UNIT_ROW_SQL " WHERE u.code = ?1");
    if (!s)
        return STORE_ERROR;
    bind_text(s, 1, code);
    if (year)
        sqlite3_bind_int(s, 2, year);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        fill_unit(s, out);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return STORE_OK;
    if (rc != SQLITE_DONE)
        return store_fail_sqlite(st, "读取单位");
    if (year && store_unit_get(st, 0, code, out) == STORE_OK) {
        unit_clear(out);
        return store_fail(st, STORE_NOTFOUND, "单位 %s 不在 %d 年度的被考核单位中", code, year);
    }
    return store_fail(st, STORE_NOTFOUND, "单位 %s 不存在", code);
}

struct unit_put {
    int year;
    const struct unit *u;
    bool newest; /* no later year holds the unit: the unit row takes this entry */
};

static void bind_unit(sqlite3_stmt *s, const void *ctx)
{
    const struct unit_put *p = ctx;
    bind_text(s, 1, p->u->code);
    bind_text(s, 2, p->u->name);
    bind_text(s, 3, p->u->pool);
    bind_text(s, 4, p->u->parent && *p->u->parent ? p->u->parent : NULL);
    bind_text(s, 5, p->u->leader && *p->u->leader ? p->u->leader : NULL);
    sqlite3_bind_int(s, 6, p->newest);
    sqlite3_bind_int(s, 7, p->year);
}

/* The combined result of the unit row's and the year entry's upserts. */
static enum store_put combine(enum store_put a, enum store_put b)
{
    if (a == PUT_INSERTED || b == PUT_INSERTED)
        return PUT_INSERTED;
    return a == PUT_UPDATED || b == PUT_UPDATED ? PUT_UPDATED : PUT_UNCHANGED;
}

/* A retired unit entered for a year from its retirement on is back from that year. */
static int unretire(struct store *st, const struct unit_put *p)
{
    sqlite3_stmt *s = store_prepare(st, "DELETE FROM unit_retired WHERE code = ?1"
                                        " AND from_year <= ?7");
    if (!s)
        return STORE_ERROR;
    bind_unit(s, p);
    return store_step_done(st, s, "保存单位");
}

int store_unit_put(struct store *st, int year, const struct unit *u, enum store_put *res)
{
    struct unit_put p = {year, u, true};
    if (year)
        p.newest = store_query_int(st, "SELECT count(*) FROM unit_year WHERE code = ?1"
                                       " AND year > ?7",
                                   bind_unit, &p) == 0;
    enum store_put r_unit = PUT_UNCHANGED, r_year = PUT_UNCHANGED;
    int rc = store_upsert(
        st, "SELECT count(*) FROM unit WHERE code = ?1",
        "INSERT INTO unit(code, name, pool, parent, leader) VALUES (?1, ?2, ?3, ?4, ?5)"
        " ON CONFLICT(code) DO UPDATE SET (name, pool, parent, leader) ="
        " (iif(?6, ?2, name), iif(?6, ?3, pool), iif(?6, ?4, parent), ?5)"
        " WHERE (name, pool, parent, leader) IS NOT"
        " (iif(?6, ?2, name), iif(?6, ?3, pool), iif(?6, ?4, parent), ?5)",
        bind_unit, &p, &r_unit, "保存单位");
    if (rc == STORE_OK && year)
        rc = store_upsert(st, "SELECT count(*) FROM unit_year WHERE code = ?1 AND year = ?7",
                          "INSERT INTO unit_year(year, code, name, pool, parent)"
                          " VALUES (?7, ?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET"
                          " (name, pool, parent) = (?2, ?3, ?4)"
                          " WHERE (name, pool, parent) IS NOT (?2, ?3, ?4)",
                          bind_unit, &p, &r_year, "保存单位");
    if (rc == STORE_OK && year)
        rc = unretire(st, &p);
    if (rc == STORE_OK && res)
        *res = combine(r_unit, r_year);
    return rc;
}

static void bind_code(sqlite3_stmt *s, const void *ctx)
{
    bind_text(s, 1, ctx);
}

struct unit_from {
    const char *code;
    int year;
};

static void bind_code_year(sqlite3_stmt *s, const void *ctx)
{
    const struct unit_from *f = ctx;
    bind_text(s, 1, f->code);
    sqlite3_bind_int(s, 2, f->year);
}

/* The unit's data in the years from f->year on (every year when 0): the first kind found
 * refuses with its count and what it is. */
static int refuse_referenced(struct store *st, const struct unit_from *f, const char *verb)
{
    static const struct {
        const char *sql, *what;
    } refs[] = {
        {"SELECT count(*) FROM target WHERE unit = ?1 AND year >= ?2", "条任务书指标"},
        {"SELECT count(*) FROM ledger WHERE unit = ?1 AND year >= ?2", "条加减分记录"},
        {"SELECT count(*) FROM appraisal WHERE unit = ?1 AND year >= ?2", "条公众评议"},
        {"SELECT count(*) FROM rectification WHERE unit = ?1 AND year >= ?2", "条整改记录"},
        {"SELECT count(*) FROM unit_year WHERE parent = ?1 AND year >= ?2", "个下级单位"},
    };
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        long long n = store_query_int(st, refs[i].sql, bind_code_year, f);
        if (n < 0)
            return STORE_ERROR;
        if (n > 0 && f->year)
            return store_fail(st, STORE_INVALID, "单位 %s 在 %d 年度及以后还有 %lld %s, 不能%s",
                              f->code, f->year, n, refs[i].what, verb);
        if (n > 0)
            return store_fail(st, STORE_INVALID, "单位 %s 还有 %lld %s, 不能%s", f->code, n,
                              refs[i].what, verb);
    }
    return STORE_OK;
}

/* Runs each statement with ?1 = code, ?2 = year; stops at the first failure. */
static int run_each(struct store *st, const char *const *sql, size_t n, const struct unit_from *f,
                    const char *what)
{
    int rc = STORE_OK;
    for (size_t i = 0; i < n && rc == STORE_OK; i++) {
        sqlite3_stmt *s = store_prepare(st, sql[i]);
        if (!s)
            return STORE_ERROR;
        bind_code_year(s, f);
        rc = store_step_done(st, s, what);
    }
    return rc;
}

int store_unit_delete(struct store *st, const char *code)
{
    struct unit_from f = {code, 0};
    if (store_query_int(st, "SELECT count(*) FROM unit WHERE code = ?1", bind_code, code) <= 0)
        return store_fail(st, STORE_NOTFOUND, "单位 %s 不存在", code);
    int rc = refuse_referenced(st, &f, "删除");
    if (rc == STORE_OK &&
        store_query_int(st, "SELECT count(*) FROM unit WHERE parent = ?1", bind_code, code) > 0)
        rc = store_fail(st, STORE_INVALID, "单位 %s 还是其他单位的上级, 不能删除", code);
    static const char *const steps[] = {
        "DELETE FROM unit_year WHERE code = ?1 AND year >= ?2",
        "DELETE FROM unit_retired WHERE code = ?1",
        "DELETE FROM unit WHERE code = ?1",
    };
    if (rc == STORE_OK)
        rc = run_each(st, steps, sizeof steps / sizeof steps[0], &f, "删除单位");
    return rc;
}

int store_unit_retire(struct store *st, const char *code, int from_year)
{
    struct unit_from f = {code, from_year};
    if (store_query_int(st, "SELECT count(*) FROM unit WHERE code = ?1", bind_code, code) <= 0)
        return store_fail(st, STORE_NOTFOUND, "单位 %s 不存在", code);
    int rc = refuse_referenced(st, &f, "从该年度起退出");
    static const char *const steps[] = {
        "DELETE FROM unit_year WHERE code = ?1 AND year >= ?2",
        "INSERT INTO unit_retired(code, from_year) VALUES (?1, ?2)"
        " ON CONFLICT(code) DO UPDATE SET from_year = ?2 WHERE from_year IS NOT ?2",
    };
    if (rc == STORE_OK)
        rc = run_each(st, steps, sizeof steps / sizeof steps[0], &f, "单位退出");
    return rc;
}

int store_unit_retired_from(struct store *st, const char *code)
{
    long long y = store_query_int(st, "SELECT coalesce((SELECT from_year FROM unit_retired"
                                      " WHERE code = ?1), 0)",
                                  bind_code, code);
    return y > 0 ? (int)y : 0;
}

int store_unit_list(struct store *st, int year, struct unit **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s =
        store_prepare(st, year ? UNIT_YEAR_SQL " JOIN pool p ON p.name = y.pool WHERE y.year = ?1"
                                               " ORDER BY p.sort_order, y.code"
                               : UNIT_ROW_SQL " JOIN pool p ON p.name = u.pool"
                                              " ORDER BY p.sort_order, u.code");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
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

int store_units_seed_year(struct store *st, int year, int from)
{
    sqlite3_stmt *s = store_prepare(
        st, from ? "INSERT INTO unit_year(year, code, name, pool, parent)"
                   " SELECT ?1, y.code, y.name, y.pool, y.parent FROM unit_year y"
                   " WHERE y.year = ?2 AND NOT EXISTS (SELECT 1 FROM unit_retired r"
                   " WHERE r.code = y.code AND r.from_year <= ?1) ORDER BY y.code"
                 : "INSERT INTO unit_year(year, code, name, pool, parent)"
                   " SELECT ?1, u.code, u.name, u.pool, u.parent FROM unit u"
                   " WHERE NOT EXISTS (SELECT 1 FROM unit_retired r"
                   " WHERE r.code = u.code AND r.from_year <= ?1) ORDER BY u.code");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    sqlite3_bind_int(s, 2, from);
    return store_step_done(st, s, "复制单位");
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
