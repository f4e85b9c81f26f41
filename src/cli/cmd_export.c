/* kaoping export KIND [--year Y] [-o FILE]: CSV that Excel/WPS open directly and that
 * `kaoping import` reads back unchanged. Kinds are a table: adding one is one line. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/export_monitor.h"
#include "cli/export_ranking.h"
#include "db/load.h"
#include "db/store.h"
#include "db/units.h"
#include "db/years.h"
#include "io/csv_write.h"
#include "io/field.h"
#include "io/import_rows.h"
#include "model/xmalloc.h"

/* Writes the header and rows; returns a STORE_* status; *rows counts data rows. */
typedef int (*export_fn)(struct store *st, int year, struct csv_writer *w, size_t *rows);

struct export_request {
    struct cli_ctx *ctx;
    int year;         /* resolved for per-year kinds */
    int quarter;      /* --quarter, 0 when not given */
    const char *path; /* -o, NULL for stdout */
};

/* A kind either writes rows through the shared writer and output (write), or does the whole
 * export itself (run: kinds whose module already writes its own CSV file). */
struct export_kind {
    const char *name;
    bool per_year;      /* takes --year (default: the latest year) */
    bool needs_quarter; /* --quarter Q required */
    export_fn write;
    int (*run)(const struct export_request *r);
};

static void header(struct csv_writer *w, enum import_kind kind)
{
    size_t n;
    const struct import_column *cols = import_columns(kind, &n);
    for (size_t i = 0; i < n; i++)
        csvw_text(w, cols[i].zh);
    csvw_end_row(w);
}

/* csvw_text guards =+-@; text that already looks guarded ('*[=+-@]) gets one more ', so the
 * importer's field_unguard gives back exactly the stored text. */
static void text(struct csv_writer *w, const char *s)
{
    size_t quotes = s ? strspn(s, "'") : 0;
    if (quotes > 0 && s[quotes] && strchr("=+-@", s[quotes])) {
        char *g = xasprintf("'%s", s);
        csvw_text(w, g);
        free(g);
    } else {
        csvw_text(w, s);
    }
}

static void num(struct csv_writer *w, double v)
{
    char buf[40];
    field_format_number(v, buf);
    csvw_number(w, buf);
}

static void num_opt(struct csv_writer *w, bool present, double v)
{
    if (present)
        num(w, v);
    else
        csvw_number(w, "");
}

static int export_units(struct store *st, int year, struct csv_writer *w, size_t *rows)
{
    (void)year;
    struct unit *u;
    size_t n;
    if (store_unit_list(st, &u, &n) != STORE_OK)
        return STORE_ERROR;
    header(w, KIND_UNITS);
    for (size_t i = 0; i < n; i++) {
        text(w, u[i].code), text(w, u[i].name), text(w, u[i].pool);
        text(w, u[i].parent), text(w, u[i].leader);
        csvw_end_row(w);
    }
    *rows = n;
    store_free_units(u, n);
    return STORE_OK;
}

static int export_targets(struct store *st, int year, struct csv_writer *w, size_t *rows)
{
    struct year_data yd;
    int rc = store_load_year(st, year, &yd);
    if (rc != STORE_OK)
        return rc;
    header(w, KIND_TARGETS);
    for (size_t i = 0; i < yd.n_items; i++) {
        const struct target_item *it = &yd.items[i];
        char sched[180];
        field_format_schedule(it->schedule, sched);
        csvw_numf(w, "%d", year);
        text(w, yd.units[it->unit_index].code), text(w, it->code), text(w, it->category);
        text(w, it->name), num(w, it->points), text(w, method_label(it->method));
        num(w, it->target), text(w, it->measure), num(w, it->budget), csvw_number(w, sched);
        csvw_end_row(w);
    }
    *rows = yd.n_items;
    year_data_free(&yd);
    return STORE_OK;
}

static int export_progress(struct store *st, int year, struct csv_writer *w, size_t *rows)
{
    struct year_data yd;
    int rc = store_load_year(st, year, &yd);
    if (rc != STORE_OK)
        return rc;
    header(w, KIND_PROGRESS);
    *rows = 0;
    for (size_t i = 0; i < yd.n_items; i++) {
        const struct target_item *it = &yd.items[i];
        for (int q = 0; q < KP_QUARTERS; q++) {
            const struct quarter_progress *p = &it->q[q];
            if (!p->present)
                continue;
            csvw_numf(w, "%d", year);
            text(w, yd.units[it->unit_index].code), text(w, it->code);
            csvw_numf(w, "%d", q + 1);
            num(w, p->actual), num_opt(w, p->has_spent, p->spent),
                num_opt(w, p->has_score, p->score);
            text(w, p->note);
            csvw_end_row(w);
            (*rows)++;
        }
    }
    year_data_free(&yd);
    return STORE_OK;
}

static int export_ledger(struct store *st, int year, struct csv_writer *w, size_t *rows)
{
    struct year_data yd;
    int rc = store_load_year(st, year, &yd);
    if (rc != STORE_OK)
        return rc;
    header(w, KIND_LEDGER);
    for (size_t i = 0; i < yd.n_ledger; i++) {
        const struct ledger_entry *e = &yd.ledger[i];
        text(w, e->id);
        csvw_numf(w, "%d", year);
        text(w, yd.units[e->unit_index].code), text(w, e->date),
            text(w, ledger_type_label(e->type));
        num(w, e->points), text(w, e->aspect), text(w, e->method), text(w, e->reason);
        text(w, e->inspectors), text(w, e->evidence);
        csvw_end_row(w);
    }
    *rows = yd.n_ledger;
    year_data_free(&yd);
    return STORE_OK;
}

static int export_appraisals(struct store *st, int year, struct csv_writer *w, size_t *rows)
{
    struct year_data yd;
    int rc = store_load_year(st, year, &yd);
    if (rc != STORE_OK)
        return rc;
    header(w, KIND_APPRAISALS);
    *rows = 0;
    for (size_t i = 0; i < yd.n_units; i++) {
        const struct unit *u = &yd.units[i];
        if (!u->has_appraisal)
            continue;
        csvw_numf(w, "%d", year);
        text(w, u->code), num(w, u->appraisal), num_opt(w, u->has_satisfaction, u->satisfaction);
        csvw_end_row(w);
        (*rows)++;
    }
    year_data_free(&yd);
    return STORE_OK;
}

static int export_monitor(const struct export_request *r)
{
    return cli_export_monitor(r->ctx, r->year, r->quarter, r->path);
}

static int export_ranking(const struct export_request *r)
{
    return cli_export_ranking(r->ctx, r->year, r->path);
}

static const struct export_kind export_kinds[] = {
    {"units", false, false, export_units, NULL},
    {"targets", true, false, export_targets, NULL},
    {"progress", true, false, export_progress, NULL},
    {"ledger", true, false, export_ledger, NULL},
    {"appraisals", true, false, export_appraisals, NULL},
    {"ranking", true, false, NULL, export_ranking},
    {"monitor", true, true, NULL, export_monitor},
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
static int write_csv(const struct export_kind *kind, struct store *st,
                     const struct export_request *r)
{
    struct cli_output out;
    int rc = cli_output_open(&out, r->ctx, r->path);
    if (rc != EXIT_OK)
        return rc;
    struct csv_writer w;
    csvw_begin(&w, out.fp);
    size_t rows = 0;
    int src = kind->write(st, r->year, &w, &rows);
    bool ok = src == STORE_OK && csvw_ok(&w);
    if (src != STORE_OK)
        cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    bool to_file = out.fp != stdout;
    rc = cli_output_close(&out, ok);
    if (rc == EXIT_OK && to_file)
        printf("已导出 %s%s%.0d: %zu 行到 %s\n", kind->name, r->year ? " " : "", r->year, rows,
               r->path);
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
        return cli_usage_error("export",
                               "需要一个类型 (units/targets/progress/ledger/appraisals/ranking/monitor)");
    const struct export_kind *kind = find_kind(argv[optind]);
    if (!kind)
        return cli_usage_error("export", "未知的类型 %s", argv[optind]);
    if (kind->needs_quarter && !req.quarter)
        return cli_usage_error("export", "export %s 需要 --quarter", kind->name);
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    if (kind->per_year) {
        int rc = resolve_year(st, year_arg, &req.year);
        if (rc != EXIT_OK)
            return rc;
    }
    return kind->run ? kind->run(&req) : write_csv(kind, st, &req);
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
