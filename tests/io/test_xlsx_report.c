/* A report sheet filled while it is written (model/report.h report_filler): the writer takes
 * its rows at each flush and empties the sheet, so no more than a flush's rows are ever held,
 * and every row reaches the file in order after the rows of the sheets before (a province's
 * 双监控 warnings: 375 MB when they were held cell by cell). Read back through io/xlsx_read. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/xlsx_read.h"
#include "io/xlsx_report.h"
#include "model/report.h"
#include "model/xmalloc.h"

#define ROWS 3000
#define FLUSH 100

struct filled {
    size_t most_held; /* the most rows the sheet held at once */
    bool freed;
};

static int fill(void *ctx, struct report *r, report_flush_fn flush, void *wctx, char *err,
                size_t errsz)
{
    struct filled *f = ctx;
    (void)err, (void)errsz;
    struct report_sheet *s = &r->sheets[r->n_sheets - 1];
    report_section(r, "红色预警 (3000 项)");
    for (int i = 0; i < ROWS; i++) {
        char code[16];
        snprintf(code, sizeof code, "U%04d", i);
        report_row(r);
        report_text(r, code);
        report_hundredths(r, i);
        if (s->n_rows > f->most_held)
            f->most_held = s->n_rows;
        if ((i + 1) % FLUSH == 0) {
            flush(wctx, r);
            assert_int_equal(s->n_rows, 0); /* written and freed */
        }
    }
    report_note(r, "无");
    return 0;
}

static void done(void *ctx)
{
    ((struct filled *)ctx)->freed = true;
}

static void a_filled_sheet_streams_to_the_file(void **state)
{
    (void)state;
    char *dir = test_tmpdir(), *path = xasprintf("%s/r.xlsx", dir), err[512] = "";
    struct filled f = {0};
    struct report r;
    report_init(&r, "办公室", "2026-12-02");
    static const char *const cols[] = {"单位编码", "滞后"};
    report_sheet_add(&r, "前", "标题", NULL, cols, 2);
    report_row(&r);
    report_text(&r, "A1");
    report_hundredths(&r, 150);
    report_sheet_add(&r, "预警", "标题", "副标题", cols, 2);
    report_sheet_fill(&r, (struct report_filler){fill, done, &f});
    assert_true(xlsx_report_write(&r, path, err, sizeof err));
    assert_true(f.most_held <= FLUSH + 1); /* the section row rides with the first flush */
    assert_int_equal(r.sheets[1].n_rows + r.sheets[1].n_cleared, ROWS + 2);
    report_free(&r);
    assert_true(f.freed);

    struct xlsx_reader *x = xlsx_open(path, "预警", err, sizeof err);
    assert_non_null(x);
    struct xlsx_row row;
    long want = 4, n = 0; /* title, subtitle, headers, then the rows */
    while (xlsx_next(x, &row, err, sizeof err) == 1) {
        if (row.row >= 4) {
            assert_int_equal(row.row, want++);
            char code[32];
            snprintf(code, sizeof code, "U%04ld", n - 1);
            if (row.row == 4)
                assert_string_equal(row.cells[0], "红色预警 (3000 项)");
            else if (row.row < 4 + ROWS + 1)
                assert_string_equal(row.cells[0], code);
            else
                assert_string_equal(row.cells[0], "无");
            n++;
        }
        xlsx_row_free(&row);
    }
    assert_int_equal(n, ROWS + 2);
    xlsx_close(x);
    test_rmtree(dir);
    free(dir), free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_filled_sheet_streams_to_the_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
