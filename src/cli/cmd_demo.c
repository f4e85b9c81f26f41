/* kaoping demo: fill the database with the demo county, in one transaction. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/busy.h"
#include "cli/commands.h"
#include "app/demo_county.h"
#include "db/maintenance.h"
#include "db/store.h"
#include "db/years.h"

/* The locked years as "2025、2026" in buf (empty when none). STORE_OK or an error status. */
static int locked_years(struct store *st, char *buf, size_t bufsz)
{
    int *years;
    size_t n;
    buf[0] = '\0';
    int rc = store_years(st, &years, &n);
    if (rc != STORE_OK)
        return rc;
    for (size_t i = 0; rc == STORE_OK && i < n; i++) {
        bool locked = false;
        rc = store_year_locked(st, years[i], &locked);
        size_t len = strlen(buf);
        if (rc == STORE_OK && locked)
            snprintf(buf + len, bufsz - len, "%s%d", len ? "、" : "", years[i]);
    }
    free(years);
    return rc;
}

/* Inside the write transaction: may this file be filled (and, with force, wiped)? Returns
 * EXIT_OK or the exit code of a refusal (already reported). */
static int may_write(struct store *st, bool force, const char *reason)
{
    if (!force) {
        if (store_is_empty(st))
            return EXIT_OK;
        return cli_error(EXIT_USAGE, "数据库 %s 已有数据, 未改动; 如要清空并写入演示数据请加 --force",
                         store_path(st));
    }
    char years[256];
    if (locked_years(st, years, sizeof years) != STORE_OK)
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    /* A locked year is an approved result: wiping it is an act someone answers for. */
    if (*years && (!reason || !*reason))
        return cli_error(EXIT_USAGE,
                         "数据库 %s 中 %s 年度已审定锁定, 未改动; 如确要清空, 请用 --reason"
                         " 说明理由 (记入审计日志)",
                         store_path(st), years);
    return EXIT_OK;
}

static int run_demo(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"force", no_argument, NULL, 'f'}, {"reason", required_argument, NULL, 'r'}, {0}};
    bool force = false;
    const char *reason = NULL;
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "fr:", opts, NULL)) != -1) {
        if (c == 'f')
            force = true;
        else if (c == 'r')
            reason = optarg;
        else
            return cli_option_error("demo", argv);
    }
    if (optind != argc)
        return cli_usage_error("demo", "demo 不接受参数");
    if (reason && !force)
        return cli_usage_error("demo", "--reason 只与 --force 一起使用");
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    /* One transaction: killed midway, the file holds either nothing or the whole demo. The
     * emptiness and lock tests are inside it, so a demo another process is writing right now
     * counts. */
    int rc = store_begin_bulk(st, cli_busy_notice, NULL);
    if (rc == STORE_OK) {
        int refused = may_write(st, force, reason);
        if (refused != EXIT_OK) {
            store_rollback(st);
            return refused;
        }
    }
    if (rc == STORE_OK && force)
        rc = store_wipe(st, reason);
    if (rc == STORE_OK)
        rc = demo_county_build(st);
    if (rc == STORE_OK)
        rc = store_commit(st);
    if (rc != STORE_OK) {
        store_rollback(st);
        return cli_error(EXIT_RUNTIME, "写入演示数据失败: %s", store_errmsg(st));
    }
    printf("已写入演示县到 %s: %zu 个单位, 2025 年度 (完整) 与 2026 年度 (填报到第 3 季度)\n",
           store_path(st), demo_county_unit_count());
    return EXIT_OK;
}

const struct cli_command cmd_demo = {
    .name = "demo",
    .summary = "写入一个演示县的数据 (2025 完整, 2026 进行中)",
    .usage = "用法: kaoping demo [--force [--reason TEXT]]\n"
             "\n"
             "写入演示县 (46 个单位): 10 个乡镇、30 个县直部门、4 个驻县单位、2 个金融机构;\n"
             "2025 年度数据完整 (任务书、四个季度进度、加减分台账、公众评议),\n"
             "2026 年度填报到第 3 季度 (双监控可用)。\n"
             "数据库已有数据时拒绝, 除非加 --force (先清空全部业务数据, 审计日志保留)。\n"
             "有已审定锁定的年度时, --force 还需要 --reason 说明理由 (记入审计日志)。\n"
             "全部写入在一个事务中完成: 中途中断时数据库不变。\n",
    .run = run_demo,
    .creates = true,
};
