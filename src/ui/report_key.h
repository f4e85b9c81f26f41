/* `p` on 排名结果, 双监控 and 整改: the same printed report `kaoping report` writes
 * (app/report.h), after a prompt for the file name (default: beside the database, named as
 * the command line names it). An existing file is replaced only after a y. */
#ifndef KAOPING_UI_REPORT_KEY_H
#define KAOPING_UI_REPORT_KEY_H

#include "app/report.h"

/* Opens the file-name prompt for report doc of the year (and quarter, for 双监控). */
void ui_report_prompt(enum report_doc doc, int year, int quarter);

#endif
