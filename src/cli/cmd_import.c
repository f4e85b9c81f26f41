/* kaoping import KIND FILE: all-or-nothing import of a CSV file in one transaction. */
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/import_check.h"
#include "db/ledger.h"
#include "db/store.h"
#include "db/targets.h"
#include "db/units.h"
#include "db/years.h"
#include "io/csv_read.h"
#include "io/import_rows.h"
#include "model/text.h"
#include "model/xmalloc.h"

struct tally {
    size_t counts[3]; /* by enum store_put */
};

/* Progress on stderr when it is a terminal: one line, rewritten in place, for the three
 * phases of a long import. Reading and checking are announced up front for a big file (their
 * length is predictable from its size: about a second per 2 MB on the office PCs), writing
 * shows a counter once the whole import has taken more than a second. */
#define PROGRESS_BIG_FILE (2L * 1024 * 1024)

struct progress {
    bool tty, shown, big;
    struct timespec start, last;
};

static double since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static double elapsed(const struct progress *p)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return since(&p->start, &now);
}

static void progress_show(struct progress *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void progress_show(struct progress *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("\r\033[K", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fflush(stderr);
    p->shown = true;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
}

/* Clears the line, so that what follows (the summary, problems) starts clean. */
static void progress_end(struct progress *p)
{
    if (p->shown)
        fputs("\r\033[K", stderr);
    fflush(stderr);
    p->shown = false;
}

static void progress_begin(struct progress *p, const char *file)
{
    struct stat sb;
    *p = (struct progress){.tty = isatty(STDERR_FILENO)};
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->big = stat(file, &sb) == 0 && sb.st_size >= PROGRESS_BIG_FILE;
    /* The base name only: a line that wraps could not be cleared with \r. */
    const char *base = strrchr(file, '/');
    if (p->tty && p->big)
        progress_show(p, "正在读取 %s (%.1f MB)…", base ? base + 1 : file,
                      (double)sb.st_size / (1024.0 * 1024.0));
}

static void progress_phase(struct progress *p, const char *what, size_t rows)
{
    if (p->tty && (p->big || elapsed(p) >= 1.0))
        progress_show(p, "正在%s %zu 行…", what, rows);
}

static void progress_tick(struct progress *p, size_t done, size_t total)
{
    if (!p->tty || (done & 255) != 0)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (since(&p->start, &now) < 1.0 || (p->shown && since(&p->last, &now) < 0.2))
        return;
    progress_show(p, "正在写入 %zu/%zu 行 (%.0f%%)", done, total,
                  100.0 * (double)done / (double)total);
}

static int write_row(struct store *st, enum import_kind kind, struct import_row *r,
                     enum store_put *res)
{
    switch (kind) {
    case KIND_UNITS:
        return store_unit_put(st, &r->v.unit, res);
    case KIND_TARGETS:
        return store_target_put(st, r->year, r->unit, &r->v.target, res);
    case KIND_PROGRESS:
        return store_progress_put(st, r->year, r->unit, r->v.progress.item, r->v.progress.quarter,
                                  &r->v.progress.p, res);
    case KIND_LEDGER:
        return store_ledger_put(st, r->year, r->unit, &r->v.ledger, res);
    case KIND_APPRAISALS:
        return store_appraisal_put(st, r->year, r->unit, r->v.appraisal.score,
                                   r->v.appraisal.has_satisfaction, r->v.appraisal.satisfaction,
                                   res);
    }
    return STORE_ERROR;
}

/* Years named by the file are created (scheme copied from the latest year) in the same
 * transaction, so a failed import leaves no empty year behind. */
static int ensure_years(struct store *st, const struct import_batch *b)
{
    int last = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (b->rows[i].year == 0 || b->rows[i].year == last)
            continue;
        last = b->rows[i].year;
        int rc = store_year_ensure(st, last);
        if (rc != STORE_OK)
            return rc;
    }
    return STORE_OK;
}

static int report_problems(struct progress *pg, const struct import_problems *probs)
{
    progress_end(pg);
    import_problems_print(probs, stderr, false);
    /* The warnings too: the operator fixes the file once, not once per run. */
    import_problems_print(probs, stderr, true);
    return cli_error(EXIT_DATA, "%s: %zu 个错误, 未写入任何数据", probs->file, probs->n_errors);
}

/* Check against the store and write, inside one transaction. */
static int check_and_write(struct store *st, struct import_batch *b, struct import_problems *probs,
                           struct tally *t, bool dry_run, struct progress *pg)
{
    size_t *order = NULL;
    int rc = store_begin(st);
    if (rc == STORE_OK)
        rc = ensure_years(st, b);
    if (rc == STORE_OK)
        rc = import_check(st, b, probs, &order);
    if (rc != STORE_OK) {
        store_rollback(st);
        free(order);
        progress_end(pg);
        return cli_error(rc == STORE_INVALID ? EXIT_DATA : EXIT_RUNTIME, "%s", store_errmsg(st));
    }
    if (probs->n_errors) {
        store_rollback(st);
        free(order);
        return report_problems(pg, probs);
    }
    for (size_t i = 0; i < b->n && rc == STORE_OK; i++) {
        struct import_row *r = &b->rows[order[i]];
        enum store_put res = PUT_UNCHANGED;
        rc = write_row(st, b->kind, r, &res);
        if (rc == STORE_OK)
            t->counts[res]++;
        else
            import_error(probs, r->line, NULL, "%s", store_errmsg(st));
        progress_tick(pg, i + 1, b->n);
    }
    free(order);
    if (rc == STORE_OK && !dry_run) {
        if (pg->shown)
            progress_show(pg, "正在保存 %zu 行…", b->n);
        rc = store_commit(st);
    } else {
        store_rollback(st);
    }
    if (rc == STORE_INVALID)
        return report_problems(pg, probs);
    progress_end(pg);
    if (rc != STORE_OK)
        return cli_error(EXIT_RUNTIME, "%s; 未写入任何数据", store_errmsg(st));
    return EXIT_OK;
}

/* GB18030 turns almost any bytes into some text: show the header as decoded, so garbage is
 * visible at once. */
static void print_preview(const struct csv_row *header)
{
    char line[512] = "";
    size_t w = 0;
    for (size_t i = 0; i < header->n && w < sizeof line; i++)
        w += (size_t)snprintf(line + w, sizeof line - w, "%s%s", i ? "," : "", header->cells[i]);
    size_t cut = text_prefix_bytes(line, 70);
    printf("  表头 (按 GBK 解码): %.*s%s\n", (int)cut, line, line[cut] ? "..." : "");
}

static int run_import(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"dry-run", no_argument, NULL, 'n'}, {0}};
    bool dry_run = false;
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "n", opts, NULL)) != -1) {
        if (c != 'n')
            return cli_option_error("import", argv);
        dry_run = true;
    }
    if (optind != argc - 2)
        return cli_usage_error(
            "import", "需要两个参数: 类型 (units/targets/progress/ledger/appraisals) 和文件");
    enum import_kind kind;
    if (!import_kind_parse(argv[optind], &kind))
        return cli_usage_error(
            "import", "未知的类型 %s (应为 units、targets、progress、ledger 或 appraisals)",
            argv[optind]);
    const char *file = argv[optind + 1];
    char err[1024];
    struct csv_table table;
    struct progress pg;
    progress_begin(&pg, file);
    bool read = csv_read_file(file, &table, err, sizeof err);
    progress_end(&pg);
    if (!read)
        return cli_error(EXIT_DATA, "%s", err);
    printf("读取 %s: 编码 %s, %zu 行数据\n", file, encoding_name(table.encoding),
           table.n_rows ? table.n_rows - 1 : 0);
    if (table.encoding == ENC_GB18030 && table.n_rows)
        print_preview(&table.rows[0]);
    fflush(stdout); /* before the progress line, when both go to the terminal */
    progress_phase(&pg, "检查", table.n_rows ? table.n_rows - 1 : 0);
    struct import_problems probs;
    import_problems_init(&probs, file);
    struct import_batch batch;
    bool parsed = import_parse(kind, &table, &batch, &probs);
    csv_table_free(&table);
    int rc;
    struct tally t = {{0}};
    /* Rows that parsed are still checked against the database, so one run lists every
     * problem of the file; a bad header leaves nothing to check. */
    bool header_ok = parsed || batch.rows;
    struct store *st = header_ok ? cli_store(ctx) : NULL;
    if (!header_ok)
        rc = report_problems(&pg, &probs);
    else if (!st)
        rc = EXIT_RUNTIME;
    else
        rc = check_and_write(st, &batch, &probs, &t, dry_run, &pg);
    progress_end(&pg);
    if (rc == EXIT_OK) {
        import_problems_print(&probs, stderr, true);
        printf("%s %s: 读取 %zu 行, 新增 %zu, 更新 %zu, 未变 %zu%s\n", dry_run ? "检查" : "导入",
               import_kind_name(kind), batch.n, t.counts[PUT_INSERTED], t.counts[PUT_UPDATED],
               t.counts[PUT_UNCHANGED], dry_run ? " (--dry-run: 未写入)" : "");
    }
    import_batch_free(&batch);
    import_problems_free(&probs);
    return rc;
}

const struct cli_command cmd_import = {
    .name = "import",
    .summary = "从 CSV 文件导入单位、任务书、季度进度、加减分台账或公众评议",
    .usage = "用法: kaoping import [--dry-run] KIND FILE\n"
             "\n"
             "KIND 为 units (单位)、targets (任务书)、progress (季度进度)、ledger (加减分台账)\n"
             "或 appraisals (公众评议)。第一行为表头 (中文列名, 或英文别名), 列的顺序不限。\n"
             "文件编码可以是 UTF-8 (带或不带 BOM) 或 GBK/GB18030 (WPS、中文 Excel 默认);\n"
             "UTF-16 (「Unicode 文本」) 不支持, 请另存为 CSV。\n"
             "\n"
             "全部导入在一个事务中完成: 任何一行有错时列出所有问题 (文件:行: 列 名称: 原因),\n"
             "不写入任何数据, 退出码 3。同一文件重复导入不会重复写入: 单位、指标、进度、评议\n"
             "按其编码更新; 台账按 编号 (没有编号时按内容) 更新。文件中的年度不存在时自动创建。\n"
             "\n"
             "  --dry-run   只检查, 不写入 (显示将新增、更新的行数)\n"
             "\n"
             "列的说明见 docs/csv.md; `kaoping export KIND` 导出的文件可直接修改后导入。\n",
    .run = run_import,
};
