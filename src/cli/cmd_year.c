/* kaoping year new: a new year from the last one (issue 15): scheme, categories, pools and
 * units (minus the retired), on request the 任务书 (progress empty, approval cleared) and the
 * open rectifications, in one transaction. The workstation's n on the home screen asks the
 * same questions. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "db/store.h"
#include "db/year_new.h"
#include "model/calendar.h"

enum { OPT_WITH_TARGETS = 256, OPT_CARRY, OPT_TODAY };

/* Fills r from the command line; returns EXIT_OK or the usage error's status. */
static int parse_new(int argc, char **argv, struct year_new_request *r)
{
    static const struct option opts[] = {{"from", required_argument, NULL, 'f'},
                                         {"with-targets", no_argument, NULL, OPT_WITH_TARGETS},
                                         {"carry-rectifications", no_argument, NULL, OPT_CARRY},
                                         {"today", required_argument, NULL, OPT_TODAY},
                                         {0}};
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "f:", opts, NULL)) != -1) {
        if (c == 'f' && !cli_parse_year("year", optarg, &r->from))
            return EXIT_USAGE;
        else if (c == OPT_WITH_TARGETS)
            r->with_targets = true;
        else if (c == OPT_CARRY)
            r->carry_rectifications = true;
        else if (c == OPT_TODAY)
            r->today = optarg;
        else if (c != 'f')
            return cli_option_error("year", argv);
    }
    /* getopt has moved the options before the operands: "new" and the year. */
    if (optind >= argc || strcmp(argv[optind], "new") != 0)
        return cli_usage_error("year", "需要子命令 new");
    if (optind + 2 < argc)
        return cli_usage_error("year", "多余的参数 %s", argv[optind + 2]);
    if (optind + 2 > argc)
        return cli_usage_error("year", "year new 需要新年度, 如 year new 2027 --from 2026");
    if (!cli_parse_year("year", argv[optind + 1], &r->year))
        return EXIT_USAGE;
    if (!r->from)
        return cli_usage_error("year", "需要 --from 来源年度");
    if (r->today && !calendar_date_text_valid(r->today))
        return cli_usage_error("year", "--today 应为 YYYY-MM-DD 格式的有效日期: %s", r->today);
    return EXIT_OK;
}

static void print_result(const struct year_new_request *r, const struct year_new_result *res)
{
    printf("已新建 %d 年度 (沿用 %d 年度的考核方案、指标类别和分组): %lld 个单位\n", r->year,
           r->from, res->units);
    if (r->with_targets)
        printf("任务书: 复制 %lld 条指标 (进度为空, 未批复)\n", res->targets);
    if (r->carry_rectifications) {
        printf("整改: 结转 %lld 条未完成的整改 (标为结转, 链接原记录)", res->carried);
        if (res->not_carried)
            printf("; %lld 条属于不在新年度的单位, 未结转", res->not_carried);
        putchar('\n');
    }
}

static int run_year(struct cli_ctx *ctx, int argc, char **argv)
{
    struct year_new_request r = {0};
    int prc = parse_new(argc, argv, &r);
    if (prc != EXIT_OK)
        return prc;
    char today[11];
    cli_today(today, r.today);
    r.today = today;
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    struct year_new_result res;
    int rc = store_begin(st);
    if (rc == STORE_OK)
        rc = store_year_new(st, &r, &res);
    if (rc == STORE_OK)
        rc = store_commit(st);
    if (rc != STORE_OK) {
        store_rollback(st);
        return cli_error(rc == STORE_ERROR ? EXIT_RUNTIME : EXIT_DATA, "%s", store_errmsg(st));
    }
    print_result(&r, &res);
    return EXIT_OK;
}

const struct cli_command cmd_year = {
    .name = "year",
    .summary = "由上一年度新建年度 (方案、类别、单位, 可选任务书和整改结转)",
    .usage = "用法: kaoping year new Y --from F [--with-targets] [--carry-rectifications]\n"
             "\n"
             "由年度 F 新建年度 Y, 一个事务:\n"
             "  沿用 F 的考核方案、指标类别和分组; F 的被考核单位 (从 Y 起退出的除外) 及其\n"
             "  名称、分组和上级。F 只读取, 可以是已审定的年度。\n"
             "  --with-targets          同时复制 F 的任务书: 指标、分值、目标值、预算和序时\n"
             "                          进度照抄, 季度进度留空, 批复状态清除。\n"
             "  --carry-rectifications  把 F 中未完成的整改结转到 Y: 每条成为 Y 的新整改记录\n"
             "                          (原文和期限不变, 登记日期为今天), 标为结转并链接原\n"
             "                          记录; 原记录留在 F 不变。已退出单位的整改不结转。\n"
             "  --today YYYY-MM-DD      结转记录的登记日期 (默认今天, 本地时间)\n",
    .run = run_year,
};
