/* Loading, splitting by pool, explaining and exporting a ranked year for the UI. */
#include "ui/results.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publish.h"
#include "app/ranked.h"
#include "db/load.h"
#include "db/years.h"
#include "db/stamp.h"
#include "io/outfile.h"
#include "io/ranking_csv.h"
#include "model/score.h"
#include "model/text.h"
#include "model/xmalloc.h"

static void split_pools(struct results *r)
{
    for (size_t i = 0; i < r->ys.n_order; i++) {
        const char *pool = r->yd.units[r->ys.order[i]].pool;
        if (r->n_pools == 0 || strcmp(r->pools[r->n_pools - 1].name, pool) != 0) {
            r->pools = xreallocarray(r->pools, r->n_pools + 1, sizeof *r->pools);
            r->pools[r->n_pools++] = (struct results_pool){pool, i, 0};
        }
        r->pools[r->n_pools - 1].n++;
    }
}

static enum score_stage shown_stage = STAGE_YEAR;

static bool results_load(struct results *r, struct store *st, int year, enum score_stage stage,
                         char *err, size_t errsz)
{
    memset(r, 0, sizeof *r);
    if (year == 0) {
        snprintf(err, errsz, "数据库中还没有年度");
        return false;
    }
    int rc = app_rank_stage(st, year, stage, false, &r->yd, &r->ys);
    if (rc != STORE_OK) {
        snprintf(err, errsz, "%s", rc == STORE_NOTFOUND ? "该年度不存在" : store_errmsg(st));
        memset(r, 0, sizeof *r);
        return false;
    }
    r->year = year;
    r->stage = stage;
    if (store_publication_get(st, year, stage, &r->pub) != STORE_OK)
        memset(&r->pub, 0, sizeof r->pub); /* shown without the comparison, not an error */
    split_pools(r);
    return true;
}

static void results_free(struct results *r)
{
    if (r->year) {
        year_scores_free(&r->ys);
        year_data_free(&r->yd);
        publication_free(&r->pub);
    }
    free(r->pools);
    memset(r, 0, sizeof *r);
}

/* One ranking per stage: the explanation of the 年终总评 has the unit's 半年初评 lines too, and
 * h switches between them. */
static struct results cache[2];
static struct store_stamp cache_stamp[2];

static void cache_free(void)
{
    results_free(&cache[0]), results_free(&cache[1]);
}

static const struct results *stage_get(struct store *st, int year, enum score_stage stage,
                                       char *err, size_t errsz)
{
    static bool registered;
    struct results *c = &cache[stage == STAGE_HALF];
    struct store_stamp now = store_stamp_now(st);
    if (c->year && c->year == year && store_stamp_equal(now, cache_stamp[stage == STAGE_HALF]))
        return c;
    if (!registered)
        atexit(cache_free), registered = true;
    results_free(c);
    if (!results_load(c, st, year, stage, err, errsz))
        return NULL;
    cache_stamp[stage == STAGE_HALF] = now;
    return c;
}

const struct results *results_get(struct store *st, int year, char *err, size_t errsz)
{
    return stage_get(st, year, shown_stage, err, errsz);
}

/* The 半年初评 ranking behind the 年终总评's explanation, when the scheme has that stage. */
static const struct results *half_of(struct store *st, const struct results *r, char *err,
                                     size_t errsz)
{
    if (r->stage != STAGE_YEAR || !stage_applies(STAGE_HALF, &r->yd.scheme))
        return NULL;
    return stage_get(st, r->year, STAGE_HALF, err, errsz);
}

void results_idle(struct store *st, int year)
{
    char err[256];
    const struct results *r = results_get(st, year, err, sizeof err);
    if (r)
        half_of(st, r, err, sizeof err);
}

bool results_set_stage(struct store *st, int year, enum score_stage stage, char *err,
                       size_t errsz)
{
    struct scheme s;
    if (stage == STAGE_HALF && store_scheme_get(st, year, &s) == STORE_OK &&
        !stage_applies(stage, &s)) {
        snprintf(err, errsz, "%d 年度的考核方案 %s 没有半年初评", year, s.preset);
        return false;
    }
    shown_stage = stage;
    return true;
}

enum score_stage results_stage(void)
{
    return shown_stage;
}

const char *results_stage_title(void)
{
    return shown_stage == STAGE_HALF ? "半年初评 (折算百分制, 台账截至6月30日)" : "年终总评";
}

const char *results_published_diff(const struct results *r, size_t u, char *buf, size_t sz)
{
    const struct published_row *row;
    char t[48];
    buf[0] = '\0';
    if (!app_snapshot_differs(&r->pub, &r->yd, &r->ys.units[u], &row))
        return buf;
    if (row)
        snprintf(buf, sz, "发布时 %s 第%d名 %s", score_fmt_c(row->total, t, sizeof t), row->rank,
                 row->grade);
    else
        snprintf(buf, sz, "发布时未参加");
    return buf;
}

enum ui_role results_grade_role(const struct scheme *s, int g)
{
    /* The best band green, the pass band (the veto's cap) and those between it and the last
     * yellow, the last red; the word is always drawn too. */
    if (g + 1 >= s->n_grades)
        return ROLE_WARN_RED;
    if (g == 0)
        return ROLE_OK;
    return g >= s->cap_grade ? ROLE_WARN_YELLOW : ROLE_NORMAL;
}

const char *results_marks(const struct unit_score *us)
{
    if (us->veto && us->missing)
        return "否决/不全";
    if (us->veto)
        return "否决";
    return us->missing ? "数据不全" : "";
}

/* The terms of unit u as app_ranked_terms gives them (the report's columns), each to the cent
 * with its sign, then " = " and the total: "集中考核 82.67 + 公众评议 (10%) 8.64 - 查访核验扣分
 * 1.50 - 投诉查处扣分 0.50 = "; brief: without the terms of 0 and the word 扣分 (the sign says
 * it), "集中考核 82.67 + 公众评议 (10%) 8.64 - 查访核验 1.50 - 投诉查处 0.50 = ". Returns the length
 * written. */
static size_t terms_text(const struct results *r, size_t u, bool brief, char *buf, size_t sz)
{
    struct ranked_term t[RANKED_TERMS_MAX];
    size_t n = app_ranked_terms(&r->yd, &r->ys.units[u], t, RANKED_TERMS_MAX), len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len < sz; i++) {
        char v[48], label[48];
        score_fmt2(t[i].micro, v, sizeof v);
        memcpy(label, t[i].label, sizeof label);
        label[sizeof label - 1] = '\0';
        char *suffix = strstr(label, "扣分");
        if (brief && i > 0 && strcmp(v, "0.00") == 0)
            continue; /* a term of 0 changes nothing */
        if (brief && suffix) /* the sign says it is deducted */
            *suffix = '\0';
        int k = snprintf(buf + len, sz - len, "%s%s %s", i == 0 ? "" : t[i].sign < 0 ? " - " : " + ",
                         label, v);
        len = k > 0 ? len + (size_t)k : len;
    }
    if (len >= sz)
        len = sz - 1;
    int k = snprintf(buf + len, sz - len, " = ");
    return k > 0 && len + (size_t)k < sz ? len + (size_t)k : len;
}

void results_sum_line(const struct results *r, size_t u, char *buf, size_t sz)
{
    const struct unit_score *us = &r->ys.units[u];
    size_t len = terms_text(r, u, false, buf, sz);
    char t[48], p[48];
    score_fmt_c(us->total_c, t, sizeof t);
    score_fmt2((long double)us->appraisal_u, p, sizeof p);
    snprintf(buf + len, sz - len, "总分 %s %s%s%s  (公众评议原分 %s)", t,
             grades_label(&r->yd.scheme, us->grade),
             us->veto || us->missing ? " " : "", results_marks(us), p);
    text_end_whole(buf);
}

void results_sum_brief(const struct results *r, size_t u, char *buf, size_t sz)
{
    size_t len = terms_text(r, u, true, buf, sz);
    char t[48];
    snprintf(buf + len, sz - len, "%s", score_fmt_c(r->ys.units[u].total_c, t, sizeof t));
    text_end_whole(buf);
}

bool results_explain(struct store *st, int year, const char *code, struct text_lines *out,
                     char *err, size_t errsz)
{
    const struct results *r = results_get(st, year, err, errsz);
    if (!r)
        return false;
    int rc = app_explain_ranked(st, &r->yd, &r->ys, code, out);
    long u = year_data_find_unit(&r->yd, code);
    /* the stage lines compare the year-end with its snapshot: only from a year-end ranking */
    if (rc == STORE_OK && r->stage == STAGE_YEAR && u >= 0) {
        const struct results *h = half_of(st, r, err, errsz);
        if (!h && stage_applies(STAGE_HALF, &r->yd.scheme))
            return false; /* err says why */
        struct ranked_stage year_end = {&r->yd, &r->ys, &r->pub};
        struct ranked_stage half = {h ? &h->yd : NULL, h ? &h->ys : NULL, h ? &h->pub : NULL};
        app_explain_stages_ranked(&year_end, h ? &half : NULL, (size_t)u, out);
    }
    if (rc == STORE_NOTFOUND)
        snprintf(err, errsz, "没有编码为 %s 的单位", code);
    else if (rc != STORE_OK)
        snprintf(err, errsz, "%s", store_errmsg(st));
    return rc == STORE_OK;
}

/* File names keep the pool's name; only a path separator would break them. */
static void export_path(const struct results *r, size_t p, const char *db_path, char *path,
                        size_t pathsz)
{
    const char *slash = strrchr(db_path, '/');
    int dir_len = slash ? (int)(slash - db_path) : 1;
    const char *dir = slash ? db_path : ".";
    if (slash == db_path)
        dir_len = 0; /* a database at / itself */
    char pool[128];
    snprintf(pool, sizeof pool, "%s", r->pools[p].name);
    for (char *c = pool; *c; c++)
        if (*c == '/')
            *c = '_';
    snprintf(path, pathsz, "%.*s/排名_%d_%s.csv", dir_len, dir, r->year, pool);
}

bool results_export_pool(const struct results *r, size_t p, const char *db_path, char *path,
                         size_t pathsz, char *err, size_t errsz)
{
    export_path(r, p, db_path, path, pathsz);
    /* Exporting a pool again replaces its earlier file (the name is the workstation's own). */
    struct outfile out;
    if (outfile_open(&out, path, db_path, OUTFILE_FORCE, err, errsz) != OUTFILE_OK)
        return false;
    bool ok = ranking_csv_write(out.fp, &r->yd, &r->ys, r->pools[p].name);
    if (outfile_close(&out, ok, err, errsz))
        return true;
    if (!err[0])
        snprintf(err, errsz, "无法写入 %s", path);
    return false;
}
