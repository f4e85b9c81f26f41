/* One row's history (audit_filter.row_key, what 年度审定 lists): exactly the rows the table
 * filter gives with that key, in the same order (newest first), read row first. On the demo
 * county with both years locked and unlocked again, and a v12-style row whose table is named
 * (not a shape), which the filter must find as well. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/store.h"
#include "db/years.h"

static void set_lock(struct store *st, int year, bool locked, const char *note)
{
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_end(st, store_year_set_lock(st, year, locked, note)), STORE_OK);
}

/* Another program on the file: a plain connection without kaoping's functions. */
static void other_program(const char *dir, const char *sql)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/test.db", dir);
    test_raw_exec(path, sql);
}

static void same_rows(const struct audit_row *a, const struct audit_row *b)
{
    assert_string_equal(a->at, b->at), assert_string_equal(a->row_key, b->row_key);
    assert_string_equal(a->table, b->table), assert_string_equal(a->action, b->action);
    assert_string_equal(a->new_json ? a->new_json : "", b->new_json ? b->new_json : "");
}

static void row_history_equals_the_table_filter(struct store *st, const char *table,
                                                const char *key, size_t at_least)
{
    struct audit_row *all, *one;
    size_t n_all, n_one, want = 0;
    struct audit_filter f = {.table = table};
    assert_int_equal(store_audit_query(st, &f, &all, &n_all), STORE_OK);
    f.row_key = key;
    assert_int_equal(store_audit_query(st, &f, &one, &n_one), STORE_OK);
    for (size_t i = 0; i < n_all; i++)
        if (strcmp(all[i].row_key, key) == 0) {
            assert_true(want < n_one);
            same_rows(&one[want++], &all[i]);
        }
    assert_int_equal(n_one, want);
    assert_true(n_one >= at_least);
    store_free_audit(all, n_all), store_free_audit(one, n_one);
}

static void one_row_history(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_demo(&dir);
    set_lock(st, 2025, true, "审定");
    set_lock(st, 2025, false, "更正");
    set_lock(st, 2026, true, "审定");
    /* a row written the way another program (or v12) would: the table named, no shape */
    other_program(dir, "INSERT INTO audit(id, at, operator, tbl, row_key, action, old, new)"
                      " VALUES ('00000000000000000000000000000001', '2026-12-01T00:00:00Z',"
                      " 'other', 'year', '2025', 'update', NULL, '{\"locked\":0}')");
    row_history_equals_the_table_filter(st, "year", "2025", 4); /* insert, lock, unlock, other */
    row_history_equals_the_table_filter(st, "year", "2026", 2);
    row_history_equals_the_table_filter(st, "year", "1999", 0);
    row_history_equals_the_table_filter(st, "unit", "D02", 1);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_row_history),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
