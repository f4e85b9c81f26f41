/* A new year from the last one (`kaoping year new`, the workstation's n): the scheme,
 * categories and units, and on request the 任务书 and the open rectifications. */
#ifndef KAOPING_DB_YEAR_NEW_H
#define KAOPING_DB_YEAR_NEW_H

#include <stdbool.h>

#include "db/store.h"

struct year_new_request {
    int year, from;
    bool with_targets;         /* copy the 任务书: progress stays empty, approval cleared */
    bool carry_rectifications; /* carry the open rectifications, each linked to its original */
    const char *today;         /* YYYY-MM-DD (local): the carried records' 登记日期 */
};

struct year_new_result {
    long long units;       /* units of the new year */
    long long targets;     /* target items copied */
    long long carried;     /* rectifications carried */
    long long not_carried; /* open rectifications of units not in the new year (retired) */
};

/* Creates r->year from r->from inside the caller's transaction. STORE_INVALID when the year
 * exists, STORE_NOTFOUND when `from` does not. The old year is only read (it may be locked).
 * Retired units (store_unit_retire) are left out, with their targets and rectifications. */
int store_year_new(struct store *st, const struct year_new_request *r, struct year_new_result *out);
/* Open rectifications of year that store_year_new would carry (of units in `to`, or of every
 * unit when `to` does not exist yet and no unit is retired by then): for a question's count. */
long long store_year_open_rectifications(struct store *st, int year, int to);

#endif
