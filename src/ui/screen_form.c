/* The entry-form screen: any form file on screen; F2, Ctrl-S or Enter on the last field
 * saves (all fields valid first, then the caller's question if it has one, then one
 * transaction in the caller's save function); Esc on a changed form asks before discarding. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "model/xmalloc.h"

#include "ui/app.h"
#include "ui/draw.h"
#include "ui/entry.h"
#include "ui/prompt.h"
#include "ui/screens.h"

struct form {
    struct ui_form_request req;
    char refusal[256]; /* what the form says when its question is answered no */
};

static void post(struct form *fm)
{
    if (!ui_too_small())
        entry_post(fm->req.entry, ui_body_top(), ui_body_bottom() - ui_body_top() + 1);
}

static void enter(void *self, const void *arg)
{
    struct form *fm = self;
    fm->req = *(const struct ui_form_request *)arg;
    if (fm->req.ctx_size)
        fm->req.ctx = memcpy(xmalloc(fm->req.ctx_size), fm->req.ctx, fm->req.ctx_size);
    post(fm);
}

static void leave(void *self)
{
    struct form *fm = self;
    entry_free(fm->req.entry);
    fm->req.entry = NULL;
    if (fm->req.ctx_size)
        free(fm->req.ctx);
    curs_set(0);
}

static void draw(void *self)
{
    struct form *fm = self;
    if (!entry_posted(fm->req.entry))
        post(fm); /* after the terminal grew back */
}

static void stage_form(void *self)
{
    struct form *fm = self;
    entry_stage(fm->req.entry);
}

/* Keeps the text: the fields are rebuilt for the new size from the saved values. */
static void on_resize(void *self)
{
    struct form *fm = self;
    entry_unpost(fm->req.entry);
}

static bool dirty(void *self)
{
    struct form *fm = self;
    return fm->req.entry && entry_dirty(fm->req.entry);
}

static void write_entry(void *arg)
{
    struct form *fm = arg;
    char err[256] = "";
    if (fm->req.save(fm->req.ctx, fm->req.entry, err, sizeof err) != 0) {
        entry_message(fm->req.entry, err);
        ui_error("未保存: %s", err);
        return;
    }
    ui_status("已保存");
    ui_pop();
}

static void refused(void *arg)
{
    struct form *fm = arg;
    entry_message(fm->req.entry, fm->refusal);
    ui_error("未保存: %s", fm->refusal);
}

static int save(void *self)
{
    struct form *fm = self;
    if (entry_popup_open(fm->req.entry))
        return UI_HANDLED; /* the list is answered first (Enter or Esc) */
    char why[256];
    if (!entry_validate(fm->req.entry, why, sizeof why)) {
        ui_error("未保存: %s", why);
        return UI_HANDLED;
    }
    char q[256];
    if (fm->req.ask &&
        fm->req.ask(fm->req.ctx, fm->req.entry, q, sizeof q, fm->refusal, sizeof fm->refusal))
        prompt_confirm(q, write_entry, refused, fm);
    else
        write_entry(fm);
    return UI_HANDLED;
}

static const char *what(void *self)
{
    struct form *fm = self;
    return entry_title(fm->req.entry);
}

static int on_key(void *self, int key)
{
    struct form *fm = self;
    if (entry_key(fm->req.entry, key))
        return UI_HANDLED;
    if (key == '\n')
        return save(self);
    return UI_UNHANDLED;
}

static const struct ui_key keys[] = {
    {UI_K(KEY_F(2)), UI_CTRL('s'), "F2", "保存", save, true, NULL},
    {UI_CTRL('s'), 0, "Ctrl-S", "保存; 在最后一项上按 Enter 也保存", NULL, false, NULL},
    {'\t', '\n', "Tab/Enter", "下一项 (先检查本项; 空的必填项标出后放过; Up/Shift-Tab 上一项)", NULL, false, NULL},
    {UI_K(KEY_LEFT), UI_K(KEY_RIGHT), "<- ->", "移动光标; 选择项上切换选项 (空格同)", NULL, false,
     NULL},
    {UI_K(KEY_F(4)), 0, "F4", "选择项: 打开选项列表 (Up/Down, Enter 选定, Esc 取消)", NULL, false,
     NULL},
    {UI_K(KEY_HOME), UI_K(KEY_END), "Home/End", "到开头 / 结尾", NULL, false, NULL},
    {UI_CTRL('u'), 0, "Ctrl-U", "清空本项", NULL, false, NULL},
    {UI_K(KEY_F(1)), 0, "F1", "帮助 (文本框里 ? q Q 是普通字符)", NULL, false, NULL},
};

const struct ui_screen screen_form = {
    .name = "录入",
    .size = sizeof(struct form),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .on_resize = on_resize,
    .leave = leave,
    .overlay = stage_form,
    .dirty = dirty,
    .what = what,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
};
