/* Years, schemes, pools and categories. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/pools.h"
#include "db/sources.h"
#include "db/store_internal.h"
#include "db/units.h"
#include "db/years.h"
#include "model/calendar.h"
#include "model/preset.h"
#include "model/rules.h"
#include "model/xmalloc.h"

static void bind_year(sqlite3_stmt *s, const void *ctx)
{
    sqlite3_bind_int(s, 1, *(const int *)ctx);
}

bool store_year_exists(struct store *st, int year)
{
    return store_query_int(st, "SELECT count(*) FROM year WHERE year = ?1", bind_year, &year) > 0;
}

static const char scheme_columns[] =
    "preset, half_share, year_share, appraisal_share, inspection_cap, complaint_cap, bonus_cap,"
    " band_excellent, band_good, band_pass, veto_effect, tie_style, warn_yellow, warn_red,"
    " mismatch";

int store_scheme_put(struct store *st, int year, const struct scheme *sc)
{
    char *sql = xasprintf("INSERT INTO scheme(year, %s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                          " ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) ON CONFLICT(year) DO UPDATE SET"
                          " (%s) = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                          " ?16)",
                          scheme_columns, scheme_columns);
    sqlite3_stmt *s = store_prepare(st, sql);
    free(sql);
    if (!s)
        return STORE_ERROR;
    /* band_* keep the first three floors for files read by older versions; the bands
     * themselves are the grade table's (db/sources.h). */
    const double nums[] = {sc->half_share,     sc->year_share,    sc->appraisal_share,
                           sc->inspection_cap, sc->complaint_cap, sc->bonus_cap,
                           sc->grades[0].min,  sc->grades[1].min, sc->grades[2].min};
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, sc->preset);
    for (int i = 0; i < 9; i++)
        sqlite3_bind_double(s, 3 + i, nums[i]);
    bind_text(s, 12, veto_effect_token(sc->veto_effect));
    bind_text(s, 13, tie_style_token(sc->tie_style));
    sqlite3_bind_double(s, 14, sc->warn_yellow);
    sqlite3_bind_double(s, 15, sc->warn_red);
    sqlite3_bind_double(s, 16, sc->mismatch);
    int rc = store_step_done(st, s, "保存考核方案");
    return rc == STORE_OK ? store_grades_put(st, year, sc) : rc;
}

int store_scheme_get(struct store *st, int year, struct scheme *sc)
{
    char *sql = xasprintf("SELECT %s FROM scheme WHERE year = ?1", scheme_columns);
    sqlite3_stmt *s = store_prepare(st, sql);
    free(sql);
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(s);
        return rc == SQLITE_DONE ? store_fail(st, STORE_NOTFOUND, "%d 年度不存在", year)
                                 : store_fail_sqlite(st, "读取考核方案");
    }
    memset(sc, 0, sizeof *sc);
    snprintf(sc->preset, sizeof sc->preset, "%s", (const char *)sqlite3_column_text(s, 0));
    double *nums[] = {&sc->half_share,     &sc->year_share, &sc->appraisal_share,
                      &sc->inspection_cap, &sc->complaint_cap, &sc->bonus_cap};
    for (int i = 0; i < 6; i++)
        *nums[i] = sqlite3_column_double(s, 1 + i);
    veto_effect_parse((const char *)sqlite3_column_text(s, 10), &sc->veto_effect);
    tie_style_parse((const char *)sqlite3_column_text(s, 11), &sc->tie_style);
    sc->warn_yellow = sqlite3_column_double(s, 12);
    sc->warn_red = sqlite3_column_double(s, 13);
    sc->mismatch = sqlite3_column_double(s, 14);
    sqlite3_finalize(s);
    return store_grades_get(st, year, sc);
}

int store_category_put(struct store *st, int year, const char *pool, const char *name,
                       double points, int sort_order)
{
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO category(year, pool, name, points, sort_order)"
                                        " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET"
                                        " points = ?4, sort_order = ?5"
                                        " WHERE (points, sort_order) IS NOT (?4, ?5)");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, pool);
    bind_text(s, 3, name);
    sqlite3_bind_double(s, 4, points);
    sqlite3_bind_int(s, 5, sort_order);
    return store_step_done(st, s, "保存指标类别");
}

int store_categories_from(struct store *st, int year, const struct preset *p)
{
    const char *preset_name = p->scheme.preset;
    char **pools;
    size_t n_pools;
    int rc = STORE_OK;
    if (store_year_pools(st, year, &pools, &n_pools) != STORE_OK)
        return STORE_ERROR;
    for (size_t i = 0; i < n_pools && rc == STORE_OK; i++) {
        const struct preset_category *cats[PRESET_MAX_CATEGORIES];
        size_t n = preset_categories_of(p, pools[i], cats, PRESET_MAX_CATEGORIES);
        /* Items must keep a valid category: refuse when one would disappear. */
        sqlite3_stmt *s = store_prepare(st, "SELECT DISTINCT t.category FROM target t JOIN unit_year u"
                                            " ON u.code = t.unit AND u.year = t.year"
                                            " WHERE t.year = ?1 AND u.pool = ?2");
        if (!s) {
            rc = STORE_ERROR;
            break;
        }
        sqlite3_bind_int(s, 1, year);
        bind_text(s, 2, pools[i]);
        int step = SQLITE_DONE;
        while (rc == STORE_OK && (step = sqlite3_step(s)) == SQLITE_ROW) {
            const char *used = (const char *)sqlite3_column_text(s, 0);
            bool found = false;
            for (size_t k = 0; k < n; k++)
                found |= strcmp(cats[k]->name, used) == 0;
            if (!found)
                rc = store_fail(st, STORE_INVALID, "%s 的任务书使用了类别「%s」, 方案 %s 中没有该类别",
                                pools[i], used, preset_name);
        }
        /* Replacing categories on the strength of an unfinished check could orphan items. */
        if (rc == STORE_OK && step != SQLITE_DONE)
            rc = store_fail_sqlite(st, "检查指标类别");
        sqlite3_finalize(s);
        if (rc != STORE_OK)
            break;
        s = store_prepare(st, "DELETE FROM category WHERE year = ?1 AND pool = ?2");
        sqlite3_bind_int(s, 1, year);
        bind_text(s, 2, pools[i]);
        rc = store_step_done(st, s, "替换指标类别");
        for (size_t k = 0; k < n && rc == STORE_OK; k++)
            rc = store_category_put(st, year, pools[i], cats[k]->name, cats[k]->points, (int)k + 1);
    }
    store_free_strings(pools, n_pools);
    return rc;
}

static int insert_year(struct store *st, int year)
{
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO year(year) VALUES (?1)");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    return store_step_done(st, s, "创建年度");
}

int store_year_create_from(struct store *st, int year, const struct preset *p)
{
    if (store_year_exists(st, year))
        return store_fail(st, STORE_INVALID, "%d 年度已存在", year);
    int rc = insert_year(st, year);
    if (rc == STORE_OK)
        rc = store_scheme_put(st, year, &p->scheme);
    if (rc == STORE_OK)
        rc = store_year_pools_seed(st, year, 0, p->pools, p->n_pools);
    if (rc == STORE_OK)
        rc = store_categories_from(st, year, p);
    if (rc == STORE_OK)
        rc = store_units_seed_year(st, year, 0);
    if (rc == STORE_OK)
        rc = store_year_pools_adopt(st, year);
    if (rc == STORE_OK)
        rc = store_sources_put(st, year, p->sources, p->n_sources);
    return rc;
}

/* A compiled-in preset by name, for the callers that name one. */
static int with_builtin(struct store *st, int year, const char *name,
                        int (*apply)(struct store *, int, const struct preset *))
{
    struct preset p;
    if (!preset_builtin_load(name, &p))
        return store_fail(st, STORE_INVALID, "未知的方案预设 %s (可用: %s)", name,
                          preset_builtin_names());
    int rc = apply(st, year, &p);
    preset_free(&p);
    return rc;
}

int store_year_create_preset(struct store *st, int year, const char *name)
{
    return with_builtin(st, year, name, store_year_create_from);
}

int store_categories_from_preset(struct store *st, int year, const char *name)
{
    return with_builtin(st, year, name, store_categories_from);
}

int store_year_ensure(struct store *st, int year)
{
    if (!calendar_year_valid(year))
        return store_fail(st, STORE_INVALID, "年度 %d 超出范围 (%d-%d)", year, KP_YEAR_MIN,
                          KP_YEAR_MAX);
    if (store_year_exists(st, year))
        return STORE_OK;
    long long prev = store_query_int(st, "SELECT coalesce(max(year), 0) FROM year WHERE year < ?1",
                                     bind_year, &year);
    if (prev <= 0)
        return store_year_create_preset(st, year, PRESET_DEFAULT);
    return store_year_copy(st, year, (int)prev);
}

int store_year_copy(struct store *st, int year, int from)
{
    if (store_year_exists(st, year))
        return store_fail(st, STORE_INVALID, "%d 年度已存在", year);
    struct scheme sc;
    int rc = store_scheme_get(st, from, &sc);
    if (rc == STORE_OK)
        rc = insert_year(st, year);
    if (rc == STORE_OK)
        rc = store_scheme_put(st, year, &sc);
    if (rc == STORE_OK)
        rc = store_year_pools_seed(st, year, from, NULL, 0);
    if (rc == STORE_OK) {
        sqlite3_stmt *s = store_prepare(st, "INSERT INTO category(year, pool, name, points, sort_order)"
                                            " SELECT ?1, pool, name, points, sort_order FROM category"
                                            " WHERE year = ?2");
        if (!s)
            return STORE_ERROR;
        sqlite3_bind_int(s, 1, year);
        sqlite3_bind_int(s, 2, from);
        rc = store_step_done(st, s, "复制指标类别");
    }
    if (rc == STORE_OK)
        rc = store_units_seed_year(st, year, from);
    if (rc == STORE_OK)
        rc = store_year_pools_adopt(st, year);
    if (rc == STORE_OK)
        rc = store_sources_copy(st, from, year);
    return rc;
}

int store_years(struct store *st, int **years, size_t *n)
{
    *years = NULL;
    *n = 0;
    sqlite3_stmt *s = store_prepare(st, "SELECT year FROM year ORDER BY year");
    if (!s)
        return STORE_ERROR;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        *years = xreallocarray(*years, *n + 1, sizeof **years);
        (*years)[(*n)++] = sqlite3_column_int(s, 0);
    }
    /* A scan that stops on an error (a damaged page, I/O) must not pass for complete. */
    int status = step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取年度");
    sqlite3_finalize(s);
    if (status != STORE_OK) {
        free(*years);
        *years = NULL, *n = 0;
    }
    return status;
}

int store_latest_year(struct store *st)
{
    long long y = store_query_int(st, "SELECT coalesce(max(year), 0) FROM year", NULL, NULL);
    return y > 0 ? (int)y : 0;
}

int store_year_locked(struct store *st, int year, bool *locked)
{
    long long v = store_query_int(st, "SELECT coalesce((SELECT locked FROM year WHERE year = ?1), -1)",
                                  bind_year, &year);
    if (v == -1)
        return store_fail(st, STORE_NOTFOUND, "%d 年度不存在", year);
    *locked = v == 1;
    return STORE_OK;
}

int store_year_set_lock(struct store *st, int year, bool locked, const char *note)
{
    bool now = false;
    int rc = store_year_locked(st, year, &now);
    if (rc != STORE_OK)
        return rc;
    if (now == locked)
        return store_fail(st, STORE_INVALID, "%d 年度%s", year, locked ? "已经审定锁定" : "未锁定");
    if (!locked && !rules_reason_given(note))
        return store_fail(st, STORE_INVALID, "解锁需要填写理由");
    sqlite3_stmt *s = store_prepare(st, "UPDATE year SET locked = ?2, lock_note = ?3 WHERE year = ?1");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    sqlite3_bind_int(s, 2, locked);
    bind_text(s, 3, note);
    return store_step_done(st, s, locked ? "审定锁定" : "解锁");
}

int store_pools(struct store *st, char ***names, size_t *n)
{
    *names = NULL;
    *n = 0;
    sqlite3_stmt *s = store_prepare(st, "SELECT name FROM pool ORDER BY sort_order, name");
    if (!s)
        return STORE_ERROR;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        *names = xreallocarray(*names, *n + 1, sizeof **names);
        (*names)[(*n)++] = column_strdup(s, 0);
    }
    /* A scan that stops on an error (a damaged page, I/O) must not pass for complete. */
    int status = step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取分组");
    sqlite3_finalize(s);
    if (status != STORE_OK) {
        store_free_strings(*names, *n);
        *names = NULL, *n = 0;
    }
    return status;
}

static void bind_text1(sqlite3_stmt *s, const void *ctx)
{
    bind_text(s, 1, ctx);
}

bool store_pool_exists(struct store *st, const char *name)
{
    return store_query_int(st, "SELECT count(*) FROM pool WHERE name = ?1", bind_text1, name) > 0;
}

void store_free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

int store_categories(struct store *st, int year, struct category **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_prepare(st, "SELECT c.pool, c.name, c.points, c.sort_order FROM category c"
                                        " JOIN year_pool p ON p.year = c.year AND p.pool = c.pool"
                                        " WHERE c.year = ?1"
                                        " ORDER BY p.sort_order, c.sort_order, c.name");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        *out = xreallocarray(*out, *n + 1, sizeof **out);
        struct category *c = &(*out)[(*n)++];
        c->pool = column_strdup(s, 0);
        c->name = column_strdup(s, 1);
        c->points = sqlite3_column_double(s, 2);
        c->sort_order = sqlite3_column_int(s, 3);
    }
    /* A scan that stops on an error (a damaged page, I/O) must not pass for complete. */
    int status = step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取指标类别");
    sqlite3_finalize(s);
    if (status != STORE_OK) {
        store_free_categories(*out, *n);
        *out = NULL, *n = 0;
    }
    return status;
}

void store_free_categories(struct category *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(c[i].pool), free(c[i].name);
    free(c);
}

struct year_pool {
    int year;
    const char *pool;
};

static void bind_year_pool(sqlite3_stmt *s, const void *ctx)
{
    const struct year_pool *yp = ctx;
    sqlite3_bind_int(s, 1, yp->year);
    bind_text(s, 2, yp->pool);
}

double store_pool_key_points(struct store *st, int year, const char *pool)
{
    struct year_pool yp = {year, pool};
    /* Points are whole or half numbers in practice; count in hundredths to stay exact. */
    long long h = store_query_int(st, "SELECT coalesce(sum(round(points * 100)), 0) FROM category"
                                      " WHERE year = ?1 AND pool = ?2",
                                  bind_year_pool, &yp);
    return h < 0 ? 0 : (double)h / 100.0;
}
