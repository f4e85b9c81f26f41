/* The stages' derived schemes and ledger cut-off (stage.h). */
#include "model/stage.h"

#include <stdio.h>
#include <string.h>

const char *stage_token(enum score_stage s) { return s == STAGE_HALF ? "half" : "year"; }
const char *stage_label(enum score_stage s) { return s == STAGE_HALF ? "半年初评" : "年终总评"; }

bool stage_parse(const char *s, enum score_stage *out)
{
    for (int i = STAGE_YEAR; i <= STAGE_HALF; i++)
        if (s && (strcmp(s, stage_token((enum score_stage)i)) == 0 ||
                  strcmp(s, stage_label((enum score_stage)i)) == 0)) {
            *out = (enum score_stage)i;
            return true;
        }
    return false;
}

void stage_scheme(enum score_stage st, const struct scheme *year, struct scheme *out)
{
    *out = *year;
    if (st != STAGE_HALF)
        return;
    /* K_H × 100 / key_points: a unit with every half-year point scores 100, so the year's
     * bands keep their meaning; nothing is missing for want of Q4 or the appraisal. */
    out->half_share = 100;
    out->year_share = 0;
    out->appraisal_share = 0;
}

bool stage_applies(enum score_stage st, const struct scheme *year)
{
    return st != STAGE_HALF || year->half_share > 0;
}

size_t stage_ledger_count(enum score_stage st, int year, const struct ledger_entry *ledger,
                          size_t n)
{
    if (st != STAGE_HALF)
        return n;
    char cutoff[16];
    snprintf(cutoff, sizeof cutoff, "%04d-06-30", year);
    size_t k = 0;
    while (k < n && strcmp(ledger[k].date, cutoff) <= 0)
        k++;
    return k;
}
