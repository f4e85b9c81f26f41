/* kaoping check: integrity and domain consistency report. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/commands.h"
#include "db/maintenance.h"
#include "db/store.h"
#include "model/text.h"

struct tally {
    int errors, notes;
};

static void print_finding(void *ctx, enum check_severity sev, const char *message)
{
    struct tally *t = ctx;
    char *clean = text_clean(message); /* names in findings may hold terminal escapes */
    printf("%s %s\n", sev == CHECK_ERROR ? "错误" : "提示", clean);
    free(clean);
    if (sev == CHECK_ERROR)
        t->errors++;
    else
        t->notes++;
}

static int run_check(struct cli_ctx *ctx, int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        return cli_usage_error("check", "check 不接受参数");
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    struct tally t = {0};
    printf("检查 %s\n", store_path(st));
    int rc = store_check(st, print_finding, &t);
    if (rc < 0)
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    printf("结果: %d 个错误, %d 条提示%s\n", t.errors, t.notes,
           t.errors ? "" : " — 数据库完整, 数据一致");
    return t.errors ? EXIT_RUNTIME : EXIT_OK;
}

const struct cli_command cmd_check = {
    .name = "check",
    .summary = "检查数据库完整性和数据一致性",
    .usage = "用法: kaoping check\n"
             "\n"
             "运行 SQLite 完整性检查、外键检查、业务检查和审计日志校验, 打印报告。\n"
             "错误: 文件损坏、类别分值合计不等于集中考核分值、引用失效、审计日志断链或有\n"
             "未封存的记录、审计或年度锁定触发器缺失或被改动 (docs/store.md); 同名的单位、\n"
             "同一单位同一年度中编码只差电子表格改动的指标 (01 与 1, 1.10 与 1.1; docs/xlsx.md)。\n"
             "评分来源: 半年初评 + 年终总评 + 公众评议不等于 100、某分组的评分来源超过集中考核\n"
             "的分值、有考核方案中没有的来源的评分 (错误); 缺少评分来源得分的单位 (提示)。\n"
             "提示 (不算错误): 未填报的季度进度、缺少公众评议 (进行中的年度是正常的)。\n"
             "退出码: 0 没有错误, 1 有错误。\n",
    .run = run_check,
};
