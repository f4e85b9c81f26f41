/* Scheme presets as data tables: the numbers of docs/domain.md for each county's plan. */
#include "model/scheme.h"

#include <stdio.h>
#include <string.h>

#include "model/limits.h"

static const struct preset_category qitai_categories[] = {
    {"乡镇", "全局性重点工作", 15}, {"乡镇", "经济发展", 20},     {"乡镇", "社会发展", 15},
    {"乡镇", "公共管理服务", 20},   {"乡镇", "作风效能建设", 10}, {"乡镇", "专项考核", 10},
    {NULL, "全局性重点工作", 30},   {NULL, "目标任务", 30},       {NULL, "作风效能建设", 20},
    {NULL, "专项考核", 10},         {NULL, NULL, 0},
};

static const struct preset_category beijing_categories[] = {
    {NULL, "个性指标", 60},
    {NULL, "共性指标", 40},
    {NULL, NULL, 0},
};

#define BASE_SCHEME                                                                        \
    .inspection_cap = 2, .complaint_cap = 2, .band_excellent = 90,                          \
    .band_good = 80, .band_pass = 70, .veto_effect = VETO_FAIL, .tie_style = TIE_COMPETITION, \
    .warn_yellow = 5, .warn_red = 15, .mismatch = 20

const struct scheme_preset scheme_presets[] = {
    {"qitai", "奇台县方案: 半年初评30 + 年终总评60 + 公众评议10",
     {.preset = "qitai", .half_share = 30, .year_share = 60, .appraisal_share = 10, BASE_SCHEME,
      .bonus_cap = 0},
     qitai_categories},
    {"beijing", "北京方案: 个性指标60 + 共性指标40, 加分项与扣分项, 不分半年",
     {.preset = "beijing", .half_share = 0, .year_share = 100, .appraisal_share = 0,
      BASE_SCHEME, .bonus_cap = 5},
     beijing_categories},
    {"zhengding", "正定县方案: 中期与年终各半 (45 + 45) + 评议10",
     {.preset = "zhengding", .half_share = 45, .year_share = 45, .appraisal_share = 10,
      BASE_SCHEME, .bonus_cap = 0},
     qitai_categories},
};
const size_t scheme_preset_count = sizeof scheme_presets / sizeof scheme_presets[0];

const struct scheme_preset *scheme_preset_find(const char *name)
{
    for (size_t i = 0; i < scheme_preset_count; i++)
        if (name && strcmp(scheme_presets[i].name, name) == 0)
            return &scheme_presets[i];
    return NULL;
}

const struct scheme_preset *scheme_preset_default(void)
{
    return &scheme_presets[0];
}

size_t scheme_preset_categories(const struct scheme_preset *p, const char *pool,
                                const struct preset_category **out, size_t max)
{
    size_t n = 0;
    for (const struct preset_category *c = p->categories; c->name; c++)
        if (c->pool && strcmp(c->pool, pool) == 0 && n < max)
            out[n++] = c;
    if (n > 0)
        return n;
    for (const struct preset_category *c = p->categories; c->name; c++)
        if (!c->pool && n < max)
            out[n++] = c;
    return n;
}

bool scheme_validate(const struct scheme *s, char *err, size_t errsz)
{
    double shares = s->half_share + s->year_share + s->appraisal_share;
    if (s->half_share < 0 || s->year_share < 0 || s->appraisal_share < 0) {
        snprintf(err, errsz, "权重不能为负数");
        return false;
    }
    if (shares < 99.9999 || shares > 100.0001) {
        snprintf(err, errsz, "半年初评 %.2f + 年终总评 %.2f + 公众评议 %.2f = %.2f, 应为 100",
                 s->half_share, s->year_share, s->appraisal_share, shares);
        return false;
    }
    const double caps[3] = {s->inspection_cap, s->complaint_cap, s->bonus_cap};
    const double lags[3] = {s->warn_yellow, s->warn_red, s->mismatch};
    char why[96];
    for (int i = 0; i < 3; i++)
        if (!limits_check_number(LIMIT_SHARE, caps[i], why, sizeof why)) {
            snprintf(err, errsz, "扣分和加分上限%s (现为 %g)", why, caps[i]);
            return false;
        }
    for (int i = 0; i < 3; i++)
        if (!limits_check_number(LIMIT_SHARE, lags[i], why, sizeof why)) {
            snprintf(err, errsz, "预警和不匹配阈值%s (现为 %g)", why, lags[i]);
            return false;
        }
    if (!(s->band_excellent > s->band_good && s->band_good > s->band_pass && s->band_pass >= 0 &&
          s->band_excellent <= 100 + s->bonus_cap)) {
        snprintf(err, errsz, "等次分数线应满足 优秀 > 良好 > 合格 >= 0 (现为 %.2f / %.2f / %.2f)",
                 s->band_excellent, s->band_good, s->band_pass);
        return false;
    }
    if (!(s->warn_yellow >= 0 && s->warn_red > s->warn_yellow && s->mismatch >= 0)) {
        snprintf(err, errsz, "预警阈值应满足 0 <= 黄色 < 红色, 不匹配阈值 >= 0");
        return false;
    }
    return true;
}
