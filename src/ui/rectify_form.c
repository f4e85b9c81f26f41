/* The prefilled `rectify` form and its save (see rectify_form.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db/rectify.h"
#include "model/text.h"
#include "ui/app.h"
#include "ui/entry.h"
#include "ui/formspec.h"
#include "ui/prompt.h"
#include "ui/rectify_form.h"
#include "ui/screens.h"

/* 30 days from today: the office's usual notice period. */
static void default_deadline(char out[11])
{
    char today[11];
    ui_today(today);
    struct tm tm = {0};
    sscanf(today, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_mday += 30;
    tm.tm_hour = 12; /* clear of any daylight-saving edge */
    mktime(&tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* A past deadline is allowed (a notice entered late), but asked about. */
static bool ask_deadline(void *ctx, struct entry *e, char *q, size_t qsz, char *no, size_t nosz)
{
    (void)ctx;
    char today[11];
    ui_today(today);
    const char *deadline = entry_get(e, "deadline");
    if (strcmp(deadline, today) >= 0)
        return false;
    snprintf(q, qsz, "期限 %s 早于今天, 这条整改一登记就逾期, 仍要保存? (y/N)", deadline);
    snprintf(no, nosz, "期限 %s 早于今天, 请改正", deadline);
    return true;
}

/* ctx: the form's own copy of the source (ctx_size). */
static int save(void *ctx, struct entry *e, char *err, size_t errsz)
{
    const struct rectify_source *source = ctx;
    struct rectification r = {0};
    r.year = ui.year;
    snprintf(r.unit, sizeof r.unit, "%s", source->unit);
    r.text = (char *)entry_get(e, "text");
    snprintf(r.deadline, sizeof r.deadline, "%s", entry_get(e, "deadline"));
    snprintf(r.source_item, sizeof r.source_item, "%s", source->item);
    r.source_quarter = source->item[0] ? source->quarter : 0;
    snprintf(r.source_ledger, sizeof r.source_ledger, "%s", source->ledger);
    ui_today(r.created);
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_rectify_add(ui.st, &r);
    rc = store_end(ui.st, rc);
    if (rc != STORE_OK) {
        snprintf(err, errsz, "%s", store_errmsg(ui.st));
        return rc;
    }
    return 0;
}

/* Where a prefilled text may be cut: before a space or a punctuation mark. */
static bool boundary(const char *p)
{
    static const char *const marks[] = {" ", ",", ";", "(", "/", "，", "、", "；", "。", "（", "："};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (strncmp(p, marks[i], strlen(marks[i])) == 0)
            return true;
    return false;
}

/* The longest prefix of s within `room` columns that ends at a word boundary: the whole of s
 * when it fits, else up to a space or punctuation mark, else nothing (a word is never cut:
 * 年度业务目标 is not shortened to 年度业务). */
static size_t whole_words(const char *s, int room)
{
    if (room <= 0)
        return 0;
    size_t fit = text_prefix_bytes(s, room);
    if (s[fit] == '\0')
        return fit;
    for (size_t n = fit; n > 0; n--)
        if (boundary(s + n))
            return n;
    return 0;
}

/* "<subject>, <rest>" within `width` columns: the subject gives way, by whole words. */
static void fit_text(char *buf, size_t sz, const char *subject, const char *rest, int width)
{
    size_t keep = whole_words(subject, width - text_width(rest) - 2);
    while (keep > 0 && subject[keep - 1] == ' ')
        keep--;
    snprintf(buf, sz, "%.*s%s%s", (int)keep, subject, keep && *rest ? ", " : "", rest);
}

/* An open rectification raised from the same warning or record: its deadline, or "". */
static void open_twin(const struct rectify_source *src, char deadline[11])
{
    deadline[0] = '\0';
    char today[11];
    ui_today(today);
    struct rectification *r;
    size_t n;
    if (store_rectify_list(ui.st, ui.year, src->unit, RECT_FILTER_OPEN, today, &r, &n) != STORE_OK)
        return;
    for (size_t i = 0; i < n && !deadline[0]; i++) {
        bool same = src->item[0] ? strcmp(r[i].source_item, src->item) == 0 &&
                                       r[i].source_quarter == src->quarter
                                 : src->ledger[0] && strcmp(r[i].source_ledger, src->ledger) == 0;
        if (same)
            snprintf(deadline, 11, "%s", r[i].deadline);
    }
    store_free_rectifications(r, n);
}

/* The form being raised: kept from rectify_form_push until the twin question is answered (the
 * prompt's state: one prompt at a time, prompt.h); the form gets its own copy of the source. */
static struct pending {
    struct rectify_source source;
    char text[512], about[256];
} pending;

static void push_form(void *arg)
{
    const struct pending *p = arg;
    struct entry *e = entry_new(formspec_get(ui.forms, "rectify"));
    char deadline[11];
    default_deadline(deadline);
    entry_set(e, "deadline", deadline);
    entry_set(e, "text", p->text);
    if (!p->text[0]) /* nothing prefilled: the operator types the requirement first */
        entry_focus(e, "text");
    entry_context(e, p->about);
    struct ui_form_request req = {.entry = e,
                                  .ctx = (void *)&p->source,
                                  .ctx_size = sizeof p->source,
                                  .save = save,
                                  .ask = ask_deadline};
    ui_push(&screen_form, &req);
}

void rectify_form_new(const char *unit, const char *about)
{
    struct pending p = {0};
    snprintf(p.source.unit, sizeof p.source.unit, "%s", unit);
    snprintf(p.about, sizeof p.about, "%s", about);
    push_form(&p);
}

/* ctx: the form's own copy of the record's id (ctx_size). */
static int save_edit(void *ctx, struct entry *e, char *err, size_t errsz)
{
    const char *id = ctx;
    int rc = store_begin(ui.st);
    if (rc == STORE_OK)
        rc = store_rectify_edit(ui.st, id, entry_get(e, "text"), entry_get(e, "deadline"));
    rc = store_end(ui.st, rc);
    if (rc != STORE_OK) {
        snprintf(err, errsz, "%s", store_errmsg(ui.st));
        return rc;
    }
    return 0;
}

void rectify_form_edit(const struct rectification *r, const char *about)
{
    struct entry *e = entry_new(formspec_get(ui.forms, "rectify"));
    entry_set(e, "deadline", r->deadline);
    entry_set(e, "text", r->text);
    entry_retitle(e, "修改整改");
    entry_context(e, about);
    struct ui_form_request req = {
        .entry = e, .ctx = (void *)r->id, .ctx_size = sizeof r->id, .save = save_edit};
    ui_push(&screen_form, &req);
}

void rectify_form_push(const struct rectify_source *src, const char *subject, const char *rest,
                       const char *about)
{
    pending.source = *src;
    const struct fs_form *spec = formspec_get(ui.forms, "rectify");
    fit_text(pending.text, sizeof pending.text, subject, rest,
             spec->fields[formspec_field_index(spec, "text")].width);
    snprintf(pending.about, sizeof pending.about, "%s", about);
    char twin[11];
    open_twin(src, twin);
    if (!twin[0]) {
        push_form(&pending);
        return;
    }
    char q[160];
    snprintf(q, sizeof q, "这一条已有未完成的整改 (期限 %s), 仍要再登记一条? (y/N)", twin);
    prompt_confirm(q, push_form, NULL, &pending);
}
