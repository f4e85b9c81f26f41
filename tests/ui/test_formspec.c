/* Form files: parsing, errors naming file and line, the shipped forms, and value checks. */
#include "testutil.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/limits.h"
#include "model/xmalloc.h"
#include "ui/formspec.h"

static char *write_form(const char *dir, const char *name, const char *text)
{
    char *path = xasprintf("%s/%s.form", dir, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    return path;
}

static void parses_fields_and_flags(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *path =
        write_form(dir, "t",
                   "# comment\n\ntitle 查访 核验\n"
                   "field points label=\"扣 分\" type=decimal width=6 above=0 max=10 required\n"
                   "field aspect label=方面 type=choice source=aspects\n");
    struct fs_form f;
    char err[256];
    assert_int_equal(formspec_parse(path, "t", &f, err, sizeof err), 0);
    assert_string_equal(f.title, "查访 核验");
    assert_int_equal(f.n_fields, 2);
    assert_string_equal(f.fields[0].label, "扣 分");
    assert_int_equal(f.fields[0].type, FS_DECIMAL);
    assert_int_equal(f.fields[0].width, 6);
    assert_true(f.fields[0].required && f.fields[0].has_min && f.fields[0].min_exclusive);
    assert_string_equal(f.fields[1].source, "aspects");
    assert_false(f.fields[1].required);
    formspec_free_form(&f);
    free(path);
    test_rmtree(dir);
    free(dir);
}

static void errors_name_file_and_line(void **state)
{
    (void)state;
    static const struct {
        const char *text, *line, *why;
    } cases[] = {
        {"title x\nfield a label=A type=number\n", "第 2 行", "type"},
        {"field a label=A width=0\n", "第 1 行", "width"},
        {"field a type=text\n", "第 1 行", "label"},
        {"field a label=A type=choice\n", "第 1 行", "source"},
        {"field a label=A type=choice source=planets\n", "第 1 行", "source"},
        {"field a label=A\nfield a label=B\n", "第 2 行", "重复"},
        {"field a label=A min=5 max=1\n", "第 1 行", "min"},
        {"title x\n\nbutton ok\n", "第 3 行", "未知的语句"},
        {"title only\n", "第 0 行", "没有任何 field"},
    };
    char *dir = test_tmpdir();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = write_form(dir, "bad", cases[i].text);
        struct fs_form f;
        char err[256];
        assert_int_equal(formspec_parse(path, "bad", &f, err, sizeof err), -1);
        if (!strstr(err, cases[i].line) || !strstr(err, cases[i].why) || !strstr(err, path))
            fail_msg("case %zu: %s", i, err);
        free(path);
    }
    test_rmtree(dir);
    free(dir);
}

static void shipped_forms_load(void **state)
{
    (void)state;
    struct fs_set set;
    char err[256] = "";
    char *dir = xasprintf("%s/../../assets/forms", KAOPING_TEST_DATA);
    int rc = formspec_load_dir(dir, &set, err, sizeof err);
    if (rc != 0)
        fail_msg("%s", err);
    const struct fs_form *f = formspec_get(&set, "inspection");
    assert_non_null(f);
    assert_true(formspec_field_index(f, "reason") >= 0);
    assert_null(formspec_get(&set, "nosuch"));
    formspec_free(&set);
    free(dir);
}

/* The shipped forms apply the model's bounds (model/limits.h), the same as import: no max=
 * in target.form, yet an 18-digit 目标值 is refused; a bidi override in a name too. */
static void shipped_forms_apply_model_limits(void **state)
{
    (void)state;
    struct fs_set set;
    char err[256] = "", msg[256];
    char *dir = xasprintf("%s/../../assets/forms", KAOPING_TEST_DATA);
    if (formspec_load_dir(dir, &set, err, sizeof err) != 0)
        fail_msg("%s", err);
    const struct fs_form *t = formspec_get(&set, "target");
    const struct fs_field *target = &t->fields[formspec_field_index(t, "target")];
    assert_true(formspec_check(target, "1000000000000", msg, sizeof msg));
    assert_false(formspec_check(target, "99999999999999999999", msg, sizeof msg));
    assert_string_equal(msg, "应在 0 到 1000000000000 之间");
    const struct fs_form *p = formspec_get(&set, "progress");
    const struct fs_field *actual = &p->fields[formspec_field_index(p, "actual")];
    assert_false(formspec_check(actual, "9300000000000", msg, sizeof msg));
    const struct fs_field *score = &p->fields[formspec_field_index(p, "score")];
    assert_false(formspec_check(score, "100.5", msg, sizeof msg));
    const struct fs_form *u = formspec_get(&set, "unit");
    const struct fs_field *name = &u->fields[formspec_field_index(u, "name")];
    assert_true(formspec_check(name, "县财政局", msg, sizeof msg));
    assert_false(formspec_check(name, "县\xe2\x80\xae" "局", msg, sizeof msg));
    assert_non_null(strstr(msg, "文字方向控制符"));
    const struct fs_field *code = &u->fields[formspec_field_index(u, "code")];
    assert_false(formspec_check(code, "D\xe2\x81\xa6" "1", msg, sizeof msg));
    /* Free text keeps such characters (shown as '?' on output). */
    const struct fs_form *i = formspec_get(&set, "inspection");
    const struct fs_field *reason = &i->fields[formspec_field_index(i, "reason")];
    assert_true(formspec_check(reason, "a\xe2\x80\xae" "b", msg, sizeof msg));
    formspec_free(&set);
    free(dir);
}

static void checks_values(void **state)
{
    (void)state;
    struct fs_field pts = {.name = (char *)"p",
                           .label = (char *)"扣分",
                           .type = FS_DECIMAL,
                           .width = 6,
                           .required = true,
                           .has_min = true,
                           .min = 0,
                           .min_exclusive = true,
                           .has_max = true,
                           .max = 10};
    char msg[96];
    assert_true(formspec_check(&pts, "0.5", msg, sizeof msg));
    assert_false(formspec_check(&pts, "0", msg, sizeof msg));
    assert_false(formspec_check(&pts, "-1", msg, sizeof msg));
    assert_non_null(strstr(msg, "之间"));
    assert_false(formspec_check(&pts, "10.5", msg, sizeof msg));
    assert_false(formspec_check(&pts, "abc", msg, sizeof msg));
    assert_false(formspec_check(&pts, "1e3", msg, sizeof msg));
    assert_false(formspec_check(&pts, "", msg, sizeof msg));
    assert_string_equal(msg, "必填");
    assert_false(formspec_char_ok(&pts, 'a'));
    assert_true(formspec_char_ok(&pts, '.'));

    struct fs_field date = {
        .name = (char *)"d", .label = (char *)"日期", .type = FS_DATE, .width = 10};
    assert_true(formspec_check(&date, "", msg, sizeof msg)); /* optional */
    assert_true(formspec_check(&date, "2024-02-29", msg, sizeof msg));
    assert_false(formspec_check(&date, "2026-13-01", msg, sizeof msg));
    assert_false(formspec_check(&date, "2025-02-29", msg, sizeof msg));
    assert_false(formspec_check(&date, "2026-04-31", msg, sizeof msg));
    assert_false(formspec_check(&date, "2026-4-1", msg, sizeof msg));

    struct fs_field n = {
        .name = (char *)"n", .label = (char *)"数", .type = FS_INTEGER, .width = 4};
    assert_true(formspec_check(&n, "12", msg, sizeof msg));
    assert_false(formspec_check(&n, "1.5", msg, sizeof msg));

    struct fs_field t = {.name = (char *)"t", .label = (char *)"名称", .type = FS_TEXT, .width = 4};
    assert_true(formspec_check(&t, "县局", msg, sizeof msg));
    assert_false(formspec_check(&t, "县教育局", msg, sizeof msg)); /* 8 columns > 4 */
    assert_false(formspec_scrolls(&t));

    /* free text scrolls: wider than its field is fine, up to the model's 2,000 characters */
    struct fs_field r = t;
    r.has_limit = true, r.limit = LIMIT_FREE;
    assert_true(formspec_scrolls(&r));
    assert_true(formspec_check(&r, "县教育局", msg, sizeof msg));
    char *big = xmalloc(LIMIT_FREE_CHARS * 3 + 4);
    big[0] = '\0';
    for (int k = 0; k <= LIMIT_FREE_CHARS; k++)
        strcat(big, "县");
    assert_false(formspec_check(&r, big, msg, sizeof msg)); /* 2,001 characters */
    free(big);
}

int main(void)
{
    setlocale(LC_ALL, ""); /* widths need the UTF-8 LC_CTYPE the tests run with */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_fields_and_flags),
        cmocka_unit_test(errors_name_file_and_line),
        cmocka_unit_test(shipped_forms_load),
        cmocka_unit_test(shipped_forms_apply_model_limits),
        cmocka_unit_test(checks_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
