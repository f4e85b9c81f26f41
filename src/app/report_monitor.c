/* 双监控季度通报: the units whose budget execution is below 序时进度, and the items with a red
 * or yellow warning, as docs/monitoring.md defines them (model/monitor.h computes them; the
 * numbers are those `kaoping monitor` prints, two decimals). The warnings are not held: their
 * sheet is filled while it is written (model/report.h report_filler), from app/monitor.h's
 * stream in severity order (375 MB at 8,000 units when the report held them). */
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

static void below_schedule(struct report *r, const struct year_data *yd, int quarter,
                           const struct monitor_unit *units, size_t n_units,
                           const struct report_meta *m)
{
    static const char *const cols[] = {"单位编码",        "单位名称",        "分组",
                                       "预算合计 (万元)", "支出合计 (万元)", "执行率 (%)",
                                       "序时进度 (%)",    "滞后 (百分点)",   "执行预警"};
    char *title = monitor_title(m, yd->year, quarter);
    char *subtitle = xasprintf("一、预算执行低于序时进度的单位    制表日期: %s", m->today);
    report_sheet_add(r, "低于序时进度", title, subtitle, cols, sizeof cols / sizeof cols[0]);
    free(title), free(subtitle);
    size_t n_below;
    size_t *below = monitor_below_schedule(yd, units, n_units, &n_below);
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

/* The warnings' sheet while it is written: the red rows under their heading, then the yellow
 * ones; a level without rows gets "无". */
struct warn_fill {
    struct store *st;
    struct app_monitor *m;
    size_t red, yellow; /* counted while the quarter is read, before any row is emitted */
    bool yellow_begun;
    struct report *r;
    report_flush_fn flush;
    void *wctx;
    size_t pending; /* rows added since the last flush */
};

#define WARN_FLUSH 256

static void level_heading(struct report *r, enum monitor_level level, size_t count)
{
    char heading[128];
    snprintf(heading, sizeof heading, "%s (%zu 项)", monitor_level_label(level), count);
    report_section(r, heading);
}

/* The red part ends (with "无" when it had no rows) and the yellow heading follows. */
static void begin_yellow(struct warn_fill *w)
{
    if (w->red == 0)
        report_note(w->r, "无");
    level_heading(w->r, MONITOR_YELLOW, w->yellow);
    w->yellow_begun = true;
}

static void count_level(void *ctx, const struct year_data *yd, const struct monitor_row *row)
{
    struct warn_fill *w = ctx;
    (void)yd;
    w->red += monitor_row_level(row) == MONITOR_RED;
    w->yellow += monitor_row_level(row) == MONITOR_YELLOW;
}

static void red_heading(void *ctx, const struct year_data *yd, size_t n)
{
    struct warn_fill *w = ctx;
    (void)yd, (void)n;
    level_heading(w->r, MONITOR_RED, w->red);
}

/* One warning (red ones come first: rank 4 before 3, app/monitor.h's order). */
static void warning_row(void *ctx, const struct year_data *yd, const struct monitor_row *row)
{
    struct warn_fill *w = ctx;
    struct report *r = w->r;
    if (monitor_row_level(row) == MONITOR_YELLOW && !w->yellow_begun)
        begin_yellow(w);
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
    report_text(r, q->deviation ? q->deviation : ""), report_text(r, q->action ? q->action : "");
    report_text(r, done);
    if (++w->pending == WARN_FLUSH) {
        w->flush(w->wctx, r);
        w->pending = 0;
    }
}

static int fill_warnings(void *ctx, struct report *r, report_flush_fn flush, void *wctx,
                         char *err, size_t errsz)
{
    struct warn_fill *w = ctx;
    w->r = r, w->flush = flush, w->wctx = wctx;
    struct monitor_filter f = {.min_rank = 3}; /* red and yellow */
    struct app_monitor_sink sink = {w, count_level, red_heading, warning_row};
    if (app_monitor_rows(w->m, &f, &sink) != STORE_OK) {
        snprintf(err, errsz, "%s", store_errmsg(w->st));
        return -1;
    }
    if (!w->yellow_begun)
        begin_yellow(w);
    if (w->yellow == 0)
        report_note(r, "无");
    return 0;
}

static void warnings_done(void *ctx)
{
    struct warn_fill *w = ctx;
    app_monitor_close(w->m);
    free(w);
}

static void warnings(struct report *r, struct store *st, struct app_monitor *mon,
                     const struct year_data *yd, int quarter, const struct report_meta *m)
{
    static const char *const cols[] = {
        "单位编码",   "单位名称",          "指标编码",      "指标名称",          "序时进度 (%)",
        "完成率 (%)", "完成滞后 (百分点)", "执行率 (%)",    "执行滞后 (百分点)", "不匹配",
        "偏差原因",   "整改措施",          "处置决定与更正"};
    char *title = monitor_title(m, yd->year, quarter);
    char *subtitle = xasprintf("二、红色和黄色预警的指标    制表日期: %s", m->today);
    report_sheet_add(r, "红黄预警", title, subtitle, cols, sizeof cols / sizeof cols[0]);
    free(title), free(subtitle);
    struct warn_fill *w = xcalloc(1, sizeof *w);
    w->st = st, w->m = mon;
    report_sheet_fill(r, (struct report_filler){fill_warnings, warnings_done, w});
}

int app_report_monitor(struct store *st, int year, int quarter, const struct report_meta *m,
                       struct report *out)
{
    /* the units' summaries now, the warnings while the file is written (app/monitor.h) */
    struct app_monitor *mon;
    const struct year_data *yd;
    int rc = app_monitor_open(st, year, quarter, &mon, &yd);
    if (rc != STORE_OK)
        return rc;
    struct monitor_unit *units;
    size_t n_units;
    rc = app_monitor_units(mon, NULL, &units, &n_units);
    if (rc != STORE_OK) {
        app_monitor_close(mon);
        return rc;
    }
    report_init(out, m->office, m->today);
    below_schedule(out, yd, quarter, units, n_units, m);
    free(units);
    warnings(out, st, mon, yd, quarter, m);
    return STORE_OK;
}
