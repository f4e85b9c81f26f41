/* kaoping audit: who changed what and when, newest first. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/commands.h"
#include "db/audit.h"
#include "db/store.h"
#include "model/text.h"

static void print_problem(void *ctx, enum check_severity sev, const char *message)
{
    (void)ctx, (void)sev;
    printf("错误 %s\n", message);
}

/* audit --verify: the triggers and the hash chain; the head printed on success is what an
 * office writes down (or keeps in a backup) to show later that nothing before it changed. */
static int verify(struct cli_ctx *ctx)
{
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    struct audit_verdict v;
    int problems = store_audit_verify(st, print_problem, NULL, &v);
    if (problems < 0)
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    char head[2 * AUDIT_HASH_LEN + 1];
    for (int i = 0; i < AUDIT_HASH_LEN; i++)
        snprintf(head + 2 * i, 3, "%02x", v.head[i]);
    if (problems) {
        printf("审计日志校验失败: %lld 条记录, %lld 条断链, %lld 条未封存, %d 个触发器有问题\n",
               v.rows, v.broken, v.unsealed, v.bad_triggers);
        return EXIT_RUNTIME;
    }
    printf("审计日志校验通过: %lld 条记录, 哈希链完整, 触发器齐全; 链头 %s\n", v.rows, head);
    return EXIT_OK;
}

/* One row, tab-separated, as it is read (nothing held: --limit 0 of a province). */
static void print_row(void *ctx, const struct audit_row_view *r)
{
    (void)ctx;
    const char *field[7] = {r->at,      r->operator_name,
                            r->action,  r->table,
                            r->row_key, r->old_json ? r->old_json : "-",
                            r->new_json ? r->new_json : "-"};
    for (int k = 0; k < 7; k++) {
        char *clean = text_clean(field[k]); /* stored text may hold terminal escapes */
        printf("%s%c", clean, k < 6 ? '\t' : '\n');
        free(clean);
    }
}

static int run_audit(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"unit", required_argument, NULL, 'u'},
                                         {"table", required_argument, NULL, 't'},
                                         {"since", required_argument, NULL, 's'},
                                         {"until", required_argument, NULL, 'e'},
                                         {"limit", required_argument, NULL, 'n'},
                                         {"verify", no_argument, NULL, 'v'},
                                         {0}};
    bool check_chain = false;
    struct audit_filter f = {.limit = 50};
    int c, limit;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "u:t:s:e:n:", opts, NULL)) != -1) {
        switch (c) {
        case 'v': check_chain = true; break;
        case 'u': f.unit = optarg; break;
        case 't': f.table = optarg; break;
        case 's': f.since = optarg; break;
        case 'e': f.until = optarg; break;
        case 'n':
            if (!cli_parse_int("audit", "--limit", optarg, 0, 1000000, &limit))
                return EXIT_USAGE;
            f.limit = (size_t)limit;
            break;
        default: return cli_option_error("audit", argv);
        }
    }
    if (optind != argc)
        return cli_usage_error("audit", "多余的参数 %s", argv[optind]);
    if (check_chain)
        return f.unit || f.table || f.since || f.until
                   ? cli_usage_error("audit", "--verify 校验整个审计日志, 不能与筛选条件同用")
                   : verify(ctx);
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    if (store_audit_each(st, &f, print_row, NULL) != STORE_OK)
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    return EXIT_OK;
}

const struct cli_command cmd_audit = {
    .name = "audit",
    .summary = "查看审计日志 (谁在何时改了什么)",
    .usage = "用法: kaoping audit [--unit CODE] [--table TABLE] [--since YYYY-MM-DD]\n"
             "                    [--until YYYY-MM-DD] [--limit N]\n"
             "       kaoping audit --verify\n"
             "\n"
             "按时间倒序列出审计记录 (默认最近 50 条, --limit 0 为全部), 每行用制表符分隔:\n"
             "时间 (本地时间及其与 UTC 的时差, 如 2026-12-02 22:15:03 +08:00)  操作员  动作  表\n"
             "主键  旧值(JSON)  新值(JSON)。--since/--until 为本地日期。\n"
             "表名: unit target progress ledger appraisal rectification scheme category year pool\n"
             "\n"
             "--verify: 校验审计日志的哈希链和审计、年度锁定触发器 (docs/store.md)。\n"
             "通过时打印链头 (记下它, 以后可证明此前的记录没有被重写); 有问题时列出第一处\n"
             "断链或未封存的记录, 退出码 1。\n",
    .run = run_audit,
};
