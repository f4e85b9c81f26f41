/* Corrections of rectification records: edit, reopen, delete (rectify.h). */
#include <stdio.h>

#include "db/rectify.h"
#include "db/store_internal.h"
#include "model/calendar.h"

/* Runs sql (?1 the full id, ?2 and ?3 the texts given) on the record id names. */
static int write_one(struct store *st, const char *id, const char *sql, const char *a,
                     const char *b, const char *what, bool want_done)
{
    struct rectification r;
    int rc = store_rectify_get(st, id, &r);
    if (rc != STORE_OK)
        return rc;
    if (want_done && r.status != RECT_DONE) {
        rc = store_fail(st, STORE_INVALID, "整改记录 %.8s 还未完成, 不需要重新打开", r.id);
        rectification_clear(&r);
        return rc;
    }
    sqlite3_stmt *s = store_prepare(st, sql);
    if (s) {
        bind_text(s, 1, r.id);
        if (sqlite3_bind_parameter_count(s) >= 3) {
            bind_text(s, 2, a);
            bind_text(s, 3, b);
        }
    }
    rc = store_step_done(st, s, what);
    rectification_clear(&r);
    return rc;
}

int store_rectify_edit(struct store *st, const char *id, const char *text, const char *deadline)
{
    if (!text || !*text)
        return store_fail(st, STORE_INVALID, "整改事项不能为空");
    if (!calendar_date_text_valid(deadline))
        return store_fail(st, STORE_INVALID, "整改期限应为 YYYY-MM-DD 格式的有效日期: %s",
                          deadline ? deadline : "");
    return write_one(st, id, "UPDATE rectification SET text = ?2, deadline = ?3 WHERE id = ?1",
                     text, deadline, "修改整改", false);
}

int store_rectify_reopen(struct store *st, const char *id)
{
    return write_one(st, id,
                     "UPDATE rectification SET status = 'open', closed_at = NULL,"
                     " close_note = NULL WHERE id = ?1",
                     NULL, NULL, "重新打开整改", true);
}

int store_rectify_delete(struct store *st, const char *id)
{
    return write_one(st, id, "DELETE FROM rectification WHERE id = ?1", NULL, NULL, "删除整改",
                     false);
}
