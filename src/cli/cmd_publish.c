/* kaoping publish: stores the 半年初评 or 年终总评 ranking as published, an immutable snapshot
 * (app/publish.h). rank and explain then show where today's live scores differ from it. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "app/publish.h"
#include "cli/commands.h"
#include "db/store.h"
#include "db/years.h"

static int run_publish(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"year", required_argument, NULL, 'y'}, {"stage", required_argument, NULL, 's'}, {0}};
    int year = 0, c;
    enum score_stage stage = STAGE_YEAR;
    bool has_stage = false;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "y:", opts, NULL)) != -1) {
        if (c == 'y' && !cli_parse_year("publish", optarg, &year))
            return EXIT_USAGE;
        else if (c == 's' && !(has_stage = stage_parse(optarg, &stage)))
            return cli_usage_error("publish", "--stage %s 无效, 应为 half 或 year", optarg);
        else if (c != 'y' && c != 's')
            return cli_option_error("publish", argv);
    }
    if (optind != argc)
        return cli_usage_error("publish", "多余的参数 %s", argv[optind]);
    if (!year || !has_stage)
        return cli_usage_error("publish", "需要 --year Y 和 --stage half|year");
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    if (!store_year_exists(st, year))
        return cli_error(EXIT_DATA, "%d 年度不存在", year);
    struct publication pub;
    int rc = store_begin(st);
    if (rc == STORE_OK)
        rc = app_publish(st, year, stage, &pub);
    if ((rc = store_end(st, rc)) != STORE_OK)
        return cli_error(cli_store_exit(rc), "%s", store_errmsg(st));
    printf("%d 年度%s已发布: %zu 个单位, %s 由 %s 发布。此后的修改不会改变发布的结果;\n"
           "rank 和 explain 会标出与发布结果不同之处。\n",
           year, stage_label(stage), pub.n_rows, pub.at, pub.by);
    publication_free(&pub);
    return EXIT_OK;
}

const struct cli_command cmd_publish = {
    .name = "publish",
    .summary = "发布半年初评或年终总评的结果 (保存为不可更改的快照)",
    .usage = "用法: kaoping publish --year Y --stage half|year\n"
             "\n"
             "按当前数据计算该阶段的排名 (与 kaoping rank --stage 相同), 连同发布人、发布时间、\n"
             "每个单位的每一项得分、等次和名次保存为快照。快照不能修改或删除 (数据库拒绝),\n"
             "每个年度每个阶段只发布一次。之后数据再有改动, rank 和 explain 会标出与发布\n"
             "结果不同的单位。审定锁定 (kaoping lock) 一个尚未发布年终总评的年度时,\n"
             "先自动发布年终总评: 锁定的年度保留的就是这份发布结果。\n"
             "  --stage half  半年初评 (半年初评得分折算为百分制, 加减分台账截至 6 月 30 日)\n"
             "  --stage year  年终总评 (完整的考核公式)\n",
    .run = run_publish,
};
