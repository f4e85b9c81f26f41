/* 双监控 CSV: the same numbers as the CLI's JSON (2 decimals, half away from zero). */
#include "io/monitor_csv.h"

#include "io/csv_write.h"

static void pct_cell(struct csv_writer *w, bool present, double v)
{
    char buf[40];
    if (!present) {
        csvw_number(w, "");
        return;
    }
    monitor_format_pct(buf, sizeof buf, v);
    csvw_number(w, buf);
}

/* The level of a rate, empty when the rate is not warned on (no budget, inverse, target 0). */
static void level_cell(struct csv_writer *w, const struct monitor_measure *m)
{
    bool warned = m->has_lag || m->level == MONITOR_MISSING;
    csvw_text(w, warned ? monitor_level_label(m->level) : "");
}

static void row(struct csv_writer *w, const struct year_data *yd, const struct monitor_row *r)
{
    const struct target_item *it = &yd->items[r->item_index];
    const struct unit *u = &yd->units[r->unit_index];
    csvw_text(w, u->code);
    csvw_text(w, u->name);
    csvw_text(w, it->code);
    csvw_text(w, it->name);
    csvw_numf(w, "%d", r->quarter);
    pct_cell(w, true, r->schedule);
    pct_cell(w, r->completion.has_rate, r->completion.rate);
    pct_cell(w, r->completion.has_lag, r->completion.lag);
    level_cell(w, &r->completion);
    pct_cell(w, r->execution.has_rate, r->execution.rate);
    pct_cell(w, r->execution.has_lag, r->execution.lag);
    level_cell(w, &r->execution);
    csvw_text(w, r->mismatch ? "是" : "否");
    csvw_end_row(w);
}

static void header(struct csv_writer *w, const char *const *names)
{
    for (; *names; names++)
        csvw_text(w, *names);
    csvw_end_row(w);
}

bool monitor_csv_rows(FILE *fp, const struct year_data *yd, const struct monitor_row *rows,
                      size_t n)
{
    static const char *const names[] = {"单位编码", "单位名称", "指标编码", "指标名称", "季度",
                                        "序时进度", "完成率",   "完成滞后", "完成预警", "执行率",
                                        "执行滞后", "执行预警", "不匹配",   NULL};
    struct csv_writer w;
    csvw_begin(&w, fp);
    header(&w, names);
    for (size_t i = 0; i < n; i++)
        row(&w, yd, &rows[i]);
    return csvw_ok(&w);
}

static void unit_row(struct csv_writer *w, const struct year_data *yd, const struct monitor_unit *m)
{
    const struct unit *u = &yd->units[m->unit_index];
    csvw_text(w, u->code);
    csvw_text(w, u->name);
    csvw_text(w, u->pool);
    csvw_numf(w, "%d", m->quarter);
    csvw_numf(w, "%zu", m->items);
    pct_cell(w, m->has_execution, m->budget);
    pct_cell(w, m->has_execution, m->spent);
    pct_cell(w, m->has_execution, m->execution);
    pct_cell(w, m->has_execution, m->schedule);
    pct_cell(w, m->has_execution, m->lag);
    csvw_text(w, m->has_execution ? monitor_level_label(m->execution_level) : "");
    csvw_numf(w, "%zu", m->red);
    csvw_numf(w, "%zu", m->yellow);
    csvw_numf(w, "%zu", m->missing);
    csvw_numf(w, "%zu", m->mismatch);
    csvw_text(w, monitor_level_label(m->worst));
    csvw_text(w, m->below_schedule ? "是" : "否");
    csvw_end_row(w);
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
    header(&w, names);
    for (size_t i = 0; i < n; i++)
        unit_row(&w, yd, &units[i]);
    return csvw_ok(&w);
}
