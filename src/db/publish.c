/* Snapshots of published stages. */
#include "db/publish.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store_internal.h"
#include "db/years.h"
#include "model/xmalloc.h"

static void read_row(sqlite3_stmt *s, struct published_row *r)
{
    r->unit = column_strdup(s, 0);
    r->name = column_strdup(s, 1);
    r->pool = column_strdup(s, 2);
    r->rank = sqlite3_column_int(s, 3);
    int64_t *terms[8] = {&r->half_year,  &r->year_end,  &r->key_score, &r->appraisal,
                         &r->inspection, &r->complaint, &r->bonus,     &r->total};
    for (int i = 0; i < 8; i++)
        *terms[i] = sqlite3_column_int64(s, 4 + i);
    r->grade = column_strdup(s, 12);
    r->veto = sqlite3_column_int(s, 13) != 0;
    r->incomplete = sqlite3_column_int(s, 14) != 0;
}

static int read_rows(struct store *st, struct publication *pub)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT unit, name, pool, rank, half_year, year_end, key_score, appraisal,"
            " inspection, complaint, bonus, total, grade, veto, incomplete FROM publication_row"
            " WHERE publication = ?1 ORDER BY unit");
    if (!s)
        return STORE_ERROR;
    bind_text(s, 1, pub->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (pub->n_rows == cap) {
            cap = cap ? 2 * cap : 64;
            pub->rows = xreallocarray(pub->rows, cap, sizeof *pub->rows);
        }
        read_row(s, &pub->rows[pub->n_rows++]);
    }
    int out = rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取发布快照");
    sqlite3_finalize(s);
    return out;
}

int store_publication_get(struct store *st, int year, enum score_stage stage,
                          struct publication *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_prepare(st, "SELECT id, published_at, published_by FROM publication"
                                        " WHERE year = ?1 AND stage = ?2");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, stage_token(stage));
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->present = true;
        snprintf(out->id, sizeof out->id, "%s", (const char *)sqlite3_column_text(s, 0));
        snprintf(out->at, sizeof out->at, "%s", (const char *)sqlite3_column_text(s, 1));
        snprintf(out->by, sizeof out->by, "%s", (const char *)sqlite3_column_text(s, 2));
    }
    int status =
        rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取发布快照");
    sqlite3_finalize(s);
    if (status == STORE_OK && out->present)
        status = read_rows(st, out);
    if (status != STORE_OK)
        publication_free(out);
    return status;
}

static int put_row(struct store *st, const char *id, int year, const struct published_row *r)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO publication_row(publication, year, unit, name, pool, rank, half_year,"
            " year_end, key_score, appraisal, inspection, complaint, bonus, total, grade, veto,"
            " incomplete) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
            " ?15, ?16, ?17)");
    if (!s)
        return STORE_ERROR;
    bind_text(s, 1, id);
    sqlite3_bind_int(s, 2, year);
    bind_text(s, 3, r->unit);
    bind_text(s, 4, r->name);
    bind_text(s, 5, r->pool);
    sqlite3_bind_int(s, 6, r->rank);
    const int64_t terms[8] = {r->half_year,  r->year_end,  r->key_score, r->appraisal,
                              r->inspection, r->complaint, r->bonus,     r->total};
    for (int i = 0; i < 8; i++)
        sqlite3_bind_int64(s, 7 + i, terms[i]);
    bind_text(s, 15, r->grade);
    sqlite3_bind_int(s, 16, r->veto);
    sqlite3_bind_int(s, 17, r->incomplete);
    return store_step_done(st, s, "保存发布快照");
}

int store_publication_put(struct store *st, int year, enum score_stage stage,
                          struct publication *pub)
{
    struct publication old;
    int rc = store_publication_get(st, year, stage, &old);
    if (rc != STORE_OK)
        return rc;
    if (old.present) {
        rc = store_fail(st, STORE_INVALID, "%d 年度%s已于 %.16s 由 %s 发布; 发布的结果不能改动",
                        year, stage_label(stage), old.at, old.by);
        publication_free(&old);
        return rc;
    }
    struct scheme sch;
    if ((rc = store_scheme_get(st, year, &sch)) != STORE_OK)
        return rc;
    if (!stage_applies(stage, &sch))
        return store_fail(st, STORE_INVALID, "%d 年度的考核方案没有半年初评 (半年权重为 0)", year);
    store_new_id(pub->id);
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO publication(id, year, stage, published_at, published_by) VALUES (?1, ?2,"
            " ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), kp_operator()) RETURNING published_at,"
            " published_by");
    if (!s)
        return STORE_ERROR;
    bind_text(s, 1, pub->id);
    sqlite3_bind_int(s, 2, year);
    bind_text(s, 3, stage_token(stage));
    if (sqlite3_step(s) != SQLITE_ROW) {
        rc = store_fail_sqlite(st, "发布");
        sqlite3_finalize(s);
        return rc;
    }
    snprintf(pub->at, sizeof pub->at, "%s", (const char *)sqlite3_column_text(s, 0));
    snprintf(pub->by, sizeof pub->by, "%s", (const char *)sqlite3_column_text(s, 1));
    rc = store_step_done(st, s, "发布");
    for (size_t i = 0; rc == STORE_OK && i < pub->n_rows; i++)
        rc = put_row(st, pub->id, year, &pub->rows[i]);
    return rc;
}

static int compare_code(const void *key, const void *elem)
{
    return strcmp(key, ((const struct published_row *)elem)->unit);
}

const struct published_row *publication_find(const struct publication *pub, const char *code)
{
    if (!pub->present || pub->n_rows == 0)
        return NULL;
    return bsearch(code, pub->rows, pub->n_rows, sizeof *pub->rows, compare_code);
}

void publication_free(struct publication *pub)
{
    for (size_t i = 0; i < pub->n_rows; i++) {
        struct published_row *r = &pub->rows[i];
        free(r->unit), free(r->name), free(r->pool), free(r->grade);
    }
    free(pub->rows);
    memset(pub, 0, sizeof *pub);
}
