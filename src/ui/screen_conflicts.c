/* 合并冲突: the open conflicts of field merges (docs/field.md), the same list as `kaoping field
 * conflicts` (app/field_conflicts.h): table, unit, row, what happened, and under the list the
 * selected conflict's values at checkout, on the county file now and on the laptop. `c` keeps
 * the county's value, `l` the laptop's (field_resolve, one transaction each), after a (y/N)
 * naming what is replaced or given up. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/field_conflicts.h"
#include "db/units.h"
#include "model/audit_text.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/prompt.h"
#include "ui/screens.h"
#include "ui/table.h"

#define DETAIL_ROWS 3

struct conflicts {
    struct field_conflict_list list;
    char **unit_names; /* "D01 县发展和改革委员会" per conflict */
    struct table table;
    long resolving; /* the conflict the question is about */
    bool keep_laptop;
};

static enum ui_role cell(void *ctx, size_t row, size_t col, char *buf, size_t sz)
{
    struct conflicts *cf = ctx;
    const struct field_conflict *c = &cf->list.items[row];
    switch (col) {
    case 0:
        snprintf(buf, sz, "#%ld", c->id);
        break;
    case 1:
        snprintf(buf, sz, "%s", c->label ? c->label : "");
        break;
    case 2:
        snprintf(buf, sz, "%s", field_conflict_table_text(c->table));
        break;
    case 3:
        snprintf(buf, sz, "%s", cf->unit_names[row]);
        break;
    case 4:
        field_conflict_row_text(c, buf, sz);
        break;
    default:
        snprintf(buf, sz, "%s", field_conflict_kind_text(c));
        return ROLE_WARN_YELLOW;
    }
    return ROLE_NORMAL;
}

static const struct table_col cols[] = {
    {"编号", 5, false},  {"检查组", 12, false},    {"表", 10, false},
    {"单位", 22, false}, {"条目/记录", 12, false}, {"情况", 0, false},
};

static void free_all(struct conflicts *cf)
{
    for (size_t i = 0; i < cf->list.n; i++)
        free(cf->unit_names[i]);
    free(cf->unit_names);
    cf->unit_names = NULL;
    field_conflict_list_free(&cf->list);
}

static void load(void *self)
{
    struct conflicts *cf = self;
    free_all(cf);
    if (field_conflict_list_load(ui.st, false, &cf->list) != STORE_OK)
        ui_error("读取冲突失败: %s", store_errmsg(ui.st));
    cf->unit_names = xcalloc(cf->list.n ? cf->list.n : 1, sizeof *cf->unit_names);
    for (size_t i = 0; i < cf->list.n; i++) {
        const char *code = cf->list.items[i].unit;
        struct unit u;
        if (code && store_unit_get(ui.st, 0, code, &u) == STORE_OK) { /* newest name */
            cf->unit_names[i] = xasprintf("%s %s", code, u.name ? u.name : "");
            unit_clear(&u);
        } else {
            cf->unit_names[i] = xstrdup(code ? code : "");
        }
    }
    table_set_rows(&cf->table, cf->list.n);
}

static void enter(void *self, const void *arg)
{
    struct conflicts *cf = self;
    (void)arg;
    table_init(&cf->table, cols, sizeof cols / sizeof cols[0], cell, cf);
    load(self);
}

static void leave(void *self)
{
    struct conflicts *cf = self;
    free_all(cf);
}

/* One side's values in the operators' words ("累计完成值 8.8"), or what stands for no row. */
static void side_text(const struct field_conflict *c, const char *json, const char *none, char *buf,
                      size_t sz)
{
    if (!json)
        snprintf(buf, sz, "%s", none);
    else
        audit_describe(c->table, NULL, json, buf, sz);
}

static void draw_detail(struct conflicts *cf, int y)
{
    if (cf->list.n == 0)
        return;
    const struct field_conflict *c = &cf->list.items[cf->table.sel];
    char text[512];
    side_text(c, c->checkout, "(检出时没有这一行)", text, sizeof text);
    draw_wrapped(y, 1, "检出时: ", text);
    side_text(c, c->county, "(县里已删除)", text, sizeof text);
    draw_wrapped(y + 1, 1, "县里:   ", text);
    side_text(c, c->laptop, "(笔记本已删除)", text, sizeof text);
    draw_wrapped(y + 2, 1, "笔记本: ", text);
}

static void draw(void *self)
{
    struct conflicts *cf = self;
    int y = ui_body_top();
    char line[160];
    snprintf(line, sizeof line, "合并冲突: 未处理 %zu 处 (县里的值保留到有人处理)", cf->list.n);
    draw_text(stdscr, y, 1, COLS - 2, line, cf->list.n ? ROLE_WARN_YELLOW : ROLE_HEADER);
    int detail = ui_body_bottom() - DETAIL_ROWS + 1;
    table_draw(&cf->table, y + 1, detail - y - 1);
    if (cf->list.n == 0)
        draw_text(stdscr, y + 2, 1, COLS - 2,
                  "(没有未处理的冲突。笔记本的包用 kaoping field merge 合并, 见 docs/field.md)",
                  ROLE_DIM);
    draw_detail(cf, detail);
}

static void resolve_yes(void *arg)
{
    struct conflicts *cf = arg;
    if (field_resolve(ui.st, cf->resolving, cf->keep_laptop) != STORE_OK) {
        ui_error("未处理: %s", store_errmsg(ui.st));
        return;
    }
    load(arg);
    ui_status("冲突 #%ld 已处理: %s", cf->resolving,
              cf->keep_laptop ? "采用笔记本的值" : "保留县里的值");
}

/* The question names what the answer gives up: the county's value, or the laptop's. */
static int ask(void *self, bool laptop)
{
    struct conflicts *cf = self;
    if (ui_refuse_empty(cf->list.n, "处理", "冲突"))
        return UI_HANDLED;
    const struct field_conflict *c = &cf->list.items[cf->table.sel];
    cf->resolving = c->id;
    cf->keep_laptop = laptop;
    char lost[256], q[400];
    if (laptop) {
        side_text(c, c->county, "(已删除)", lost, sizeof lost);
        snprintf(q, sizeof q, "冲突 #%ld 采用笔记本的值, 县里的「%s」被替换? (y/N)", c->id, lost);
    } else {
        side_text(c, c->laptop, "(已删除)", lost, sizeof lost);
        snprintf(q, sizeof q, "冲突 #%ld 保留县里的值, 放弃笔记本的「%s」? (y/N)", c->id, lost);
    }
    prompt_confirm(q, resolve_yes, NULL, self);
    return UI_HANDLED;
}

static int keep_county_key(void *self)
{
    return ask(self, false);
}

static int keep_laptop_key(void *self)
{
    return ask(self, true);
}

static int on_key(void *self, int key)
{
    struct conflicts *cf = self;
    return table_key(&cf->table, key) ? UI_HANDLED : UI_UNHANDLED;
}

static const struct ui_key keys[] = {
    {'c', 0, "c", "保留县里的值 (同 field resolve --keep county)", keep_county_key, true,
     "保留县里"},
    {'l', 0, "l", "采用笔记本的值 (同 field resolve --keep laptop)", keep_laptop_key, true,
     "采用笔记本"},
    {'/', 0, "/", "搜索", NULL, true, NULL},
};

const struct ui_screen screen_conflicts = {
    .name = "合并冲突",
    .size = sizeof(struct conflicts),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .resume = load,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
