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

static struct rectify_source source; /* of the form on screen (one at a time) */

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
static bool ask_deadline(struct entry *e, char *q, size_t qsz, char *no, size_t nosz)
{
    char today[11];
    ui_today(today);
    const char *deadline = entry_get(e, "deadline");
    if (strcmp(deadline, today) >= 0)
        return false;
    snprintf(q, qsz, "期限 %s 早于今天, 这条整改一登记就逾期, 仍要保存? (y/N)", deadline);
    snprintf(no, nosz, "期限 %s 早于今天, 请改正", deadline);
    return true;
}

static int save(struct entry *e, char *err, size_t errsz)
{
    struct rectification r = {0};
    r.year = ui.year;
    snprintf(r.unit, sizeof r.unit, "%s", source.unit);
    r.text = (char *)entry_get(e, "text");
    snprintf(r.deadline, sizeof r.deadline, "%s", entry_get(e, "deadline"));
    snprintf(r.source_item, sizeof r.source_item, "%s", source.item);
    r.source_quarter = source.item[0] ? source.quarter : 0;
    snprintf(r.source_ledger, sizeof r.source_ledger, "%s", source.ledger);
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

/* "<subject>, <rest>" within `width` columns: the subject gives way. */
static void fit_text(char *buf, size_t sz, const char *subject, const char *rest, int width)
{
    int room = width - text_width(rest) - 2;
    size_t keep = room > 0 ? text_prefix_bytes(subject, room) : 0;
    snprintf(buf, sz, "%.*s%s%s", (int)keep, subject, keep ? ", " : "", rest);
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

/* The form being raised: kept from the push until the twin question is answered. */
static char pending_text[512], pending_about[256];

static void push_form(void *arg)
{
    (void)arg;
    struct entry *e = entry_new(formspec_get(ui.forms, "rectify"));
    char deadline[11];
    default_deadline(deadline);
    entry_set(e, "deadline", deadline);
    entry_set(e, "text", pending_text);
    entry_context(e, pending_about);
    struct ui_form_request req = {.entry = e, .save = save, .ask = ask_deadline};
    ui_push(&screen_form, &req);
}

void rectify_form_push(const struct rectify_source *src, const char *subject, const char *rest,
                       const char *about)
{
    source = *src;
    const struct fs_form *spec = formspec_get(ui.forms, "rectify");
    fit_text(pending_text, sizeof pending_text, subject, rest,
             spec->fields[formspec_field_index(spec, "text")].width);
    snprintf(pending_about, sizeof pending_about, "%s", about);
    char twin[11];
    open_twin(src, twin);
    if (!twin[0]) {
        push_form(NULL);
        return;
    }
    char q[160];
    snprintf(q, sizeof q, "这一条已有未完成的整改 (期限 %s), 仍要再登记一条? (y/N)", twin);
    prompt_confirm(q, push_form, NULL, NULL);
}
