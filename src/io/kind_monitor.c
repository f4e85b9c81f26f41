/* monitor (双监控表), exported only: every item of the year at one quarter, in grid order (unit
 * code, item code) so it reads as the quarterly ledger; the rows of io/monitor_csv.h. */
#include <stdlib.h>

#include "io/kinds.h"
#include "io/monitor_csv.h"
#include "model/monitor.h"

static const struct import_column monitor_cols[] = {
    {"单位编码", "unit", false},     {"单位名称", "name", false},
    {"指标编码", "item", false},     {"指标名称", "item_name", false},
    {"季度", "quarter", false},      {"序时进度", "schedule", false},
    {"完成率", "completion", false}, {"完成滞后", "completion_lag", false},
    {"完成预警", "completion_level", false}, {"执行率", "execution", false},
    {"执行滞后", "execution_lag", false},    {"执行预警", "execution_level", false},
    {"不匹配", "mismatch", false},           {"偏差原因", "deviation", false},
    {"整改措施", "action", false},           {"处置决定", "decision", false},
    {"决定日期", "decision_on", false},      {"更正", "corrected", false}};

static size_t export_monitor(const struct export_source *src, const struct row_sink *out)
{
    size_t n;
    struct monitor_filter all = {.min_rank = 0};
    struct monitor_row *rows = monitor_rows(src->yd, src->quarter, &all, &n);
    monitor_sort_grid(src->yd, rows, n);
    monitor_put_rows(src->yd, rows, n, out);
    free(rows);
    return n;
}

const struct data_kind kind_monitor = {
    .name = "monitor",
    .sheet = "双监控",
    .per_year = true,
    .needs_quarter = true,
    .cols = monitor_cols,
    .n_cols = sizeof monitor_cols / sizeof monitor_cols[0],
    .export_rows = export_monitor,
};
