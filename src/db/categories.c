/* Category edits per year and pool, the rule on their sums, and the refusal to orphan
 * 任务书 items (docs/scheme.md, "Categories"). */
#include "db/categories.h"

#include <stdio.h>
#include <string.h>

#include "db/pools.h"
#include "db/sources.h"
#include "db/store_internal.h"
#include "db/years.h"
#include "model/limits.h"
#include "model/scheme.h"
#include "model/score.h"
#include "model/sources.h"

struct cat_args {
    int year;         /* ?1 */
    const char *pool; /* ?2 */
    const char *name; /* ?3 */
    const char *other; /* ?4: a new name */
    double points;    /* ?5 */
};

static void bind_args(sqlite3_stmt *s, const void *ctx)
{
    const struct cat_args *a = ctx;
    int n = sqlite3_bind_parameter_count(s);
    sqlite3_bind_int(s, 1, a->year);
    if (n >= 2)
        bind_text(s, 2, a->pool);
    if (n >= 3)
        bind_text(s, 3, a->name);
    if (n >= 4)
        bind_text(s, 4, a->other);
    if (n >= 5)
        sqlite3_bind_double(s, 5, a->points);
}

static int run(struct store *st, const char *sql, const struct cat_args *a, const char *what)
{
    sqlite3_stmt *s = store_prepare(st, sql);
    if (!s)
        return STORE_ERROR;
    bind_args(s, a);
    return store_step_done(st, s, what);
}

static long long ask(struct store *st, const char *sql, const struct cat_args *a)
{
    return store_query_int(st, sql, bind_args, a);
}

static bool exists(struct store *st, const struct cat_args *a, const char *name)
{
    struct cat_args q = *a;
    q.name = name;
    return ask(st, "SELECT count(*) FROM category WHERE year = ?1 AND pool = ?2 AND name = ?3",
               &q) > 0;
}

/* The year exists and has the pool; a locked year is refused by the store's trigger, but
 * with a message that names the year the operator asked for. */
static int check_pool(struct store *st, const struct cat_args *a)
{
    bool locked = false;
    int rc = store_year_locked(st, a->year, &locked);
    if (rc != STORE_OK)
        return rc;
    if (locked)
        return store_fail(st, STORE_INVALID, "%d 年度已审定, 指标类别不能修改", a->year);
    if (ask(st, "SELECT count(*) FROM year_pool WHERE year = ?1 AND pool = ?2", a) <= 0)
        return store_fail(st, STORE_NOTFOUND, "%d 年度没有分组 %s", a->year, a->pool);
    return STORE_OK;
}

static int check_name(struct store *st, const char *name)
{
    char why[96];
    if (!name || !*name || name[0] == ' ' || name[strlen(name) - 1] == ' ')
        return store_fail(st, STORE_INVALID, "类别名不能为空, 首尾不能有空格");
    if (!limits_check_text(LIMIT_NAME, name, why, sizeof why))
        return store_fail(st, STORE_INVALID, "类别名 %s %s", name, why);
    return STORE_OK;
}

static int check_points(struct store *st, const char *name, double points)
{
    char why[96];
    if (!limits_check_number(LIMIT_SHARE, points, why, sizeof why))
        return store_fail(st, STORE_INVALID, "类别 %s 的分值%s", name, why);
    return STORE_OK;
}

static int need(struct store *st, const struct cat_args *a, const char *name)
{
    if (!exists(st, a, name))
        return store_fail(st, STORE_NOTFOUND, "%d 年度 %s 没有类别 %s", a->year, a->pool, name);
    return STORE_OK;
}

/* The 任务书 items of the year's units in the pool filed under a->name. */
#define ITEMS_UNDER                                                                           \
    " FROM target t JOIN unit_year u ON u.code = t.unit AND u.year = t.year"                   \
    " WHERE t.year = ?1 AND u.pool = ?2 AND t.category = ?3"

/* Refuses, naming up to 5 items (单位/指标编码), while items are filed under a->name. */
static int refuse_used(struct store *st, const struct cat_args *a)
{
    long long n = ask(st, "SELECT count(*)" ITEMS_UNDER, a);
    if (n < 0)
        return STORE_ERROR;
    if (n == 0)
        return STORE_OK;
    sqlite3_stmt *s = store_prepare(st, "SELECT t.unit || '/' || t.item" ITEMS_UNDER
                                        " ORDER BY t.unit, t.item LIMIT 5");
    if (!s)
        return STORE_ERROR;
    bind_args(s, a);
    char list[256] = "";
    size_t len = 0;
    while (sqlite3_step(s) == SQLITE_ROW && len < sizeof list)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "",
                                (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return store_fail(st, STORE_INVALID, "%d 年度 %s 的类别「%s」下有 %lld 条任务书: %s%s; 不能删除",
                      a->year, a->pool, a->name, n, list, n > 5 ? " 等" : "");
}

int store_category_add(struct store *st, int year, const char *pool, const char *name,
                       double points)
{
    struct cat_args a = {year, pool, name, NULL, points};
    int rc = check_pool(st, &a);
    if (rc == STORE_OK)
        rc = check_name(st, name);
    if (rc == STORE_OK)
        rc = check_points(st, name, points);
    if (rc == STORE_OK && exists(st, &a, name))
        rc = store_fail(st, STORE_INVALID, "%d 年度 %s 已有类别 %s", year, pool, name);
    if (rc == STORE_OK)
        rc = run(st, "INSERT INTO category(year, pool, name, points, sort_order) VALUES (?1, ?2,"
                     " ?3, ?5, (SELECT coalesce(max(sort_order), 0) + 1 FROM category"
                     " WHERE year = ?1 AND pool = ?2))",
                 &a, "添加指标类别");
    return rc;
}

int store_category_rename(struct store *st, int year, const char *pool, const char *old,
                          const char *new_name)
{
    struct cat_args a = {year, pool, old, new_name, 0};
    int rc = check_pool(st, &a);
    if (rc == STORE_OK)
        rc = need(st, &a, old);
    if (rc == STORE_OK)
        rc = check_name(st, new_name);
    if (rc == STORE_OK && exists(st, &a, new_name))
        rc = store_fail(st, STORE_INVALID, "%d 年度 %s 已有类别 %s", year, pool, new_name);
    if (rc == STORE_OK)
        rc = run(st, "UPDATE category SET name = ?4 WHERE year = ?1 AND pool = ?2 AND name = ?3",
                 &a, "类别改名");
    if (rc == STORE_OK)
        rc = run(st, "UPDATE target SET category = ?4 WHERE year = ?1 AND category = ?3"
                     " AND unit IN (SELECT code FROM unit_year WHERE year = ?1 AND pool = ?2)",
                 &a, "任务书类别改名");
    return rc;
}

int store_category_delete(struct store *st, int year, const char *pool, const char *name)
{
    struct cat_args a = {year, pool, name, NULL, 0};
    int rc = check_pool(st, &a);
    if (rc == STORE_OK)
        rc = need(st, &a, name);
    if (rc == STORE_OK)
        rc = refuse_used(st, &a);
    if (rc == STORE_OK)
        rc = run(st, "DELETE FROM category WHERE year = ?1 AND pool = ?2 AND name = ?3", &a,
                 "删除指标类别");
    return rc;
}

int store_category_set_points(struct store *st, int year, const char *pool, const char *name,
                              double points)
{
    struct cat_args a = {year, pool, name, NULL, points};
    int rc = check_pool(st, &a);
    if (rc == STORE_OK)
        rc = need(st, &a, name);
    if (rc == STORE_OK)
        rc = check_points(st, name, points);
    if (rc == STORE_OK)
        rc = run(st, "UPDATE category SET points = ?5 WHERE year = ?1 AND pool = ?2 AND name = ?3"
                     " AND points IS NOT ?5",
                 &a, "修改类别分值");
    return rc;
}

static int check_list(struct store *st, const struct category *cats, size_t n)
{
    int rc = STORE_OK;
    for (size_t i = 0; i < n && rc == STORE_OK; i++) {
        rc = check_name(st, cats[i].name);
        if (rc == STORE_OK)
            rc = check_points(st, cats[i].name, cats[i].points);
        for (size_t j = 0; j < i && rc == STORE_OK; j++)
            if (strcmp(cats[i].name, cats[j].name) == 0)
                rc = store_fail(st, STORE_INVALID, "类别 %s 列了两次", cats[i].name);
    }
    return rc;
}

static bool listed(const struct category *cats, char *const *names, size_t n, const char *name)
{
    for (size_t j = 0; j < n; j++)
        if (strcmp(cats ? cats[j].name : names[j], name) == 0)
            return true;
    return false;
}

/* Deletes the pool's categories that cats (or names) does not list (refused while items use
 * one). */
static int drop_unlisted(struct store *st, const struct cat_args *a, const struct category *cats,
                         char *const *names, size_t n)
{
    struct category *have;
    size_t n_have;
    int rc = store_categories(st, a->year, &have, &n_have);
    for (size_t i = 0; i < n_have && rc == STORE_OK; i++) {
        if (strcmp(have[i].pool, a->pool) != 0)
            continue;
        if (!listed(cats, names, n, have[i].name))
            rc = store_category_delete(st, a->year, a->pool, have[i].name);
    }
    if (have)
        store_free_categories(have, n_have);
    return rc;
}

int store_categories_replace(struct store *st, int year, const char *pool,
                             const struct category *cats, size_t n)
{
    struct cat_args a = {year, pool, NULL, NULL, 0};
    int rc = check_pool(st, &a);
    if (rc == STORE_OK)
        rc = check_list(st, cats, n);
    if (rc == STORE_OK)
        rc = drop_unlisted(st, &a, cats, NULL, n);
    for (size_t i = 0; i < n && rc == STORE_OK; i++)
        rc = store_category_put(st, year, pool, cats[i].name, cats[i].points, (int)i + 1);
    return rc;
}

int store_category_check_sum(struct store *st, int year, const char *pool)
{
    struct scheme sc;
    int rc = store_scheme_get(st, year, &sc);
    if (rc != STORE_OK)
        return rc;
    struct cat_args a = {year, pool, NULL, NULL, 0};
    /* in millionths, as the scorer adds them (model/score.h score_micro) */
    long long sum = ask(st, "SELECT coalesce(sum(CAST(round(points * 1000000) AS INTEGER)), 0)"
                            " FROM category WHERE year = ?1 AND pool = ?2",
                        &a);
    if (sum < 0)
        return STORE_ERROR;
    /* the pool's score sources take their shares from the key items (docs/scoring.md) */
    struct year_data yd = {.year = year};
    rc = store_sources_get(st, year, &yd.sources, &yd.n_sources);
    if (rc != STORE_OK)
        return rc;
    int64_t taken = sources_share_u(&yd, pool);
    score_sources_free(yd.sources, yd.n_sources);
    char why[256];
    if (!scheme_category_sum_ok(&sc, pool, taken, sum, why, sizeof why))
        return store_fail(st, STORE_INVALID, "%d 年度%s", year, why);
    return STORE_OK;
}

int store_categories_keep_only(struct store *st, int year, const char *pool,
                               char *const *names, size_t n)
{
    struct cat_args a = {year, pool, NULL, NULL, 0};
    int rc = check_pool(st, &a);
    return rc == STORE_OK ? drop_unlisted(st, &a, NULL, names, n) : rc;
}

static void bind_upsert(sqlite3_stmt *s, const void *ctx)
{
    const struct category *c = ctx;
    bind_text(s, 2, c->pool);
    bind_text(s, 3, c->name);
    sqlite3_bind_double(s, 4, c->points);
    sqlite3_bind_int(s, 5, c->sort_order);
}

struct upsert_ctx {
    int year;
    struct category c;
};

static void bind_upsert_year(sqlite3_stmt *s, const void *ctx)
{
    const struct upsert_ctx *u = ctx;
    sqlite3_bind_int(s, 1, u->year);
    bind_upsert(s, &u->c);
}

int store_category_upsert(struct store *st, int year, const char *pool, const struct category *c,
                          enum store_put *res)
{
    struct cat_args a = {year, pool, c->name, NULL, c->points};
    int rc = check_pool(st, &a);
    if (rc == STORE_OK)
        rc = check_name(st, c->name);
    if (rc == STORE_OK)
        rc = check_points(st, c->name, c->points);
    if (rc != STORE_OK)
        return rc;
    struct upsert_ctx u = {year, *c};
    u.c.pool = (char *)pool;
    return store_upsert(st,
                        "SELECT count(*) FROM category WHERE year = ?1 AND pool = ?2 AND name = ?3",
                        "INSERT INTO category(year, pool, name, points, sort_order)"
                        " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET points = ?4,"
                        " sort_order = ?5 WHERE (points, sort_order) IS NOT (?4, ?5)",
                        bind_upsert_year, &u, res, "导入指标类别");
}
