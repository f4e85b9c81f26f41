/* The forms compiled into the binary: the same forms as the files of assets/forms, field by
 * field, and they pass the checks the screens rely on; an override folder replaces them. */
#include "testutil.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/xmalloc.h"
#include "ui/formspec.h"

static void same_field(const struct fs_field *a, const struct fs_field *b)
{
    assert_string_equal(a->name, b->name);
    assert_string_equal(a->label, b->label);
    assert_int_equal(a->type, b->type);
    assert_int_equal(a->width, b->width);
    assert_int_equal(a->required, b->required);
    assert_int_equal(a->has_min, b->has_min);
    assert_int_equal(a->has_max, b->has_max);
    assert_int_equal(a->min_exclusive, b->min_exclusive);
    assert_true(a->min == b->min && a->max == b->max);
    assert_string_equal(a->source ? a->source : "", b->source ? b->source : "");
}

static void builtin_matches_asset_files(void **state)
{
    (void)state;
    char err[512] = "";
    struct fs_set files, builtin;
    char *dir = xasprintf("%s/../../assets/forms", KAOPING_TEST_DATA);
    if (formspec_load_dir(dir, &files, err, sizeof err) != 0)
        fail_msg("%s", err);
    if (formspec_load_builtin(&builtin, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_string_equal(builtin.dir, FORMSPEC_BUILTIN_DIR);
    assert_int_equal(builtin.n_forms, files.n_forms);
    assert_int_equal(formspec_builtin_count, files.n_forms);
    for (size_t i = 0; i < files.n_forms; i++) {
        const struct fs_form *f = &files.forms[i];
        const struct fs_form *b = formspec_get(&builtin, f->name);
        if (!b)
            fail_msg("%s.form is not built in", f->name);
        assert_string_equal(b->title, f->title);
        assert_int_equal(b->n_fields, f->n_fields);
        for (size_t k = 0; k < f->n_fields; k++)
            same_field(&b->fields[k], &f->fields[k]);
    }
    formspec_free(&files);
    formspec_free(&builtin);
    free(dir);
}

/* Without $KAOPING_FORMS the built-in set is used, wherever the program runs from. */
static void default_is_builtin_unless_overridden(void **state)
{
    (void)state;
    char err[512] = "";
    struct fs_set set;
    unsetenv("KAOPING_FORMS");
    if (formspec_load_default(&set, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_string_equal(set.dir, FORMSPEC_BUILTIN_DIR);
    formspec_free(&set);

    char *dir = test_tmpdir();
    setenv("KAOPING_FORMS", dir, 1);
    assert_int_equal(formspec_load_default(&set, err, sizeof err), -1);
    assert_non_null(strstr(err, dir)); /* an empty override folder is an error, not a fallback */
    assert_non_null(strstr(err, "缺少"));
    unsetenv("KAOPING_FORMS");
    test_rmtree(dir);
    free(dir);
}

static void text_errors_name_form_and_line(void **state)
{
    (void)state;
    char err[512] = "";
    struct fs_form f;
    assert_int_equal(formspec_parse_text("title t\nfield a label=x typo=1\n", "(内置表单)/t.form",
                                         "t", &f, err, sizeof err),
                     -1);
    assert_non_null(strstr(err, "(内置表单)/t.form 第 2 行"));
    assert_int_equal(formspec_parse_text("", "x.form", "x", &f, err, sizeof err), -1);
    assert_non_null(strstr(err, "没有任何 field"));
    assert_int_equal(formspec_parse_text("field a label=甲", "x.form", "x", &f, err, sizeof err), 0);
    assert_string_equal(f.fields[0].label, "甲"); /* the last line needs no newline */
    formspec_free_form(&f);
}

int main(void)
{
    setlocale(LC_ALL, "");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_matches_asset_files),
        cmocka_unit_test(default_is_builtin_unless_overridden),
        cmocka_unit_test(text_errors_name_form_and_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
