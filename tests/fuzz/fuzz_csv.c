/* libFuzzer harness: arbitrary bytes through the CSV reader (encoding detection, libcsv,
 * line counting, trimming) and, when they parse, through the validation of every kind.
 * Run (docs/csv.md): cmake --preset fuzz && cmake --build --preset fuzz --target fuzz_csv &&
 *      mkdir -p build/fuzz/corpus &&
 *      build/fuzz/tests/fuzz_csv -max_total_time=60 build/fuzz/corpus tests/data/csv */
#include <stddef.h>
#include <stdint.h>

#include "io/csv_read.h"
#include "io/import_rows.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_table t;
    char err[512];
    if (!csv_read_buffer((const char *)data, size, &t, err, sizeof err))
        return 0;
    for (int k = 0; k < IMPORT_KIND_COUNT; k++) {
        struct import_problems p;
        struct import_batch b;
        import_problems_init(&p, "fuzz.csv");
        import_parse((enum import_kind)k, &t, &b, &p);
        import_batch_free(&b);
        import_problems_free(&p);
    }
    csv_table_free(&t);
    return 0;
}
