/* Reads every row of one sheet of an .xlsx workbook through io/xlsx_read and prints the count:
 * the streaming reader's own time and peak memory, without the import around it
 * (bench/xlsx_import.sh). Usage: xlsx_scan FILE.xlsx [SHEET] */
#include <stdio.h>

#include "io/xlsx_read.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: xlsx_scan FILE.xlsx [SHEET]\n");
        return 2;
    }
    char err[512];
    struct xlsx_reader *r = xlsx_open(argv[1], argc > 2 ? argv[2] : NULL, err, sizeof err);
    if (!r) {
        fprintf(stderr, "%s: %s\n", argv[1], err);
        return 3;
    }
    struct xlsx_row row;
    long rows = 0, cells = 0;
    int rc;
    while ((rc = xlsx_next(r, &row, err, sizeof err)) == 1) {
        rows++;
        cells += (long)row.n;
        xlsx_row_free(&row);
    }
    xlsx_close(r);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", argv[1], err);
        return 3;
    }
    printf("%ld rows, %ld cells\n", rows, cells);
    return 0;
}
