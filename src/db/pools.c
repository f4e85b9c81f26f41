/* Pools per year (docs/scheme.md, "Pools"): the year_pool table. A change acts on a year and
 * every later one; the `pool` registry only ever gains names, so an earlier year's rows keep
 * theirs and the foreign keys never cascade into a locked year. */
#include "db/pools.h"

#include <stdio.h>
#include <string.h>

#include "db/store_internal.h"
#include "db/years.h"
#include "model/limits.h"
#include "model/xmalloc.h"

struct pool_args {
    int from;        /* ?1 */
    const char *a;   /* ?2 */
    const char *b;   /* ?3 */
    int order;       /* ?4 */
};

static void bind_args(sqlite3_stmt *s, const void *ctx)
{
    const struct pool_args *a = ctx;
    sqlite3_bind_int(s, 1, a->from);
    if (sqlite3_bind_parameter_count(s) >= 2)
        bind_text(s, 2, a->a);
    if (sqlite3_bind_parameter_count(s) >= 3)
        bind_text(s, 3, a->b);
    if (sqlite3_bind_parameter_count(s) >= 4)
        sqlite3_bind_int(s, 4, a->order);
}

static int run(struct store *st, const char *sql, const struct pool_args *a, const char *what)
{
    sqlite3_stmt *s = store_prepare(st, sql);
    if (!s)
        return STORE_ERROR;
    bind_args(s, a);
    return store_step_done(st, s, what);
}

static long long ask(struct store *st, const char *sql, const struct pool_args *a)
{
    return store_query_int(st, sql, bind_args, a);
}

static bool in_year(struct store *st, int year, const char *pool)
{
    struct pool_args a = {year, pool, NULL, 0};
    return ask(st, "SELECT count(*) FROM year_pool WHERE year = ?1 AND pool = ?2", &a) > 0;
}

/* The year must exist and none of the years it touches may be locked; with_pool: only the
 * years that hold pool a->a count. */
static int check_years(struct store *st, const struct pool_args *a, bool with_pool)
{
    if (!store_year_exists(st, a->from))
        return store_fail(st, STORE_NOTFOUND, "%d 年度不存在", a->from);
    long long y = ask(st,
                      with_pool ? "SELECT coalesce(min(year), 0) FROM year y WHERE year >= ?1"
                                  " AND locked = 1 AND EXISTS (SELECT 1 FROM year_pool p"
                                  " WHERE p.year = y.year AND p.pool = ?2)"
                                : "SELECT coalesce(min(year), 0) FROM year WHERE year >= ?1"
                                  " AND locked = 1",
                      a);
    if (y > 0)
        return store_fail(st, STORE_INVALID,
                          "%lld 年度已审定, 分组不能改动 (改动从 %d 年度起作用于以后各年度)", y,
                          a->from);
    return y < 0 ? STORE_ERROR : STORE_OK;
}

static int check_name(struct store *st, const char *name)
{
    char why[96];
    if (!name || !*name || name[0] == ' ' || name[strlen(name) - 1] == ' ')
        return store_fail(st, STORE_INVALID, "分组名不能为空, 首尾不能有空格");
    if (!limits_check_text(LIMIT_NAME, name, why, sizeof why))
        return store_fail(st, STORE_INVALID, "分组名 %s %s", name, why);
    return STORE_OK;
}

/* A name the years from `from` on do not use yet. */
static int check_new_name(struct store *st, const struct pool_args *a, const char *name)
{
    int rc = check_name(st, name);
    struct pool_args q = {a->from, name, NULL, 0};
    if (rc == STORE_OK &&
        ask(st, "SELECT count(*) FROM year_pool WHERE year >= ?1 AND pool = ?2", &q) > 0)
        rc = store_fail(st, STORE_INVALID, "%d 年度起已有分组 %s", a->from, name);
    return rc;
}

static int need_pool(struct store *st, int year, const char *pool)
{
    if (!in_year(st, year, pool))
        return store_fail(st, STORE_NOTFOUND, "%d 年度没有分组 %s", year, pool);
    return STORE_OK;
}

bool store_year_has_pool(struct store *st, int year, const char *pool)
{
    return in_year(st, year, pool);
}

int store_year_pools(struct store *st, int year, char ***names, size_t *n)
{
    *names = NULL, *n = 0;
    sqlite3_stmt *s =
        store_prepare(st, "SELECT pool FROM year_pool WHERE year = ?1 ORDER BY sort_order, pool");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        *names = xreallocarray(*names, *n + 1, sizeof **names);
        (*names)[(*n)++] = column_strdup(s, 0);
    }
    int rc = step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取分组");
    sqlite3_finalize(s);
    if (rc != STORE_OK)
        store_free_strings(*names, *n), *names = NULL, *n = 0;
    return rc;
}

/* The registry gains the name (at the end of its order) if it is new. */
static int register_name(struct store *st, const char *name)
{
    struct pool_args a = {0, name, NULL, 0};
    return run(st, "INSERT OR IGNORE INTO pool(name, sort_order) VALUES"
                   " (?2, (SELECT coalesce(max(sort_order), 0) + 1 FROM pool))",
               &a, "添加分组");
}

int store_pool_add(struct store *st, int from, const char *name, const char *like)
{
    struct pool_args a = {from, name, like, 0};
    int rc = check_years(st, &a, false);
    if (rc == STORE_OK)
        rc = check_new_name(st, &a, name);
    if (rc == STORE_OK && like)
        rc = need_pool(st, from, like);
    if (rc == STORE_OK)
        rc = register_name(st, name);
    if (rc == STORE_OK)
        rc = run(st, "INSERT INTO year_pool(year, pool, sort_order) SELECT y.year, ?2,"
                     " (SELECT coalesce(max(sort_order), 0) + 1 FROM year_pool p"
                     "  WHERE p.year = y.year) FROM year y WHERE y.year >= ?1",
                 &a, "添加分组");
    if (rc == STORE_OK && like)
        rc = run(st, "INSERT INTO category(year, pool, name, points, sort_order)"
                     " SELECT c.year, ?2, c.name, c.points, c.sort_order FROM category c"
                     " WHERE c.year >= ?1 AND c.pool = ?3"
                     " AND EXISTS (SELECT 1 FROM year_pool p WHERE p.year = c.year AND p.pool = ?2)",
                 &a, "复制指标类别");
    return rc;
}

int store_pool_rename(struct store *st, int from, const char *old, const char *new_name)
{
    struct pool_args a = {from, old, new_name, 0};
    int rc = need_pool(st, from, old);
    if (rc == STORE_OK)
        rc = check_years(st, &a, true);
    if (rc == STORE_OK)
        rc = check_new_name(st, &a, new_name);
    if (rc == STORE_OK)
        rc = register_name(st, new_name);
    static const char *const moves[] = {
        "UPDATE year_pool SET pool = ?3 WHERE year >= ?1 AND pool = ?2",
        "UPDATE category SET pool = ?3 WHERE year >= ?1 AND pool = ?2",
        "UPDATE unit_year SET pool = ?3 WHERE year >= ?1 AND pool = ?2",
        /* the unit row holds the newest entry (db/units.h) */
        "UPDATE unit SET pool = ?3 WHERE pool = ?2"
        " AND code IN (SELECT code FROM unit_year WHERE year >= ?1)",
    };
    for (size_t i = 0; rc == STORE_OK && i < sizeof moves / sizeof moves[0]; i++)
        rc = run(st, moves[i], &a, "分组改名");
    return rc;
}

int store_pool_reorder(struct store *st, int from, char *const *names, size_t n)
{
    struct pool_args a = {from, NULL, NULL, 0};
    int rc = check_years(st, &a, false);
    if (rc != STORE_OK)
        return rc;
    long long have = ask(st, "SELECT count(*) FROM year_pool WHERE year = ?1", &a);
    for (size_t i = 0; i < n && rc == STORE_OK; i++) {
        rc = need_pool(st, from, names[i]);
        for (size_t j = 0; j < i && rc == STORE_OK; j++)
            if (strcmp(names[i], names[j]) == 0)
                rc = store_fail(st, STORE_INVALID, "分组 %s 列了两次", names[i]);
    }
    if (rc == STORE_OK && (long long)n != have)
        rc = store_fail(st, STORE_INVALID, "%d 年度有 %lld 个分组, 须全部按新顺序列出 (列了 %zu 个)",
                        from, have, n);
    /* pools only later years have go after the listed ones, in their own order */
    if (rc == STORE_OK)
        rc = run(st, "UPDATE year_pool SET sort_order = sort_order + 100000 WHERE year >= ?1",
                 &a, "分组排序");
    for (size_t i = 0; i < n && rc == STORE_OK; i++) {
        struct pool_args p = {from, names[i], NULL, (int)i + 1};
        rc = run(st, "UPDATE year_pool SET sort_order = ?4 WHERE year >= ?1 AND pool = ?2", &p,
                 "分组排序");
    }
    return rc;
}

/* "A, B, C 等 N 个": the units of pool a->a in the years from a->from on. */
static int units_in_pool(struct store *st, const struct pool_args *a, char *out, size_t outsz,
                         long long *count)
{
    *count = ask(st, "SELECT count(DISTINCT code) FROM unit_year WHERE year >= ?1 AND pool = ?2", a);
    out[0] = '\0';
    sqlite3_stmt *s = store_prepare(st, "SELECT DISTINCT code FROM unit_year"
                                        " WHERE year >= ?1 AND pool = ?2 ORDER BY code LIMIT 10");
    if (!s || *count < 0)
        return STORE_ERROR;
    bind_args(s, a);
    size_t len = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW && len < outsz)
        len += (size_t)snprintf(out + len, outsz - len, "%s%s", len ? ", " : "",
                                (const char *)sqlite3_column_text(s, 0));
    int rc = step == SQLITE_DONE || step == SQLITE_ROW ? STORE_OK : store_fail_sqlite(st, "读取单位");
    sqlite3_finalize(s);
    return rc;
}

int store_pool_retire(struct store *st, int from, const char *name)
{
    struct pool_args a = {from, name, NULL, 0};
    int rc = need_pool(st, from, name);
    if (rc == STORE_OK)
        rc = check_years(st, &a, true);
    if (rc == STORE_OK && ask(st, "SELECT count(*) FROM year_pool WHERE year = ?1", &a) <= 1)
        rc = store_fail(st, STORE_INVALID, "%s 是 %d 年度唯一的分组, 不能停用", name, from);
    char units[400];
    long long n = 0;
    if (rc == STORE_OK)
        rc = units_in_pool(st, &a, units, sizeof units, &n);
    if (rc == STORE_OK && n > 0)
        rc = store_fail(st, STORE_INVALID,
                        "%d 年度起分组 %s 还有 %lld 个单位: %s%s; 须先把它们移到别的分组", from,
                        name, n, units, n > 10 ? " 等" : "");
    if (rc == STORE_OK)
        rc = run(st, "DELETE FROM category WHERE year >= ?1 AND pool = ?2", &a, "停用分组");
    if (rc == STORE_OK)
        rc = run(st, "DELETE FROM year_pool WHERE year >= ?1 AND pool = ?2", &a, "停用分组");
    return rc;
}

int store_year_pools_seed(struct store *st, int year, int from, char *const *names, size_t n)
{
    struct pool_args a = {year, NULL, NULL, from};
    if (from > 0)
        return run(st, "INSERT INTO year_pool(year, pool, sort_order)"
                       " SELECT ?1, pool, sort_order FROM year_pool WHERE year = ?4",
                   &a, "复制分组");
    int rc = STORE_OK;
    for (size_t i = 0; i < n && rc == STORE_OK; i++) {
        struct pool_args p = {year, names[i], NULL, (int)i + 1};
        rc = register_name(st, names[i]);
        if (rc == STORE_OK)
            rc = run(st, "INSERT OR IGNORE INTO year_pool(year, pool, sort_order)"
                         " VALUES (?1, ?2, ?4)", &p, "添加分组");
    }
    return rc;
}

int store_year_pools_adopt(struct store *st, int year)
{
    struct pool_args a = {year, NULL, NULL, 0};
    return run(st, "INSERT INTO year_pool(year, pool, sort_order)"
                   " SELECT ?1, u.pool, (SELECT coalesce(max(sort_order), 0) FROM year_pool"
                   "  WHERE year = ?1) + row_number() OVER (ORDER BY min(p.sort_order), u.pool)"
                   " FROM unit_year u JOIN pool p ON p.name = u.pool WHERE u.year = ?1"
                   " AND u.pool NOT IN (SELECT pool FROM year_pool WHERE year = ?1)"
                   " GROUP BY u.pool",
               &a, "添加分组");
}
