/* categories (指标类别): 年度, 分组, 类别, 分值 (docs/csv.md, docs/scheme.md). A file gives the
 * whole list of each pool it names, in order: import replaces that pool's categories. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/kind_row.h"
#include "model/xmalloc.h"

enum { C_YEAR, C_POOL, C_NAME, C_POINTS };
static const struct import_column category_cols[] = {{"年度", "year", true},
                                                     {"分组", "pool", true},
                                                     {"类别", "category", true},
                                                     {"分值", "points", true}};

static void parse_category(struct rowctx *c, struct import_row *r)
{
    struct category *k = &r->v.category;
    r->year = krow_year(c, C_YEAR);
    k->pool = krow_text_req(c, C_POOL);
    k->name = krow_text_req(c, C_NAME);
    krow_number(c, C_POINTS, true, LIMIT_SHARE, &k->points);
}

static void free_category(struct import_row *r)
{
    free(r->v.category.pool), free(r->v.category.name);
}

static char *key_category(const struct import_row *r)
{
    return xasprintf("%d\x1f%s\x1f%s", r->year, r->v.category.pool ? r->v.category.pool : "",
                     r->v.category.name ? r->v.category.name : "");
}

static size_t export_categories(const struct export_source *src, const struct row_sink *out)
{
    const struct year_data *yd = src->yd;
    for (size_t i = 0; i < yd->n_categories; i++) {
        const struct category *k = &yd->categories[i];
        krow_put_int(out, src->year);
        krow_put_text(out, k->pool), krow_put_text(out, k->name), krow_put_num(out, k->points);
        out->end_row(out->ctx);
    }
    return yd->n_categories;
}

const struct data_kind kind_categories = {
    .name = "categories",
    .sheet = "指标类别",
    .per_year = true,
    .cols = category_cols,
    .n_cols = sizeof category_cols / sizeof category_cols[0],
    .dup_column = "类别",
    .dup_text = "重复 (同一年度、分组和类别)",
    .parse = parse_category,
    .free_row = free_category,
    .key = key_category,
    .export_rows = export_categories,
};
