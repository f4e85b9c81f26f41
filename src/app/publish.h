/* Publishing a stage of the year (发布, docs/scoring.md "Published stages"): the ranking of the
 * 半年初评 or the 年终总评 as it stands, kept as an immutable snapshot (db/publish.h); and the
 * year lock, which keeps the year-end snapshot: locking a year whose year-end is not yet
 * published publishes it in the same transaction. */
#ifndef KAOPING_APP_PUBLISH_H
#define KAOPING_APP_PUBLISH_H

#include <stdbool.h>

#include "db/publish.h"
#include "db/store.h"
#include "model/explain.h"
#include "model/rank.h"
#include "model/stage.h"

/* Ranks the stage and stores the snapshot, inside the caller's transaction. pub receives
 * the rows, id, time and operator (free with publication_free). STORE_INVALID when already
 * published or when the stage does not apply to the year's scheme. */
int app_publish(struct store *st, int year, enum score_stage stage, struct publication *pub);

/* Locks the year in one transaction, first publishing the year-end when it is not yet
 * published (*published_now tells). */
int app_lock_year(struct store *st, int year, const char *note, bool *published_now);

/* The snapshot's row of unit u differs from the live score us (total, rank or grade):
 * *row gets the snapshot row (NULL when the unit was not in it). False when the stage is not
 * published or nothing differs. */
bool app_snapshot_differs(const struct publication *pub, const struct year_data *yd,
                          const struct unit_score *us, const struct published_row **row);

/* The explanation's stage lines for unit u of a year ranked at the year-end (yd, ys): the
 * unit's 半年初评 stage (when the scheme has one) and, for each stage, its published snapshot
 * against today's live score. */
int app_explain_stages(struct store *st, const struct year_data *yd, const struct year_scores *ys,
                       size_t u, struct text_lines *out);

/* A stage of the year as ranked (app_rank_stage), with its published snapshot. */
struct ranked_stage {
    const struct year_data *yd;
    const struct year_scores *ys;
    const struct publication *pub;
};
/* The same lines from stages ranked already, for the workstation, which keeps both rankings
 * (ui/results.c) instead of ranking the 半年初评 again for each explanation: year is the
 * year-end, half the 半年初评 (NULL when the scheme has none). */
void app_explain_stages_ranked(const struct ranked_stage *year, const struct ranked_stage *half,
                               size_t u, struct text_lines *out);

#endif
