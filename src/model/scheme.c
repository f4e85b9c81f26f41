/* The rules a year's scheme obeys: shares add up to 100, ordered bands, bounded caps, and each
 * pool's categories summing to the key share. The presets themselves are data files
 * (model/preset.h, docs/scheme.md). */
#include "model/scheme.h"

#include <stdio.h>
#include <string.h>

#include "model/grades.h"
#include "model/limits.h"
#include "model/score.h"

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
    if (!grades_validate(s, err, errsz))
        return false;
    if (!(s->warn_yellow >= 0 && s->warn_red > s->warn_yellow && s->mismatch >= 0)) {
        snprintf(err, errsz, "预警阈值应满足 0 <= 黄色 < 红色, 不匹配阈值 >= 0");
        return false;
    }
    return true;
}

bool scheme_category_sum_ok(const struct scheme *s, const char *pool, int64_t sources_u,
                            int64_t sum_micro, char *err, size_t errsz)
{
    int64_t key = score_micro(s->half_share) + score_micro(s->year_share) - sources_u;
    if (sum_micro == key)
        return true;
    char a[32], h[32], y[32], k[32], src[96] = "";
    if (sources_u > 0)
        snprintf(src, sizeof src, " − 评分来源 %s",
                 score_fmt_plain((double)sources_u / 1e6, k, sizeof k));
    snprintf(err, errsz, "分组 %s 的类别合计 %s, 应为 半年初评 %s + 年终总评 %s%s = %s", pool,
             score_fmt_plain((double)sum_micro / 1e6, a, sizeof a),
             score_fmt_plain(s->half_share, h, sizeof h), score_fmt_plain(s->year_share, y, sizeof y),
             src, score_fmt_plain((double)key / 1e6, k, sizeof k));
    return false;
}
