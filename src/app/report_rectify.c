/* 整改 list: the year's open rectifications with their deadlines, overdue first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/report.h"
#include "app/report_internal.h"
#include "db/rectify.h"
#include "db/units.h"
#include "model/calendar.h"
#include "model/xmalloc.h"

static const char *unit_name(const struct unit *units, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(units[i].code, code) == 0)
            return units[i].name;
    return "";
}

/* Where the record came from: a warned item and quarter, a ledger record, or nothing. */
static void source_text(const struct rectification *x, char *out, size_t outsz)
{
    if (x->source_item[0])
        snprintf(out, outsz, "双监控: 指标 %s 第 %d 季度", x->source_item, x->source_quarter);
    else if (x->source_ledger[0])
        snprintf(out, outsz, "台账记录 %.8s", x->source_ledger);
    else
        out[0] = '\0';
}

static void section(struct report *r, const char *heading, const struct rectification *x, size_t n,
                    bool overdue, const struct unit *units, size_t n_units, const char *today)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += rectification_overdue(&x[i], today) == overdue;
    char line[128];
    snprintf(line, sizeof line, "%s (%zu 项)", heading, count);
    report_section(r, line);
    for (size_t i = 0; i < n; i++) {
        if (rectification_overdue(&x[i], today) != overdue)
            continue;
        char src[96];
        source_text(&x[i], src, sizeof src);
        report_row(r);
        report_text(r, x[i].unit), report_text(r, unit_name(units, n_units, x[i].unit));
        report_text(r, x[i].text), report_text(r, src);
        report_text(r, x[i].created), report_text(r, x[i].deadline);
        long days = overdue ? calendar_days_between(x[i].deadline, today) : 0;
        if (overdue)
            report_int(r, days);
        else
            report_empty(r);
        report_text(r, rectification_status_label(&x[i], today));
    }
    if (count == 0)
        report_note(r, "无");
}

int app_report_rectify(struct store *st, int year, const struct report_meta *m,
                       struct report *out)
{
    static const char *const cols[] = {"单位编码", "单位名称", "整改事项", "来源",
                                       "提出日期", "整改期限", "逾期天数", "状态"};
    struct rectification *x;
    size_t n, n_units;
    struct unit *units;
    int rc = store_rectify_list(st, year, NULL, RECT_FILTER_OPEN, m->today, &x, &n);
    if (rc != STORE_OK)
        return rc;
    rc = store_unit_list(st, year, &units, &n_units); /* the year's names (docs/store.md) */
    if (rc != STORE_OK) {
        store_free_rectifications(x, n);
        return rc;
    }
    char what[64];
    snprintf(what, sizeof what, "%d 年度整改事项清单", year);
    char *title = report_title(m, what);
    char *subtitle = xasprintf("未完成的整改事项 (截至 %s)    制表日期: %s", m->today, m->today);
    report_init(out, m->office, m->today);
    report_sheet_add(out, "整改", title, subtitle, cols, sizeof cols / sizeof cols[0]);
    free(title), free(subtitle);
    section(out, "逾期未完成", x, n, true, units, n_units, m->today);
    section(out, "未到期", x, n, false, units, n_units, m->today);
    store_free_units(units, n_units);
    store_free_rectifications(x, n);
    return STORE_OK;
}
