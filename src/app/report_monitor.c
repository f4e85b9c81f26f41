/* 双监控季度通报: the units whose budget execution is below 序时进度, and the items with a red
 * or yellow warning, as docs/monitoring.md defines them (model/monitor.h computes them; the
 * numbers are those `kaoping monitor` prints, two decimals). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/report.h"
#include "app/report_internal.h"
#include "app/monitor.h"
#include "model/monitor.h"
#include "model/xmalloc.h"

static char *monitor_title(const struct report_meta *m, int year, int quarter)
{
    char what[96];
    snprintf(what, sizeof what, "%d 年第 %d 季度预算绩效双监控通报", year, quarter);
    return report_title(m, what);
}

/* A percentage or an amount with two decimals, rounded as `kaoping monitor` prints it. */
static void pct(struct report *r, bool present, double v)
{
    char buf[48];
    if (!present) {
        report_empty(r);
        return;
    }
    monitor_format_pct(buf, sizeof buf, v);
    report_hundredths(r, llround(strtod(buf, NULL) * 100.0));
}

static void below_schedule(struct report *r, const struct monitor_quarter *mq,
                           const struct report_meta *m)
{
    const struct year_data *yd = &mq->yd;
    int quarter = mq->quarter;
    static const char *const cols[] = {"单位编码",        "单位名称",        "分组",
                                       "预算合计 (万元)", "支出合计 (万元)", "执行率 (%)",
                                       "序时进度 (%)",    "滞后 (百分点)",   "执行预警"};
    char *title = monitor_title(m, yd->year, quarter);
    char *subtitle = xasprintf("一、预算执行低于序时进度的单位    制表日期: %s", m->today);
    report_sheet_add(r, "低于序时进度", title, subtitle, cols, sizeof cols / sizeof cols[0]);
    free(title), free(subtitle);
    size_t n_below;
    const struct monitor_unit *units = mq->units;
    size_t *below = monitor_below_schedule(yd, units, mq->n_units, &n_below);
    for (size_t i = 0; i < n_below; i++) {
        const struct monitor_unit *mu = &units[below[i]];
        const struct unit *u = &yd->units[mu->unit_index];
        report_row(r);
        report_text(r, u->code), report_text(r, u->name), report_text(r, u->pool);
        pct(r, true, mu->budget), pct(r, true, mu->spent);
        pct(r, true, mu->execution), pct(r, true, mu->schedule), pct(r, true, mu->lag);
        report_text(r, mu->execution_level > MONITOR_MISSING
                           ? monitor_level_label(mu->execution_level)
                           : "");
    }
    if (n_below == 0)
        report_note(r, "无: 没有预算执行低于序时进度的单位");
    free(below);
}

static void warning_rows(struct report *r, const struct year_data *yd,
                         const struct monitor_row *rows, size_t n, enum monitor_level level)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += monitor_row_level(&rows[i]) == level;
    char heading[128];
    snprintf(heading, sizeof heading, "%s (%zu 项)", monitor_level_label(level), count);
    report_section(r, heading);
    for (size_t i = 0; i < n; i++) {
        const struct monitor_row *row = &rows[i];
        if (monitor_row_level(row) != level)
            continue;
        const struct target_item *it = &yd->items[row->item_index];
        const struct unit *u = &yd->units[row->unit_index];
        report_row(r);
        report_text(r, u->code), report_text(r, u->name);
        report_text(r, it->code), report_text(r, it->name);
        pct(r, true, row->schedule);
        pct(r, row->completion.has_rate, row->completion.rate);
        pct(r, row->completion.has_lag, row->completion.lag);
        pct(r, row->execution.has_rate, row->execution.rate);
        pct(r, row->execution.has_lag, row->execution.lag);
        report_text(r, row->mismatch ? "是" : "");
        const struct quarter_progress *q = &it->q[row->quarter - 1];
        char done[96];
        monitor_followup_text(q, done, sizeof done);
        report_text(r, q->deviation ? q->deviation : ""),
            report_text(r, q->action ? q->action : "");
        report_text(r, done);
    }
    if (count == 0)
        report_note(r, "无");
}

static void warnings(struct report *r, const struct monitor_quarter *mq,
                     const struct report_meta *m)
{
    const struct year_data *yd = &mq->yd;
    static const char *const cols[] = {
        "单位编码",   "单位名称",          "指标编码",      "指标名称",          "序时进度 (%)",
        "完成率 (%)", "完成滞后 (百分点)", "执行率 (%)",    "执行滞后 (百分点)", "不匹配",
        "偏差原因",   "整改措施",          "处置决定与更正"};
    char *title = monitor_title(m, yd->year, mq->quarter);
    char *subtitle = xasprintf("二、红色和黄色预警的指标    制表日期: %s", m->today);
    report_sheet_add(r, "红黄预警", title, subtitle, cols, sizeof cols / sizeof cols[0]);
    free(title), free(subtitle);
    /* every warning in severity order: the red and the yellow ones are picked by level */
    warning_rows(r, yd, mq->warns, mq->n_warns, MONITOR_RED);
    warning_rows(r, yd, mq->warns, mq->n_warns, MONITOR_YELLOW);
}

int app_report_monitor(struct store *st, int year, int quarter, const struct report_meta *m,
                       struct report *out)
{
    /* the quarter's warnings and units, not the year's items (app/monitor.h) */
    struct monitor_quarter mq;
    int rc = app_monitor_quarter(st, year, quarter, &mq);
    if (rc != STORE_OK)
        return rc;
    report_init(out, m->office, m->today);
    below_schedule(out, &mq, m);
    warnings(out, &mq, m);
    app_monitor_quarter_free(&mq);
    return STORE_OK;
}
