/* Shared by app/report_*.c only. */
#ifndef KAOPING_APP_REPORT_INTERNAL_H
#define KAOPING_APP_REPORT_INTERNAL_H

#include "app/report.h"

/* "奇台县 2026 年度…": the county (when known) before what the document is; malloc'd. */
char *report_title(const struct report_meta *m, const char *what);

#endif
