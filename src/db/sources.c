/* Grades, score sources and scores in the store. */
#include "db/sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/load.h"
#include "db/store_internal.h"
#include "model/grades.h"
#include "model/limits.h"
#include "model/sources.h"
#include "model/xmalloc.h"

/* The tables of schema v10 (store_sources_migrate creates them, then their triggers):
 * grades and score sources as data of the year (docs/scoring.md "Grades", "Score sources").
 * Every year gets the bands its scheme row held (优秀/良好/合格/不合格, the veto cap at 合格);
 * sources start empty, so every year scores as before. */
static const char schema_v10[] =
    "CREATE TABLE grade ("
    "  year INTEGER NOT NULL REFERENCES year(year),"
    "  position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 8),"
    "  label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 31),"
    "  min_score REAL," /* NULL for the last band */
    "  cap INTEGER NOT NULL DEFAULT 0 CHECK (cap IN (0, 1)),"
    "  PRIMARY KEY (year, position));"
    "INSERT INTO grade(year, position, label, min_score, cap)"
    "  SELECT year, 1, '优秀', band_excellent, 0 FROM scheme UNION ALL"
    "  SELECT year, 2, '良好', band_good, 0 FROM scheme UNION ALL"
    "  SELECT year, 3, '合格', band_pass, 1 FROM scheme UNION ALL"
    "  SELECT year, 4, '不合格', NULL, 0 FROM scheme;"
    "CREATE TABLE score_source ("
    "  year INTEGER NOT NULL REFERENCES year(year),"
    "  name TEXT NOT NULL CHECK (length(name) > 0),"
    "  pools TEXT NOT NULL DEFAULT ''," /* 'a, b'; '' = every pool */
    "  position INTEGER NOT NULL,"
    "  share REAL NOT NULL CHECK (share BETWEEN 0 AND 100),"
    "  scale TEXT NOT NULL CHECK (scale IN ('percent', 'points', 'grade')),"
    "  bonus INTEGER NOT NULL DEFAULT 0 CHECK (bonus IN (0, 1)),"
    "  appraisal INTEGER NOT NULL DEFAULT 0 CHECK (appraisal IN (0, 1)),"
    "  rater TEXT, grades TEXT,"
    "  PRIMARY KEY (year, name, pools));"
    "CREATE TABLE score ("
    "  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),"
    "  year INTEGER NOT NULL REFERENCES year(year),"
    "  unit TEXT NOT NULL REFERENCES unit(code) ON UPDATE CASCADE,"
    "  source TEXT NOT NULL CHECK (length(source) > 0),"
    "  value REAL NOT NULL CHECK (value >= 0),"
    "  grade TEXT,"
    "  rater TEXT NOT NULL CHECK (length(rater) > 0),"
    "  date TEXT NOT NULL CHECK (date GLOB"
    "    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'));"
    "CREATE UNIQUE INDEX score_key ON score(year, unit, source, rater, date);";

struct migration {
    sqlite3 *db;
    char *err;
    size_t errsz;
};

/* schema_trigger_fn: creates the audit and lock triggers of this file's tables only. */
static int create_trigger(void *ctx, const char *name, const char *sql)
{
    static const char *const own[] = {"grade_", "score_source_", "score_insert", "score_update",
                                      "score_delete"};
    struct migration *m = ctx;
    const char *table = strncmp(name, "audit_", 6) == 0  ? name + 6
                        : strncmp(name, "lock_", 5) == 0 ? name + 5
                                                         : "";
    bool mine = false;
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        mine |= strncmp(table, own[i], strlen(own[i])) == 0;
    char *msg = NULL;
    if (mine && sqlite3_exec(m->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(m->err, m->errsz, "数据库结构升级失败: %s", msg ? msg : name);
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

int store_sources_migrate(struct store *st, char *err, size_t errsz)
{
    struct migration m = {store_db(st), err, errsz};
    char *msg = NULL;
    if (sqlite3_exec(m.db, schema_v10, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errsz, "数据库结构升级失败: %s", msg ? msg : "");
        sqlite3_free(msg);
        return -1;
    }
    return schema_each_trigger(st, create_trigger, &m);
}

int store_grades_get(struct store *st, int year, struct scheme *sc)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT label, min_score, cap FROM grade WHERE year = ?1"
                                        " ORDER BY position");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    memset(sc->grades, 0, sizeof sc->grades);
    sc->n_grades = 0, sc->cap_grade = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW && sc->n_grades < KP_GRADES_MAX) {
        struct grade_band *g = &sc->grades[sc->n_grades];
        snprintf(g->label, sizeof g->label, "%s", (const char *)sqlite3_column_text(s, 0));
        g->min = sqlite3_column_double(s, 1);
        if (sqlite3_column_int(s, 2))
            sc->cap_grade = sc->n_grades;
        sc->n_grades++;
    }
    int rc =
        step == SQLITE_DONE || step == SQLITE_ROW ? STORE_OK : store_fail_sqlite(st, "读取等次");
    sqlite3_finalize(s);
    if (rc == STORE_OK && sc->n_grades < 2)
        grades_default(sc); /* a year written without grade rows */
    return rc;
}

int store_grades_put(struct store *st, int year, const struct scheme *sc)
{
    int rc = STORE_OK;
    for (int g = 0; g < sc->n_grades && rc == STORE_OK; g++) {
        sqlite3_stmt *s = store_prepare(
            st, "INSERT INTO grade(year, position, label, min_score, cap) VALUES (?1, ?2, ?3, ?4,"
                " ?5) ON CONFLICT DO UPDATE SET label = ?3, min_score = ?4, cap = ?5"
                " WHERE (label, min_score, cap) IS NOT (?3, ?4, ?5)");
        if (!s)
            return STORE_ERROR;
        sqlite3_bind_int(s, 1, year);
        sqlite3_bind_int(s, 2, g + 1);
        bind_text(s, 3, sc->grades[g].label);
        bind_double_opt(s, 4, g + 1 < sc->n_grades, sc->grades[g].min);
        sqlite3_bind_int(s, 5, g == sc->cap_grade);
        rc = store_step_done(st, s, "保存等次");
    }
    sqlite3_stmt *s = rc == STORE_OK ? store_prepare(st, "DELETE FROM grade WHERE year = ?1 AND"
                                                         " position > ?2")
                                     : NULL;
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    sqlite3_bind_int(s, 2, sc->n_grades);
    return store_step_done(st, s, "保存等次");
}

static const char source_columns[] = "name, pools, share, scale, bonus, appraisal, rater, grades";

/* One source row from a SELECT of source_columns; false when a stored list does not parse. */
static bool read_source(sqlite3_stmt *s, struct score_source *src, char *err, size_t errsz)
{
    memset(src, 0, sizeof *src);
    src->name = column_strdup(s, 0);
    src->share = sqlite3_column_double(s, 2);
    source_scale_parse((const char *)sqlite3_column_text(s, 3), &src->scale);
    src->bonus = sqlite3_column_int(s, 4) != 0;
    src->appraisal = sqlite3_column_int(s, 5) != 0;
    src->rater = column_strdup(s, 6);
    const char *pools = (const char *)sqlite3_column_text(s, 1);
    const char *grades = (const char *)sqlite3_column_text(s, 7);
    return sources_parse_pools(pools, &src->pools, &src->n_pools, err, errsz) &&
           sources_parse_grades(grades, &src->grades, &src->n_grades, err, errsz);
}

int store_sources_get(struct store *st, int year, struct score_source **out, size_t *n)
{
    *out = NULL, *n = 0;
    char *sql = xasprintf("SELECT %s FROM score_source WHERE year = ?1 ORDER BY position, name",
                          source_columns);
    sqlite3_stmt *s = store_prepare(st, sql);
    free(sql);
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    int step, rc = STORE_OK;
    char err[256];
    while (rc == STORE_OK && (step = sqlite3_step(s)) == SQLITE_ROW) {
        *out = xreallocarray(*out, *n + 1, sizeof **out);
        if (!read_source(s, &(*out)[(*n)++], err, sizeof err))
            rc = store_fail(st, STORE_INVALID, "%d 年度的评分来源无法读取: %s", year, err);
    }
    if (rc == STORE_OK && step != SQLITE_DONE)
        rc = store_fail_sqlite(st, "读取评分来源");
    sqlite3_finalize(s);
    if (rc != STORE_OK) {
        score_sources_free(*out, *n);
        *out = NULL, *n = 0;
    }
    return rc;
}

static int put_source(struct store *st, int year, int position, const struct score_source *src)
{
    char *sql = xasprintf("INSERT INTO score_source(year, position, %s) VALUES (?1, ?2, ?3, ?4, ?5,"
                          " ?6, ?7, ?8, ?9, ?10)",
                          source_columns);
    sqlite3_stmt *s = store_prepare(st, sql);
    free(sql);
    if (!s)
        return STORE_ERROR;
    char *pools = sources_format_pools(src->pools, src->n_pools);
    char *grades = src->n_grades ? sources_format_grades(src->grades, src->n_grades) : NULL;
    sqlite3_bind_int(s, 1, year);
    sqlite3_bind_int(s, 2, position);
    bind_text(s, 3, src->name);
    bind_text(s, 4, pools);
    sqlite3_bind_double(s, 5, src->share);
    bind_text(s, 6, source_scale_token(src->scale));
    sqlite3_bind_int(s, 7, src->bonus);
    sqlite3_bind_int(s, 8, src->appraisal);
    bind_text(s, 9, src->rater);
    bind_text(s, 10, grades);
    int rc = store_step_done(st, s, "保存评分来源");
    free(pools), free(grades);
    return rc;
}

int store_sources_put(struct store *st, int year, const struct score_source *src, size_t n)
{
    sqlite3_stmt *s = store_prepare(st, "DELETE FROM score_source WHERE year = ?1");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    int rc = store_step_done(st, s, "替换评分来源");
    for (size_t i = 0; i < n && rc == STORE_OK; i++)
        rc = put_source(st, year, (int)i + 1, &src[i]);
    return rc;
}

/* One statement of a rename over ?1 year, ?2 old name, ?3 new name; *changed its row count. */
static int rename_rows(struct store *st, const char *sql, int year, const char *old,
                       const char *new_name, size_t *changed, const char *what)
{
    sqlite3_stmt *s = store_prepare(st, sql);
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, old);
    bind_text(s, 3, new_name);
    int rc = store_step_done(st, s, what);
    if (rc == STORE_OK && changed)
        *changed = (size_t)sqlite3_changes(store_db(st));
    return rc;
}

int store_source_rename(struct store *st, int year, const char *old, const char *new_name,
                        size_t *scores)
{
    char why[96];
    size_t rows = 0;
    *scores = 0;
    if (!new_name || !*new_name || new_name[0] == ' ' || new_name[strlen(new_name) - 1] == ' ')
        return store_fail(st, STORE_INVALID, "评分来源的名称不能为空, 首尾不能有空格");
    if (!limits_check_text(LIMIT_NAME, new_name, why, sizeof why))
        return store_fail(st, STORE_INVALID, "评分来源名称「%s」%s", new_name, why);
    if (strcmp(old, new_name) == 0)
        return store_fail(st, STORE_INVALID, "新名称与原名称相同");
    sqlite3_stmt *s = store_prepare(st, "SELECT 1 FROM score_source WHERE year = ?1 AND name = ?2");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, new_name);
    int step = sqlite3_step(s);
    sqlite3_finalize(s);
    if (step == SQLITE_ROW)
        return store_fail(st, STORE_INVALID, "%d 年度已有评分来源「%s」: 换一个名称", year,
                          new_name);
    if (step != SQLITE_DONE)
        return store_fail_sqlite(st, "查找评分来源");
    int rc = rename_rows(st, "UPDATE score_source SET name = ?3 WHERE year = ?1 AND name = ?2", year,
                     old, new_name, &rows, "评分来源改名");
    if (rc == STORE_OK && rows == 0)
        rc = store_fail(st, STORE_INVALID, "%d 年度没有评分来源「%s」", year, old);
    if (rc == STORE_OK)
        rc = rename_rows(st, "UPDATE score SET source = ?3 WHERE year = ?1 AND source = ?2", year,
                         old, new_name, scores, "评分随来源改名");
    return rc;
}

int store_sources_copy(struct store *st, int from, int to)
{
    char *sql = xasprintf("INSERT INTO score_source(year, position, %s) SELECT ?2, position, %s"
                          " FROM score_source WHERE year = ?1",
                          source_columns, source_columns);
    sqlite3_stmt *s = store_prepare(st, sql);
    free(sql);
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, from);
    sqlite3_bind_int(s, 2, to);
    return store_step_done(st, s, "复制评分来源");
}

int store_scores_load(struct store *st, struct year_data *yd)
{
    sqlite3_stmt *s =
        store_prepare(st, "SELECT unit, source, value, grade, rater, date, id FROM"
                          " score WHERE year = ?1 ORDER BY unit, source, date, rater, id");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, yd->year);
    int step;
    size_t cap = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long u = year_data_find_unit(yd, (const char *)sqlite3_column_text(s, 0));
        if (u < 0)
            continue; /* the foreign key keeps this from happening */
        if (yd->n_scores == cap) {
            cap = cap ? 2 * cap : 64;
            yd->scores = xreallocarray(yd->scores, cap, sizeof *yd->scores);
        }
        struct source_score *sc = &yd->scores[yd->n_scores++];
        memset(sc, 0, sizeof *sc);
        sc->unit_index = (size_t)u;
        sc->source = column_strdup(s, 1);
        sc->value = sqlite3_column_double(s, 2);
        sc->grade = column_strdup(s, 3);
        sc->rater = column_strdup(s, 4);
        snprintf(sc->date, sizeof sc->date, "%s", (const char *)sqlite3_column_text(s, 5));
        snprintf(sc->id, sizeof sc->id, "%s", (const char *)sqlite3_column_text(s, 6));
    }
    int rc = step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "读取评分");
    sqlite3_finalize(s);
    return rc;
}

struct score_key {
    int year;
    const char *unit;
    const struct source_score *sc;
};

static void bind_score(sqlite3_stmt *s, const void *ctx)
{
    const struct score_key *k = ctx;
    sqlite3_bind_int(s, 1, k->year);
    bind_text(s, 2, k->unit);
    bind_text(s, 3, k->sc->source);
    bind_text(s, 4, k->sc->rater);
    bind_text(s, 5, k->sc->date);
    if (sqlite3_bind_parameter_count(s) >= 7) {
        sqlite3_bind_double(s, 6, k->sc->value);
        bind_text(s, 7, k->sc->grade);
    }
}

int store_score_put(struct store *st, int year, const char *unit, const struct source_score *sc,
                    enum store_put *res)
{
    struct score_key k = {year, unit, sc};
    return store_upsert(
        st,
        "SELECT count(*) FROM score WHERE year = ?1 AND unit = ?2 AND source = ?3 AND rater = ?4"
        " AND date = ?5",
        "INSERT INTO score(id, year, unit, source, rater, date, value, grade) VALUES"
        " (lower(hex(randomblob(16))), ?1, ?2, ?3, ?4, ?5, ?6, ?7)"
        " ON CONFLICT(year, unit, source, rater, date) DO UPDATE SET value = ?6, grade = ?7"
        " WHERE (value, grade) IS NOT (?6, ?7)",
        bind_score, &k, res, "保存评分");
}

int store_score_delete(struct store *st, int year, const char *unit, const struct source_score *sc)
{
    sqlite3_stmt *s = store_prepare(st, "DELETE FROM score WHERE year = ?1 AND unit = ?2 AND"
                                        " source = ?3 AND rater = ?4 AND date = ?5");
    if (!s)
        return STORE_ERROR;
    struct score_key k = {year, unit, sc};
    bind_score(s, &k);
    return store_step_done(st, s, "删除评分");
}

/* Per pool of the year: its units, and those with a score of `source` (or, when appraisal, a
 * 公众评议 record). */
static int count_pool(struct store *st, int year, const struct score_source *src,
                      struct source_count *c)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT u.pool, count(*), sum(EXISTS (SELECT 1 FROM score s WHERE s.year = ?1 AND"
            " s.unit = u.code AND s.source = ?2) OR (?3 AND EXISTS (SELECT 1 FROM appraisal a"
            " WHERE a.year = ?1 AND a.unit = u.code))) FROM unit_year u WHERE u.year = ?1"
            " GROUP BY u.pool");
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, src->name);
    sqlite3_bind_int(s, 3, src->appraisal);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW)
        if (source_applies(src, (const char *)sqlite3_column_text(s, 0))) {
            c->units += (size_t)sqlite3_column_int64(s, 1);
            c->scored += (size_t)sqlite3_column_int64(s, 2);
        }
    int rc = step == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "统计评分");
    sqlite3_finalize(s);
    return rc;
}

int store_source_counts(struct store *st, int year, struct source_count *out, size_t max, size_t *n)
{
    struct score_source *src = NULL;
    size_t n_src = 0;
    *n = 0;
    int rc = store_sources_get(st, year, &src, &n_src);
    for (size_t i = 0; i < n_src && rc == STORE_OK; i++) {
        size_t k = 0;
        while (k < *n && strcmp(out[k].name, src[i].name) != 0)
            k++;
        if (k == *n) {
            if (*n == max)
                continue;
            out[k] = (struct source_count){"", 0, 0};
            snprintf(out[k].name, sizeof out[k].name, "%s", src[i].name);
            (*n)++;
        }
        rc = count_pool(st, year, &src[i], &out[k]);
    }
    score_sources_free(src, n_src);
    return rc;
}
