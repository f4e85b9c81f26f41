/* What every data kind shares (see kinds.h); the table of kinds is app/kinds.c. */
#include "io/kinds.h"

#include "io/rows.h"

void kind_write_header(const struct data_kind *k, const struct row_sink *out)
{
    for (size_t i = 0; i < k->n_cols - k->n_import_only; i++)
        out->text(out->ctx, k->cols[i].zh);
    out->end_row(out->ctx);
}

bool kind_importable(const struct data_kind *k)
{
    return k->parse != NULL;
}
