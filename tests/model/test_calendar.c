/* model/calendar: the year range, real dates (leap years by hand: 2000 and 2028 are leap,
 * 2100 and 2026 are not), the strict YYYY-MM-DD text and the ledger date window. */
#include "testutil.h"

#include "model/calendar.h"

static void year_range(void **state)
{
    (void)state;
    assert_false(calendar_year_valid(1999));
    assert_true(calendar_year_valid(2000));
    assert_true(calendar_year_valid(2100));
    assert_false(calendar_year_valid(2101));
    assert_string_equal(KP_STR(KP_YEAR_MIN), "2000");
    assert_string_equal(KP_STR(KP_YEAR_MAX), "2100");
}

static void days_in_month(void **state)
{
    (void)state;
    assert_int_equal(calendar_days_in_month(2026, 1), 31);
    assert_int_equal(calendar_days_in_month(2026, 4), 30);
    assert_int_equal(calendar_days_in_month(2026, 2), 28);
    assert_int_equal(calendar_days_in_month(2028, 2), 29);
    assert_int_equal(calendar_days_in_month(2000, 2), 29); /* divisible by 400 */
    assert_int_equal(calendar_days_in_month(2100, 2), 28); /* by 100, not 400 */
    assert_int_equal(calendar_days_in_month(2026, 0), 0);
    assert_int_equal(calendar_days_in_month(2026, 13), 0);
}

static void date_valid(void **state)
{
    (void)state;
    assert_true(calendar_date_valid(2026, 12, 31));
    assert_false(calendar_date_valid(2026, 4, 31));
    assert_false(calendar_date_valid(2026, 1, 0));
    assert_false(calendar_date_valid(1999, 12, 31));
    assert_false(calendar_date_valid(2101, 1, 1));
}

static void date_text(void **state)
{
    (void)state;
    assert_true(calendar_date_text_valid("2026-02-28"));
    assert_true(calendar_date_text_valid("2028-02-29"));
    assert_false(calendar_date_text_valid("2026-02-29"));
    assert_false(calendar_date_text_valid("2100-02-29"));
    assert_true(calendar_date_text_valid("2000-02-29"));
    assert_false(calendar_date_text_valid("2026-1-01"));
    assert_false(calendar_date_text_valid("2026/01/01"));
    assert_false(calendar_date_text_valid("2026-0a-01"));
    assert_false(calendar_date_text_valid("1999-12-31"));
    assert_false(calendar_date_text_valid(""));
    assert_false(calendar_date_text_valid(NULL));
}

static void ledger_window(void **state)
{
    (void)state;
    assert_true(calendar_in_ledger_window("2025-01-01", 2025));
    assert_true(calendar_in_ledger_window("2026-01-15", 2025)); /* a year-end check in January */
    assert_false(calendar_in_ledger_window("2024-12-31", 2025));
    assert_false(calendar_in_ledger_window("2027-01-01", 2025));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(year_range), cmocka_unit_test(days_in_month), cmocka_unit_test(date_valid),
        cmocka_unit_test(date_text),  cmocka_unit_test(ledger_window),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
