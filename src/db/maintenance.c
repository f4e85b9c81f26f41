/* check and backup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/maintenance.h"
#include "db/bounds.h"
#include "db/check_codes.h"
#include "db/store_internal.h"
#include "model/rules.h"

/* Each domain check is a query whose rows are findings: (message). */
struct domain_check {
    enum check_severity sev;
    const char *sql;
};

static const struct domain_check domain_checks[] = {
    /* A pool's categories must add up to the key points of the scheme (e.g. 90). */
    {CHECK_ERROR,
     "SELECT c.year || ' 年度「' || c.pool || '」的类别分值合计 ' || printf('%.2f', sum(c.points))"
     " || ', 应为集中考核分值 ' || printf('%.2f', s.half_share + s.year_share)"
     " FROM category c JOIN scheme s ON s.year = c.year"
     /* with score sources the key items' share differs by pool (db/check_sources.c) */
     " WHERE NOT EXISTS (SELECT 1 FROM score_source ss WHERE ss.year = c.year)"
     " GROUP BY c.year, c.pool"
     " HAVING abs(sum(c.points) - (s.half_share + s.year_share)) > " RULES_SUM_TOLERANCE_SQL},
    {CHECK_ERROR,
     "SELECT t.year || ' 年度单位 ' || t.unit || ' 的指标 ' || t.item || ' 使用了分组「' || u.pool"
     " || '」中不存在的类别「' || t.category || '」'"
     " FROM target t JOIN unit_year u ON u.code = t.unit AND u.year = t.year"
     " WHERE NOT EXISTS (SELECT 1 FROM category c WHERE c.year = t.year AND c.pool = u.pool"
     " AND c.name = t.category)"},
    {CHECK_ERROR, "SELECT '单位 ' || code || ' 的上级单位 ' || parent || ' 不存在' FROM unit"
                  " WHERE parent IS NOT NULL AND parent NOT IN (SELECT code FROM unit)"},
    /* Units per year (docs/store.md): a year's data must belong to a unit of that year. */
    {CHECK_ERROR,
     "SELECT d.year || ' 年度单位 ' || d.unit || ' 有' || d.what || ', 但不在该年度的被考核单位中'"
     " FROM (SELECT DISTINCT year, unit, '任务书' AS what FROM target UNION"
     " SELECT DISTINCT year, unit, '加减分记录' FROM ledger UNION"
     " SELECT year, unit, '公众评议' FROM appraisal) d WHERE NOT EXISTS (SELECT 1 FROM"
     " unit_year u WHERE u.year = d.year AND u.code = d.unit)"},
    /* A carried rectification names its original (year new --carry-rectifications). */
    {CHECK_ERROR,
     "SELECT '整改记录 ' || substr(r.id, 1, 8) || ' 结转自 ' || substr(r.carried_from, 1, 8)"
     " || ', 但原记录不存在或不属于更早的年度' FROM rectification r WHERE r.carried_from IS NOT NULL"
     " AND NOT EXISTS (SELECT 1 FROM rectification o WHERE o.id = r.carried_from"
     " AND o.year < r.year AND o.unit = r.unit)"},
    {CHECK_ERROR, "SELECT y.year || ' 年度缺少考核方案' FROM year y WHERE NOT EXISTS"
                  " (SELECT 1 FROM scheme s WHERE s.year = y.year)"},
    {CHECK_ERROR,
     "SELECT t.year || ' 年度单位 ' || t.unit || ' 的指标 ' || t.item || ' 序时进度不是递增的 "
     "0-100: '"
     " || sched1 || '/' || sched2 || '/' || sched3 || '/' || sched4 FROM target t"
     " WHERE NOT (0 <= sched1 AND sched1 <= sched2 AND sched2 <= sched3 AND sched3 <= sched4"
     " AND sched4 <= 100)"},
    /* Rectification sources are plain columns (no foreign key in schema v1): check them. */
    {CHECK_ERROR,
     "SELECT '整改记录 ' || substr(r.id, 1, 8) || ' 的来源指标 ' || r.year || '/' || r.unit || '/'"
     " || r.source_item || ' 不存在' FROM rectification r WHERE r.source_item IS NOT NULL"
     " AND r.source_item <> '' AND NOT EXISTS (SELECT 1 FROM target t WHERE t.year = r.year"
     " AND t.unit = r.unit AND t.item = r.source_item)"},
    {CHECK_ERROR,
     "SELECT '整改记录 ' || substr(r.id, 1, 8) || ' 的来源台账记录 ' || r.source_ledger"
     " || ' 不存在 (或不属于 ' || r.year || ' 年度单位 ' || r.unit || ')' FROM rectification r"
     " WHERE r.source_ledger IS NOT NULL AND r.source_ledger <> '' AND NOT EXISTS (SELECT 1"
     " FROM ledger l WHERE l.id = r.source_ledger AND l.year = r.year AND l.unit = r.unit)"},
    {CHECK_NOTE,
     "SELECT t.year || ' 年度单位 ' || t.unit || '「' || t.category || '」指标分值合计 '"
     " || printf('%.2f', sum(t.points)) || ', 类别分值为 ' || printf('%.2f', c.points)"
     " FROM target t JOIN unit_year u ON u.code = t.unit AND u.year = t.year"
     " JOIN category c ON c.year = t.year"
     " AND c.pool = u.pool AND c.name = t.category GROUP BY t.year, t.unit, t.category"
     " HAVING abs(sum(t.points) - c.points) > " RULES_SUM_TOLERANCE_SQL},
    {CHECK_NOTE,
     "SELECT y.year || ' 年度第 ' || q.n || ' 季度有 ' || count(*) || ' 条指标尚未填报进度'"
     " FROM year y JOIN (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) q"
     " JOIN target t ON t.year = y.year"
     " WHERE NOT EXISTS (SELECT 1 FROM progress p WHERE p.year = t.year AND p.unit = t.unit"
     " AND p.item = t.item AND p.quarter = q.n) GROUP BY y.year, q.n"},
    /* The next year has begun and an open rectification stayed behind: the office either
     * closes it or registers it again (issue 15: carry-over). */
    {CHECK_NOTE,
     "SELECT r.year || ' 年度有 ' || count(*) || ' 条未完成的整改, ' || (r.year + 1)"
     " || ' 年度已建立但没有结转它们: 请完成销号, 或在新年度重新登记'"
     " FROM rectification r WHERE r.status = 'open' AND EXISTS (SELECT 1 FROM year y"
     " WHERE y.year = r.year + 1) AND NOT EXISTS (SELECT 1 FROM rectification c"
     " WHERE c.carried_from = r.id) GROUP BY r.year"},
    {CHECK_NOTE,
     "SELECT y.year || ' 年度有 ' || count(*) || ' 个单位没有公众评议得分' FROM year y"
     " JOIN unit_year u ON u.year = y.year WHERE EXISTS (SELECT 1 FROM target t"
     " WHERE t.year = y.year AND t.unit = u.code)"
     " AND NOT EXISTS (SELECT 1 FROM appraisal a WHERE a.year = y.year AND a.unit = u.code)"
     " GROUP BY y.year"},
    /* Approved targets and stages (docs/scoring.md): what the year as it runs should have. */
    {CHECK_NOTE,
     "SELECT year || ' 年度单位 ' || unit || ' 指标 ' || item || ' 的目标调整 (' ||"
     " substr(recorded_at, 1, 10) || ') 没有写明' || CASE WHEN trim(coalesce(reason, '')) = ''"
     " THEN '原因' ELSE '批准人' END FROM target_adjustment WHERE trim(coalesce(reason, '')) = ''"
     " OR trim(coalesce(approved_by, '')) = '' ORDER BY year, unit, item, recorded_at"},
    {CHECK_NOTE,
     "SELECT t.year || ' 年度有 ' || count(DISTINCT t.unit) || ' 个单位的任务书尚未批复, 而该年度"
     "已有第2季度及以后的进度 (kaoping targets approve)' FROM target t"
     " WHERE NOT EXISTS (SELECT 1 FROM target_approval a WHERE a.year = t.year AND a.unit = t.unit)"
     " AND EXISTS (SELECT 1 FROM progress p WHERE p.year = t.year AND p.quarter >= 2)"
     " GROUP BY t.year"},
    {CHECK_NOTE,
     "SELECT y.year || ' 年度已有半年 (第2季度) 进度, 但半年初评尚未发布 (kaoping publish --year '"
     " || y.year || ' --stage half)' FROM year y JOIN scheme s ON s.year = y.year"
     " WHERE s.half_share > 0"
     " AND EXISTS (SELECT 1 FROM progress p WHERE p.year = y.year AND p.quarter >= 2)"
     " AND NOT EXISTS (SELECT 1 FROM publication b WHERE b.year = y.year AND b.stage = 'half')"},
};

static int run_rows(struct store *st, const char *sql, enum check_severity sev,
                    check_report_fn report, void *ctx, const char *skip_ok)
{
    sqlite3_stmt *s = store_prepare(st, sql);
    if (!s)
        return STORE_ERROR;
    int n = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *msg = (const char *)sqlite3_column_text(s, 0);
        if (skip_ok && msg && strcmp(msg, skip_ok) == 0)
            continue;
        report(ctx, sev, msg ? msg : "(null)");
        n++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail_sqlite(st, "检查");
    return n;
}

int store_check(struct store *st, check_report_fn report, void *ctx)
{
    int errors = run_rows(st, "PRAGMA integrity_check", CHECK_ERROR, report, ctx, "ok");
    if (errors < 0)
        return STORE_ERROR;
    int n = run_rows(st,
                     "SELECT '外键引用失效: 表 ' || \"table\" || ' 第 ' || rowid || ' 行引用 '"
                     " || parent || ' 中不存在的行' FROM pragma_foreign_key_check",
                     CHECK_ERROR, report, ctx, NULL);
    if (n < 0)
        return STORE_ERROR;
    errors += n;
    for (size_t i = 0; i < sizeof domain_checks / sizeof domain_checks[0]; i++) {
        n = run_rows(st, domain_checks[i].sql, domain_checks[i].sev, report, ctx, NULL);
        if (n < 0)
            return STORE_ERROR;
        if (domain_checks[i].sev == CHECK_ERROR)
            errors += n;
    }
    n = store_check_sources(st, report, ctx);
    if (n < 0)
        return STORE_ERROR;
    errors += n;
    n = store_check_bounds(st, report, ctx);
    if (n < 0)
        return STORE_ERROR;
    errors += n;
    n = store_check_codes(st, report, ctx);
    if (n < 0)
        return STORE_ERROR;
    errors += n;
    n = store_audit_verify(st, report, ctx, NULL);
    return n < 0 ? STORE_ERROR : errors + n;
}

int store_backup_into(struct store *st, const char *path)
{
    sqlite3_stmt *s = store_prepare(st, "VACUUM INTO ?1");
    if (!s)
        return STORE_ERROR;
    bind_text(s, 1, path);
    int rc = store_step_done(st, s, "备份");
    /* The copy's disk, not the database's: the database was only read. */
    const char *why = rc == STORE_OK ? NULL : store_no_room(st);
    if (why)
        return store_fail(st, STORE_ERROR,
                          "%s, 没有写出文件 (数据库本身未改动); " STORE_NO_ROOM_HINT, why);
    return rc;
}

int store_wipe(struct store *st, const char *reason)
{
    /* A locked year is unlocked first, the reason kept in its lock note (and so in the audit
     * row of the unlock). */
    sqlite3_stmt *unlock = store_prepare(st, "UPDATE year SET locked = 0, lock_note ="
                                             " '清空数据 (demo --force)' || coalesce(': ' || ?1, '')"
                                             " WHERE locked = 1");
    if (unlock)
        bind_text(unlock, 1, reason && *reason ? reason : NULL);
    if (store_step_done(st, unlock, "清空数据") != STORE_OK)
        return STORE_ERROR;
    /* Published snapshots are immutable (schema v6) except to this reset of the whole file:
     * their guards are lifted and restored inside the caller's transaction, and the audit
     * log records every row deleted. */
    if (schema_snapshot_delete_guards(st, false) != STORE_OK)
        return STORE_ERROR;
    static const char *const steps[] = {
        "DELETE FROM publication_row",
        "DELETE FROM publication",
        "DELETE FROM target_adjustment",
        "DELETE FROM target_approval",
        "DELETE FROM rectification",
        "DELETE FROM progress",
        "DELETE FROM target",
        "DELETE FROM ledger",
        "DELETE FROM appraisal",
        "DELETE FROM score",
        "DELETE FROM score_source",
        "DELETE FROM grade",
        "DELETE FROM category",
        "DELETE FROM scheme",
        "DELETE FROM unit_year",
        "DELETE FROM year_pool",
        "DELETE FROM unit_retired",
        "DELETE FROM year",
        "UPDATE unit SET parent = NULL",
        "DELETE FROM unit",
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (store_step_done(st, store_prepare(st, steps[i]), "清空数据") != STORE_OK)
            return STORE_ERROR;
    return schema_snapshot_delete_guards(st, true);
}
