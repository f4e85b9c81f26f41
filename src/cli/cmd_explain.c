/* kaoping explain CODE: the full derivation of one unit's score, for a disputed result. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/publish.h"
#include "app/ranked.h"
#include "cli/commands.h"
#include "cli/scores.h"
#include "db/load.h"
#include "model/explain.h"
#include "model/text.h"

static int run_explain(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"year", required_argument, NULL, 'y'}, {0}};
    int year = 0, c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "y:", opts, NULL)) != -1) {
        if (c == 'y' && !cli_parse_year("explain", optarg, &year))
            return EXIT_USAGE;
        else if (c != 'y')
            return cli_option_error("explain", argv);
    }
    if (optind != argc - 1)
        return cli_usage_error("explain", "需要一个单位编码");
    const char *code = argv[optind];
    struct year_data yd;
    struct year_scores ys;
    /* Ranked without items (the streamed loader), then only this unit's items and ledger
     * texts are read (app_explain_ranked): the same lines as a full load of the year
     * (tests/app/test_explain_ranked.c) at the cost of a ranking (bench/README.md). */
    int rc = cli_scores_load(ctx, &year, false, &yd, &ys);
    if (rc != EXIT_OK)
        return rc;
    long u = year_data_find_unit(&yd, code);
    if (u < 0) {
        cli_scores_free(&yd, &ys);
        return cli_error(EXIT_DATA, "没有编码为 %s 的单位", code);
    }
    struct text_lines lines = {0};
    int src = app_explain_ranked(cli_store(ctx), &yd, &ys, code, &lines);
    /* The stage lines rank the half year too: without the year's ledger, no longer needed
     * (its scores are in ys), that second ranking does not double the peak memory. */
    year_data_drop_ledger(&yd);
    if (src == STORE_OK)
        src = app_explain_stages(cli_store(ctx), &yd, &ys, (size_t)u, &lines);
    if (src != STORE_OK) {
        text_lines_free(&lines);
        cli_scores_free(&yd, &ys);
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(cli_store(ctx)));
    }
    for (size_t i = 0; i < lines.n; i++) {
        char *line = text_clean(lines.lines[i]); /* names and 事由 may hold terminal escapes */
        puts(line);
        free(line);
    }
    text_lines_free(&lines);
    cli_scores_free(&yd, &ys);
    if (fflush(stdout) != 0)
        return cli_error(EXIT_RUNTIME, "写入标准输出失败");
    return EXIT_OK;
}

const struct cli_command cmd_explain = {
    .name = "explain",
    .summary = "说明一个单位的得分是怎样算出来的",
    .usage =
        "用法: kaoping explain [--year Y] CODE\n"
        "\n"
        "列出单位 CODE 在年度 Y (省略时为最新年度) 的完整计算过程: 每个指标的目标值、\n"
        "预期值、完成值、计分方法和半年/年终得分, 类别小计, 计入的每条查访核验、投诉查处\n"
        "和加分记录 (以及超出上限不计的部分), 带数字的计算公式, 等次及其依据, 排名及并列单位。\n",
    .run = run_explain,
};
