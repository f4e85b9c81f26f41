/* Golden tests of `kaoping monitor` (table, csv, json, summary, filters), the export helper,
 * and the rectification lifecycle (add, overdue, done by prefix, locked year), all through
 * the real binary on a fixture database. Expected outputs: tests/data/monitor/. Set
 * KAOPING_UPDATE_GOLDEN=1 to rewrite them after a deliberate change (then review the diff). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "db/store.h"
#include "db/years.h"
#include "model/xmalloc.h"

/* Every case is a boundary or a decision of docs/monitoring.md; Q3 schedule 75 unless set. */
static const char fixture_sql[] =
    "INSERT INTO unit(code, name, pool) VALUES"
    " ('D01', '县甲局', '县直部门'), ('D02', '县乙局', '县直部门'),"
    " ('D03', '县\"丙\"局, 分局', '县直部门'), ('T01', '甲镇', '乡镇'), ('T02', '乙镇', '乡镇');"
    "INSERT INTO unit_year(year, code, name, pool, parent) SELECT y.year, u.code, u.name,"
    " u.pool, u.parent FROM year y, unit u;" /* units per year (docs/store.md) */
    "INSERT INTO target(year, unit, item, category, name, points, method, target_value, budget,"
    " sched1, sched2, sched3, sched4) VALUES"
    /* D01: completion lag exactly 5 / execution exactly 15; 15 exactly; just over 15 */
    " (2026, 'D01', 'A11', '全局性重点工作', '重点项目建设', 15, 'ratio', 100, 100, 25, 50, 75, "
    "100),"
    " (2026, 'D01', 'A12', '全局性重点工作', '营商环境改革', 15, 'ratio', 100, 0, 25, 50, 75, 100),"
    " (2026, 'D01', 'A13', '目标任务', '民生实事', 10, 'ratio', 100, 200, 25, 50, 75, 100),"
    /* D02: results without spending (mismatch), inverse, not reported, mismatch exactly 20,
     * a custom schedule */
    " (2026, 'D02', 'A11', '全局性重点工作', '重点项目建设', 15, 'ratio', 50, 80, 25, 50, 75, 100),"
    " (2026, 'D02', 'A12', '全局性重点工作', '安全生产事故', 15, 'inverse', 2, 0, 25, 50, 75, 100),"
    " (2026, 'D02', 'B21', '目标任务', '年度业务目标', 10, 'ratio', 10, 50, 25, 50, 75, 100),"
    " (2026, 'D02', 'B22', '目标任务', '专项资金项目', 10, 'ratio', 100, 100, 25, 50, 75, 100),"
    " (2026, 'D02', 'B23', '目标任务', '水利工程', 10, 'ratio', 100, 100, 10, 30, 60, 100),"
    /* D03: CSV quoting and the formula guard; a manual item; target 0 */
    " (2026, 'D03', 'C31', '作风效能建设', '=作风效能考评', 20, 'manual', 20, 0, 25, 50, 75, 100),"
    " (2026, 'D03', 'C32', '作风效能建设', '零目标事项', 10, 'ratio', 0, 0, 25, 50, 75, 100),"
    /* T01: mismatch only (money without results is the other direction), spending not entered */
    " (2026, 'T01', 'A11', '全局性重点工作', '乡村振兴', 8, 'ratio', 100, 100, 25, 50, 75, 100),"
    " (2026, 'T01', 'A12', '全局性重点工作', '人居环境', 7, 'ratio', 40, 100, 25, 50, 75, 100),"
    /* T02: ahead of schedule everywhere */
    " (2026, 'T02', 'A11', '全局性重点工作', '乡村振兴', 8, 'ratio', 3, 200, 25, 50, 75, 100);"
    "INSERT INTO progress(year, unit, item, quarter, actual, spent) VALUES"
    " (2026, 'D01', 'A11', 3, 70, 60), (2026, 'D01', 'A12', 3, 60, NULL),"
    " (2026, 'D01', 'A13', 3, 59.99, 100),"
    " (2026, 'D02', 'A11', 3, 45, 40), (2026, 'D02', 'A12', 3, 0, NULL),"
    " (2026, 'D02', 'B21', 2, 5, 25),"
    " (2026, 'D02', 'B22', 3, 80, 100), (2026, 'D02', 'B23', 3, 55, 45),"
    " (2026, 'D03', 'C31', 3, 12.2, NULL), (2026, 'D03', 'C32', 3, 1, NULL),"
    " (2026, 'T01', 'A11', 3, 100, 79.99), (2026, 'T01', 'A12', 3, 30, NULL),"
    " (2026, 'T02', 'A11', 3, 3, 180);"
    "INSERT INTO ledger(id, year, unit, date, type, points, aspect, method, reason) VALUES"
    " ('feedc0de000000000000000000000001', 2026, 'D02', '2026-09-12', 'inspection', 0.5,"
    "  '作风建设', '暗访', '窗口人员脱岗');"
    /* two records sharing a 6-character prefix, for the ambiguity check */
    "INSERT INTO rectification(id, year, unit, text, deadline, status, created_at) VALUES"
    " ('abcdef01000000000000000000000000', 2026, 'T01', '整改甲', '2026-12-31', 'open', "
    "'2026-09-01'),"
    " ('abcdef02000000000000000000000000', 2026, 'T02', '整改乙', '2026-12-31', 'open', "
    "'2026-09-01');";

struct env {
    char *dir, *db;
};

static int setup(void **state)
{
    struct env *e = xcalloc(1, sizeof *e);
    struct store *st = test_store_new(&e->dir);
    assert_non_null(st);
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_year_ensure(st, 2026), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    test_exec_sql(st, fixture_sql);
    store_close(st);
    e->db = xasprintf("%s/test.db", e->dir);
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    test_rmtree(e->dir);
    free(e->dir);
    free(e->db);
    free(e);
    return 0;
}

/* Runs `kaoping --db DB args` (stderr to stdout when want_stderr); returns the exit code. */
static int kaoping(const struct env *e, const char *args, bool want_stderr, char **out)
{
    const char *bin = getenv("KAOPING_BIN");
    assert_non_null(bin);
    char *cmd =
        xasprintf("'%s' --db '%s' %s%s", bin, e->db, args, want_stderr ? " 2>&1" : " 2>/dev/null");
    int rc = test_run(cmd, out);
    free(cmd);
    return rc;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    char chunk[4096];
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            buf = xrealloc(buf, cap);
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    fclose(f);
    if (!buf)
        buf = xstrdup("");
    else
        buf[len] = '\0';
    return buf;
}

/* Compares text with tests/data/monitor/NAME (or rewrites it under KAOPING_UPDATE_GOLDEN). */
static void expect_golden(const char *name, const char *text)
{
    char *path = xasprintf("%s/monitor/%s", KAOPING_TEST_DATA, name);
    const char *update = getenv("KAOPING_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);
    }
    char *want = read_file(path);
    if (!want)
        fprintf(stderr, "missing golden file %s\n", path);
    assert_non_null(want);
    if (strcmp(want, text) != 0)
        fprintf(stderr, "--- %s differs; got:\n%s\n", path, text);
    assert_string_equal(want, text);
    free(want);
    free(path);
}

static void golden_run(const struct env *e, const char *args, const char *name)
{
    char *out;
    assert_int_equal(kaoping(e, args, false, &out), 0);
    expect_golden(name, out);
    free(out);
}

static void monitor_outputs(void **state)
{
    const struct env *e = *state;
    golden_run(e, "monitor --year 2026 --quarter 3", "warnings.txt");
    golden_run(e, "monitor --year 2026 --quarter 3 --format csv", "warnings.csv");
    golden_run(e, "monitor --year 2026 --quarter 3 --format json", "warnings.json");
    golden_run(e, "monitor --year 2026 --quarter 3 --all --format json", "all.json");
    golden_run(e, "monitor --year 2026 --quarter 3 --all", "all.txt");
    golden_run(e, "monitor --year 2026 --quarter 3 --level red", "red.txt");
    golden_run(e, "monitor --year 2026 --quarter 3 --level yellow --pool 县直部门 --format json",
               "yellow_departments.json");
    golden_run(e, "monitor --year 2026 --quarter 3 --unit D02 --format json", "unit_d02.json");
    golden_run(e, "monitor --year 2026 --quarter 3 --summary", "summary.txt");
    golden_run(e, "monitor --year 2026 --quarter 3 --summary --format json", "summary.json");
    golden_run(e, "monitor --year 2026 --quarter 3 --summary --format csv", "summary.csv");
    /* a quarter nobody reported: every item is 未填报, nobody is "below schedule" */
    golden_run(e, "monitor --year 2026 --quarter 4 --summary --format json", "q4_summary.json");
}

static void monitor_errors(void **state)
{
    const struct env *e = *state;
    char *out;
    struct {
        const char *args;
        int code;
        const char *message;
    } cases[] = {
        {"monitor --year 2027 --quarter 3", EXIT_DATA, "2027 年度不存在"},
        {"monitor --year 2026 --quarter 3 --unit X99", EXIT_DATA, "单位 X99 不存在"},
        {"monitor --year 2026 --quarter 3 --pool 街道", EXIT_DATA, "分组 街道 不存在"},
        {"monitor --year 2026 --quarter 5", EXIT_USAGE, "季度"},
        {"monitor --year 2026", EXIT_USAGE, "需要 --year 和 --quarter"},
        {"monitor --year 2026 --quarter 3 --level orange", EXIT_USAGE, "--level"},
        {"monitor --year 2026 --quarter 3 --summary --all", EXIT_USAGE, "--summary"},
        {"monitor --year 2026 --quarter 3 --format xml", EXIT_USAGE, "--format"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = kaoping(e, cases[i].args, true, &out);
        if (rc != cases[i].code || !strstr(out, cases[i].message))
            fprintf(stderr, "case %s: exit %d, output %s\n", cases[i].args, rc, out);
        assert_int_equal(rc, cases[i].code);
        assert_non_null(strstr(out, cases[i].message));
        free(out);
    }
    assert_int_equal(kaoping(e, "monitor --help", false, &out), 0);
    assert_non_null(strstr(out, "--summary"));
    free(out);
}

static void export_matches_monitor_csv(void **state)
{
    const struct env *e = *state;
    char *path = xasprintf("%s/monitor.csv", e->dir);
    char *cmd = xasprintf("export monitor --year 2026 --quarter 3 -o '%s'", path);
    char *out;
    assert_int_equal(kaoping(e, cmd, true, &out), 0);
    free(out), free(cmd);
    char *csv = read_file(path);
    assert_non_null(csv);
    expect_golden("export_q3.csv", csv);
    assert_memory_equal(csv, "\xEF\xBB\xBF", 3);
    assert_non_null(strstr(csv, "\"'=作风效能考评\"")); /* formula guard */
    assert_non_null(strstr(csv, "\"县\"\"丙\"\"局, 分局\""));
    free(csv);
    cmd = xasprintf("export monitor --year 2031 --quarter 3 -o '%s' --force", path);
    assert_int_equal(kaoping(e, cmd, true, &out), 3);
    assert_non_null(strstr(out, "2031 年度不存在"));
    free(out), free(cmd);
    free(path);
}

/* Replaces every occurrence of `from` in *s by `to`. */
static void replace_all(char **s, const char *from, const char *to)
{
    char *p;
    while ((p = strstr(*s, from)) != NULL) {
        char *next = xasprintf("%.*s%s%s", (int)(p - *s), *s, to, p + strlen(from));
        free(*s);
        *s = next;
    }
}

/* The id printed by `rectify add` ("已登记整改 <id> ..."). */
static char *added_id(const char *out)
{
    const char *p = strstr(out, "已登记整改 ");
    assert_non_null(p);
    p += strlen("已登记整改 ");
    assert_true(strspn(p, "0123456789abcdef") == 32);
    return xstrndup(p, 32);
}

static void rectification_lifecycle(void **state)
{
    const struct env *e = *state;
    char *out;
    /* raised from the red warning of D01 A13 in Q3, deadline before "today" later: overdue */
    assert_int_equal(kaoping(e,
                             "rectify add --year 2026 --unit D01 --from-item A13 --quarter 3"
                             " --deadline 2026-10-31 --text '民生实事完成率 59.99%, 红色预警'"
                             " --today 2026-10-08",
                             true, &out),
                     0);
    char *id1 = added_id(out);
    free(out);
    /* raised from an inspection finding */
    assert_int_equal(kaoping(e,
                             "rectify add --year 2026 --unit D02 --from-ledger"
                             " feedc0de000000000000000000000001 --deadline 2026-11-30"
                             " --text 窗口纪律整改 --today 2026-10-09",
                             true, &out),
                     0);
    char *id2 = added_id(out);
    free(out);

    assert_int_equal(kaoping(e, "rectify list --year 2026 --today 2026-11-05", false, &out), 0);
    char short1[9], short2[9];
    snprintf(short1, sizeof short1, "%.8s", id1);
    snprintf(short2, sizeof short2, "%.8s", id2);
    replace_all(&out, short1, "<id1>   ");
    replace_all(&out, short2, "<id2>   ");
    expect_golden("rectify_list_open.txt", out);
    free(out);

    assert_int_equal(kaoping(e,
                             "rectify list --year 2026 --overdue --today 2026-11-05 --format json",
                             false, &out),
                     0);
    replace_all(&out, id1, "<id1>");
    expect_golden("rectify_overdue.json", out);
    free(out);

    /* closed by a 6-character prefix, in upper case */
    char *args =
        xasprintf("rectify done %.6s --note '已追加支付, 完成率 80%%' --today 2026-11-06", id1);
    for (char *p = args + strlen("rectify done "); *p != ' '; p++)
        *p = (char)(*p >= 'a' && *p <= 'f' ? *p - 32 : *p);
    assert_int_equal(kaoping(e, args, true, &out), 0);
    assert_non_null(strstr(out, id1));
    free(out);
    assert_int_equal(kaoping(e, args, true, &out), EXIT_DATA); /* already done */
    assert_non_null(strstr(out, "已于 2026-11-06 完成"));
    free(out);
    free(args);

    assert_int_equal(
        kaoping(e, "rectify list --year 2026 --today 2026-12-01 --format csv", false, &out), 0);
    replace_all(&out, id1, "<id1>");
    replace_all(&out, id2, "<id2>");
    expect_golden("rectify_list_after.csv", out);
    free(out);
    assert_int_equal(
        kaoping(e, "rectify list --year 2026 --overdue --today 2026-12-01", false, &out), 0);
    replace_all(&out, short2, "<id2>   ");
    expect_golden("rectify_overdue_after.txt", out);
    free(out);
    free(id1);
    free(id2);
}

static void rectification_refusals(void **state)
{
    const struct env *e = *state;
    char *out;
    struct {
        const char *args;
        int code;
        const char *message;
    } cases[] = {
        {"rectify add --year 2026 --unit X99 --deadline 2026-12-01 --text t", EXIT_DATA,
         "单位 X99 不存在"},
        {"rectify add --year 2027 --unit D01 --deadline 2027-12-01 --text t", EXIT_DATA,
         "2027 年度不存在"},
        {"rectify add --year 2026 --unit D01 --from-item Z99 --quarter 3 --deadline 2026-12-01 "
         "--text t",
         EXIT_DATA, "没有指标 Z99"},
        {"rectify add --year 2026 --unit D01 --from-ledger feedc0de000000000000000000000001"
         " --deadline 2026-12-01 --text t",
         EXIT_DATA, "没有台账记录"},
        {"rectify add --year 2026 --unit D01 --deadline 2026-02-30 --text t", EXIT_USAGE,
         "--deadline"},
        {"rectify add --year 2026 --unit D01 --deadline 2026-12-01", EXIT_USAGE, "--text"},
        {"rectify add --year 2026 --unit D01 --from-item A11 --deadline 2026-12-01 --text t",
         EXIT_USAGE, "--quarter"},
        {"rectify list --year 2026 --open --overdue", EXIT_USAGE, "只能用一个"},
        {"rectify list --year 2027", EXIT_DATA, "2027 年度不存在"},
        {"rectify list --year 2026 --unit X99 --open", EXIT_DATA, "单位 X99 不存在"},
        {"rectify list --year 2026 --note x", EXIT_USAGE, "不接受选项 --note"},
        {"rectify done abcdef --note x", EXIT_DATA, "多条整改记录"},
        {"rectify done abcde --note x", EXIT_DATA, "至少 6 位"},
        {"rectify done 0123456789 --note x", EXIT_DATA, "不存在"},
        {"rectify done abcdef01", EXIT_USAGE, "--note"},
        {"rectify frob", EXIT_USAGE, "未知子命令"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = kaoping(e, cases[i].args, true, &out);
        if (rc != cases[i].code || !strstr(out, cases[i].message))
            fprintf(stderr, "case %s: exit %d, output %s\n", cases[i].args, rc, out);
        assert_int_equal(rc, cases[i].code);
        assert_non_null(strstr(out, cases[i].message));
        free(out);
    }
    /* a deadline already past is accepted (a notice entered late), with a note */
    assert_int_equal(kaoping(e,
                             "rectify add --year 2026 --unit T02 --deadline 2026-09-01"
                             " --text 补录的整改 --today 2026-10-01",
                             true, &out),
                     0);
    assert_non_null(strstr(out, "这条整改已经逾期"));
    free(out);
    assert_int_equal(
        kaoping(e, "rectify list --year 2026 --unit T02 --overdue --today 2026-10-01", false, &out),
        0);
    assert_non_null(strstr(out, "补录的整改"));
    assert_non_null(strstr(out, "逾期"));
    free(out);
    /* nothing was written by the refusals */
    assert_int_equal(kaoping(e, "rectify list --year 2026 --format json", false, &out), 0);
    assert_non_null(strstr(out, "abcdef01"));
    assert_null(strstr(out, "\"text\": \"t\""));
    free(out);
}

static void locked_year_refuses_rectification(void **state)
{
    const struct env *e = *state;
    char *out;
    assert_int_equal(kaoping(e, "lock --year 2026", true, &out), 0);
    free(out);
    assert_int_equal(
        kaoping(e, "rectify add --year 2026 --unit D01 --deadline 2026-12-01 --text t", true, &out),
        EXIT_DATA);
    assert_non_null(strstr(out, "已审定"));
    free(out);
    assert_int_equal(kaoping(e, "rectify done abcdef01 --note x", true, &out), EXIT_DATA);
    assert_non_null(strstr(out, "已审定"));
    free(out);
    /* reading still works and says so */
    assert_int_equal(kaoping(e, "monitor --year 2026 --quarter 3 --unit D01", false, &out), 0);
    assert_non_null(strstr(out, "(已审定)"));
    free(out);
    assert_int_equal(kaoping(e, "unlock --year 2026 --reason 测试", true, &out), 0);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(monitor_outputs),
        cmocka_unit_test(monitor_errors),
        cmocka_unit_test(export_matches_monitor_csv),
        cmocka_unit_test(rectification_lifecycle),
        cmocka_unit_test(rectification_refusals),
        cmocka_unit_test(locked_year_refuses_rectification),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
