/* An .xlsx sheet as a row source of io/rows.h (rows_open picks it by the ZIP signature). */
#ifndef KAOPING_IO_XLSX_ROWS_H
#define KAOPING_IO_XLSX_ROWS_H

#include <stddef.h>

#include "io/rows.h"

/* Opens the sheet called `sheet` (NULL: the first) of the workbook at path. NULL on failure,
 * with one line in err starting with the path. */
struct rows *xlsx_rows_open(const char *path, const char *sheet, char *err, size_t errsz);

#endif
