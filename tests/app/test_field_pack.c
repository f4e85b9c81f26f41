/* The pack file read as a stream (app/field_pack.h): the merge reads it several times, so a
 * pack changed on disk after its checksum was checked (same length, another value) is
 * refused by the pass that reads it and nothing is written; and what field_pack_write wrote
 * reads back and merges. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/field_pack.h"
#include "db/field.h"
#include "db/maintenance.h"
#include "db/store.h"
#include "model/xmalloc.h"

#define NEW_LEADER "外业改的负责人A"

/* A county (the demo), a laptop checked out of it with one unit's leader changed, and its
 * pack written to dir/p.kpz. Returns the county store. */
static struct store *county_and_pack(char **dir, char **pack)
{
    struct store *st = test_store_demo(dir);
    assert_non_null(st);
    char *lap = xasprintf("%s/laptop.db", *dir), err[512] = "";
    assert_int_equal(store_backup_into(st, lap), STORE_OK);
    assert_int_equal(field_checkout(st, lap, "第二检查组", err, sizeof err), STORE_OK);
    struct store *l = store_open(lap, "张三", err, sizeof err);
    assert_non_null(l);
    /* and every ledger record's text: a pack larger than stdio's buffer, which would
     * otherwise hold the whole file and never read the altered bytes */
    test_exec_sql(l, "UPDATE unit SET leader = '" NEW_LEADER "' WHERE code = 'D01';"
                     " UPDATE ledger SET reason = reason || '（外业复核）'");
    FILE *spill = field_pack_spill(lap);
    assert_non_null(spill);
    struct field_header h;
    assert_int_equal(field_pack(l, &h, field_pack_spill_write, spill), STORE_OK);
    long n = ftell(spill);
    assert_true(n > 65536);
    *pack = xasprintf("%s/p.kpz", *dir);
    FILE *out = fopen(*pack, "wb");
    assert_non_null(out);
    assert_true(field_pack_write(out, &h, spill, (size_t)n));
    assert_int_equal(fclose(out), 0);
    fclose(spill);
    store_close(l);
    free(lap);
    return st;
}

/* Flips the last byte of `what` in the file at path, in place (same length). */
static void alter_in_place(const char *path, const char *what)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    static char buf[1 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    size_t k = strlen(what), pos = 0;
    while (pos + k <= len && memcmp(buf + pos, what, k) != 0)
        pos++;
    assert_true(pos + k <= len);
    pos += k - 1;
    assert_int_equal(fseek(f, (long)pos, SEEK_SET), 0);
    fputc('B', f);
    assert_int_equal(fclose(f), 0);
}

static void pack_changed_after_its_check_writes_nothing(void **state)
{
    (void)state;
    char *dir = NULL, *pack = NULL, err[512] = "", id[65];
    struct store *st = county_and_pack(&dir, &pack);
    struct field_pack_in in;
    struct field_header h;
    assert_true(field_pack_open(fopen(pack, "rb"), "p.kpz", &in, &h, id, err, sizeof err));
    assert_string_equal(h.label, "第二检查组");
    assert_int_equal(h.format, FIELD_FORMAT);
    long long audit = test_sql_int(st, "SELECT count(*) FROM audit_change");

    alter_in_place(pack, NEW_LEADER); /* ...A becomes ...B: still a sound changeset */
    struct field_source src = field_pack_source(&in);
    struct field_merge_result r;
    assert_int_equal(field_merge(st, &h, &src, id, false, &r), STORE_INVALID);
    assert_non_null(strstr(store_errmsg(st), "被改动"));
    field_merge_result_free(&r);
    field_pack_close(&in);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM unit WHERE leader LIKE '外业%'"), 0);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM audit_change"), audit);

    /* Opened again, the altered file is refused by its checksum. */
    assert_false(field_pack_open(fopen(pack, "rb"), "p.kpz", &in, &h, id, err, sizeof err));
    assert_non_null(strstr(err, "SHA-256"));
    field_pack_close(&in);
    store_close(st);
    test_rmtree(dir);
    free(dir), free(pack);
}

static void pack_merges_once_read(void **state)
{
    (void)state;
    char *dir = NULL, *pack = NULL, err[512] = "", id[65];
    struct store *st = county_and_pack(&dir, &pack);
    struct field_pack_in in;
    struct field_header h;
    assert_true(field_pack_open(fopen(pack, "rb"), "p.kpz", &in, &h, id, err, sizeof err));
    struct field_source src = field_pack_source(&in);
    struct field_merge_result r;
    assert_int_equal(field_merge(st, &h, &src, id, false, &r), STORE_OK);
    assert_true(r.updated > 1);
    field_merge_result_free(&r);
    field_pack_close(&in);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM unit WHERE code = 'D01' AND leader"
                                      " = '" NEW_LEADER "'"), 1);
    store_close(st);
    test_rmtree(dir);
    free(dir), free(pack);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pack_merges_once_read),
        cmocka_unit_test(pack_changed_after_its_check_writes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
