/* Schema v12: what one audit row costs to write (docs/store.md, "What the audit costs";
 * bench/README.md, the import section). Nothing the log records changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store_internal.h"
#include "model/xmalloc.h"

/* The audit table's action check before and after, as SQL string literals. */
#define AUDIT_IN_CHECK "'CHECK (action IN (''insert'', ''update'', ''delete''))'"
#define AUDIT_OR_CHECK "'CHECK (action = ''insert'' OR action = ''update'' OR action = ''delete'')'"

struct migration {
    struct store *st;
    char *err;
    size_t errsz;
};

static int exec_or_say(struct migration *m, const char *sql, const char *what)
{
    char *msg = NULL;
    int rc = sqlite3_exec(store_db(m->st), sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        snprintf(m->err, m->errsz, "数据库结构升级失败: %s", msg ? msg : what);
    sqlite3_free(msg);
    return rc == SQLITE_OK ? 0 : -1;
}

static void bind_name(sqlite3_stmt *s, const void *name)
{
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
}

/* schema_trigger_fn: an audit trigger that exists is made again with the current text (the
 * rising id, AUDIT_NEW_ID); triggers of tables a later version adds do not exist yet and are
 * made there. Lock triggers and guards are unchanged. */
static int remake_audit_trigger(void *ctx, const char *name, const char *sql)
{
    struct migration *m = ctx;
    if (strncmp(name, "audit_", 6) != 0 || !strstr(sql, "INSERT INTO audit("))
        return 0;
    long long have = store_query_int(m->st, "SELECT count(*) FROM sqlite_schema WHERE type ="
                                            " 'trigger' AND name = ?1", bind_name, name);
    if (have <= 0)
        return have < 0 ? -1 : 0;
    char *drop = xasprintf("DROP TRIGGER \"%s\"", name);
    int rc = exec_or_say(m, drop, name);
    free(drop);
    return rc == 0 ? exec_or_say(m, sql, name) : rc;
}

/* The action check `IN (...)` made SQLite 3.40 build a throwaway index for every audited row
 * (and for every row of `PRAGMA quick_check` before a bulk write); the same check with `=`/`OR`
 * is evaluated in place. The table's text is changed in sqlite_schema, SQLite's documented way
 * to change a CHECK constraint every row already meets (writable_schema, then a new
 * schema_version so every connection re-reads the schema). */
static int cheaper_action_check(struct migration *m)
{
    long long version = store_query_int(m->st, "PRAGMA schema_version", NULL, NULL);
    if (version < 0)
        return -1;
    char *sql = xasprintf(
        "PRAGMA writable_schema = ON;"
        " UPDATE sqlite_schema SET sql = replace(sql, " AUDIT_IN_CHECK ", " AUDIT_OR_CHECK ")"
        " WHERE type = 'table' AND name = 'audit';"
        " PRAGMA schema_version = %lld; PRAGMA writable_schema = OFF;",
        version + 1);
    int rc = exec_or_say(m, sql, "audit");
    free(sql);
    return rc;
}

/* What 审计日志 and `audit --unit` filter on (db/audit.c, AUDIT_OF_UNIT): the unit a row's
 * new or old values name, and the unit table's own key. Partial, so rows without valid JSON
 * (or without an old row: inserts) cost nothing. */
static const char audit_unit_indexes[] =
    "CREATE INDEX IF NOT EXISTS audit_new_unit ON audit(json_extract(new, '$.unit'))"
    "  WHERE json_valid(new);"
    "CREATE INDEX IF NOT EXISTS audit_old_unit ON audit(json_extract(old, '$.unit'))"
    "  WHERE json_valid(old);"
    "CREATE INDEX IF NOT EXISTS audit_unit_key ON audit(row_key) WHERE tbl = 'unit';";

int store_audit_migrate_v12(struct store *st, char *err, size_t errsz)
{
    struct migration m = {st, err, errsz};
    if (cheaper_action_check(&m) != 0 || exec_or_say(&m, audit_unit_indexes, "audit") != 0)
        return -1;
    return schema_each_trigger(st, remake_audit_trigger, &m);
}
