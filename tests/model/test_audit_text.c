/* Audit values in the operators' words: the flat-JSON reader (strings with escapes, numbers,
 * null, a missing key, text that is not an object), the Chinese labels (table-specific first),
 * and the one-line description of an insert, an update (changed fields only) and a delete. */
#include "testutil.h"

#include <string.h>

#include "model/audit_text.h"

static void values_are_read(void **state)
{
    (void)state;
    const char *j = "{\"year\":2025,\"locked\":1,\"lock_note\":\"复核 \\\"更正\\\"\\n第二行\","
                    "\"x\":null,\"ratio\":-0.5}";
    char v[64];
    assert_true(audit_value(j, "year", v, sizeof v));
    assert_string_equal(v, "2025");
    assert_true(audit_value(j, "lock_note", v, sizeof v));
    assert_string_equal(v, "复核 \"更正\" 第二行");
    assert_true(audit_value(j, "x", v, sizeof v));
    assert_string_equal(v, "");
    assert_true(audit_value(j, "ratio", v, sizeof v));
    assert_string_equal(v, "-0.5");
    assert_false(audit_value(j, "unit", v, sizeof v));
    assert_false(audit_value(NULL, "year", v, sizeof v));
    assert_false(audit_value("not json", "year", v, sizeof v));
    assert_false(audit_value("{\"a\":{\"b\":1}}", "a", v, sizeof v));
    /* a value longer than the buffer is cut, never overrun */
    char small[4];
    assert_true(audit_value(j, "year", small, sizeof small));
    assert_string_equal(small, "202");
}

static void labels_prefer_the_table(void **state)
{
    (void)state;
    assert_string_equal(audit_label("appraisal", "score"), "公众评议得分");
    assert_string_equal(audit_label("progress", "score"), "评分");
    assert_string_equal(audit_label("unit", "name"), "单位名称");
    assert_string_equal(audit_label("target", "name"), "指标名称");
    assert_string_equal(audit_label("year", "lock_note"), "理由");
    assert_string_equal(audit_label("unit", "no_such_column"), "no_such_column");
    /* every audited table's columns have words (审计日志 showed approved_by, rater) */
    assert_string_equal(audit_label("target_approval", "approved_by"), "批准人");
    assert_string_equal(audit_label("target_adjustment", "old_value"), "原值");
    assert_string_equal(audit_label("score", "rater"), "评分单位");
    assert_string_equal(audit_label("grade", "min_score"), "最低分");
    assert_string_equal(audit_label("score_source", "share"), "权重");
}

static void changes_are_described(void **state)
{
    (void)state;
    char out[256];
    audit_describe("year", "{\"year\":2025,\"locked\":0,\"lock_note\":null}",
                   "{\"year\":2025,\"locked\":1,\"lock_note\":\"审定锁定\"}", out, sizeof out);
    assert_string_equal(out, "审定 否→是, 理由 空→审定锁定");
    audit_describe("rectification", "{\"status\":\"open\"}", "{\"status\":\"done\"}", out,
                   sizeof out);
    assert_string_equal(out, "状态 未完成→已完成"); /* stored codes in words */
    audit_describe("ledger", NULL, "{\"type\":\"inspection\",\"points\":0.5}", out, sizeof out);
    assert_string_equal(out, "类型 查访核验, 分值 0.5");
    /* a whole number stored as a real reads as typed: 10, not 10.0 */
    audit_describe("target", "{\"target_value\":10.0}", "{\"target_value\":12.0}", out,
                   sizeof out);
    assert_string_equal(out, "目标值 10→12");
    audit_describe("target", NULL, "{\"budget\":-3.0,\"points\":0.05}", out, sizeof out);
    assert_string_equal(out, "预算金额 -3, 分值 0.05");
    audit_describe("appraisal", NULL,
                   "{\"year\":2025,\"unit\":\"D02\",\"score\":86.4,\"satisfaction\":null}", out,
                   sizeof out);
    assert_string_equal(out, "年度 2025, 单位 D02, 公众评议得分 86.4");
    audit_describe("ledger", NULL, "{\"id\":\"ab12\",\"points\":0.5}", out, sizeof out);
    assert_string_equal(out, "分值 0.5"); /* the id is the key column already */
    audit_describe("unit", "{\"code\":\"X99\",\"name\":\"县乡村振兴局\"}", NULL, out, sizeof out);
    assert_string_equal(out, "单位编码 X99, 单位名称 县乡村振兴局");
    audit_describe("unit", "{\"code\":\"X99\",\"leader\":\"张三\"}",
                   "{\"code\":\"X99\",\"leader\":null}", out, sizeof out);
    assert_string_equal(out, "负责人 张三→空");
    /* an update that changed nothing describes nothing; a short buffer is cut safely */
    audit_describe("unit", "{\"code\":\"X99\"}", "{\"code\":\"X99\"}", out, sizeof out);
    assert_string_equal(out, "");
    char tiny[8];
    audit_describe("year", NULL, "{\"year\":2025}", tiny, sizeof tiny);
    assert_true(strlen(tiny) < sizeof tiny);
}

/* A published row (publication_row keeps hundredths of a point) reads in the ranking's
 * numbers: docs/domain.md's worked example 县教育局, 89.31 → 良好. Its 发布编号 (the first half
 * of the row's key, shown beside it) is not repeated. */
static void published_scores_in_points(void **state)
{
    (void)state;
    char out[512];
    audit_describe("publication_row", NULL,
                   "{\"publication\":\"62ce0b5c\",\"year\":2025,\"unit\":\"D02\",\"rank\":3,"
                   "\"half_year\":8000,"
                   "\"year_end\":8400,\"key_score\":8267,\"appraisal\":8640,"
                   "\"inspection\":150,\"complaint\":50,\"bonus\":0,\"total\":8931,"
                   "\"grade\":\"良好\",\"veto\":0,\"incomplete\":1}",
                   out, sizeof out);
    assert_string_equal(out, "年度 2025, 单位 D02, 名次 3, 半年初评 80.00, 年终总评 84.00, "
                             "集中考核 82.67, 公众评议得分 86.40, 查访核验 1.50, 投诉查处 0.50, "
                             "加分 0.00, 总分 89.31, 等次 良好, 否决 否, 数据不全 是");
    /* a negative value keeps its sign below one point; text that is not an integer is shown
     * as stored; other tables' numbers are untouched */
    audit_describe("publication_row", "{\"total\":-5}", "{\"total\":\"89.31\"}", out, sizeof out);
    assert_string_equal(out, "总分 -0.05→89.31");
    audit_describe("appraisal", NULL, "{\"score\":8931}", out, sizeof out);
    assert_string_equal(out, "公众评议得分 8931");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_are_read),
        cmocka_unit_test(labels_prefer_the_table),
        cmocka_unit_test(published_scores_in_points),
        cmocka_unit_test(changes_are_described),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
