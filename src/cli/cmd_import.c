/* kaoping import KIND FILE: the face of app/import.h (all-or-nothing, one transaction): its
 * progress line on a terminal, its problems on stderr, its summary on stdout. */
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/import.h"
#include "app/kinds.h"
#include "cli/busy.h"
#include "cli/commands.h"
#include "db/store.h"
#include "io/import_rows.h"
#include "model/text.h"

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

static int report_problems(struct progress *pg, const struct import_problems *probs)
{
    progress_end(pg);
    import_problems_print(probs, stderr, false);
    /* The warnings too: the operator fixes the file once, not once per run. */
    import_problems_print(probs, stderr, true);
    return cli_error(EXIT_DATA, "%s: %zu 个错误, 未写入任何数据", probs->file, probs->n_errors);
}

/* GB18030 turns almost any bytes into some text: show the header as decoded, so garbage is
 * visible at once. */
static void print_preview(const struct rows_row *header)
{
    char line[512] = "";
    size_t w = 0;
    for (size_t i = 0; i < header->n && w < sizeof line; i++)
        w += (size_t)snprintf(line + w, sizeof line - w, "%s%s", i ? "," : "", header->cells[i]);
    size_t cut = text_prefix_bytes(line, 70);
    printf("  表头 (按 GBK 解码): %.*s%s\n", (int)cut, line, line[cut] ? "..." : "");
}

struct face {
    struct cli_ctx *ctx;
    struct progress pg;
};

static struct store *open_store(void *p)
{
    return cli_store(((struct face *)p)->ctx);
}

/* The pipeline's events, shown as the command always showed them. */
static void on_progress(void *p, const struct app_import_progress *ev)
{
    struct progress *pg = &((struct face *)p)->pg;
    switch (ev->event) {
    case IMPORT_OPENING:
        progress_begin(pg, ev->file);
        break;
    case IMPORT_OPENED:
        progress_end(pg);
        if (ev->sheet) /* streamed: the rows are counted at the end */
            printf("读取 %s: 工作表 %s\n", ev->file, ev->sheet);
        else
            printf("读取 %s: 编码 %s, %zu 行数据\n", ev->file, encoding_name(ev->encoding),
                   ev->total);
        if (ev->encoding == ENC_GB18030 && ev->header)
            print_preview(ev->header);
        fflush(stdout); /* before the progress line, when both go to the terminal */
        break;
    case IMPORT_CHECKING:
        progress_phase(pg, "检查", ev->total);
        break;
    case IMPORT_WRITING:
        progress_tick(pg, ev->done, ev->total);
        break;
    case IMPORT_SAVING:
        if (pg->shown)
            progress_show(pg, "正在保存 %zu 行…", ev->total);
        break;
    case IMPORT_WAITING:
        cli_busy_notice(NULL, (int)ev->done, (int)ev->total, ev->total == 0);
        break;
    }
}

/* The exit status and messages of a finished import. */
static int finish(struct face *f, const struct app_import_result *res, bool dry_run,
                  const struct data_kind *kind)
{
    switch (res->status) {
    case APP_IMPORT_PROBLEMS:
        return report_problems(&f->pg, &res->probs);
    case APP_IMPORT_INVALID:
    case APP_IMPORT_FAILED:
        progress_end(&f->pg);
        return cli_error(res->status == APP_IMPORT_INVALID ? EXIT_DATA : EXIT_RUNTIME, "%s",
                         res->message);
    case APP_IMPORT_NO_STORE:
        progress_end(&f->pg);
        return EXIT_RUNTIME;
    case APP_IMPORT_OK:
        break;
    }
    progress_end(&f->pg);
    import_problems_print(&res->probs, stderr, true);
    printf("%s %s: 读取 %zu 行, 新增 %zu, 更新 %zu, 未变 %zu%s\n", dry_run ? "检查" : "导入",
           kind->name, res->rows, res->counts[PUT_INSERTED], res->counts[PUT_UPDATED],
           res->counts[PUT_UNCHANGED], dry_run ? " (--dry-run: 未写入)" : "");
    return EXIT_OK;
}

static int run_import(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"dry-run", no_argument, NULL, 'n'},
        {"sheet", required_argument, NULL, 's'},
        {"allow-duplicates", no_argument, NULL, 'D'},
        {"reason", required_argument, NULL, 'R'},
        {"approved-by", required_argument, NULL, 'A'},
        {"from-quarter", required_argument, NULL, 'Q'},
        {0}};
    bool dry_run = false, allow_duplicates = false;
    const char *sheet = NULL;
    struct target_change chg = {0};
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "n", opts, NULL)) != -1) {
        if (c == 'n')
            dry_run = true;
        else if (c == 's')
            sheet = optarg;
        else if (c == 'D')
            allow_duplicates = true;
        else if (c == 'R')
            chg.reason = optarg;
        else if (c == 'A')
            chg.approved_by = optarg;
        else if (c == 'Q' && !cli_parse_int("import", "--from-quarter", optarg, 1, 4,
                                            &chg.from_quarter))
            return EXIT_USAGE;
        else if (c != 'Q')
            return cli_option_error("import", argv);
    }
    bool change = chg.reason || chg.approved_by || chg.from_quarter;
    if (change && !(chg.reason && chg.approved_by && chg.from_quarter))
        return cli_usage_error("import", "--reason、--approved-by 和 --from-quarter 须一起给出");
    char names[256];
    kind_names(true, "/", "/", names, sizeof names);
    if (optind != argc - 2)
        return cli_usage_error("import", "需要两个参数: 类型 (%s) 和文件", names);
    const struct data_kind *kind = kind_find(argv[optind]);
    if (kind && !kind_importable(kind))
        return cli_usage_error("import", "%s 是计算结果, 只能导出 (kaoping export %s)",
                               argv[optind], argv[optind]);
    kind_names(true, "、", " 或 ", names, sizeof names);
    if (!kind)
        return cli_usage_error("import", "未知的类型 %s (应为 %s)", argv[optind], names);
    struct face f = {.ctx = ctx};
    struct app_import_request req = {kind,        argv[optind + 1], dry_run, open_store,
                                     on_progress, &f,               sheet, allow_duplicates,
                                     change ? &chg : NULL};
    struct app_import_result res;
    app_import(&req, &res);
    int rc = finish(&f, &res, dry_run, kind);
    app_import_result_free(&res);
    return rc;
}

const struct cli_command cmd_import = {
    .creates = true,
    .name = "import",
    .summary = "从 CSV 文件或 .xlsx 工作簿导入一类数据 (类型见 --help)",
    .usage = "用法: kaoping import [--dry-run] [--allow-duplicates] KIND FILE [--sheet NAME]\n"
             "       kaoping import targets FILE --reason TEXT --approved-by NAME --from-quarter Q\n"
             "\n"
             "KIND 为 units (单位)、targets (任务书)、progress (季度进度)、ledger (加减分台账)、\n"
             "appraisals (公众评议)、categories (指标类别) 或 scores (评分来源的得分)。\n"
             "第一行为表头 (中文列名, 或英文别名), 列的顺序不限。\n"
             "文件编码可以是 UTF-8 (带或不带 BOM) 或 GBK/GB18030 (WPS、中文 Excel 默认);\n"
             "UTF-16 (「Unicode 文本」) 不支持, 请另存为 CSV。\n"
             "FILE 也可以是 Excel、WPS 或 LibreOffice 保存的 .xlsx 工作簿 (按文件内容识别):\n"
             "读取第一个工作表, 或 --sheet 指定的工作表; 表头上方的标题、合计行和说明文字\n"
             "会被跳过。\n"
             "\n"
             "全部导入在一个事务中完成: 任何一行有错时列出所有问题 (文件:行: 列 名称: 原因),\n"
             "不写入任何数据, 退出码 3。同一文件重复导入不会重复写入: 单位、指标、进度、评议\n"
             "按其编码更新; 台账按 编号 (没有编号时按内容) 更新。文件中的年度不存在时自动创建。\n"
             "\n"
             "  --dry-run      只检查, 不写入 (显示将新增、更新的行数)\n"
             "  --sheet NAME   读取工作簿中名为 NAME 的工作表 (默认第一个)\n"
             "  --allow-duplicates  台账中编号是新的、内容却与已有记录相同的行也导入\n"
             "                 (默认列出这些行并停止: 多半是同一批记录的另一份导出)\n"
             "  --reason TEXT --approved-by NAME --from-quarter Q\n"
             "                 targets: 已批复任务书的指标改了目标值、分值、预算或序时进度时,\n"
             "                 作为目标调整记录的原因、批准人和起始季度 (1-4); 文件中的\n"
             "                 调整原因、批准人、起始季度 列优先。缺少时拒绝导入。\n"
             "\n"
             "列的说明见 docs/csv.md 和 docs/xlsx.md; `kaoping export KIND` 导出的文件\n"
             "可直接修改后导入。\n",
    .run = run_import,
};
