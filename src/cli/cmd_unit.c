/* kaoping unit list|retire|add: the units of a year (units per year, docs/store.md). A units
 * file (import units) edits the newest year's names and pools; these name the year. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "db/store.h"
#include "db/units.h"
#include "db/years.h"
#include "model/text.h"

struct unit_args {
    int year, from;
    const char *name, *pool, *parent;
};

static int parse(int argc, char **argv, struct unit_args *a)
{
    static const struct option opts[] = {{"year", required_argument, NULL, 'y'},
                                         {"from", required_argument, NULL, 'f'},
                                         {"name", required_argument, NULL, 'n'},
                                         {"pool", required_argument, NULL, 'p'},
                                         {"parent", required_argument, NULL, 'P'},
                                         {0}};
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "y:", opts, NULL)) != -1) {
        if ((c == 'y' && !cli_parse_year("unit", optarg, &a->year)) ||
            (c == 'f' && !cli_parse_year("unit", optarg, &a->from)))
            return EXIT_USAGE;
        else if (c == 'n')
            a->name = optarg;
        else if (c == 'p')
            a->pool = optarg;
        else if (c == 'P')
            a->parent = optarg;
        else if (c != 'y' && c != 'f')
            return cli_option_error("unit", argv);
    }
    return EXIT_OK;
}

static int list(struct store *st, int year)
{
    int year_rc = cli_default_year(st, &year);
    if (year_rc != EXIT_OK)
        return year_rc;
    if (!store_year_exists(st, year))
        return cli_error(EXIT_DATA, "%d 年度不存在", year);
    struct unit *u;
    size_t n;
    if (store_unit_list(st, year, &u, &n) != STORE_OK)
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    printf("%d 年度: %zu 个单位\n", year, n);
    for (size_t i = 0; i < n; i++) {
        char *name = text_clean(u[i].name); /* stored text may hold terminal escapes */
        printf("%s\t%s\t%s\t%s\n", u[i].code, name, u[i].pool, u[i].parent ? u[i].parent : "");
        free(name);
    }
    store_free_units(u, n);
    return EXIT_OK;
}

/* Runs one write in a transaction; prints done on success. */
static int write_one(struct store *st, int rc_begin, int (*fn)(struct store *, const void *),
                     const void *arg)
{
    int rc = rc_begin == STORE_OK ? fn(st, arg) : rc_begin;
    if (rc == STORE_OK)
        rc = store_commit(st);
    if (rc != STORE_OK) {
        store_rollback(st);
        return cli_error(rc == STORE_ERROR ? EXIT_RUNTIME : EXIT_DATA, "%s", store_errmsg(st));
    }
    return EXIT_OK;
}

struct op {
    const char *code;
    const struct unit_args *a;
};

static int do_retire(struct store *st, const void *arg)
{
    const struct op *o = arg;
    return store_unit_retire(st, o->code, o->a->from);
}

/* Adds the unit to a year with its newest entry, or the name/pool/parent given. */
static int do_add(struct store *st, const void *arg)
{
    const struct op *o = arg;
    struct unit u;
    int rc = store_unit_get(st, 0, o->code, &u);
    if (rc != STORE_OK)
        return rc;
    struct unit put = u;
    put.name = o->a->name ? (char *)o->a->name : u.name;
    put.pool = o->a->pool ? (char *)o->a->pool : u.pool;
    put.parent = o->a->parent ? (char *)o->a->parent : u.parent;
    rc = store_unit_put(st, o->a->year, &put, NULL);
    unit_clear(&u);
    return rc;
}

static int run_unit(struct cli_ctx *ctx, int argc, char **argv)
{
    struct unit_args a = {0};
    int prc = parse(argc, argv, &a);
    if (prc != EXIT_OK)
        return prc;
    const char *sub = optind < argc ? argv[optind] : NULL;
    bool is_list = sub && strcmp(sub, "list") == 0, retire = sub && strcmp(sub, "retire") == 0,
         add = sub && strcmp(sub, "add") == 0;
    if (!is_list && !retire && !add)
        return cli_usage_error("unit", "需要子命令 list、retire 或 add");
    if (optind + (is_list ? 1 : 2) != argc)
        return cli_usage_error("unit", is_list ? "unit list 不接受其他参数"
                                               : "需要一个单位编码, 如 unit retire S04 --from 2027");
    if (retire && !a.from)
        return cli_usage_error("unit", "unit retire 需要 --from 退出的年度");
    if (add && !a.year)
        return cli_usage_error("unit", "unit add 需要 --year 加入的年度");
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    if (is_list)
        return list(st, a.year);
    struct op o = {argv[optind + 1], &a};
    int rc = write_one(st, store_begin(st), retire ? do_retire : do_add, &o);
    if (rc == EXIT_OK && retire)
        printf("单位 %s 自 %d 年度起退出 (此前的年度保留; 此后新建的年度不含该单位)\n", o.code,
               a.from);
    else if (rc == EXIT_OK)
        printf("单位 %s 已加入 %d 年度\n", o.code, a.year);
    return rc;
}

const struct cli_command cmd_unit = {
    .name = "unit",
    .summary = "年度的被考核单位: 列出、退出、加入",
    .usage = "用法: kaoping unit list [--year Y]\n"
             "      kaoping unit retire CODE --from Y\n"
             "      kaoping unit add CODE --year Y [--name NAME] [--pool POOL] [--parent CODE]\n"
             "\n"
             "单位的名称、分组和上级按年度保存: 已审定的年度保留自己的 (docs/store.md)。\n"
             "list    年度 Y (默认最新年度) 的单位: 编码、名称、分组、上级, 制表符分隔。\n"
             "retire  单位自年度 Y 起退出: 从 Y 及以后的年度中移除 (这些年度里还有任务书、\n"
             "        台账、评议、整改或下级单位, 或已审定时拒绝), 此后新建的年度不含它;\n"
             "        此前的年度不变。\n"
             "add     把单位加入年度 Y (如退出后又恢复): 名称、分组和上级默认取它最新的,\n"
             "        可用 --name --pool --parent 指定。\n"
             "import units 修改的是最新年度的单位。\n",
    .run = run_unit,
};
