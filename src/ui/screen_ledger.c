/* 加减分台账 of one unit: records by type and date with the running total of each type; the
 * part of a total beyond the scheme's cap is marked. Keys 1-4 add a record of each type. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/ledger.h"
#include "db/load.h"
#include "db/load_unit.h"
#include "model/calendar.h"
#include "model/rules.h"
#include "model/text.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/confirm.h"
#include "ui/draw.h"
#include "ui/entry.h"
#include "ui/formspec.h"
#include "ui/rectify_form.h"
#include "ui/screens.h"
#include "ui/table.h"

struct row {
    size_t entry;   /* index into yd.ledger */
    const struct ledger_entry *e; /* the same, for the sort (qsort passes no state) */
    double running; /* total of this type up to and including this record */
};

struct ledger {
    struct year_data yd;
    bool loaded;
    long unit_idx; /* -1 until load finds ui.unit */
    struct row *rows;
    size_t n_rows;
    double totals[4];
    struct table table;
    char editing_id[KP_ID_LEN + 1];
    enum kp_ledger_type editing_type;
};

static const char *const form_of[4] = {"inspection", "complaint", "bonus", "veto"};

static double cap_of(struct ledger *lg, enum kp_ledger_type t)
{
    return t == LEDGER_INSPECTION  ? lg->yd.scheme.inspection_cap
           : t == LEDGER_COMPLAINT ? lg->yd.scheme.complaint_cap
                                   : lg->yd.scheme.bonus_cap;
}

static enum ui_role cell(void *ctx, size_t r, size_t col, char *buf, size_t sz)
{
    struct ledger *lg = ctx;
    const struct ledger_entry *e = &lg->yd.ledger[lg->rows[r].entry];
    bool veto = e->type == LEDGER_VETO;
    double cap = cap_of(lg, e->type);
    double over = lg->rows[r].running - cap;
    switch (col) {
    case 0:
        snprintf(buf, sz, "%s", e->date);
        break;
    case 1:
        snprintf(buf, sz, "%s", ledger_type_label(e->type));
        return veto ? ROLE_WARN_RED : ROLE_NORMAL;
    case 2:
        if (!veto)
            snprintf(buf, sz, "%.2f", e->points);
        break;
    case 3:
        if (!veto)
            snprintf(buf, sz, "%.2f", lg->rows[r].running);
        break;
    case 4:
        if (!veto && rules_over_cap(lg->rows[r].running, cap)) {
            double part = over < e->points ? over : e->points;
            snprintf(buf, sz, "!超 %.2f", part);
            return ROLE_WARN_RED;
        }
        break;
    case 5:
        snprintf(buf, sz, "%s%s%s", e->aspect ? e->aspect : "", e->method ? " " : "",
                 e->method ? e->method : "");
        break;
    case 6:
        snprintf(buf, sz, "%s", e->reason ? e->reason : "");
        break;
    }
    return ROLE_NORMAL;
}

static const struct table_col cols[] = {
    {"日期", 10, false},  {"类型", 8, false},       {"分值", 5, true},  {"累计", 5, true},
    {"超上限", 8, false}, {"方面/方式", 14, false}, {"事由", 0, false},
};

static int row_cmp(const void *a, const void *b)
{
    const struct ledger_entry *x = ((const struct row *)a)->e;
    const struct ledger_entry *y = ((const struct row *)b)->e;
    if (x->type != y->type)
        return (int)x->type - (int)y->type;
    int c = strcmp(x->date, y->date);
    return c ? c : strcmp(x->id, y->id);
}

static void load(void *self)
{
    struct ledger *lg = self;
    if (lg->loaded)
        year_data_free(&lg->yd);
    free(lg->rows);
    lg->rows = NULL;
    lg->n_rows = 0;
    memset(lg->totals, 0, sizeof lg->totals);
    lg->loaded = store_load_year_unit(ui.st, ui.year, ui.unit, false, &lg->yd) == STORE_OK;
    lg->unit_idx = lg->loaded ? year_data_find_unit(&lg->yd, ui.unit) : -1;
    lg->rows = xcalloc(lg->loaded ? lg->yd.n_ledger + 1 : 1, sizeof *lg->rows);
    for (size_t i = 0; lg->loaded && i < lg->yd.n_ledger; i++)
        if ((long)lg->yd.ledger[i].unit_index == lg->unit_idx)
            lg->rows[lg->n_rows++] = (struct row){.entry = i, .e = &lg->yd.ledger[i]};
    qsort(lg->rows, lg->n_rows, sizeof *lg->rows, row_cmp);
    for (size_t r = 0; r < lg->n_rows; r++) {
        const struct ledger_entry *e = &lg->yd.ledger[lg->rows[r].entry];
        lg->totals[e->type] += e->type == LEDGER_VETO ? 1 : e->points;
        lg->rows[r].running = lg->totals[e->type];
    }
    table_set_rows(&lg->table, lg->n_rows);
}

static void enter(void *self, const void *arg)
{
    struct ledger *lg = self;
    (void)arg;
    table_init(&lg->table, cols, 7, cell, lg);
    lg->table.grow = TABLE_GROW(5); /* 方面/方式; 事由 takes the rest */
    lg->table.detail = 3; /* a finding of 60-odd characters reads whole at 80 columns */
    load(self);
}

static void leave(void *self)
{
    struct ledger *lg = self;
    ui_year_drop(&lg->yd, &lg->loaded);
    free(lg->rows);
    lg->rows = NULL;
    lg->n_rows = 0;
}

static void resume(void *self)
{
    struct ledger *lg = self;
    load(self);
    for (size_t r = 0; r < lg->n_rows; r++)
        if (strcmp(lg->yd.ledger[lg->rows[r].entry].id, lg->editing_id) == 0)
            lg->table.sel = r;
}

static void draw_totals(struct ledger *lg, int y)
{
    char line[256];
    size_t used = 0;
    line[0] = '\0';
    for (int t = LEDGER_INSPECTION; t <= LEDGER_BONUS; t++) {
        double cap = cap_of(lg, (enum kp_ledger_type)t);
        used += (size_t)snprintf(line + used, sizeof line - used, "%s %.2f/%g%s  ",
                                 ledger_type_label((enum kp_ledger_type)t), lg->totals[t], cap,
                                 rules_over_cap(lg->totals[t], cap) ? " (超出不计)" : "");
    }
    if (lg->totals[LEDGER_VETO] > 0)
        snprintf(line + used, sizeof line - used, "!一票否决 %.0f 条", lg->totals[LEDGER_VETO]);
    bool over = lg->totals[LEDGER_VETO] > 0;
    for (int t = LEDGER_INSPECTION; t <= LEDGER_BONUS; t++)
        over |= rules_over_cap(lg->totals[t], cap_of(lg, (enum kp_ledger_type)t));
    draw_text(stdscr, y, 1, COLS - 2, line, over ? ROLE_WARN_RED : ROLE_NORMAL);
}

static void draw(void *self)
{
    struct ledger *lg = self;
    if (lg->unit_idx < 0) {
        draw_text(stdscr, ui_body_top(), 1, COLS - 2, "找不到单位", ROLE_ERROR);
        return;
    }
    const struct unit *u = &lg->yd.units[lg->unit_idx];
    char line[200];
    snprintf(line, sizeof line, "%s %s  %d 年度加减分台账", u->code, u->name, ui.year);
    draw_text(stdscr, ui_body_top(), 1, COLS - 2, line, ROLE_HEADER);
    draw_totals(lg, ui_body_top() + 1);
    table_draw(&lg->table, ui_body_top() + 2, ui_body_bottom() - ui_body_top() - 1);
}

static char *opt(struct entry *e, const char *name)
{
    const char *v = entry_get(e, name);
    return *v ? xstrdup(v) : NULL;
}

/* A date outside the ledger window of the year (model/calendar.h) is allowed after a yes. */
static bool ask_date(void *ctx, struct entry *e, char *q, size_t qsz, char *no, size_t nosz)
{
    (void)ctx;
    const char *date = entry_get(e, "date");
    if (calendar_in_ledger_window(date, ui.year)) /* as import warns */
        return false;
    snprintf(q, qsz, "日期 %s 不在 %d 年度内, 仍要保存? (y/N)", date, ui.year);
    snprintf(no, nosz, "日期 %s 不在 %d 年度内, 请改正", date, ui.year);
    return true;
}

static int save(void *ctx, struct entry *e, char *err, size_t errsz)
{
    struct ledger *lg = ctx;
    struct ledger_entry le = {0};
    snprintf(le.id, sizeof le.id, "%s", lg->editing_id);
    snprintf(le.date, sizeof le.date, "%s", entry_get(e, "date"));
    le.type = lg->editing_type;
    le.points = 0;
    if (le.type != LEDGER_VETO)
        entry_get_number(e, "points", &le.points);
    le.aspect = opt(e, "aspect");
    le.method = opt(e, "method");
    le.reason = opt(e, "reason");
    le.inspectors = opt(e, "inspectors");
    le.evidence = opt(e, "evidence");
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_ledger_put(ui.st, ui.year, ui.unit, &le, NULL);
    rc = store_end(ui.st, rc);
    if (rc != STORE_OK)
        snprintf(err, errsz, "%s", store_errmsg(ui.st));
    else
        snprintf(lg->editing_id, sizeof lg->editing_id, "%s", le.id);
    free(le.aspect), free(le.method), free(le.reason), free(le.inspectors), free(le.evidence);
    return rc == STORE_OK ? 0 : rc;
}

static void open_form(struct ledger *lg, enum kp_ledger_type type, const struct ledger_entry *le)
{
    if (ui_refuse_locked(lg->yd.locked))
        return;
    if (lg->unit_idx < 0)
        return;
    struct entry *e = entry_new(formspec_get(ui.forms, form_of[type]));
    char title[64]; /* whose record: the form showed only 查访核验 */
    snprintf(title, sizeof title, "%s %s", entry_title(e), lg->yd.units[lg->unit_idx].code);
    entry_retitle(e, title);
    entry_fill_choices(e, NULL);
    lg->editing_type = type;
    lg->editing_id[0] = '\0';
    if (le) {
        snprintf(lg->editing_id, sizeof lg->editing_id, "%s", le->id);
        char pts[32];
        snprintf(pts, sizeof pts, "%g", le->points);
        entry_set(e, "date", le->date);
        entry_set(e, "aspect", le->aspect);
        entry_set(e, "method", le->method);
        entry_set(e, "reason", le->reason);
        entry_set(e, "points", pts);
        entry_set(e, "inspectors", le->inspectors);
        entry_set(e, "evidence", le->evidence);
    } else {
        char today[11];
        ui_today(today);
        entry_set(e, "date", today);
    }
    if (type == LEDGER_BONUS && cap_of(lg, type) <= 0) /* qitai: a 加分 is kept but counts 0 */
        entry_context(e, "本年度方案的加分上限为 0: 加分记录保存, 但不计入总分 (设置 → 加分上限)");
    struct ui_form_request r = {.entry = e, .ctx = lg, .save = save, .ask = ask_date};
    ui_push(&screen_form, &r);
}

static int add_inspection(void *self)
{
    struct ledger *lg = self;
    open_form(lg, LEDGER_INSPECTION, NULL);
    return UI_HANDLED;
}
static int add_complaint(void *self)
{
    struct ledger *lg = self;
    open_form(lg, LEDGER_COMPLAINT, NULL);
    return UI_HANDLED;
}
static int add_bonus(void *self)
{
    struct ledger *lg = self;
    open_form(lg, LEDGER_BONUS, NULL);
    return UI_HANDLED;
}
static int add_veto(void *self)
{
    struct ledger *lg = self;
    open_form(lg, LEDGER_VETO, NULL);
    return UI_HANDLED;
}

static int edit(void *self)
{
    struct ledger *lg = self;
    if (!ui_refuse_empty(lg->n_rows, "修改", "记录")) {
        const struct ledger_entry *le = &lg->yd.ledger[lg->rows[lg->table.sel].entry];
        open_form(lg, le->type, le);
    }
    return UI_HANDLED;
}

/* A finding (查访核验 or 投诉查处) becomes a 整改 with the record as its source. */
static int raise_rectification(void *self)
{
    struct ledger *lg = self;
    if (ui_refuse_empty(lg->n_rows, "登记整改", "记录") || ui_refuse_locked(lg->yd.locked))
        return UI_HANDLED;
    const struct ledger_entry *le = &lg->yd.ledger[lg->rows[lg->table.sel].entry];
    if (le->type != LEDGER_INSPECTION && le->type != LEDGER_COMPLAINT) {
        ui_error("只有查访核验和投诉查处发现的问题才登记整改");
        return UI_HANDLED;
    }
    const struct unit *u = &lg->yd.units[lg->unit_idx];
    struct rectify_source src = {0};
    snprintf(src.unit, sizeof src.unit, "%s", u->code);
    snprintf(src.ledger, sizeof src.ledger, "%s", le->id);
    char subject[512], about[256];
    snprintf(subject, sizeof subject, "%s发现: %s", ledger_type_label(le->type),
             le->reason ? le->reason : "");
    snprintf(about, sizeof about, "整改对象: %s %s, %s %s 扣 %.2f 分", u->code, u->name, le->date,
             ledger_type_label(le->type), le->points);
    rectify_form_push(&src, subject, "请整改", about);
    return UI_HANDLED;
}

static int delete_record(const char *id)
{
    return store_ledger_delete(ui.st, id);
}

static int delete (void *self)
{
    struct ledger *lg = self;
    if (ui_refuse_empty(lg->n_rows, "删除", "记录") || ui_refuse_locked(lg->yd.locked))
        return UI_HANDLED;
    const struct ledger_entry *le = &lg->yd.ledger[lg->rows[lg->table.sel].entry];
    struct ui_delete d = {.run = delete_record, .after = load, .self = self};
    char what[160]; /* the unit's name is in the header: its code is enough here */
    snprintf(what, sizeof what, "%s %s", le->date, lg->yd.units[lg->unit_idx].code);
    if (le->type != LEDGER_VETO)
        snprintf(what + strlen(what), sizeof what - strlen(what), " %.2f 分", le->points);
    const char *reason = le->reason ? le->reason : ""; /* cut whole; the prompt marks it */
    snprintf(d.question, sizeof d.question, "删除 %s 记录「%s %.*s」? (y/N)",
             ledger_type_label(le->type), what, (int)text_cut_bytes(reason, 800), reason);
    snprintf(d.done, sizeof d.done, "已删除 %s %s 记录", le->date, ledger_type_label(le->type));
    snprintf(d.key, sizeof d.key, "%s", le->id);
    ui_confirm_delete(&d);
    return UI_HANDLED;
}

static int search(void *self)
{
    struct ledger *lg = self;
    table_key(&lg->table, '/');
    return UI_HANDLED;
}

static int on_key(void *self, int key)
{
    struct ledger *lg = self;
    return table_key(&lg->table, key) ? UI_HANDLED : UI_UNHANDLED;
}

static const struct ui_key keys[] = {
    {'1', 0, "1", "查访核验", add_inspection, true, "查访"},
    {'2', 0, "2", "投诉查处", add_complaint, true, "投诉"},
    {'3', 0, "3", "加分", add_bonus, true, NULL},
    {'4', 0, "4", "一票否决", add_veto, true, "否决"},
    {'\n', 'e', "Enter", "修改", edit, true, NULL},
    {'d', UI_K(KEY_DC), "d", "删除", delete, true, NULL},
    {'z', 0, "z", "登记整改 (从查访核验/投诉查处的发现)", raise_rectification, true, "整改"},
    {'/', 0, "/", "搜索", search, false, NULL},
};

const struct ui_screen screen_ledger = {
    .name = "加减分台账",
    .size = sizeof(struct ledger),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .leave = leave,
    .resume = resume,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
