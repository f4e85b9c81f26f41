/* Cuts that say they are cuts (issue 17 item 3): text_prefix_whole never ends inside a number
 * and text_fit_marked ends a cut text with the ASCII mark '~'. Widths by hand: a CJK character
 * is two columns, ASCII one. */
#include "testutil.h"

#include <locale.h>
#include <string.h>

#include "model/text.h"

static void prefix_keeps_numbers_whole(void **state)
{
    (void)state;
    /* "得分 12.30": 得分 = 4 columns, space 1, then 12.30. At 7 columns a plain cut gives
     * "得分 12"; the whole-number cut stops before the number. */
    const char *s = "得分 12.30";
    assert_int_equal(text_prefix_bytes(s, 7), strlen("得分 12"));
    assert_int_equal(text_prefix_whole(s, 7), strlen("得分 "));
    /* the explanation's wrap split 5 / .40: the cut before '.' backs off too */
    assert_int_equal(text_prefix_whole("x = 5.40", 5), strlen("x = "));
    /* a sign stays with its digits */
    assert_int_equal(text_prefix_whole("扣 -0.50", 4), strlen("扣 "));
    /* a cut after the number is left alone; so is a cut in words */
    assert_int_equal(text_prefix_whole("12.30 分", 6), strlen("12.30 "));
    assert_int_equal(text_prefix_whole("年度业务目标", 5), strlen("年度"));
    /* a number wider than the room on its own is cut: there is nothing else to show */
    assert_int_equal(text_prefix_whole("1234567", 3), 3);
    assert_int_equal(text_prefix_whole("short", 10), strlen("short"));
}

static void fit_marks_cuts(void **state)
{
    (void)state;
    char buf[64];
    /* fits: unchanged, padded */
    assert_int_equal(text_fit_marked(buf, sizeof buf, "数据不全", 8, false), 8);
    assert_string_equal(buf, "数据不全");
    /* 县农业农村局 is 12 columns; in 8: 3 characters (6) + '~' (1) + 1 pad */
    assert_int_equal(text_fit_marked(buf, sizeof buf, "县农业农村局", 8, false), 7);
    assert_string_equal(buf, "县农业~ ");
    /* in 9: 4 characters would be 8 + '~' = 9 > 8 allowed for text: 3 characters again */
    text_fit_marked(buf, sizeof buf, "县农业农村局", 9, false);
    assert_string_equal(buf, "县农业农~");
    /* right-aligned, the mark stays at the end of the text */
    text_fit_marked(buf, sizeof buf, "abcdef", 4, true);
    assert_string_equal(buf, "abc~");
    /* a number is not cut in the middle: 目标 12.30 in 9 columns -> "目标 ~" */
    text_fit_marked(buf, sizeof buf, "目标 12.30", 9, false);
    assert_string_equal(buf, "目标 ~   ");
    /* never the ambiguous-width ellipsis */
    assert_null(strstr(buf, "…"));
}

int main(void)
{
    setlocale(LC_ALL, ""); /* widths need the UTF-8 locale (tests run in C.UTF-8) */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(prefix_keeps_numbers_whole),
        cmocka_unit_test(fit_marks_cuts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
