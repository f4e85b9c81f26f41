/* The editing keys of 考核组与类别: pools from this year on (add, rename, move, retire) and
 * this year's categories (add, rename, points, delete). A category change may carry other
 * categories' new points ("经济发展=15") so the pool's sum can stay at 半年初评 + 年终总评;
 * the store checks it before the commit (docs/scheme.md). */
#include "ui/structure_edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/categories.h"
#include "db/pools.h"
#include "db/years.h"
#include "io/field.h"
#include "model/score.h"
#include "model/xmalloc.h"
#include "ui/app.h"
#include "ui/prompt.h"

/* The screen's functions (set once; each gets the screen's state). */
static void (*reload_fn)(void *self, const char *pool, const char *category);
static struct structure_pick (*pick_fn)(void *self);
static char **(*pools_fn)(void *self, size_t *n);
/* What the open prompt acts on (copied: the screen reloads under it). */
static char picked_pool[256], picked_cat[256];

void structure_edit_init(void (*reload)(void *self, const char *pool, const char *category),
                         struct structure_pick (*pick)(void *self),
                         char **(*pools)(void *self, size_t *n))
{
    reload_fn = reload, pick_fn = pick, pools_fn = pools;
}

/* Remembers the cursor's pool and category; false (with a message) on a locked year or when
 * a category is needed and the cursor is on a pool. */
static bool take_pick(void *self, bool need_category)
{
    bool locked = false;
    if (store_year_locked(ui.st, ui.year, &locked) != STORE_OK || ui_refuse_locked(locked))
        return false;
    struct structure_pick p = pick_fn(self);
    if (!p.pool) {
        ui_error("本年度还没有考核组");
        return false;
    }
    if (need_category && !p.category) {
        ui_error("先把光标移到一个类别上");
        return false;
    }
    snprintf(picked_pool, sizeof picked_pool, "%s", p.pool);
    snprintf(picked_cat, sizeof picked_cat, "%s", p.category ? p.category : "");
    return true;
}

/* Ends the transaction, reloads with the cursor on the row the change is about (a category
 * added to the last pool is below the list's end: it is shown), and says what happened. */
static void finish(void *self, int rc, const char *pool, const char *category, const char *done)
{
    rc = store_end(ui.st, rc);
    if (rc != STORE_OK) {
        ui_error("未保存: %s", store_errmsg(ui.st));
        return;
    }
    reload_fn(self, pool, category);
    ui_status("%s", done);
}

/* "经济发展=15 社会发展=20": each other category's new points, then the pool's sum check. */
static int apply_sets(const char *text)
{
    char *copy = xstrdup(text), *save = NULL;
    int rc = STORE_OK;
    for (char *t = strtok_r(copy, " ", &save); t && rc == STORE_OK; t = strtok_r(NULL, " ", &save)) {
        char *eq = strrchr(t, '=');
        double pts;
        char why[128];
        if (!eq || eq == t || !field_parse_number(eq + 1, false, &pts, why, sizeof why)) {
            rc = STORE_INVALID;
            ui_error("应为 类别=分值 (如 经济发展=15): %s", t);
            break;
        }
        *eq = '\0';
        rc = store_category_set_points(ui.st, ui.year, picked_pool, t, pts);
    }
    free(copy);
    if (rc == STORE_OK)
        rc = store_category_check_sum(ui.st, ui.year, picked_pool);
    return rc;
}

static void add_pool_done(void *arg, const char *text)
{
    if (!*text)
        return;
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_pool_add(ui.st, ui.year, text, picked_pool);
    char done[320];
    snprintf(done, sizeof done, "%d 年度起添加考核组 %s (类别照 %s)", ui.year, text, picked_pool);
    finish(arg, rc, text, NULL, done);
}

int structure_add_pool(void *self)
{
    if (take_pick(self, false))
        prompt_text("添加考核组", "组名 (本年度起; 类别照光标所在的组):", "", 30, add_pool_done, self);
    return UI_HANDLED;
}

static void rename_done(void *arg, const char *text)
{
    if (!*text)
        return;
    int rc = store_begin(ui.st);
    bool cat = picked_cat[0] != '\0';
    if (rc == STORE_OK)
        rc = cat ? store_category_rename(ui.st, ui.year, picked_pool, picked_cat, text)
                 : store_pool_rename(ui.st, ui.year, picked_pool, text);
    char done[600];
    snprintf(done, sizeof done, "%s %s 改名为 %s%s", cat ? "类别" : "考核组",
             cat ? picked_cat : picked_pool, text, cat ? "" : " (本年度起)");
    finish(arg, rc, cat ? picked_pool : text, cat ? text : NULL, done);
}

int structure_rename(void *self)
{
    if (take_pick(self, false))
        prompt_text(picked_cat[0] ? "类别改名" : "考核组改名", "新名称:",
                    picked_cat[0] ? picked_cat : picked_pool, 30, rename_done, self);
    return UI_HANDLED;
}

static void retire_yes(void *arg)
{
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_pool_retire(ui.st, ui.year, picked_pool);
    char done[320];
    snprintf(done, sizeof done, "%d 年度起停用考核组 %s", ui.year, picked_pool);
    finish(arg, rc, NULL, NULL, done);
}

int structure_retire_pool(void *self)
{
    if (!take_pick(self, false))
        return UI_HANDLED;
    char q[400];
    snprintf(q, sizeof q, "从 %d 年度起停用考核组 %s, 并删除它这些年度的类别? (y/N)", ui.year,
             picked_pool);
    prompt_confirm(q, retire_yes, NULL, self);
    return UI_HANDLED;
}

static int move(void *self, int by)
{
    if (!take_pick(self, false))
        return UI_HANDLED;
    size_t n;
    char **p = pools_fn(self, &n), *order[64];
    size_t at = 0;
    for (size_t i = 0; i < n && i < 64; i++) {
        order[i] = p[i];
        at = strcmp(p[i], picked_pool) == 0 ? i : at;
    }
    if (n > 64 || (by < 0 && at == 0) || (by > 0 && at + 1 >= n)) { /* said, not ignored */
        ui_error("%s 已是%s一个考核组", picked_pool, by < 0 ? "第" : "最后");
        return UI_HANDLED;
    }
    size_t other = by < 0 ? at - 1 : at + 1;
    char *t = order[at];
    order[at] = order[other], order[other] = t;
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_pool_reorder(ui.st, ui.year, order, n);
    finish(self, rc, picked_pool, picked_cat[0] ? picked_cat : NULL,
           "已调整考核组的排名顺序 (本年度起)");
    return UI_HANDLED;
}

int structure_move_up(void *self)
{
    return move(self, -1);
}

int structure_move_down(void *self)
{
    return move(self, 1);
}

/* "NAME POINTS [类别=分值 ...]": the first two words, and where the rest starts. */
static bool split_add(const char *text, char *name, size_t namesz, double *pts, const char **rest)
{
    const char *sp = strchr(text, ' ');
    char why[128], num[64];
    if (!sp || (size_t)(sp - text) >= namesz)
        return false;
    memcpy(name, text, (size_t)(sp - text));
    name[sp - text] = '\0';
    while (*sp == ' ')
        sp++;
    size_t len = strcspn(sp, " ");
    if (len == 0 || len >= sizeof num)
        return false;
    memcpy(num, sp, len);
    num[len] = '\0';
    *rest = sp + len;
    return field_parse_number(num, false, pts, why, sizeof why);
}

static void add_category_done(void *arg, const char *text)
{
    char name[256];
    double pts;
    const char *rest;
    if (!*text)
        return;
    if (!split_add(text, name, sizeof name, &pts, &rest)) {
        ui_error("应为 类别名 分值 [其他类别=分值 ...], 如 村级事务 5 经济发展=15");
        return;
    }
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_category_add(ui.st, ui.year, picked_pool, name, pts);
    if (rc == STORE_OK)
        rc = apply_sets(rest);
    char done[600];
    snprintf(done, sizeof done, "%s 添加类别 %s", picked_pool, name);
    finish(arg, rc, picked_pool, name, done);
}

int structure_add_category(void *self)
{
    if (take_pick(self, false))
        prompt_text("添加类别", "类别名 分值 [其他类别=新分值 ...] (合计须不变):", "", 50,
                    add_category_done, self);
    return UI_HANDLED;
}

static void points_done(void *arg, const char *text)
{
    char sets[600];
    if (!*text)
        return;
    /* "15 社会发展=20" is this category's points, then the others' */
    snprintf(sets, sizeof sets, "%s=%s", picked_cat, text);
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = apply_sets(sets);
    char done[320];
    snprintf(done, sizeof done, "%s 的类别分值已修改", picked_pool);
    finish(arg, rc, picked_pool, picked_cat, done);
}

int structure_set_points(void *self)
{
    struct structure_pick p = pick_fn(self);
    if (!take_pick(self, true))
        return UI_HANDLED;
    char now[32];
    score_fmt_plain(p.points, now, sizeof now);
    prompt_text("修改分值", "新分值 [其他类别=新分值 ...] (合计须不变):", now, 40, points_done,
                self);
    return UI_HANDLED;
}

static void delete_done(void *arg, const char *text)
{
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_category_delete(ui.st, ui.year, picked_pool, picked_cat);
    if (rc == STORE_OK)
        rc = apply_sets(text);
    char done[600];
    snprintf(done, sizeof done, "%s 删除类别 %s", picked_pool, picked_cat);
    finish(arg, rc, picked_pool, NULL, done);
}

int structure_delete_category(void *self)
{
    if (take_pick(self, true))
        prompt_text("删除类别", "其他类别=新分值 ... (合计须不变; 可空), Enter 删除:", "", 50,
                    delete_done, self);
    return UI_HANDLED;
}
