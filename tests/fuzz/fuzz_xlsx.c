/* libFuzzer harness: arbitrary bytes as an .xlsx workbook through the streaming reader
 * (libzip, expat, shared strings, styles, the sheet) — issue 12 asks the fuzz harness to cover
 * the xlsx reader. The reader opens a path (libzip needs a seekable file), so each input is
 * written to one scratch file per process. Every error line and every cell must be valid UTF-8
 * and the reader must stop by itself (rows are capped here only to bound a run's time).
 * Run (docs/xlsx.md): cmake --preset fuzz && cmake --build --preset fuzz --target fuzz_xlsx &&
 *      mkdir -p build/fuzz/corpus-xlsx && build/fuzz/tests/fuzz_xlsx -max_total_time=60
 *      build/fuzz/corpus-xlsx SEED_DIR   (seeds: any small .xlsx files, e.g. the test fixtures) */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io/xlsx_read.h"
#include "model/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void must_be_utf8(const char *s)
{
    if (!text_valid_utf8(s, strlen(s)))
        __builtin_trap();
}

static const char *scratch_path(void)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/fuzz_xlsx_%ld.xlsx", (long)getpid());
    return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = scratch_path();
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    size_t written = fwrite(data, 1, size, f);
    fclose(f);
    if (written != size)
        return 0;
    char err[512] = "";
    struct xlsx_reader *r = xlsx_open(path, NULL, err, sizeof err);
    if (!r) {
        must_be_utf8(err);
        return 0;
    }
    must_be_utf8(xlsx_sheet_name(r));
    struct xlsx_row row;
    int st = 0;
    for (int n = 0; n < 10000 && (st = xlsx_next(r, &row, err, sizeof err)) == 1; n++) {
        for (size_t i = 0; i < row.n; i++)
            must_be_utf8(row.cells[i]);
        xlsx_row_free(&row);
    }
    if (st < 0)
        must_be_utf8(err);
    xlsx_close(r);
    return 0;
}
