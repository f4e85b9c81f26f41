/* The import pipeline (see import.h): read, parse, check, write, in one transaction. */
#include "app/import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import_check.h"
#include "app/kinds.h"
#include "db/years.h"
#include "io/row_spill.h"
#include "model/xmalloc.h"

/* ---- the pipeline ---- */

struct job {
    const struct app_import_request *req;
    struct app_import_result *res;
    struct import_batch batch;
    enum text_encoding encoding;
    const char *sheet;
    /* the second pass of a streamed kind */
    struct store *st;
    struct checker *chk;
    int rc;             /* the first database failure */
    int last_year;      /* ensured */
    size_t written;
    long write_line;    /* the first refused write, told only when no check found a problem */
    char *write_error;
    struct import_row *held; /* rows for kind_store.put_many, written KIND_PUT_MANY at a time */
    size_t n_held;
    struct row_spill *spill; /* the first pass's rows, for the second (a kind with pack) */
};

static void tell(struct job *j, enum app_import_event ev, size_t done, size_t total,
                 const struct rows_row *header)
{
    if (!j->req->progress)
        return;
    struct app_import_progress p = {ev, j->req->file, done, total, j->encoding, header, j->sheet};
    j->req->progress(j->req->ctx, &p);
}

static void fail(struct job *j, enum app_import_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(struct job *j, enum app_import_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(j->res->message, sizeof j->res->message, fmt, ap);
    va_end(ap);
    j->res->status = status;
}

/* Years named by the file are created (scheme copied from the latest year) in the same
 * transaction, so a failed import leaves no empty year behind. */
static int ensure_years(struct store *st, const struct import_batch *b)
{
    int last = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (b->rows[i].year == 0 || b->rows[i].year == last)
            continue;
        last = b->rows[i].year;
        int rc = store_year_ensure(st, last);
        if (rc != STORE_OK)
            return rc;
    }
    return STORE_OK;
}

/* store_wait_fn: the wait for another writer, told to the face. */
static void on_wait(void *ctx, int waited_s, int limit_s, bool done)
{
    tell(ctx, IMPORT_WAITING, (size_t)waited_s, done ? 0 : (size_t)limit_s, NULL);
}

/* Checked against the store inside the transaction; false (rolled back) on any problem. A
 * bulk write: it waits longer for other writers and refuses a damaged file (store.h). */
static bool check(struct job *j, struct store *st, size_t **order)
{
    int rc = store_begin_bulk(st, on_wait, j);
    if (rc == STORE_OK)
        rc = ensure_years(st, &j->batch);
    if (rc == STORE_OK)
        rc = import_check(st, &j->batch, &j->res->probs, order, j->req->allow_duplicates);
    if (rc != STORE_OK) {
        store_rollback(st);
        fail(j, rc == STORE_INVALID ? APP_IMPORT_INVALID : APP_IMPORT_FAILED, "%s",
             store_errmsg(st));
        return false;
    }
    if (j->res->probs.n_errors) {
        store_rollback(st);
        j->res->status = APP_IMPORT_PROBLEMS;
        return false;
    }
    return true;
}

/* Commits (rolls back a dry run or a failed write): rc is the writes' status. */
static void finish(struct job *j, struct store *st, int rc)
{
    size_t n = j->batch.parsed;
    if (rc == STORE_OK && !j->req->dry_run) {
        tell(j, IMPORT_SAVING, n, n, NULL);
        rc = store_commit(st);
    } else {
        store_rollback(st);
    }
    if (rc == STORE_INVALID)
        j->res->status = APP_IMPORT_PROBLEMS;
    else if (rc != STORE_OK)
        fail(j, APP_IMPORT_FAILED, "%s%s", store_errmsg(st),
             strstr(store_errmsg(st), "未写入") ? "" : "; 未写入任何数据"); /* a full disk says it */
}

static void check_and_write(struct job *j, struct store *st)
{
    size_t *order = NULL;
    struct import_batch *b = &j->batch;
    if (!check(j, st, &order)) {
        free(order);
        return;
    }
    int rc = STORE_OK;
    for (size_t i = 0; i < b->n && rc == STORE_OK; i++) {
        struct import_row *r = &b->rows[order[i]];
        enum store_put put = PUT_UNCHANGED;
        rc = b->kind->store->put(st, r, j->req, &put);
        if (rc == STORE_OK)
            j->res->counts[put]++;
        else
            import_error(&j->res->probs, r->line, NULL, "%s", store_errmsg(st));
        tell(j, IMPORT_WRITING, i + 1, b->n, NULL);
    }
    free(order);
    if (rc == STORE_OK && b->kind->store->finish)
        rc = b->kind->store->finish(st, b, &j->res->probs);
    finish(j, st, rc);
}

/* ---- streamed kinds: the file is read twice and never held ---- */

static void write_failed(struct job *j, long line)
{
    j->write_line = line;
    j->write_error = xstrdup(store_errmsg(j->st));
}

/* Writes the held rows (kind_store.put_many) and lets them go. */
static void write_held(struct job *j)
{
    size_t failed = 0;
    if (j->n_held && !j->write_error &&
        j->batch.kind->store->put_many(j->st, j->held, j->n_held, &failed) != STORE_OK)
        write_failed(j, j->held[failed].line);
    for (size_t i = 0; i < j->n_held; i++)
        import_row_free(j->batch.kind, &j->held[i]);
    j->n_held = 0;
}

/* The bulk write's quick_check, put off until the first row that writes (docs/store.md): a
 * damaged file fails the import as store_begin_bulk would, before anything is written. */
static bool may_write(struct job *j)
{
    if (j->rc == STORE_OK)
        j->rc = store_bulk_check(j->st);
    return j->rc == STORE_OK;
}

/* Writes the row, or holds it (its contents moved, r left empty) to write it with others. A
 * row the checks found stored as it is writes nothing. */
static void write_row(struct job *j, struct import_row *r)
{
    const struct kind_store *ks = j->batch.kind->store;
    if (r->stored == IMPORT_STORED_SAME) {
        j->res->counts[PUT_UNCHANGED]++;
        return;
    }
    if (!may_write(j))
        return;
    if (ks->put_many && r->stored != IMPORT_STORED_UNKNOWN) {
        if (!j->held)
            j->held = xcalloc(KIND_PUT_MANY, sizeof *j->held);
        j->res->counts[r->stored == IMPORT_STORED_OTHER ? PUT_UPDATED : PUT_INSERTED]++;
        j->held[j->n_held++] = *r;
        memset(r, 0, sizeof *r);
        if (j->n_held == KIND_PUT_MANY)
            write_held(j);
        return;
    }
    write_held(j);
    enum store_put put = PUT_UNCHANGED;
    if (j->write_error)
        return;
    if (ks->put(j->st, r, j->req, &put) == STORE_OK)
        j->res->counts[put]++;
    else
        write_failed(j, r->line);
}

/* import_each.row of the second pass: checks the row against the database as it was, and
 * writes it while the file has no problem at all (docs/csv.md: all or nothing). */
static void stream_row(void *ctx, struct import_row *r)
{
    struct job *j = ctx;
    if (j->rc != STORE_OK)
        return;
    if (r->year && r->year != j->last_year) {
        j->last_year = r->year;
        write_held(j); /* the writes stay in the file's order */
        if ((j->rc = store_year_ensure(j->st, r->year)) != STORE_OK)
            return;
    }
    if ((j->rc = import_checker_row(j->chk, r)) != STORE_OK)
        return;
    if (j->res->probs.n_errors || j->write_error)
        return;
    write_row(j, r);
    tell(j, IMPORT_WRITING, ++j->written, j->batch.parsed, NULL);
}

/* The rows again from the file, parsed again (their problems were told by the first pass). */
static void read_again(struct job *j, struct rows *src)
{
    struct import_problems quiet;
    struct import_batch again;
    import_problems_init(&quiet, j->req->file);
    struct import_each each = {.row = stream_row, .ctx = j};
    if (rows_rewind(src))
        import_stream_rows(j->batch.kind, src, &again, &quiet, &each);
    import_batch_free(&again);
    import_problems_free(&quiet);
}

/* The rows again from the spill of the first pass: false when it cannot be read. */
static bool spill_again(struct job *j)
{
    if (!row_spill_rewind(j->spill))
        return false;
    struct import_row r;
    int got;
    while ((got = row_spill_next(j->spill, &r)) > 0) {
        stream_row(j, &r);
        import_row_free(j->batch.kind, &r);
    }
    return got == 0;
}

/* The second pass, in the transaction: the rows that parsed, checked and written one at a
 * time. */
static int stream_pass(struct job *j, struct rows *src)
{
    if (j->spill && !spill_again(j))
        return STORE_INVALID;
    if (!j->spill)
        read_again(j, src);
    if (j->rc == STORE_OK && !j->res->probs.n_errors)
        write_held(j);
    for (size_t i = 0; i < j->n_held; i++) /* not written: the import fails */
        import_row_free(j->batch.kind, &j->held[i]);
    free(j->held);
    if (rows_error(src))
        return STORE_INVALID;
    if (j->rc == STORE_OK && j->write_error && !j->res->probs.n_errors)
        import_error(&j->res->probs, j->write_line, NULL, "%s", j->write_error);
    return j->rc;
}

static void stream_check_and_write(struct job *j, struct store *st, struct rows *src)
{
    j->st = st;
    int rc = store_begin_bulk_deferred(st, on_wait, j);
    if (rc == STORE_OK && !(j->chk = import_checker_open(st, &j->batch, &j->res->probs,
                                                          j->req->allow_duplicates)))
        rc = STORE_ERROR;
    if (rc == STORE_OK)
        rc = stream_pass(j, src);
    import_checker_close(j->chk);
    free(j->write_error);
    if (rc == STORE_INVALID && j->spill && row_spill_error(j->spill)) {
        store_rollback(st);
        fail(j, APP_IMPORT_FAILED, "%s; 未写入任何数据", row_spill_error(j->spill));
    } else if (rc == STORE_INVALID && rows_error(src)) {
        store_rollback(st);
        fail(j, APP_IMPORT_INVALID, "%s", rows_error(src));
    } else if (rc != STORE_OK) {
        store_rollback(st);
        fail(j, rc == STORE_INVALID ? APP_IMPORT_INVALID : APP_IMPORT_FAILED, "%s",
             store_errmsg(st));
    } else if (j->res->probs.n_errors) {
        store_rollback(st);
        j->res->status = APP_IMPORT_PROBLEMS;
    } else {
        finish(j, st, STORE_OK);
    }
}

/* import_each.row of the first pass: the row kept for the second (a failed write is told
 * once the pass is over). */
static void spill_row(void *ctx, struct import_row *r)
{
    struct job *j = ctx;
    row_spill_put(j->spill, r);
}

/* The spill of a streamed kind that packs its rows; false (failed) when it cannot be made. */
static bool open_spill(struct job *j)
{
    const struct data_kind *kind = j->req->kind;
    char err[512];
    if (!kind->store->streamed || !kind->pack)
        return true;
    if (!(j->spill = row_spill_open(kind, err, sizeof err)))
        fail(j, APP_IMPORT_FAILED, "%s; 未写入任何数据", err);
    return j->spill != NULL;
}

/* The first pass of a streamed kind: every row parsed, the file's keys kept, and the rows
 * that parsed spilled for the second pass (else it reads the file again). */
static bool first_pass(struct job *j, struct rows *src)
{
    struct import_each first = {.index = true, .row = j->spill ? spill_row : NULL, .ctx = j};
    return import_stream_rows(j->req->kind, src, &j->batch, &j->res->probs, &first);
}

void app_import(const struct app_import_request *req, struct app_import_result *res)
{
    memset(res, 0, sizeof *res);
    import_problems_init(&res->probs, req->file);
    struct job j = {.req = req, .res = res, .rc = STORE_OK};
    if (!req->kind->store) { /* a result (ranking, monitor): the faces refuse it first */
        fail(&j, APP_IMPORT_INVALID, "%s 是计算结果, 只能导出", req->kind->name);
        return;
    }
    tell(&j, IMPORT_OPENING, 0, 0, NULL);
    char err[1024];
    struct rows *src = rows_open_sheet(req->file, req->sheet, err, sizeof err);
    if (!src) {
        fail(&j, APP_IMPORT_INVALID, "%s", err);
        return;
    }
    if (!open_spill(&j)) {
        rows_close(src);
        return;
    }
    j.encoding = rows_encoding(src);
    j.sheet = rows_sheet(src);
    long data = rows_data_count(src);
    struct rows_row header;
    bool has_header = rows_peek(src, &header);
    tell(&j, IMPORT_OPENED, 0, data > 0 ? (size_t)data : 0, has_header ? &header : NULL);
    tell(&j, IMPORT_CHECKING, 0, data > 0 ? (size_t)data : 0, NULL);
    res->probs.src = src;
    bool stream = req->kind->store->streamed;
    bool parsed = stream ? first_pass(&j, src)
                         : import_parse_rows(req->kind, src, &j.batch, &res->probs);
    res->rows = j.batch.parsed;
    /* Rows that parsed are still checked against the database, so one run lists every
     * problem of the file; a bad header leaves nothing to check. */
    struct store *st = NULL;
    if (rows_error(src))
        fail(&j, APP_IMPORT_INVALID, "%s", rows_error(src));
    else if (j.spill && !row_spill_rewind(j.spill))
        fail(&j, APP_IMPORT_FAILED, "%s; 未写入任何数据", row_spill_error(j.spill));
    else if (!parsed && !j.batch.mapped)
        res->status = APP_IMPORT_PROBLEMS;
    else if (!(st = req->store(req->ctx)))
        res->status = APP_IMPORT_NO_STORE;
    else if (stream)
        stream_check_and_write(&j, st, src);
    else
        check_and_write(&j, st);
    import_batch_free(&j.batch);
    row_spill_close(j.spill);
    res->probs.src = NULL;
    rows_close(src);
}

void app_import_result_free(struct app_import_result *res)
{
    import_problems_free(&res->probs);
}
