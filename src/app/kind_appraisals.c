/* appraisals (公众评议): 年度, 单位编码, 公众评议得分, *满意率* (docs/csv.md). The whole kind
 * (app/kinds.h): columns, parser, key, export writer, store writer; a stored 满意率 is kept when
 * the file lacks the column. Streamed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import.h"
#include "app/import_checker.h"
#include "app/kinds.h"
#include "db/units.h"
#include "io/kind_row.h"
#include "model/xmalloc.h"

enum { A_YEAR, A_UNIT, A_SCORE, A_SAT };
static const struct import_column appraisal_cols[] = {{"年度", "year", true},
                                                      {"单位编码", "unit", true},
                                                      {"公众评议得分", "score", true},
                                                      {"满意率", "satisfaction", false}};

static void parse_appraisal(struct rowctx *c, struct import_row *r)
{
    r->year = krow_year(c, A_YEAR);
    r->unit = krow_code(c, A_UNIT, true);
    krow_number(c, A_SCORE, true, LIMIT_APPRAISAL, &r->v.appraisal.score);
    r->v.appraisal.has_satisfaction =
        krow_number(c, A_SAT, false, LIMIT_PERCENT, &r->v.appraisal.satisfaction);
}

static void free_appraisal(struct import_row *r)
{
    (void)r; /* numbers only */
}

static char *key_appraisal(const struct import_row *r)
{
    return xasprintf("%d\x1f%s", r->year, r->unit);
}

static size_t export_appraisals(const struct export_source *src, const struct row_sink *out)
{
    const struct year_data *yd = src->yd;
    size_t rows = 0;
    for (size_t i = 0; i < yd->n_units; i++) {
        const struct unit *u = &yd->units[i];
        if (!u->has_appraisal)
            continue;
        krow_put_int(out, src->year);
        krow_put_text(out, u->code), krow_put_num(out, u->appraisal);
        krow_put_num_opt(out, u->has_satisfaction, u->satisfaction);
        out->end_row(out->ctx);
        rows++;
    }
    return rows;
}

/* ---- the store side ---- */

static int put_appraisal(struct store *st, struct import_row *r, const struct app_import_request *q,
               enum store_put *res)
{
    (void)q;
    return store_appraisal_put(st, r->year, r->unit, r->v.appraisal.score,
                               r->v.appraisal.has_satisfaction, r->v.appraisal.satisfaction, res);
}

/* A stored appraisal keeps its 满意率 when the file lacks the column. */
static void check_row_appraisal(struct checker *c, struct import_row *r, struct year_cache *y,
                                const struct unit *u)
{
    (void)u;
    long ui = year_data_find_unit(&y->yd, r->unit);
    if (ui >= 0 && checker_absent(c, "满意率") && y->yd.units[ui].has_appraisal) {
        r->v.appraisal.has_satisfaction = y->yd.units[ui].has_satisfaction;
        r->v.appraisal.satisfaction = y->yd.units[ui].satisfaction;
    }
}

static const struct kind_store appraisals_store = {
    .put = put_appraisal,
    .streamed = true,
    .check_row = check_row_appraisal,
};

const struct data_kind kind_appraisals = {
    .name = "appraisals",
    .sheet = "公众评议",
    .per_year = true,
    .reads = KIND_READS_APPRAISALS,
    .cols = appraisal_cols,
    .n_cols = sizeof appraisal_cols / sizeof appraisal_cols[0],
    .dup_column = "单位编码",
    .dup_text = "重复 (同一年度和单位)",
    .parse = parse_appraisal,
    .free_row = free_appraisal,
    .key = key_appraisal,
    .export_rows = export_appraisals,
    .store = &appraisals_store,
};
