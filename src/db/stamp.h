/* A cheap "has anything changed?" check, so screens can keep what they computed from the
 * database (e.g. a province-wide ranking) until the data really changes. */
#ifndef KAOPING_DB_STAMP_H
#define KAOPING_DB_STAMP_H

#include <stdbool.h>
#include <stdint.h>

#include "db/store.h"

struct store_stamp {
    int64_t others; /* PRAGMA data_version: moves when another connection commits */
    int64_t own;    /* rows changed through this connection so far */
};

/* The current stamp (zeros if the pragma fails, which only makes callers reload). */
struct store_stamp store_stamp_now(struct store *st);
bool store_stamp_equal(struct store_stamp a, struct store_stamp b);

#endif
