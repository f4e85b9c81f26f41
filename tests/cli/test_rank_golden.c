/* Golden tests of `kaoping rank` (table, csv, json), `explain` and `scheme` on the small fixed
 * county of tests/data/rank/fixture.sql, through the real binary. The expected outputs were
 * checked by hand against docs/domain.md (see the comments in fixture.sql). Set
 * KAOPING_UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then review the diff. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "db/store.h"
#include "db/years.h"
#include "model/xmalloc.h"

static char *dir;

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0, n;
    char chunk[4096];
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        buf = xrealloc(buf, len + n + 1);
        memcpy(buf + len, chunk, n);
        len += n;
    }
    fclose(f);
    if (!buf)
        buf = xstrdup("");
    buf[len] = '\0';
    return buf;
}

static int setup(void **state)
{
    (void)state;
    struct store *st = test_store_new(&dir);
    if (!st || store_begin(st) != STORE_OK ||
        store_year_create_preset(st, 2025, "qitai") != STORE_OK || store_commit(st) != STORE_OK)
        return -1;
    char *sql = read_file(KAOPING_TEST_DATA "/rank/fixture.sql");
    if (!sql)
        return -1;
    test_exec_sql(st, sql);
    free(sql);
    store_close(st);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    test_rmtree(dir);
    free(dir);
    return 0;
}

/* Runs `kaoping --db <fixture> ARGS`, returns the exit status and stdout. */
static int kaoping(const char *args, char **out)
{
    const char *bin = getenv("KAOPING_BIN");
    char *cmd =
        xasprintf("'%s' --db '%s/test.db' %s 2>'%s/stderr'", bin ? bin : "kaoping", dir, args, dir);
    int rc = test_run(cmd, out);
    free(cmd);
    return rc;
}

static void expect_golden(const char *args, const char *golden)
{
    char *out;
    assert_int_equal(kaoping(args, &out), 0);
    char *path = xasprintf("%s/rank/%s", KAOPING_TEST_DATA, golden);
    const char *update = getenv("KAOPING_UPDATE_GOLDEN");
    if (update && *update) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fputs(out, f);
        fclose(f);
    }
    char *want = read_file(path);
    assert_non_null(want);
    assert_string_equal(out, want);
    free(want), free(path), free(out);
}

static void rank_table(void **state)
{
    (void)state;
    expect_golden("rank --year 2025", "rank.txt");
}

static void rank_csv(void **state)
{
    (void)state;
    expect_golden("rank --year 2025 --format csv", "rank.csv");
    char *out;
    assert_int_equal(kaoping("rank --year 2025 --format csv", &out), 0);
    assert_memory_equal(out, "\xEF\xBB\xBF\"排名\",\"单位编码\"",
                        strlen("\xEF\xBB\xBF\"排名\",\"单位编码\""));
    assert_non_null(strstr(out, "\"否决\",\"数据不全\"\r\n"));
    /* Every row adds up (issue 17 item 4): 集中考核 + 公众评议折算 − both deductions + 加分 =
     * 总分, to the cent (these inputs have two decimals, so no rounding gets in between). */
    size_t rows = 0;
    for (char *line = strstr(out, "\r\n"); line && line[2]; line = strstr(line + 2, "\r\n")) {
        double v[16];
        const char *p = line + 2;
        for (int f = 0; f < 16; f++) {
            p = strchr(p, '"') + 1;
            v[f] = atof(p);
            p = strchr(p, '"') + 2;
        }
        assert_int_equal(llround((v[6] + v[8] - v[9] - v[10] + v[11]) * 100), llround(v[12] * 100));
        rows++;
    }
    assert_int_equal(rows, 10);
    free(out);
}

static void rank_json(void **state)
{
    (void)state;
    expect_golden("rank --year 2025 --format json", "rank.json");
}

static void rank_one_pool_and_latest_year(void **state)
{
    (void)state;
    expect_golden("rank --pool 乡镇", "rank_township.txt");
}

static void explain_units(void **state)
{
    (void)state;
    expect_golden("explain --year 2025 X01", "explain_X01.txt");
    expect_golden("explain --year 2025 X05", "explain_X05.txt");
    expect_golden("explain --year 2025 X04", "explain_X04.txt");
    expect_golden("explain --year 2025 X06", "explain_X06.txt");
    expect_golden("explain --year 2025 T01", "explain_T01.txt");
    expect_golden("explain --year 2025 X02", "explain_X02.txt");
    expect_golden("explain --year 2025 X09", "explain_X09.txt");
}

static void scheme_show(void **state)
{
    (void)state;
    expect_golden("scheme show --year 2025", "scheme_show.txt");
}

static void errors(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(kaoping("explain --year 2025 NOPE", &out), 3);
    free(out);
    assert_int_equal(kaoping("rank --year 2031", &out), 3);
    free(out);
    assert_int_equal(kaoping("rank --format xml", &out), 2);
    free(out);
    assert_int_equal(kaoping("rank --pool 不存在", &out), 2);
    free(out);
    assert_int_equal(kaoping("scheme use nosuch --year 2025", &out), 2);
    free(out);
    assert_int_equal(kaoping("explain", &out), 2);
    free(out);
}

/* Switching presets changes the numbers; a locked year refuses the switch. */
static void scheme_use_and_lock(void **state)
{
    (void)state;
    char *out;
    /* the departments keep their Qitai categories (their targets are filed under them) */
    assert_int_equal(kaoping("scheme use zhengding --year 2025 --keep-categories", &out), 0);
    free(out);
    assert_int_equal(kaoping("rank --year 2025 --format csv --pool 乡镇", &out), 0);
    /* T01 under zhengding: 领导评估 10 leaves the township's key items 90, half each:
     * 82×45/90 + 77.5×45/90 = 79.75; no appraisal share (公众评估 is the departments' source);
     * no 领导评估 score yet: 0, 数据不全; T = 79.75 → 合格. The 领导评估 column comes last. */
    assert_non_null(strstr(out,
                           "\"T01\",\"奇台镇\",\"乡镇\",\"82.00\",\"77.50\",\"79.75\",\"88.00\","
                           "\"0.00\",\"0.00\",\"0.00\",\"0.00\",\"79.75\",\"合格\",\"\",\"是\","
                           "\"0.00\",\"\""));
    free(out);
    assert_int_equal(kaoping("scheme use qitai --year 2025", &out), 0);
    free(out);
    assert_int_equal(kaoping("lock --year 2025", &out), 0);
    free(out);
    assert_int_equal(kaoping("scheme use beijing --year 2025", &out), 3);
    free(out);
    char *err = xasprintf("%s/stderr", dir);
    char *msg = read_file(err);
    assert_non_null(strstr(msg, "锁定"));
    free(msg), free(err);
    assert_int_equal(kaoping("scheme show --year 2025", &out), 0);
    assert_non_null(strstr(out, "qitai"));
    free(out);
    assert_int_equal(kaoping("unlock --year 2025 --reason 测试", &out), 0);
    free(out);
}

static void export_ranking_file(void **state)
{
    (void)state;
    /* `export ranking` (the kinds table's ranking row) writes exactly what rank --format csv
     * prints. */
    char *path = xasprintf("%s/ranking.csv", dir);
    char *cmd = xasprintf("export ranking --year 2025 -o %s", path);
    char *out;
    assert_int_equal(kaoping(cmd, &out), 0);
    free(out), free(cmd);
    char *got = read_file(path);
    char *want = read_file(KAOPING_TEST_DATA "/rank/rank.csv");
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got), free(want), free(path);
}

/* Tie style and veto effect are read from the year's scheme (as the settings screen stores
 * them): dense ranks, and a veto that only caps the grade. */
static void settings_from_scheme(void **state)
{
    (void)state;
    char err[256];
    char *path = xasprintf("%s/test.db", dir);
    struct store *st = store_open(path, "tester", err, sizeof err);
    assert_non_null(st);
    test_exec_sql(st,
                  "UPDATE scheme SET tie_style = 'dense', veto_effect = 'cap' WHERE year = 2025");
    char *out;
    assert_int_equal(kaoping("rank --year 2025 --format csv --pool 县直部门", &out), 0);
    /* X04 97.50 keeps first place, 优秀 capped to 合格; ties 2, 2, then 3 */
    assert_non_null(strstr(out, "\"1\",\"X04\",\"县水利局\""));
    assert_non_null(strstr(out, "\"97.50\",\"合格\",\"是\""));
    assert_non_null(strstr(out, "\"2\",\"X02\""));
    assert_non_null(strstr(out, "\"2\",\"X03\""));
    assert_non_null(strstr(out, "\"3\",\"X08\""));
    assert_non_null(strstr(out, "\"7\",\"X06\""));
    free(out);
    test_exec_sql(st, "UPDATE scheme SET tie_style = 'competition', veto_effect = 'none'"
                      " WHERE year = 2025");
    assert_int_equal(kaoping("rank --year 2025 --format csv --pool 县直部门", &out), 0);
    assert_non_null(strstr(out, "\"1\",\"X04\""));
    assert_non_null(strstr(out, "\"97.50\",\"优秀\",\"\""));
    assert_non_null(strstr(out, "\"4\",\"X08\""));
    free(out);
    test_exec_sql(st, "UPDATE scheme SET veto_effect = 'fail' WHERE year = 2025");
    store_close(st);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rank_table),
        cmocka_unit_test(rank_csv),
        cmocka_unit_test(rank_json),
        cmocka_unit_test(rank_one_pool_and_latest_year),
        cmocka_unit_test(explain_units),
        cmocka_unit_test(scheme_show),
        cmocka_unit_test(errors),
        cmocka_unit_test(export_ranking_file),
        cmocka_unit_test(scheme_use_and_lock),
        cmocka_unit_test(settings_from_scheme),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
