/* The 双监控 grid and unit summary as CSV for Excel/WPS (BOM, CRLF, formula guard), with
 * Chinese headers and level names. Empty cells where a rate does not apply. */
#ifndef KAOPING_IO_MONITOR_CSV_H
#define KAOPING_IO_MONITOR_CSV_H

#include <stdbool.h>
#include <stdio.h>

#include "io/rows.h"
#include "model/monitor.h"
#include "model/types.h"

/* The header and the rows of the grid through a cell sink (the kinds table's `export monitor`,
 * io/kind_monitor.c, as CSV or .xlsx). */
void monitor_put_header(const struct row_sink *out);
void monitor_put_rows(const struct year_data *yd, const struct monitor_row *rows, size_t n,
                      const struct row_sink *out);
/* One line per row: 单位编码, 单位名称, 指标编码, 指标名称, 季度, 序时进度, 完成率, 完成滞后,
 * 完成预警, 执行率, 执行滞后, 执行预警, 不匹配, then what 季度进度 recorded: 偏差原因, 整改措施,
 * 处置决定, 决定日期, 更正 (是/否). Returns false on a write error. */
bool monitor_csv_rows(FILE *fp, const struct year_data *yd, const struct monitor_row *rows,
                      size_t n);
/* One line per unit: 单位编码, 单位名称, 分组, 季度, 指标数, 预算合计, 支出合计, 执行率,
 * 序时进度, 执行滞后, 执行预警, 红色预警, 黄色预警, 未填报, 不匹配, 最严重, 低于序时进度. */
bool monitor_csv_units(FILE *fp, const struct year_data *yd, const struct monitor_unit *units,
                       size_t n);

#endif
