/* Typing 偏差原因 / 整改措施 / 处置决定 of a saved progress row: one prompt, one transaction. */
#include "ui/progress_notes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/targets.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/prompt.h"

static const char *const labels[] = {"偏差原因", "整改措施", "处置决定"};

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

/* The typed decision: its word or number, or "" to clear it. */
static bool decision_typed(const char *text, struct quarter_progress *p)
{
    enum kp_decision d = DECISION_NONE;
    if (*text && !decision_parse(text, &d)) {
        char *end;
        long n = strtol(text, &end, 10);
        if (*end || n < 1 || n > 4) {
            ui_error("「%s」不是处置决定: 应为 继续、调整、暂缓 或 停止 (或 1-4), 未保存", text);
            return false;
        }
        d = (enum kp_decision)n;
    }
    p->decision = d;
    if (d == DECISION_NONE)
        p->decision_on[0] = '\0';
    else
        ui_today(p->decision_on);
    return true;
}

static void typed(void *arg, const char *text)
{
    (void)arg;
    struct quarter_progress p = pending.it->q[pending.quarter - 1];
    if (pending.which == NOTE_DECISION && !decision_typed(text, &p))
        return;
    if (pending.which != NOTE_DECISION)
        *slot(&p, pending.which) = (char *)text; /* the row as stored, with the new text */
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_progress_put(ui.st, pending.year, pending.unit, pending.it->code,
                                pending.quarter, &p, NULL);
    if (store_end(ui.st, rc) != STORE_OK) {
        ui_error("未保存%s: %s", labels[pending.which], store_errmsg(ui.st));
        return;
    }
    struct quarter_progress *mine = &pending.it->q[pending.quarter - 1];
    const char *said = ""; /* a decision is named back, with its date */
    char dated[64];
    if (pending.which == NOTE_DECISION) {
        mine->decision = p.decision;
        memcpy(mine->decision_on, p.decision_on, sizeof mine->decision_on);
        snprintf(dated, sizeof dated, " %s (%s)", decision_label(p.decision), p.decision_on);
        said = p.decision != DECISION_NONE ? dated : "";
        text = decision_label(p.decision);
    } else {
        free(*slot(mine, pending.which));
        *slot(mine, pending.which) = *text ? xstrdup(text) : NULL;
    }
    ui_status("已保存 %s 第 %d 季度%s%s%s", pending.it->code, pending.quarter, labels[pending.which],
              said, *text ? "" : " (已清空)");
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
    char title[128]; /* the unit too: 双监控 lists many units' items of the same code */
    snprintf(title, sizeof title, "%s %s 第 %d 季度%s", unit, it->code, quarter, labels[which]);
    if (which == NOTE_DECISION) {
        prompt_text(title, "1 继续 2 调整 3 暂缓 4 停止",
                    decision_label(it->q[quarter - 1].decision), 30, typed, NULL);
        return;
    }
    const char *now = *slot(&it->q[quarter - 1], which);
    prompt_text(title, labels[which], now ? now : "", 60, typed, NULL);
}
