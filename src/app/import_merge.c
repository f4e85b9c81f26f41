/* Keeping what the file does not say: an optional column the file lacks keeps the stored
 * value of an existing row (an empty cell clears it), and a ledger row without 编号 is the
 * stored record with the same content when there is one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import_checker.h"
#include "io/field.h"
#include "model/text.h"
#include "model/xmalloc.h"

/* ---- absent optional columns keep the database's values ---- */

static bool absent(const struct checker *c, const char *canonical)
{
    return !import_has_column(c->b, canonical);
}

static void keep_text(char **dst, const char *db)
{
    free(*dst);
    *dst = db ? xstrdup(db) : NULL;
}

void checker_merge_unit(struct checker *c, struct import_row *r)
{
    const struct unit *u = checker_find_unit(c, r->unit);
    if (!u)
        return;
    if (absent(c, "上级编码"))
        keep_text(&r->v.unit.parent, u->parent);
    if (absent(c, "负责人"))
        keep_text(&r->v.unit.leader, u->leader);
}

static int cmp_ledger_id(const void *a, const void *b)
{
    return strcmp((*(const struct ledger_entry *const *)a)->id,
                  (*(const struct ledger_entry *const *)b)->id);
}

/* Binary search over an id-sorted index: a re-imported ledger of n rows costs n log n, not n². */
static const struct ledger_entry *find_ledger(struct year_cache *y, const char *id)
{
    const struct year_data *yd = &y->yd;
    if (yd->n_ledger == 0)
        return NULL;
    if (!y->ledger_by_id) {
        y->ledger_by_id = xreallocarray(NULL, yd->n_ledger, sizeof *y->ledger_by_id);
        for (size_t i = 0; i < yd->n_ledger; i++)
            y->ledger_by_id[i] = &yd->ledger[i];
        qsort(y->ledger_by_id, yd->n_ledger, sizeof *y->ledger_by_id, cmp_ledger_id);
    }
    struct ledger_entry key;
    snprintf(key.id, sizeof key.id, "%s", id);
    const struct ledger_entry *pk = &key;
    const struct ledger_entry **hit =
        bsearch(&pk, y->ledger_by_id, yd->n_ledger, sizeof *y->ledger_by_id, cmp_ledger_id);
    return hit ? *hit : NULL;
}

static int cmp_content(const void *a, const void *b)
{
    return strcmp(((const struct content_ref *)a)->cid, ((const struct content_ref *)b)->cid);
}

/* A stored record whose content (year, unit, date, type, points, aspect, method, reason,
 * inspectors) gives the content id cid, whatever id it was stored under (records entered on
 * screen, or by the demo, have random ids). */
static const struct ledger_entry *find_same_content(struct year_cache *y, const char *cid)
{
    const struct year_data *yd = &y->yd;
    if (yd->n_ledger == 0)
        return NULL;
    if (!y->by_content) {
        y->by_content = xreallocarray(NULL, yd->n_ledger, sizeof *y->by_content);
        for (size_t i = 0; i < yd->n_ledger; i++) {
            const struct ledger_entry *e = &yd->ledger[i];
            import_ledger_content_id(y->year, yd->units[e->unit_index].code, e,
                                     y->by_content[i].cid);
            y->by_content[i].e = e;
        }
        qsort(y->by_content, yd->n_ledger, sizeof *y->by_content, cmp_content);
    }
    struct content_ref key;
    snprintf(key.cid, sizeof key.cid, "%s", cid);
    const struct content_ref *hit =
        bsearch(&key, y->by_content, yd->n_ledger, sizeof *y->by_content, cmp_content);
    return hit ? hit->e : NULL;
}

/* True when a row of the file names record id by its 编号 (io/import_rows.h: the index's
 * value says whether the file gave the key or derived it). */
static bool file_uses_id(struct checker *c, const char *id)
{
    const struct import_key *k = import_index_find(&c->b->index, id);
    return k && k->value != 0;
}

/* A row with a 编号 the store does not have, but with the content of a stored record: the same
 * deduction exported from another copy of the records (other random 编号) would otherwise be
 * counted twice. An error, unless the operator says they are separate records. */
static void report_duplicate(struct checker *c, const struct import_row *r, struct year_cache *y)
{
    char cid[KP_ID_LEN + 1], pts[40];
    import_ledger_content_id(r->year, r->unit, &r->v.ledger, cid);
    const struct ledger_entry *e = find_same_content(y, cid);
    if (!e || c->allow_duplicates)
        return;
    field_format_number(e->points, pts);
    import_error(c->probs, r->line, import_column_label(c->b, "编号"),
                 "编号「%s」是新的, 但内容与已有记录 %s 相同 (%s %s %s %s 分「%.*s%s」): 可能是同一批"
                 "记录的另一份导出, 导入会重复扣分; 确是另一条记录时请加 --allow-duplicates",
                 r->v.ledger.id, e->id, r->unit, e->date, ledger_type_label(e->type), pts,
                 (int)text_cut_bytes(e->reason, 60), e->reason,
                 e->reason[text_cut_bytes(e->reason, 60)] ? "…" : "");
}

/* A ledger row without 编号 is the stored record with the same content, when there is one: so
 * an exported ledger whose 编号 column was deleted, or a file typed again from the same paper
 * records, never doubles a deduction. (Unless the file names that record by its 编号 in
 * another row: then this row is a new record.) */
void checker_match_content(struct checker *c, struct import_row *r, struct year_cache *y)
{
    if (find_ledger(y, r->v.ledger.id))
        return;
    if (!r->derived_id) {
        report_duplicate(c, r, y);
        return;
    }
    const struct ledger_entry *e = find_same_content(y, r->v.ledger.id);
    if (e && !file_uses_id(c, e->id))
        memcpy(r->v.ledger.id, e->id, sizeof r->v.ledger.id);
}

/* A stored progress row keeps the values of the optional columns the file leaves out. */
static void keep_progress(struct checker *c, struct quarter_progress *p,
                          const struct quarter_progress *dbq)
{
    if (!dbq->present)
        return;
    if (absent(c, "累计支出"))
        p->has_spent = dbq->has_spent, p->spent = dbq->spent;
    if (absent(c, "评分"))
        p->has_score = dbq->has_score, p->score = dbq->score;
    if (absent(c, "备注"))
        keep_text(&p->note, dbq->note);
    if (absent(c, "偏差原因"))
        keep_text(&p->deviation, dbq->deviation);
    if (absent(c, "整改措施"))
        keep_text(&p->action, dbq->action);
}

void checker_merge_dated(struct checker *c, struct import_row *r, struct year_cache *y)
{
    const struct target_item *it;
    switch (c->b->kind) {
    case KIND_TARGETS:
        if (!(it = checker_find_item(&y->yd, r->unit, r->v.target.code)))
            return;
        if (absent(c, "计量单位"))
            keep_text(&r->v.target.measure, it->measure);
        if (absent(c, "预算金额"))
            r->v.target.budget = it->budget;
        if (absent(c, "序时进度"))
            memcpy(r->v.target.schedule, it->schedule, sizeof it->schedule);
        return;
    case KIND_PROGRESS:
        if ((it = checker_find_item(&y->yd, r->unit, r->v.progress.item)))
            keep_progress(c, &r->v.progress.p, &it->q[r->v.progress.quarter - 1]);
        return;
    case KIND_LEDGER: {
        if (import_has_column(c->b, "方面") && import_has_column(c->b, "方式") &&
            import_has_column(c->b, "核验人") && import_has_column(c->b, "证据"))
            return; /* nothing to keep: skip the search */
        const struct ledger_entry *e = find_ledger(y, r->v.ledger.id);
        if (!e)
            return;
        const char *cols[] = {"方面", "方式", "核验人", "证据"};
        char **dst[] = {&r->v.ledger.aspect, &r->v.ledger.method, &r->v.ledger.inspectors,
                        &r->v.ledger.evidence};
        const char *src[] = {e->aspect, e->method, e->inspectors, e->evidence};
        for (int i = 0; i < 4; i++)
            if (absent(c, cols[i]))
                keep_text(dst[i], src[i]);
        return;
    }
    case KIND_APPRAISALS: {
        long ui = year_data_find_unit(&y->yd, r->unit);
        if (ui >= 0 && absent(c, "满意率") && y->yd.units[ui].has_appraisal) {
            r->v.appraisal.has_satisfaction = y->yd.units[ui].has_satisfaction;
            r->v.appraisal.satisfaction = y->yd.units[ui].satisfaction;
        }
        return;
    }
    case KIND_UNITS:
    case KIND_SCORES: /* 等次 aside, every column is required */
    case KIND_RANKING: case KIND_MONITOR: /* exported only: never imported */
    case KIND_CATEGORIES:
        return;
    }
}
