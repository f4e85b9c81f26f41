/* app/kinds: the table of data kinds. Every row is complete (names, columns, parser, key,
 * export writer, store writer), every imported kind reads back what it exports from the demo
 * county unchanged, and a kind defined in one file of its own (here, in this test) imports and
 * exports through the same pipeline with nothing else changed (docs/architecture.md). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/export.h"
#include "app/import.h"
#include "app/kinds.h"
#include "db/sources.h"
#include "db/store.h"
#include "db/units.h"
#include "io/csv_write.h"
#include "io/kind_row.h"
#include "io/rows.h"
#include "model/xmalloc.h"

static void column_names_distinct(const struct data_kind *k)
{
    for (size_t i = 0; i < k->n_cols; i++) {
        assert_true(k->cols[i].zh && *k->cols[i].zh);
        assert_true(k->cols[i].en && *k->cols[i].en);
        for (size_t j = 0; j < i; j++) {
            assert_string_not_equal(k->cols[i].zh, k->cols[j].zh);
            assert_int_not_equal(strcasecmp(k->cols[i].en, k->cols[j].en), 0);
        }
    }
}

static bool has_column(const struct data_kind *k, const char *zh)
{
    for (size_t i = 0; i < k->n_cols; i++)
        if (strcmp(k->cols[i].zh, zh) == 0)
            return true;
    return false;
}

static void every_row_is_complete(void **state)
{
    (void)state;
    size_t n = 0, importable = 0;
    for (size_t i = 0; data_kinds[i]; i++, n++) {
        const struct data_kind *k = data_kinds[i];
        assert_true(k->name && *k->name);
        assert_ptr_equal(kind_find(k->name), k); /* names are distinct */
        assert_true(k->sheet && *k->sheet);
        assert_true(k->n_cols > 0);
        assert_true(k->n_import_only < k->n_cols);
        column_names_distinct(k);
        assert_non_null(k->export_rows);
        if (!kind_importable(k)) { /* a result: exported only, nothing of import */
            assert_null(k->store);
            assert_null(k->free_row);
            assert_null(k->key);
            continue;
        }
        importable++;
        assert_true(k->n_cols <= IMPORT_MAX_COLUMNS); /* the batch's header holds them */
        assert_non_null(k->free_row);
        assert_non_null(k->key);
        assert_true(has_column(k, k->dup_column));
        assert_non_null(k->dup_text);
        assert_non_null(k->store);
        assert_non_null(k->store->put);
        /* a streamed file is checked a row at a time: it needs the row check */
        if (k->store->streamed)
            assert_non_null(k->store->check_row);
    }
    assert_int_equal(n, 9);
    assert_int_equal(importable, 7);
    assert_null(kind_find("widgets"));
    char names[256];
    kind_names(true, "、", " 或 ", names, sizeof names);
    assert_string_equal(names,
                        "units、targets、progress、ledger、appraisals、categories 或 scores");
    kind_names(false, "/", "/", names, sizeof names);
    assert_string_equal(
        names, "units/targets/progress/ledger/appraisals/categories/scores/ranking/monitor");
}

/* ---- through the store ---- */

static struct store *give_store(void *ctx)
{
    return ctx;
}

static char *read_all(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char *text = xcalloc(1, 1);
    size_t len = 0, got;
    char buf[4096];
    while ((got = fread(buf, 1, sizeof buf, fp)) > 0) {
        text = xrealloc(text, len + got + 1);
        memcpy(text + len, buf, got);
        text[len += got] = '\0';
    }
    fclose(fp);
    return text;
}

/* The kind's export for the year as a CSV file at path; returns its bytes (malloc'd). */
static char *export_csv(struct store *st, const struct data_kind *k, int year, const char *path,
                        size_t *rows)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    struct csv_writer w;
    csvw_begin(&w, fp);
    struct row_sink sink = rows_csv_sink(&w);
    struct export_scope scope = {k->per_year ? year : 0, 0, NULL};
    assert_int_equal(app_export_kind(st, k, &scope, &sink, rows), STORE_OK);
    assert_true(csvw_ok(&w));
    fclose(fp);
    return read_all(path);
}

static void import_csv(struct store *st, const struct data_kind *k, const char *path,
                       struct app_import_result *res)
{
    struct app_import_request req = {.kind = k, .file = path, .store = give_store, .ctx = st};
    app_import(&req, res);
}

/* A result (exported only) is refused before its file is opened. */
static void a_result_is_not_imported(void **state)
{
    (void)state;
    struct app_import_result res;
    import_csv(NULL, kind_find("ranking"), "/nonexistent/ranking.csv", &res);
    assert_int_equal(res.status, APP_IMPORT_INVALID);
    assert_string_equal(res.message, "ranking 是计算结果, 只能导出");
    app_import_result_free(&res);
}

/* The problems of an import expected to pass, shown when it did not. */
static void show_problems(const struct app_import_result *res)
{
    for (size_t i = 0; i < res->probs.n_errors && i < IMPORT_MAX_SHOWN; i++)
        print_error("%s\n", res->probs.errors[i]);
}

/* Export, import the file back, export again: the import changes nothing (every row
 * unchanged, none inserted or updated) and the second export is byte for byte the first. */
static size_t round_trip(struct store *st, const struct data_kind *k, int year, const char *dir)
{
    char *path = xasprintf("%s/%s-%d.csv", dir, k->name, year);
    size_t rows, again;
    char *first = export_csv(st, k, year, path, &rows);
    struct app_import_result res;
    import_csv(st, k, path, &res);
    show_problems(&res);
    assert_int_equal(res.status, APP_IMPORT_OK);
    assert_int_equal(res.rows, rows);
    assert_int_equal(res.counts[PUT_INSERTED], 0);
    assert_int_equal(res.counts[PUT_UPDATED], 0);
    assert_int_equal(res.counts[PUT_UNCHANGED], rows);
    app_import_result_free(&res);
    char *second = export_csv(st, k, year, path, &again);
    assert_string_equal(first, second);
    free(first), free(second), free(path);
    return rows;
}

/* The demo county has no score sources: 2026 gets one, and a score through the scores kind. */
static void add_score(struct store *st, const char *dir)
{
    char name[] = "领导评估";
    struct score_source src = {.name = name, .share = 10, .scale = SCALE_PERCENT};
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(store_sources_put(st, 2026, &src, 1), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    char *path = xasprintf("%s/score.csv", dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("年度,单位编码,来源,分值,评分单位,日期\n2026,T01,领导评估,90.5,县委,2026-03-01\n", fp);
    fclose(fp);
    struct app_import_result res;
    import_csv(st, kind_find("scores"), path, &res);
    show_problems(&res);
    assert_int_equal(res.status, APP_IMPORT_OK);
    assert_int_equal(res.counts[PUT_INSERTED], 1);
    app_import_result_free(&res);
    free(path);
}

/* Every imported kind in both years of the demo county (2025 complete, 2026 under way); each
 * kind has rows in one of them, scores once a source is added (last: a source's share changes
 * what the categories of its pools must add up to). */
static void every_kind_round_trips(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_demo(&dir);
    for (size_t i = 0; data_kinds[i]; i++) {
        const struct data_kind *k = data_kinds[i];
        if (!kind_importable(k))
            continue;
        size_t rows = round_trip(st, k, 2025, dir) + round_trip(st, k, 2026, dir);
        assert_true(rows > 0 || strcmp(k->name, "scores") == 0);
    }
    add_score(st, dir);
    assert_int_equal(round_trip(st, kind_find("scores"), 2026, dir), 1);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

/* ---- a kind of its own, in one file (this one) ---- */

/* Its row value is its own struct, kept in the row's value (io/import_rows.h). */
struct mark {
    double score;
};

enum { M_YEAR, M_UNIT, M_SCORE };
static const struct import_column mark_cols[] = {
    {"年度", "year", true}, {"单位编码", "unit", true}, {"评议分", "mark", true}};

static void parse_mark(struct rowctx *c, struct import_row *r)
{
    r->year = krow_year(c, M_YEAR);
    r->unit = krow_code(c, M_UNIT, true);
    krow_number(c, M_SCORE, true, LIMIT_APPRAISAL, &IMPORT_ROW_VALUE(r, struct mark)->score);
}

static void free_mark(struct import_row *r)
{
    (void)r;
}

static char *key_mark(const struct import_row *r)
{
    return xasprintf("%d\x1f%s", r->year, r->unit);
}

static size_t export_marks(const struct export_source *src, const struct row_sink *out)
{
    size_t rows = 0;
    for (size_t i = 0; i < src->yd->n_units; i++) {
        const struct unit *u = &src->yd->units[i];
        if (!u->has_appraisal)
            continue;
        krow_put_int(out, src->year), krow_put_text(out, u->code), krow_put_num(out, u->appraisal);
        out->end_row(out->ctx);
        rows++;
    }
    return rows;
}

static int put_mark(struct store *st, struct import_row *r, const struct app_import_request *q,
                    enum store_put *res)
{
    (void)q;
    return store_appraisal_put(st, r->year, r->unit, IMPORT_ROW_VALUE(r, struct mark)->score, false,
                               0, res);
}

static const struct kind_store mark_store = {.put = put_mark};

static const struct data_kind kind_marks = {
    .name = "marks",
    .sheet = "评议分",
    .per_year = true,
    .cols = mark_cols,
    .n_cols = sizeof mark_cols / sizeof mark_cols[0],
    .dup_column = "单位编码",
    .dup_text = "重复 (同一年度和单位)",
    .parse = parse_mark,
    .free_row = free_mark,
    .key = key_mark,
    .export_rows = export_marks,
    .store = &mark_store,
};

static void a_new_kind_needs_nothing_else(void **state)
{
    (void)state;
    char *dir;
    struct store *st = test_store_demo(&dir);
    struct unit *units;
    size_t n;
    assert_int_equal(store_unit_list(st, 0, &units, &n), STORE_OK);
    assert_true(n > 1);
    char *path = xasprintf("%s/marks.csv", dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fprintf(fp, "年度,单位编码,mark\n2026,%s,77.25\n2026,%s,x\n", units[0].code, units[1].code);
    fclose(fp);
    struct app_import_result res;
    import_csv(st, &kind_marks, path, &res); /* the bad row stops it: nothing written */
    assert_int_equal(res.status, APP_IMPORT_PROBLEMS);
    assert_int_equal(res.probs.n_errors, 1);
    assert_non_null(strstr(res.probs.errors[0], ":3: 列 mark: "));
    app_import_result_free(&res);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fprintf(fp, "年度,单位编码,mark\n2026,%s,77.25\n", units[0].code);
    fclose(fp);
    import_csv(st, &kind_marks, path, &res);
    assert_int_equal(res.status, APP_IMPORT_OK);
    assert_int_equal(res.rows, 1);
    app_import_result_free(&res);
    size_t rows;
    char *out = export_csv(st, &kind_marks, 2026, path, &rows);
    char *line = xasprintf("\r\n\"2026\",\"%s\",\"77.25\"\r\n", units[0].code);
    assert_non_null(strstr(out, "\"年度\",\"单位编码\",\"评议分\"\r\n"));
    assert_non_null(strstr(out, line));
    free(line), free(out), free(path);
    store_free_units(units, n);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_row_is_complete),
        cmocka_unit_test(a_result_is_not_imported),
        cmocka_unit_test(every_kind_round_trips),
        cmocka_unit_test(a_new_kind_needs_nothing_else),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
