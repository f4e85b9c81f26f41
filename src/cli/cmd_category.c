/* kaoping category add|rename|delete|points: a year's indicator categories per pool
 * (docs/scheme.md, "Categories"). Every command is one transaction; `--set NAME=POINTS`
 * rebalances other categories in the same transaction, and each pool touched must end with
 * its categories adding up to 半年初评 + 年终总评, or nothing is written. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "db/categories.h"
#include "db/pools.h"
#include "db/years.h"
#include "io/field.h"
#include "model/score.h"
#include "model/xmalloc.h"

#define MAX_SETS 64

struct cat_cmd {
    const char *sub;
    int year;
    const char *pool;          /* --pool; NULL: every pool concerned */
    char *sets[MAX_SETS];      /* --set NAME=POINTS, and the arguments of `points` */
    size_t n_sets;
    char **args;               /* the positional arguments after the subcommand */
    int n_args;
};

/* "NAME=POINTS" split at the last '=' (names may not contain one, numbers never do). */
static bool split_set(const char *s, char *name, size_t namesz, double *points)
{
    const char *eq = strrchr(s, '=');
    char why[128];
    if (!eq || eq == s || (size_t)(eq - s) >= namesz ||
        !field_parse_number(eq + 1, false, points, why, sizeof why)) {
        cli_usage_error("category", "应为 类别=分值 (如 经济发展=20): %s", s);
        return false;
    }
    memcpy(name, s, (size_t)(eq - s));
    name[eq - s] = '\0';
    return true;
}

static bool parse_points(const char *s, double *out)
{
    char why[128];
    if (field_parse_number(s, false, out, why, sizeof why))
        return true;
    cli_usage_error("category", "分值 %s %s", s, why);
    return false;
}

/* The main change on one pool; the --set values follow it. */
static int apply_one(struct store *st, const struct cat_cmd *c, const char *pool)
{
    const char *sub = c->sub;
    int rc = STORE_OK;
    double pts = 0;
    if (strcmp(sub, "add") == 0)
        rc = parse_points(c->args[1], &pts) ? store_category_add(st, c->year, pool, c->args[0], pts)
                                            : -1;
    else if (strcmp(sub, "rename") == 0)
        rc = store_category_rename(st, c->year, pool, c->args[0], c->args[1]);
    else if (strcmp(sub, "delete") == 0)
        rc = store_category_delete(st, c->year, pool, c->args[0]);
    for (size_t i = 0; i < c->n_sets && rc == STORE_OK; i++) {
        char name[256];
        if (!split_set(c->sets[i], name, sizeof name, &pts))
            return -1;
        rc = store_category_set_points(st, c->year, pool, name, pts);
    }
    if (rc == STORE_OK)
        rc = store_category_check_sum(st, c->year, pool);
    return rc;
}

/* The pools concerned: --pool, or every pool of the year (that has the category named first,
 * except for add). */
static int pools_concerned(struct store *st, const struct cat_cmd *c, char ***out, size_t *n)
{
    char **pools;
    size_t np;
    if (c->pool) {
        *out = xmalloc(sizeof **out), (*out)[0] = xstrdup(c->pool), *n = 1;
        return STORE_OK;
    }
    int rc = store_year_pools(st, c->year, &pools, &np);
    if (rc != STORE_OK || strcmp(c->sub, "add") == 0) {
        *out = pools, *n = np;
        return rc;
    }
    struct category *cats;
    size_t nc;
    const char *want = c->n_args > 0 ? c->args[0] : NULL;
    char first[256] = "";
    if (!want && c->n_sets > 0 && split_set(c->sets[0], first, sizeof first, &(double){0}))
        want = first;
    rc = store_categories(st, c->year, &cats, &nc);
    *n = 0;
    for (size_t i = 0; i < np && rc == STORE_OK; i++) {
        bool has = false;
        for (size_t k = 0; k < nc; k++)
            has = has || (strcmp(cats[k].pool, pools[i]) == 0 && want && strcmp(cats[k].name, want) == 0);
        if (has)
            pools[(*n)++] = pools[i];
        else
            free(pools[i]);
    }
    if (rc == STORE_OK)
        store_free_categories(cats, nc);
    *out = pools;
    return rc;
}

static int run_change(struct store *st, const struct cat_cmd *c)
{
    char **pools;
    size_t n;
    int rc = store_begin(st);
    if (rc != STORE_OK)
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    rc = pools_concerned(st, c, &pools, &n);
    if (rc == STORE_OK && n == 0) {
        store_end(st, STORE_NOTFOUND);
        store_free_strings(pools, n);
        return cli_error(EXIT_DATA, "%d 年度没有分组有类别 %s", c->year,
                         c->n_args ? c->args[0] : c->sets[0]);
    }
    for (size_t i = 0; i < n && rc == STORE_OK; i++)
        rc = apply_one(st, c, pools[i]);
    if (rc == -1) { /* a usage error, already printed */
        store_end(st, STORE_INVALID);
        store_free_strings(pools, n);
        return EXIT_USAGE;
    }
    rc = store_end(st, rc);
    if (rc != STORE_OK) {
        store_free_strings(pools, n);
        return cli_error(cli_store_exit(rc), "%s; 未作任何修改", store_errmsg(st));
    }
    for (size_t i = 0; i < n; i++)
        printf("%d 年度 %s: 已%s\n", c->year, pools[i],
               strcmp(c->sub, "add") == 0      ? "添加类别"
               : strcmp(c->sub, "rename") == 0 ? "改名"
               : strcmp(c->sub, "delete") == 0 ? "删除类别"
                                               : "修改分值");
    store_free_strings(pools, n);
    return EXIT_OK;
}

/* How many positional arguments each subcommand takes (points: one or more NAME=POINTS). */
static int check_args(struct cat_cmd *c)
{
    static const struct {
        const char *sub;
        int n;
    } subs[] = {{"add", 2}, {"rename", 2}, {"delete", 1}, {"points", -1}};
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        if (strcmp(subs[i].sub, c->sub) != 0)
            continue;
        if (subs[i].n < 0) { /* points: the arguments are sets */
            for (int k = 0; k < c->n_args && c->n_sets < MAX_SETS; k++)
                c->sets[c->n_sets++] = c->args[k];
            c->n_args = 0;
            return c->n_sets > 0 ? EXIT_OK
                                 : cli_usage_error("category", "category points 需要 类别=分值");
        }
        if (c->n_args != subs[i].n)
            return cli_usage_error("category", "category %s 需要 %d 个参数", c->sub, subs[i].n);
        if (strcmp(c->sub, "rename") == 0 && c->n_sets > 0)
            return cli_usage_error("category", "--set 不用于 rename (改名不改分值)");
        return EXIT_OK;
    }
    return cli_usage_error("category", "需要子命令 add、rename、delete 或 points");
}

static int run_category(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"year", required_argument, NULL, 'y'},
                                         {"pool", required_argument, NULL, 'p'},
                                         {"set", required_argument, NULL, 's'},
                                         {0}};
    struct cat_cmd c = {0};
    int ch;
    cli_getopt_reset();
    while ((ch = getopt_long(argc, argv, "y:p:s:", opts, NULL)) != -1) {
        if (ch == 'y' && !cli_parse_year("category", optarg, &c.year))
            return EXIT_USAGE;
        else if (ch == 'p')
            c.pool = optarg;
        else if (ch == 's' && c.n_sets < MAX_SETS)
            c.sets[c.n_sets++] = optarg;
        else if (ch != 'y' && ch != 's')
            return cli_option_error("category", argv);
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
    return run_change(st, &c);
}

const struct cli_command cmd_category = {
    .name = "category",
    .summary = "添加、改名、删除指标类别或修改其分值 (按年度和分组)",
    .usage = "用法: kaoping category add NAME POINTS [--pool P] [--year Y] [--set NAME=POINTS]...\n"
             "      kaoping category rename OLD NEW [--pool P] [--year Y]\n"
             "      kaoping category delete NAME [--pool P] [--year Y] [--set NAME=POINTS]...\n"
             "      kaoping category points NAME=POINTS... [--pool P] [--year Y]\n"
             "\n"
             "改动年度 Y (省略时为最新年度) 中分组 P 的指标类别; 不给 --pool 时, add 作用于该\n"
             "年度的每个分组, 其他子命令作用于有这个类别的每个分组。每条命令是一个事务:\n"
             "  add     添加类别 NAME, 分值 POINTS (排在最后)\n"
             "  rename  类别改名; 本年度该分组单位的任务书条目随之改用新名\n"
             "  delete  删除类别; 还有任务书条目在这个类别下时拒绝, 并列出这些条目\n"
             "  points  修改一个或几个类别的分值\n"
             "--set NAME=POINTS 在同一事务里修改别的类别的分值 (可重复), 以保持合计不变。\n"
             "改动后每个分组的类别分值合计必须等于 半年初评 + 年终总评 (如 30 + 60 = 90), 否则\n"
             "拒绝并给出合计, 不写入任何东西 (退出码 3)。已审定的年度拒绝修改。例:\n"
             "  kaoping category add 村级事务 10 --pool 乡镇 --set 经济发展=10\n",
    .run = run_category,
};
