/* kaoping export KIND [--year Y] [-o FILE] [--format csv|xlsx]: CSV or an .xlsx workbook that
 * Excel/WPS/LibreOffice open directly and that `kaoping import` reads back unchanged. The data
 * kinds, ranking and monitor included, are io/kinds.h's table. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/export.h"
#include "app/kinds.h"
#include "cli/commands.h"
#include "db/store.h"
#include "db/years.h"
#include "io/csv_write.h"
#include "io/kinds.h"
#include "io/outfile.h"
#include "io/rows.h"
#include "io/xlsx_write.h"

struct export_args {
    struct cli_ctx *ctx;
    int year;         /* resolved for per-year kinds */
    int quarter;      /* --quarter, 0 when not given */
    const char *path; /* -o, NULL for stdout */
    bool xlsx;        /* --format xlsx, or -o FILE.xlsx */
};

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
static int write_csv(const struct data_kind *kind, struct store *st, const struct export_args *r)
{
    struct cli_output out;
    int rc = cli_output_open(&out, r->ctx, r->path);
    if (rc != EXIT_OK)
        return rc;
    struct csv_writer w;
    csvw_begin(&w, out.fp);
    size_t rows = 0;
    struct row_sink sink = rows_csv_sink(&w);
    struct export_scope scope = {r->year, r->quarter, NULL};
    int src = app_export_kind(st, kind, &scope, &sink, &rows);
    bool ok = src == STORE_OK && csvw_ok(&w);
    if (src != STORE_OK)
        cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    bool to_file = out.fp != stdout;
    rc = cli_output_close(&out, ok);
    if (rc == EXIT_OK && to_file)
        printf("已导出 %s%s%.0d: %zu 行到 %s\n", kind->name, r->year ? " " : "",
               r->year, rows, r->path);
    return rc;
}

#define XLSX_TOO_BIG "; 未写入文件。请导出为 CSV (-o FILE.csv 或 --format csv), CSV 没有行数上限"

/* A kind whose rows can be counted (app_export_count) and that one sheet cannot hold is refused
 * before anything is read or written; the others are checked by the writer as it goes. */
static int refuse_too_big(const struct data_kind *kind, struct store *st,
                          const struct export_scope *scope)
{
    size_t rows;
    bool known;
    char err[512];
    if (app_export_count(st, kind, scope, &rows, &known) != STORE_OK)
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    if (known && !xlsx_sheet_fits(kind->sheet, rows + 1, 0, err, sizeof err))
        return cli_error(EXIT_USAGE, "%s" XLSX_TOO_BIG, err);
    return EXIT_OK;
}

/* An .xlsx workbook through io/outfile's by-name mode: libxlsxwriter writes the temp file by
 * name, which is then synced and renamed over the destination as a CSV export is. */
static int write_xlsx(const struct data_kind *kind, struct store *st, const struct export_args *r)
{
    if (!r->path || strcmp(r->path, "-") == 0)
        return cli_usage_error("export", ".xlsx 不能写到标准输出, 请用 -o FILE.xlsx");
    struct export_scope scope = {r->year, r->quarter, NULL};
    int refused = refuse_too_big(kind, st, &scope);
    if (refused != EXIT_OK)
        return refused;
    struct outfile out;
    char err[1024] = "";
    enum outfile_status os =
        outfile_open(&out, r->path, r->ctx->db_path,
                     OUTFILE_BY_NAME | (r->ctx->force ? OUTFILE_FORCE : 0), err, sizeof err);
    if (os != OUTFILE_OK)
        return cli_error(os == OUTFILE_REFUSED ? EXIT_USAGE : EXIT_RUNTIME, "%s", err);
    struct xlsx_out *w = xlsx_out_open(out.tmp, kind->sheet, err, sizeof err);
    size_t rows = 0;
    int src = STORE_OK;
    if (w) {
        struct row_sink sink = xlsx_out_sink(w);
        src = app_export_kind(st, kind, &scope, &sink, &rows);
    }
    bool ok = w && xlsx_out_close(w, src == STORE_OK, err, sizeof err) && src == STORE_OK;
    if (src != STORE_OK)
        cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    else if (!ok)
        cli_error(EXIT_RUNTIME, "%s: %s", r->path, err);
    bool written = outfile_close(&out, ok, err, sizeof err);
    if (err[0])
        cli_error(EXIT_RUNTIME, "%s", err);
    int rc = written ? EXIT_OK : EXIT_RUNTIME;
    if (rc == EXIT_OK)
        printf("已导出 %s%s%.0d: %zu 行到 %s (工作表 %s)\n", kind->name,
               r->year ? " " : "", r->year, rows, r->path, kind->sheet);
    return rc;
}

static bool ends_with_xlsx(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    return n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
}

/* Fills req and *year_arg; returns EXIT_OK or the usage error's status. */
static int parse_options(int argc, char **argv, struct export_args *req, const char **year_arg)
{
    static const struct option opts[] = {{"year", required_argument, NULL, 'y'},
                                         {"quarter", required_argument, NULL, 'q'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"force", no_argument, NULL, 'f'},
                                         {"format", required_argument, NULL, 'F'},
                                         {0}};
    const char *format = NULL;
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "y:q:o:f", opts, NULL)) != -1) {
        if (c == 'f')
            req->ctx->force = true;
        else if (c == 'y')
            *year_arg = optarg;
        else if (c == 'o')
            req->path = optarg;
        else if (c == 'F')
            format = optarg;
        else if (c != 'q')
            return cli_option_error("export", argv);
        else if (!cli_parse_int("export", "季度", optarg, 1, 4, &req->quarter))
            return EXIT_USAGE;
    }
    if (format && strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0)
        return cli_usage_error("export", "--format 应为 csv 或 xlsx, 不是 %s", format);
    req->xlsx = format ? strcmp(format, "xlsx") == 0 : ends_with_xlsx(req->path);
    return EXIT_OK;
}

static int run_export(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *year_arg = NULL;
    struct export_args req = {.ctx = ctx};
    int prc = parse_options(argc, argv, &req, &year_arg);
    if (prc != EXIT_OK)
        return prc;
    char names[256];
    kind_names(false, "/", "/", names, sizeof names);
    if (optind != argc - 1)
        return cli_usage_error("export", "需要一个类型 (%s)", names);
    const struct data_kind *kind = kind_find(argv[optind]);
    if (!kind)
        return cli_usage_error("export", "未知的类型 %s", argv[optind]);
    if (kind->needs_quarter && !req.quarter)
        return cli_usage_error("export", "export %s 需要 --quarter", argv[optind]);
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    /* units: the year's view (units per year, docs/store.md); the newest year when none is
     * named, as the import writes it. */
    if (kind->per_year || year_arg) {
        int rc = resolve_year(st, year_arg, &req.year);
        if (rc != EXIT_OK)
            return rc;
    }
    return req.xlsx ? write_xlsx(kind, st, &req) : write_csv(kind, st, &req);
}

const struct cli_command cmd_export = {
    .name = "export",
    .summary = "导出一类数据, 或排名、双监控表 (CSV 或 .xlsx; 类型见 --help)",
    .usage = "用法: kaoping export KIND [--year Y] [--quarter Q] [-o FILE [--force]]\n"
             "                      [--format csv|xlsx]\n"
             "\n"
             "KIND 为 units、targets、progress、ledger、appraisals、categories (指标类别)、\n"
             "scores (评分来源的得分)、ranking (得分与排名) 或 monitor (双监控表, 需要 --quarter)。\n"
             "写出 UTF-8 (带 BOM)、CRLF 换行的 CSV, Excel 和 WPS 可直接打开; 以 = + - @ 开头的\n"
             "文字前加 ' 防止公式注入。表头与导入相同, 导出的文件修改后可直接 `kaoping import`。\n"
             "\n"
             "  --year Y      年度 (默认最新的年度; units 为该年度的单位名称、分组和上级)\n"
             "  --quarter Q   季度 1-4 (monitor)\n"
             "  -o, --output FILE  写入文件 (先写临时文件再改名); 默认标准输出\n"
             "  -f, --force   FILE 已存在时覆盖 (数据库文件本身永远不会被覆盖)\n"
             "  --format csv|xlsx  文件格式; 默认按 -o 的扩展名 (.xlsx 为工作簿, 其他为 CSV)\n"
             "\n"
             ".xlsx 工作簿: 编码等文字为文本单元格\n"
             "(001 不会变成 1), 数值为数值, 日期为日期, 表头冻结; 见 docs/xlsx.md。\n",
    .run = run_export,
};
