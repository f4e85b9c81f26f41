/* Export of the 双监控 grid: the same columns and numbers as `monitor --all --format csv`,
 * but in grid order (unit code, item code) so it reads as the quarterly ledger. */
#include "cli/export_monitor.h"

#include <stdio.h>
#include <stdlib.h>

#include "db/load.h"
#include "db/store.h"
#include "io/monitor_csv.h"
#include "model/monitor.h"

int cli_export_monitor(struct cli_ctx *ctx, int year, int quarter, const char *out_path)
{
    if (quarter < 1 || quarter > KP_QUARTERS)
        return cli_usage_error("export", "季度应为 1 到 4: %d", quarter);
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    struct year_data yd;
    int rc = store_load_year(st, year, &yd);
    if (rc == STORE_NOTFOUND)
        return cli_error(EXIT_DATA, "%d 年度不存在", year);
    if (rc != STORE_OK)
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    size_t n;
    struct monitor_filter all = {.min_rank = 0};
    struct monitor_row *rows = monitor_rows(&yd, quarter, &all, &n);
    monitor_sort_grid(&yd, rows, n);
    struct cli_output out;
    rc = cli_output_open(&out, ctx, out_path);
    if (rc == EXIT_OK) {
        bool to_file = out.fp != stdout;
        bool ok = monitor_csv_rows(out.fp, &yd, rows, n);
        rc = cli_output_close(&out, ok);
        if (rc == EXIT_OK && to_file)
            fprintf(stderr, "已导出 %d 年第 %d 季度双监控: %zu 项指标 → %s\n", year, quarter, n,
                    out_path);
    }
    free(rows);
    year_data_free(&yd);
    return rc;
}
