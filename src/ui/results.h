/* The ranked year behind the result screens (排名结果, 会议模式, 设置's preview): loaded once
 * per screen entry through app/ranked.h (the same path as `kaoping rank`), split by pool, with
 * the grade's screen word, colour role and marks, the explanation and the pool's CSV export. */
#ifndef KAOPING_UI_RESULTS_H
#define KAOPING_UI_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "db/publish.h"
#include "db/store.h"
#include "model/explain.h"
#include "model/rank.h"
#include "model/stage.h"
#include "ui/draw.h"

/* The ranked units of one pool: ys.order[first .. first + n - 1], by rank. */
struct results_pool {
    const char *name;
    size_t first, n;
};

struct results {
    int year;
    enum score_stage stage; /* the 半年初评 or the 年终总评 (model/stage.h) */
    struct year_data yd;
    struct year_scores ys;
    struct results_pool *pools;
    size_t n_pools;
    struct publication pub; /* the stage's published snapshot (pub.present false if none) */
};

/* The ranked `year`, loaded (streamed: no items kept) on the first call and kept until the
 * data changes (db/stamp.h) or another year is asked for, so entering a result screen again
 * costs nothing. Valid until the next call; NULL with a reason in err on failure. */
const struct results *results_get(struct store *st, int year, char *err, size_t errsz);
/* Work worth doing while the operator looks at a result screen: ranks the year and, when the
 * explanation will need it, its 半年初评 too (kept the same way), so that Enter (得分说明)
 * reads only the unit's own rows. */
void results_idle(struct store *st, int year);

/* The stage the result screens rank by (h in 排名结果 and 会议模式 switches it for both):
 * STAGE_YEAR at start. Refused (false, reason in err) for a half-year the year's scheme does
 * not have. */
bool results_set_stage(struct store *st, int year, enum score_stage stage, char *err,
                       size_t errsz);
enum score_stage results_stage(void);
/* "年终总评" or "半年初评 (折算百分制, 台账截至6月30日)": the title's word for the stage. */
const char *results_stage_title(void);

/* "发布时 97.50 第2名 优秀" when unit u's live score differs from the published snapshot of
 * the stage, else "" (buf). */
const char *results_published_diff(const struct results *r, size_t u, char *buf, size_t sz);

/* Colour role of a grade; the grade word (grades_label) is always drawn too. */
enum ui_role results_grade_role(const struct scheme *s, int g);
/* The marks column: "否决", "数据不全", both, or "". */
const char *results_marks(const struct unit_score *us);

/* Unit u's total as the sum of its terms, the terms of app_ranked_terms (the report's columns),
 * ASCII signs (the minus sign U+2212 is ambiguous-width, docs/terminal.md §3):
 * "集中考核 82.67 + 公众评议 (10%) 8.64 - 查访核验扣分 1.50 - 投诉查处扣分 0.50 = 总分 89.31 良好
 * (公众评议原分 86.40)". The brief form (会议模式 at 80 columns) leaves out the terms of 0 and
 * the word 扣分 and ends at the total: "集中考核 89.69 + 公众评议 (10%) 9.41 = 99.10". */
void results_sum_line(const struct results *r, size_t u, char *buf, size_t sz);
void results_sum_brief(const struct results *r, size_t u, char *buf, size_t sz);

/* The explanation of unit `code` in `year`: the lines of `kaoping explain` (model/explain.h)
 * for the cached ranking, reading only that unit's items and ledger (app/ranked.h). */
bool results_explain(struct store *st, int year, const char *code, struct text_lines *out,
                     char *err, size_t errsz);

/* Writes pool p's ranking as the CSV of `kaoping export ranking` (its rows of that file) to
 * <folder of db_path>/排名_<year>_<pool>.csv through io/outfile.h (replacing an earlier
 * export of the pool, never the database); path receives it. */
bool results_export_pool(const struct results *r, size_t p, const char *db_path, char *path,
                         size_t pathsz, char *err, size_t errsz);

#endif
