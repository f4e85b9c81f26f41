/* kaoping export KIND [--year Y] [-o FILE]: CSV that Excel/WPS open directly and that
 * `kaoping import` reads back unchanged. The data kinds are io/kinds.h's table; ranking and
 * monitor are this file's. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/export.h"
#include "cli/commands.h"
#include "cli/export_monitor.h"
#include "cli/export_ranking.h"
#include "db/store.h"
#include "db/years.h"
#include "io/csv_write.h"
#include "io/kinds.h"
#include "io/rows.h"

struct export_request {
    struct cli_ctx *ctx;
    int year;         /* resolved for per-year kinds */
    int quarter;      /* --quarter, 0 when not given */
    const char *path; /* -o, NULL for stdout */
};

/* The kinds beyond the data table (io/kinds.h), which do the whole export themselves (their
 * modules write their own CSV file); every one takes --year. */
struct export_kind {
    const char *name;
    bool needs_quarter; /* --quarter Q required */
    int (*run)(const struct export_request *r);
};

static int export_monitor(const struct export_request *r)
{
    return cli_export_monitor(r->ctx, r->year, r->quarter, r->path);
}

static int export_ranking(const struct export_request *r)
{
    return cli_export_ranking(r->ctx, r->year, r->path);
}

static const struct export_kind export_kinds[] = {
    {"ranking", false, export_ranking},
    {"monitor", true, export_monitor},
};

static const struct export_kind *find_kind(const char *name)
{
    for (size_t i = 0; i < sizeof export_kinds / sizeof export_kinds[0]; i++)
        if (strcmp(export_kinds[i].name, name) == 0)
            return &export_kinds[i];
    return NULL;
}

static int resolve_year(struct store *st, const char *arg, int *year)
{
    if (arg) {
        if (!cli_parse_year("export", arg, year))
            return EXIT_USAGE;
        if (!store_year_exists(st, *year))
            return cli_error(EXIT_DATA, "%d 年度不存在", *year);
        return EXIT_OK;
    }
    *year = store_latest_year(st);
    if (*year == 0)
        return cli_error(EXIT_DATA, "数据库中还没有任何年度, 没有可导出的数据");
    return EXIT_OK;
}

/* Through the shared CSV writer and cli_output (temp file + rename). */
static int write_csv(enum import_kind kind, struct store *st, const struct export_request *r)
{
    struct cli_output out;
    int rc = cli_output_open(&out, r->ctx, r->path);
    if (rc != EXIT_OK)
        return rc;
    struct csv_writer w;
    csvw_begin(&w, out.fp);
    size_t rows = 0;
    struct row_sink sink = rows_csv_sink(&w);
    int src = app_export_kind(st, kind, r->year, &sink, &rows);
    bool ok = src == STORE_OK && csvw_ok(&w);
    if (src != STORE_OK)
        cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    bool to_file = out.fp != stdout;
    rc = cli_output_close(&out, ok);
    if (rc == EXIT_OK && to_file)
        printf("已导出 %s%s%.0d: %zu 行到 %s\n", import_kind_name(kind), r->year ? " " : "",
               r->year, rows, r->path);
    return rc;
}

static int run_export(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"year", required_argument, NULL, 'y'},
                                         {"quarter", required_argument, NULL, 'q'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"force", no_argument, NULL, 'f'},
                                         {0}};
    const char *year_arg = NULL;
    struct export_request req = {.ctx = ctx};
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "y:q:o:f", opts, NULL)) != -1) {
        if (c == 'f')
            ctx->force = true;
        else if (c == 'y')
            year_arg = optarg;
        else if (c == 'o')
            req.path = optarg;
        else if (c != 'q')
            return cli_option_error("export", argv);
        else if (!cli_parse_int("export", "季度", optarg, 1, 4, &req.quarter))
            return EXIT_USAGE;
    }
    if (optind != argc - 1)
        return cli_usage_error(
            "export", "需要一个类型 (units/targets/progress/ledger/appraisals/ranking/monitor)");
    enum import_kind data;
    bool is_data = import_kind_parse(argv[optind], &data);
    const struct export_kind *kind = is_data ? NULL : find_kind(argv[optind]);
    if (!is_data && !kind)
        return cli_usage_error("export", "未知的类型 %s", argv[optind]);
    if (kind && kind->needs_quarter && !req.quarter)
        return cli_usage_error("export", "export %s 需要 --quarter", kind->name);
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    if (!is_data || kind_get(data)->per_year) {
        int rc = resolve_year(st, year_arg, &req.year);
        if (rc != EXIT_OK)
            return rc;
    }
    return is_data ? write_csv(data, st, &req) : kind->run(&req);
}

const struct cli_command cmd_export = {
    .name = "export",
    .summary = "导出单位、任务书、进度、台账、评议、排名或双监控表为 CSV",
    .usage = "用法: kaoping export KIND [--year Y] [--quarter Q] [-o FILE [--force]]\n"
             "\n"
             "KIND 为 units、targets、progress、ledger、appraisals、ranking (得分与排名)\n"
             "或 monitor (双监控表, 需要 --quarter)。\n"
             "写出 UTF-8 (带 BOM)、CRLF 换行的 CSV, Excel 和 WPS 可直接打开; 以 = + - @ 开头的\n"
             "文字前加 ' 防止公式注入。表头与导入相同, 导出的文件修改后可直接 `kaoping import`。\n"
             "\n"
             "  --year Y      年度 (默认最新的年度; units 不分年度)\n"
             "  --quarter Q   季度 1-4 (monitor)\n"
             "  -o, --output FILE  写入文件 (先写临时文件再改名); 默认标准输出\n"
             "  -f, --force   FILE 已存在时覆盖 (数据库文件本身永远不会被覆盖)\n",
    .run = run_export,
};
