/* Field work, the county side: a pack's changeset applied in one transaction, conflicts kept
 * for a person (docs/field.md, "Conflict rules"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/field_internal.h"
#include "db/store_internal.h"
#include "model/xmalloc.h"

/* One conflict found while applying, written to field_conflict afterwards. */
struct found {
    char *table, *key, *pk, *kind, *checkout, *county, *laptop;
};

struct merge {
    struct store *st;
    sqlite3 *db;
    bool skip_locked;
    long ops[3], omitted[3]; /* by op: insert, update, delete (domain tables only) */
    long audit_in, audit_omitted;
    struct field_merge_result *res;
    struct field_buf locked;
    struct found *found;
    size_t nfound;
    char why[512]; /* why the apply was aborted */
    /* The columns of the last table asked for: a changeset groups its changes by table. */
    char *cols_table;
    char **cols;
    int ncols;
    int locked_years[128]; /* the county's locked years, read once */
    int nlocked_years;
};

static char **merge_cols(struct merge *m, const char *table, int *n)
{
    if (!m->cols_table || strcmp(m->cols_table, table) != 0) {
        field_cols_free(m->cols, m->ncols);
        free(m->cols_table);
        m->cols = field_cols(m->db, table, &m->ncols);
        m->cols_table = xstrdup(table);
    }
    *n = m->ncols;
    return m->cols;
}

static int op_index(int op)
{
    return op == SQLITE_INSERT ? 0 : op == SQLITE_UPDATE ? 1 : 2;
}

/* The changed row's primary key: as JSON ({"col": value}) and as text (values joined by /). */
static void row_key(sqlite3 *db, sqlite3_changeset_iter *it, char **json, char **text)
{
    const char *table;
    int ncol, op;
    unsigned char *pk;
    sqlite3changeset_op(it, &table, &ncol, &op, NULL);
    sqlite3changeset_pk(it, &pk, NULL);
    int n = 0;
    char **cols = field_cols(db, table, &n);
    struct field_buf j = {0}, t = {0};
    field_buf_add(&j, "{");
    for (int i = 0; i < ncol && i < n; i++) {
        if (!pk[i])
            continue;
        sqlite3_value *v = NULL;
        if (op == SQLITE_INSERT)
            sqlite3changeset_new(it, i, &v);
        else
            sqlite3changeset_old(it, i, &v);
        field_buf_addf(&j, "%s\"%w\": ", j.len > 1 ? ", " : "", cols[i]);
        field_buf_value(&j, v);
        const unsigned char *s = v ? sqlite3_value_text(v) : NULL;
        field_buf_addf(&t, "%s%s", t.len ? "/" : "", s ? (const char *)s : "");
    }
    field_buf_add(&j, "}");
    field_cols_free(cols, n);
    *json = j.s, *text = t.s ? t.s : xstrdup("");
}

/* The values of the columns the change carries (mask: those with a value in `from`), taken
 * from getter; NULL for no row. */
typedef int (*value_fn)(sqlite3_changeset_iter *it, int i, sqlite3_value **v);

static char *row_json(sqlite3 *db, sqlite3_changeset_iter *it, value_fn mask, value_fn get)
{
    const char *table;
    int ncol, op;
    sqlite3changeset_op(it, &table, &ncol, &op, NULL);
    int n = 0;
    char **cols = field_cols(db, table, &n);
    struct field_buf j = {0};
    field_buf_add(&j, "{");
    for (int i = 0; i < ncol && i < n; i++) {
        sqlite3_value *m = NULL, *v = NULL;
        if (mask(it, i, &m) != SQLITE_OK || !m || get(it, i, &v) != SQLITE_OK)
            continue;
        field_buf_addf(&j, "%s\"%w\": ", j.len > 1 ? ", " : "", cols[i]);
        field_buf_value(&j, v);
    }
    field_buf_add(&j, "}");
    field_cols_free(cols, n);
    return j.s;
}

/* For an update, the columns it changes (those with a new value); for an insert, all. True
 * when the county row (conflict values) already holds the laptop's new values. */
static bool county_has_new(sqlite3_changeset_iter *it, int ncol)
{
    for (int i = 0; i < ncol; i++) {
        sqlite3_value *nv = NULL, *cv = NULL;
        if (sqlite3changeset_new(it, i, &nv) != SQLITE_OK || !nv)
            continue;
        if (sqlite3changeset_conflict(it, i, &cv) != SQLITE_OK || !cv)
            return false;
        int tn = sqlite3_value_type(nv), tc = sqlite3_value_type(cv);
        bool numeric = (tn == SQLITE_INTEGER || tn == SQLITE_FLOAT) &&
                       (tc == SQLITE_INTEGER || tc == SQLITE_FLOAT);
        if (numeric ? sqlite3_value_double(nv) != sqlite3_value_double(cv)
                    : tn != tc || (tn != SQLITE_NULL &&
                                   (sqlite3_value_bytes(nv) != sqlite3_value_bytes(cv) ||
                                    memcmp(sqlite3_value_blob(nv), sqlite3_value_blob(cv),
                                           (size_t)sqlite3_value_bytes(nv)) != 0)))
            return false;
    }
    return true;
}

static void remember(struct merge *m, sqlite3_changeset_iter *it, const char *kind, bool county_row)
{
    const char *table;
    int ncol, op;
    sqlite3changeset_op(it, &table, &ncol, &op, NULL);
    m->found = xrealloc(m->found, (m->nfound + 1) * sizeof *m->found);
    struct found *f = &m->found[m->nfound++];
    f->table = xstrdup(table);
    f->kind = xstrdup(kind);
    row_key(m->db, it, &f->pk, &f->key);
    bool has_old = op != SQLITE_INSERT;
    bool has_new = op != SQLITE_DELETE;
    /* The columns concerned: for an update those it changes, else the whole row. */
    value_fn mask = has_new ? sqlite3changeset_new : sqlite3changeset_old;
    f->checkout = has_old ? row_json(m->db, it, mask, sqlite3changeset_old) : NULL;
    f->county = county_row ? row_json(m->db, it, mask, sqlite3changeset_conflict) : NULL;
    f->laptop = has_new ? row_json(m->db, it, mask, sqlite3changeset_new) : NULL;
}

/* The year of the changed row, or 0 when its table is not per year. */
static int row_year(struct merge *m, sqlite3_changeset_iter *it, int *other)
{
    const char *table;
    int ncol, op, n = 0, year = 0, ycol = -1;
    sqlite3changeset_op(it, &table, &ncol, &op, NULL);
    *other = 0;
    char **cols = merge_cols(m, table, &n);
    for (int i = 0; i < n && i < ncol; i++)
        if (strcmp(cols[i], "year") == 0 && strcmp(table, "year") != 0)
            ycol = i;
    if (ycol < 0)
        return 0;
    sqlite3_value *nv = NULL, *ov = NULL;
    if (op != SQLITE_DELETE)
        sqlite3changeset_new(it, ycol, &nv);
    if (op != SQLITE_INSERT)
        sqlite3changeset_old(it, ycol, &ov);
    if (nv && ov)
        *other = sqlite3_value_int(ov);
    if (nv || ov)
        return sqlite3_value_int(nv ? nv : ov);
    /* An update that leaves the year alone: the county row's year. Every per-year table has
     * the year in its primary key (always in the change) or is keyed by `id`. */
    char *pk = NULL, *key = NULL;
    row_key(m->db, it, &pk, &key);
    char *sql = sqlite3_mprintf("SELECT year FROM \"%w\" WHERE id = json_extract(?1, '$.id')",
                                table);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(m->db, sql, -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, pk, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW)
            year = sqlite3_column_int(s, 0);
    }
    sqlite3_finalize(s);
    sqlite3_free(sql);
    free(pk), free(key);
    return year;
}

static void read_locked_years(struct merge *m)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(m->db, "SELECT year FROM year WHERE locked = 1 ORDER BY year DESC",
                           -1, &s, NULL) == SQLITE_OK)
        while (m->nlocked_years < 128 && sqlite3_step(s) == SQLITE_ROW)
            m->locked_years[m->nlocked_years++] = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
}

static bool year_locked(const struct merge *m, int year)
{
    for (int i = 0; year && i < m->nlocked_years; i++)
        if (m->locked_years[i] == year)
            return true;
    return false;
}

static bool change_locked(struct merge *m, sqlite3_changeset_iter *it)
{
    if (!m->nlocked_years)
        return false;
    int other = 0;
    int year = row_year(m, it, &other);
    return year_locked(m, year) || year_locked(m, other);
}

static int on_conflict(void *ctx, int kind, sqlite3_changeset_iter *it)
{
    struct merge *m = ctx;
    if (kind == SQLITE_CHANGESET_FOREIGN_KEY) {
        int bad = 0;
        sqlite3changeset_fk_conflicts(it, &bad);
        snprintf(m->why, sizeof m->why, "合并后有 %d 处引用的单位、年度或指标不存在"
                 " (县里已删除了笔记本上仍在使用的数据)", bad);
        return SQLITE_CHANGESET_ABORT;
    }
    const char *table;
    int ncol, op;
    sqlite3changeset_op(it, &table, &ncol, &op, NULL);
    bool audit = strcmp(table, "audit") == 0;
    if (kind == SQLITE_CHANGESET_CONSTRAINT) {
        if (!(m->skip_locked && change_locked(m, it))) {
            char *pk = NULL, *key = NULL;
            row_key(m->db, it, &pk, &key);
            snprintf(m->why, sizeof m->why, "表 %s 的 %s 不符合县里数据库的约束", table, key);
            free(pk), free(key);
            return SQLITE_CHANGESET_ABORT;
        }
    } else if (audit || (kind == SQLITE_CHANGESET_NOTFOUND && op == SQLITE_DELETE) ||
               (kind != SQLITE_CHANGESET_NOTFOUND && op != SQLITE_DELETE &&
                county_has_new(it, ncol))) {
        m->res->already++;
    } else {
        remember(m, it, op == SQLITE_INSERT ? "insert" : op == SQLITE_UPDATE ? "update" : "delete",
                 kind != SQLITE_CHANGESET_NOTFOUND);
    }
    if (audit)
        m->audit_omitted++;
    else
        m->omitted[op_index(op)]++;
    return SQLITE_CHANGESET_OMIT;
}

/* A pass over the pack's changeset, from its first byte. */
static int pass_start(struct merge *m, const struct field_source *src,
                      sqlite3_changeset_iter **it)
{
    *it = NULL;
    if (src->rewind(src->ctx) != SQLITE_OK ||
        sqlite3changeset_start_strm(it, src->read, src->ctx) != SQLITE_OK)
        return store_fail(m->st, STORE_INVALID, "包内的变更集无法读取");
    return STORE_OK;
}

/* After a pass: every byte was read and they were the ones checked before the merge began. */
static int pass_intact(struct merge *m, const struct field_source *src)
{
    if (src->intact(src->ctx))
        return STORE_OK;
    return store_fail(m->st, STORE_INVALID, "外业包在合并过程中被改动或读取失败, 未写入任何数据");
}

/* Counts the changes, checks every table is one of this file's travelling tables with the
 * same columns, and lists the changes to a locked year. */
static int prescan(struct merge *m, const struct field_source *src)
{
    sqlite3_changeset_iter *it = NULL;
    if (pass_start(m, src, &it) != STORE_OK)
        return STORE_INVALID;
    int rc = STORE_OK;
    while (rc == STORE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
        const char *table;
        int ncol, op, have = 0;
        sqlite3changeset_op(it, &table, &ncol, &op, NULL);
        bool audit = strcmp(table, "audit") == 0;
        if (audit)
            have = FIELD_AUDIT_NCOLS;
        else
            merge_cols(m, table, &have);
        if (have != ncol || (!audit && field_table_is_local(table))) {
            rc = store_fail(m->st, STORE_INVALID, "包内的表 %s 与本数据库的结构不符", table);
        } else if (audit) {
            m->audit_in++;
        } else {
            m->ops[op_index(op)]++;
            if (change_locked(m, it)) {
                char *pk = NULL, *key = NULL;
                row_key(m->db, it, &pk, &key);
                field_buf_addf(&m->locked, "%s %s\n", table, key);
                m->res->locked++;
                free(pk), free(key);
            }
        }
    }
    if (sqlite3changeset_finalize(it) != SQLITE_OK && rc == STORE_OK)
        rc = store_fail(m->st, STORE_INVALID, "包内的变更集已损坏");
    return rc == STORE_OK ? pass_intact(m, src) : rc;
}

/* Writes the conflicts found, except those an earlier merge of the same change recorded. */
static int record_conflicts(struct merge *m, const char *merge_id)
{
    static const char sql[] =
        "INSERT INTO field_conflict(merge, tbl, row_key, pk, kind, checkout, county, laptop)"
        " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE NOT EXISTS (SELECT 1 FROM field_conflict"
        " WHERE tbl = ?2 AND pk = ?4 AND checkout IS ?6 AND laptop IS ?8)";
    for (size_t i = 0; i < m->nfound; i++) {
        struct found *f = &m->found[i];
        sqlite3_stmt *s = store_prepare(m->st, sql);
        if (!s)
            return STORE_ERROR;
        const char *v[] = {merge_id, f->table, f->key, f->pk, f->kind, f->checkout, f->county,
                           f->laptop};
        for (int k = 0; k < 8; k++)
            bind_text(s, k + 1, v[k]);
        int rc = sqlite3_step(s);
        if (rc == SQLITE_DONE && sqlite3_changes(m->db) == 1)
            m->res->conflicts++;
        else if (rc == SQLITE_DONE)
            m->res->known_conflicts++;
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE)
            return store_fail_sqlite(m->st, "记录冲突");
    }
    return STORE_OK;
}

/* The merge itself goes into the audit log: who, when, which pack, from whom, what came in. */
static int record_merge(struct merge *m, const struct field_header *h, const char *merge_id,
                        const char *pack_id)
{
    struct field_merge_result *r = m->res;
    char *json = sqlite3_mprintf(
        "{\"pack\": \"%w\", \"label\": \"%w\", \"laptop\": \"%w\", \"operators\": \"%w\","
        " \"packed_at\": \"%w\", \"checkout_at\": \"%w\", \"inserted\": %ld, \"updated\": %ld,"
        " \"deleted\": %ld, \"audit_rows\": %ld, \"already\": %ld, \"conflicts\": %ld,"
        " \"skipped_locked\": %ld}",
        pack_id, h->label, h->laptop, h->operators, h->created, h->checkout_at, r->inserted,
        r->updated, r->deleted, r->audit_rows, r->already, r->conflicts, r->locked);
    sqlite3_stmt *s = store_prepare(
        m->st, "INSERT INTO audit_change(tx, tbl, row_key, action, shape, old, new, unit)"
               " VALUES (kp_tx(), 'field_merge', ?1, 'insert', NULL, NULL, json(?2), NULL)");
    if (s) {
        bind_text(s, 1, merge_id);
        bind_text(s, 2, json);
    }
    sqlite3_free(json);
    return store_step_done(m->st, s, "记录合并");
}

static void free_found(struct merge *m)
{
    for (size_t i = 0; i < m->nfound; i++) {
        struct found *f = &m->found[i];
        free(f->table), free(f->key), free(f->pk), free(f->kind);
        free(f->checkout), free(f->county), free(f->laptop);
    }
    free(m->found);
}

static int check_origin(struct store *st, const struct field_header *h)
{
    sqlite3 *db = store_db(st);
    if (field_is_laptop(db))
        return store_fail(st, STORE_INVALID,
                          "%s 是外业笔记本文件; 包只能合并到县里的数据库 (检出它的那个文件)",
                          store_path(st));
    char *county = field_meta_get(db, "main", "county_id");
    bool same = county && strcmp(county, h->county) == 0;
    free(county);
    if (!same)
        return store_fail(st, STORE_INVALID, "这个包不是从本数据库 (%s) 检出的文件打的包,"
                          " 拒绝合并", store_path(st));
    if (h->schema != STORE_SCHEMA_VERSION)
        return store_fail(st, STORE_INVALID, "包的数据库结构版本为 %d, 本程序为 %d; 请用相同版本"
                          "的 kaoping 打包和合并", h->schema, STORE_SCHEMA_VERSION);
    return STORE_OK;
}

/* The audit rows are not applied as a table (the county's log is headers and rows): see
 * merge_audit. */
static int not_audit(void *ctx, const char *table)
{
    (void)ctx;
    return strcmp(table, "audit") != 0;
}

/* One laptop audit row: under its header, which comes in (numbered after this merge's own
 * header, sealed at commit) the first time it is seen; a header the county already had was
 * merged before, and its rows are counted as already there. */
static int merge_audit_row(struct merge *m, sqlite3_stmt *find, sqlite3_stmt *head,
                           sqlite3_stmt *row, sqlite3_value **v)
{
    long long own = store_audit_state(m->st)->n;
    sqlite3_reset(find);
    sqlite3_bind_value(find, 1, v[0]);
    int rc = sqlite3_step(find);
    long long n = rc == SQLITE_ROW ? sqlite3_column_int64(find, 0) : 0;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail_sqlite(m->st, "合并审计记录");
    if (n && n < own) {
        m->audit_omitted++, m->res->already++;
        return STORE_OK;
    }
    if (!n) {
        sqlite3_reset(head);
        sqlite3_bind_int64(head, 1, own);
        for (int i = 0; i < 3; i++) /* id, at, operator */
            sqlite3_bind_value(head, i + 2, v[i == 0 ? 0 : i + 1]);
        if (sqlite3_step(head) != SQLITE_DONE)
            return store_fail_sqlite(m->st, "合并审计记录");
        n = sqlite3_last_insert_rowid(m->db);
    }
    sqlite3_reset(row);
    sqlite3_bind_int64(row, 1, n);
    for (int i = 4; i < FIELD_AUDIT_NCOLS; i++) /* tbl, row_key, action, old, new */
        sqlite3_bind_value(row, i - 2, v[i]);
    return sqlite3_step(row) == SQLITE_DONE ? STORE_OK : store_fail_sqlite(m->st, "合并审计记录");
}

static int merge_audit(struct merge *m, const struct field_source *src)
{
    sqlite3_stmt *find = store_prepare(m->st, "SELECT n FROM audit_tx WHERE id = ?1");
    sqlite3_stmt *head = store_prepare(
        m->st, "INSERT INTO audit_tx(n, id, at, operator) VALUES (max(coalesce((SELECT max(n)"
               " FROM audit_tx), 0), ?1) + 1, ?2, ?3, ?4)");
    sqlite3_stmt *row = store_prepare(
        m->st, "INSERT INTO audit_change(tx, tbl, row_key, action, shape, old, new, unit) VALUES"
               " (?1, ?2, ?3, ?4, NULL, ?5, ?6, " AUDIT_UNIT_OF("?2", "?3", "?5", "?6") ")");
    sqlite3_changeset_iter *it = NULL;
    int rc = find && head && row ? pass_start(m, src, &it) : STORE_ERROR;
    while (rc == STORE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
        const char *table;
        int ncol, op;
        sqlite3changeset_op(it, &table, &ncol, &op, NULL);
        if (strcmp(table, "audit") != 0 || op != SQLITE_INSERT)
            continue;
        sqlite3_value *v[FIELD_AUDIT_NCOLS];
        for (int i = 0; i < FIELD_AUDIT_NCOLS; i++)
            sqlite3changeset_new(it, i, &v[i]);
        rc = merge_audit_row(m, find, head, row, v);
    }
    if (sqlite3changeset_finalize(it) != SQLITE_OK && rc == STORE_OK)
        rc = store_fail(m->st, STORE_INVALID, "包内的变更集已损坏");
    sqlite3_finalize(find), sqlite3_finalize(head), sqlite3_finalize(row);
    return rc == STORE_OK ? pass_intact(m, src) : rc;
}

static int apply(struct merge *m, const struct field_header *h, const struct field_source *src,
                 const char *pack_id)
{
    struct field_merge_result *r = m->res;
    /* No savepoint of the session's own: the merge's transaction is the unit (a failure rolls
     * it all back). With it, applying a 70,000-change pack took 38 MB more and five times the
     * CPU (bench/field_merge.sh; SQLite keeps a savepoint's page originals in a journal). */
    int rc = src->rewind(src->ctx);
    if (rc == SQLITE_OK)
        rc = sqlite3changeset_apply_v2_strm(m->db, src->read, src->ctx, not_audit, on_conflict,
                                            m, NULL, NULL, SQLITE_CHANGESETAPPLY_NOSAVEPOINT);
    if (rc != SQLITE_OK)
        return store_fail(m->st, STORE_INVALID, "合并失败, 未写入任何数据: %s",
                          m->why[0] ? m->why : sqlite3_errmsg(m->db));
    rc = pass_intact(m, src);
    if (rc == STORE_OK)
        rc = merge_audit(m, src);
    if (rc != STORE_OK)
        return rc;
    r->inserted = m->ops[0] - m->omitted[0];
    r->updated = m->ops[1] - m->omitted[1];
    r->deleted = m->ops[2] - m->omitted[2];
    r->audit_rows = m->audit_in - m->audit_omitted;
    /* The merge's conflicts name its transaction's audit header. */
    char merge_id[KP_ID_LEN + 1];
    snprintf(merge_id, sizeof merge_id, "%s", store_audit_tx_id(m->st));
    rc = record_conflicts(m, merge_id);
    if (rc == STORE_OK && r->inserted + r->updated + r->deleted + r->audit_rows + r->conflicts == 0)
        r->unchanged = true;
    else if (rc == STORE_OK)
        rc = record_merge(m, h, merge_id, pack_id);
    return rc;
}

int field_merge(struct store *st, const struct field_header *h, const struct field_source *src,
                const char *pack_id, bool skip_locked, struct field_merge_result *res)
{
    memset(res, 0, sizeof *res);
    int rc = check_origin(st, h);
    if (rc != STORE_OK)
        return rc;
    struct merge m = {.st = st, .db = store_db(st), .skip_locked = skip_locked, .res = res};
    /* A merge is a bulk write: the longer wait and a quick_check first (docs/store.md). */
    rc = store_begin_bulk(st, NULL, NULL);
    if (rc != STORE_OK)
        return rc;
    read_locked_years(&m);
    rc = prescan(&m, src);
    if (rc == STORE_OK && res->locked && !skip_locked)
        rc = store_fail(st, STORE_INVALID, "包内有 %ld 处修改属于县里已审定 (锁定) 的年度,"
                        " 未写入任何数据; 加 --skip-locked 合并其余部分", res->locked);
    if (rc == STORE_OK)
        rc = apply(&m, h, src, pack_id);
    res->locked_list = m.locked.s;
    free_found(&m);
    field_cols_free(m.cols, m.ncols);
    free(m.cols_table);
    /* Nothing new (a pack merged before): leave the file byte for byte as it was. */
    if (rc == STORE_OK && res->unchanged) {
        store_rollback(st);
        return STORE_OK;
    }
    return store_end(st, rc);
}

void field_merge_result_free(struct field_merge_result *res)
{
    free(res->locked_list);
    res->locked_list = NULL;
}
