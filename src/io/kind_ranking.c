/* ranking (得分与排名), exported only: the rows of io/ranking_csv.h from the ranked year. */
#include "io/kinds.h"
#include "io/ranking_csv.h"

/* The one definition of the ranking's columns: the header ranking_put_header writes and the
 * kinds table's column list (import never reads it). 公众评议 is the raw 0-100 score, 公众评议折算
 * its part of the total (× the scheme's share), so that 集中考核 + 公众评议折算 − 查访核验扣分 −
 * 投诉查处扣分 + 加分 = 总分 reads off the row (issue 17 item 4; each term to the cent, the total
 * rounded once from the exact sum, docs/scoring.md). */
static const struct import_column ranking_cols[] = {
    {"排名", "rank", false},          {"单位编码", "unit", false},     {"单位名称", "name", false},
    {"分组", "pool", false},          {"半年初评", "half", false},     {"年终总评", "year", false},
    {"集中考核", "key", false},       {"公众评议", "appraisal", false},
    {"公众评议折算", "appraisal_part", false},
    {"查访核验扣分", "inspection", false}, {"投诉查处扣分", "complaint", false},
    {"加分", "bonus", false},         {"总分", "total", false},        {"等次", "grade", false},
    {"否决", "veto", false},          {"数据不全", "incomplete", false}};

static size_t export_ranking(const struct export_source *src, const struct row_sink *out)
{
    return ranking_put_rows(src->yd, src->ys, src->pool, out);
}

const struct data_kind kind_ranking = {
    .name = "ranking",
    .sheet = "排名",
    .per_year = true,
    .ranked = true,
    .cols = ranking_cols,
    .n_cols = sizeof ranking_cols / sizeof ranking_cols[0],
    .export_rows = export_ranking,
};
