/* The report key: a prompt for the file name, then build and write through app/report.h. The
 * prompt's callbacks carry the request in one static slot: only one prompt is ever open. */
#include "ui/report_key.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "io/outfile.h"
#include "model/text.h"
#include "ui/app.h"
#include "ui/prompt.h"

static struct {
    enum report_doc doc;
    int year, quarter;
    char path[4096];
} req;

static int build(struct report *r)
{
    char today[11];
    ui_today(today);
    struct report_meta m;
    app_report_meta(&m, NULL, NULL, today);
    switch (req.doc) {
    case REPORT_MONITOR:
        return app_report_monitor(ui.st, req.year, req.quarter, &m, r);
    case REPORT_RECTIFY:
        return app_report_rectify(ui.st, req.year, &m, r);
    case REPORT_RESULTS:
        break;
    }
    return app_report_results(ui.st, req.year, STAGE_YEAR, &m, r);
}

static void write_report(bool force)
{
    struct report r;
    int rc = build(&r);
    if (rc != STORE_OK) {
        ui_error("生成报表失败: %s", store_errmsg(ui.st));
        return;
    }
    char err[1024];
    int os = app_report_save(&r, req.path, ui.db_path, force, err, sizeof err);
    report_free(&r);
    if (os == OUTFILE_OK) {
        const char *base = strrchr(req.path, '/');
        char msg[4200];
        snprintf(msg, sizeof msg, "已生成报表 → %s", req.path);
        if (text_width(msg) > COLS - 2 && base)
            snprintf(msg, sizeof msg, "已生成报表 → %s", base + 1);
        ui_status("%s", msg);
    } else {
        ui_error("%s", err);
    }
}

static void overwrite_yes(void *arg)
{
    (void)arg;
    write_report(true);
}

static void named(void *arg, const char *text)
{
    (void)arg;
    if (!*text) {
        ui_status("没有生成报表");
        return;
    }
    snprintf(req.path, sizeof req.path, "%s", text);
    FILE *exists = fopen(req.path, "rb");
    if (!exists) {
        write_report(false);
        return;
    }
    fclose(exists);
    const char *base = strrchr(req.path, '/');
    char q[256];
    snprintf(q, sizeof q, "%.160s 已存在, 覆盖? (y/N)", base ? base + 1 : req.path);
    prompt_confirm(q, overwrite_yes, NULL, NULL);
}

/* <folder of the database>/<the command line's default name>. */
static void default_path(char *out, size_t outsz)
{
    char name[256];
    app_report_file_name(req.doc, req.year, req.quarter, name, sizeof name);
    const char *slash = strrchr(ui.db_path, '/');
    if (!slash)
        snprintf(out, outsz, "%s", name);
    else
        snprintf(out, outsz, "%.*s/%s", (int)(slash - ui.db_path), ui.db_path, name);
}

void ui_report_prompt(enum report_doc doc, int year, int quarter)
{
    if (!year) {
        ui_status("还没有年度, 没有可生成的报表");
        return;
    }
    req.doc = doc, req.year = year, req.quarter = quarter;
    char path[4096];
    default_path(path, sizeof path);
    int width = COLS - 16; /* the dialog's frame and label around the field */
    if (text_width(path) > width) /* a deep folder: the name alone, in the current folder */
        app_report_file_name(doc, year, quarter, path, sizeof path);
    prompt_text("生成报表 (.xlsx, 供打印)", "文件名", path, width, named, NULL);
}
