/* The conflicts' words and a copied list of them (field_conflicts.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/field_conflicts.h"
#include "db/store.h"
#include "model/xmalloc.h"

const char *field_conflict_kind_text(const struct field_conflict *c)
{
    static const char *const kinds[][2] = {
        {"update", "两边都改了"}, {"delete", "县里改了, 笔记本删了"}, {"insert", "两边都新增了"}};
    if (strcmp(c->kind, "update") == 0 && !c->county)
        return "县里删了, 笔记本改了";
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(c->kind, kinds[i][0]) == 0)
            return kinds[i][1];
    return c->kind;
}

const char *field_conflict_status_text(const struct field_conflict *c)
{
    if (strcmp(c->status, "open") == 0)
        return "";
    return strcmp(c->status, "laptop") == 0 ? "已处理: 采用笔记本的值" : "已处理: 保留县里的值";
}

const char *field_conflict_table_text(const char *table)
{
    static const char *const names[][2] = {{"progress", "季度进度"},  {"ledger", "加减分台账"},
                                           {"rectification", "整改"}, {"target", "任务书"},
                                           {"appraisal", "公众评议"}, {"unit", "单位"},
                                           {"year", "年度"},          {"scheme", "考核方案"},
                                           {"category", "指标类别"},  {"pool", "分组"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(table, names[i][0]) == 0)
            return names[i][1];
    return table;
}

void field_conflict_row_text(const struct field_conflict *c, char *buf, size_t sz)
{
    int year = 0, quarter = 0;
    char unit[64], item[64];
    const char *t = c->table;
    if (strcmp(t, "progress") == 0 &&
        sscanf(c->key, "%d/%63[^/]/%63[^/]/%d", &year, unit, item, &quarter) == 4)
        snprintf(buf, sz, "%s 第%d季度", item, quarter);
    else if (strcmp(t, "target") == 0 && sscanf(c->key, "%d/%63[^/]/%63s", &year, unit, item) == 3)
        snprintf(buf, sz, "%s", item);
    else if (strcmp(t, "ledger") == 0 || strcmp(t, "rectification") == 0)
        snprintf(buf, sz, "记录 %.6s", c->key);
    else if (strcmp(t, "appraisal") == 0 || strcmp(t, "unit") == 0)
        snprintf(buf, sz, "%s", "");
    else
        snprintf(buf, sz, "%s", c->key);
}

static const char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static void keep_one(void *ctx, const struct field_conflict *c)
{
    struct field_conflict_list *l = ctx;
    l->items = xrealloc(l->items, (l->n + 1) * sizeof *l->items);
    struct field_conflict *d = &l->items[l->n++];
    d->id = c->id;
    d->label = dup_or_null(c->label);
    d->table = dup_or_null(c->table);
    d->key = dup_or_null(c->key);
    d->kind = dup_or_null(c->kind);
    d->checkout = dup_or_null(c->checkout);
    d->county = dup_or_null(c->county);
    d->laptop = dup_or_null(c->laptop);
    d->status = dup_or_null(c->status);
    d->unit = dup_or_null(c->unit);
}

int field_conflict_list_load(struct store *st, bool all, struct field_conflict_list *out)
{
    out->items = NULL;
    out->n = 0;
    int n = field_conflicts(st, all, keep_one, out);
    return n < 0 ? n : STORE_OK;
}

void field_conflict_list_free(struct field_conflict_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct field_conflict *c = &l->items[i];
        const char *s[] = {c->label,  c->table,  c->key,    c->kind, c->checkout,
                           c->county, c->laptop, c->status, c->unit};
        for (size_t k = 0; k < sizeof s / sizeof s[0]; k++)
            free((char *)s[k]);
    }
    free(l->items);
    l->items = NULL;
    l->n = 0;
}
