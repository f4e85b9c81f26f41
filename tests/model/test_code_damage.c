/* Codes a spreadsheet mangled, recognised against the stored code they came from; and codes
 * that merely look alike are not. */
#include "testutil.h"

#include "model/code_damage.h"

static void leading_zeros_and_dot_zero(void **state)
{
    (void)state;
    assert_int_equal(code_damage_of("1", "001"), DAMAGE_ZEROS);
    assert_int_equal(code_damage_of("101", "0101"), DAMAGE_ZEROS);
    assert_int_equal(code_damage_of("24", "0024"), DAMAGE_ZEROS);
    assert_int_equal(code_damage_of("0", "000"), DAMAGE_ZEROS);
    assert_int_equal(code_damage_of("101.0", "101"), DAMAGE_DOT_ZERO);
    assert_int_equal(code_damage_of("1.0", "001"), DAMAGE_DOT_ZERO);
    assert_int_equal(code_damage_of("1", "1"), DAMAGE_NONE);
    assert_int_equal(code_damage_of("2", "001"), DAMAGE_NONE);
    assert_int_equal(code_damage_of("1", "A01"), DAMAGE_NONE);
    assert_int_equal(code_damage_of("10", "0010"), DAMAGE_ZEROS);
    assert_int_equal(code_damage_of("100", "0010"), DAMAGE_NONE);
}

static void decimals(void **state)
{
    (void)state;
    assert_int_equal(code_damage_of("1.1", "1.10"), DAMAGE_DECIMAL);
    assert_int_equal(code_damage_of("2", "2.0"), DAMAGE_DECIMAL);
    assert_int_equal(code_damage_of("2", "2.00"), DAMAGE_DECIMAL);
    assert_int_equal(code_damage_of("1.1", "1.1"), DAMAGE_NONE);
    assert_int_equal(code_damage_of("1.1", "1.01"), DAMAGE_NONE);
    assert_int_equal(code_damage_of("1", "1.10"), DAMAGE_NONE);
}

static void scientific_notation(void **state)
{
    (void)state;
    /* 123456789012345678 to 15 significant digits is 1.23456789012346E+17 (Excel) */
    assert_int_equal(code_damage_of("1.23456789012346E+17", "123456789012345678"),
                     DAMAGE_SCIENTIFIC);
    assert_int_equal(code_damage_of("1.23456789012346E+017", "123456789012345678"),
                     DAMAGE_SCIENTIFIC); /* LibreOffice writes three exponent digits */
    assert_int_equal(code_damage_of("6.52325E+11", "652325100000"), DAMAGE_SCIENTIFIC);
    /* 652326100000 differs by 1.1e6, more than half of the last place (5e5) */
    assert_int_equal(code_damage_of("6.52325E+11", "652326100000"), DAMAGE_NONE);
    assert_int_equal(code_damage_of("6.52325E+11", "65232510000"), DAMAGE_NONE); /* 11 digits */
    assert_true(code_looks_scientific("1.23E+17"));
    assert_true(code_looks_scientific("1E5"));
    assert_true(code_looks_scientific("6.52325e-3"));
    assert_false(code_looks_scientific("E5"));
    assert_false(code_looks_scientific("1.2.3E4"));
    assert_false(code_looks_scientific("A1E5"));
    assert_false(code_looks_scientific("1E"));
    assert_false(code_looks_scientific("12"));
}

static void dates(void **state)
{
    (void)state;
    assert_int_equal(code_damage_of("26年2月1日", "2-1"), DAMAGE_DATE);
    assert_int_equal(code_damage_of("2026-02-01", "2-1"), DAMAGE_DATE);
    assert_int_equal(code_damage_of("03/04/26", "3/4"), DAMAGE_DATE);
    assert_int_equal(code_damage_of("2月1日", "2-1"), DAMAGE_DATE);
    assert_int_equal(code_damage_of("2-1", "2-1"), DAMAGE_NONE);
    assert_int_equal(code_damage_of("21", "2-1"), DAMAGE_NONE);
    assert_int_equal(code_damage_of("2026-03-01", "2-1"), DAMAGE_NONE);
    assert_int_equal(code_damage_of("26年2月1日", "A2-1"), DAMAGE_NONE);
    assert_string_equal(code_damage_text(DAMAGE_DATE), "被当成了日期");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(leading_zeros_and_dot_zero),
        cmocka_unit_test(decimals),
        cmocka_unit_test(scientific_notation),
        cmocka_unit_test(dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
