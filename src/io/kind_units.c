/* units: 单位编码, 单位名称, 分组, *上级编码*, *负责人* (docs/csv.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/field.h"
#include "io/kind_row.h"
#include "model/xmalloc.h"

enum { U_CODE, U_NAME, U_POOL, U_PARENT, U_LEADER };
static const struct import_column unit_cols[] = {{"单位编码", "code", true},
                                                 {"单位名称", "name", true},
                                                 {"分组", "pool", true},
                                                 {"上级编码", "parent", false},
                                                 {"负责人", "leader", false}};

static void parse_unit(struct rowctx *c, struct import_row *r)
{
    struct unit *u = &r->v.unit;
    r->unit = krow_code(c, U_CODE, true);
    u->code = r->unit;
    u->name = krow_text_req(c, U_NAME);
    u->pool = krow_text_req(c, U_POOL);
    u->parent = krow_code(c, U_PARENT, false);
    u->leader = krow_text_opt(c, U_LEADER);
    if (r->unit && u->parent && strcmp(r->unit, u->parent) == 0)
        krow_error(c, U_PARENT, "单位不能是自己的上级");
}

static void free_unit(struct import_row *r)
{
    free(r->v.unit.name), free(r->v.unit.pool), free(r->v.unit.parent), free(r->v.unit.leader);
}

static char *key_unit(const struct import_row *r)
{
    return xstrdup(r->unit);
}

static size_t export_units(const struct export_source *src, const struct row_sink *out)
{
    for (size_t i = 0; i < src->n_units; i++) {
        const struct unit *u = &src->units[i];
        krow_put_text(out, u->code), krow_put_text(out, u->name), krow_put_text(out, u->pool);
        krow_put_text(out, u->parent), krow_put_text(out, u->leader);
        out->end_row(out->ctx);
    }
    return src->n_units;
}

const struct data_kind kind_units = {
    .name = "units",
    .sheet = "单位",
    .per_year = false,
    .cols = unit_cols,
    .n_cols = sizeof unit_cols / sizeof unit_cols[0],
    .dup_column = "单位编码",
    .dup_text = "重复 (同一单位编码)",
    .parse = parse_unit,
    .free_row = free_unit,
    .key = key_unit,
    .export_rows = export_units,
};
