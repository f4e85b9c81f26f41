/* kaoping monitor: the quarter's 双监控 warnings (or every item), or the per-unit summary with
 * the units below 序时进度, as an aligned table, CSV or JSON. Rules: docs/monitoring.md. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/outfmt.h"
#include "app/monitor.h"
#include "db/load.h"
#include "db/store.h"
#include "db/years.h"
#include "io/csv_write.h"
#include "io/monitor_csv.h"
#include "model/monitor.h"
#include "model/text.h"
#include "model/xmalloc.h"

struct monitor_opts {
    int year, quarter;
    const char *pool, *unit;
    int min_rank;      /* 1 warnings, 0 --all, 3 --level yellow, 4 --level red */
    const char *level; /* the --level value, for the heading */
    bool summary;
    enum outfmt_format format;
};

/* --- item rows ----------------------------------------------------------------------------- */

static void pct(char *buf, size_t bufsz, bool present, double v, const char *absent)
{
    if (present)
        monitor_format_pct(buf, bufsz, v);
    else
        snprintf(buf, bufsz, "%s", absent);
}

/* Chinese level of a rate, "-" when it is not warned on (no budget, inverse, target 0). */
static const char *level_cell(const struct monitor_measure *m)
{
    return m->has_lag || m->level == MONITOR_MISSING ? monitor_level_label(m->level) : "-";
}

static void print_heading(const struct year_data *yd, const struct monitor_opts *o,
                          const char *what)
{
    const struct scheme *s = &yd->scheme;
    printf("%d 年第 %d 季度 双监控%s%s", o->year, o->quarter, what, yd->locked ? " (已审定)" : "");
    if (o->pool)
        printf("  分组 %s", o->pool);
    if (o->unit)
        printf("  单位 %s", o->unit);
    if (o->level)
        printf("  只列%s及以上", strcmp(o->level, "red") == 0 ? "红色预警" : "黄色预警");
    printf("\n规则: 滞后 (序时进度 - 完成率或执行率) > %g 个百分点黄色预警, > %g 红色预警;"
           " 执行率与完成率相差 > %g 为不匹配\n\n",
           s->warn_yellow, s->warn_red, s->mismatch);
}

/* Under the table, what was written about a listed row in 季度进度 (偏差原因, 整改措施,
 * 处置决定, 更正): its line, or NULL when it has none. */
static char *followup_line(const struct year_data *yd, const struct monitor_row *r)
{
    const struct target_item *it = &yd->items[r->item_index];
    const struct quarter_progress *q = &it->q[r->quarter - 1];
    char done[96];
    monitor_followup_text(q, done, sizeof done);
    if (!*done && !q->deviation && !q->action)
        return NULL;
    char *text = xasprintf("  %s %s%s%s%s%s%s%s", yd->units[r->unit_index].code, it->code,
                           q->deviation ? "  偏差原因: " : "", q->deviation ? q->deviation : "",
                           q->action ? "  整改措施: " : "", q->action ? q->action : "",
                           *done ? "  " : "", done);
    char *clean = text_clean(text);
    free(text);
    return clean;
}

/* The rows as they are written (app/monitor.h's sink): one of the three formats, the table's
 * follow-up lines and the tally kept for the end. */
struct rows_out {
    const struct monitor_opts *o;
    size_t n, done;
    struct outfmt_table *table;
    struct csv_writer csv;
    struct row_sink sink;
    size_t red, yellow, missing, mismatch;
    char *follow; /* the table's follow-up lines, "\n"-ended */
    size_t follow_len, follow_cap;
};

static const char *const row_heads[] = {"单位",    "单位名称", "指标",     "指标名称",
                                        "序时%",   "完成率%",  "完成滞后", "完成预警",
                                        "执行率%", "执行滞后", "执行预警", "不匹配"};

/* The table's 12 cells of a row; numbers in nums. */
static void row_cells(const struct year_data *yd, const struct monitor_row *r, char nums[5][40],
                      const char *cells[12])
{
    pct(nums[0], 40, true, r->schedule, "");
    pct(nums[1], 40, r->completion.has_rate, r->completion.rate, "-");
    pct(nums[2], 40, r->completion.has_lag, r->completion.lag, "-");
    pct(nums[3], 40, r->execution.has_rate, r->execution.rate, "-");
    pct(nums[4], 40, r->execution.has_lag, r->execution.lag, "-");
    const char *c[12] = {yd->units[r->unit_index].code,
                         yd->units[r->unit_index].name,
                         yd->items[r->item_index].code,
                         yd->items[r->item_index].name,
                         nums[0],
                         nums[1],
                         nums[2],
                         level_cell(&r->completion),
                         nums[3],
                         nums[4],
                         level_cell(&r->execution),
                         r->mismatch ? "不匹配" : ""};
    memcpy(cells, c, sizeof c);
}

static void measure_row(void *ctx, const struct year_data *yd, const struct monitor_row *r)
{
    struct rows_out *out = ctx;
    char nums[5][40];
    const char *cells[12];
    row_cells(yd, r, nums, cells);
    outfmt_table_measure(out->table, cells);
}

static void begin_rows(void *ctx, const struct year_data *yd, size_t n)
{
    struct rows_out *out = ctx;
    out->n = n;
    if (out->o->format == OUTFMT_TABLE) {
        print_heading(yd, out->o, out->o->min_rank == 0 ? "明细" : "预警");
        if (n == 0)
            printf("%s\n", out->o->min_rank == 0 ? "没有指标" : "没有预警");
        else
            outfmt_table_print_head(out->table, stdout);
    } else if (out->o->format == OUTFMT_CSV) {
        csvw_begin(&out->csv, stdout);
        out->sink = rows_csv_sink(&out->csv);
        monitor_put_header(&out->sink);
    } else {
        putchar('[');
    }
}

static void json_pct(bool present, double v)
{
    char buf[40];
    if (!present) {
        fputs("null", stdout);
        return;
    }
    monitor_format_pct(buf, sizeof buf, v);
    fputs(buf, stdout);
}

static void json_text(const char *key, const char *v)
{
    printf(", \"%s\": ", key);
    if (v && *v)
        outfmt_json_string(stdout, v);
    else
        fputs("null", stdout);
}

/* What 季度进度 recorded (the table's lines under it): texts and the decision's date null when
 * absent, the decision as continue/adjust/defer/stop, corrected a boolean; closes the object. */
static void json_followups(const struct quarter_progress *q)
{
    bool decided = q->present && q->decision != DECISION_NONE;
    json_text("deviation", q->present ? q->deviation : NULL);
    json_text("action", q->present ? q->action : NULL);
    json_text("decision", decided ? decision_token(q->decision) : NULL);
    json_text("decision_on", decided ? q->decision_on : NULL);
    printf(", \"corrected\": %s}", q->present && q->corrected ? "true" : "false");
}

static void emit_json(const struct year_data *yd, const struct monitor_row *r, bool first)
{
    fputs(first ? "\n  {\"unit\": " : ",\n  {\"unit\": ", stdout);
    outfmt_json_string(stdout, yd->units[r->unit_index].code);
    fputs(", \"item\": ", stdout);
    outfmt_json_string(stdout, yd->items[r->item_index].code);
    printf(", \"quarter\": %d, \"schedule\": ", r->quarter);
    json_pct(true, r->schedule);
    fputs(", \"completion\": ", stdout);
    json_pct(r->completion.has_rate, r->completion.rate);
    fputs(", \"execution\": ", stdout);
    json_pct(r->execution.has_rate, r->execution.rate);
    fputs(", \"completion_lag\": ", stdout);
    json_pct(r->completion.has_lag, r->completion.lag);
    fputs(", \"execution_lag\": ", stdout);
    json_pct(r->execution.has_lag, r->execution.lag);
    printf(", \"completion_level\": \"%s\", \"execution_level\": \"%s\", \"mismatch\": %s",
           monitor_level_token(r->completion.level), monitor_level_token(r->execution.level),
           r->mismatch ? "true" : "false");
    json_followups(&yd->items[r->item_index].q[r->quarter - 1]);
}

/* A table row, its follow-up line kept for under the table, and the tally. */
static void emit_table(struct rows_out *out, const struct year_data *yd,
                       const struct monitor_row *r)
{
    char nums[5][40];
    const char *cells[12];
    row_cells(yd, r, nums, cells);
    outfmt_table_print_row(out->table, cells, stdout);
    enum monitor_level l = monitor_row_level(r);
    out->red += l == MONITOR_RED, out->yellow += l == MONITOR_YELLOW;
    out->missing += l == MONITOR_MISSING, out->mismatch += r->mismatch;
    char *line = followup_line(yd, r);
    if (!line)
        return;
    size_t len = strlen(line);
    if (out->follow_len + len + 2 > out->follow_cap)
        out->follow = xrealloc(out->follow, out->follow_cap = 2 * (out->follow_len + len + 2));
    memcpy(out->follow + out->follow_len, line, len);
    out->follow_len += len;
    out->follow[out->follow_len++] = '\n';
    out->follow[out->follow_len] = '\0';
    free(line);
}

static void emit_row(void *ctx, const struct year_data *yd, const struct monitor_row *r)
{
    struct rows_out *out = ctx;
    if (out->o->format == OUTFMT_TABLE)
        emit_table(out, yd, r);
    else if (out->o->format == OUTFMT_CSV)
        monitor_put_rows(yd, r, 1, &out->sink);
    else
        emit_json(yd, r, out->done == 0);
    out->done++;
}

/* What follows the rows: the table's follow-ups and tally, JSON's closing bracket. */
static bool end_rows(struct rows_out *out)
{
    if (out->o->format == OUTFMT_CSV)
        return csvw_ok(&out->csv);
    if (out->o->format == OUTFMT_JSON) {
        fputs(out->n ? "\n]\n" : "]\n", stdout);
        return true;
    }
    if (out->n == 0)
        return true;
    if (out->follow_len)
        printf("\n偏差原因、整改措施、处置决定和更正:\n%s", out->follow);
    printf("\n%s %zu 项: 红色预警 %zu, 黄色预警 %zu, 未填报 %zu; 其中不匹配 %zu\n",
           out->o->min_rank == 0 ? "共列出指标" : "共列出预警", out->n, out->red, out->yellow,
           out->missing, out->mismatch);
    return true;
}

/* The rows streamed (app/monitor.h): only their keys are held, whatever the province. */
static int print_rows(struct app_monitor *m, const struct monitor_opts *o, bool *ok)
{
    struct monitor_filter f = {.pool = o->pool, .unit = o->unit, .min_rank = o->min_rank};
    struct rows_out out = {.o = o};
    struct app_monitor_sink sink = {.ctx = &out, .begin = begin_rows, .emit = emit_row};
    if (o->format == OUTFMT_TABLE) {
        out.table = outfmt_table_new(12, row_heads);
        outfmt_table_max_width(out.table, 1, 20);
        outfmt_table_max_width(out.table, 3, 20);
        for (size_t c = 4; c <= 9; c++)
            if (c != 7)
                outfmt_table_align_right(out.table, c);
        sink.measure = measure_row;
    }
    int rc = app_monitor_rows(m, &f, &sink);
    *ok = rc == STORE_OK && end_rows(&out);
    outfmt_table_free(out.table);
    free(out.follow);
    return rc;
}

/* --- unit summary -------------------------------------------------------------------------- */

static void print_below_list(const struct year_data *yd, const struct monitor_unit *u,
                             const size_t *below, size_t nb)
{
    printf("\n低于序时进度的单位 (季度通报依据): %zu 个\n", nb);
    for (size_t i = 0; i < nb; i++) {
        const struct monitor_unit *m = &u[below[i]];
        char ex[40], sc[40], lag[40];
        monitor_format_pct(ex, sizeof ex, m->execution);
        monitor_format_pct(sc, sizeof sc, m->schedule);
        monitor_format_pct(lag, sizeof lag, m->lag);
        printf("  %s %s  执行率 %s%%, 序时进度 %s%%, 落后 %s 个百分点\n",
               yd->units[m->unit_index].code, yd->units[m->unit_index].name, ex, sc, lag);
    }
}

static void print_units_table(const struct year_data *yd, const struct monitor_opts *o,
                              const struct monitor_unit *u, size_t n, const size_t *below,
                              size_t nb)
{
    static const char *const heads[] = {
        "单位",     "单位名称", "分组", "指标", "预算(万元)", "支出(万元)", "执行率%", "序时%",
        "执行滞后", "执行预警", "红色", "黄色", "未填报",     "不匹配",     "最严重"};
    print_heading(yd, o, "单位汇总");
    if (n == 0) {
        printf("没有单位\n");
        return;
    }
    struct outfmt_table *t = outfmt_table_new(15, heads);
    outfmt_table_max_width(t, 1, 20);
    for (size_t c = 3; c <= 13; c++)
        if (c != 9)
            outfmt_table_align_right(t, c);
    for (size_t i = 0; i < n; i++) {
        const struct monitor_unit *m = &u[i];
        const struct unit *un = &yd->units[m->unit_index];
        char items[24], bud[40], sp[40], ex[40], sc[40], lag[40], red[24], yel[24], mis[24], mm[24];
        snprintf(items, sizeof items, "%zu", m->items);
        pct(bud, sizeof bud, m->has_execution, m->budget, "-");
        pct(sp, sizeof sp, m->has_execution, m->spent, "-");
        pct(ex, sizeof ex, m->has_execution, m->execution, "-");
        pct(sc, sizeof sc, m->has_execution, m->schedule, "-");
        pct(lag, sizeof lag, m->has_execution, m->lag, "-");
        snprintf(red, sizeof red, "%zu", m->red);
        snprintf(yel, sizeof yel, "%zu", m->yellow);
        snprintf(mis, sizeof mis, "%zu", m->missing);
        snprintf(mm, sizeof mm, "%zu", m->mismatch);
        const char *cells[] = {un->code,
                               un->name,
                               un->pool,
                               items,
                               bud,
                               sp,
                               ex,
                               sc,
                               lag,
                               m->has_execution ? monitor_level_label(m->execution_level) : "-",
                               red,
                               yel,
                               mis,
                               mm,
                               monitor_level_label(m->worst)};
        outfmt_table_add(t, cells);
    }
    outfmt_table_print(t, stdout);
    outfmt_table_free(t);
    print_below_list(yd, u, below, nb);
}

static void print_units_json(const struct year_data *yd, const struct monitor_opts *o,
                             const struct monitor_unit *u, size_t n, const size_t *below, size_t nb)
{
    printf("{\"year\": %d, \"quarter\": %d, \"units\": [", o->year, o->quarter);
    for (size_t i = 0; i < n; i++) {
        const struct monitor_unit *m = &u[i];
        const struct unit *un = &yd->units[m->unit_index];
        fputs(i ? ",\n  {\"unit\": " : "\n  {\"unit\": ", stdout);
        outfmt_json_string(stdout, un->code);
        fputs(", \"name\": ", stdout);
        outfmt_json_string(stdout, un->name);
        fputs(", \"pool\": ", stdout);
        outfmt_json_string(stdout, un->pool);
        printf(", \"items\": %zu, \"budget\": ", m->items);
        json_pct(m->has_execution, m->budget);
        fputs(", \"spent\": ", stdout);
        json_pct(m->has_execution, m->spent);
        fputs(", \"execution\": ", stdout);
        json_pct(m->has_execution, m->execution);
        fputs(", \"schedule\": ", stdout);
        json_pct(m->has_execution, m->schedule);
        fputs(", \"execution_lag\": ", stdout);
        json_pct(m->has_execution, m->lag);
        printf(", \"execution_level\": \"%s\", \"red\": %zu, \"yellow\": %zu, \"missing\": %zu,"
               " \"mismatch\": %zu, \"worst_level\": \"%s\", \"below_schedule\": %s}",
               monitor_level_token(m->execution_level), m->red, m->yellow, m->missing, m->mismatch,
               monitor_level_token(m->worst), m->below_schedule ? "true" : "false");
    }
    fputs(n ? "\n], \"below_schedule\": [" : "], \"below_schedule\": [", stdout);
    for (size_t i = 0; i < nb; i++) {
        fputs(i ? ", " : "", stdout);
        outfmt_json_string(stdout, yd->units[u[below[i]].unit_index].code);
    }
    fputs("]}\n", stdout);
}

static int print_summary(struct app_monitor *m, const struct year_data *yd,
                         const struct monitor_opts *o, bool *ok)
{
    struct monitor_filter f = {.pool = o->pool, .unit = o->unit};
    size_t n, nb;
    struct monitor_unit *u;
    int rc = app_monitor_units(m, &f, &u, &n);
    *ok = rc == STORE_OK;
    if (rc != STORE_OK)
        return rc;
    size_t *below = monitor_below_schedule(yd, u, n, &nb);
    if (o->format == OUTFMT_TABLE)
        print_units_table(yd, o, u, n, below, nb);
    else if (o->format == OUTFMT_CSV)
        *ok = monitor_csv_units(stdout, yd, u, n);
    else
        print_units_json(yd, o, u, n, below, nb);
    free(below);
    free(u);
    return rc;
}

/* --- command line -------------------------------------------------------------------------- */

static int parse_level(const char *s, struct monitor_opts *o)
{
    if (strcmp(s, "yellow") == 0 || strcmp(s, "黄色预警") == 0)
        o->min_rank = 3, o->level = "yellow";
    else if (strcmp(s, "red") == 0 || strcmp(s, "红色预警") == 0)
        o->min_rank = 4, o->level = "red";
    else
        return cli_usage_error("monitor", "--level 应为 yellow 或 red: %s", s);
    return EXIT_OK;
}

static int parse_options(int argc, char **argv, struct monitor_opts *o)
{
    static const struct option longopts[] = {{"year", required_argument, NULL, 'y'},
                                             {"quarter", required_argument, NULL, 'q'},
                                             {"pool", required_argument, NULL, 'p'},
                                             {"unit", required_argument, NULL, 'u'},
                                             {"level", required_argument, NULL, 'l'},
                                             {"all", no_argument, NULL, 'a'},
                                             {"summary", no_argument, NULL, 's'},
                                             {"format", required_argument, NULL, 'f'},
                                             {NULL, 0, NULL, 0}};
    bool all = false;
    int c;
    memset(o, 0, sizeof *o);
    o->min_rank = 1;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int rc = EXIT_OK;
        if (c == 'y' && !cli_parse_year("monitor", optarg, &o->year))
            return EXIT_USAGE;
        if (c == 'q' && !cli_parse_int("monitor", "季度", optarg, 1, 4, &o->quarter))
            return EXIT_USAGE;
        if (c == 'f' && !outfmt_parse("monitor", optarg, &o->format))
            return EXIT_USAGE;
        if (c == 'l')
            rc = parse_level(optarg, o);
        if (c == 'p')
            o->pool = optarg;
        if (c == 'u')
            o->unit = optarg;
        if (c == 'a')
            all = true;
        if (c == 's')
            o->summary = true;
        if (c == '?')
            return cli_option_error("monitor", argv);
        if (rc != EXIT_OK)
            return rc;
    }
    if (optind < argc)
        return cli_usage_error("monitor", "多余的参数: %s", argv[optind]);
    if (!o->year || !o->quarter)
        return cli_usage_error("monitor", "需要 --year 和 --quarter");
    if (o->summary && (all || o->level))
        return cli_usage_error("monitor", "--summary 不能与 --all 或 --level 同用");
    if (all && !o->level)
        o->min_rank = 0;
    return EXIT_OK;
}

/* Unknown unit or pool is a data error (exit 3), as an unknown year is. */
static int check_filters(struct store *st, const struct year_data *yd, const struct monitor_opts *o)
{
    if (o->unit && year_data_find_unit(yd, o->unit) < 0)
        return cli_error(EXIT_DATA, "单位 %s 不存在", o->unit);
    if (o->pool && !store_pool_exists(st, o->pool))
        return cli_error(EXIT_DATA, "分组 %s 不存在", o->pool);
    return EXIT_OK;
}

static int run_monitor(struct cli_ctx *ctx, int argc, char **argv)
{
    struct monitor_opts o;
    int rc = parse_options(argc, argv, &o);
    if (rc != EXIT_OK)
        return rc;
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    struct app_monitor *m;
    const struct year_data *yd;
    rc = app_monitor_open(st, o.year, o.quarter, &m, &yd);
    if (rc == STORE_NOTFOUND)
        return cli_error(EXIT_DATA, "%d 年度不存在", o.year);
    if (rc != STORE_OK)
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    rc = check_filters(st, yd, &o);
    if (rc == EXIT_OK) {
        bool ok;
        int read = o.summary ? print_summary(m, yd, &o, &ok) : print_rows(m, &o, &ok);
        if (read != STORE_OK)
            rc = cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
        else if (fflush(stdout) != 0 || !ok)
            rc = cli_error(EXIT_RUNTIME, "写入标准输出失败");
    }
    app_monitor_close(m);
    return rc;
}

const struct cli_command cmd_monitor = {
    .name = "monitor",
    .summary = "双监控: 季度完成率、预算执行率预警和单位汇总",
    .usage =
        "用法: kaoping monitor --year Y --quarter Q [--pool P] [--unit CODE]\n"
        "                      [--level yellow|red] [--all] [--summary] [--format table|csv|json]\n"
        "\n"
        "列出第 Q 季度的预警, 最严重的在前: 红色预警, 黄色预警, 未填报, 只有不匹配;\n"
        "同级按滞后从大到小, 再按单位编码、指标编码。\n"
        "  完成率 = 累计完成值 / 目标值; 执行率 = 累计支出 / 预算 (预算为 0 时不适用);\n"
        "  滞后 = 序时进度 - 比率 (百分点); 滞后 > 5 黄色预警, > 15 红色预警 (阈值见考核方案);\n"
        "  执行率与完成率相差 > 20 为不匹配; 反向指标只显示完成率, 不预警;\n"
        "  当季没有填报进度 (或有预算却没填支出) 为未填报, 不当作 0。\n"
        "\n"
        "选项:\n"
        "  --year Y, --quarter Q   年度和季度 (1-4), 必需\n"
        "  --pool P                只列该分组的单位\n"
        "  --unit CODE             只列该单位\n"
        "  --level yellow|red      只列该级别及以上的预警 (yellow: 黄色和红色; red: 红色)\n"
        "  --all                   列出全部指标, 不只是预警\n"
        "  --summary               单位汇总: 总体执行率 (支出合计 / 预算合计) 对序时进度、\n"
        "                          预警个数、最严重级别, 最后列出低于序时进度的单位 (通报依据)\n"
        "  --format table|csv|json 输出格式 (默认 table); json 的比率和滞后为百分数, 两位小数,\n"
        "                          不适用为 null, 级别为 normal/yellow/red/missing\n"
        "                          csv 和 json 的明细末尾另有 偏差原因、整改措施、处置决定、\n"
        "                          决定日期、更正 (json: deviation, action, decision 为\n"
        "                          continue/adjust/defer/stop, decision_on, corrected)\n"
        "\n"
        "退出码: 0 成功, 2 用法错误, 3 年度、单位或分组不存在。详见 docs/monitoring.md。\n",
    .run = run_monitor,
};
