/* Same-name units and damaged twin item codes (check_codes.h). Item codes are compared within
 * one unit and year only: that is where a damaged code would have been matched on import, and
 * it keeps the pairs few (a unit has some tens of items). */
#include "db/check_codes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store_internal.h"
#include "model/code_damage.h"
#include "model/xmalloc.h"

static int same_names(struct store *st, check_report_fn report, void *ctx)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT name, group_concat(code, '、') FROM"
                                        " (SELECT name, code FROM unit ORDER BY name, code)"
                                        " GROUP BY name HAVING count(*) > 1 ORDER BY name");
    if (!s)
        return STORE_ERROR;
    int n = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        char *msg = xasprintf("单位 %s 同名「%s」: 可能是编码被电子表格改坏后又导入了一次 (%s)",
                              (const char *)sqlite3_column_text(s, 1),
                              (const char *)sqlite3_column_text(s, 0),
                              "请核对后删除多出的单位, 并把它的记录改回原编码");
        report(ctx, CHECK_ERROR, msg);
        free(msg);
        n++;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? n : store_fail_sqlite(st, "检查");
}

/* The codes of one unit and year: pairs where one is the other damaged. */
static int twin_pairs(int year, const char *unit, char **codes, size_t n, check_report_fn report,
                      void *ctx)
{
    int found = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            enum code_damage d = i == j ? DAMAGE_NONE : code_damage_of(codes[i], codes[j]);
            if (d == DAMAGE_NONE)
                continue;
            char *msg = xasprintf("%d 年度单位 %s 的指标「%s」像是「%s」被电子表格改坏的编码 (%s):"
                                  " 同一指标可能被导入了两次",
                                  year, unit, codes[i], codes[j], code_damage_text(d));
            report(ctx, CHECK_ERROR, msg);
            free(msg);
            found++;
        }
    return found;
}

static void clear_codes(char **codes, size_t *n)
{
    for (size_t i = 0; i < *n; i++)
        free(codes[i]);
    *n = 0;
}

static int twin_items(struct store *st, check_report_fn report, void *ctx)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT year, unit, item FROM target ORDER BY year, unit");
    if (!s)
        return STORE_ERROR;
    char **codes = NULL, unit[KP_CODE_MAX * 4] = "";
    size_t n = 0, cap = 0;
    int year = 0, found = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *u = (const char *)sqlite3_column_text(s, 1);
        if (sqlite3_column_int(s, 0) != year || strcmp(u, unit) != 0) {
            found += twin_pairs(year, unit, codes, n, report, ctx);
            clear_codes(codes, &n);
            year = sqlite3_column_int(s, 0);
            snprintf(unit, sizeof unit, "%s", u);
        }
        if (n == cap)
            codes = xreallocarray(codes, cap = cap ? 2 * cap : 64, sizeof *codes);
        codes[n++] = xstrdup((const char *)sqlite3_column_text(s, 2));
    }
    sqlite3_finalize(s);
    found += twin_pairs(year, unit, codes, n, report, ctx);
    clear_codes(codes, &n);
    free(codes);
    return rc == SQLITE_DONE ? found : store_fail_sqlite(st, "检查");
}

int store_check_codes(struct store *st, check_report_fn report, void *ctx)
{
    int a = same_names(st, report, ctx);
    if (a < 0)
        return a;
    int b = twin_items(st, report, ctx);
    return b < 0 ? b : a + b;
}
