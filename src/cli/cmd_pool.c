/* kaoping pool add|rename|reorder|retire: a year's pools (考核分组), from that year on
 * (docs/scheme.md, "Pools"). Earlier and locked years keep theirs; each command is one
 * transaction. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "db/pools.h"
#include "db/years.h"

struct pool_cmd {
    const char *sub;
    int year;
    const char *like;
    char **args;
    int n_args;
};

static int apply(struct store *st, const struct pool_cmd *c)
{
    if (strcmp(c->sub, "add") == 0)
        return store_pool_add(st, c->year, c->args[0], c->like);
    if (strcmp(c->sub, "rename") == 0)
        return store_pool_rename(st, c->year, c->args[0], c->args[1]);
    if (strcmp(c->sub, "reorder") == 0)
        return store_pool_reorder(st, c->year, c->args, (size_t)c->n_args);
    return store_pool_retire(st, c->year, c->args[0]);
}

static void report(struct store *st, const struct pool_cmd *c)
{
    const char *s = c->sub;
    if (strcmp(s, "add") == 0)
        printf("%d 年度起添加分组 %s%s%s\n", c->year, c->args[0], c->like ? ", 类别照 " : "",
               c->like ? c->like : " (还没有指标类别: kaoping category add)");
    else if (strcmp(s, "rename") == 0)
        printf("%d 年度起分组 %s 改名为 %s (此前的年度不变)\n", c->year, c->args[0], c->args[1]);
    else if (strcmp(s, "retire") == 0)
        printf("%d 年度起停用分组 %s (此前的年度不变)\n", c->year, c->args[0]);
    char **pools;
    size_t n;
    if (store_year_pools(st, c->year, &pools, &n) != STORE_OK)
        return;
    printf("%d 年度的分组 (排名顺序):", c->year);
    for (size_t i = 0; i < n; i++)
        printf("%s%s", i ? ", " : " ", pools[i]);
    puts("");
    store_free_strings(pools, n);
}

static int check_args(const struct pool_cmd *c)
{
    static const struct {
        const char *sub;
        int n; /* -1: one or more */
    } subs[] = {{"add", 1}, {"rename", 2}, {"reorder", -1}, {"retire", 1}};
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        if (strcmp(subs[i].sub, c->sub) != 0)
            continue;
        if (c->like && strcmp(c->sub, "add") != 0)
            return cli_usage_error("pool", "--like 只用于 pool add");
        if (subs[i].n < 0 ? c->n_args < 1 : c->n_args != subs[i].n)
            return cli_usage_error("pool", "pool %s 的参数个数不对", c->sub);
        return EXIT_OK;
    }
    return cli_usage_error("pool", "需要子命令 add、rename、reorder 或 retire");
}

static int run_pool(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"year", required_argument, NULL, 'y'}, {"like", required_argument, NULL, 'l'}, {0}};
    struct pool_cmd c = {0};
    int ch;
    cli_getopt_reset();
    while ((ch = getopt_long(argc, argv, "y:", opts, NULL)) != -1) {
        if (ch == 'y' && !cli_parse_year("pool", optarg, &c.year))
            return EXIT_USAGE;
        else if (ch == 'l')
            c.like = optarg;
        else if (ch != 'y')
            return cli_option_error("pool", argv);
    }
    c.sub = optind < argc ? argv[optind] : "";
    c.args = argv + optind + 1;
    c.n_args = optind < argc ? argc - optind - 1 : 0;
    struct store *st = NULL;
    int code = check_args(&c);
    if (code == EXIT_OK)
        code = cli_store_year(ctx, &st, &c.year);
    if (code != EXIT_OK)
        return code;
    int rc = store_begin(st);
    if (rc == STORE_OK)
        rc = apply(st, &c);
    rc = store_end(st, rc);
    if (rc != STORE_OK)
        return cli_error(cli_store_exit(rc), "%s; 未作任何修改", store_errmsg(st));
    report(st, &c);
    return EXIT_OK;
}

const struct cli_command cmd_pool = {
    .name = "pool",
    .summary = "添加、改名、排序、停用考核分组 (从某年度起)",
    .usage = "用法: kaoping pool add NAME [--year Y] [--like POOL]\n"
             "      kaoping pool rename OLD NEW [--year Y]\n"
             "      kaoping pool reorder POOL... [--year Y]\n"
             "      kaoping pool retire NAME [--year Y]\n"
             "\n"
             "改动从年度 Y (省略时为最新年度) 起, 作用于 Y 及以后各年度; 此前的年度保持原样。\n"
             "Y 及以后有已审定的年度时拒绝。每条命令是一个事务。\n"
             "  add      添加分组 NAME (如 村), 排在最后; --like POOL 照分组 POOL 复制指标类别,\n"
             "           否则之后用 kaoping category add 添加\n"
             "  rename   分组改名; 这些年度的指标类别和单位随之改用新名\n"
             "  reorder  按给出的顺序排列 (须列出年度 Y 的全部分组), 即排名的分组顺序\n"
             "  retire   停用分组 (连同这些年度里它的指标类别); 这些年度里还有单位在这个分组时\n"
             "           拒绝, 并列出这些单位: 先在单位里把它们改到别的分组\n",
    .run = run_pool,
};
