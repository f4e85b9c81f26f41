/* kaoping targets approve|adjustments: marking units' 任务书 as approved (已批复) and listing
 * the year's target adjustments (目标调整). Changing an approved target goes through
 * `kaoping import targets` with --reason --approved-by --from-quarter (docs/scoring.md). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/outfmt.h"
#include "db/approvals.h"
#include "db/load.h"
#include "db/store.h"
#include "db/years.h"
#include "model/score.h"
#include "model/text.h"
#include "model/xmalloc.h"

struct targets_opts {
    int year;
    const char *by, *date, *unit;
    bool all;
};

static int parse_opts(int argc, char **argv, struct targets_opts *o)
{
    static const struct option opts[] = {{"year", required_argument, NULL, 'y'},
                                         {"approved-by", required_argument, NULL, 'b'},
                                         {"date", required_argument, NULL, 'd'},
                                         {"unit", required_argument, NULL, 'u'},
                                         {"all", no_argument, NULL, 'a'},
                                         {0}};
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "y:", opts, NULL)) != -1) {
        if (c == 'y' && !cli_parse_year("targets", optarg, &o->year))
            return EXIT_USAGE;
        else if (c == 'b')
            o->by = optarg;
        else if (c == 'd')
            o->date = optarg;
        else if (c == 'u')
            o->unit = optarg;
        else if (c == 'a')
            o->all = true;
        else if (c != 'y')
            return cli_option_error("targets", argv);
    }
    return EXIT_OK;
}

static bool valid_date(const char *d)
{
    int y, m, day;
    char tail;
    return d && strlen(d) == 10 && sscanf(d, "%4d-%2d-%2d%c", &y, &m, &day, &tail) == 3 &&
           m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

/* The units to approve: those named, or with --all every unit with items not yet approved. */
static int approve_units(struct store *st, const struct targets_opts *o, char **codes, size_t n,
                         const char *date)
{
    struct year_data yd;
    int rc = o->all ? store_load_year(st, o->year, &yd) : STORE_OK;
    if (rc != STORE_OK)
        return cli_error(cli_store_exit(rc), "%s", store_errmsg(st));
    size_t done = 0;
    rc = store_begin(st);
    for (size_t i = 0; rc == STORE_OK && i < n; i++) {
        if ((rc = store_targets_approve(st, o->year, codes[i], date, o->by)) == STORE_OK)
            printf("%d 年度单位 %s 的任务书已批复 (%s, %s)\n", o->year, codes[i], date, o->by),
                done++;
    }
    for (size_t u = 0; o->all && rc == STORE_OK && u < yd.n_units; u++) {
        struct target_approval a;
        bool has_items = false;
        for (size_t k = 0; k < yd.n_items && !has_items; k++)
            has_items = yd.items[k].unit_index == u;
        if (!has_items || (rc = store_target_approval_get(st, o->year, yd.units[u].code, &a)) ||
            a.approved)
            continue;
        if ((rc = store_targets_approve(st, o->year, yd.units[u].code, date, o->by)) == STORE_OK)
            done++;
    }
    if (o->all)
        year_data_free(&yd);
    if ((rc = store_end(st, rc)) != STORE_OK)
        return cli_error(cli_store_exit(rc), "%s; 未写入任何数据", store_errmsg(st));
    if (o->all)
        printf("%d 年度批复了 %zu 个单位的任务书 (%s, %s)\n", o->year, done, date, o->by);
    return EXIT_OK;
}

static int run_approve(struct cli_ctx *ctx, struct targets_opts *o, char **codes, size_t n)
{
    if (!o->by)
        return cli_usage_error("targets", "targets approve 需要 --approved-by NAME (批准人)");
    if ((n > 0) == o->all)
        return cli_usage_error("targets", "targets approve 需要单位编码, 或 --all (二者选一)");
    if (o->date && !valid_date(o->date))
        return cli_usage_error("targets", "--date %s 无效, 应为 YYYY-MM-DD", o->date);
    char date[11];
    cli_today(date, o->date);
    struct store *st;
    int year_rc = cli_store_year(ctx, &st, &o->year);
    if (year_rc != EXIT_OK)
        return year_rc;
    if (!store_year_exists(st, o->year))
        return cli_error(EXIT_DATA, "%d 年度不存在", o->year);
    return approve_units(st, o, codes, n, date);
}

#define ADJ_COLS 9

static void adjustment_cells(const struct year_data *yd, const struct target_adjustment *a,
                             char *cell[ADJ_COLS])
{
    char b[48];
    cell[0] = xstrndup(a->recorded_at ? a->recorded_at : "", 10);
    cell[1] = text_clean(yd->units[a->unit_index].code);
    cell[2] = text_clean(a->item);
    cell[3] = xstrdup(adj_field_label(a->field));
    cell[4] = xstrdup(score_fmt_plain(a->old_value, b, sizeof b));
    cell[5] = xstrdup(score_fmt_plain(a->new_value, b, sizeof b));
    cell[6] = xasprintf("第%d季度", a->from_quarter);
    cell[7] = text_clean(a->reason && *a->reason ? a->reason : "(未写原因)");
    cell[8] = text_clean(a->approved_by ? a->approved_by : "");
}

static int run_adjustments(struct cli_ctx *ctx, struct targets_opts *o)
{
    static const char *const head[ADJ_COLS] = {"记录日期", "单位", "指标",   "调整项目", "原值",
                                               "新值",     "起始", "原因", "批准人"};
    struct store *st;
    int year_rc = cli_store_year(ctx, &st, &o->year);
    if (year_rc != EXIT_OK)
        return year_rc;
    struct year_data yd;
    int rc = store_load_year_header(st, o->year, &yd);
    if (rc == STORE_OK && (rc = store_load_adjustments(st, &yd, o->unit)) != STORE_OK)
        year_data_free(&yd);
    if (rc == STORE_NOTFOUND)
        return cli_error(EXIT_DATA, "%d 年度不存在", o->year);
    if (rc != STORE_OK)
        return cli_error(cli_store_exit(rc), "%s", store_errmsg(st));
    printf("%d 年度目标调整%s%s: %zu 条\n", o->year, o->unit ? " 单位 " : "", o->unit ? o->unit : "",
           yd.n_adjustments);
    if (yd.n_adjustments > 0) {
        struct outfmt_table *t = outfmt_table_new(ADJ_COLS, head);
        outfmt_table_align_right(t, 4);
        outfmt_table_align_right(t, 5);
        for (size_t i = 0; i < yd.n_adjustments; i++) {
            char *cell[ADJ_COLS];
            adjustment_cells(&yd, &yd.adjustments[i], cell);
            outfmt_table_add(t, (const char *const *)cell);
            for (int c = 0; c < ADJ_COLS; c++)
                free(cell[c]);
        }
        outfmt_table_print(t, stdout);
        outfmt_table_free(t);
    }
    year_data_free(&yd);
    return EXIT_OK;
}

static int run_targets(struct cli_ctx *ctx, int argc, char **argv)
{
    struct targets_opts o = {0};
    int rc = parse_opts(argc, argv, &o);
    if (rc != EXIT_OK)
        return rc;
    const char *sub = optind < argc ? argv[optind] : NULL;
    if (sub && strcmp(sub, "approve") == 0)
        return run_approve(ctx, &o, argv + optind + 1, (size_t)(argc - optind - 1));
    if (sub && strcmp(sub, "adjustments") == 0) {
        if (optind + 1 != argc)
            return cli_usage_error("targets", "多余的参数 %s", argv[optind + 1]);
        return run_adjustments(ctx, &o);
    }
    return cli_usage_error("targets", "需要子命令 approve 或 adjustments");
}

const struct cli_command cmd_targets = {
    .name = "targets",
    .summary = "任务书批复 (approve) 和目标调整清单 (adjustments)",
    .usage = "用法: kaoping targets approve [--year Y] --approved-by NAME [--date D] (UNIT... | --all)\n"
             "       kaoping targets adjustments [--year Y] [--unit U]\n"
             "\n"
             "approve: 把单位该年度的任务书标为已批复 (批复日期默认今天, 批准人必填);\n"
             "  --all 批复该年度所有有指标、尚未批复的单位。批复之前任务书可以随意修改;\n"
             "  批复之后, 改目标值、分值、预算或序时进度就是目标调整: 用\n"
             "  kaoping import targets FILE --reason 原因 --approved-by 批准人 --from-quarter Q\n"
             "  (或文件中的 调整原因、批准人、起始季度 列) 记录原因、批准人和起始季度;\n"
             "  缺少时拒绝。已批复的任务书不能新增、删除指标, 也不能改类别和计分方式。\n"
             "adjustments: 列出该年度的目标调整 (原值、新值、起始季度、原因、批准人)。\n"
             "\n"
             "计分和双监控在每个检查点 (半年初评=第2季度, 年终总评=第4季度, 各监控季度)\n"
             "使用当时有效的目标: 起始季度晚于检查点的调整不改变该检查点的得分。\n",
    .run = run_targets,
};
