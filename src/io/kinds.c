/* The table of data kinds (see kinds.h): one row per kind, in enum import_kind order. */
#include "io/kinds.h"

#include <string.h>

#include "io/rows.h"

static const struct data_kind *const kinds[IMPORT_KIND_COUNT] = {
    [KIND_UNITS] = &kind_units,           [KIND_TARGETS] = &kind_targets,
    [KIND_PROGRESS] = &kind_progress,     [KIND_LEDGER] = &kind_ledger,
    [KIND_APPRAISALS] = &kind_appraisals, [KIND_CATEGORIES] = &kind_categories,
    [KIND_SCORES] = &kind_scores,
    [KIND_RANKING] = &kind_ranking,       [KIND_MONITOR] = &kind_monitor,
};

const struct data_kind *kind_get(enum import_kind k)
{
    return kinds[k];
}

bool import_kind_parse(const char *s, enum import_kind *out)
{
    for (int k = 0; k < IMPORT_KIND_COUNT; k++)
        if (strcmp(s, kinds[k]->name) == 0) {
            *out = (enum import_kind)k;
            return true;
        }
    return false;
}

const char *import_kind_name(enum import_kind k)
{
    return kinds[k]->name;
}

const struct import_column *import_columns(enum import_kind k, size_t *n)
{
    *n = kinds[k]->n_cols;
    return kinds[k]->cols;
}

void kind_write_header(enum import_kind k, const struct row_sink *out)
{
    for (size_t i = 0; i < kinds[k]->n_cols - kinds[k]->n_import_only; i++)
        out->text(out->ctx, kinds[k]->cols[i].zh);
    out->end_row(out->ctx);
}

bool kind_importable(enum import_kind k)
{
    return kinds[k]->parse != NULL;
}
