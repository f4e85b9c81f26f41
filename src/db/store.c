/* Opening, configuring and closing the store; transactions; error messages; shared helpers. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/store_internal.h"
#include "model/xmalloc.h"

/* Statements reused by the upsert path: preparing one also compiles the audit and lock
 * triggers, which dominated bulk imports (255 us a row before caching). */
#define STMT_CACHE_SIZE 32

/* How long a writer waits for another process's transaction before giving up: a person at
 * the workstation, or a command writing a few rows, gets an answer within 5 s; a bulk write
 * (import, demo) waits up to a minute, since the holder is usually another bulk write that
 * finishes within seconds (issue 12: 7 of 30 parallel imports gave up after 5 s). */
#define STORE_BUSY_TIMEOUT_MS 5000
#define STORE_BULK_BUSY_TIMEOUT_MS 60000

/* A bulk write seals the audit rows of every this many upserts (a few hundred KB of log) while
 * their pages are still in SQLite's page cache; sealed all at COMMIT, the 100 MB log of a
 * province import was read back and rewritten (bench/README.md). */
#define STORE_SEAL_EVERY 2048

struct store {
    sqlite3 *db;
    char *path;
    char *operator_name;
    char errmsg[512];
    sqlite3_stmt *cache[STMT_CACHE_SIZE];
    const char *cache_key[STMT_CACHE_SIZE]; /* the SQL pointer last asked for each entry */
    size_t cache_next; /* round-robin eviction */
    struct audit_open audit; /* the write transaction's audit header (audit_chain.c) */
    bool bulk;            /* the transaction is a bulk write (store_begin_bulk) */
    bool check_pending;   /* its quick_check waits for the first write (store_bulk_check) */
    int unsealed;         /* upserts since the last seal of a bulk write */
    bool corrupt;         /* SQLite reported the file corrupt: no more writes on it */
    bool readonly;        /* opened read-only: kaoping may not write the file or its folder */
    int busy_limit_ms;    /* how long the busy handler waits */
    struct timespec wait_start;
    int wait_told;        /* seconds of waiting last told to on_wait */
    store_wait_fn on_wait;
    void *on_wait_ctx;
};

struct audit_open *store_audit_state(struct store *st)
{
    return &st->audit;
}
sqlite3 *store_db(struct store *st)
{
    return st->db;
}
const char *store_errmsg(const struct store *st)
{
    return st->errmsg;
}
const char *store_path(const struct store *st)
{
    return st->path;
}
const char *store_operator(const struct store *st)
{
    return st->operator_name;
}

int store_fail(struct store *st, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->errmsg, sizeof st->errmsg, fmt, ap);
    va_end(ap);
    return code;
}

/* Once SQLite has said the file is corrupt, writing on would spread the damage into pages
 * that are still good: every later write on this connection is refused with this. */
static int fail_corrupt(struct store *st, const char *what, const char *detail)
{
    st->corrupt = true;
    return store_fail(st, STORE_ERROR,
                      "%s: 数据库文件 %s 已损坏 (%s), 不再写入。请运行 kaoping check 查看, 并用"
                      " kaoping backup 做的备份恢复",
                      what, st->path, detail);
}

static int fail_readonly(struct store *st, const char *what)
{
    return store_fail(st, STORE_ERROR,
                      "%s: 数据库 %s 是只读的 (这个账户不能写该文件或它所在的目录), 未修改", what,
                      st->path);
}

int store_fail_sqlite(struct store *st, const char *what)
{
    const char *msg = sqlite3_errmsg(st->db);
    int ext = sqlite3_extended_errcode(st->db);
    const char *why = store_no_room(st);
    if (why)
        return store_fail_no_room(st, what, why);
    if ((ext & 0xff) == SQLITE_READONLY)
        return fail_readonly(st, what);
    if ((ext & 0xff) == SQLITE_CORRUPT || (ext & 0xff) == SQLITE_NOTADB)
        return fail_corrupt(st, what, msg);
    if (strstr(msg, "KP_AUDIT_APPEND_ONLY"))
        return store_fail(st, STORE_INVALID, "%s: 审计日志只能追加, 不能修改或删除", what);
    if (strstr(msg, "KP_PUBLISHED"))
        return store_fail(st, STORE_INVALID, "%s: 已发布的结果 (快照) 不能修改或删除", what);
    if (strstr(msg, "KP_YEAR_LOCKED"))
        return store_fail(st, STORE_INVALID, "%s: 该年度已审定 (锁定), 不能修改; 如需修改请先解锁",
                          what);
    if ((ext & 0xff) == SQLITE_CONSTRAINT) {
        if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
            return store_fail(st, STORE_INVALID,
                              "%s: 引用的单位、年度或指标不存在, 或仍被其他数据引用", what);
        return store_fail(st, STORE_INVALID, "%s: 数据不符合约束 (%s)", what, msg);
    }
    if ((ext & 0xff) == SQLITE_BUSY)
        return store_fail(st, STORE_ERROR, "%s: 数据库正被其他程序占用 (已等待 %d 秒), 请稍后再试",
                          what, st->busy_limit_ms / 1000);
    return store_fail(st, STORE_ERROR, "%s: %s", what, msg);
}

/* A deferred bulk check (store_begin_bulk_deferred) runs before the first statement that
 * writes is handed out: whatever path writes first, a damaged file is refused before it. */
static bool check_before_write(struct store *st, sqlite3_stmt *s)
{
    return !st->check_pending || sqlite3_stmt_readonly(s) || store_bulk_check(st) == STORE_OK;
}

sqlite3_stmt *store_prepare(struct store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        store_fail_sqlite(st, "SQL");
        return NULL;
    }
    if (!check_before_write(st, s)) {
        sqlite3_finalize(s);
        return NULL;
    }
    return s;
}

int store_step_done(struct store *st, sqlite3_stmt *s, const char *what)
{
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    int out = rc == SQLITE_DONE || rc == SQLITE_ROW ? STORE_OK : store_fail_sqlite(st, what);
    sqlite3_finalize(s);
    return out;
}

char *store_default_path(const char *flag)
{
    if (flag && *flag)
        return xstrdup(flag);
    const char *env = getenv("KAOPING_DB");
    if (env && *env)
        return xstrdup(env);
    /* The XDG base directory spec: a relative value is invalid and must be ignored. */
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && *xdg == '/')
        return xasprintf("%s/kaoping/kaoping.db", xdg);
    const char *home = getenv("HOME");
    if (!home || !*home) {
        struct passwd *pw = getpwuid(getuid());
        home = pw ? pw->pw_dir : ".";
    }
    return xasprintf("%s/.local/share/kaoping/kaoping.db", home);
}

/* mkdir -p of the directory part of path. */
static int make_parent_dirs(const char *path, char *err, size_t errsz)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    int rc = 0;
    if (slash && slash != dir) {
        *slash = '\0';
        for (char *p = dir + 1; rc == 0; p++) {
            if (*p != '/' && *p != '\0')
                continue;
            char saved = *p;
            *p = '\0';
            if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
                snprintf(err, errsz, "无法创建目录 %s: %s", dir, strerror(errno));
                rc = -1;
            }
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    free(dir);
    return rc;
}

/* Creates the file with mode 0600 before SQLite does, so it never exists world-readable. */
static int create_private_file(const char *path, char *err, size_t errsz)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd >= 0) {
        close(fd);
        return 0;
    }
    if (errno == EEXIST)
        return 0;
    snprintf(err, errsz, "无法创建数据库文件 %s: %s", path, strerror(errno));
    return -1;
}

static void sql_operator(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc, (void)argv;
    struct store *st = sqlite3_user_data(ctx);
    sqlite3_result_text(ctx, st->operator_name, -1, SQLITE_STATIC);
}

/* SQLite's busy handler: sleeps in short steps (a released lock is taken within ~100 ms)
 * until busy_limit_ms have passed since this wait began, telling on_wait once a second. */
static int busy_wait(void *arg, int count)
{
    static const int steps_ms[] = {1, 2, 5, 10, 20, 50, 100};
    struct store *st = arg;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (count == 0) {
        st->wait_start = now;
        st->wait_told = 0;
    }
    long long waited = (long long)(now.tv_sec - st->wait_start.tv_sec) * 1000 +
                       (now.tv_nsec - st->wait_start.tv_nsec) / 1000000;
    if (waited >= st->busy_limit_ms)
        return 0;
    if (st->on_wait && waited / 1000 > st->wait_told) {
        st->wait_told = (int)(waited / 1000);
        st->on_wait(st->on_wait_ctx, st->wait_told, st->busy_limit_ms / 1000, false);
    }
    int n = (int)(sizeof steps_ms / sizeof steps_ms[0]);
    sqlite3_sleep(steps_ms[count < n ? count : n - 1]);
    return 1;
}

static int configure(struct store *st, char *err, size_t errsz)
{
    /* A read-only file keeps the journal mode it has (switching it is a write). */
    const char *pragmas = st->readonly ? "PRAGMA foreign_keys = ON;"
                                       : "PRAGMA foreign_keys = ON;"
                                         "PRAGMA journal_mode = WAL;"
                                         "PRAGMA synchronous = FULL;";
    /* Switching a new file to WAL needs an exclusive lock, and SQLite reports SQLITE_BUSY at
     * once, without the busy handler, while another process opening the same new file holds
     * it: two operators starting kaoping together must both get in, so wait here too. */
    int rc;
    for (int waited = 0;; waited += 10) {
        rc = sqlite3_exec(st->db, pragmas, NULL, NULL, NULL);
        if ((rc & 0xff) != SQLITE_BUSY || waited >= STORE_BUSY_TIMEOUT_MS)
            break;
        sqlite3_sleep(10);
    }
    if (rc != SQLITE_OK)
        return store_open_failed(st, err, errsz);
    sqlite3_create_function(st->db, "kp_operator", 0, SQLITE_UTF8, st, sql_operator, NULL, NULL);
    sqlite3_create_function(st->db, "kp_tx", 0, SQLITE_UTF8, st, store_audit_sql_tx, NULL, NULL);
    return 0;
}

/* Opens the connection, read-only when it must be. In a folder this account cannot write to,
 * SQLite cannot create the -shm a WAL reader needs; then the file is read as it is on disk
 * (immutable), which is only right when no -wal holds changes not yet in the file. */
static int open_connection(struct store *st, char *err, size_t errsz)
{
    store_configure_sqlite();
    /* A connection never crosses threads: NOMUTEX drops SQLite's per-call locking, which was
     * a fifth of a province-wide ranking's instructions. */
    int rc, flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
    if (!st->readonly) {
        rc = sqlite3_open_v2(st->path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    } else {
        char *uri = store_file_uri(st->path, "mode=ro");
        rc = sqlite3_open_v2(uri, &st->db, flags, NULL);
        free(uri);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
        if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN) {
            char *wal = xasprintf("%s-wal", st->path);
            struct stat sb;
            bool pending = stat(wal, &sb) == 0 && sb.st_size > 0;
            if (pending)
                snprintf(err, errsz,
                         "数据库 %s 所在目录不可写, 而 %s 里还有没写进数据库文件的修改, 只读"
                         "打开会看不到它们; 请用能写这个目录的账户打开一次",
                         st->path, wal);
            free(wal);
            if (pending)
                return -1;
            sqlite3_close_v2(st->db);
            uri = store_file_uri(st->path, "immutable=1");
            rc = sqlite3_open_v2(uri, &st->db, flags, NULL);
            free(uri);
        }
    }
    if (rc != SQLITE_OK && rc != SQLITE_NOTADB)
        return store_open_failed(st, err, errsz);
    return 0;
}

struct store *store_open(const char *path, const char *operator_name, char *err, size_t errsz)
{
    err[0] = '\0';
    if (make_parent_dirs(path, err, errsz) != 0 || create_private_file(path, err, errsz) != 0)
        return NULL;
    struct store *st = xcalloc(1, sizeof *st);
    st->path = xstrdup(path);
    st->operator_name = xstrdup(operator_name && *operator_name ? operator_name : "unknown");
    st->readonly = store_must_open_readonly(path);
    if (open_connection(st, err, errsz) != 0) {
        store_close(st);
        return NULL;
    }
    st->busy_limit_ms = STORE_BUSY_TIMEOUT_MS;
    sqlite3_busy_handler(st->db, busy_wait, st);
    /* A file that is not SQLite fails on its first read: say so plainly. */
    int rc = sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        /* Only a file SQLite cannot read as a database is "not a database"; a lock or an I/O
         * error says what it is. */
        if (rc == SQLITE_NOTADB)
            snprintf(err, errsz, "%s 不是 kaoping 数据库 (%s)", path, sqlite3_errmsg(st->db));
        else
            store_open_failed(st, err, errsz);
        store_close(st);
        return NULL;
    }
    /* Refuse a newer file before configure() switches it to WAL: refusing must not write. */
    if (schema_check_version(st, err, errsz) != 0 || configure(st, err, errsz) != 0 ||
        schema_migrate(st, err, errsz) != 0) {
        store_close(st);
        return NULL;
    }
    return st;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < STMT_CACHE_SIZE; i++)
        sqlite3_finalize(st->cache[i]);
    store_audit_close(st);
    sqlite3_close_v2(st->db);
    free(st->path);
    free(st->operator_name);
    free(st);
}

int store_begin(struct store *st)
{
    if (st->corrupt)
        return fail_corrupt(st, "开始事务", "之前的操作已发现");
    if (st->readonly)
        return fail_readonly(st, "开始事务");
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail_sqlite(st, "开始事务");
    st->bulk = st->check_pending = false, st->unsealed = 0;
    /* The transaction's audit header, numbered after everything in the file: only its rows
     * are sealed at commit, so rows another program slipped in stay visibly unsealed. */
    if (store_audit_open(st) != STORE_OK) {
        store_rollback(st);
        return STORE_ERROR;
    }
    return STORE_OK;
}

/* PRAGMA quick_check inside the transaction: its first line, "ok" when the file is sound. */
static int quick_check_run(struct store *st)
{
    sqlite3_stmt *s = store_prepare(st, "PRAGMA quick_check(1)");
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    const char *line = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
    int out = STORE_OK;
    if (rc != SQLITE_ROW) {
        out = store_fail_sqlite(st, "检查数据库");
    } else if (!line || strcmp(line, "ok") != 0) {
        /* One line for the message: "*** in database main ***\nPage 9: ..." → "Page 9: ...". */
        char detail[160];
        const char *nl = line ? strchr(line, '\n') : NULL;
        snprintf(detail, sizeof detail, "%s", nl ? nl + 1 : line ? line : "quick_check");
        for (char *p = detail; *p; p++)
            if (*p == '\n' || *p == '\r')
                *p = ' ';
        out = fail_corrupt(st, "检查数据库", detail);
    }
    sqlite3_finalize(s);
    return out;
}

/* The pages and b-trees are checked, CHECK constraints are not: they are not damage, every
 * write checks its own rows, and evaluating them on every row was half of the check's CPU on
 * the province (bench/README.md). ignore_check_constraints is on for the check only (and set
 * back after the check's own error is recorded). */
static int quick_check(struct store *st)
{
    if (sqlite3_exec(st->db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail_sqlite(st, "检查数据库");
    int out = quick_check_run(st);
    if (sqlite3_exec(st->db, "PRAGMA ignore_check_constraints = OFF", NULL, NULL, NULL) !=
            SQLITE_OK &&
        out == STORE_OK)
        out = store_fail_sqlite(st, "检查数据库");
    return out;
}

static int begin_bulk(struct store *st, store_wait_fn on_wait, void *ctx, bool defer)
{
    st->busy_limit_ms = STORE_BULK_BUSY_TIMEOUT_MS;
    st->on_wait = on_wait, st->on_wait_ctx = ctx;
    st->wait_told = 0;
    int rc = store_begin(st);
    if (on_wait && st->wait_told > 0)
        on_wait(ctx, st->wait_told, st->busy_limit_ms / 1000, true);
    st->on_wait = NULL, st->on_wait_ctx = NULL;
    if (rc == STORE_OK && !defer && (rc = quick_check(st)) != STORE_OK)
        store_rollback(st);
    st->bulk = rc == STORE_OK;
    st->check_pending = rc == STORE_OK && defer;
    return rc;
}

int store_begin_bulk(struct store *st, store_wait_fn on_wait, void *ctx)
{
    return begin_bulk(st, on_wait, ctx, false);
}

int store_begin_bulk_deferred(struct store *st, store_wait_fn on_wait, void *ctx)
{
    return begin_bulk(st, on_wait, ctx, true);
}

int store_bulk_check(struct store *st)
{
    if (!st->check_pending)
        return STORE_OK;
    st->check_pending = false;
    int rc = quick_check(st);
    if (rc != STORE_OK)
        store_rollback(st);
    return rc;
}

/* Hashes the audit rows written so far into the header's hash: the same hash as one pass at
 * COMMIT (no other program can write inside our transaction, and nothing here rolls back to
 * a savepoint past a hashed row). */
static int seal_so_far(struct store *st)
{
    if (store_audit_feed(st) != STORE_OK)
        return STORE_ERROR;
    st->unsealed = 0;
    return STORE_OK;
}

int store_commit(struct store *st)
{
    /* Outside a transaction there is nothing of ours to seal (and the mark is stale). */
    if (!sqlite3_get_autocommit(st->db) && store_audit_seal(st) != STORE_OK) {
        store_rollback(st);
        return STORE_ERROR;
    }
    store_audit_close(st);
    /* a write after this one is sealed (and checked) by its own transaction */
    st->bulk = st->check_pending = false;
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        int rc = store_fail_sqlite(st, "提交");
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    return STORE_OK;
}

void store_rollback(struct store *st)
{
    st->bulk = st->check_pending = false;
    store_audit_close(st);
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_end(struct store *st, int rc)
{
    if (rc == STORE_OK)
        return store_commit(st);
    store_rollback(st);
    return rc;
}

bool store_is_empty(struct store *st)
{
    sqlite3_stmt *s =
        store_prepare(st, "SELECT (SELECT count(*) FROM unit) + (SELECT count(*) FROM year)");
    bool empty = false;
    if (s && sqlite3_step(s) == SQLITE_ROW)
        empty = sqlite3_column_int(s, 0) == 0;
    sqlite3_finalize(s);
    return empty;
}

sqlite3_stmt *store_cached(struct store *st, const char *sql)
{
    /* First by the caller's pointer (SQL is nearly always a literal), confirmed by text: the
     * text-only scan compared long common prefixes ("SELECT count(*) FROM ...") against up to
     * 32 entries for every row of an import, 8 % of a re-import's CPU (bench/README.md). */
    for (int by_text = 0; by_text < 2; by_text++) {
        for (size_t i = 0; i < STMT_CACHE_SIZE; i++) {
            sqlite3_stmt *c = st->cache[i];
            if (!c || (!by_text && st->cache_key[i] != sql) || strcmp(sqlite3_sql(c), sql) != 0)
                continue;
            st->cache_key[i] = sql;
            sqlite3_reset(c);
            sqlite3_clear_bindings(c);
            return check_before_write(st, c) ? c : NULL;
        }
    }
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
        store_fail_sqlite(st, "SQL");
        return NULL;
    }
    if (!check_before_write(st, s)) {
        sqlite3_finalize(s);
        return NULL;
    }
    size_t slot = st->cache_next++ % STMT_CACHE_SIZE;
    sqlite3_finalize(st->cache[slot]);
    st->cache[slot] = s;
    st->cache_key[slot] = sql;
    return s;
}

void store_cached_done(sqlite3_stmt *s)
{
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}

int store_wrote(struct store *st, int changed)
{
    if (st->bulk && changed > 0 && (st->unsealed += changed) >= STORE_SEAL_EVERY)
        return seal_so_far(st);
    return STORE_OK;
}
