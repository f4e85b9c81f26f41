/* Smoke test of the test support: a fresh store opens, takes fixture SQL, and audits it. */
#include "testutil.h"

#include <stdlib.h>

#include "db/store.h"
#include "db/years.h"
#include "model/xmalloc.h"

static void fixture_sql_is_audited_with_operator(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_non_null(st);
    test_exec_sql(st, "INSERT INTO unit(code, name, pool) VALUES ('X01', '县教育局', '县直部门')");
    char *out = NULL;
    char *cmd = xasprintf("sqlite3 '%s/test.db' \"SELECT operator || '|' || tbl || '|' || row_key"
                          " FROM audit\"", dir);
    assert_int_equal(test_run(cmd, &out), 0);
    assert_string_equal(out, "tester|unit|X01\n");
    free(out);
    free(cmd);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(fixture_sql_is_audited_with_operator)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
