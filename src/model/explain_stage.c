/* Adjustment lines of the explanation (explain_stage.h). */
#include "model/explain_stage.h"

#include <string.h>

#include "model/adjust.h"
#include "model/score.h"

static const struct target_item *unit_item(const struct year_data *yd,
                                           const struct unit_score *us, const char *code)
{
    for (size_t i = us->first_item; i < us->first_item + us->n_items; i++)
        if (strcmp(yd->items[i].code, code) == 0)
            return &yd->items[i];
    return NULL;
}

void explain_adjustments(const struct year_data *yd, const struct unit_score *us,
                         struct text_lines *out)
{
    size_t n;
    size_t first = adjust_unit_range(yd->adjustments, yd->n_adjustments, us->unit, &n);
    if (n == 0)
        return;
    text_lines_add(out, "目标调整 (任务书批复后; 每个检查点按当时有效的值计分和监控):");
    for (size_t i = first; i < first + n; i++) {
        const struct target_adjustment *a = &yd->adjustments[i];
        const struct target_item *it = unit_item(yd, us, a->item);
        char o[48], v[48], h[48], y[48];
        text_lines_add(out, "  %s%s%s %s %s → %s, 自第%d季度起 (%.10s 记录; 原因: %s; 批准人: %s)",
                       a->item, it ? " " : "", it ? it->name : "", adj_field_label(a->field),
                       score_fmt_plain(a->old_value, o, sizeof o),
                       score_fmt_plain(a->new_value, v, sizeof v), a->from_quarter,
                       a->recorded_at ? a->recorded_at : "",
                       a->reason && *a->reason ? a->reason : "(未写)",
                       a->approved_by && *a->approved_by ? a->approved_by : "(未写)");
        if (!it)
            continue;
        struct item_terms th, ty;
        item_terms_at(it, score_checkpoint_quarter[CHECK_HALF], &th);
        item_terms_at(it, score_checkpoint_quarter[CHECK_YEAR], &ty);
        text_lines_add(out, "      半年初评 (第2季度) 按 %s, 年终总评 (第4季度) 按 %s",
                       score_fmt_plain(adjust_term(&th, a->field), h, sizeof h),
                       score_fmt_plain(adjust_term(&ty, a->field), y, sizeof y));
    }
}

#define MINUS "\xE2\x88\x92" /* U+2212, as in explain.c */

void explain_half_stage(const struct year_data *yd, const struct unit_score *us,
                        struct text_lines *out)
{
    char kh[48], key[48], c[48], di[48], dc[48], b[48], t[48];
    const struct unit *un = &yd->units[us->unit];
    score_fmt_plain((double)us->key_points_u / 1e6, key, sizeof key);
    text_lines_add(out,
                   "半年初评阶段: %s×100/%s = %s; 查访核验 %s%s; 投诉查处 %s%s; 加分 +%s"
                   " (台账截至 %d-06-30); 阶段得分 %s → %s%s",
                   score_fmt2(us->k_u[CHECK_HALF], kh, sizeof kh), key,
                   score_fmt2(us->key_u, c, sizeof c), us->inspection.applied_u ? MINUS : "",
                   score_fmt2((long double)us->inspection.applied_u, di, sizeof di),
                   us->complaint.applied_u ? MINUS : "",
                   score_fmt2((long double)us->complaint.applied_u, dc, sizeof dc),
                   score_fmt2((long double)us->bonus.applied_u, b, sizeof b), yd->year,
                   score_fmt_c(us->total_c, t, sizeof t), grades_label(&yd->scheme, us->grade),
                   us->veto ? " (一票否决)" : "");
    if (us->rank > 0)
        text_lines_add(out, "      半年初评排名: %s 第 %d 名 (共 %d 个单位)", un->pool, us->rank,
                       us->pool_size);
}
