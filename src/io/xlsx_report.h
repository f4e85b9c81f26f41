/* A report (model/report.h) written as an .xlsx workbook laid out for printing: A4 landscape,
 * fitted to one page wide, the title on top, the column header row repeated on every printed
 * page, section headings across the sheet, numbers kept with two decimals, and a footer with
 * 制表单位, page number and 制表日期 (docs/xlsx.md "Reports"). */
#ifndef KAOPING_IO_XLSX_REPORT_H
#define KAOPING_IO_XLSX_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/report.h"

/* Writes r to path by name (the caller's temp file, renamed into place by io/outfile.h).
 * False with one line in err on failure; a sheet past an .xlsx sheet's rows or columns
 * (io/xlsx_write.h xlsx_sheet_fits) is refused before the file is created. A sheet with a
 * filler (model/report.h) is filled while it is written, its rows emptied as they go to disk
 * (r changes so); past the limit, it fails at its end. */
bool xlsx_report_write(struct report *r, const char *path, char *err, size_t errsz);

#endif
