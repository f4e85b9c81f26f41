/* kaoping rank: the year's ranking per pool as an aligned table, CSV or JSON. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/outfmt.h"
#include "cli/scores.h"
#include "db/store.h"
#include "db/years.h"
#include "io/ranking_csv.h"
#include "model/text.h"
#include "model/xmalloc.h"

#define N_COLS 13

static const char *const table_head[N_COLS] = {
    "排名",     "编码",     "单位名称", "半年初评", "年终总评", "集中考核", "公众评议",
    "查访核验", "投诉查处", "加分",     "总分",     "等次",     "备注"};

static bool in_pool(const struct year_data *yd, const struct unit_score *us, const char *pool)
{
    return !pool || strcmp(yd->units[us->unit].pool, pool) == 0;
}

/* The cells of one unit's row (malloc'd strings). */
static void row_cells(const struct year_data *yd, const struct unit_score *us, char *cell[N_COLS])
{
    const struct unit *un = &yd->units[us->unit];
    char b[48];
    const long double nums[7] = {us->k_u[0],
                                 us->k_u[1],
                                 us->key_u,
                                 (long double)us->appraisal_u,
                                 (long double)us->inspection.applied_u,
                                 (long double)us->complaint.applied_u,
                                 (long double)us->bonus.applied_u};
    cell[0] = xasprintf("%d", us->rank);
    cell[1] = xstrdup(un->code);
    cell[2] = xstrdup(un->name);
    for (int i = 0; i < 7; i++)
        cell[3 + i] = xstrdup(score_fmt2(nums[i], b, sizeof b));
    cell[10] = xstrdup(score_fmt_c(us->total_c, b, sizeof b));
    cell[11] = xstrdup(grade_label(us->grade));
    cell[12] = xasprintf("%s%s%s", us->veto ? "否决" : "", us->veto && us->missing ? " " : "",
                         us->missing ? "数据不全" : "");
}

/* One block: heading line, then the pool's table (numbers and rank right-aligned). */
static void print_block(const struct year_data *yd, const struct year_scores *ys, size_t from,
                        size_t to)
{
    struct outfmt_table *t = outfmt_table_new(N_COLS, table_head);
    outfmt_table_align_right(t, 0);
    for (size_t c = 3; c <= 10; c++)
        outfmt_table_align_right(t, c);
    for (size_t i = from; i < to; i++) {
        char *cell[N_COLS];
        row_cells(yd, &ys->units[ys->order[i]], cell);
        outfmt_table_add(t, (const char *const *)cell);
        for (int c = 0; c < N_COLS; c++)
            free(cell[c]);
    }
    char *name = text_clean(yd->units[ys->order[from]].pool);
    printf("%s  %zu 个单位\n", name, to - from);
    free(name);
    outfmt_table_print(t, stdout);
    outfmt_table_free(t);
}

/* Units left out of the ranking are named, so a forgotten unit cannot go unnoticed. */
static void print_absent(const struct year_data *yd, const struct year_scores *ys, const char *pool)
{
    size_t n = 0;
    for (size_t u = 0; u < yd->n_units; u++) {
        const struct unit_score *us = &ys->units[u];
        if (us->takes_part || !in_pool(yd, us, pool))
            continue;
        char *code = text_clean(yd->units[u].code), *name = text_clean(yd->units[u].name);
        printf("%s%s %s", n++ ? ", " : "\n未参加排名 (本年度没有任务书、公众评议和台账记录): ",
               code, name);
        free(code), free(name);
    }
    if (n)
        putchar('\n');
}

static void print_table(const struct year_data *yd, const struct year_scores *ys, const char *pool)
{
    const struct scheme *s = &yd->scheme;
    printf("%d 年度排名  考核方案 %s  并列%s  一票否决 %s%s\n", yd->year, s->preset,
           s->tie_style == TIE_DENSE ? "不占位 (1,2,2,3)" : "占位 (1,2,2,4)",
           veto_effect_token(s->veto_effect), yd->locked ? "  (已审定)" : "");
    bool any = false;
    for (size_t from = 0; from < ys->n_order;) {
        const char *p = yd->units[ys->order[from]].pool;
        size_t to = from + 1;
        while (to < ys->n_order && strcmp(yd->units[ys->order[to]].pool, p) == 0)
            to++;
        if (in_pool(yd, &ys->units[ys->order[from]], pool)) {
            putchar('\n');
            print_block(yd, ys, from, to);
            any = true;
        }
        from = to;
    }
    if (!any)
        printf("\n没有参加排名的单位\n");
    print_absent(yd, ys, pool);
}

static void print_json(const struct year_data *yd, const struct year_scores *ys, const char *pool)
{
    static const char *const keys[] = {"half_year",  "year_end",  "key_score", "appraisal",
                                       "inspection", "complaint", "bonus"};
    bool first = true;
    putchar('[');
    for (size_t i = 0; i < ys->n_order; i++) {
        const struct unit_score *us = &ys->units[ys->order[i]];
        if (!in_pool(yd, us, pool))
            continue;
        const struct unit *un = &yd->units[us->unit];
        char *cell[N_COLS];
        row_cells(yd, us, cell);
        printf("%s\n  {\"rank\": %d, \"code\": ", first ? "" : ",", us->rank);
        outfmt_json_string(stdout, un->code);
        fputs(", \"name\": ", stdout);
        outfmt_json_string(stdout, un->name);
        fputs(", \"pool\": ", stdout);
        outfmt_json_string(stdout, un->pool);
        for (int k = 0; k < 7; k++)
            printf(", \"%s\": %s", keys[k], cell[3 + k]);
        printf(", \"total\": %s, \"grade\": \"%s\", \"veto\": %s, \"incomplete\": %s}", cell[10],
               grade_label(us->grade), us->veto ? "true" : "false", us->missing ? "true" : "false");
        for (int c = 0; c < N_COLS; c++)
            free(cell[c]);
        first = false;
    }
    fputs(first ? "]\n" : "\n]\n", stdout);
}

static int run_rank(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"year", required_argument, NULL, 'y'},
                                         {"pool", required_argument, NULL, 'p'},
                                         {"format", required_argument, NULL, 'f'},
                                         {0}};
    int year = 0, c;
    const char *pool = NULL;
    enum outfmt_format format = OUTFMT_TABLE;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "y:p:f:", opts, NULL)) != -1) {
        if (c == 'y' && !cli_parse_year("rank", optarg, &year))
            return EXIT_USAGE;
        else if (c == 'p')
            pool = optarg;
        else if (c == 'f' && !outfmt_parse("rank", optarg, &format))
            return EXIT_USAGE;
        else if (c != 'y' && c != 'p' && c != 'f')
            return cli_option_error("rank", argv);
    }
    if (optind != argc)
        return cli_usage_error("rank", "多余的参数 %s", argv[optind]);
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    if (pool && !store_pool_exists(st, pool))
        return cli_usage_error("rank", "没有名为「%s」的分组", pool);
    struct year_data yd;
    struct year_scores ys;
    int rc = cli_scores_load(ctx, &year, false, &yd, &ys);
    if (rc != EXIT_OK)
        return rc;
    /* A write error stays in ferror(stdout), which cli_main reports after every command. */
    if (format == OUTFMT_CSV)
        ranking_csv_write(stdout, &yd, &ys, pool);
    else if (format == OUTFMT_JSON)
        print_json(&yd, &ys, pool);
    else
        print_table(&yd, &ys, pool);
    cli_scores_free(&yd, &ys);
    return EXIT_OK;
}

const struct cli_command cmd_rank = {
    .name = "rank",
    .summary = "计算总分、等次和分组排名",
    .usage = "用法: kaoping rank [--year Y] [--pool P] [--format table|csv|json]\n"
             "\n"
             "按年度考核方案计算每个单位的总分、等次和分组内排名。\n"
             "  --year Y     年度 (省略时为数据库中最新的年度)\n"
             "  --pool P     只显示一个分组 (如 乡镇、县直部门)\n"
             "  --format F   table (默认, 每个分组一张表)、csv (与 export ranking 相同:\n"
             "               UTF-8 带 BOM, CRLF 换行) 或 json\n"
             "\n"
             "总分 = 集中考核 + 公众评议 + 加分 − 查访核验扣分 − 投诉查处扣分, 只在最后四舍五入\n"
             "到两位小数。总分相同并列; 一票否决的单位排在本组未否决单位之后。\n"
             "「数据不全」: 缺少半年或年终进度、评分或公众评议 (缺少的部分按 0 分计)。\n"
             "没有任务书、公众评议和台账记录的单位不参加该年度排名。\n"
             "用 kaoping explain CODE 查看某个单位的计算过程。\n",
    .run = run_rank,
};
