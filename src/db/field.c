/* Field work, the laptop side: checkout fills a copy of the county file with its baseline,
 * pack diffs the laptop's tables against that baseline (docs/field.md). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/field_internal.h"
#include "db/store_internal.h"
#include "model/xmalloc.h"

_Static_assert(FIELD_IO_OK == SQLITE_OK && FIELD_IO_ERROR == SQLITE_IOERR,
               "field.h's stream codes are SQLite's");

bool field_table_is_local(const char *name)
{
    static const char *const local[] = {"audit",       "audit_tx",   "audit_change", "audit_shape",
                                        "field_meta",  "field_merge", "field_conflict"};
    for (size_t i = 0; i < sizeof local / sizeof local[0]; i++)
        if (strcmp(name, local[i]) == 0)
            return true;
    return strncmp(name, "sqlite_", 7) == 0;
}

char *field_meta_get(sqlite3 *db, const char *schema, const char *key)
{
    char *sql = sqlite3_mprintf("SELECT value FROM \"%w\".field_meta WHERE key = ?1", schema);
    sqlite3_stmt *s = NULL;
    char *out = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) == SQLITE_TEXT)
            out = column_strdup(s, 0);
    }
    sqlite3_finalize(s);
    sqlite3_free(sql);
    return out;
}

bool field_is_laptop(sqlite3 *db)
{
    char *role = field_meta_get(db, "main", "role");
    bool laptop = role && strcmp(role, "laptop") == 0;
    free(role);
    return laptop;
}

void field_buf_add(struct field_buf *b, const char *s)
{
    size_t n = strlen(s);
    b->s = xrealloc(b->s, b->len + n + 1);
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

void field_buf_addf(struct field_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = sqlite3_vmprintf(fmt, ap);
    va_end(ap);
    field_buf_add(b, s ? s : "");
    sqlite3_free(s);
}

void field_buf_value(struct field_buf *b, sqlite3_value *v)
{
    switch (v ? sqlite3_value_type(v) : SQLITE_NULL) {
    case SQLITE_INTEGER:
        field_buf_addf(b, "%lld", sqlite3_value_int64(v));
        return;
    case SQLITE_FLOAT: {
        /* The shortest of 15 or 17 digits that reads back as the same double. */
        char num[40];
        double d = sqlite3_value_double(v);
        snprintf(num, sizeof num, "%.15g", d);
        if (strtod(num, NULL) != d)
            snprintf(num, sizeof num, "%.17g", d);
        field_buf_add(b, num);
        return;
    }
    case SQLITE_TEXT:
    case SQLITE_BLOB: {
        field_buf_add(b, "\"");
        const unsigned char *t = sqlite3_value_text(v);
        for (; t && *t; t++) {
            char one[8];
            if (*t == '"' || *t == '\\')
                snprintf(one, sizeof one, "\\%c", *t);
            else if (*t < 0x20)
                snprintf(one, sizeof one, "\\u%04x", *t);
            else
                one[0] = (char)*t, one[1] = '\0';
            field_buf_add(b, one);
        }
        field_buf_add(b, "\"");
        return;
    }
    default:
        field_buf_add(b, "null");
    }
}

char **field_cols(sqlite3 *db, const char *table, int *n)
{
    sqlite3_stmt *s = NULL;
    char **cols = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1, 'main') ORDER BY cid", -1,
                           &s, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW) {
        cols = xrealloc(cols, (size_t)(*n + 1) * sizeof *cols);
        cols[(*n)++] = column_strdup(s, 0);
    }
    sqlite3_finalize(s);
    return cols;
}

void field_cols_free(char **cols, int n)
{
    for (int i = 0; i < n; i++)
        free(cols[i]);
    free(cols);
}

static int exec(sqlite3 *db, const char *sql, char *err, size_t errsz)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK)
        return STORE_OK;
    snprintf(err, errsz, "外业检出失败: %s", sqlite3_errmsg(db));
    return STORE_ERROR;
}

/* Bytes copied at a time between files and the baseline blob: memory stays this whatever the
 * size of the county file (it once held the whole image, twice: 1.6 GB at 8,000 units). */
#define FIELD_CHUNK (1 << 20)

/* Copies the file at from into the new file to (O_EXCL), a chunk at a time; *size its bytes. */
static bool copy_file(const char *from, const char *to, sqlite3_int64 *size)
{
    FILE *in = fopen(from, "rb");
    int fd = open(to, O_WRONLY | O_CREAT | O_EXCL, 0600);
    FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!out && fd >= 0)
        close(fd);
    char *buf = xmalloc(FIELD_CHUNK);
    bool ok = in && out;
    size_t n;
    *size = 0;
    while (ok && (n = fread(buf, 1, FIELD_CHUNK, in)) > 0) {
        ok = fwrite(buf, 1, n, out) == n;
        *size += (sqlite3_int64)n;
    }
    ok = ok && !ferror(in);
    free(buf);
    if (in)
        fclose(in);
    return out ? fclose(out) == 0 && ok : false;
}

/* Streams the file at from into the blob b, a chunk at a time. */
static int blob_fill(sqlite3_blob *b, const char *from)
{
    FILE *in = fopen(from, "rb");
    if (!in)
        return SQLITE_CANTOPEN;
    char *buf = xmalloc(FIELD_CHUNK);
    int rc = SQLITE_OK, at = 0;
    size_t n;
    while (rc == SQLITE_OK && (n = fread(buf, 1, FIELD_CHUNK, in)) > 0) {
        rc = sqlite3_blob_write(b, buf, (int)n, at);
        at += (int)n;
    }
    if (rc == SQLITE_OK && (ferror(in) || at != sqlite3_blob_bytes(b)))
        rc = SQLITE_IOERR;
    free(buf);
    fclose(in);
    return rc;
}

/* The meta rows, then the baseline: a zeroblob of its size (a row of its own: a multi-row
 * VALUES or RETURNING would make SQLite build the zeros in memory) whose bytes are streamed
 * in. */
static int store_meta(sqlite3 *db, const char *label, const char *by, const char *image,
                      sqlite3_int64 size)
{
    char id[KP_ID_LEN + 1];
    store_new_id(id);
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "INSERT INTO field_meta(key, value) VALUES ('role', 'laptop'),"
                                " ('label', ?1), ('laptop_id', ?2), ('checkout_by', ?3),"
                                " ('checkout_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                                -1, &s, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(s, 1, label, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, by, -1, SQLITE_STATIC);
        rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
    }
    sqlite3_finalize(s);
    s = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "INSERT INTO field_meta(key, value) VALUES ('baseline',"
                                    " zeroblob(?1))", -1, &s, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(s, 1, size);
        rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
    }
    sqlite3_finalize(s);
    sqlite3_blob *b = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_blob_open(db, "main", "field_meta", "value", sqlite3_last_insert_rowid(db),
                               1, &b);
    if (rc == SQLITE_OK)
        rc = blob_fill(b, image);
    if (b && sqlite3_blob_close(b) != SQLITE_OK && rc == SQLITE_OK)
        rc = sqlite3_errcode(db);
    return rc;
}

/* The copy's own bytes become its baseline: what the county file held at checkout. They are
 * copied to a file beside it first (the copy changes as the baseline goes in), then streamed
 * into the blob. */
static int fill_laptop(sqlite3 *db, const char *path, const char *label, const char *by,
                       char *err, size_t errsz)
{
    if (exec(db, "PRAGMA journal_mode = DELETE", err, errsz) != STORE_OK)
        return STORE_ERROR;
    char *image = xasprintf("%s.baseline", path);
    sqlite3_int64 size = 0;
    int rc = STORE_ERROR;
    if (!copy_file(path, image, &size))
        snprintf(err, errsz, "外业检出失败: 无法读取副本 (%s)", strerror(errno));
    else
        rc = exec(db, "BEGIN IMMEDIATE", err, errsz);
    if (rc == STORE_OK && store_meta(db, label, by, image, size) != SQLITE_OK) {
        snprintf(err, errsz, "外业检出失败: %s", sqlite3_errmsg(db));
        rc = STORE_ERROR;
    }
    remove(image);
    free(image);
    if (rc == STORE_OK)
        rc = exec(db, "COMMIT", err, errsz);
    return rc;
}

int field_checkout(struct store *st, const char *path, const char *label, char *err,
                   size_t errsz)
{
    err[0] = '\0';
    if (field_is_laptop(store_db(st))) {
        snprintf(err, errsz, "%s 是外业笔记本文件, 只能从县里的数据库检出", store_path(st));
        return STORE_INVALID;
    }
    sqlite3 *db = NULL;
    int rc = STORE_ERROR;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        snprintf(err, errsz, "外业检出失败: %s", sqlite3_errmsg(db));
    else
        rc = fill_laptop(db, path, label, store_operator(st), err, errsz);
    if (sqlite3_close(db) != SQLITE_OK && rc == STORE_OK) {
        snprintf(err, errsz, "外业检出失败: 无法关闭副本");
        rc = STORE_ERROR;
    }
    return rc;
}

/* Streams the blob b into the open file fd (closed here), a chunk at a time. */
static int blob_drain(sqlite3_blob *b, int fd)
{
    FILE *out = fdopen(fd, "wb");
    if (!out) {
        close(fd);
        return SQLITE_CANTOPEN;
    }
    char *buf = xmalloc(FIELD_CHUNK);
    int rc = SQLITE_OK, size = sqlite3_blob_bytes(b);
    for (int at = 0; rc == SQLITE_OK && at < size; at += FIELD_CHUNK) {
        int n = size - at < FIELD_CHUNK ? size - at : FIELD_CHUNK;
        rc = sqlite3_blob_read(b, buf, n, at);
        if (rc == SQLITE_OK && fwrite(buf, 1, (size_t)n, out) != (size_t)n)
            rc = SQLITE_IOERR;
    }
    free(buf);
    if (fclose(out) != 0 && rc == SQLITE_OK)
        rc = SQLITE_IOERR;
    return rc;
}

/* Attaches the baseline image stored at checkout as schema kp_base: written to a file beside
 * the laptop file (*image, removed by the caller after DETACH) a chunk at a time and attached
 * from there, so a county file's size never sits in memory. */
static int attach_baseline(struct store *st, char **image)
{
    sqlite3 *db = store_db(st);
    sqlite3_stmt *s = store_prepare(st, "SELECT rowid, typeof(value) = 'blob' FROM field_meta"
                                        " WHERE key = 'baseline'");
    if (!s)
        return STORE_ERROR;
    bool found = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 1);
    sqlite3_int64 rowid = found ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    if (!found)
        return store_fail(st, STORE_INVALID, "%s 缺少检出时的基线, 无法打包", store_path(st));
    char *path = xasprintf("%s.baseline-XXXXXX", store_path(st));
    int fd = mkstemp(path);
    if (fd < 0) {
        int rc = store_fail(st, STORE_ERROR, "打包失败: 无法创建临时文件 %s: %s", path,
                            strerror(errno));
        free(path);
        return rc;
    }
    *image = path;
    sqlite3_blob *b = NULL;
    int rc = sqlite3_blob_open(db, "main", "field_meta", "value", rowid, 0, &b);
    if (rc == SQLITE_OK)
        rc = blob_drain(b, fd);
    else
        close(fd);
    sqlite3_blob_close(b);
    s = rc == SQLITE_OK ? store_prepare(st, "ATTACH ?1 AS kp_base") : NULL;
    if (s) {
        sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
        rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_finalize(s);
    }
    return rc == SQLITE_OK ? STORE_OK : store_fail_sqlite(st, "读取检出时的基线");
}

/* The tables that travel, as a NULL-terminated malloc'd list. */
static char **travelling_tables(sqlite3 *db)
{
    sqlite3_stmt *s = NULL;
    char **names = xcalloc(1, sizeof *names);
    size_t n = 0;
    if (sqlite3_prepare_v2(db, "SELECT name FROM main.sqlite_schema WHERE type = 'table'"
                               " ORDER BY name", -1, &s, NULL) != SQLITE_OK)
        return names;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(s, 0);
        if (field_table_is_local(name))
            continue;
        names = xrealloc(names, (n + 2) * sizeof *names);
        names[n++] = xstrdup(name);
        names[n] = NULL;
    }
    sqlite3_finalize(s);
    return names;
}

static void free_list(char **list)
{
    for (char **p = list; p && *p; p++)
        free(*p);
    free(list);
}

/* Audit rows gathered into the pack's audit table before its session is written out and
 * started again: the session keeps a key per row, so memory stays this many rows' keys. */
#define FIELD_AUDIT_CHUNK 4096

/* Writes the session's changes to out and starts an empty one on kp_out.audit (ses may be
 * NULL: just the start). The rows go with their session: the next chunk's table is empty. */
static int audit_flush(sqlite3 *db, sqlite3_session **ses, field_out_fn out, void *ctx)
{
    int rc = SQLITE_OK;
    if (*ses) {
        rc = sqlite3session_changeset_strm(*ses, out, ctx);
        sqlite3session_delete(*ses);
        *ses = NULL;
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, "DELETE FROM kp_out.audit", NULL, NULL, NULL);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3session_create(db, "kp_out", ses);
    if (rc == SQLITE_OK)
        rc = sqlite3session_attach(*ses, "audit");
    return rc;
}

/* The laptop's audit rows since checkout (those of headers the baseline does not have) travel
 * as inserts into a table of one row per change, keyed by the header's id and the row's
 * place in it: the header's number is local to each file, its id is not (docs/field.md). The
 * values travel as the JSON objects the readers see; the county seals them into its own chain
 * when it commits. They are recorded by a session on a table of a temporary file (kp_out),
 * FIELD_AUDIT_CHUNK rows at a time: each chunk is a section of its own in the changeset. */
static int audit_changeset(struct store *st, field_out_fn out, void *ctx)
{
    sqlite3 *db = store_db(st);
    sqlite3_session *ses = NULL;
    sqlite3_stmt *rows = NULL, *put = NULL;
    int rc = sqlite3_exec(db, "CREATE TABLE kp_out.audit (" FIELD_AUDIT_COLUMNS ","
                              " PRIMARY KEY (id, seq))", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT t.id, c.rowid, t.at, t.operator, " AUDIT_TBL ","
                                    " c.row_key, c.action, " AUDIT_VALUES("old") ", "
                                    AUDIT_VALUES("new") " FROM main.audit_tx t JOIN"
                                    " main.audit_change c ON c.tx = t.n WHERE t.id NOT IN"
                                    " (SELECT id FROM kp_base.audit_tx) ORDER BY t.n, c.rowid",
                                -1, &rows, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "INSERT INTO kp_out.audit VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                                    " ?7, ?8, ?9)", -1, &put, NULL);
    if (rc == SQLITE_OK)
        rc = audit_flush(db, &ses, out, ctx);
    for (long n = 1; rc == SQLITE_OK && (rc = sqlite3_step(rows)) == SQLITE_ROW; n++) {
        for (int i = 0; i < FIELD_AUDIT_NCOLS; i++)
            sqlite3_bind_value(put, i + 1, sqlite3_column_value(rows, i));
        rc = sqlite3_step(put) == SQLITE_DONE ? sqlite3_reset(put) : sqlite3_errcode(db);
        if (rc == SQLITE_OK && n % FIELD_AUDIT_CHUNK == 0)
            rc = audit_flush(db, &ses, out, ctx);
    }
    if (rc == SQLITE_DONE)
        rc = sqlite3session_changeset_strm(ses, out, ctx);
    int res = rc == SQLITE_OK ? STORE_OK : store_fail_sqlite(st, "打包审计记录");
    sqlite3session_delete(ses);
    sqlite3_finalize(rows);
    sqlite3_finalize(put);
    return res;
}

/* The diff of every travelling table against the baseline, in name order, a session per
 * table: only one table's changes are held (the session keeps each changed row's key and old
 * values), and each is written out before the next table is diffed. */
static int tables_changeset(struct store *st, field_out_fn out, void *ctx)
{
    sqlite3 *db = store_db(st);
    char **tables = travelling_tables(db);
    int rc = SQLITE_OK;
    char *msg = NULL;
    for (char **t = tables; rc == SQLITE_OK && *t; t++) {
        sqlite3_session *ses = NULL;
        rc = sqlite3session_create(db, "main", &ses);
        if (rc == SQLITE_OK)
            rc = sqlite3session_attach(ses, *t);
        if (rc == SQLITE_OK)
            rc = sqlite3session_diff(ses, "kp_base", *t, &msg);
        if (rc == SQLITE_OK)
            rc = sqlite3session_changeset_strm(ses, out, ctx);
        if (rc != SQLITE_OK)
            store_fail(st, STORE_ERROR, "打包失败: 表 %s: %s", *t, msg ? msg : sqlite3_errstr(rc));
        sqlite3session_delete(ses);
        sqlite3_free(msg);
        msg = NULL;
    }
    free_list(tables);
    return rc == SQLITE_OK ? STORE_OK : STORE_ERROR;
}

static void copy_meta(sqlite3 *db, const char *key, char *out, size_t outsz)
{
    char *v = field_meta_get(db, "main", key);
    snprintf(out, outsz, "%s", v ? v : "");
    free(v);
}

/* The header: who and what the pack is from. Operators are those of the laptop's audit rows
 * since checkout. */
static int fill_header(struct store *st, struct field_header *h)
{
    sqlite3 *db = store_db(st);
    memset(h, 0, sizeof *h);
    h->format = FIELD_FORMAT;
    h->schema = STORE_SCHEMA_VERSION;
    copy_meta(db, "county_id", h->county, sizeof h->county);
    copy_meta(db, "laptop_id", h->laptop, sizeof h->laptop);
    copy_meta(db, "label", h->label, sizeof h->label);
    copy_meta(db, "checkout_at", h->checkout_at, sizeof h->checkout_at);
    sqlite3_stmt *s = store_prepare(
        st, "SELECT (SELECT group_concat(operator, ',') FROM (SELECT DISTINCT operator FROM"
            " main.audit_tx WHERE id NOT IN (SELECT id FROM kp_base.audit_tx) ORDER BY operator)),"
            " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
            " (SELECT user_version FROM kp_base.pragma_user_version)");
    if (!s)
        return STORE_ERROR;
    int rc = STORE_ERROR;
    if (sqlite3_step(s) == SQLITE_ROW) {
        const char *ops = (const char *)sqlite3_column_text(s, 0);
        snprintf(h->operators, sizeof h->operators, "%s", ops ? ops : "");
        snprintf(h->created, sizeof h->created, "%s", sqlite3_column_text(s, 1));
        rc = sqlite3_column_int(s, 2) == STORE_SCHEMA_VERSION
                 ? STORE_OK
                 : store_fail(st, STORE_INVALID,
                              "%s 检出后被新版本的 kaoping 升级过结构, 无法打包; 请先合并用"
                              " 旧版本打的包, 再重新检出", store_path(st));
    } else {
        rc = store_fail_sqlite(st, "打包");
    }
    sqlite3_finalize(s);
    return rc;
}

/* Reads in one transaction, so the pack is one consistent state of the laptop file. */
static int pack_in_snapshot(struct store *st, struct field_header *h, field_out_fn out, void *ctx)
{
    sqlite3 *db = store_db(st);
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail_sqlite(st, "打包");
    int rc = fill_header(st, h);
    if (rc == STORE_OK)
        rc = tables_changeset(st, out, ctx);
    if (rc == STORE_OK)
        rc = audit_changeset(st, out, ctx);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    return rc;
}

int field_pack(struct store *st, struct field_header *h, field_out_fn out, void *ctx)
{
    if (!field_is_laptop(store_db(st)))
        return store_fail(st, STORE_INVALID,
                          "%s 不是外业笔记本文件 (先在县里的数据库上运行 kaoping field checkout)",
                          store_path(st));
    /* ATTACH is not allowed inside the read transaction. kp_out is a temporary file ('')
     * whose pages SQLite spills to disk past its cache: the audit rows are not held. */
    char *image = NULL;
    int rc = attach_baseline(st, &image);
    if (rc == STORE_OK && sqlite3_exec(store_db(st), "ATTACH '' AS kp_out", NULL, NULL,
                                       NULL) != SQLITE_OK)
        rc = store_fail_sqlite(st, "打包");
    if (rc == STORE_OK)
        rc = pack_in_snapshot(st, h, out, ctx);
    sqlite3_exec(store_db(st), "DETACH kp_out", NULL, NULL, NULL);
    sqlite3_exec(store_db(st), "DETACH kp_base", NULL, NULL, NULL);
    if (image) {
        remove(image);
        free(image);
    }
    return rc;
}
