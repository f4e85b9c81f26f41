/* The options of a choice field from its source (pools, categories of a pool, aspects, ...):
 * read from the store or the model's lists, handed to entry_set_choices. */
#include <stdlib.h>
#include <string.h>

#include "db/pools.h"
#include "db/years.h"
#include "model/types.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/entry.h"

void entry_fill_source(struct entry *e, const struct fs_field *fd, const char *pool)
{
    const char *src = fd->source;
    if (strcmp(src, "pools") == 0) {
        char **names;
        size_t n;
        if (store_year_pools(ui.st, ui.year, &names, &n) == STORE_OK) {
            entry_set_choices(e, fd->name, (const char *const *)names, n);
            store_free_strings(names, n);
        }
    } else if (strcmp(src, "categories") == 0) {
        struct category *c;
        size_t n;
        if (store_categories(ui.st, ui.year, &c, &n) != STORE_OK)
            return;
        const char **names = xcalloc(n + 1, sizeof *names);
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (!pool || strcmp(c[i].pool, pool) == 0)
                names[k++] = c[i].name;
        entry_set_choices(e, fd->name, names, k);
        free(names);
        store_free_categories(c, n);
    } else if (strcmp(src, "methods") == 0) {
        const char *m[3] = {method_label(METHOD_RATIO), method_label(METHOD_INVERSE),
                            method_label(METHOD_MANUAL)};
        entry_set_choices(e, fd->name, m, 3);
    } else if (strcmp(src, "aspects") == 0) {
        entry_set_choices(e, fd->name, kp_inspection_aspects, 6);
    } else if (strcmp(src, "inspection_methods") == 0) {
        entry_set_choices(e, fd->name, kp_inspection_methods, 4);
    } else if (strcmp(src, "veto_reasons") == 0) {
        entry_set_choices(e, fd->name, kp_veto_reasons, 5);
    } else if (strcmp(src, "ledger_types") == 0) {
        const char *t[4] = {ledger_type_label(LEDGER_INSPECTION),
                            ledger_type_label(LEDGER_COMPLAINT), ledger_type_label(LEDGER_BONUS),
                            ledger_type_label(LEDGER_VETO)};
        entry_set_choices(e, fd->name, t, 4);
    }
}
