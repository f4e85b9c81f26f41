/* The terms of a total (app_ranked_terms) and the report document (model/report.h): a term
 * with a zero share or cap has no column, for every unit alike; the 公众评议 term is the part
 * that enters the total; deductions are subtracted; cells beyond the columns are dropped. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "app/ranked.h"
#include "model/report.h"
#include "model/score.h"

static void terms_follow_the_scheme(void **state)
{
    (void)state;
    struct year_data yd = {.year = 2025};
    yd.scheme = (struct scheme){.half_share = 30, .year_share = 60, .appraisal_share = 10,
                                .inspection_cap = 2, .complaint_cap = 2, .bonus_cap = 0};
    /* docs/domain.md's worked example: C 82.667, P 86.4 → A 8.64, inspections 1.5, a
     * complaint 0.5 (micro-points). */
    struct unit_score us = {.key_u = 82666667.0L, .appraisal_part_u = 8640000.0L};
    us.inspection.applied_u = 1500000, us.complaint.applied_u = 500000;
    struct ranked_term t[RANKED_TERMS_MAX];
    size_t n = app_ranked_terms(&yd, &us, t, RANKED_TERMS_MAX);
    assert_int_equal(n, 4); /* no 加分: its cap is 0 */
    const char *labels[] = {"集中考核", "公众评议 (10%)", "查访核验扣分", "投诉查处扣分"};
    const int signs[] = {1, 1, -1, -1};
    long double sum = 0;
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(t[i].label, labels[i]);
        assert_int_equal(t[i].sign, signs[i]);
        sum += t[i].sign * t[i].micro;
    }
    assert_int_equal(score_round_c(sum), 8931); /* 89.31, the total of the example */
    /* A bonus cap and no appraisal share: 加分 appears, 公众评议 goes, for any unit. */
    yd.scheme.bonus_cap = 3, yd.scheme.appraisal_share = 0;
    us.bonus.applied_u = 1000000;
    n = app_ranked_terms(&yd, &us, t, RANKED_TERMS_MAX);
    assert_int_equal(n, 4);
    assert_string_equal(t[1].label, "查访核验扣分");
    assert_string_equal(t[3].label, "加分");
    assert_int_equal(t[3].sign, 1);
    assert_int_equal(app_ranked_terms(&yd, &us, t, 2), 2); /* never beyond max */
}

static void report_document(void **state)
{
    (void)state;
    struct report r;
    report_init(&r, "县考核办", "2026-12-02");
    const char *cols[] = {"编码", "总分"};
    report_sheet_add(&r, "结果", "标题", NULL, cols, 2);
    report_section(&r, "乡镇 (1 个单位)");
    report_row(&r);
    report_text(&r, "T01");
    report_hundredths(&r, 8931);
    report_text(&r, "多出的一格"); /* beyond the two columns: dropped */
    report_note(&r, "等次分布");
    assert_int_equal(r.n_sheets, 1);
    const struct report_sheet *s = &r.sheets[0];
    assert_null(s->subtitle);
    assert_int_equal(s->n_rows, 3);
    assert_int_equal(s->rows[0].kind, REPORT_ROW_SECTION);
    assert_string_equal(s->rows[0].text, "乡镇 (1 个单位)");
    assert_int_equal(s->rows[1].n_cells, 2);
    assert_string_equal(s->rows[1].cells[0].text, "T01");
    assert_int_equal(s->rows[1].cells[1].kind, REPORT_HUNDREDTHS);
    assert_int_equal(s->rows[1].cells[1].value, 8931);
    assert_int_equal(s->rows[2].kind, REPORT_ROW_NOTE);
    assert_string_equal(r.office, "县考核办");
    report_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(terms_follow_the_scheme),
        cmocka_unit_test(report_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
