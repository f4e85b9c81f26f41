/* Helpers for cmocka tests: temporary directories and databases. */
#ifndef KAOPING_TESTUTIL_H
#define KAOPING_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

struct store;

/* A fresh empty directory under $TMPDIR (malloc'd path). */
char *test_tmpdir(void);
/* Removes the directory and everything in it. */
void test_rmtree(const char *path);
/* Opens a new store at <tmpdir>/test.db with operator "tester"; *dir receives the dir. */
struct store *test_store_new(char **dir);
/* test_store_new filled with the demo county (kaoping demo) in one transaction. */
struct store *test_store_demo(char **dir);

/* Runs SQL (several statements) on the store's own connection, so the audit triggers see
 * the operator; for building fixtures. Fails the test on error. */
void test_exec_sql(struct store *st, const char *sql);
/* The first column of the first row of a query as an integer, -1 when it gives no row. */
long long test_sql_int(struct store *st, const char *sql);
/* Runs SQL on the file at path through a plain sqlite3 connection, as another program would:
 * no kaoping functions, no operator (for fixtures kaoping never makes). Fails the test on
 * error. */
void test_raw_exec(const char *path, const char *sql);
/* Turns the audit log of the file at path back into the one table of schema v12 (its rows in
 * order, each with its own id, sealed as v12 sealed; the tables' audit triggers dropped, the
 * v13 migration makes them again) and sets user_version 12: how tests make older files. */
void test_audit_to_v12(const char *path);
/* Runs a shell command, returns its exit status and (if out != NULL) its stdout (malloc'd). */
int test_run(const char *cmd, char **out);
#endif
