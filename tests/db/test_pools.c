/* Pools and categories as data (docs/scheme.md): a pool added, renamed, reordered or retired
 * from a year on leaves earlier and locked years alone; retiring waits until the pool's units
 * are moved; category edits keep each pool's sum at 半年初评 + 年终总评 and never orphan a
 * 任务书 item. Every refusal changes nothing. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/categories.h"
#include "db/pools.h"
#include "db/store_internal.h"
#include "db/targets.h"
#include "db/units.h"
#include "db/years.h"
#include "model/xmalloc.h"

struct fixture {
    char *dir;
    struct store *st;
};

/* "乡镇,县直部门,..." */
static char *pools_of(struct store *st, int year)
{
    char **p;
    size_t n;
    assert_int_equal(store_year_pools(st, year, &p, &n), STORE_OK);
    char *out = xcalloc(1, 512);
    for (size_t i = 0; i < n; i++)
        strcat(out, i ? "," : ""), strcat(out, p[i]);
    store_free_strings(p, n);
    return out;
}

static void expect_pools(struct store *st, int year, const char *want)
{
    char *got = pools_of(st, year);
    assert_string_equal(got, want);
    free(got);
}

/* One write in its own transaction, as the commands do: a refusal rolls back. */
static int tx(struct store *st, int rc)
{
    return store_end(st, rc);
}

#define IN_TX(st, call) (store_begin(st) == STORE_OK ? tx(st, (call)) : STORE_ERROR)

/* 2025 (qitai) and 2026 copied from it; X01 in 县直部门 with an item under 目标任务. */
static int setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    fx->st = test_store_new(&fx->dir);
    struct store *st = fx->st;
    assert_int_equal(store_begin(st), STORE_OK);
    struct unit u = {.code = (char *)"X01", .name = (char *)"县教育局", .pool = (char *)"县直部门"};
    assert_int_equal(store_unit_put(st, 0, &u, NULL), STORE_OK);
    assert_int_equal(store_year_create_preset(st, 2025, "qitai"), STORE_OK);
    assert_int_equal(store_year_ensure(st, 2026), STORE_OK);
    struct target_item it = {.code = (char *)"A11", .category = (char *)"目标任务",
                             .name = (char *)"业务发展", .points = 10, .method = METHOD_RATIO,
                             .target = 100, .schedule = {25, 50, 75, 100}};
    assert_int_equal(store_target_put(st, 2026, "X01", &it, NULL), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    store_close(fx->st);
    test_rmtree(fx->dir);
    free(fx->dir);
    free(fx);
    return 0;
}

static void add_from_a_year_on(void **state)
{
    struct store *st = ((struct fixture *)*state)->st;
    /* 村 was refused before pools were data: the pool table held the four */
    assert_int_equal(IN_TX(st, store_pool_add(st, 2026, "村", "县直部门")), STORE_OK);
    expect_pools(st, 2025, "乡镇,县直部门,驻县单位,金融机构");
    expect_pools(st, 2026, "乡镇,县直部门,驻县单位,金融机构,村");
    assert_int_equal(test_sql_int(st, "SELECT sum(points) FROM category WHERE year = 2026 AND pool = '村'"), 90);
    /* a unit may now be in 村 in 2026; a year made later takes the pool */
    struct unit u = {.code = (char *)"V01", .name = (char *)"某村", .pool = (char *)"村"};
    assert_int_equal(IN_TX(st, store_unit_put(st, 2026, &u, NULL)), STORE_OK);
    assert_int_equal(IN_TX(st, store_year_ensure(st, 2027)), STORE_OK);
    expect_pools(st, 2027, "乡镇,县直部门,驻县单位,金融机构,村");
    assert_int_equal(IN_TX(st, store_pool_add(st, 2026, "村", NULL)), STORE_INVALID);
    assert_string_equal(store_errmsg(st), "2026 年度起已有分组 村");
}

/* Renamed from 2026: 2025 keeps the old name, its categories and its units' pool. */
static void rename_leaves_earlier_years(void **state)
{
    struct store *st = ((struct fixture *)*state)->st;
    assert_int_equal(IN_TX(st, store_pool_rename(st, 2026, "县直部门", "县直单位")), STORE_OK);
    expect_pools(st, 2025, "乡镇,县直部门,驻县单位,金融机构");
    expect_pools(st, 2026, "乡镇,县直单位,驻县单位,金融机构");
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM category WHERE year = 2025 AND pool = '县直部门'"), 4);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM category WHERE year = 2026 AND pool = '县直单位'"), 4);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM unit_year WHERE year = 2025 AND pool = '县直部门'"), 1);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM unit_year WHERE year = 2026 AND pool = '县直单位'"), 1);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM unit WHERE pool = '县直单位'"), 1);
}

/* A locked year is never changed: a rename from it, or from an earlier year, is refused. */
static void renames_never_change_a_locked_year(void **state)
{
    struct store *st = ((struct fixture *)*state)->st;
    assert_int_equal(IN_TX(st, store_year_set_lock(st, 2025, true, NULL)), STORE_OK);
    assert_int_equal(IN_TX(st, store_pool_rename(st, 2025, "县直部门", "县直单位")), STORE_INVALID);
    assert_string_equal(store_errmsg(st),
                        "2025 年度已审定, 分组不能改动 (改动从 2025 年度起作用于以后各年度)");
    /* from 2026 on is fine, and 2025 keeps every row */
    long long audit = test_sql_int(st, "SELECT count(*) FROM audit WHERE row_key LIKE '2025/%'");
    assert_int_equal(IN_TX(st, store_pool_rename(st, 2026, "县直部门", "县直单位")), STORE_OK);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM audit WHERE row_key LIKE '2025/%'"), audit);
    expect_pools(st, 2025, "乡镇,县直部门,驻县单位,金融机构");
    /* lock 2026 too, unlock 2025: a rename from 2025 would reach the locked 2026 */
    assert_int_equal(IN_TX(st, store_year_set_lock(st, 2026, true, NULL)), STORE_OK);
    assert_int_equal(IN_TX(st, store_year_set_lock(st, 2025, false, "复核")), STORE_OK);
    assert_int_equal(IN_TX(st, store_pool_rename(st, 2025, "乡镇", "镇")), STORE_INVALID);
    assert_string_equal(store_errmsg(st),
                        "2026 年度已审定, 分组不能改动 (改动从 2025 年度起作用于以后各年度)");
    expect_pools(st, 2025, "乡镇,县直部门,驻县单位,金融机构");
}

/* Retiring waits for the units (named); then the pool and its categories leave from that
 * year on and the years before keep them. */
static void retire_needs_units_moved(void **state)
{
    struct store *st = ((struct fixture *)*state)->st;
    assert_int_equal(IN_TX(st, store_pool_retire(st, 2025, "县直部门")), STORE_INVALID);
    assert_string_equal(store_errmsg(st),
                        "2025 年度起分组 县直部门 还有 1 个单位: X01; 须先把它们移到别的分组");
    expect_pools(st, 2026, "乡镇,县直部门,驻县单位,金融机构");
    assert_int_equal(IN_TX(st, store_pool_retire(st, 2026, "金融机构")), STORE_OK);
    expect_pools(st, 2025, "乡镇,县直部门,驻县单位,金融机构");
    expect_pools(st, 2026, "乡镇,县直部门,驻县单位");
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM category WHERE year = 2026 AND pool = '金融机构'"), 0);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM category WHERE year = 2025 AND pool = '金融机构'"), 4);
    assert_int_equal(IN_TX(st, store_pool_retire(st, 2026, "金融机构")), STORE_NOTFOUND);
}

static void reorder_is_a_whole_list(void **state)
{
    struct store *st = ((struct fixture *)*state)->st;
    char *partial[] = {(char *)"县直部门", (char *)"乡镇"};
    assert_int_equal(IN_TX(st, store_pool_reorder(st, 2026, partial, 2)), STORE_INVALID);
    assert_string_equal(store_errmsg(st), "2026 年度有 4 个分组, 须全部按新顺序列出 (列了 2 个)");
    char *all[] = {(char *)"金融机构", (char *)"县直部门", (char *)"乡镇", (char *)"驻县单位"};
    assert_int_equal(IN_TX(st, store_pool_reorder(st, 2026, all, 4)), STORE_OK);
    expect_pools(st, 2026, "金融机构,县直部门,乡镇,驻县单位");
    expect_pools(st, 2025, "乡镇,县直部门,驻县单位,金融机构");
}

/* 县直部门 in qitai: 全局性重点工作 30 + 目标任务 30 + 作风效能建设 20 + 专项考核 10 = 90. */
static void category_sums_checked_as_a_whole(void **state)
{
    struct store *st = ((struct fixture *)*state)->st;
    /* +5 alone: 95 ≠ 30 + 60, refused with the sums, nothing written */
    assert_int_equal(store_begin(st), STORE_OK);
    int rc = store_category_add(st, 2026, "县直部门", "创新工作", 5);
    if (rc == STORE_OK)
        rc = store_category_check_sum(st, 2026, "县直部门");
    assert_int_equal(store_end(st, rc), STORE_INVALID);
    assert_string_equal(store_errmsg(st),
                        "2026 年度分组 县直部门 的类别合计 95, 应为 半年初评 30 + 年终总评 60 = 90");
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM category WHERE name = '创新工作'"), 0);
    /* +5 with 作风效能建设 20 → 15: 30 + 30 + 15 + 10 + 5 = 90 */
    assert_int_equal(store_begin(st), STORE_OK);
    rc = store_category_add(st, 2026, "县直部门", "创新工作", 5);
    if (rc == STORE_OK)
        rc = store_category_set_points(st, 2026, "县直部门", "作风效能建设", 15);
    if (rc == STORE_OK)
        rc = store_category_check_sum(st, 2026, "县直部门");
    assert_int_equal(store_end(st, rc), STORE_OK);
    assert_int_equal(test_sql_int(st, "SELECT sort_order FROM category WHERE year = 2026 AND name = '创新工作'"), 5);
}

/* A category in use is not deleted (the items are named); a rename carries them along. */
static void categories_never_orphan_items(void **state)
{
    struct store *st = ((struct fixture *)*state)->st;
    assert_int_equal(IN_TX(st, store_category_delete(st, 2026, "县直部门", "目标任务")), STORE_INVALID);
    assert_string_equal(store_errmsg(st),
                        "2026 年度 县直部门 的类别「目标任务」下有 1 条任务书: X01/A11; 不能删除");
    assert_int_equal(IN_TX(st, store_category_rename(st, 2026, "县直部门", "目标任务", "重点任务")),
                     STORE_OK);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM target WHERE year = 2026 AND category = '重点任务'"), 1);
    /* 2025's lists are their own (目标任务 in the three pools other than 乡镇) */
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM category WHERE year = 2025 AND name = '目标任务'"), 3);
    /* a whole list without the used category is refused the same way */
    struct category list[] = {{NULL, (char *)"全局性重点工作", 90, 0}};
    assert_int_equal(IN_TX(st, store_categories_replace(st, 2026, "县直部门", list, 1)), STORE_INVALID);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM category WHERE year = 2026 AND pool = '县直部门'"), 4);
    /* a locked year refuses any change */
    assert_int_equal(IN_TX(st, store_year_set_lock(st, 2025, true, NULL)), STORE_OK);
    assert_int_equal(IN_TX(st, store_category_set_points(st, 2025, "乡镇", "经济发展", 25)), STORE_INVALID);
    assert_string_equal(store_errmsg(st), "2025 年度已审定, 指标类别不能修改");
}

/* Each year holds its pools (2 years × 4), locked and audited like the year's other rows. */
static void year_pools_are_year_data(void **state)
{
    struct store *st = ((struct fixture *)*state)->st;
    assert_int_equal(test_sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM year_pool"), 8);
    assert_int_equal(test_sql_int(st, "SELECT count(*) FROM sqlite_master WHERE name = 'lock_year_pool_update'"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(add_from_a_year_on, setup, teardown),
        cmocka_unit_test_setup_teardown(rename_leaves_earlier_years, setup, teardown),
        cmocka_unit_test_setup_teardown(renames_never_change_a_locked_year, setup, teardown),
        cmocka_unit_test_setup_teardown(retire_needs_units_moved, setup, teardown),
        cmocka_unit_test_setup_teardown(reorder_is_a_whole_list, setup, teardown),
        cmocka_unit_test_setup_teardown(category_sums_checked_as_a_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(categories_never_orphan_items, setup, teardown),
        cmocka_unit_test_setup_teardown(year_pools_are_year_data, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
