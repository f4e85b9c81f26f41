/* kaoping source rename: a year's score source (评分来源) renamed with its scores, as 设置 →
 * 评分来源 `r` does (store_source_rename: every row of that name — 领导评估 of each pool — and
 * the year's scores of it, in one transaction, so the scores keep counting). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "db/sources.h"

static int run_source(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"year", required_argument, NULL, 'y'}, {0}};
    int year = 0, ch;
    cli_getopt_reset();
    while ((ch = getopt_long(argc, argv, "y:", opts, NULL)) != -1) {
        if (ch == 'y' && !cli_parse_year("source", optarg, &year))
            return EXIT_USAGE;
        else if (ch != 'y')
            return cli_option_error("source", argv);
    }
    if (optind >= argc || strcmp(argv[optind], "rename") != 0)
        return cli_usage_error("source", "需要子命令 rename");
    if (argc - optind - 1 != 2)
        return cli_usage_error("source", "source rename 需要原名称和新名称两个参数");
    const char *old = argv[optind + 1], *new_name = argv[optind + 2];
    struct store *st = NULL;
    int code = cli_store_year(ctx, &st, &year);
    if (code != EXIT_OK)
        return code;
    size_t scores = 0;
    int rc = store_begin(st);
    if (rc == STORE_OK)
        rc = store_source_rename(st, year, old, new_name, &scores);
    rc = store_end(st, rc);
    if (rc != STORE_OK)
        return cli_error(cli_store_exit(rc), "%s; 未作任何修改", store_errmsg(st));
    printf("%d 年度评分来源「%s」已改名为「%s」(%zu 条评分随之改名)\n", year, old, new_name,
           scores);
    return EXIT_OK;
}

const struct cli_command cmd_source = {
    .name = "source",
    .summary = "评分来源改名 (连同该年度的评分)",
    .usage = "用法: kaoping source rename OLD NEW [--year Y]\n"
             "\n"
             "把年度 Y (省略时为最新年度) 的评分来源 OLD (如 领导评估) 改名为 NEW: 各分组里这个\n"
             "名称的来源和该年度按它录入的评分一起改名, 评分照常计入; 一个事务, 写入审计日志。\n"
             "与终端界面 设置 → o 评分来源 → r 相同。拒绝 (不作任何修改): 空名称、与原名相同、\n"
             "该年度已有的名称、没有这个来源、已审定的年度。\n",
    .run = run_source,
};
