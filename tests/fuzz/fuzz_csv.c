/* libFuzzer harness: arbitrary bytes through the CSV reader (encoding detection, libcsv,
 * line counting, trimming) and, when they parse, through the validation of every kind. Every
 * problem message must be valid UTF-8 (messages cut long values between characters; issue 12),
 * and every row that passes must hold numbers and text within model/limits.h.
 * Run (docs/csv.md): cmake --preset fuzz && cmake --build --preset fuzz --target fuzz_csv &&
 *      mkdir -p build/fuzz/corpus &&
 *      build/fuzz/tests/fuzz_csv -max_total_time=60 build/fuzz/corpus tests/data/csv */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "app/kinds.h"
#include "io/csv_read.h"
#include "io/import_rows.h"
#include "model/limits.h"
#include "model/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void messages_are_utf8(const struct import_problems *p)
{
    size_t n = p->n_errors < IMPORT_MAX_SHOWN ? p->n_errors : IMPORT_MAX_SHOWN;
    for (size_t i = 0; i < n; i++)
        if (!text_valid_utf8(p->errors[i], strlen(p->errors[i])))
            __builtin_trap();
}

static void in_limits(enum limit_num k, double v)
{
    char why[128];
    if (!limits_check_number(k, v, why, sizeof why))
        __builtin_trap();
}

/* What a passing row holds (the kinds with numbers; text is checked the same way). */
static void rows_are_bounded(const struct import_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        const struct import_row *r = &b->rows[i];
        if (strcmp(b->kind->name, "targets") == 0) {
            in_limits(LIMIT_ITEM_POINTS, r->v.target.points);
            in_limits(LIMIT_AMOUNT, r->v.target.target);
            in_limits(LIMIT_MONEY, r->v.target.budget);
        } else if (strcmp(b->kind->name, "progress") == 0) {
            in_limits(LIMIT_AMOUNT, r->v.progress.p.actual);
        } else if (strcmp(b->kind->name, "ledger") == 0 && r->v.ledger.type != LEDGER_VETO) {
            in_limits(LIMIT_LEDGER_POINTS, r->v.ledger.points);
        } else if (strcmp(b->kind->name, "appraisals") == 0) {
            in_limits(LIMIT_APPRAISAL, r->v.appraisal.score);
        } else if (strcmp(b->kind->name, "units") == 0) {
            char why[256];
            if (!limits_check_text(LIMIT_NAME, r->v.unit.name, why, sizeof why))
                __builtin_trap();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_table t;
    char err[512];
    if (!csv_read_buffer((const char *)data, size, &t, err, sizeof err))
        return 0;
    for (size_t k = 0; data_kinds[k]; k++) {
        if (!kind_importable(data_kinds[k]))
            continue;
        struct import_problems p;
        struct import_batch b;
        import_problems_init(&p, "fuzz.csv");
        import_parse(data_kinds[k], &t, &b, &p);
        messages_are_utf8(&p);
        rows_are_bounded(&b);
        import_batch_free(&b);
        import_problems_free(&p);
    }
    csv_table_free(&t);
    return 0;
}
