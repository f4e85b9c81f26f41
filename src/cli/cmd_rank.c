/* kaoping rank: the year's ranking per pool as an aligned table, CSV or JSON. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/outfmt.h"
#include "cli/scores.h"
#include "app/publish.h"
#include "db/publish.h"
#include "db/store.h"
#include "db/years.h"
#include "io/ranking_csv.h"
#include "model/sources.h"
#include "model/text.h"
#include "model/xmalloc.h"

#define N_COLS 13
#define HALF_COLS 11
#define MAX_COLS (N_COLS + SOURCES_MAX)

static const char *const table_head[N_COLS] = {
    "排名",     "编码",     "单位名称", "半年初评", "年终总评", "集中考核", "公众评议",
    "查访核验", "投诉查处", "加分",     "总分",     "等次",     "备注"};
/* The 半年初评 stage (model/stage.h): K_H, its 100-point scaling, the deductions to 30 June. */
static const char *const half_head[HALF_COLS] = {"排名",     "编码",     "单位名称", "半年初评",
                                                 "折算得分", "查访核验", "投诉查处", "加分",
                                                 "阶段得分", "等次",     "备注"};

/* What a ranking shows besides the scores: the stage and its published snapshot, if any. */
struct rank_view {
    enum score_stage stage;
    struct publication pub;
};

static bool in_pool(const struct year_data *yd, const struct unit_score *us, const char *pool)
{
    return !pool || strcmp(yd->units[us->unit].pool, pool) == 0;
}

/* 备注: 否决, 数据不全, and the published value where today's differs from it. */
static char *remark(const struct rank_view *v, const struct year_data *yd,
                    const struct unit_score *us)
{
    const struct published_row *row;
    char b[48], *diff;
    if (!app_snapshot_differs(&v->pub, yd, us, &row))
        diff = xstrdup("");
    else if (!row)
        diff = xstrdup("发布时未参加");
    else
        diff = xasprintf("发布时 %s 第%d名 %s", score_fmt_c(row->total, b, sizeof b), row->rank,
                         row->grade);
    char *out = xasprintf("%s%s%s%s%s", us->veto ? "否决" : "", us->veto && us->missing ? " " : "",
                          us->missing ? "数据不全" : "", *diff && (us->veto || us->missing) ? " " : "",
                          diff);
    free(diff);
    return out;
}

/* The year's score sources: a column each between 加分 and 总分 (none in the Qitai scheme; the
 * half-year stage has no sources). Returns the count; names in scheme order. */
static size_t source_columns(const struct rank_view *v, const struct year_data *yd,
                             const char *names[SOURCES_MAX])
{
    return v->stage == STAGE_HALF ? 0 : sources_names(yd, names, SOURCES_MAX);
}

/* The cells of one unit's row (malloc'd strings), in table order. */
static void row_cells(const struct rank_view *v, const struct year_data *yd,
                      const struct unit_score *us, char *cell[MAX_COLS])
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
    /* the half-year shows K_H, the scaled C and the ledger (no K_Y, no appraisal) */
    static const int year_nums[] = {0, 1, 2, 3, 4, 5, 6}, half_nums[] = {0, 2, 4, 5, 6};
    bool half = v->stage == STAGE_HALF;
    int n = half ? 5 : 7, c = 0;
    cell[c++] = xasprintf("%d", us->rank);
    cell[c++] = xstrdup(un->code);
    cell[c++] = xstrdup(un->name);
    for (int i = 0; i < n; i++)
        cell[c++] = xstrdup(score_fmt2(nums[half ? half_nums[i] : year_nums[i]], b, sizeof b));
    const char *names[SOURCES_MAX];
    size_t ns = source_columns(v, yd, names);
    for (size_t i = 0; i < ns; i++) {
        long double part;
        cell[c++] = sources_part(yd, us->unit, names[i], &part)
                        ? xstrdup(score_fmt2(part, b, sizeof b))
                        : xstrdup("");
    }
    cell[c++] = xstrdup(score_fmt_c(us->total_c, b, sizeof b));
    cell[c++] = xstrdup(grades_label(&yd->scheme, us->grade));
    cell[c++] = remark(v, yd, us);
}

/* One block: heading line, then the pool's table (numbers and rank right-aligned). */
static void print_block(const struct rank_view *v, const struct year_data *yd,
                        const struct year_scores *ys, size_t from, size_t to)
{
    const char *names[SOURCES_MAX], *head[MAX_COLS];
    size_t ns = source_columns(v, yd, names);
    size_t ncols = (v->stage == STAGE_HALF ? HALF_COLS : N_COLS) + ns;
    for (size_t c = 0, k = 0; c < ncols; c++) /* sources between 加分 and 总分 */
        head[c] = v->stage == STAGE_HALF ? half_head[c]
                  : c < 10               ? table_head[c]
                  : c < 10 + ns          ? names[c - 10]
                                         : table_head[10 + k++];
    struct outfmt_table *t = outfmt_table_new(ncols, head);
    outfmt_table_align_right(t, 0);
    for (size_t c = 3; c <= ncols - 3; c++)
        outfmt_table_align_right(t, c);
    for (size_t i = from; i < to; i++) {
        char *cell[MAX_COLS];
        row_cells(v, yd, &ys->units[ys->order[i]], cell);
        outfmt_table_add(t, (const char *const *)cell);
        for (size_t c = 0; c < ncols; c++)
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

/* The title, with the stage's reading and its snapshot. */
static void print_title(const struct rank_view *v, const struct year_data *yd)
{
    const struct scheme *s = &yd->scheme;
    printf("%d 年度%s排名  考核方案 %s  并列%s  一票否决 %s%s\n", yd->year,
           v->stage == STAGE_HALF ? "半年初评" : "", s->preset,
           s->tie_style == TIE_DENSE ? "不占位 (1,2,2,3)" : "占位 (1,2,2,4)",
           veto_effect_token(s->veto_effect), yd->locked ? "  (已审定)" : "");
    if (v->stage == STAGE_HALF)
        printf("半年初评阶段: 阶段得分 = 半年初评 × 100 / 集中考核满分 + 加分 − 扣分"
               " (加减分台账截至 %d-06-30; 不含年终总评和公众评议)\n",
               yd->year);
    if (v->pub.present)
        printf("已发布%s: %s 由 %s 发布 (快照); 与发布结果不同之处见备注\n",
               stage_label(v->stage), v->pub.at, v->pub.by);
}

static void print_table(const struct rank_view *v, const struct year_data *yd,
                        const struct year_scores *ys, const char *pool)
{
    print_title(v, yd);
    bool any = false;
    size_t differ = 0;
    for (size_t from = 0; from < ys->n_order;) {
        const char *p = yd->units[ys->order[from]].pool;
        size_t to = from + 1;
        while (to < ys->n_order && strcmp(yd->units[ys->order[to]].pool, p) == 0)
            to++;
        if (in_pool(yd, &ys->units[ys->order[from]], pool)) {
            putchar('\n');
            print_block(v, yd, ys, from, to);
            any = true;
            const struct published_row *row;
            for (size_t i = from; i < to; i++)
                differ += app_snapshot_differs(&v->pub, yd, &ys->units[ys->order[i]], &row);
        }
        from = to;
    }
    if (!any)
        printf("\n没有参加排名的单位\n");
    print_absent(yd, ys, pool);
    if (v->pub.present)
        printf(differ ? "\n与发布结果不同: %zu 个单位\n" : "\n与发布结果一致\n", differ);
}

/* "sources": {"领导评估": 9.20, ...} when the year has sources (those that apply to the unit). */
static void json_sources(const char *const *names, size_t n, char *const *cells)
{
    if (n == 0)
        return;
    fputs(", \"sources\": {", stdout);
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (!*cells[i])
            continue;
        fputs(first ? "" : ", ", stdout);
        outfmt_json_string(stdout, names[i]);
        printf(": %s", cells[i]);
        first = false;
    }
    putchar('}');
}

static void print_json(const struct rank_view *v, const struct year_data *yd,
                       const struct year_scores *ys, const char *pool)
{
    static const char *const year_keys[] = {"half_year",  "year_end",  "key_score", "appraisal",
                                            "inspection", "complaint", "bonus"};
    static const char *const half_keys[] = {"half_year", "key_score", "inspection", "complaint",
                                            "bonus"};
    bool half = v->stage == STAGE_HALF, first = true;
    int n = half ? 5 : 7;
    putchar('[');
    for (size_t i = 0; i < ys->n_order; i++) {
        const struct unit_score *us = &ys->units[ys->order[i]];
        if (!in_pool(yd, us, pool))
            continue;
        const struct unit *un = &yd->units[us->unit];
        char *cell[MAX_COLS];
        row_cells(v, yd, us, cell);
        printf("%s\n  {\"rank\": %d, \"code\": ", first ? "" : ",", us->rank);
        outfmt_json_string(stdout, un->code);
        fputs(", \"name\": ", stdout);
        outfmt_json_string(stdout, un->name);
        fputs(", \"pool\": ", stdout);
        outfmt_json_string(stdout, un->pool);
        for (int k = 0; k < n; k++)
            printf(", \"%s\": %s", half ? half_keys[k] : year_keys[k], cell[3 + k]);
        const char *names[SOURCES_MAX];
        size_t ns = source_columns(v, yd, names);
        printf(", \"total\": %s, \"grade\": ", cell[3 + n + ns]);
        outfmt_json_string(stdout, grades_label(&yd->scheme, us->grade));
        printf(", \"veto\": %s, \"incomplete\": %s", us->veto ? "true" : "false",
               us->missing ? "true" : "false");
        json_sources(names, ns, cell + 3 + n);
        putchar('}');
        for (size_t c = 0; c < (size_t)n + 6 + ns; c++)
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
                                         {"stage", required_argument, NULL, 's'},
                                         {0}};
    int year = 0, c;
    const char *pool = NULL;
    enum outfmt_format format = OUTFMT_TABLE;
    struct rank_view v = {STAGE_YEAR, {0}};
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "y:p:f:", opts, NULL)) != -1) {
        if (c == 'y' && !cli_parse_year("rank", optarg, &year))
            return EXIT_USAGE;
        else if (c == 'p')
            pool = optarg;
        else if (c == 'f' && !outfmt_parse("rank", optarg, &format))
            return EXIT_USAGE;
        else if (c == 's' && !stage_parse(optarg, &v.stage))
            return cli_usage_error("rank", "--stage %s 无效, 应为 half 或 year", optarg);
        else if (c != 'y' && c != 'p' && c != 'f' && c != 's')
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
    int rc = cli_scores_load_stage(ctx, &year, v.stage, false, &yd, &ys);
    if (rc != EXIT_OK)
        return rc;
    if (format == OUTFMT_TABLE && store_publication_get(st, year, v.stage, &v.pub) != STORE_OK) {
        cli_scores_free(&yd, &ys);
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    }
    /* A write error stays in ferror(stdout), which cli_main reports after every command. */
    if (format == OUTFMT_CSV && v.stage == STAGE_HALF)
        ranking_half_csv_write(stdout, &yd, &ys, pool);
    else if (format == OUTFMT_CSV)
        ranking_csv_write(stdout, &yd, &ys, pool);
    else if (format == OUTFMT_JSON)
        print_json(&v, &yd, &ys, pool);
    else
        print_table(&v, &yd, &ys, pool);
    publication_free(&v.pub);
    cli_scores_free(&yd, &ys);
    return EXIT_OK;
}

const struct cli_command cmd_rank = {
    .name = "rank",
    .summary = "计算总分、等次和分组排名",
    .usage = "用法: kaoping rank [--year Y] [--pool P] [--format table|csv|json] [--stage half|year]\n"
             "\n"
             "按年度考核方案计算每个单位的总分、等次和分组内排名。\n"
             "  --year Y     年度 (省略时为数据库中最新的年度)\n"
             "  --pool P     只显示一个分组 (如 乡镇、县直部门)\n"
             "  --format F   table (默认, 每个分组一张表)、csv (与 export ranking 相同:\n"
             "               UTF-8 带 BOM, CRLF 换行) 或 json\n"
             "  --stage S    year (默认, 年终总评) 或 half (半年初评: 半年初评得分 × 100 / 集中\n"
             "               考核满分, 加减分台账截至 6 月 30 日, 不含年终总评和公众评议;\n"
             "               csv 的列同其表格)。该阶段已发布 (kaoping publish) 时, 表格的备注列标出\n"
             "               与发布结果不同的单位\n"
             "\n"
             "总分 = 集中考核 + 公众评议 + 加分 − 查访核验扣分 − 投诉查处扣分, 只在最后四舍五入\n"
             "到两位小数。总分相同并列; 一票否决的单位排在本组未否决单位之后。\n"
             "「数据不全」: 缺少半年或年终进度、评分或公众评议 (缺少的部分按 0 分计)。\n"
             "没有任务书、公众评议和台账记录的单位不参加该年度排名。\n"
             "用 kaoping explain CODE 查看某个单位的计算过程。\n",
    .run = run_rank,
};
