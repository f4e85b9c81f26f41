/* Export of the ranking CSV: same rows and numbers as `rank --format csv`. */
#include "cli/export_ranking.h"

#include <stdio.h>

#include "cli/scores.h"
#include "io/ranking_csv.h"

int cli_export_ranking(struct cli_ctx *ctx, int year, const char *out_path)
{
    struct year_data yd;
    struct year_scores ys;
    int rc = cli_scores_load(ctx, &year, false, &yd, &ys);
    if (rc != EXIT_OK)
        return rc;
    struct cli_output out;
    rc = cli_output_open(&out, ctx, out_path);
    if (rc != EXIT_OK) {
        cli_scores_free(&yd, &ys);
        return rc;
    }
    bool ok = ranking_csv_write(out.fp, &yd, &ys, NULL);
    size_t n = ys.n_order;
    cli_scores_free(&yd, &ys);
    bool to_file = out.fp != stdout;
    rc = cli_output_close(&out, ok);
    if (rc == EXIT_OK && to_file)
        fprintf(stderr, "已导出 %d 年度排名: %zu 个单位 → %s\n", year, n, out_path);
    return rc;
}
