/* The documents the office publishes (docs/xlsx.md "Reports"), built from the store as a
 * model/report.h document that io/xlsx_report.h lays out for printing. The command line
 * (`kaoping report`) and the workstation (排名结果, 双监控, 整改) call the same functions, so
 * the two faces print the same pages. */
#ifndef KAOPING_APP_REPORT_H
#define KAOPING_APP_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"
#include "model/report.h"
#include "model/stage.h"

/* What the page says about who made it. */
struct report_meta {
    const char *county; /* in the title ("奇台县"); NULL or "" leaves it out */
    const char *office; /* 制表单位, in the footer; NULL or "" prints it empty */
    const char *today;  /* 制表日期 YYYY-MM-DD; also decides what is overdue */
};

/* Fills m: county and office as given, else from $KAOPING_COUNTY and $KAOPING_OFFICE (the
 * store has no place for them yet); today is borrowed. */
void app_report_meta(struct report_meta *m, const char *county, const char *office,
                     const char *today);

/* 考核结果通报 of a stage (model/stage.h: the 年终总评, or the 半年初评 as `rank --stage half`
 * ranks it): per pool (the store's pool order) a heading, the ranked units with each term of
 * the total (app/ranked.h app_ranked_terms), 总分, 等次, 否决 and a note column, then the
 * pool's grade distribution. STORE_NOTFOUND when the year does not exist; STORE_INVALID for a
 * half-year stage under a scheme without one (half_share 0; no message in store_errmsg: the
 * caller says it). */
int app_report_results(struct store *st, int year, enum score_stage stage,
                       const struct report_meta *m, struct report *out);
/* 双监控季度通报 of quarter (1..4): the units below 序时进度 (furthest behind first), then the
 * items with a red and with a yellow warning (most severe first). The warnings' sheet has a
 * filler (model/report.h): its rows are read from the store while app_report_save writes
 * them, so st must stay open until then. */
int app_report_monitor(struct store *st, int year, int quarter, const struct report_meta *m,
                       struct report *out);
/* 整改 list: the year's open rectifications, overdue ones first, with their deadlines. */
int app_report_rectify(struct store *st, int year, const struct report_meta *m,
                       struct report *out);

enum report_doc { REPORT_RESULTS, REPORT_MONITOR, REPORT_RECTIFY };
/* The file name a report gets unless the operator types another: 考核结果通报_2026.xlsx,
 * 双监控通报_2026_第3季度.xlsx, 整改清单_2026.xlsx (no folder). */
void app_report_file_name(enum report_doc d, int year, int quarter, char *out, size_t outsz);

/* Writes the report as an .xlsx workbook to path through io/outfile.h (temp file, synced,
 * renamed; never the database db_path; an existing file only with force); a sheet with a
 * filler is filled as it is written (io/xlsx_report.h). Returns an
 * enum outfile_status (io/outfile.h); err holds one line on failure. */
int app_report_save(struct report *r, const char *path, const char *db_path, bool force,
                    char *err, size_t errsz);

#endif
