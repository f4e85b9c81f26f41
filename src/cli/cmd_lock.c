/* kaoping lock / unlock: 年度审定. A locked year refuses every change (enforced by the
 * database's triggers); unlocking needs a reason. Both are in the audit log. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "app/publish.h"
#include "cli/commands.h"
#include "db/store.h"
#include "db/years.h"
#include "model/rules.h"

static int set_lock(struct cli_ctx *ctx, int argc, char **argv, bool lock)
{
    const char *name = lock ? "lock" : "unlock";
    static const struct option opts[] = {{"year", required_argument, NULL, 'y'},
                                         {"reason", required_argument, NULL, 'r'},
                                         {"note", required_argument, NULL, 'r'},
                                         {0}};
    int year = 0, c;
    const char *reason = NULL;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "y:r:", opts, NULL)) != -1) {
        if (c == 'y' && !cli_parse_year(name, optarg, &year))
            return EXIT_USAGE;
        else if (c == 'r')
            reason = optarg;
        else if (c != 'y')
            return cli_option_error(name, argv);
    }
    if (optind != argc)
        return cli_usage_error(name, "多余的参数 %s", argv[optind]);
    if (!year)
        return cli_usage_error(name, "需要 --year");
    if (!lock && !rules_reason_given(reason))
        return cli_usage_error(name, "解锁需要 --reason 说明理由 (不能只有空格)");
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    bool published = false;
    int rc;
    if (lock) {
        rc = app_lock_year(st, year, reason ? reason : "审定锁定", &published);
    } else {
        rc = store_begin(st);
        if (rc == STORE_OK)
            rc = store_year_set_lock(st, year, lock, reason);
        rc = store_end(st, rc);
    }
    if (rc != STORE_OK)
        return cli_error(rc == STORE_ERROR ? EXIT_RUNTIME : EXIT_DATA, "%s", store_errmsg(st));
    if (published)
        printf("%d 年度年终总评尚未发布, 已随审定一并发布 (快照)\n", year);
    printf(lock ? "%d 年度已审定锁定: 此后不能修改该年度的任何数据\n" : "%d 年度已解锁\n", year);
    return EXIT_OK;
}

static int run_lock(struct cli_ctx *ctx, int argc, char **argv)
{
    return set_lock(ctx, argc, argv, true);
}

static int run_unlock(struct cli_ctx *ctx, int argc, char **argv)
{
    return set_lock(ctx, argc, argv, false);
}

const struct cli_command cmd_lock = {
    .name = "lock",
    .summary = "审定锁定一个年度 (此后拒绝一切修改)",
    .usage = "用法: kaoping lock --year Y [--note TEXT]\n"
             "\n"
             "结果审定后锁定年度: 该年度的方案、类别、任务书、进度、台账、公众评议和整改\n"
             "都不能再修改 (终端界面和命令行都拒绝, 由数据库强制)。记入审计日志。\n"
             "锁定保留的是年终总评的发布结果: 尚未发布 (kaoping publish --stage year) 时,\n"
             "在同一事务中先发布。\n",
    .run = run_lock,
};

const struct cli_command cmd_unlock = {
    .name = "unlock",
    .summary = "解锁一个已审定的年度 (需要理由)",
    .usage = "用法: kaoping unlock --year Y --reason TEXT\n"
             "\n"
             "解锁已审定的年度。理由必填, 与操作员一起记入审计日志。\n",
    .run = run_unlock,
};
