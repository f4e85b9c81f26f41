/* The window a scrolling field shows of its text (ui/textline.h): marks on the hidden sides,
 * double-width characters counted as 2 columns and never split at an edge, edits by character. */
#include "testutil.h"
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include "ui/textline.h"

static void view(struct textline *t, int cols, const char *want, int want_col)
{
    char out[256];
    int col = -1;
    textline_view(t, cols, out, sizeof out, &col);
    assert_string_equal(out, want);
    assert_int_equal(col, want_col);
}

static void short_text_shows_whole(void **state)
{
    (void)state;
    struct textline t = {0};
    textline_load(&t, "a县b", 100);
    view(&t, 6, "a县b  ", 4); /* 1 + 2 + 1 columns, cursor after them */
    textline_home(&t);
    view(&t, 6, "a县b  ", 0);
    textline_free(&t);
}

static void window_follows_the_cursor(void **state)
{
    (void)state;
    struct textline t = {0};
    textline_load(&t, "ab县教育局", 100); /* 2 + 8 = 10 columns */
    /* at the end: `<`, then whole characters in 6 - 1 - 1 (cursor cell) = 4 columns */
    view(&t, 6, "<育局 ", 5);
    textline_home(&t); /* the start, `>` in the last column; 局 would need 2 of the 5 left */
    view(&t, 6, "ab县 >", 0);
    textline_move(&t, 3); /* on 教: it, 县 before it and both marks fill the 6 columns */
    view(&t, 6, "<县教>", 3);
    textline_move(&t, -100);
    view(&t, 6, "ab县 >", 0);
    textline_free(&t);
}

static void never_splits_a_wide_character(void **state)
{
    (void)state;
    struct textline t = {0};
    textline_load(&t, "a县教育", 100); /* 1 + 6 columns in a 5-column field */
    view(&t, 5, "<育  ", 3);           /* `<` + 教育 would leave no cursor cell */
    textline_home(&t);
    view(&t, 5, "a县 >", 0); /* 教 would need columns 4-5, the last is the mark's */
    textline_free(&t);
}

static void edits_by_character_up_to_max(void **state)
{
    (void)state;
    struct textline t = {0};
    textline_load(&t, "县局", 3);
    assert_true(textline_insert(&t, L'x'));
    assert_false(textline_insert(&t, L'y')); /* 3 characters: full */
    textline_home(&t);
    assert_true(textline_delete(&t));
    assert_false(textline_backspace(&t)); /* at the start */
    textline_end(&t);
    assert_true(textline_backspace(&t));
    char *s = textline_text(&t);
    assert_string_equal(s, "局");
    free(s);
    assert_true(textline_clear(&t));
    assert_int_equal(t.n, 0);
    textline_free(&t);
}

int main(void)
{
    setlocale(LC_ALL, ""); /* widths need the UTF-8 LC_CTYPE the tests run with */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(short_text_shows_whole),
        cmocka_unit_test(window_follows_the_cursor),
        cmocka_unit_test(never_splits_a_wide_character),
        cmocka_unit_test(edits_by_character_up_to_max),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
