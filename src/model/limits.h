/* The bounds of every number and text an operator enters (issue 12): the one place these rules
 * live. CSV import (io/import_rows.c, io/field.c), the workstation's forms (ui/formspec.c) and
 * `kaoping check` (db/limits_check.c) all ask here, so a value refused on one path is refused
 * on every path, with the same words. Pure: no I/O. */
#ifndef KAOPING_MODEL_LIMITS_H
#define KAOPING_MODEL_LIMITS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/types.h"

/* Amounts in an item's measure (目标值, 累计完成值) and money (预算金额, 累计支出, 万元) never
 * exceed this: 10^12 is beyond any county's figures, and keeps the fixed-point scoring
 * (model/score.c, micro-units in int64) far from overflow. */
#define LIMIT_AMOUNT_MAX 1e12
/* Points, scores, shares and percentages: the scheme's plausible maximum (a 100-point total). */
#define LIMIT_POINTS_MAX 100.0

/* The kinds of number, each with its range (limits.c has the table). */
enum limit_num {
    LIMIT_ITEM_POINTS, /* 分值 of a target item: > 0, ≤ 100 */
    LIMIT_LEDGER_POINTS, /* 分值 of a 查访核验/投诉查处/加分 record: > 0, ≤ 100 (deductions are
                            stored positive and subtracted, docs/scoring.md) */
    LIMIT_AMOUNT, /* 目标值, 累计完成值: 0 .. 10^12 */
    LIMIT_MONEY,  /* 预算金额, 累计支出 (万元): 0 .. 10^12 */
    LIMIT_SCORE,  /* 评分 of a manual item: 0 .. 100 (and ≤ the item's 分值, a store check) */
    LIMIT_APPRAISAL, /* 公众评议得分: 0 .. 100, may be written 85% */
    LIMIT_PERCENT,   /* 满意率, 序时进度: 0 .. 100, may be written 55% */
    LIMIT_SHARE,     /* the scheme's shares, caps and warning lags; category points:
                        0 .. 100 */
    LIMIT_NUM_COUNT
};

struct limit_range {
    double lo, hi;
    bool lo_open; /* the value must be greater than lo */
    bool percent; /* a percentage: may be written with a trailing % */
};

const struct limit_range *limits_range(enum limit_num k);
/* True when v is in the range (NaN never is). Otherwise writes why, naming the range, e.g.
 * "应大于 0 且不超过 100" or "应在 0 到 1000000000000 之间" (no value: the caller quotes it). */
bool limits_check_number(enum limit_num k, double v, char *why, size_t whysz);
/* The range as text ("0 到 100 之间", "大于 0 且不超过 100"), for form hints. */
void limits_describe(enum limit_num k, char *out, size_t outsz);

/* A percentage (k with .percent) written without a % sign whose value is above 0 and at most
 * 1: what a cell showing 77.8% gives once it lost its percent format (0.778). Taking it as
 * 0.778 % would rank the unit on a wrong number, and multiplying by 100 would be a guess, so
 * import refuses it and says how to write either meaning (docs/csv.md "Numbers"). */
bool limits_fraction_suspect(enum limit_num k, double v);
#define LIMIT_FRACTION_HINT "像是丢了百分比格式的小数"

/* The kinds of text. */
enum limit_text {
    LIMIT_CODE, /* unit and item codes: ≤ 31 bytes (KP_CODE_MAX), no controls, no bidi;
                   model/rules.h rules_code_valid adds "not empty, no space" */
    LIMIT_NAME, /* names (单位名称, 分组, 类别, 指标名称, 负责人, 计量单位, 方面, 方式, 核验人):
                   ≤ 100 characters, no control or bidi-override characters */
    LIMIT_FREE, /* free text (事由, 备注, 证据, 整改要求, 完成情况): ≤ 2,000 characters; controls
                   are kept as typed and shown as '?' on output (model/text.h) */
    LIMIT_TEXT_COUNT
};
#define LIMIT_CODE_BYTES (KP_CODE_MAX - 1) /* 31: codes are stored in char[KP_CODE_MAX] */
#define LIMIT_NAME_CHARS 100
#define LIMIT_FREE_CHARS 2000

/* True when s (valid UTF-8) fits the kind. Otherwise writes why (Chinese, no quote of s). */
bool limits_check_text(enum limit_text k, const char *s, char *why, size_t whysz);

#endif
