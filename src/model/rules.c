/* Code syntax, category sums and counts, progress-row rules (see rules.h). */
#include "model/rules.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/limits.h"
#include "model/score.h"

bool rules_code_valid(const char *s, char *why, size_t whysz)
{
    if (!s || !*s) {
        snprintf(why, whysz, "不能为空");
        return false;
    }
    if (!limits_check_text(LIMIT_CODE, s, why, whysz))
        return false;
    if (strchr(s, ' ') || strstr(s, "\xe3\x80\x80")) { /* U+3000, the full-width space */
        snprintf(why, whysz, "含有空格 (编码中不能有空格, 包括全角空格)");
        return false;
    }
    return true;
}

bool rules_reason_given(const char *reason)
{
    for (const char *p = reason; p && *p;) {
        if (strncmp(p, "\xe3\x80\x80", 3) == 0)
            p += 3;
        else if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
            p++;
        else
            return true;
    }
    return false;
}

bool rules_sum_matches(double sum, double points)
{
    return fabs(sum - points) <= RULES_SUM_TOLERANCE;
}

/* The seed plans' counts (docs/csv.md, 任务书). */
static const struct {
    const char *category;
    size_t lo, hi;
} item_limits[] = {{"全局性重点工作", 1, 3}, {"目标任务", 1, 6}};

bool rules_item_limits(const char *category, size_t *lo, size_t *hi)
{
    for (size_t i = 0; i < sizeof item_limits / sizeof item_limits[0]; i++)
        if (strcmp(item_limits[i].category, category) == 0) {
            *lo = item_limits[i].lo;
            *hi = item_limits[i].hi;
            return true;
        }
    return false;
}

bool rules_item_count_ok(const char *category, size_t count)
{
    size_t lo, hi;
    return !rules_item_limits(category, &lo, &hi) || (count >= lo && count <= hi);
}

bool rules_over_cap(double total, double cap)
{
    return score_micro(total) > score_micro(cap);
}

bool rules_progress_needs_actual(enum kp_method method, bool has_actual, bool has_spent,
                                 bool has_score)
{
    return !has_actual && (has_spent || has_score) && !(method == METHOD_MANUAL && has_score);
}

int rules_progress_drop(const struct quarter_progress *prev, const struct quarter_progress *cur)
{
    if (!prev || !cur || !prev->present || !cur->present)
        return 0;
    int drop = 0;
    if (!prev->no_actual && !cur->no_actual && cur->actual < prev->actual)
        drop |= RULES_DROP_ACTUAL;
    if (prev->has_spent && cur->has_spent && cur->spent < prev->spent)
        drop |= RULES_DROP_SPENT;
    return drop;
}

const char *rules_drop_what(int drop)
{
    return drop == (RULES_DROP_ACTUAL | RULES_DROP_SPENT) ? "累计完成值和累计支出"
           : drop == RULES_DROP_SPENT                     ? "累计支出"
                                                          : "累计完成值";
}

bool rules_correction_parse(const char *s, bool *out)
{
    static const char *const yes[] = {"是", "1", "y", "yes", "true", "x"};
    static const char *const no[] = {"否", "0", "n", "no", "false", ""};
    if (!*s) /* the usual cell */
        return !(*out = false);
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcasecmp(s, yes[i]) == 0)
            return *out = true;
        if (strcasecmp(s, no[i]) == 0)
            return !(*out = false);
    }
    return false;
}

bool rules_score_within(double score, double points)
{
    return score <= points;
}

bool rules_score_due(enum kp_method method, int quarter)
{
    return method == METHOD_MANUAL && (quarter == 2 || quarter == 4);
}

const char *rules_score_stage(int quarter)
{
    return quarter == 2 ? "半年初评" : quarter == 4 ? "年终总评" : "";
}

/* Quarters of yd's year that have ended by today: 0 before the year, 4 after it. */
static int quarters_ended(int year, const char *today)
{
    int y = 0, m = 0;
    if (sscanf(today, "%4d-%2d", &y, &m) != 2 || y < year)
        return 0;
    return y > year ? KP_QUARTERS : (m - 1) / 3;
}

int rules_working_quarter_of(int year, int latest, bool (*latest_complete)(void *ctx), void *ctx,
                             const char *today)
{
    if (latest == 0)
        return 1;
    if (latest == KP_QUARTERS || latest > quarters_ended(year, today))
        return latest;
    return latest_complete(ctx) ? latest + 1 : latest;
}

struct loaded_year {
    const struct year_data *yd;
    int latest;
};

static bool loaded_complete(void *ctx)
{
    const struct loaded_year *l = ctx;
    for (size_t i = 0; i < l->yd->n_items; i++)
        if (!l->yd->items[i].q[l->latest - 1].present)
            return false;
    return true;
}

int rules_working_quarter(const struct year_data *yd, const char *today)
{
    int latest = 0;
    for (size_t i = 0; i < yd->n_items; i++)
        for (int q = KP_QUARTERS; q > latest; q--)
            if (yd->items[i].q[q - 1].present)
                latest = q;
    struct loaded_year l = {yd, latest};
    return rules_working_quarter_of(yd->year, latest, loaded_complete, &l, today);
}
