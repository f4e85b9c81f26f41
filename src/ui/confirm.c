/* Deleting: the store's refusal first, then the question, then the delete (confirm.h). */
#include <stdbool.h>
#include <string.h>

#include "app/undo.h"
#include "db/store.h"
#include "ui/app.h"
#include "ui/confirm.h"
#include "ui/prompt.h"

static struct ui_delete pending; /* the delete being asked about (one prompt at a time) */

/* Runs the delete in a transaction that is rolled back. Returns the store's status. */
static int trial(void)
{
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = pending.run(pending.key);
    if (rc == STORE_OK) {
        store_rollback(ui.st);
        return STORE_OK;
    }
    return store_end(ui.st, rc);
}

static int run_pending(void *ctx)
{
    (void)ctx;
    return pending.run(pending.key);
}

/* The store's refusal, once: "单位 T01 还有 24 条任务书指标, 不能删除" read 不能删除 twice. */
static void refused(void)
{
    const char *why = store_errmsg(ui.st);
    ui_error("%s%s%s%s", strstr(why, "不能删除") ? "" : "不能删除: ", why,
             pending.instead ? "; " : "", pending.instead ? pending.instead : "");
}

/* The delete for real, recorded so that `u` can take it back (app/undo.h). */
static void yes(void *arg)
{
    (void)arg;
    if (undo_run(ui.undo, ui.st, pending.done, run_pending, NULL, NULL) != STORE_OK)
        refused();
    else
        ui_status("%s  (u 撤销)", pending.done);
    pending.after(pending.self);
}

static void no(void *arg)
{
    (void)arg;
    ui_status("未删除");
}

void ui_confirm_delete(const struct ui_delete *d)
{
    pending = *d;
    if (trial() != STORE_OK) {
        refused();
        return;
    }
    prompt_confirm(pending.question, yes, no, NULL);
}
