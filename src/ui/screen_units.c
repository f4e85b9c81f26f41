/* 单位管理: the current year's units by pool (units per year, docs/store.md); add, edit,
 * delete (the store refuses to delete a unit that has data and says why), retire from the
 * current year on. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/units.h"
#include "model/rules.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/confirm.h"
#include "ui/draw.h"
#include "ui/entry.h"
#include "ui/formspec.h"
#include "ui/prompt.h"
#include "ui/screens.h"
#include "ui/table.h"

struct units {
    struct unit *units;
    size_t n_units;
    struct table table;
    char editing[KP_CODE_MAX];  /* code of the unit being edited, "" when adding */
    char retiring[KP_CODE_MAX]; /* the unit the retire question is about */
};

static enum ui_role cell(void *ctx, size_t row, size_t col, char *buf, size_t sz)
{
    const struct units *s = ctx;
    const struct unit *u = &s->units[row];
    const char *v[] = {u->code, u->name, u->pool, u->parent, u->leader};
    snprintf(buf, sz, "%s", v[col] ? v[col] : "");
    return ROLE_NORMAL;
}

static const struct table_col cols[] = {
    {"编码", 8, false}, {"单位名称", 30, false},  {"分组", 10, false},
    {"上级", 8, false}, {"第一责任人", 0, false},
};

static void drop(struct units *s)
{
    store_free_units(s->units, s->n_units);
    s->units = NULL;
    s->n_units = 0;
}

static void load(void *self)
{
    struct units *s = self;
    drop(s);
    if (store_unit_list(ui.st, ui.year, &s->units, &s->n_units) != STORE_OK)
        ui_error("读取单位失败: %s", store_errmsg(ui.st));
    table_set_rows(&s->table, s->n_units);
}

static void enter(void *self, const void *arg)
{
    (void)arg;
    struct units *s = self;
    table_init(&s->table, cols, 5, cell, s);
    s->table.grow = TABLE_GROW(1); /* 单位名称 */
    s->table.detail = 1;
    load(s);
}

static void leave(void *self)
{
    drop(self);
}

static void draw(void *self)
{
    struct units *s = self;
    char line[64];
    snprintf(line, sizeof line, "共 %zu 个单位", s->n_units);
    draw_text(stdscr, ui_body_top(), 1, 30, line, ROLE_DIM);
    table_draw(&s->table, ui_body_top() + 1, ui_body_bottom() - ui_body_top());
}

static int save(void *ctx, struct entry *e, char *err, size_t errsz)
{
    const char *editing = ((struct units *)ctx)->editing;
    struct unit u = {0};
    u.code = (char *)entry_get(e, "code");
    /* A stored code from before the rule (an old import) may still be edited as it is. */
    char why[160];
    if (!rules_code_valid(u.code, why, sizeof why) &&
        !(editing[0] && strcmp(editing, u.code) == 0)) {
        snprintf(err, errsz, "单位编码%s", why);
        return -1;
    }
    struct unit old;
    bool exists = store_unit_get(ui.st, ui.year, u.code, &old) == STORE_OK;
    if (exists)
        unit_clear(&old);
    if (!editing[0] && exists) {
        snprintf(err, errsz, "单位编码 %s 已存在", u.code);
        return -1;
    }
    if (editing[0] && strcmp(editing, u.code) != 0) {
        snprintf(err, errsz, "单位编码不能修改 (原为 %s)", editing);
        return -1;
    }
    u.name = (char *)entry_get(e, "name");
    u.pool = (char *)entry_get(e, "pool");
    u.parent = *entry_get(e, "parent") ? (char *)entry_get(e, "parent") : NULL;
    u.leader = *entry_get(e, "leader") ? (char *)entry_get(e, "leader") : NULL;
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_unit_put(ui.st, ui.year, &u, NULL);
    rc = store_end(ui.st, rc);
    if (rc != STORE_OK) {
        snprintf(err, errsz, "%s", store_errmsg(ui.st));
        return rc;
    }
    snprintf(ui.unit, sizeof ui.unit, "%s", u.code);
    return 0;
}

static void open_form(struct units *s, const struct unit *u)
{
    struct entry *e = entry_new(formspec_get(ui.forms, "unit"));
    entry_fill_choices(e, NULL);
    if (u) {
        entry_set(e, "code", u->code);
        entry_set(e, "name", u->name);
        entry_set(e, "pool", u->pool);
        entry_set(e, "parent", u->parent);
        entry_set(e, "leader", u->leader);
    }
    snprintf(s->editing, sizeof s->editing, "%s", u ? u->code : "");
    struct ui_form_request req = {.entry = e, .ctx = s, .save = save};
    ui_push(&screen_form, &req);
}

static int add(void *self)
{
    open_form(self, NULL);
    return UI_HANDLED;
}

static int edit(void *self)
{
    struct units *s = self;
    if (!ui_refuse_empty(s->n_units, "修改", "单位"))
        open_form(s, &s->units[s->table.sel]);
    return UI_HANDLED;
}

static int delete_unit(const char *code)
{
    return store_unit_delete(ui.st, code);
}

static int delete (void *self)
{
    struct units *s = self;
    if (ui_refuse_empty(s->n_units, "删除", "单位"))
        return UI_HANDLED;
    const struct unit *u = &s->units[s->table.sel];
    struct ui_delete d = {.run = delete_unit,
                          .after = load,
                          .self = self,
                          .instead = "要从本年度起不再考核, 按 x 退出"};
    snprintf(d.question, sizeof d.question, "删除单位 %s「%s」? (y/N)", u->code, u->name);
    snprintf(d.done, sizeof d.done, "已删除 %s", u->code);
    snprintf(d.key, sizeof d.key, "%s", u->code);
    ui_confirm_delete(&d);
    return UI_HANDLED;
}

static void retire_yes(void *arg)
{
    struct units *s = arg;
    const char *retiring = s->retiring;
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_unit_retire(ui.st, retiring, ui.year);
    if (store_end(ui.st, rc) != STORE_OK)
        ui_error("不能退出: %s", store_errmsg(ui.st));
    else
        ui_status("%s 自 %d 年度起退出 (此前的年度保留)", retiring, ui.year);
    load(arg);
}

/* A no leaves the unit in: the status says so (an earlier 已保存 stayed and read as done). */
static void retire_no(void *arg)
{
    struct units *s = arg;
    ui_status("未退出: %s 仍在 %d 年度考核", s->retiring, ui.year);
}

/* The unit leaves the current year and later ones (units per year, docs/store.md). */
static int retire(void *self)
{
    struct units *s = self;
    if (!ui.year || ui_refuse_empty(s->n_units, "退出", "单位"))
        return UI_HANDLED;
    const struct unit *u = &s->units[s->table.sel];
    snprintf(s->retiring, sizeof s->retiring, "%s", u->code);
    /* the store's refusal (targets from this year on) before the question, as a delete does:
     * tried in a transaction that is rolled back */
    int rc = store_begin(ui.st);
    if (rc == STORE_OK && (rc = store_unit_retire(ui.st, u->code, ui.year)) == STORE_OK)
        store_rollback(ui.st);
    else if (store_end(ui.st, rc) != STORE_OK) {
        ui_error("不能退出: %s", store_errmsg(ui.st));
        return UI_HANDLED;
    }
    char q[256];
    snprintf(q, sizeof q, "单位 %s「%s」自 %d 年度起退出考核? (y/N)", u->code, u->name, ui.year);
    prompt_confirm(q, retire_yes, retire_no, self);
    return UI_HANDLED;
}

static int search(void *self)
{
    table_key(&((struct units *)self)->table, '/');
    return UI_HANDLED;
}

static int on_key(void *self, int key)
{
    return table_key(&((struct units *)self)->table, key) ? UI_HANDLED : UI_UNHANDLED;
}

static void resume(void *self)
{
    struct units *s = self;
    load(s);
    for (size_t i = 0; i < s->n_units; i++)
        if (strcmp(s->units[i].code, ui.unit) == 0)
            s->table.sel = i;
}

static const struct ui_key keys[] = {
    {'a', UI_K(KEY_IC), "a", "新增", add, true, NULL},
    {'\n', 'e', "Enter", "修改", edit, true, NULL},
    {'d', UI_K(KEY_DC), "d", "删除", delete, true, NULL},
    {'x', 0, "x", "自本年度起退出", retire, true, NULL},
    {'/', 0, "/", "搜索 (n 下一个)", search, true, NULL},
};

const struct ui_screen screen_units = {
    .name = "单位管理",
    .size = sizeof(struct units),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .resume = resume,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
