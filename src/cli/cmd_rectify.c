/* kaoping rectify: raise a rectification (整改) from a warning or a ledger finding, list
 * them (open, overdue), and close them with a note. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/outfmt.h"
#include "db/rectify.h"
#include "db/store.h"
#include "db/units.h"
#include "db/years.h"
#include "io/csv_write.h"
#include "model/calendar.h"
#include "model/rectification.h"
#include "model/xmalloc.h"

enum {
    OPT_YEAR = 1,
    OPT_UNIT,
    OPT_DEADLINE,
    OPT_TEXT,
    OPT_FROM_ITEM,
    OPT_QUARTER,
    OPT_FROM_LEDGER,
    OPT_TODAY,
    OPT_OPEN,
    OPT_OVERDUE,
    OPT_FORMAT,
    OPT_NOTE,
};

static const struct option longopts[] = {
    {"year", required_argument, NULL, OPT_YEAR},
    {"unit", required_argument, NULL, OPT_UNIT},
    {"deadline", required_argument, NULL, OPT_DEADLINE},
    {"text", required_argument, NULL, OPT_TEXT},
    {"from-item", required_argument, NULL, OPT_FROM_ITEM},
    {"quarter", required_argument, NULL, OPT_QUARTER},
    {"from-ledger", required_argument, NULL, OPT_FROM_LEDGER},
    {"today", required_argument, NULL, OPT_TODAY},
    {"open", no_argument, NULL, OPT_OPEN},
    {"overdue", no_argument, NULL, OPT_OVERDUE},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"note", required_argument, NULL, OPT_NOTE},
    {NULL, 0, NULL, 0},
};

/* Everything any subcommand may take; each checks that it got only what it understands. */
struct rect_args {
    int year, quarter;
    const char *unit, *deadline, *text, *from_item, *from_ledger, *today, *note;
    bool open, overdue;
    enum outfmt_format format;
    const char *id; /* positional (done) */
};

static bool parse_option(int c, struct rect_args *a)
{
    switch (c) {
    case OPT_YEAR:
        return cli_parse_year("rectify", optarg, &a->year);
    case OPT_QUARTER:
        return cli_parse_int("rectify", "季度", optarg, 1, 4, &a->quarter);
    case OPT_FORMAT:
        return outfmt_parse("rectify", optarg, &a->format);
    case OPT_UNIT:
        a->unit = optarg;
        return true;
    case OPT_DEADLINE:
        a->deadline = optarg;
        return true;
    case OPT_TEXT:
        a->text = optarg;
        return true;
    case OPT_FROM_ITEM:
        a->from_item = optarg;
        return true;
    case OPT_FROM_LEDGER:
        a->from_ledger = optarg;
        return true;
    case OPT_TODAY:
        a->today = optarg;
        return true;
    case OPT_NOTE:
        a->note = optarg;
        return true;
    case OPT_OPEN:
        a->open = true;
        return true;
    case OPT_OVERDUE:
        a->overdue = true;
        return true;
    default:
        cli_usage_error("rectify", "选项无效");
        return false;
    }
}

/* Parses argv (argv[0] is the subcommand); `allowed` is the bit set of OPT_* it accepts and
 * `positional` how many plain arguments it takes (0 or 1). */
static int parse_args(int argc, char **argv, unsigned allowed, int positional, struct rect_args *a)
{
    memset(a, 0, sizeof *a);
    cli_getopt_reset();
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c != '?' && !(allowed & (1u << c)))
            return cli_usage_error("rectify", "rectify %s 不接受选项 --%s", argv[0],
                                   longopts[c - 1].name);
        if (!parse_option(c, a))
            return EXIT_USAGE;
    }
    if (positional && optind < argc)
        a->id = argv[optind++];
    if (optind < argc)
        return cli_usage_error("rectify", "多余的参数: %s", argv[optind]);
    if (a->today && !calendar_date_text_valid(a->today))
        return cli_usage_error("rectify", "--today 应为 YYYY-MM-DD 格式的有效日期: %s", a->today);
    return EXIT_OK;
}

#define BIT(o) (1u << (o))

/* Runs one write in a transaction; returns the exit code for the store status. */
static int finish_write(struct store *st, int rc)
{
    if (rc == STORE_OK)
        rc = store_commit(st);
    else
        store_rollback(st);
    if (rc == STORE_OK)
        return EXIT_OK;
    return cli_error(rc == STORE_ERROR ? EXIT_RUNTIME : EXIT_DATA, "%s", store_errmsg(st));
}

/* --- add ----------------------------------------------------------------------------------- */

static int check_add_args(const struct rect_args *a)
{
    if (!a->year || !a->unit || !a->deadline || !a->text)
        return cli_usage_error("rectify", "rectify add 需要 --year、--unit、--deadline 和 --text");
    if (!*a->text)
        return cli_usage_error("rectify", "--text 不能为空");
    if (!calendar_date_text_valid(a->deadline))
        return cli_usage_error("rectify", "--deadline 应为 YYYY-MM-DD 格式的有效日期: %s",
                               a->deadline);
    if (a->from_item && a->from_ledger)
        return cli_usage_error("rectify", "--from-item 和 --from-ledger 只能用一个");
    if (!a->from_item != !a->quarter)
        return cli_usage_error("rectify", "--from-item 和 --quarter 需要一起使用");
    if ((a->from_item && strlen(a->from_item) >= KP_CODE_MAX) ||
        (a->from_ledger && strlen(a->from_ledger) > KP_ID_LEN) || strlen(a->unit) >= KP_CODE_MAX)
        return cli_usage_error("rectify", "单位编码、指标编码或台账编号过长");
    return EXIT_OK;
}

static int rectify_add(struct cli_ctx *ctx, int argc, char **argv)
{
    struct rect_args a;
    unsigned allowed = BIT(OPT_YEAR) | BIT(OPT_UNIT) | BIT(OPT_DEADLINE) | BIT(OPT_TEXT) |
                       BIT(OPT_FROM_ITEM) | BIT(OPT_QUARTER) | BIT(OPT_FROM_LEDGER) |
                       BIT(OPT_TODAY);
    int rc = parse_args(argc, argv, allowed, 0, &a);
    if (rc == EXIT_OK)
        rc = check_add_args(&a);
    if (rc != EXIT_OK)
        return rc;
    struct rectification r;
    memset(&r, 0, sizeof r);
    r.year = a.year;
    snprintf(r.unit, sizeof r.unit, "%s", a.unit);
    r.text = (char *)a.text;
    snprintf(r.deadline, sizeof r.deadline, "%s", a.deadline);
    snprintf(r.source_item, sizeof r.source_item, "%s", a.from_item ? a.from_item : "");
    r.source_quarter = a.from_item ? a.quarter : 0;
    snprintf(r.source_ledger, sizeof r.source_ledger, "%s", a.from_ledger ? a.from_ledger : "");
    cli_today(r.created, a.today);
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    rc = store_begin(st);
    if (rc == STORE_OK)
        rc = store_rectify_add(st, &r);
    rc = finish_write(st, rc);
    if (rc == EXIT_OK) {
        printf("已登记整改 %s  单位 %s  期限 %s\n", r.id, r.unit, r.deadline);
        if (strcmp(r.deadline, r.created) < 0)
            fprintf(stderr, "提示: 期限 %s 早于登记日期 %s, 这条整改已经逾期\n", r.deadline,
                    r.created);
    }
    return rc;
}

/* --- list ---------------------------------------------------------------------------------- */

/* The unit's name in the rectification's year (units per year, docs/store.md). */
static char *unit_name(struct store *st, int year, const char *code)
{
    struct unit u;
    if (store_unit_get(st, year, code, &u) != STORE_OK)
        return xstrdup("");
    char *name = xstrdup(u.name);
    unit_clear(&u);
    return name;
}

static char *source_text(const struct rectification *r)
{
    if (r->source_item[0])
        return xasprintf("%s 第%d季度", r->source_item, r->source_quarter);
    if (r->source_ledger[0])
        return xasprintf("台账 %.8s", r->source_ledger);
    if (r->carried_from[0]) /* year new --carry-rectifications */
        return xasprintf("结转 %.8s", r->carried_from);
    return xstrdup("-");
}

static void print_list_table(struct store *st, const struct rectification *r, size_t n,
                             const char *today)
{
    static const char *const heads[] = {"编号", "单位", "单位名称", "期限",     "状态",
                                        "来源", "登记", "完成",     "整改事项", "完成说明"};
    if (n == 0) {
        printf("没有整改记录\n");
        return;
    }
    struct outfmt_table *t = outfmt_table_new(10, heads);
    outfmt_table_max_width(t, 2, 16);
    outfmt_table_max_width(t, 8, 40);
    outfmt_table_max_width(t, 9, 30);
    size_t open = 0, overdue = 0;
    for (size_t i = 0; i < n; i++) {
        char id[9];
        snprintf(id, sizeof id, "%.8s", r[i].id);
        char *name = unit_name(st, r[i].year, r[i].unit), *src = source_text(&r[i]);
        const char *cells[] = {id,
                               r[i].unit,
                               name,
                               r[i].deadline,
                               rectification_status_label(&r[i], today),
                               src,
                               r[i].created,
                               r[i].closed[0] ? r[i].closed : "-",
                               r[i].text,
                               r[i].close_note ? r[i].close_note : ""};
        outfmt_table_add(t, cells);
        free(name), free(src);
        open += r[i].status == RECT_OPEN;
        overdue += rectification_overdue(&r[i], today);
    }
    outfmt_table_print(t, stdout);
    outfmt_table_free(t);
    printf("\n共 %zu 条: 未完成 %zu (其中逾期 %zu), 已完成 %zu  (今天 %s)\n", n, open, overdue,
           n - open, today);
}

static void print_list_csv(struct store *st, const struct rectification *r, size_t n,
                           const char *today)
{
    static const char *const heads[] = {"编号",     "年度",     "单位编码", "单位名称", "整改事项",
                                        "期限",     "状态",     "来源指标", "来源季度", "来源台账",
                                        "登记日期", "完成日期", "完成说明"};
    struct csv_writer w;
    csvw_begin(&w, stdout);
    for (size_t c = 0; c < sizeof heads / sizeof heads[0]; c++)
        csvw_text(&w, heads[c]);
    csvw_end_row(&w);
    for (size_t i = 0; i < n; i++) {
        char *name = unit_name(st, r[i].year, r[i].unit);
        csvw_text(&w, r[i].id);
        csvw_numf(&w, "%d", r[i].year);
        csvw_text(&w, r[i].unit);
        csvw_text(&w, name);
        csvw_text(&w, r[i].text);
        csvw_text(&w, r[i].deadline);
        csvw_text(&w, rectification_status_label(&r[i], today));
        csvw_text(&w, r[i].source_item);
        if (r[i].source_quarter)
            csvw_numf(&w, "%d", r[i].source_quarter);
        else
            csvw_number(&w, "");
        csvw_text(&w, r[i].source_ledger);
        csvw_text(&w, r[i].created);
        csvw_text(&w, r[i].closed);
        csvw_text(&w, r[i].close_note);
        csvw_end_row(&w);
        free(name);
    }
}

static const char *or_null(const char *s)
{
    return s && *s ? s : NULL;
}

static void print_list_json(const struct rectification *r, size_t n, const char *today)
{
    putchar('[');
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",\n  {\"id\": " : "\n  {\"id\": ", stdout);
        outfmt_json_string(stdout, r[i].id);
        printf(", \"year\": %d, \"unit\": ", r[i].year);
        outfmt_json_string(stdout, r[i].unit);
        fputs(", \"text\": ", stdout);
        outfmt_json_string(stdout, r[i].text);
        fputs(", \"deadline\": ", stdout);
        outfmt_json_string(stdout, r[i].deadline);
        printf(", \"status\": \"%s\", \"overdue\": %s, \"source_item\": ",
               rectification_status_token(r[i].status),
               rectification_overdue(&r[i], today) ? "true" : "false");
        outfmt_json_string(stdout, or_null(r[i].source_item));
        if (r[i].source_quarter)
            printf(", \"source_quarter\": %d", r[i].source_quarter);
        else
            fputs(", \"source_quarter\": null", stdout);
        fputs(", \"source_ledger\": ", stdout);
        outfmt_json_string(stdout, or_null(r[i].source_ledger));
        fputs(", \"created\": ", stdout);
        outfmt_json_string(stdout, r[i].created);
        fputs(", \"closed\": ", stdout);
        outfmt_json_string(stdout, or_null(r[i].closed));
        fputs(", \"close_note\": ", stdout);
        outfmt_json_string(stdout, r[i].close_note);
        putchar('}');
    }
    fputs(n ? "\n]\n" : "]\n", stdout);
}

static int rectify_list(struct cli_ctx *ctx, int argc, char **argv)
{
    struct rect_args a;
    unsigned allowed = BIT(OPT_YEAR) | BIT(OPT_UNIT) | BIT(OPT_OPEN) | BIT(OPT_OVERDUE) |
                       BIT(OPT_TODAY) | BIT(OPT_FORMAT);
    int rc = parse_args(argc, argv, allowed, 0, &a);
    if (rc != EXIT_OK)
        return rc;
    if (!a.year)
        return cli_usage_error("rectify", "rectify list 需要 --year");
    if (a.open && a.overdue)
        return cli_usage_error("rectify", "--open 和 --overdue 只能用一个");
    char today[11];
    cli_today(today, a.today);
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    /* An unknown year or unit is invalid input (as for monitor), not an empty list. */
    if (!store_year_exists(st, a.year))
        return cli_error(EXIT_DATA, "%d 年度不存在", a.year);
    if (a.unit) {
        struct unit u;
        int urc = store_unit_get(st, 0, a.unit, &u);
        if (urc == STORE_NOTFOUND)
            return cli_error(EXIT_DATA, "单位 %s 不存在", a.unit);
        if (urc != STORE_OK)
            return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
        unit_clear(&u);
    }
    enum rect_filter f = a.overdue ? RECT_FILTER_OVERDUE
                         : a.open  ? RECT_FILTER_OPEN
                                   : RECT_FILTER_ALL;
    struct rectification *r;
    size_t n;
    if (store_rectify_list(st, a.year, a.unit, f, today, &r, &n) != STORE_OK)
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    if (a.format == OUTFMT_TABLE)
        print_list_table(st, r, n, today);
    else if (a.format == OUTFMT_CSV)
        print_list_csv(st, r, n, today);
    else
        print_list_json(r, n, today);
    store_free_rectifications(r, n);
    if (fflush(stdout) != 0)
        return cli_error(EXIT_RUNTIME, "写入标准输出失败");
    return EXIT_OK;
}

/* --- done ---------------------------------------------------------------------------------- */

static int rectify_done(struct cli_ctx *ctx, int argc, char **argv)
{
    struct rect_args a;
    int rc = parse_args(argc, argv, BIT(OPT_NOTE) | BIT(OPT_TODAY), 1, &a);
    if (rc != EXIT_OK)
        return rc;
    if (!a.id)
        return cli_usage_error("rectify", "rectify done 需要整改编号");
    if (!a.note || !*a.note)
        return cli_usage_error("rectify", "rectify done 需要 --note 说明整改结果");
    char today[11];
    cli_today(today, a.today);
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    struct rectification r;
    memset(&r, 0, sizeof r);
    rc = store_begin(st);
    if (rc == STORE_OK)
        rc = store_rectify_get(st, a.id, &r);
    if (rc == STORE_OK)
        rc = store_rectify_done(st, r.id, today, a.note);
    rc = finish_write(st, rc);
    if (rc == EXIT_OK)
        printf("整改 %s 已完成  单位 %s  完成日期 %s\n", r.id, r.unit, today);
    rectification_clear(&r);
    return rc;
}

static int run_rectify(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error("rectify", "需要子命令 add、list 或 done");
    if (strcmp(argv[1], "add") == 0)
        return rectify_add(ctx, argc - 1, argv + 1);
    if (strcmp(argv[1], "list") == 0)
        return rectify_list(ctx, argc - 1, argv + 1);
    if (strcmp(argv[1], "done") == 0)
        return rectify_done(ctx, argc - 1, argv + 1);
    return cli_usage_error("rectify", "未知子命令 %s", argv[1]);
}

const struct cli_command cmd_rectify = {
    .name = "rectify",
    .summary = "整改: 从预警或台账登记整改, 列出未完成和逾期的整改, 完成销号",
    .usage =
        "用法: kaoping rectify add --year Y --unit CODE --deadline YYYY-MM-DD --text TEXT\n"
        "                          [--from-item ITEM --quarter Q | --from-ledger ID] [--today D]\n"
        "       kaoping rectify list --year Y [--unit CODE] [--open | --overdue] [--today D]\n"
        "                          [--format table|csv|json]\n"
        "       kaoping rectify done ID --note TEXT [--today D]\n"
        "\n"
        "add   登记一条整改 (状态: 未完成), 可注明来源: 某指标某季度的预警, 或一条台账记录\n"
        "      (查访核验、投诉查处等; --from-ledger 可用完整编号或唯一前缀, 至少 6 位)。\n"
        "      打印新记录的编号。登记日期为今天 (--today 可指定)。\n"
        "list  列出年度的整改: 未完成在前, 按期限排序。--open 只列未完成, --overdue 只列逾期\n"
        "      (未完成且期限早于今天)。今天取系统日期, --today YYYY-MM-DD 可指定。\n"
        "done  完成整改销号, --note 说明整改结果; 完成日期为今天 (--today 可指定)。\n"
        "      ID 可以是完整编号, 也可以是唯一的前缀 (至少 6 位, 如 list 显示的前 8 位)。\n"
        "\n"
        "年度已审定 (锁定) 时不能登记或完成整改。\n"
        "退出码: 0 成功, 2 用法错误, 3 数据无效 (单位、指标、台账记录或编号不存在, 已完成,\n"
        "年度已审定); 未写入任何数据。\n",
    .run = run_rectify,
};
