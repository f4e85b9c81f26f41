/* Approvals of 任务书 and the adjustments that follow them. */
#include "db/approvals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/load.h"
#include "db/store_internal.h"
#include "model/score.h"
#include "model/text.h"
#include "model/xmalloc.h"

static bool blank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return false;
    return true;
}

int store_target_approval_get(struct store *st, int year, const char *unit,
                              struct target_approval *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_prepare(st, "SELECT approved_on, approved_by FROM target_approval"
                                        " WHERE year = ?1 AND unit = ?2");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, unit);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->approved = true;
        snprintf(out->date, sizeof out->date, "%s", (const char *)sqlite3_column_text(s, 0));
        snprintf(out->by, sizeof out->by, "%s", (const char *)sqlite3_column_text(s, 1));
    }
    int status = rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK
                                                       : store_fail_sqlite(st, "读取任务书批复");
    sqlite3_finalize(s);
    return status;
}

int store_targets_approve(struct store *st, int year, const char *unit, const char *date,
                          const char *by)
{
    if (blank(by))
        return store_fail(st, STORE_INVALID, "批复须写明批准人");
    struct target_approval a;
    int rc = store_target_approval_get(st, year, unit, &a);
    if (rc != STORE_OK)
        return rc;
    if (a.approved)
        return store_fail(st, STORE_INVALID, "%d 年度单位 %s 的任务书已于 %s 由 %s 批复", year,
                          unit, a.date, a.by);
    sqlite3_stmt *s =
        store_prepare(st, "SELECT count(*) FROM target WHERE year = ?1 AND unit = ?2");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, unit);
    int n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    if (n == 0)
        return store_fail(st, STORE_INVALID, "%d 年度单位 %s 没有任务书指标, 无可批复", year, unit);
    s = store_prepare(st, "INSERT INTO target_approval(year, unit, approved_on, approved_by)"
                          " VALUES (?1, ?2, ?3, ?4)");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, unit);
    bind_text(s, 3, date);
    bind_text(s, 4, by);
    return store_step_done(st, s, "批复任务书");
}

/* The stored item (year, unit, code): its adjustable terms, category and method. */
struct stored_item {
    bool exists;
    struct item_terms terms;
    char category[256];
    char method[16];
};

static int read_stored(struct store *st, int year, const char *unit, const char *code,
                       struct stored_item *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_prepare(st, "SELECT points, target_value, budget, sched1, sched2,"
                                        " sched3, sched4, category, method FROM target"
                                        " WHERE year = ?1 AND unit = ?2 AND item = ?3");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, unit);
    bind_text(s, 3, code);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->exists = true;
        out->terms.points = sqlite3_column_double(s, 0);
        out->terms.target = sqlite3_column_double(s, 1);
        out->terms.budget = sqlite3_column_double(s, 2);
        for (int q = 0; q < KP_QUARTERS; q++)
            out->terms.schedule[q] = sqlite3_column_double(s, 3 + q);
        snprintf(out->category, sizeof out->category, "%s", (const char *)sqlite3_column_text(s, 7));
        snprintf(out->method, sizeof out->method, "%s", (const char *)sqlite3_column_text(s, 8));
    }
    int status = rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK
                                                       : store_fail_sqlite(st, "读取任务书指标");
    sqlite3_finalize(s);
    return status;
}

static int insert_adjustment(struct store *st, int year, const char *unit, const char *code,
                             enum adj_field f, double old_v, double new_v,
                             const struct target_change *chg)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO target_adjustment(id, year, unit, item, field, old_value, new_value,"
            " from_quarter, reason, approved_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
            " ?7, ?8, ?9, ?10, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    if (!s)
        return STORE_ERROR;
    char id[KP_ID_LEN + 1];
    store_new_id(id);
    bind_text(s, 1, id);
    sqlite3_bind_int(s, 2, year);
    bind_text(s, 3, unit);
    bind_text(s, 4, code);
    bind_text(s, 5, adj_field_token(f));
    sqlite3_bind_double(s, 6, old_v);
    sqlite3_bind_double(s, 7, new_v);
    sqlite3_bind_int(s, 8, chg->from_quarter);
    bind_text(s, 9, chg->reason);
    bind_text(s, 10, chg->approved_by);
    return store_step_done(st, s, "记录目标调整");
}

/* The first changed term's label in *what (NULL when none changed). */
static int changed_terms(const struct item_terms *old_t, const struct item_terms *new_t,
                         bool changed[ADJ_FIELD_COUNT], const char **what)
{
    int n = 0;
    *what = NULL;
    for (int f = 0; f < ADJ_FIELD_COUNT; f++) {
        changed[f] = score_micro(adjust_term(old_t, (enum adj_field)f)) !=
                     score_micro(adjust_term(new_t, (enum adj_field)f));
        if (changed[f] && n++ == 0)
            *what = adj_field_label((enum adj_field)f);
    }
    return n;
}

static bool change_complete(const struct target_change *chg)
{
    return chg && !blank(chg->reason) && !blank(chg->approved_by) && chg->from_quarter >= 1 &&
           chg->from_quarter <= KP_QUARTERS;
}

/* The refusals of a change to an approved item; STORE_OK when it may go ahead. */
static int check_approved_change(struct store *st, int year, const char *unit,
                                 const struct target_item *it, const struct stored_item *old,
                                 const struct target_change *chg, int n_changed,
                                 const char *what)
{
    if (!old->exists)
        return store_fail(st, STORE_INVALID,
                          "%d 年度单位 %s 的任务书已批复, 不能新增指标 %s", year, unit, it->code);
    if (strcmp(old->category, it->category) != 0 || strcmp(old->method, method_token(it->method)))
        return store_fail(st, STORE_INVALID,
                          "%d 年度单位 %s 的任务书已批复, 指标 %s 的类别和计分方式不能再改", year,
                          unit, it->code);
    if (n_changed > 0 && !change_complete(chg))
        return store_fail(st, STORE_INVALID,
                          "%d 年度单位 %s 的任务书已批复: 修改指标 %s 的%s是目标调整, 须给出"
                          "调整原因、批准人和起始季度 (1-4)",
                          year, unit, it->code, what);
    return STORE_OK;
}

int store_target_put_adjusted(struct store *st, int year, const char *unit,
                              const struct target_item *it, const struct target_change *chg,
                              enum store_put *res)
{
    struct target_approval a;
    int rc = store_target_approval_get(st, year, unit, &a);
    if (rc != STORE_OK || !a.approved)
        return rc != STORE_OK ? rc : store_target_write(st, year, unit, it, res);
    struct stored_item old;
    if ((rc = read_stored(st, year, unit, it->code, &old)) != STORE_OK)
        return rc;
    struct item_terms new_t;
    adjust_current_terms(it, &new_t);
    bool changed[ADJ_FIELD_COUNT] = {0};
    const char *what = NULL;
    int n = old.exists ? changed_terms(&old.terms, &new_t, changed, &what) : 0;
    rc = check_approved_change(st, year, unit, it, &old, chg, n, what);
    for (int f = 0; rc == STORE_OK && f < ADJ_FIELD_COUNT; f++)
        if (changed[f])
            rc = insert_adjustment(st, year, unit, it->code, (enum adj_field)f,
                                   adjust_term(&old.terms, (enum adj_field)f),
                                   adjust_term(&new_t, (enum adj_field)f), chg);
    return rc == STORE_OK ? store_target_write(st, year, unit, it, res) : rc;
}

static void fill_adjustment(sqlite3_stmt *s, struct target_adjustment *a, size_t unit_index)
{
    memset(a, 0, sizeof *a);
    snprintf(a->id, sizeof a->id, "%s", (const char *)sqlite3_column_text(s, 0));
    a->unit_index = unit_index;
    a->item = column_strdup(s, 2);
    adj_field_parse((const char *)sqlite3_column_text(s, 3), &a->field);
    a->old_value = sqlite3_column_double(s, 4);
    a->new_value = sqlite3_column_double(s, 5);
    a->from_quarter = sqlite3_column_int(s, 6);
    a->reason = column_strdup(s, 7);
    a->approved_by = column_strdup(s, 8);
    a->recorded_at = column_strdup(s, 9);
}

int store_load_adjustments(struct store *st, struct year_data *yd, const char *unit)
{
#define ADJ_SQL(filter)                                                                        \
    "SELECT id, unit, item, field, old_value, new_value, from_quarter, reason, approved_by,"   \
    " recorded_at FROM target_adjustment WHERE year = ?1" filter                              \
    " ORDER BY unit, item, recorded_at, rowid"
    sqlite3_stmt *s = store_prepare(st, unit ? ADJ_SQL(" AND unit = ?2") : ADJ_SQL(""));
#undef ADJ_SQL
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, yd->year);
    if (unit)
        bind_text(s, 2, unit);
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long u = year_data_find_unit(yd, (const char *)sqlite3_column_text(s, 1));
        if (u < 0)
            continue;
        if (yd->n_adjustments == cap) {
            cap = cap ? 2 * cap : 16;
            yd->adjustments = xreallocarray(yd->adjustments, cap, sizeof *yd->adjustments);
        }
        fill_adjustment(s, &yd->adjustments[yd->n_adjustments++], (size_t)u);
    }
    int status = step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取目标调整");
    sqlite3_finalize(s);
    return status;
}
