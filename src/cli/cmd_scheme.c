/* kaoping scheme show|use|save: the year's scoring scheme (shares, caps, bands, veto, ties,
 * pools, categories), switching it to a preset or starting a year from one, and saving it as
 * a preset file (docs/scheme.md). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/scheme_file.h"
#include "cli/commands.h"
#include "db/store.h"
#include "db/sources.h"
#include "db/years.h"
#include "model/scheme.h"
#include "model/score.h"
#include "model/sources.h"
#include "model/xmalloc.h"

struct scheme_args {
    int year;
    bool keep;
    const char *preset; /* show --preset */
    const char *out;    /* save -o */
    const char *name;   /* save --name */
    const char *title;  /* save --title */
    bool force;         /* save --force */
};

static const char *num(double v, char *buf, size_t sz)
{
    return score_fmt_plain(v, buf, sz);
}

static void print_categories(const struct preset *p)
{
    char a[32], b[32];
    struct year_data yd = {.sources = p->sources, .n_sources = p->n_sources};
    puts("指标类别 (集中考核分值 = 各类别分值之和):");
    for (size_t i = 0; i < p->n_pools; i++) {
        int64_t taken = sources_share_u(&yd, p->pools[i]);
        double key_share = p->scheme.half_share + p->scheme.year_share - (double)taken / 1e6;
        const struct preset_category *c[PRESET_MAX_CATEGORIES];
        size_t n = preset_categories_of(p, p->pools[i], c, PRESET_MAX_CATEGORIES);
        double sum = 0;
        printf("  %s:", p->pools[i]);
        for (size_t j = 0; j < n; j++) {
            printf(" %s %s%s", c[j]->name, num(c[j]->points, a, sizeof a), j + 1 < n ? "," : "");
            sum += c[j]->points;
        }
        if (n == 0) {
            puts(" (没有类别)");
            continue;
        }
        printf("  (合计 %s", num(sum, a, sizeof a));
        if (score_micro(sum) != score_micro(key_share))
            printf(", 与半年初评 + 年终总评%s = %s 不一致", taken ? " − 评分来源" : "",
                   num(key_share, b, sizeof b));
        puts(")");
    }
}

/* "评分来源: 领导评估 10 分 (百分制; 乡镇, 县直部门; 县委、县政府)", one line each. */
static void print_sources(const struct preset *p)
{
    if (p->n_sources == 0)
        return;
    puts("评分来源 (集中考核分值 = 半年初评 + 年终总评 − 本分组的评分来源):");
    for (size_t i = 0; i < p->n_sources; i++) {
        const struct score_source *s = &p->sources[i];
        char share[32];
        char *pools = s->n_pools ? sources_format_pools(s->pools, s->n_pools) : xstrdup("所有分组");
        char *grades = s->n_grades ? sources_format_grades(s->grades, s->n_grades) : NULL;
        printf("  %s %s 分%s (%s; %s%s%s%s%s%s)\n", s->name, num(s->share, share, sizeof share),
               s->bonus ? ", 加分" : "", source_scale_label(s->scale), pools,
               s->appraisal ? "; 含公众评议记录" : "", s->rater ? "; 评分: " : "",
               s->rater ? s->rater : "", grades ? "; " : "", grades ? grades : "");
        free(pools), free(grades);
    }
}

static void print_preset(const struct preset *p)
{
    const struct scheme *s = &p->scheme;
    char a[32], b[32], c[32];
    printf("权重: 半年初评 %s + 年终总评 %s + 公众评议 %s\n", num(s->half_share, a, sizeof a),
           num(s->year_share, b, sizeof b), num(s->appraisal_share, c, sizeof c));
    printf("上限: 查访核验扣分 %s, 投诉查处扣分 %s, 加分 %s%s\n",
           num(s->inspection_cap, a, sizeof a), num(s->complaint_cap, b, sizeof b),
           num(s->bonus_cap, c, sizeof c), s->bonus_cap > 0 ? "" : " (不计加分)");
    char grades[512];
    printf("等次: %s\n", grades_describe(s, grades, sizeof grades));
    if (s->veto_effect == VETO_FAIL)
        printf("一票否决: fail (%s, 排在本组未否决单位之后)\n", grades_label(s, s->n_grades - 1));
    else if (s->veto_effect == VETO_CAP)
        printf("一票否决: cap (等次最高为%s)\n", grades_label(s, s->cap_grade));
    else
        printf("一票否决: none (不生效)\n");
    printf("并列: %s (%s)\n", tie_style_token(s->tie_style),
           s->tie_style == TIE_DENSE ? "1,2,2,3" : "1,2,2,4");
    printf("预警: 黄色 > %s 个百分点, 红色 > %s, 不匹配 > %s\n", num(s->warn_yellow, a, sizeof a),
           num(s->warn_red, b, sizeof b), num(s->mismatch, c, sizeof c));
    printf("分组 (排名顺序):");
    for (size_t i = 0; i < p->n_pools; i++)
        printf("%s%s", i ? ", " : " ", p->pools[i]);
    puts("");
    print_categories(p);
    print_sources(p);
}

static int show_preset(const char *spec)
{
    struct preset p;
    char err[512];
    if (!app_preset_open(spec, &p, err, sizeof err))
        return app_preset_is_file(spec) ? cli_error(EXIT_DATA, "%s", err)
                                        : cli_usage_error("scheme", "%s", err);
    printf("方案预设 %s — %s\n", p.scheme.preset, p.title);
    print_preset(&p);
    preset_free(&p);
    return EXIT_OK;
}

static int scheme_show(struct store *st, int year)
{
    struct preset p;
    bool locked = false;
    if (app_preset_of_year(st, year, &p) != STORE_OK)
        return cli_error(EXIT_DATA, "%s", store_errmsg(st));
    if (store_year_locked(st, year, &locked) != STORE_OK) {
        preset_free(&p);
        return cli_error(EXIT_DATA, "%s", store_errmsg(st));
    }
    bool titled = strcmp(p.title, p.scheme.preset) != 0;
    printf("%d 年度考核方案: %s%s%s%s\n", year, p.scheme.preset, titled ? " — " : "",
           titled ? p.title : "", locked ? "  (已审定)" : "");
    print_preset(&p);
    preset_free(&p);
    return EXIT_OK;
}

/* keep: only the scheme's numbers change; the year's categories stay (the preset's would
 * orphan targets filed under the current ones, so without keep that is refused). A year
 * that does not exist yet is created from the preset. */
static int scheme_use(struct store *st, int year, const char *spec, bool keep)
{
    struct preset p;
    char err[512];
    if (!app_preset_open(spec, &p, err, sizeof err))
        return app_preset_is_file(spec) ? cli_error(EXIT_DATA, "%s", err)
                                        : cli_usage_error("scheme", "%s", err);
    bool create = !store_year_exists(st, year);
    bool categories_failed = false;
    int rc = store_begin(st);
    if (rc == STORE_OK && create)
        rc = store_year_create_from(st, year, &p);
    else if (rc == STORE_OK)
        rc = store_scheme_put(st, year, &p.scheme);
    if (rc == STORE_OK && !create) /* the sources are part of the scheme's numbers */
        rc = store_sources_put(st, year, p.sources, p.n_sources);
    if (rc == STORE_OK && !create && !keep) {
        rc = store_categories_from(st, year, &p);
        categories_failed = rc == STORE_INVALID;
    }
    rc = store_end(st, rc);
    if (rc != STORE_OK) {
        preset_free(&p);
        return cli_error(rc == STORE_ERROR ? EXIT_RUNTIME : EXIT_DATA, "%s%s", store_errmsg(st),
                         categories_failed ? "; 如只换用方案的权重、上限和等次线而保留本年度"
                                             "的指标类别, 加 --keep-categories"
                                           : "");
    }
    printf("%d 年度%s方案 %s: %s%s\n", year, create ? "已按" : "已改用", p.scheme.preset,
           p.title, create ? " 创建" : keep ? " (保留本年度的指标类别)" : "");
    preset_free(&p);
    return EXIT_OK;
}

/* The year's structure, checked by reading it back as a preset before anything is written:
 * a file that `scheme use` would refuse is never saved. */
static int scheme_save(struct cli_ctx *ctx, struct store *st, const struct scheme_args *a)
{
    struct preset p, check;
    if (app_preset_of_year(st, a->year, &p) != STORE_OK)
        return cli_error(EXIT_DATA, "%s", store_errmsg(st));
    if (a->name)
        snprintf(p.scheme.preset, sizeof p.scheme.preset, "%s", a->name);
    if (a->title || a->name) {
        free(p.title);
        p.title = xstrdup(a->title ? a->title : a->name);
    }
    char *text = preset_format(&p), err[512];
    preset_free(&p);
    if (!preset_parse(text, strlen(text), "(保存的方案)", &check, err, sizeof err)) {
        free(text);
        return cli_error(EXIT_DATA, "%d 年度的方案不能保存为预设: %s", a->year, err);
    }
    preset_free(&check);
    struct cli_output out;
    int code = cli_output_open(&out, ctx, a->out);
    if (code == EXIT_OK) {
        fputs(text, out.fp);
        code = cli_output_close(&out, true);
    }
    free(text);
    if (code == EXIT_OK && a->out && strcmp(a->out, "-") != 0)
        fprintf(stderr, "已把 %d 年度的方案保存为 %s\n", a->year, a->out);
    return code;
}

static int parse_args(struct cli_ctx *ctx, int argc, char **argv, struct scheme_args *a)
{
    static const struct option opts[] = {{"year", required_argument, NULL, 'y'},
                                         {"keep-categories", no_argument, NULL, 'k'},
                                         {"preset", required_argument, NULL, 'p'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"name", required_argument, NULL, 'n'},
                                         {"title", required_argument, NULL, 't'},
                                         {"force", no_argument, NULL, 'f'},
                                         {0}};
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "y:o:f", opts, NULL)) != -1) {
        if (c == 'y' && !cli_parse_year("scheme", optarg, &a->year))
            return EXIT_USAGE;
        else if (c == 'k')
            a->keep = true;
        else if (c == 'p')
            a->preset = optarg;
        else if (c == 'o')
            a->out = optarg;
        else if (c == 'n')
            a->name = optarg;
        else if (c == 't')
            a->title = optarg;
        else if (c == 'f')
            ctx->force = a->force = true;
        else if (c != 'y')
            return cli_option_error("scheme", argv);
    }
    return EXIT_OK;
}

/* Which options each subcommand takes: anything else is a usage error naming it. */
static int check_args(const char *sub, int extra, const struct scheme_args *a)
{
    bool show = strcmp(sub, "show") == 0, use = strcmp(sub, "use") == 0;
    if (a->keep && !use)
        return cli_usage_error("scheme", "--keep-categories 只用于 scheme use");
    if (a->preset && (!show || a->year))
        return cli_usage_error("scheme", "--preset 只用于 scheme show, 不与 --year 同用");
    if ((a->out || a->name || a->title || a->force) && strcmp(sub, "save") != 0)
        return cli_usage_error("scheme", "-o, --name, --title, --force 只用于 scheme save");
    if (!use && extra != 0)
        return cli_usage_error("scheme", "scheme %s 不接受其他参数", sub);
    if (use && extra != 1)
        return cli_usage_error("scheme", "scheme use 需要一个方案预设名 (%s) 或 .scheme 文件",
                               preset_builtin_names());
    if (!show && !use && !a->out)
        return cli_usage_error("scheme", "scheme save 需要 -o FILE (- 为标准输出)");
    return EXIT_OK;
}

static int run_scheme(struct cli_ctx *ctx, int argc, char **argv)
{
    struct scheme_args a = {0};
    int code = parse_args(ctx, argc, argv, &a);
    if (code != EXIT_OK)
        return code;
    const char *sub = optind < argc ? argv[optind] : "";
    if (strcmp(sub, "show") != 0 && strcmp(sub, "use") != 0 && strcmp(sub, "save") != 0)
        return cli_usage_error("scheme", "需要子命令 show、use 或 save");
    if ((code = check_args(sub, argc - optind - 1, &a)) != EXIT_OK)
        return code;
    if (a.preset)
        return show_preset(a.preset);
    bool use = strcmp(sub, "use") == 0;
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    if (a.year == 0 && (a.year = store_latest_year(st)) == 0 && !use)
        return cli_error(EXIT_DATA, "数据库中还没有任何年度");
    if (a.year == 0)
        return cli_usage_error("scheme", "数据库中还没有年度: scheme use 需要 --year Y");
    if (!use && !store_year_exists(st, a.year))
        return cli_error(EXIT_DATA, "%d 年度不存在", a.year);
    if (use)
        return scheme_use(st, a.year, argv[optind + 1], a.keep);
    return strcmp(sub, "show") == 0 ? scheme_show(st, a.year) : scheme_save(ctx, st, &a);
}

const struct cli_command cmd_scheme = {
    .name = "scheme",
    .summary = "查看、切换或保存年度考核方案 (权重、上限、等次线、分组、类别)",
    .usage = "用法: kaoping scheme show [--year Y | --preset PRESET]\n"
             "      kaoping scheme use PRESET [--year Y] [--keep-categories]\n"
             "      kaoping scheme save [--year Y] -o FILE [--name NAME] [--title TEXT] [--force]\n"
             "\n"
             "PRESET 是内置方案预设的名字, 或一个方案文件 (.scheme, 格式见 docs/scheme.md):\n"
             "  qitai      奇台县: 半年初评 30 + 年终总评 60 + 公众评议 10 (第一个年度的默认)\n"
             "  beijing    北京: 个性指标 60 + 共性指标 40, 不分半年, 加分上限 5\n"
             "  zhengding  正定县: 指标评估 (中期与年终各半) + 领导评估 10, 部门另有公众评估 30;\n"
             "             古城一类单独排名: 指标评估 70 + 领导评估 30\n"
             "  hangzhou   杭州: 社会评价 50 + 目标考核 45 + 领导考评 5, 创新创优加分上限 3\n"
             "\n"
             "show  打印年度 Y (省略时为最新年度) 的整个方案: 权重、上限、等次线、否决和并列、\n"
             "      预警阈值、分组 (排名顺序) 和各分组的指标类别; --preset 则打印一个预设。\n"
             "use   把年度 Y 的方案和指标类别换成 PRESET (一个事务; 已审定的年度拒绝)。年度 Y\n"
             "      还不存在时按 PRESET 创建它 (新年度从县里自己保存的方案开始)。\n"
             "      任务书使用了新方案中没有的类别时拒绝切换; 加 --keep-categories 则只换权重、\n"
             "      上限、等次线、否决和并列设置, 保留本年度的指标类别 (集中考核仍按\n"
             "      K × 权重 / 类别分值之和 折算, 如北京方案下 K_Y × 100/90)。\n"
             "save  把年度 Y 的方案写成方案文件 FILE (- 为标准输出), 供以后 scheme use FILE;\n"
             "      --name 给方案另起名字 (不含空格和斜杠), --title 写一句说明。已有的文件\n"
             "      只在加 --force 时覆盖。各分组的类别合计不等于半年初评 + 年终总评时拒绝保存。\n",
    .run = run_scheme,
};
