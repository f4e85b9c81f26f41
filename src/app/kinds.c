/* The table of data kinds (see kinds.h): one row per kind, in the order help lists them. A kind
 * is declared here and defined in its own file, as tmux's cmd.c declares each cmd_entry. */
#include "app/kinds.h"

#include <stdio.h>
#include <string.h>

extern const struct data_kind kind_units, kind_targets, kind_progress, kind_ledger, kind_appraisals,
    kind_categories, kind_scores;

const struct data_kind *const data_kinds[] = {
    &kind_units,      /* app/kind_units.c */
    &kind_targets,    /* app/kind_targets.c */
    &kind_progress,   /* app/kind_progress.c */
    &kind_ledger,     /* app/kind_ledger.c */
    &kind_appraisals, /* app/kind_appraisals.c */
    &kind_categories, /* app/kind_categories.c */
    &kind_scores,     /* app/kind_scores.c */
    &kind_ranking,    /* io/kind_ranking.c, exported only */
    &kind_monitor,    /* io/kind_monitor.c, exported only */
    NULL,
};

const struct data_kind *kind_find(const char *name)
{
    for (size_t i = 0; data_kinds[i]; i++)
        if (strcmp(name, data_kinds[i]->name) == 0)
            return data_kinds[i];
    return NULL;
}

void kind_names(bool importable, const char *sep, const char *last_sep, char *out, size_t outsz)
{
    size_t n = 0, w = 0;
    for (size_t i = 0; data_kinds[i]; i++)
        n += !importable || kind_importable(data_kinds[i]);
    out[0] = '\0';
    for (size_t i = 0, k = 0; data_kinds[i] && w < outsz; i++) {
        if (importable && !kind_importable(data_kinds[i]))
            continue;
        const char *before = k == 0 ? "" : k + 1 == n ? last_sep : sep;
        w += (size_t)snprintf(out + w, outsz - w, "%s%s", before, data_kinds[i]->name);
        k++;
    }
}
