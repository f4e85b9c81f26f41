/* 双监控 CSV: the same numbers as the CLI's JSON (2 decimals, half away from zero). */
#include "io/monitor_csv.h"

#include <stdio.h>

#include "io/csv_write.h"

static void pct_cell(const struct row_sink *w, bool present, double v)
{
    char buf[40] = "";
    if (present)
        monitor_format_pct(buf, sizeof buf, v);
    w->number(w->ctx, buf);
}

static void count_cell(const struct row_sink *w, size_t n)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", n);
    w->number(w->ctx, buf);
}

/* The level of a rate, empty when the rate is not warned on (no budget, inverse, target 0). */
static void level_cell(const struct row_sink *w, const struct monitor_measure *m)
{
    bool warned = m->has_lag || m->level == MONITOR_MISSING;
    w->text(w->ctx, warned ? monitor_level_label(m->level) : "");
}

/* What 季度进度 recorded on the row (偏差原因, 整改措施, 处置决定, 决定日期, 更正), as the
 * progress export writes it, except 更正 as 是/否 like 不匹配 beside it. */
static void followup_cells(const struct row_sink *w, const struct quarter_progress *q)
{
    bool decided = q->present && q->decision != DECISION_NONE;
    w->text(w->ctx, q->present && q->deviation ? q->deviation : "");
    w->text(w->ctx, q->present && q->action ? q->action : "");
    w->text(w->ctx, decided ? decision_label(q->decision) : "");
    w->text(w->ctx, decided ? q->decision_on : "");
    w->text(w->ctx, q->present && q->corrected ? "是" : "否");
}

static void row(const struct row_sink *w, const struct year_data *yd, const struct monitor_row *r)
{
    const struct target_item *it = &yd->items[r->item_index];
    const struct unit *u = &yd->units[r->unit_index];
    w->text(w->ctx, u->code);
    w->text(w->ctx, u->name);
    w->text(w->ctx, it->code);
    w->text(w->ctx, it->name);
    count_cell(w, (size_t)r->quarter);
    pct_cell(w, true, r->schedule);
    pct_cell(w, r->completion.has_rate, r->completion.rate);
    pct_cell(w, r->completion.has_lag, r->completion.lag);
    level_cell(w, &r->completion);
    pct_cell(w, r->execution.has_rate, r->execution.rate);
    pct_cell(w, r->execution.has_lag, r->execution.lag);
    level_cell(w, &r->execution);
    w->text(w->ctx, r->mismatch ? "是" : "否");
    followup_cells(w, &it->q[r->quarter - 1]);
    w->end_row(w->ctx);
}

static void header(const struct row_sink *w, const char *const *names)
{
    for (; *names; names++)
        w->text(w->ctx, *names);
    w->end_row(w->ctx);
}

void monitor_put_header(const struct row_sink *out)
{
    static const char *const names[] = {"单位编码", "单位名称", "指标编码", "指标名称", "季度",
                                        "序时进度", "完成率",   "完成滞后", "完成预警", "执行率",
                                        "执行滞后", "执行预警", "不匹配",   "偏差原因", "整改措施",
                                        "处置决定", "决定日期", "更正",     NULL};
    header(out, names);
}

void monitor_put_rows(const struct year_data *yd, const struct monitor_row *rows, size_t n,
                      const struct row_sink *out)
{
    for (size_t i = 0; i < n; i++)
        row(out, yd, &rows[i]);
}

bool monitor_csv_rows(FILE *fp, const struct year_data *yd, const struct monitor_row *rows,
                      size_t n)
{
    struct csv_writer w;
    csvw_begin(&w, fp);
    struct row_sink sink = rows_csv_sink(&w);
    monitor_put_header(&sink);
    monitor_put_rows(yd, rows, n, &sink);
    return csvw_ok(&w);
}

static void unit_row(const struct row_sink *w, const struct year_data *yd,
                     const struct monitor_unit *m)
{
    const struct unit *u = &yd->units[m->unit_index];
    w->text(w->ctx, u->code);
    w->text(w->ctx, u->name);
    w->text(w->ctx, u->pool);
    count_cell(w, (size_t)m->quarter);
    count_cell(w, m->items);
    pct_cell(w, m->has_execution, m->budget);
    pct_cell(w, m->has_execution, m->spent);
    pct_cell(w, m->has_execution, m->execution);
    pct_cell(w, m->has_execution, m->schedule);
    pct_cell(w, m->has_execution, m->lag);
    w->text(w->ctx, m->has_execution ? monitor_level_label(m->execution_level) : "");
    count_cell(w, m->red);
    count_cell(w, m->yellow);
    count_cell(w, m->missing);
    count_cell(w, m->mismatch);
    w->text(w->ctx, monitor_level_label(m->worst));
    w->text(w->ctx, m->below_schedule ? "是" : "否");
    w->end_row(w->ctx);
}

bool monitor_csv_units(FILE *fp, const struct year_data *yd, const struct monitor_unit *units,
                       size_t n)
{
    static const char *const names[] = {
        "单位编码", "单位名称", "分组",     "季度",     "指标数",       "预算合计",
        "支出合计", "执行率",   "序时进度", "执行滞后", "执行预警",     "红色预警",
        "黄色预警", "未填报",   "不匹配",   "最严重",   "低于序时进度", NULL};
    struct csv_writer w;
    csvw_begin(&w, fp);
    struct row_sink sink = rows_csv_sink(&w);
    header(&sink, names);
    for (size_t i = 0; i < n; i++)
        unit_row(&sink, yd, &units[i]);
    return csvw_ok(&w);
}
