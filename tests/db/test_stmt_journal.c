/* The statement journal kept in memory (db/store.c, open_connection): one statement inside a
 * transaction that changes more than the old 4 MiB threshold of existing pages (as the v11
 * migration's copy of a province's progress table did) must work. With the threshold SQLite
 * 3.40 spilled the journal to a temp file in one oversized write() and failed the statement
 * with "database or disk is full". */
#include "testutil.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "db/store_internal.h"

static void exec_ok(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
}

static void big_statement_in_a_transaction(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_new(&dir);
    assert_non_null(st);
    sqlite3 *db = store_db(st);
    /* 3,000 rows of 2 KB: 6 MB of pages that exist before the statement. The CHECK makes the
     * UPDATE one that may abort half-way, so SQLite journals it for its own rollback. */
    exec_ok(db, "CREATE TABLE big(id INTEGER PRIMARY KEY, v TEXT CHECK (length(v) > 0));"
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                " INSERT INTO big SELECT i, hex(randomblob(1000)) FROM n;");
    exec_ok(db, "BEGIN IMMEDIATE");
    exec_ok(db, "UPDATE big SET v = lower(v)");
    exec_ok(db, "COMMIT");
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM big WHERE v = lower(v)"), 3000);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(big_statement_in_a_transaction)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
