/* The one undoable action of a workstation session (undo.h). */
#include <stdio.h>
#include <stdlib.h>

#include "app/undo.h"
#include "db/changes.h"
#include "db/store.h"
#include "model/xmalloc.h"

struct undo {
    struct store_changes *changes; /* NULL: nothing to take back */
    char what[160];
};

struct undo *undo_new(void)
{
    return xcalloc(1, sizeof(struct undo));
}

void undo_free(struct undo *u)
{
    if (!u)
        return;
    store_changes_free(u->changes);
    free(u);
}

int undo_run(struct undo *u, struct store *st, const char *what, int (*action)(void *ctx),
             void *ctx, bool *kept)
{
    if (kept)
        *kept = false;
    int rc = store_begin(st);
    if (rc != STORE_OK)
        return rc;
    struct store_recorder *rec = store_record_begin(st);
    if (!rec)
        return store_end(st, STORE_ERROR);
    rc = action(ctx);
    long deleted = 0;
    struct store_changes *c = store_record_end(rec, &deleted);
    rc = store_end(st, rc);
    if (rc != STORE_OK || deleted == 0) {
        store_changes_free(c);
        return rc;
    }
    store_changes_free(u->changes);
    u->changes = c;
    snprintf(u->what, sizeof u->what, "%s", what);
    if (kept)
        *kept = true;
    return STORE_OK;
}

const char *undo_what(const struct undo *u)
{
    return u && u->changes ? u->what : NULL;
}

int undo_apply(struct undo *u, struct store *st)
{
    if (!u || !u->changes)
        return STORE_NOTFOUND;
    int rc = store_begin(st);
    if (rc == STORE_OK)
        rc = store_end(st, store_changes_revert(st, u->changes));
    if (rc == STORE_OK) {
        store_changes_free(u->changes);
        u->changes = NULL;
    }
    return rc;
}
