/* Published results (发布快照, docs/scoring.md "Published stages"): one snapshot per year and
 * stage, with who published it, when, and every ranked row with its terms. The database
 * refuses any update or delete of a snapshot (schema v6 triggers). */
#ifndef KAOPING_DB_PUBLISH_H
#define KAOPING_DB_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/store.h"
#include "model/stage.h"

/* One unit's published row; scores in hundredths of a point. */
struct published_row {
    char *unit, *name, *pool;
    int rank;
    int64_t half_year, year_end, key_score, appraisal, inspection, complaint, bonus, total;
    char *grade;
    bool veto, incomplete;
};

struct publication {
    bool present;
    char id[KP_ID_LEN + 1];
    char at[40];  /* ISO time (UTC) */
    char by[128]; /* operator */
    struct published_row *rows; /* ordered by unit code */
    size_t n_rows;
};

/* The snapshot of (year, stage); out->present false when not published. */
int store_publication_get(struct store *st, int year, enum score_stage stage,
                          struct publication *out);
/* Stores a snapshot (inside the caller's transaction). Refused (STORE_INVALID) when the
 * stage is published already, or for a half-year whose scheme has no half-year share.
 * pub->id, at and by are set. */
int store_publication_put(struct store *st, int year, enum score_stage stage,
                          struct publication *pub);
/* The row of unit code in pub (binary search), or NULL. */
const struct published_row *publication_find(const struct publication *pub, const char *code);
void publication_free(struct publication *pub);

#endif
