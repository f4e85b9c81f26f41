/* The data rules every way in must agree on (CSV import, the workstation's forms, `check`),
 * each written once: code syntax, the category-sum tolerance and item-count limits, and the
 * rules of a quarter's progress row. Pure; docs/csv.md describes them for operators. */
#ifndef KAOPING_MODEL_RULES_H
#define KAOPING_MODEL_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "model/calendar.h"
#include "model/types.h"

/* ---- codes (单位编码, 指标编码, 上级编码) ---- */

/* A code is a key typed on the command line, in forms and in spreadsheets: 1 to
 * KP_CODE_MAX - 1 bytes without control characters (model/limits.h LIMIT_CODE) and without
 * a space or full-width space U+3000. "A 1" is refused by import and by the forms alike
 * (docs/csv.md). On refusal why says what is wrong, without quoting s. */
bool rules_code_valid(const char *s, char *why, size_t whysz);

/* ---- reasons ---- */

/* A reason the audit log keeps (unlocking a year): some text other than spaces, tabs, line
 * breaks and the full-width space U+3000. The workstation and `kaoping unlock` both refuse
 * a blank one, and so does the store. */
bool rules_reason_given(const char *reason);

/* ---- category sums and item counts ---- */

/* A category's items should add up to its points. Points are kept to two decimals (任务书
 * shows %.2f), so a difference below 0.001 is rounding, not a mismatch; import, 任务书 and
 * `check` all use this one tolerance. The literal is plain so SQL can embed it. */
#define RULES_SUM_TOLERANCE_LIT 0.001
#define RULES_SUM_TOLERANCE ((double)RULES_SUM_TOLERANCE_LIT)
#define RULES_SUM_TOLERANCE_SQL KP_STR(RULES_SUM_TOLERANCE_LIT)
bool rules_sum_matches(double sum, double points);

/* The seed plans' item counts per category (全局性重点工作 1-3, 目标任务 1-6). False when the
 * category has no limit. Both sides only warn. */
bool rules_item_limits(const char *category, size_t *lo, size_t *hi);
/* True when the count is within the category's limits, or the category has none. */
bool rules_item_count_ok(const char *category, size_t count);

/* ---- ledger caps ---- */

/* A ledger type's total is over its cap (查访核验, 投诉查处, 加分: the part beyond is not
 * counted, docs/scoring.md). Compared in micro-points, as scoring applies the cap
 * (model/score.h score_micro), so a screen's warning and the score never disagree. */
bool rules_over_cap(double total, double cap);

/* ---- a quarter's progress row ---- */

/* A row that gives 累计支出 or 评分 must give 累计完成值 too (an untyped actual would be stored
 * as 0 and read as a red lag), except a 评分 item's row that gives its score: the score is what
 * such an item is scored and monitored by (issue 17 item 5; docs/monitoring.md). */
bool rules_progress_needs_actual(enum kp_method method, bool has_actual, bool has_spent,
                                 bool has_score);

/* 更正 (issue 15 item 5): cumulative values only grow, so a 累计完成值 or 累计支出 below the
 * previous quarter's corrects an earlier figure. Import and the workstation refuse it unless
 * it is marked (CSV column 更正) or confirmed (a question whose default is No); the row is then
 * stored as a correction (quarter_progress.corrected; docs/scoring.md "更正"). Returns the
 * RULES_DROP_* bits of cur against prev, the previous quarter's row (0 when either is absent;
 * a value compares only with a value). */
#define RULES_DROP_ACTUAL 1
#define RULES_DROP_SPENT 2
int rules_progress_drop(const struct quarter_progress *prev, const struct quarter_progress *cur);
/* "累计完成值", "累计支出" or "累计完成值和累计支出" for the bits. */
const char *rules_drop_what(int drop);
/* The CSV column 更正: 是, 1, y, yes, true, x → true; 否, 0, n, no, false, "" → false (ASCII
 * words in any case). False when s is none of these. */
bool rules_correction_parse(const char *s, bool *out);
/* A 评分 never exceeds the item's points. */
bool rules_score_within(double score, double points);
/* A 评分 item (METHOD_MANUAL) is scored at 半年初评 (quarter 2) and 年终总评 (quarter 4): a
 * row for those quarters must carry the score. Import enforces this on the finished sheet;
 * the workstation lets an operator save the actual first. */
bool rules_score_due(enum kp_method method, int quarter);
/* "半年初评" for quarter 2, "年终总评" for 4, "" otherwise. */
const char *rules_score_stage(int quarter);
/* The quarter an operator is reporting for in year yd (what 季度进度 opens on): the latest
 * quarter with any progress; the next one when every item has reported that one and it ended
 * before today (YYYY-MM-DD; a past year has ended all four); quarter 1 when nothing is
 * reported yet (values are cumulative, so a year is typed from its first quarter). */
int rules_working_quarter(const struct year_data *yd, const char *today);
/* The same rule from what it needs, for a screen that does not hold the year's items: the
 * latest quarter with any progress (0: none) and, asked only when the answer matters,
 * whether every item of the year has a row for that quarter. */
int rules_working_quarter_of(int year, int latest, bool (*latest_complete)(void *ctx), void *ctx,
                             const char *today);

#endif
