/* kaoping report results|monitor|rectify: the documents the office publishes, as .xlsx
 * workbooks laid out for printing (app/report.h, docs/xlsx.md "Reports"). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/report.h"
#include "cli/commands.h"
#include "db/store.h"
#include "db/years.h"
#include "io/outfile.h"
#include "model/calendar.h"

struct report_args {
    const char *year, *stage, *path, *county, *office, *today;
    int quarter;
};

/* One kind of report: what it needs and how it is built. */
struct report_kind {
    const char *name;
    enum report_doc doc; /* its default file name */
    bool needs_quarter; /* --quarter Q */
    int (*build)(struct store *st, int year, const struct report_args *a,
                 const struct report_meta *m, struct report *out);
};

static int build_results(struct store *st, int year, const struct report_args *a,
                         const struct report_meta *m, struct report *out)
{
    enum score_stage stage = STAGE_YEAR;
    if (a->stage)
        stage_parse(a->stage, &stage); /* checked by parse_options */
    return app_report_results(st, year, stage, m, out);
}

static int build_monitor(struct store *st, int year, const struct report_args *a,
                         const struct report_meta *m, struct report *out)
{
    return app_report_monitor(st, year, a->quarter, m, out);
}

static int build_rectify(struct store *st, int year, const struct report_args *a,
                         const struct report_meta *m, struct report *out)
{
    (void)a;
    return app_report_rectify(st, year, m, out);
}

static const struct report_kind kinds[] = {
    {"results", REPORT_RESULTS, false, build_results},
    {"monitor", REPORT_MONITOR, true, build_monitor},
    {"rectify", REPORT_RECTIFY, false, build_rectify},
};

static int parse_options(int argc, char **argv, struct cli_ctx *ctx, struct report_args *a)
{
    static const struct option opts[] = {{"year", required_argument, NULL, 'y'},
                                         {"quarter", required_argument, NULL, 'q'},
                                         {"stage", required_argument, NULL, 's'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"force", no_argument, NULL, 'f'},
                                         {"county", required_argument, NULL, 'c'},
                                         {"office", required_argument, NULL, 'u'},
                                         {"today", required_argument, NULL, 't'},
                                         {0}};
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "y:q:o:f", opts, NULL)) != -1) {
        switch (c) {
        case 'y': a->year = optarg; break;
        case 's': a->stage = optarg; break;
        case 'o': a->path = optarg; break;
        case 'f': ctx->force = true; break;
        case 'c': a->county = optarg; break;
        case 'u': a->office = optarg; break;
        case 't': a->today = optarg; break;
        case 'q':
            if (!cli_parse_int("report", "季度", optarg, 1, 4, &a->quarter))
                return EXIT_USAGE;
            break;
        default: return cli_option_error("report", argv);
        }
    }
    enum score_stage stage;
    if (a->stage && !stage_parse(a->stage, &stage))
        return cli_usage_error("report", "--stage 应为 half (半年初评) 或 year (年终总评), 不是 %s",
                               a->stage);
    if (a->today && !calendar_date_text_valid(a->today))
        return cli_usage_error("report", "--today 应为 YYYY-MM-DD 格式的有效日期: %s", a->today);
    return EXIT_OK;
}

static int resolve_year(struct store *st, const char *arg, int *year)
{
    if (!arg) {
        *year = store_latest_year(st);
        return *year ? EXIT_OK : cli_error(EXIT_DATA, "数据库中还没有任何年度");
    }
    if (!cli_parse_year("report", arg, year))
        return EXIT_USAGE;
    return store_year_exists(st, *year) ? EXIT_OK : cli_error(EXIT_DATA, "%d 年度不存在", *year);
}

static int build_failed(struct store *st, int year, int rc)
{
    if (rc == STORE_INVALID) /* app_report_results: a stage the scheme does not have */
        return cli_error(EXIT_DATA, "%d 年度的考核方案没有半年初评 (半年权重为 0)", year);
    return cli_error(cli_store_exit(rc), "%s", store_errmsg(st));
}

static int write_report(struct cli_ctx *ctx, const struct report_kind *k, struct report *r,
                        const char *path)
{
    char err[1024];
    int os = app_report_save(r, path, ctx->db_path, ctx->force, err, sizeof err);
    if (os != OUTFILE_OK)
        return cli_error(os == OUTFILE_REFUSED ? EXIT_USAGE : EXIT_RUNTIME, "%s", err);
    size_t rows = 0;
    for (size_t i = 0; i < r->n_sheets; i++)
        rows += r->sheets[i].n_rows + r->sheets[i].n_cleared;
    printf("已生成 %s 报表: %s (%zu 个工作表, %zu 行)\n", k->name, path, r->n_sheets, rows);
    return EXIT_OK;
}

static int run_kind(struct cli_ctx *ctx, const struct report_kind *k, const struct report_args *a)
{
    if (k->needs_quarter && !a->quarter)
        return cli_usage_error("report", "report %s 需要 --quarter", k->name);
    if (a->path && strcmp(a->path, "-") == 0)
        return cli_usage_error("report", ".xlsx 报表不能写到标准输出, 请用 -o FILE.xlsx");
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    int year;
    int rc = resolve_year(st, a->year, &year);
    if (rc != EXIT_OK)
        return rc;
    char today[11], path[512];
    cli_today(today, a->today);
    struct report_meta m;
    app_report_meta(&m, a->county, a->office, today);
    app_report_file_name(k->doc, year, a->quarter, path, sizeof path);
    struct report r;
    int brc = k->build(st, year, a, &m, &r);
    if (brc != STORE_OK)
        return build_failed(st, year, brc);
    rc = write_report(ctx, k, &r, a->path ? a->path : path);
    report_free(&r);
    return rc;
}

static int run_report(struct cli_ctx *ctx, int argc, char **argv)
{
    struct report_args a = {0};
    int rc = parse_options(argc, argv, ctx, &a);
    if (rc != EXIT_OK)
        return rc;
    if (optind != argc - 1)
        return cli_usage_error("report", "需要一种报表: results、monitor 或 rectify");
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(argv[optind], kinds[i].name) == 0)
            return run_kind(ctx, &kinds[i], &a);
    return cli_usage_error("report", "未知的报表 %s (应为 results、monitor 或 rectify)",
                           argv[optind]);
}

const struct cli_command cmd_report = {
    .name = "report",
    .summary = "生成供打印的 .xlsx 报表: 考核结果通报、双监控季度通报、整改清单",
    .usage = "用法: kaoping report results [--year Y] [--stage half|year] [-o FILE.xlsx]\n"
             "       kaoping report monitor [--year Y] --quarter Q [-o FILE.xlsx]\n"
             "       kaoping report rectify [--year Y] [-o FILE.xlsx]\n"
             "\n"
             "results  考核结果通报: 每个分组一节, 各单位按排名列出计入总分的各项 (集中考核、\n"
             "         公众评议折算分、扣分、加分)、总分、等次、否决, 节末为等次分布。\n"
             "monitor  双监控季度通报: 预算执行低于序时进度的单位, 红色和黄色预警的指标。\n"
             "rectify  整改清单: 未完成的整改事项和期限, 逾期的在前。\n"
             "\n"
             "工作簿按打印排版: A4 横向, 缩放为一页宽, 每页重复表头, 标题写明县名、年度和\n"
             "阶段, 页脚为制表单位、页码和制表日期, 分值保留两位小数 (docs/xlsx.md)。\n"
             "\n"
             "  --year Y         年度 (默认最新的年度)\n"
             "  --quarter Q      季度 1-4 (monitor)\n"
             "  --stage half|year  结果通报的阶段 (默认 year, 年终总评)\n"
             "  -o, --output FILE  写入的文件 (先写临时文件再改名); 默认为当前目录下的\n"
             "                   考核结果通报_Y.xlsx、双监控通报_Y_第Q季度.xlsx、整改清单_Y.xlsx\n"
             "  -f, --force      FILE 已存在时覆盖 (数据库文件本身永远不会被覆盖)\n"
             "  --county NAME    标题中的县名 (默认环境变量 KAOPING_COUNTY)\n"
             "  --office NAME    页脚的制表单位 (默认环境变量 KAOPING_OFFICE)\n"
             "  --today DATE     制表日期 YYYY-MM-DD (默认今天; 也决定哪些整改已逾期)\n",
    .run = run_report,
};
