/* Preset files (docs/scheme.md): the shipped presets parse to the numbers of docs/domain.md,
 * a saved structure reads back the same, and every kind of mistake is refused naming the
 * file, the line and the field. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "model/preset.h"
#include "model/scheme.h"
#include "model/score.h"

/* A small valid file; the error tests change one line of it. */
static const char good[] = "# test\n"
                           "[scheme]\n"
                           "name = t\n"
                           "title = 测试方案\n"
                           "half_share = 30\n"
                           "year_share = 60\n"
                           "appraisal_share = 10\n"
                           "inspection_cap = 2\n"
                           "complaint_cap = 2\n"
                           "bonus_cap = 0\n"
                           "band_excellent = 90\n"
                           "band_good = 80\n"
                           "band_pass = 70\n"
                           "veto_effect = cap\n"
                           "tie_style = dense\n"
                           "warn_yellow = 5\n"
                           "warn_red = 15\n"
                           "mismatch = 20\n"
                           "[pools]\n"  /* line 19 */
                           "乡镇\n"
                           "村\n"
                           "[categories 乡镇]\n" /* line 22 */
                           "甲 = 45\n"
                           "乙 = 45.0\n"
                           "[categories]\n"
                           "丙 = 90\n";

static bool parse(const char *text, struct preset *p, char *err, size_t errsz)
{
    return preset_parse(text, strlen(text), "t.scheme", p, err, errsz);
}

/* good with line `line` (1-based) replaced by `with` (NULL: removed). */
static char *edit_line(int line, const char *with)
{
    char *out = calloc(1, sizeof good + 256);
    const char *at = good;
    for (int n = 1; *at; n++) {
        const char *nl = strchr(at, '\n');
        size_t len = (size_t)(nl - at) + 1;
        if (n != line)
            strncat(out, at, len);
        else if (with)
            strcat(out, with), strcat(out, "\n");
        at += len;
    }
    return out;
}

static void expect_error(int line, const char *with, const char *message)
{
    char *text = edit_line(line, with), err[512];
    struct preset p;
    assert_false(parse(text, &p, err, sizeof err));
    assert_string_equal(err, message);
    assert_null(p.pools);
    free(text);
}

static void good_file_parses(void **state)
{
    (void)state;
    struct preset p;
    char err[512];
    assert_true(parse(good, &p, err, sizeof err));
    assert_string_equal(p.scheme.preset, "t");
    assert_string_equal(p.title, "测试方案");
    assert_true(p.scheme.half_share == 30 && p.scheme.year_share == 60);
    assert_int_equal(p.scheme.veto_effect, VETO_CAP);
    assert_int_equal(p.scheme.tie_style, TIE_DENSE);
    assert_int_equal(p.n_pools, 2);
    assert_string_equal(p.pools[1], "村");
    const struct preset_category *c[8];
    /* 乡镇 has its own section; 村 takes the plain [categories] one */
    assert_int_equal(preset_categories_of(&p, "乡镇", c, 8), 2);
    assert_string_equal(c[1]->name, "乙");
    assert_int_equal(preset_categories_of(&p, "村", c, 8), 1);
    assert_string_equal(c[0]->name, "丙");
    preset_free(&p);
}

static void errors_name_line_and_field(void **state)
{
    (void)state;
    expect_error(5, "half_share = 三十", "t.scheme:5: 字段 half_share: \"三十\" 不是数字 (如 30 或 2.5)");
    expect_error(5, "half_share = -5", "t.scheme:5: 字段 half_share: \"-5\" 不是数字 (如 30 或 2.5)");
    expect_error(5, "half_share", "t.scheme:5: 应为 \"字段 = 值\"");
    expect_error(5, "half = 30", "t.scheme:5: 字段 half: [scheme] 中没有这个字段");
    expect_error(6, "half_share = 30", "t.scheme:6: 字段 half_share 重复");
    expect_error(14, "veto_effect = maybe", "t.scheme:14: 字段 veto_effect: \"maybe\" 应为 fail、cap 或 none");
    expect_error(3, "name = a b", "t.scheme:3: 字段 name: \"a b\" 应为不超过 23 字节、不含空格和斜杠的名称");
    expect_error(22, "[categories 县直]", "t.scheme:22: 段 [categories 县直]: 分组 县直 不在 [pools] 中 (须先列出)");
    expect_error(22, "[colours]",
                 "t.scheme:22: 未知的段 [colours] (可用: scheme, pools, categories, grades, source)");
    expect_error(22, "[pools 乡镇]", "t.scheme:22: 段 [pools] 不带参数");
    expect_error(21, "乡镇", "t.scheme:21: 分组 乡镇 重复");
    expect_error(24, "甲 = 45", "t.scheme:24: 类别 甲 在本段重复");
    expect_error(24, "乙 = 百", "t.scheme:24: 类别 乙 的分值 \"百\" 无效: 应为 0 到 100 之间的数");
    expect_error(1, "乡镇 = 1", "t.scheme:1: 第一个段标题 (如 [scheme]) 之前不能有内容");
    expect_error(25, "[categories 乡镇]", "t.scheme:25: 段 [categories 乡镇] 重复");
}

/* The rules over the whole file name the line that sets the broken value up. */
static void whole_file_rules(void **state)
{
    (void)state;
    expect_error(18, NULL, "t.scheme:2: [scheme] 缺少字段 mismatch");
    /* 30 + 60 + 5 */
    expect_error(7, "appraisal_share = 5",
                 "t.scheme:2: 半年初评 30.00 + 年终总评 60.00 + 公众评议 5.00 = 95.00, 应为 100");
    /* 乡镇 45 + 40 = 85 ≠ 30 + 60: at its last category */
    expect_error(24, "乙 = 40",
                 "t.scheme:24: 分组 乡镇 的类别合计 85, 应为 半年初评 30 + 年终总评 60 = 90");
    expect_error(25, "[pools]", "t.scheme:25: 段 [pools] 重复");
    /* 村 (line 21) has no section of its own and the plain one is gone */
    char *text = edit_line(26, NULL), err[512];
    char *cut = strstr(text, "[categories]\n");
    *cut = '\0';
    struct preset p;
    assert_false(parse(text, &p, err, sizeof err));
    assert_string_equal(err, "t.scheme:21: 分组 村 没有指标类别 ([categories 村] 或 [categories])");
    free(text);
    assert_false(parse("[pools]\n乡镇\n", &p, err, sizeof err));
    assert_string_equal(err, "t.scheme:2: 缺少 [scheme] 段");
}

static void bad_bytes_refused(void **state)
{
    (void)state;
    struct preset p;
    char err[512];
    char *text = edit_line(20, "\xe4\xb9");
    assert_false(parse(text, &p, err, sizeof err));
    assert_string_equal(err, "t.scheme:20: 不是有效的 UTF-8 文本");
    free(text);
    static const char nul[] = "[scheme]\nname\0 = x\n";
    assert_false(preset_parse(nul, sizeof nul - 1, "t.scheme", &p, err, sizeof err));
    assert_string_equal(err, "t.scheme:2: 含有 NUL 字节");
}

/* The shipped presets carry the numbers of docs/domain.md; hand-checked sums in comments. */
static void shipped_presets(void **state)
{
    (void)state;
    struct preset p;
    const struct preset_category *c[PRESET_MAX_CATEGORIES];
    assert_int_equal(preset_builtin_count, 4);
    assert_false(preset_builtin_load("nosuch", &p));
    assert_true(preset_builtin_load("qitai", &p));
    assert_true(p.scheme.half_share == 30 && p.scheme.year_share == 60 &&
                p.scheme.appraisal_share == 10 && p.scheme.bonus_cap == 0);
    assert_int_equal(p.n_pools, 4);
    /* 乡镇: 15 + 20 + 15 + 20 + 10 + 10 = 90; the others 30 + 30 + 20 + 10 = 90 */
    assert_int_equal(preset_categories_of(&p, "乡镇", c, PRESET_MAX_CATEGORIES), 6);
    assert_int_equal(preset_categories_of(&p, "金融机构", c, PRESET_MAX_CATEGORIES), 4);
    assert_string_equal(c[1]->name, "目标任务");
    preset_free(&p);
    /* zhengding (docs/scoring.md): the checkpoints half each; 领导评估 10 in the four pools of
     * daily work, 公众评估 30 for the departments: 乡镇 categories 90 = 100 − 10, the others
     * 20 × 3 = 60 = 100 − 40; the 古城 class ranked apart: 70 = 100 − 领导评估 30 */
    assert_true(preset_builtin_load("zhengding", &p));
    assert_true(p.scheme.half_share == 50 && p.scheme.year_share == 50 &&
                p.scheme.appraisal_share == 0);
    assert_int_equal(p.n_pools, 5);
    assert_string_equal(p.pools[4], "古城");
    assert_int_equal(p.n_sources, 3);
    assert_string_equal(p.sources[0].name, "领导评估");
    assert_true(p.sources[0].share == 10 && p.sources[0].n_pools == 4);
    assert_string_equal(p.sources[1].name, "领导评估");
    assert_true(p.sources[1].share == 30 && p.sources[1].n_pools == 1);
    assert_string_equal(p.sources[1].pools[0], "古城");
    assert_string_equal(p.sources[2].name, "公众评估");
    assert_true(p.sources[2].share == 30 && p.sources[2].appraisal && p.sources[2].n_pools == 3);
    assert_int_equal(preset_categories_of(&p, "县直部门", c, PRESET_MAX_CATEGORIES), 3);
    assert_int_equal(preset_categories_of(&p, "古城", c, PRESET_MAX_CATEGORIES), 1);
    assert_true(c[0]->points == 70);
    preset_free(&p);
    assert_true(preset_builtin_load("beijing", &p));
    assert_true(p.scheme.year_share == 100 && p.scheme.bonus_cap == 5);
    assert_int_equal(preset_categories_of(&p, "乡镇", c, PRESET_MAX_CATEGORIES), 2);
    preset_free(&p);
    /* hangzhou: 社会评价 50 + 领导考评 5 as sources, 创新创优 a bonus source of 3; 目标考核 at
     * year-end carries 100 − 55 = 45 = 职能目标 30 + 共性目标 15 */
    assert_true(preset_builtin_load("hangzhou", &p));
    assert_true(p.scheme.appraisal_share == 0 && p.scheme.year_share == 100 &&
                p.scheme.half_share == 0 && p.scheme.bonus_cap == 0);
    assert_int_equal(p.n_sources, 3);
    assert_true(p.sources[0].share == 50 && p.sources[0].appraisal);
    assert_string_equal(p.sources[1].name, "领导考评");
    assert_true(p.sources[2].bonus && p.sources[2].share == 3 && p.sources[2].scale == SCALE_POINTS);
    assert_int_equal(preset_categories_of(&p, "县直部门", c, PRESET_MAX_CATEGORIES), 2);
    preset_free(&p);
    assert_string_equal(preset_builtin_names(), "beijing, hangzhou, qitai, zhengding");
    assert_string_equal(preset_builtin_next("qitai"), "beijing");
    assert_string_equal(preset_builtin_next("beijing"), "hangzhou");
    assert_string_equal(preset_builtin_next("zhengding"), "qitai");
    assert_string_equal(preset_builtin_next("mine"), "qitai");
}

/* What `scheme save` writes reads back as the same structure, each pool listed. */
static void format_round_trip(void **state)
{
    (void)state;
    struct preset p, q;
    char err[512];
    assert_true(parse(good, &p, err, sizeof err));
    char *text = preset_format(&p);
    assert_non_null(strstr(text, "[categories 村]\n丙 = 90\n"));
    assert_true(preset_parse(text, strlen(text), "saved", &q, err, sizeof err));
    assert_memory_equal(&p.scheme, &q.scheme, sizeof p.scheme);
    assert_string_equal(q.title, p.title);
    assert_int_equal(q.n_pools, 2);
    assert_int_equal(q.n_categories, 3);
    assert_string_equal(q.categories[2].pool, "村");
    char *again = preset_format(&q);
    assert_string_equal(again, text);
    free(text), free(again);
    preset_free(&p), preset_free(&q);
}

static void category_sum_rule(void **state)
{
    (void)state;
    struct preset p;
    char err[256];
    assert_true(preset_builtin_load("qitai", &p));
    assert_true(scheme_category_sum_ok(&p.scheme, "乡镇", 0, score_micro(90), err, sizeof err));
    assert_false(scheme_category_sum_ok(&p.scheme, "乡镇", 0, score_micro(89.5), err, sizeof err));
    assert_string_equal(err, "分组 乡镇 的类别合计 89.5, 应为 半年初评 30 + 年终总评 60 = 90");
    preset_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_file_parses),  cmocka_unit_test(errors_name_line_and_field),
        cmocka_unit_test(whole_file_rules),  cmocka_unit_test(bad_bytes_refused),
        cmocka_unit_test(shipped_presets),   cmocka_unit_test(format_round_trip),
        cmocka_unit_test(category_sum_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
