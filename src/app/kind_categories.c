/* categories (指标类别): 年度, 分组, 类别, 分值 (docs/csv.md, docs/scheme.md). A file gives the
 * whole list of each pool it names, in order: import replaces that pool's categories. The whole
 * kind (app/kinds.h): columns, parser, key, export writer, store writer, the pool checks, and
 * the rules over a pool's whole list once it is written (finish). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import.h"
#include "app/import_checker.h"
#include "app/kinds.h"
#include "db/categories.h"
#include "db/pools.h"
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

/* ---- the store side ---- */

static int put_category(struct store *st, struct import_row *r, const struct app_import_request *q,
                        enum store_put *res)
{
    (void)q;
    return store_category_upsert(st, r->year, r->v.category.pool, &r->v.category, res);
}

/* categories: an open year and one of its pools; each row's place in its pool's list is its
 * sort order (1, 2, ...: an exported file reads back unchanged). The rules on a pool's whole
 * list (its sum, a category dropped while items use it) are the store's, once every row is
 * written (app/import.c). */
static void check_categories(struct checker *c)
{
    for (size_t i = 0; i < c->b->n; i++) {
        struct import_row *r = &c->b->rows[i];
        r->v.category.sort_order = 1;
        for (size_t j = 0; j < i; j++)
            r->v.category.sort_order += c->b->rows[j].year == r->year &&
                                        strcmp(c->b->rows[j].v.category.pool, r->v.category.pool) == 0;
        struct year_cache *y = checker_year(c, r->year, false);
        if (!y)
            break;
        if (checker_year_writable(c, y, r->line) && !store_year_has_pool(c->st, r->year, r->v.category.pool))
            import_error(c->probs, r->line, checker_label(c, "分组"),
                         "%d 年度没有分组「%s」 (先用 kaoping pool add 添加)", r->year,
                         r->v.category.pool);
    }
}

static void check_all_categories(struct checker *c, size_t *order)
{
    (void)order;
    check_categories(c);
}

/* A categories file gives each named pool's whole list: the categories it leaves out go (not
 * while items use them) and the pool's sum must hold (docs/scheme.md). Problems are reported
 * on the pool's first row. */
static int finish_categories(struct store *st, struct import_batch *b,
                             struct import_problems *probs)
{
    int rc = STORE_OK;
    char **names = xcalloc(b->n ? b->n : 1, sizeof *names);
    for (size_t i = 0; i < b->n && rc == STORE_OK; i++) {
        const struct import_row *r = &b->rows[i];
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = b->rows[j].year == r->year &&
                   strcmp(b->rows[j].v.category.pool, r->v.category.pool) == 0;
        if (seen)
            continue;
        size_t n = 0;
        for (size_t j = i; j < b->n; j++)
            if (b->rows[j].year == r->year &&
                strcmp(b->rows[j].v.category.pool, r->v.category.pool) == 0)
                names[n++] = b->rows[j].v.category.name;
        rc = store_categories_keep_only(st, r->year, r->v.category.pool, names, n);
        if (rc == STORE_OK)
            rc = store_category_check_sum(st, r->year, r->v.category.pool);
        if (rc != STORE_OK)
            import_error(probs, r->line, NULL, "%s", store_errmsg(st));
    }
    free(names);
    return rc;
}

static const struct kind_store categories_store = {
    .put = put_category,
    .check_all = check_all_categories,
    .finish = finish_categories,
};

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
    .store = &categories_store,
};
