/* kaoping scheme show|use: the year's scoring scheme (shares, caps, bands, veto, ties) and
 * switching it to a shipped preset. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "db/store.h"
#include "db/years.h"
#include "model/scheme.h"
#include "model/score.h"

static const char *num(double v, char *buf, size_t sz)
{
    return score_fmt_plain(v, buf, sz);
}

static void print_categories(struct store *st, int year, const struct scheme *s)
{
    struct category *cats;
    size_t n;
    if (store_categories(st, year, &cats, &n) != STORE_OK)
        return;
    char a[32], b[32];
    double key_share = s->half_share + s->year_share;
    puts("指标类别 (集中考核分值 = 各类别分值之和):");
    for (size_t i = 0; i < n;) {
        size_t j = i;
        double sum = 0;
        printf("  %s:", cats[i].pool);
        for (; j < n && strcmp(cats[j].pool, cats[i].pool) == 0; j++) {
            printf(" %s %s%s", cats[j].name, num(cats[j].points, a, sizeof a),
                   j + 1 < n && strcmp(cats[j + 1].pool, cats[i].pool) == 0 ? "," : "");
            sum += cats[j].points;
        }
        printf("  (合计 %s", num(sum, a, sizeof a));
        if (score_micro(sum) != score_micro(key_share))
            printf(", 与半年初评 + 年终总评 = %s 不一致", num(key_share, b, sizeof b));
        puts(")");
        i = j;
    }
    if (n == 0)
        puts("  (没有类别)");
    store_free_categories(cats, n);
}

static int scheme_show(struct store *st, int year)
{
    struct scheme s;
    bool locked = false;
    if (store_scheme_get(st, year, &s) != STORE_OK ||
        store_year_locked(st, year, &locked) != STORE_OK)
        return cli_error(EXIT_DATA, "%s", store_errmsg(st));
    const struct scheme_preset *p = scheme_preset_find(s.preset);
    char a[32], b[32], c[32];
    printf("%d 年度考核方案: %s%s%s%s\n", year, s.preset, p ? " — " : "", p ? p->title : "",
           locked ? "  (已审定)" : "");
    printf("权重: 半年初评 %s + 年终总评 %s + 公众评议 %s\n", num(s.half_share, a, sizeof a),
           num(s.year_share, b, sizeof b), num(s.appraisal_share, c, sizeof c));
    printf("上限: 查访核验扣分 %s, 投诉查处扣分 %s, 加分 %s%s\n",
           num(s.inspection_cap, a, sizeof a), num(s.complaint_cap, b, sizeof b),
           num(s.bonus_cap, c, sizeof c), s.bonus_cap > 0 ? "" : " (不计加分)");
    printf("等次: 优秀 ≥ %s; 良好 ≥ %s; 合格 ≥ %s; 以下为不合格\n",
           num(s.band_excellent, a, sizeof a), num(s.band_good, b, sizeof b),
           num(s.band_pass, c, sizeof c));
    static const char *const veto[] = {"不合格, 排在本组未否决单位之后", "等次最高为合格",
                                       "不生效"};
    printf("一票否决: %s (%s)\n", veto_effect_token(s.veto_effect), veto[s.veto_effect]);
    printf("并列: %s (%s)\n", tie_style_token(s.tie_style),
           s.tie_style == TIE_DENSE ? "1,2,2,3" : "1,2,2,4");
    printf("预警: 黄色 > %s 个百分点, 红色 > %s, 不匹配 > %s\n", num(s.warn_yellow, a, sizeof a),
           num(s.warn_red, b, sizeof b), num(s.mismatch, c, sizeof c));
    print_categories(st, year, &s);
    return EXIT_OK;
}

/* keep: only the scheme's numbers change; the year's categories stay (the preset's would
 * orphan targets filed under the current ones, so without keep that is refused). */
static int scheme_use(struct store *st, int year, const char *name, bool keep)
{
    const struct scheme_preset *p = scheme_preset_find(name);
    if (!p)
        return cli_usage_error("scheme", "未知的方案预设 %s (可用: qitai, beijing, zhengding)",
                               name);
    char err[256];
    if (!scheme_validate(&p->scheme, err, sizeof err))
        return cli_error(EXIT_DATA, "方案 %s 无效: %s", name, err);
    if (!store_year_exists(st, year))
        return cli_error(EXIT_DATA, "%d 年度不存在", year);
    bool categories_failed = false;
    int rc = store_begin(st);
    if (rc == STORE_OK)
        rc = store_scheme_put(st, year, &p->scheme);
    if (rc == STORE_OK && !keep) {
        rc = store_categories_from_preset(st, year, name);
        categories_failed = rc == STORE_INVALID;
    }
    if (rc == STORE_OK)
        rc = store_commit(st);
    if (rc != STORE_OK) {
        store_rollback(st);
        return cli_error(rc == STORE_ERROR ? EXIT_RUNTIME : EXIT_DATA, "%s%s", store_errmsg(st),
                         categories_failed ? "; 如只换用方案的权重、上限和等次线而保留本年度"
                                             "的指标类别, 加 --keep-categories"
                                           : "");
    }
    printf("%d 年度已改用方案 %s: %s%s\n", year, name, p->title,
           keep ? " (保留本年度的指标类别)" : "");
    return EXIT_OK;
}

static int run_scheme(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"year", required_argument, NULL, 'y'}, {"keep-categories", no_argument, NULL, 'k'}, {0}};
    int year = 0, c;
    bool keep = false;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "y:", opts, NULL)) != -1) {
        if (c == 'y' && !cli_parse_year("scheme", optarg, &year))
            return EXIT_USAGE;
        else if (c == 'k')
            keep = true;
        else if (c != 'y')
            return cli_option_error("scheme", argv);
    }
    const char *sub = optind < argc ? argv[optind] : NULL;
    bool show = sub && strcmp(sub, "show") == 0, use = sub && strcmp(sub, "use") == 0;
    if (!show && !use)
        return cli_usage_error("scheme", "需要子命令 show 或 use");
    if (show && keep)
        return cli_usage_error("scheme", "--keep-categories 只用于 scheme use");
    if ((show && optind + 1 != argc) || (use && optind + 2 != argc))
        return cli_usage_error("scheme",
                               show ? "scheme show 不接受其他参数"
                                    : "scheme use 需要一个方案名 (qitai, beijing, zhengding)");
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    if (year == 0 && (year = store_latest_year(st)) == 0)
        return cli_error(EXIT_DATA, "数据库中还没有任何年度");
    if (!store_year_exists(st, year))
        return cli_error(EXIT_DATA, "%d 年度不存在", year);
    return show ? scheme_show(st, year) : scheme_use(st, year, argv[optind + 1], keep);
}

const struct cli_command cmd_scheme = {
    .name = "scheme",
    .summary = "查看或切换年度考核方案 (权重、上限、等次线)",
    .usage = "用法: kaoping scheme show [--year Y]\n"
             "      kaoping scheme use PRESET [--year Y] [--keep-categories]\n"
             "\n"
             "show  打印年度 Y (省略时为最新年度) 的考核方案和各分组的指标类别。\n"
             "use   把年度 Y 的方案和指标类别换成预设 PRESET (一个事务; 已审定的年度拒绝):\n"
             "        qitai      奇台县: 半年初评 30 + 年终总评 60 + 公众评议 10 (默认)\n"
             "        beijing    北京: 个性指标 60 + 共性指标 40, 不分半年, 加分上限 5\n"
             "        zhengding  正定县: 中期 45 + 年终 45 (各半) + 公众评议 10\n"
             "      任务书使用了新方案中没有的类别时拒绝切换; 加 --keep-categories 则只换权重、\n"
             "      上限、等次线、否决和并列设置, 保留本年度的指标类别 (集中考核仍按\n"
             "      K × 权重 / 类别分值之和 折算, 如北京方案下 K_Y × 100/90)。\n",
    .run = run_scheme,
};
