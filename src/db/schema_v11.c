/* Schema v11: the progress table rebuilt (docs/store.md "Schema versions"). A 评分 item's row
 * may give only its score (issue 17 item 5: actual no longer NOT NULL); 双监控's decision on a
 * warned item with its date, and the 更正 mark of a row confirmed below the previous quarter
 * (issue 15 item 5). SQLite cannot drop a NOT NULL in place, so the table is copied. */
#include <stdio.h>
#include <string.h>

#include "db/store_internal.h"

static const char schema_v11[] =
    "DROP INDEX progress_checkpoint;"
    "CREATE TABLE progress_v11 ("
    "  year INTEGER NOT NULL, unit TEXT NOT NULL, item TEXT NOT NULL,"
    "  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),"
    "  actual REAL CHECK (actual >= 0),"
    "  spent REAL CHECK (spent >= 0),"
    "  score REAL CHECK (score >= 0),"
    "  note TEXT, deviation TEXT, action TEXT,"
    "  decision TEXT CHECK (decision IN ('continue', 'adjust', 'defer', 'stop')),"
    "  decision_on TEXT CHECK (decision_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    "  corrected INTEGER NOT NULL DEFAULT 0 CHECK (corrected IN (0, 1)),"
    "  CHECK (actual IS NOT NULL OR score IS NOT NULL),"
    "  CHECK ((decision IS NULL) = (decision_on IS NULL)),"
    "  PRIMARY KEY (year, unit, item, quarter),"
    "  FOREIGN KEY (year, unit, item) REFERENCES target(year, unit, item) ON UPDATE CASCADE);"
    "INSERT INTO progress_v11(year, unit, item, quarter, actual, spent, score, note, deviation,"
    "  action) SELECT year, unit, item, quarter, actual, spent, score, note, deviation, action"
    "  FROM progress ORDER BY year, unit, item, quarter;"
    "DROP TABLE progress;"
    "ALTER TABLE progress_v11 RENAME TO progress;"
    "CREATE INDEX progress_checkpoint ON progress(year, quarter, unit, item, actual, score);";

struct v11 {
    sqlite3 *db;
    char *err;
    size_t errsz;
};

static int exec(struct v11 *m, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(m->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        snprintf(m->err, m->errsz, "数据库结构升级失败: %s", msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    return rc == SQLITE_OK ? 0 : -1;
}

/* schema_trigger_fn: progress's audit and lock triggers, made from its new columns (the audit
 * rows then carry decision, decision_on and corrected). */
static int progress_trigger(void *ctx, const char *name, const char *sql)
{
    bool mine = strncmp(name, "audit_progress_", 15) == 0 || strncmp(name, "lock_progress_", 14) == 0;
    return mine ? exec(ctx, sql) : 0;
}

/* The old triggers go first: the copy and the drop are not an operator's change, and the lock
 * triggers must not refuse moving a locked year's rows. */
static int drop_progress_trigger(void *ctx, const char *name, const char *sql)
{
    (void)sql;
    char drop[96];
    snprintf(drop, sizeof drop, "DROP TRIGGER IF EXISTS \"%s\"", name);
    return strstr(name, "_progress_") ? exec(ctx, drop) : 0;
}

int store_progress_migrate(struct store *st, char *err, size_t errsz)
{
    struct v11 m = {store_db(st), err, errsz};
    if (schema_each_trigger(st, drop_progress_trigger, &m) != 0 || exec(&m, schema_v11) != 0)
        return -1;
    return schema_each_trigger(st, progress_trigger, &m);
}
