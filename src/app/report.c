/* What every report shares: its title, who made it, its file name, and the one way it reaches
 * a file (io/outfile.h + io/xlsx_report.h). */
#include <stdio.h>
#include <stdlib.h>

#include "app/report.h"
#include "app/report_internal.h"
#include "io/outfile.h"
#include "io/xlsx_report.h"
#include "model/xmalloc.h"

int app_report_save(struct report *r, const char *path, const char *db_path, bool force,
                    char *err, size_t errsz)
{
    struct outfile out;
    err[0] = '\0';
    enum outfile_status os = outfile_open(&out, path, db_path,
                                          OUTFILE_BY_NAME | (force ? OUTFILE_FORCE : 0), err, errsz);
    if (os != OUTFILE_OK)
        return os;
    bool ok = xlsx_report_write(r, out.tmp, err, errsz);
    char close_err[512] = "";
    bool written = outfile_close(&out, ok, close_err, sizeof close_err);
    if (ok && !written)
        snprintf(err, errsz, "%s", close_err[0] ? close_err : "无法写入文件");
    return written ? OUTFILE_OK : OUTFILE_FAILED;
}

void app_report_file_name(enum report_doc d, int year, int quarter, char *out, size_t outsz)
{
    if (d == REPORT_MONITOR)
        snprintf(out, outsz, "双监控通报_%d_第%d季度.xlsx", year, quarter);
    else
        snprintf(out, outsz, "%s_%d.xlsx", d == REPORT_RESULTS ? "考核结果通报" : "整改清单", year);
}

char *report_title(const struct report_meta *m, const char *what)
{
    return m->county && *m->county ? xasprintf("%s %s", m->county, what) : xstrdup(what);
}

void app_report_meta(struct report_meta *m, const char *county, const char *office,
                     const char *today)
{
    m->county = county ? county : getenv("KAOPING_COUNTY");
    m->office = office ? office : getenv("KAOPING_OFFICE");
    m->today = today;
}
