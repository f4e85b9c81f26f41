/* A new year from the last one (docs/store.md, "A new year from the last one"). */
#include <stdio.h>
#include <string.h>

#include "db/store_internal.h"
#include "db/year_new.h"
#include "db/years.h"

/* The 任务书 of the units of the new year. The column list is explicit: progress is another
 * table and is not copied, and anything not listed (such as an approval) starts empty. */
static const char copy_targets_sql[] =
    "INSERT INTO target(year, unit, item, category, name, points, method, target_value, measure,"
    " budget, sched1, sched2, sched3, sched4)"
    " SELECT ?1, t.unit, t.item, t.category, t.name, t.points, t.method, t.target_value,"
    " t.measure, t.budget, t.sched1, t.sched2, t.sched3, t.sched4 FROM target t"
    " WHERE t.year = ?2 AND EXISTS (SELECT 1 FROM unit_year u WHERE u.year = ?1"
    " AND u.code = t.unit) ORDER BY t.unit, t.item";

/* A carried rectification is a new record of the new year (its own id, open, registered
 * today) with the original's text and deadline and carried_from naming the original; the
 * source item or ledger record belongs to the old year and stays with the original. */
static const char carry_sql[] =
    "INSERT INTO rectification(id, year, unit, text, deadline, status, created_at, carried_from)"
    " SELECT lower(hex(randomblob(16))), ?1, r.unit, r.text, r.deadline, 'open', ?3, r.id"
    " FROM rectification r WHERE r.year = ?2 AND r.status = 'open' AND EXISTS (SELECT 1"
    " FROM unit_year u WHERE u.year = ?1 AND u.code = r.unit) ORDER BY r.created_at, r.id";

static int run_copy(struct store *st, const char *sql, const struct year_new_request *r,
                    long long *count, const char *what)
{
    sqlite3_stmt *s = store_prepare(st, sql);
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, r->year);
    sqlite3_bind_int(s, 2, r->from);
    if (sqlite3_bind_parameter_count(s) >= 3)
        bind_text(s, 3, r->today);
    int rc = store_step_done(st, s, what);
    if (rc == STORE_OK)
        *count = sqlite3_changes(store_db(st));
    return rc;
}

struct two_years {
    int year, to;
};

static void bind_two(sqlite3_stmt *s, const void *ctx)
{
    const struct two_years *t = ctx;
    sqlite3_bind_int(s, 1, t->year);
    sqlite3_bind_int(s, 2, t->to);
}

long long store_year_open_rectifications(struct store *st, int year, int to)
{
    struct two_years t = {year, to};
    return store_query_int(st,
                           "SELECT count(*) FROM rectification r WHERE r.year = ?1"
                           " AND r.status = 'open' AND CASE WHEN EXISTS (SELECT 1 FROM year"
                           " WHERE year = ?2) THEN EXISTS (SELECT 1 FROM unit_year u"
                           " WHERE u.year = ?2 AND u.code = r.unit) ELSE NOT EXISTS (SELECT 1"
                           " FROM unit_retired x WHERE x.code = r.unit AND x.from_year <= ?2)"
                           " AND EXISTS (SELECT 1 FROM unit_year u WHERE u.year = ?1"
                           " AND u.code = r.unit) END",
                           bind_two, &t);
}

int store_year_new(struct store *st, const struct year_new_request *r, struct year_new_result *out)
{
    memset(out, 0, sizeof *out);
    if (!store_year_exists(st, r->from))
        return store_fail(st, STORE_NOTFOUND, "%d 年度不存在", r->from);
    if (r->year == r->from)
        return store_fail(st, STORE_INVALID, "新年度不能与来源年度相同 (%d)", r->year);
    int rc = store_year_copy(st, r->year, r->from);
    struct two_years t = {r->year, r->year};
    if (rc == STORE_OK)
        out->units = store_query_int(st, "SELECT count(*) FROM unit_year WHERE year = ?1",
                                     bind_two, &t);
    if (rc == STORE_OK && r->with_targets)
        rc = run_copy(st, copy_targets_sql, r, &out->targets, "复制任务书");
    if (rc == STORE_OK && r->carry_rectifications)
        rc = run_copy(st, carry_sql, r, &out->carried, "结转整改");
    if (rc == STORE_OK && r->carry_rectifications) {
        t.year = r->from;
        long long all = store_query_int(st, "SELECT count(*) FROM rectification WHERE year = ?1"
                                            " AND status = 'open'",
                                        bind_two, &t);
        if (all < 0)
            return STORE_ERROR;
        out->not_carried = all - out->carried;
    }
    return rc;
}
