/* Writes a large database for the workstation's speed checks: N units (default 5000) in
 * 县直部门, each with two items with Q1 progress and three 查访核验 records, in the latest
 * preset year. Usage: ui_bigdb DB [N]. Not run by the tests except tests/ui/large.sh. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "db/ledger.h"
#include "db/store.h"
#include "db/targets.h"
#include "db/units.h"
#include "db/years.h"

#define YEAR 2026

static int add_unit(struct store *st, int i)
{
    char code[16], name[64];
    snprintf(code, sizeof code, "U%05d", i);
    snprintf(name, sizeof name, "第%d号测试局", i);
    struct unit u = {.code = code, .name = name, .pool = (char *)"县直部门"};
    int rc = store_unit_put(st, YEAR, &u, NULL);
    static const char *const cats[2] = {"全局性重点工作", "目标任务"};
    for (int k = 0; k < 2 && rc == STORE_OK; k++) {
        char item[8];
        snprintf(item, sizeof item, "%c11", 'A' + k);
        struct target_item it = {.code = item,
                                 .category = (char *)cats[k],
                                 .name = (char *)"测试指标",
                                 .points = 30,
                                 .method = METHOD_RATIO,
                                 .target = 100,
                                 .budget = 40,
                                 .schedule = {25, 50, 75, 100}};
        rc = store_target_put(st, YEAR, code, &it, NULL);
        struct quarter_progress p = {.actual = 10 + i % 20, .has_spent = true, .spent = 5 + i % 7};
        if (rc == STORE_OK)
            rc = store_progress_put(st, YEAR, code, item, 1, &p, NULL);
    }
    for (int k = 0; k < 3 && rc == STORE_OK; k++) {
        struct ledger_entry e = {.type = LEDGER_INSPECTION,
                                 .points = 0.5,
                                 .aspect = (char *)"作风建设",
                                 .method = (char *)"暗访",
                                 .reason = (char *)"窗口无人值守"};
        snprintf(e.date, sizeof e.date, "%d-0%d-1%d", YEAR, 3 + k, k);
        rc = store_ledger_put(st, YEAR, code, &e, NULL);
    }
    return rc;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    if (argc < 2) {
        fputs("usage: ui_bigdb DB [N]\n", stderr);
        return 2;
    }
    int n = argc > 2 ? atoi(argv[2]) : 5000;
    char err[256];
    struct store *st = store_open(argv[1], "bench", err, sizeof err);
    if (!st) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    int rc = store_begin(st);
    if (rc == STORE_OK)
        rc = store_year_ensure(st, YEAR);
    for (int i = 1; i <= n && rc == STORE_OK; i++)
        rc = add_unit(st, i);
    if (rc == STORE_OK)
        rc = store_commit(st);
    else
        store_rollback(st);
    if (rc != STORE_OK)
        fprintf(stderr, "%s\n", store_errmsg(st));
    store_close(st);
    return rc == STORE_OK ? 0 : 1;
}
