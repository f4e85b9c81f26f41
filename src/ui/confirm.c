/* Deleting: the store's refusal first, then the question, then the delete (confirm.h). */
#include <stdbool.h>

#include "db/store.h"
#include "ui/app.h"
#include "ui/confirm.h"
#include "ui/prompt.h"

static struct ui_delete pending; /* the delete being asked about (one prompt at a time) */

/* Runs the delete in a transaction; commits only when `keep`. Returns the store's status. */
static int run(bool keep)
{
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = pending.run(pending.key);
    if (!keep && rc == STORE_OK) {
        store_rollback(ui.st);
        return STORE_OK;
    }
    return store_end(ui.st, rc);
}

static void yes(void *arg)
{
    (void)arg;
    if (run(true) != STORE_OK)
        ui_error("不能删除: %s", store_errmsg(ui.st));
    else
        ui_status("%s", pending.done);
    pending.after();
}

static void no(void *arg)
{
    (void)arg;
    ui_status("未删除");
}

void ui_confirm_delete(const struct ui_delete *d)
{
    pending = *d;
    if (run(false) != STORE_OK) {
        ui_error("不能删除: %s", store_errmsg(ui.st));
        return;
    }
    prompt_confirm(pending.question, yes, no, NULL);
}
