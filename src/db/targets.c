/* Target items and quarterly progress. */
#include <stdio.h>
#include <string.h>

#include "db/approvals.h"
#include "db/store_internal.h"
#include "db/targets.h"

struct target_row {
    int year;
    const char *unit;
    const struct target_item *it;
};

static void bind_target(sqlite3_stmt *s, const void *ctx)
{
    const struct target_row *r = ctx;
    sqlite3_bind_int(s, 1, r->year);
    bind_text(s, 2, r->unit);
    bind_text(s, 3, r->it->code);
    bind_text(s, 4, r->it->category);
    bind_text(s, 5, r->it->name);
    sqlite3_bind_double(s, 6, r->it->points);
    bind_text(s, 7, method_token(r->it->method));
    sqlite3_bind_double(s, 8, r->it->target);
    bind_text(s, 9, r->it->measure && *r->it->measure ? r->it->measure : NULL);
    sqlite3_bind_double(s, 10, r->it->budget);
    for (int q = 0; q < KP_QUARTERS; q++)
        sqlite3_bind_double(s, 11 + q, r->it->schedule[q]);
}

/* Says which part of the reference is missing: the unit, the year, or the category. */
static int refuse_category(struct store *st, const struct target_row *r)
{
    if (store_query_int(st, "SELECT count(*) FROM unit WHERE code = ?2", bind_target, r) == 0)
        return store_fail(st, STORE_INVALID, "单位 %s 不存在", r->unit);
    if (store_query_int(st, "SELECT count(*) FROM year WHERE year = ?1", bind_target, r) == 0)
        return store_fail(st, STORE_INVALID, "%d 年度不存在", r->year);
    if (store_query_int(st, "SELECT count(*) FROM unit_year WHERE year = ?1 AND code = ?2",
                        bind_target, r) == 0)
        return store_fail(st, STORE_INVALID, "单位 %s 不在 %d 年度的被考核单位中 (已退出?)",
                          r->unit, r->year);
    return store_fail(st, STORE_INVALID, "%d 年度单位 %s 所在分组没有类别「%s」", r->year, r->unit,
                      r->it->category);
}

int store_target_put(struct store *st, int year, const char *unit, const struct target_item *it,
                     enum store_put *res)
{
    return store_target_put_adjusted(st, year, unit, it, NULL, res);
}

int store_target_write(struct store *st, int year, const char *unit, const struct target_item *it,
                       enum store_put *res)
{
    struct target_row r = {year, unit, it};
    long long ok = store_query_int(st,
                                   "SELECT count(*) FROM category c JOIN unit_year u"
                                   " ON u.pool = c.pool AND u.year = c.year"
                                   " WHERE c.year = ?1 AND u.code = ?2 AND c.name = ?4",
                                   bind_target, &r);
    if (ok < 0)
        return STORE_ERROR;
    if (ok == 0)
        return refuse_category(st, &r);
    return store_upsert(st,
                        "SELECT count(*) FROM target WHERE year = ?1 AND unit = ?2 AND item = ?3",
                        "INSERT INTO target(year, unit, item, category, name, points, method,"
                        " target_value, measure, budget, sched1, sched2, sched3, sched4)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
                        " ON CONFLICT DO UPDATE SET (category, name, points, method, target_value,"
                        " measure, budget, sched1, sched2, sched3, sched4) ="
                        " (?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
                        " WHERE (category, name, points, method, target_value, measure, budget,"
                        " sched1, sched2, sched3, sched4) IS NOT"
                        " (?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                        bind_target, &r, res, "保存任务书指标");
}

int store_target_delete(struct store *st, int year, const char *unit, const char *item)
{
    struct target_approval a;
    int rc = store_target_approval_get(st, year, unit, &a);
    if (rc != STORE_OK)
        return rc;
    if (a.approved)
        return store_fail(st, STORE_INVALID, "%d 年度单位 %s 的任务书已批复, 不能删除指标 %s",
                          year, unit, item);
    sqlite3_stmt *s =
        store_prepare(st, "SELECT count(*) FROM progress WHERE year = ?1 AND unit = ?2"
                          " AND item = ?3");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, unit);
    bind_text(s, 3, item);
    int n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    if (n > 0)
        return store_fail(st, STORE_INVALID, "指标 %s 已有 %d 个季度的进度, 请先删除进度", item, n);
    /* A rectification raised from the item's warning would point at nothing. */
    s = store_prepare(st, "SELECT count(*) FROM rectification WHERE year = ?1 AND unit = ?2"
                          " AND source_item = ?3");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, unit);
    bind_text(s, 3, item);
    n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    if (n > 0)
        return store_fail(st, STORE_INVALID, "指标 %s 已登记了 %d 条整改, 不能删除", item, n);
    s = store_prepare(st, "DELETE FROM target WHERE year = ?1 AND unit = ?2 AND item = ?3");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, unit);
    bind_text(s, 3, item);
    rc = store_step_done(st, s, "删除任务书指标");
    if (rc == STORE_OK && sqlite3_changes(store_db(st)) == 0)
        return store_fail(st, STORE_NOTFOUND, "%d 年度单位 %s 没有指标 %s", year, unit, item);
    return rc;
}

struct progress_row {
    int year;
    const char *unit, *item;
    int quarter;
    const struct quarter_progress *p;
};

/* Row r's 13 values at parameters base+1 .. base+13. */
static void bind_progress_at(sqlite3_stmt *s, int base, const struct progress_row *r)
{
    sqlite3_bind_int(s, base + 1, r->year);
    bind_text(s, base + 2, r->unit);
    bind_text(s, base + 3, r->item);
    sqlite3_bind_int(s, base + 4, r->quarter);
    bind_double_opt(s, base + 5, !r->p->no_actual, r->p->actual);
    bind_double_opt(s, base + 6, r->p->has_spent, r->p->spent);
    bind_double_opt(s, base + 7, r->p->has_score, r->p->score);
    bind_text(s, base + 8, r->p->note && *r->p->note ? r->p->note : NULL);
    bind_text(s, base + 9, r->p->deviation && *r->p->deviation ? r->p->deviation : NULL);
    bind_text(s, base + 10, r->p->action && *r->p->action ? r->p->action : NULL);
    bool decided = r->p->decision != DECISION_NONE;
    bind_text(s, base + 11, decided ? decision_token(r->p->decision) : NULL);
    bind_text(s, base + 12, decided ? r->p->decision_on : NULL);
    sqlite3_bind_int(s, base + 13, r->p->corrected);
}

static void bind_progress(sqlite3_stmt *s, const void *ctx)
{
    bind_progress_at(s, 0, ctx);
}

#define PROGRESS_UPSERT_SQL                                                                        \
    "INSERT INTO progress(year, unit, item, quarter, actual, spent, score, note, deviation,"       \
    " action, decision, decision_on, corrected) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"      \
    " ?10, ?11, ?12, ?13) ON CONFLICT DO UPDATE SET (actual, spent, score, note, deviation,"      \
    " action, decision, decision_on, corrected) = (?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"      \
    " WHERE (actual, spent, score, note, deviation, action, decision, decision_on, corrected)"    \
    " IS NOT (?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"

int store_progress_put(struct store *st, int year, const char *unit, const char *item, int quarter,
                       const struct quarter_progress *p, enum store_put *res)
{
    if (quarter < 1 || quarter > 4)
        return store_fail(st, STORE_INVALID, "季度 %d 无效 (应为 1-4)", quarter);
    struct progress_row r = {year, unit, item, quarter, p};
    return store_upsert(st,
                        "SELECT count(*) FROM progress WHERE year = ?1 AND unit = ?2 AND item = ?3"
                        " AND quarter = ?4",
                        PROGRESS_UPSERT_SQL, bind_progress, &r, res, "保存季度进度");
}

int store_progress_put_known(struct store *st, int year, const char *unit, const char *item,
                             int quarter, const struct quarter_progress *p, bool stored,
                             enum store_put *res)
{
    if (quarter < 1 || quarter > 4)
        return store_fail(st, STORE_INVALID, "季度 %d 无效 (应为 1-4)", quarter);
    struct progress_row r = {year, unit, item, quarter, p};
    return store_upsert_known(st, stored, PROGRESS_UPSERT_SQL, bind_progress, &r, res,
                              "保存季度进度");
}

/* The upsert of STORE_PROGRESS_MANY rows as one statement: the same writes, values and audit
 * rows as that many single upserts, without a statement's set-up (its trigger frames, its
 * statement journal) for each row: a third of the instructions of a row's write
 * (bench/README.md). Built once. */
static const char *progress_many_sql(void)
{
    static char sql[STORE_PROGRESS_MANY * 80 + 800];
    if (sql[0])
        return sql;
    size_t n = (size_t)snprintf(sql, sizeof sql, "INSERT INTO progress(year, unit, item, quarter,"
                                " actual, spent, score, note, deviation, action, decision,"
                                " decision_on, corrected) VALUES ");
    for (int r = 0; r < STORE_PROGRESS_MANY; r++) {
        n += (size_t)snprintf(sql + n, sizeof sql - n, "%s(", r ? ", " : "");
        for (int c = 1; c <= 13; c++)
            n += (size_t)snprintf(sql + n, sizeof sql - n, "?%d%s", 13 * r + c, c < 13 ? "," : ")");
    }
    snprintf(sql + n, sizeof sql - n,
             " ON CONFLICT DO UPDATE SET (actual, spent, score, note, deviation, action, decision,"
             " decision_on, corrected) = (excluded.actual, excluded.spent, excluded.score,"
             " excluded.note, excluded.deviation, excluded.action, excluded.decision,"
             " excluded.decision_on, excluded.corrected) WHERE (actual, spent, score, note,"
             " deviation, action, decision, decision_on, corrected) IS NOT (excluded.actual,"
             " excluded.spent, excluded.score, excluded.note, excluded.deviation,"
             " excluded.action, excluded.decision, excluded.decision_on, excluded.corrected)");
    return sql;
}

/* One at a time; the first failure's row in *failed. */
static int progress_each(struct store *st, const struct progress_put *rows, size_t n,
                         size_t *failed)
{
    for (size_t i = 0; i < n; i++) {
        const struct progress_put *r = &rows[i];
        int rc = store_progress_put_known(st, r->year, r->unit, r->item, r->quarter, r->p,
                                          r->stored, NULL);
        if (rc != STORE_OK) {
            *failed = i;
            return rc;
        }
    }
    return STORE_OK;
}

int store_progress_put_many(struct store *st, const struct progress_put *rows, size_t n,
                            size_t *failed)
{
    *failed = 0;
    if (n != STORE_PROGRESS_MANY)
        return progress_each(st, rows, n, failed);
    sqlite3_stmt *s = store_cached(st, progress_many_sql());
    if (!s)
        return STORE_ERROR;
    for (size_t i = 0; i < n; i++) {
        struct progress_row r = {rows[i].year, rows[i].unit, rows[i].item, rows[i].quarter,
                                 rows[i].p};
        bind_progress_at(s, 13 * (int)i, &r);
    }
    int rc = sqlite3_step(s);
    store_cached_done(s);
    if (rc == SQLITE_DONE)
        return store_wrote(st, sqlite3_changes(store_db(st)));
    /* The statement is undone (its own journal); the rows one at a time find the one that
     * failed and its message. Unless SQLite ended the whole transaction: then nothing more. */
    if (sqlite3_get_autocommit(store_db(st)))
        return store_fail_sqlite(st, "保存季度进度");
    return progress_each(st, rows, n, failed);
}

int store_progress_delete(struct store *st, int year, const char *unit, const char *item,
                          int quarter)
{
    sqlite3_stmt *s = store_prepare(st, "DELETE FROM progress WHERE year = ?1 AND unit = ?2"
                                        " AND item = ?3 AND quarter = ?4");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, unit);
    bind_text(s, 3, item);
    sqlite3_bind_int(s, 4, quarter);
    return store_step_done(st, s, "删除季度进度");
}
