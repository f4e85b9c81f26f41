/* 审计日志 reads a page at a time (store_audit_ids, store_audit_rows): for every filter the ids
 * are the rows of the filter written plainly (the header's time, then its number, then the
 * row's; the table as the row names it or its shape does), also when another program's rows
 * interleave two transactions or carry an old time, and the rows read by id are
 * store_audit_query's. Schema v14: a v13 file gains the index of the rows without a unit
 * and loses nothing (the rows, the chain, a locked year). */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/store_internal.h"
#include "db/years.h"
#include "model/xmalloc.h"

/* The filters of the one-table log, plainly: every row, its table looked up per row. */
static const char plain_ids[] =
    "SELECT c.rowid FROM audit_change c JOIN audit_tx t ON t.n = c.tx"
    " WHERE (?1 IS NULL OR coalesce(c.tbl, (SELECT s.tbl FROM audit_shape s WHERE s.id ="
    " c.shape)) = ?1) AND (?2 IS NULL OR date(t.at, 'localtime') >= ?2)"
    " AND (?3 IS NULL OR date(t.at, 'localtime') <= ?3)"
    " ORDER BY t.at DESC, t.n DESC, c.rowid DESC LIMIT ?4";

static void set_lock(struct store *st, int year, bool locked, const char *note)
{
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_end(st, store_year_set_lock(st, year, locked, note)), STORE_OK);
}

/* Another program on the file: a plain connection without kaoping's functions. */
static void other_program(const char *dir, const char *sql)
{
    char *path = xasprintf("%s/test.db", dir);
    test_raw_exec(path, sql);
    free(path);
}

static void bind_or_null(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static void same_ids_and_rows(struct store *st, const struct audit_filter *f)
{
    long long *ids;
    size_t n;
    assert_int_equal(store_audit_ids(st, f, &ids, &n), STORE_OK);
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), plain_ids, -1, &s, NULL), SQLITE_OK);
    bind_or_null(s, 1, f->table), bind_or_null(s, 2, f->since), bind_or_null(s, 3, f->until);
    sqlite3_bind_int64(s, 4, f->limit ? (long long)f->limit : -1);
    size_t k = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        assert_true(k < n);
        assert_int_equal(ids[k++], sqlite3_column_int64(s, 0));
    }
    sqlite3_finalize(s);
    assert_int_equal(k, n);

    struct audit_row *all, *paged = xcalloc(n + 1, sizeof *paged);
    size_t n_all;
    assert_int_equal(store_audit_query(st, f, &all, &n_all), STORE_OK);
    assert_int_equal(n_all, n);
    for (size_t i = 0; i < n; i += 7) /* pages of 7, as a screen reads them */
        assert_int_equal(store_audit_rows(st, ids + i, n - i < 7 ? n - i : 7, paged + i), STORE_OK);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(paged[i].at, all[i].at);
        assert_string_equal(paged[i].operator_name, all[i].operator_name);
        assert_string_equal(paged[i].table, all[i].table);
        assert_string_equal(paged[i].row_key, all[i].row_key);
        assert_string_equal(paged[i].action, all[i].action);
        assert_string_equal(paged[i].old_json ? paged[i].old_json : "-", all[i].old_json ? all[i].old_json : "-");
        assert_string_equal(paged[i].new_json ? paged[i].new_json : "-", all[i].new_json ? all[i].new_json : "-");
    }
    store_free_audit(paged, n), store_free_audit(all, n_all);
    free(ids);
}

static void pages_are_the_filters_rows(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_demo(&dir);
    set_lock(st, 2025, true, "审定");
    /* a header with an old time (ordered last), and rows of an earlier header written after
     * later ones: that header's rows are no longer one stretch of the table */
    other_program(dir, "INSERT INTO audit(id, at, operator, tbl, row_key, action, old, new)"
                       " VALUES ('00000000000000000000000000000001', '2026-01-05T03:00:00Z',"
                       " 'other', 'year', '2025', 'update', NULL, '{\"locked\":0}');"
                       "INSERT INTO audit_change(tx, tbl, row_key, action, shape, old, new, unit)"
                       " SELECT min(n), 'unit', 'D02', 'update', NULL, NULL, '{\"code\":\"D02\"}', 'D02'"
                       " FROM audit_tx UNION ALL SELECT min(n), 'progress', 'x', 'insert', NULL,"
                       " NULL, '{}', NULL FROM audit_tx;");
    set_lock(st, 2025, false, "更正");
    static const char *const tables[] = {NULL,     "year",   "unit",   "progress",  "target",
                                         "ledger", "scheme", "nothing", "appraisal", "unit_year"};
    static const char *const dates[][2] = {
        {NULL, NULL}, {"2026-01-06", NULL}, {NULL, "2026-01-05"}, {"2026-01-05", "2026-01-05"}};
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (size_t d = 0; d < sizeof dates / sizeof dates[0]; d++)
            for (size_t limit = 0; limit <= 10; limit += 10) {
                struct audit_filter f = {.table = tables[t], .since = dates[d][0],
                                         .until = dates[d][1], .limit = limit};
                same_ids_and_rows(st, &f);
            }
    long long none = 1LL << 40;
    struct audit_row row = {0};
    assert_int_equal(store_audit_rows(st, &none, 1, &row), STORE_NOTFOUND);
    assert_null(row.at);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

/* The whole log as the readers see it, and the chain's head. */
static char *fingerprint(struct store *st, unsigned char head[AUDIT_HASH_LEN])
{
    struct audit_verdict v;
    assert_int_equal(store_audit_verify(st, NULL, NULL, &v), 0);
    memcpy(head, v.head, AUDIT_HASH_LEN);
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(store_db(st),
                                        "SELECT count(*) || ':' || group_concat(id || at || operator"
                                        " || tbl || row_key || action || coalesce(old, '-') ||"
                                        " coalesce(new, '-') || coalesce(unit, '-'), char(10)) FROM"
                                        " (SELECT * FROM audit ORDER BY rowid)",
                                        -1, &s, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    char *out = xstrdup((const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return out;
}

static void a_v13_file_migrates_without_loss(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_demo(&dir);
    set_lock(st, 2025, true, "审定");
    unsigned char head[AUDIT_HASH_LEN], head_after[AUDIT_HASH_LEN];
    char *before = fingerprint(st, head);
    store_close(st);
    other_program(dir, "DROP INDEX audit_change_key; PRAGMA user_version = 13;");

    char *path = xasprintf("%s/test.db", dir), err[512];
    st = store_open(path, "tester", err, sizeof err);
    assert_non_null(st);
    assert_int_equal(test_sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND"
                                      " name = 'audit_change_key' AND sql LIKE '%(row_key) WHERE"
                                      " unit IS NULL'"),
                     1);
    char *after = fingerprint(st, head_after);
    assert_string_equal(after, before);
    assert_memory_equal(head_after, head, AUDIT_HASH_LEN);
    /* the locked year is still locked, and its history read through the index is whole */
    assert_int_not_equal(sqlite3_exec(store_db(st), "UPDATE appraisal SET score = score + 1"
                                                    " WHERE year = 2025", NULL, NULL, NULL),
                         SQLITE_OK);
    struct audit_row *rows;
    size_t n;
    struct audit_filter f = {.table = "year", .row_key = "2025"};
    assert_int_equal(store_audit_query(st, &f, &rows, &n), STORE_OK);
    assert_int_equal(n, 2); /* made, locked */
    assert_string_equal(rows[0].action, "update");
    store_free_audit(rows, n);
    store_close(st);
    test_rmtree(dir);
    free(dir), free(path), free(before), free(after);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pages_are_the_filters_rows),
        cmocka_unit_test(a_v13_file_migrates_without_loss),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
