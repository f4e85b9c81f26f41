/* The one undoable action of a workstation session (undo.h). */
#include <stdio.h>
#include <stdlib.h>

#include "app/undo.h"
#include "db/changes.h"
#include "db/store.h"
#include "model/xmalloc.h"

struct undo {
    struct store_changes *changes; /* a store write to take back, or NULL */
    undo_restore_fn restore;       /* or an action the caller takes back, or NULL */
    void *ctx;
    char what[160];
};

/* Forgets the kept action. */
static void drop(struct undo *u)
{
    store_changes_free(u->changes);
    u->changes = NULL;
    u->restore = NULL;
}

struct undo *undo_new(void)
{
    return xcalloc(1, sizeof(struct undo));
}

void undo_free(struct undo *u)
{
    if (!u)
        return;
    drop(u);
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
    drop(u);
    u->changes = c;
    snprintf(u->what, sizeof u->what, "%s", what);
    if (kept)
        *kept = true;
    return STORE_OK;
}

void undo_keep_fn(struct undo *u, const char *what, undo_restore_fn restore, void *ctx)
{
    drop(u);
    u->restore = restore;
    u->ctx = ctx;
    snprintf(u->what, sizeof u->what, "%s", what);
}

bool undo_is_store(const struct undo *u)
{
    return u && u->changes;
}

const char *undo_what(const struct undo *u)
{
    return u && (u->changes || u->restore) ? u->what : NULL;
}

int undo_apply(struct undo *u, struct store *st, char *err, size_t errsz)
{
    int rc = STORE_NOTFOUND;
    err[0] = '\0';
    if (u && u->restore) {
        rc = u->restore(u->ctx, err, errsz);
    } else if (u && u->changes) {
        rc = store_begin(st);
        if (rc == STORE_OK)
            rc = store_end(st, store_changes_revert(st, u->changes));
        if (rc != STORE_OK)
            snprintf(err, errsz, "%s", store_errmsg(st));
    }
    if (rc == STORE_OK)
        drop(u);
    else if (!err[0])
        snprintf(err, errsz, "没有可撤销的操作");
    return rc;
}
