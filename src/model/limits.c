/* The ranges of numbers and the lengths and characters of text (see limits.h). */
#include "model/limits.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/text.h"

static const struct limit_range ranges[LIMIT_NUM_COUNT] = {
    [LIMIT_ITEM_POINTS] = {0, LIMIT_POINTS_MAX, true, false},
    [LIMIT_LEDGER_POINTS] = {0, LIMIT_POINTS_MAX, true, false},
    [LIMIT_AMOUNT] = {0, LIMIT_AMOUNT_MAX, false, false},
    [LIMIT_MONEY] = {0, LIMIT_AMOUNT_MAX, false, false},
    [LIMIT_SCORE] = {0, LIMIT_POINTS_MAX, false, false},
    [LIMIT_APPRAISAL] = {0, LIMIT_POINTS_MAX, false, true},
    [LIMIT_PERCENT] = {0, LIMIT_POINTS_MAX, false, true},
    [LIMIT_SHARE] = {0, LIMIT_POINTS_MAX, false, false},
};

const struct limit_range *limits_range(enum limit_num k)
{
    return &ranges[k];
}

void limits_describe(enum limit_num k, char *out, size_t outsz)
{
    const struct limit_range *r = &ranges[k];
    if (r->lo_open)
        snprintf(out, outsz, "大于 %.15g 且不超过 %.15g", r->lo, r->hi);
    else
        snprintf(out, outsz, "%.15g 到 %.15g 之间", r->lo, r->hi);
}

bool limits_check_number(enum limit_num k, double v, char *why, size_t whysz)
{
    const struct limit_range *r = &ranges[k];
    bool low = r->lo_open ? !(v > r->lo) : !(v >= r->lo); /* NaN fails both */
    if (!low && v <= r->hi)
        return true;
    char range[96];
    limits_describe(k, range, sizeof range);
    snprintf(why, whysz, "应%s%s", r->lo_open ? "" : "在 ", range);
    return false;
}

bool limits_check_text(enum limit_text k, const char *s, char *why, size_t whysz)
{
    if (k == LIMIT_CODE && strlen(s) > LIMIT_CODE_BYTES) {
        snprintf(why, whysz, "太长 (编码最多 %d 个字节, 现有 %zu 个)", LIMIT_CODE_BYTES, strlen(s));
        return false;
    }
    size_t max = k == LIMIT_NAME ? LIMIT_NAME_CHARS : LIMIT_FREE_CHARS;
    size_t n = k == LIMIT_CODE ? 0 : text_chars(s);
    if (n > max) {
        snprintf(why, whysz, "太长 (%s最多 %zu 个字, 现有 %zu 个)",
                 k == LIMIT_NAME ? "名称" : "说明文字", max, n);
        return false;
    }
    if (k != LIMIT_FREE && text_has_unsafe(s)) {
        snprintf(why, whysz,
                 "含有控制字符或文字方向控制符 (如换行、制表符、ESC、U+202E), %s中不允许",
                 k == LIMIT_CODE ? "编码" : "名称");
        return false;
    }
    return true;
}

bool limits_fraction_suspect(enum limit_num k, double v)
{
    return ranges[k].percent && v > 0 && v <= 1;
}
