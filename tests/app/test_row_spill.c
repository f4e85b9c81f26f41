/* The spill of parsed rows (io/row_spill.h) that feeds the streamed import's second pass: every
 * progress row read back is the row parsed, field for field; records longer than the spill's
 * buffer; a damaged temp file and one that cannot be made are refused with a message. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/kinds.h"
#include "io/import_rows.h"
#include "io/row_spill.h"
#include "model/xmalloc.h"

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Every field parse_progress sets (and the row's own), bit for bit. */
static void assert_same_progress(const struct import_row *a, const struct import_row *b)
{
    const struct quarter_progress *p = &a->v.progress.p, *q = &b->v.progress.p;
    assert_int_equal(a->line, b->line);
    assert_int_equal(a->year, b->year);
    assert_true(same_text(a->unit, b->unit));
    assert_int_equal(a->derived_id, b->derived_id);
    assert_int_equal(a->stored, b->stored);
    assert_true(same_text(a->v.progress.item, b->v.progress.item));
    assert_int_equal(a->v.progress.quarter, b->v.progress.quarter);
    assert_int_equal(p->present, q->present);
    assert_int_equal(p->no_actual, q->no_actual);
    assert_int_equal(p->has_spent, q->has_spent);
    assert_int_equal(p->has_score, q->has_score);
    assert_memory_equal(&p->actual, &q->actual, sizeof p->actual);
    assert_memory_equal(&p->spent, &q->spent, sizeof p->spent);
    assert_memory_equal(&p->score, &q->score, sizeof p->score);
    assert_true(same_text(p->note, q->note));
    assert_true(same_text(p->deviation, q->deviation));
    assert_true(same_text(p->action, q->action));
    assert_int_equal(p->decision, q->decision);
    assert_memory_equal(p->decision_on, q->decision_on, sizeof p->decision_on);
    assert_int_equal(p->corrected, q->corrected);
}

static const char progress_csv[] =
    "年度,单位编码,指标编码,季度,累计完成值,累计支出,评分,备注,偏差原因,整改措施,处置决定,"
    "决定日期,更正\n"
    "2025,U0001,I01,1,7.9,,,,,,,,\n"
    "2025,U0001,I01,2,0.1,12.5,2.2,说明,\"含, 逗号与 \"\"引号\"\"\",措施,继续,2025-06-30,是\n"
    "2025,U0001,I02,3,,,88,,,,暂缓,2025-09-30,\n"
    "2026,长编码-单位-0002,指标/编码,4,123456789012.5,0,0,备注,,,,,否\n"
    "2025,U0003,I01,2,1000.25,3.14159265358979,100,,,,停止,2025-12-31,\n";

static void progress_rows_come_back_as_parsed(void **state)
{
    (void)state;
    const struct data_kind *kind = kind_find("progress");
    struct csv_table t;
    struct import_batch b;
    struct import_problems p;
    char err[512];
    assert_true(csv_read_buffer(progress_csv, strlen(progress_csv), &t, err, sizeof err));
    import_problems_init(&p, "f.csv");
    bool ok = import_parse(kind, &t, &b, &p);
    for (size_t i = 0; i < p.n_errors && i < IMPORT_MAX_SHOWN; i++)
        fprintf(stderr, "%s\n", p.errors[i]);
    assert_true(ok);
    assert_int_equal(b.n, 5);
    struct row_spill *s = row_spill_open(kind, err, sizeof err);
    assert_non_null(s);
    for (int round = 0; round < 3; round++) /* more rows than one buffer holds after a while */
        for (size_t i = 0; i < b.n; i++)
            assert_true(row_spill_put(s, &b.rows[i]));
    assert_true(row_spill_rewind(s));
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < b.n; i++) {
            struct import_row r;
            assert_int_equal(row_spill_next(s, &r), 1);
            assert_same_progress(&b.rows[i], &r);
            import_row_free(kind, &r);
        }
    struct import_row end;
    assert_int_equal(row_spill_next(s, &end), 0);
    assert_null(row_spill_error(s));
    row_spill_close(s);
    import_batch_free(&b);
    import_problems_free(&p);
    csv_table_free(&t);
}

/* A kind of its own: every packing call, and texts longer than the spill's buffer. read_past:
 * its unpack reads one byte more than was packed (a damaged record). */
static bool read_past;

static void pack_test(struct spill_rec *w, const struct import_row *r)
{
    spill_put_int(w, -1), spill_put_int(w, 0), spill_put_int(w, 1LL << 62);
    spill_put_int(w, -(1LL << 62)), spill_put_num(w, r->v.progress.p.actual);
    spill_put_num(w, NAN), spill_put_text(w, NULL), spill_put_text(w, "");
    spill_put_text(w, r->v.progress.item), spill_put_bytes(w, "\0\1\2", 3);
}

static void unpack_test(struct spill_rec *rd, struct import_row *r)
{
    assert_true(spill_get_int(rd) == -1 && spill_get_int(rd) == 0);
    assert_true(spill_get_int(rd) == 1LL << 62 && spill_get_int(rd) == -(1LL << 62));
    r->v.progress.p.actual = spill_get_num(rd);
    assert_true(isnan(spill_get_num(rd)));
    assert_null(spill_get_text(rd));
    char *empty = spill_get_text(rd);
    assert_string_equal(empty, "");
    free(empty);
    r->v.progress.item = spill_get_text(rd);
    char three[3];
    spill_get_bytes(rd, three, 3);
    assert_memory_equal(three, "\0\1\2", 3);
    if (read_past)
        spill_get_bytes(rd, three, 1);
}

static void free_test(struct import_row *r)
{
    free(r->v.progress.item);
}

static const struct data_kind kind_test = {
    .name = "test", .free_row = free_test, .pack = pack_test, .unpack = unpack_test};

/* Two rows of kind_test, the first with a text longer than the spill's buffer. */
static struct row_spill *spill_two(char **text)
{
    char err[512];
    struct row_spill *s = row_spill_open(&kind_test, err, sizeof err);
    assert_non_null(s);
    size_t big = 700 * 1024;
    *text = xmalloc(big + 1);
    for (size_t i = 0; i < big; i++)
        (*text)[i] = (char)('a' + i % 26);
    (*text)[big] = '\0';
    char unit[] = "单位", short_item[] = "short";
    struct import_row r = {.line = 3000000000L, .year = -7, .unit = unit, .derived_id = true};
    r.v.progress.p.actual = -0.0;
    r.v.progress.item = *text;
    assert_true(row_spill_put(s, &r));
    r.v.progress.item = short_item;
    assert_true(row_spill_put(s, &r));
    assert_true(row_spill_rewind(s));
    return s;
}

static void long_records(void **state)
{
    (void)state;
    char *text;
    struct row_spill *s = spill_two(&text);
    struct import_row got;
    for (int i = 0; i < 2; i++) {
        assert_int_equal(row_spill_next(s, &got), 1);
        assert_int_equal(got.line, 3000000000L);
        assert_int_equal(got.year, -7);
        assert_string_equal(got.unit, "单位");
        assert_true(got.derived_id);
        assert_true(got.v.progress.p.actual == 0 && signbit(got.v.progress.p.actual));
        assert_string_equal(got.v.progress.item, i == 0 ? text : "short");
        import_row_free(&kind_test, &got);
    }
    assert_int_equal(row_spill_next(s, &got), 0);
    row_spill_close(s);
    free(text);
}

static void damaged_record(void **state)
{
    (void)state;
    char *text;
    struct row_spill *s = spill_two(&text);
    struct import_row got;
    read_past = true;
    assert_int_equal(row_spill_next(s, &got), -1);
    read_past = false;
    assert_non_null(strstr(row_spill_error(s), "读取导入用的临时文件"));
    row_spill_close(s);
    free(text);
}

static void no_temp_dir(void **state)
{
    (void)state;
    char err[512];
    setenv("TMPDIR", "/nonexistent/kaoping-test", 1);
    assert_null(row_spill_open(&kind_test, err, sizeof err));
    assert_non_null(strstr(err, "无法创建导入用的临时文件 /nonexistent/kaoping-test/"));
    assert_non_null(strstr(err, "TMPDIR"));
    unsetenv("TMPDIR");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(progress_rows_come_back_as_parsed),
        cmocka_unit_test(long_records),
        cmocka_unit_test(damaged_record),
        cmocka_unit_test(no_temp_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
