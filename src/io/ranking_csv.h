/* The ranking as rows: 排名,单位编码,单位名称,分组,半年初评,年终总评,集中考核,公众评议,
 * 公众评议折算,查访核验扣分,投诉查处扣分,加分,总分,等次,否决,数据不全 (the columns of
 * io/kind_ranking.c) — numbers with 2 decimals, 公众评议 the raw 0-100 score and 公众评议折算 its
 * part of the total, the deductions and bonus as applied (after their caps), 否决/数据不全
 * `是` or empty. Written through a cell sink (io/rows.h), so `rank --format csv`, the kinds
 * table's `export ranking` (CSV or .xlsx, io/kind_ranking.c) and the workstation's export
 * are one writer. After those 15 columns, one per score source of the year in scheme
 * order: the points it adds to the total, empty where it does not apply to the unit's pool. */
#ifndef KAOPING_IO_RANKING_CSV_H
#define KAOPING_IO_RANKING_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "io/rows.h"
#include "model/rank.h"
#include "model/types.h"

/* The header row. */
void ranking_put_header(const struct year_data *yd, const struct row_sink *out);
/* One row per ranked unit (pool order, then rank), only pool `pool` when not NULL; returns
 * how many. */
size_t ranking_put_rows(const struct year_data *yd, const struct year_scores *ys,
                        const char *pool, const struct row_sink *out);
/* Header and rows as CSV (UTF-8 with BOM, CRLF, formula guard; io/csv_write.h). Returns false
 * when a write failed. */
bool ranking_csv_write(FILE *fp, const struct year_data *yd, const struct year_scores *ys,
                       const char *pool);
/* The 半年初评 stage (`rank --stage half --format csv`, ys ranked by app_rank_stage), with the
 * columns of its table: 排名, 单位编码, 单位名称, 分组, 半年初评 (K_H), 折算得分 (K_H × 100 / key
 * points), 查访核验扣分, 投诉查处扣分, 加分 (ledger to 30 June, as applied), 阶段得分, 等次,
 * 否决, 数据不全. The same writer conventions as ranking_csv_write. */
bool ranking_half_csv_write(FILE *fp, const struct year_data *yd, const struct year_scores *ys,
                            const char *pool);

#endif
