/* Typing 偏差原因 / 整改措施 of a saved progress row: one prompt, one transaction. */
#include "ui/progress_notes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/targets.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/prompt.h"

static const char *const labels[] = {"偏差原因", "整改措施"};

/* The row being edited, between the prompt and its answer. */
static struct {
    struct target_item *it;
    char unit[KP_CODE_MAX];
    int year, quarter;
    enum progress_note which;
} pending;

static char **slot(struct quarter_progress *p, enum progress_note which)
{
    return which == NOTE_DEVIATION ? &p->deviation : &p->action;
}

static void typed(void *arg, const char *text)
{
    (void)arg;
    struct quarter_progress p = pending.it->q[pending.quarter - 1];
    char **s = slot(&p, pending.which);
    *s = (char *)text; /* the row as stored, with the new text */
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_progress_put(ui.st, pending.year, pending.unit, pending.it->code,
                                pending.quarter, &p, NULL);
    if (store_end(ui.st, rc) != STORE_OK) {
        ui_error("未保存%s: %s", labels[pending.which], store_errmsg(ui.st));
        return;
    }
    char **mine = slot(&pending.it->q[pending.quarter - 1], pending.which);
    free(*mine);
    *mine = *text ? xstrdup(text) : NULL;
    ui_status("已保存 %s 第 %d 季度%s%s", pending.it->code, pending.quarter, labels[pending.which],
              *text ? "" : " (已清空)");
}

void progress_note_edit(struct target_item *it, const char *unit, int year, int quarter,
                        bool locked, enum progress_note which)
{
    if (ui_refuse_locked(locked))
        return;
    if (!it->q[quarter - 1].present) {
        ui_error("%s 第 %d 季度还没有保存的进度: 先填累计完成值并保存 (F2), 再填%s", it->code,
                 quarter, labels[which]);
        return;
    }
    pending.it = it;
    snprintf(pending.unit, sizeof pending.unit, "%s", unit);
    pending.year = year, pending.quarter = quarter, pending.which = which;
    char title[96];
    snprintf(title, sizeof title, "%s 第 %d 季度%s", it->code, quarter, labels[which]);
    const char *now = *slot(&it->q[quarter - 1], which);
    prompt_text(title, labels[which], now ? now : "", 60, typed, NULL);
}
