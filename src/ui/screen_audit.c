/* 审计日志: who changed what and when, newest first (db/audit.h, the same query as
 * `kaoping audit`). Filters: unit (`u`), table (`t` cycles), from a date (`d`); `c` clears
 * them. Values are shown with Chinese field labels, an update as its changed fields only
 * (model/audit_text.h); the lines under the list show the selected change in full. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "model/audit_text.h"
#include "model/calendar.h"
#include "model/text.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/formspec.h"
#include "ui/prompt.h"
#include "ui/screens.h"
#include "ui/table.h"

/* At most this many rows are listed: the newest, after the filters. Only their ids are read
 * with the filter; a row's time, table and values when it is first drawn, a few at a time. */
#define AUDIT_MAX_ROWS 5000
#define READ_AHEAD 32
#define DETAIL_ROWS 5 /* the time and key (two rows when it is long), then the change */

/* The audited tables with their screen words ("" = every table). */
static const struct {
    const char *table, *label;
} tables[] = {
    {"", "全部"},
    {"unit", "单位"},
    {"target", "任务书"},
    {"progress", "进度"},
    {"ledger", "台账"},
    {"appraisal", "公众评议"},
    {"rectification", "整改"},
    {"scheme", "方案"},
    {"category", "类别"},
    {"year", "年度"},
    {"pool", "分组"},
    {"year_pool", "年度分组"},
    {"unit_year", "年度单位"},
    {"unit_retired", "单位退出"},
    {"target_approval", "任务批复"}, /* 8 columns: 任务书批复 was cut in the 表 column */
    {"target_adjustment", "目标调整"},
    {"grade", "等次"},
    {"score_source", "评分来源"},
    {"score", "来源得分"},
    {"publication", "结果发布"},
    {"publication_row", "发布结果"},
};
#define N_TABLES (sizeof tables / sizeof tables[0])

struct audit {
    long long *ids;
    struct audit_row *rows; /* n_rows slots, in the ids' order; `at` is NULL until read */
    size_t n_rows;
    size_t table_filter; /* index into tables */
    char unit_filter[64], since_filter[64];
    struct table table;
};

static const char *table_label(const char *name)
{
    for (size_t i = 1; i < N_TABLES; i++)
        if (strcmp(tables[i].table, name) == 0)
            return tables[i].label;
    return name;
}

/* 新增 / 修改 / 删除; a year's lock and unlock are named as such (审定 events). */
static const char *action_label(const struct audit_row *r)
{
    if (strcmp(r->action, "insert") == 0)
        return "新增";
    if (strcmp(r->action, "delete") == 0)
        return "删除";
    char was[8], now[8];
    if (strcmp(r->table, "year") == 0 && audit_value(r->old_json, "locked", was, sizeof was) &&
        audit_value(r->new_json, "locked", now, sizeof now) && strcmp(was, now) != 0)
        return strcmp(now, "1") == 0 ? "审定" : "解锁";
    return "修改";
}

/* Row i, read with the next few unread ones when it is first asked for (the log only grows:
 * the ids stay valid). A row that cannot be read shows as empty; the status line says why. */
static const struct audit_row *row_at(struct audit *au, size_t i)
{
    struct audit_row *r = &au->rows[i];
    if (r->at)
        return r;
    size_t n = 1;
    while (n < READ_AHEAD && i + n < au->n_rows && !au->rows[i + n].at)
        n++;
    if (store_audit_rows(ui.st, au->ids + i, n, r) != STORE_OK) {
        ui_error("读取审计日志失败: %s", store_errmsg(ui.st));
        *r = (struct audit_row){xstrdup(""), xstrdup(""), xstrdup(""), xstrdup(""), xstrdup(""),
                                NULL, NULL};
    }
    return r;
}

static void forget_rows(struct audit *au)
{
    store_free_audit(au->rows, au->n_rows);
    free(au->ids);
    au->rows = NULL, au->ids = NULL;
    au->n_rows = 0;
}

/* The key as the operator reads it: a published row's "<发布编号>/<unit>" (a 32-digit
 * number first, cut to 189e44d98778~) as "T10 189e44d9", the unit first and the number
 * shortened (as git shortens its ids: the operator knows a publication by its year and
 * stage); a publication's number shortened; whole when asked for. */
static void key_text(const struct audit_row *r, bool whole, char *buf, size_t sz)
{
    const char *slash = strchr(r->row_key, '/');
    int digits = whole ? (int)strlen(r->row_key) : 8;
    if (strcmp(r->table, "publication_row") == 0 && slash)
        snprintf(buf, sz, "%s %.*s", slash + 1, whole ? (int)(slash - r->row_key) : 8,
                 r->row_key);
    else if (strcmp(r->table, "publication") == 0)
        snprintf(buf, sz, "%.*s", digits, r->row_key);
    else
        snprintf(buf, sz, "%s", r->row_key);
}

static enum ui_role cell(void *ctx, size_t row, size_t col, char *buf, size_t sz)
{
    struct audit *au = ctx;
    const struct audit_row *r = row_at(au, row);
    switch (col) {
    case 0:
        snprintf(buf, sz, "%.16s", r->at); /* to the minute; the detail has the seconds */
        if (strlen(buf) > 10 && buf[10] == 'T')
            buf[10] = ' ';
        break;
    case 1:
        snprintf(buf, sz, "%s", r->operator_name);
        break;
    case 2:
        snprintf(buf, sz, "%s", action_label(r));
        return strcmp(r->action, "delete") == 0 ? ROLE_WARN_YELLOW : ROLE_NORMAL;
    case 3:
        snprintf(buf, sz, "%s", table_label(r->table));
        break;
    case 4:
        key_text(r, false, buf, sz);
        break;
    default:
        audit_describe(r->table, r->old_json, r->new_json, buf, sz);
        break;
    }
    return ROLE_NORMAL;
}

static const struct table_col cols[] = {
    {"时间", 16, false}, {"操作员", 8, false}, {"动作", 4, false},
    {"表", 8, false},          {"主键", 15, false},  {"内容", 0, false},
};

static void load(void *self)
{
    struct audit *au = self;
    forget_rows(au);
    struct audit_filter f = {.unit = au->unit_filter,
                             .table = tables[au->table_filter].table,
                             .since = au->since_filter,
                             .limit = AUDIT_MAX_ROWS};
    if (store_audit_ids(ui.st, &f, &au->ids, &au->n_rows) != STORE_OK)
        ui_error("读取审计日志失败: %s", store_errmsg(ui.st));
    au->rows = au->n_rows ? xcalloc(au->n_rows, sizeof *au->rows) : NULL;
    table_set_rows(&au->table, au->n_rows);
}

/* The filters changed: read again and start at the newest row. */
static void reload_from_top(struct audit *au)
{
    au->table.sel = au->table.top = 0;
    load(au);
}

static void enter(void *self, const void *arg)
{
    struct audit *au = self;
    (void)arg;
    table_init(&au->table, cols, sizeof cols / sizeof cols[0], cell, au);
    au->table_filter = 0;
    au->unit_filter[0] = au->since_filter[0] = '\0';
    load(self);
}

static void leave(void *self)
{
    forget_rows(self);
}

static void draw_detail(struct audit *au, int y)
{
    if (au->n_rows == 0)
        return;
    const struct audit_row *r = row_at(au, au->table.sel);
    char line[256], key[128];
    for (int whole = 1; whole >= 0; whole--) { /* the whole 发布编号 when it fits the row */
        key_text(r, whole, key, sizeof key);
        snprintf(line, sizeof line, "%s  %s %s%s %s", r->at, r->operator_name, action_label(r),
                 table_label(r->table), key);
        if (text_width(line) <= COLS - 2)
            break;
    }
    int used = draw_text_rows(stdscr, y, 1, COLS - 2, 2, line, ROLE_DIM);
    char text[2048];
    audit_describe(r->table, r->old_json, r->new_json, text, sizeof text);
    draw_wrapped(y + used, DETAIL_ROWS - used,
                 strcmp(r->action, "update") == 0   ? "修改: "
                 : strcmp(r->action, "insert") == 0 ? "新值: "
                                                    : "删除前: ",
                 text);
}

static void draw(void *self)
{
    struct audit *au = self;
    int y = ui_body_top();
    char line[256];
    snprintf(line, sizeof line, "审计日志 %zu 条%s  单位: %s  表: %s  日期从: %s", au->n_rows,
             au->n_rows == AUDIT_MAX_ROWS ? " (最新的)" : "",
             au->unit_filter[0] ? au->unit_filter : "全部", tables[au->table_filter].label,
             au->since_filter[0] ? au->since_filter : "最早");
    draw_text(stdscr, y, 1, COLS - 2, line, ROLE_HEADER);
    int detail = ui_body_bottom() - DETAIL_ROWS + 1;
    table_draw(&au->table, y + 1, detail - y - 1);
    if (au->n_rows == 0)
        draw_text(stdscr, y + 2, 1, COLS - 2, "(没有符合条件的记录; 按 c 清除筛选)", ROLE_DIM);
    draw_detail(au, detail);
}

static void unit_typed(void *arg, const char *text)
{
    struct audit *au = arg;
    snprintf(au->unit_filter, sizeof au->unit_filter, "%s", text);
    reload_from_top(au);
    bool name = false; /* a unit's name typed where its code is asked for: 0 rows, say why */
    for (const char *p = text; *p && !name; p++)
        name = (unsigned char)*p >= 0x80;
    if (name && au->n_rows == 0)
        ui_error("单位: %s (0 条): 请输入单位编码 (如 D02), 不是单位名称", au->unit_filter);
    else
        ui_status("单位: %s (%zu 条)", au->unit_filter[0] ? au->unit_filter : "全部", au->n_rows);
}

static int filter_unit(void *self)
{
    /* typed afresh; empty = every unit */
    prompt_text("按单位筛选", "单位编码 (空=全部)", "", 12, unit_typed, self);
    return UI_HANDLED;
}

static int filter_table(void *self)
{
    struct audit *au = self;
    au->table_filter = (au->table_filter + 1) % N_TABLES;
    reload_from_top(au);
    ui_status("表: %s", tables[au->table_filter].label);
    return UI_HANDLED;
}

static void since_typed(void *arg, const char *buf)
{
    struct audit *au = arg;
    if (buf[0] && !calendar_date_text_valid(buf)) {
        ui_error("日期无效: %s (应为 YYYY-MM-DD)", buf);
        return;
    }
    snprintf(au->since_filter, sizeof au->since_filter, "%s", buf);
    reload_from_top(au);
    ui_status("日期从: %s (%zu 条)", buf[0] ? buf : "最早", au->n_rows);
}

static int filter_since(void *self)
{
    /* typed afresh; empty = from the start */
    prompt_text("按日期筛选", "从 (YYYY-MM-DD, 空=最早)", "", 10, since_typed, self);
    return UI_HANDLED;
}

static int clear_filters(void *self)
{
    struct audit *au = self;
    au->table_filter = 0;
    au->unit_filter[0] = au->since_filter[0] = '\0';
    reload_from_top(au);
    ui_status("已清除筛选");
    return UI_HANDLED;
}

static int on_key(void *self, int key)
{
    struct audit *au = self;
    return table_key(&au->table, key) ? UI_HANDLED : UI_UNHANDLED;
}

static const struct ui_key keys[] = {
    {'u', 0, "u", "单位", filter_unit, true, NULL},
    {'t', 0, "t", "表", filter_table, true, NULL},
    {'d', 0, "d", "日期", filter_since, true, NULL},
    {'c', 0, "c", "清除筛选", clear_filters, true, NULL},
    {'/', 0, "/", "搜索", NULL, true, NULL},
};

const struct ui_screen screen_audit = {
    .name = "审计日志",
    .size = sizeof(struct audit),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .resume = load,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
