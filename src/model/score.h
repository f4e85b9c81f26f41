/* The scoring engine (docs/domain.md "Scoring"): item scores at the half-year (Q2) and year-end
 * (Q4) checkpoints, key scores, 集中考核, public appraisal, capped deductions and bonus, the
 * total rounded once, grades and veto. Pure computation over a struct year_data.
 *
 * Exactness: every decimal input (points, shares, ledger points, appraisal) is turned into an
 * integer count of millionths (micro-points), so sums and caps are exact. The only inexact
 * parts are the ratios of ratio/inverse items and the key-point shares (e.g. ×30/90); they are
 * carried in long double and the final rounding treats anything within 1e-8 points of a
 * half-hundredth as exactly on it. See docs/scoring.md. */
#ifndef KAOPING_MODEL_SCORE_H
#define KAOPING_MODEL_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/grades.h"
#include "model/types.h"

#define SCORE_MICRO 1000000LL /* micro-points per point */

/* The two checkpoints: index 0 = half-year (Q2), 1 = year-end (Q4). */
enum { CHECK_HALF = 0, CHECK_YEAR = 1, CHECK_COUNT = 2 };
/* Quarter (0-based) of each checkpoint. */
extern const int score_checkpoint_quarter[CHECK_COUNT];

/* One item at one checkpoint. Scores are in micro-points (exact integers whenever the
 * ratio divides evenly). */
struct item_check {
    bool missing;         /* no progress row (or, manual, no score): scored 0 */
    unsigned missing_why; /* MISSING_PROGRESS or MISSING_SCORE */
    double expected;      /* target × schedule / 100, in the item's measure (display) */
    double actual;        /* cumulative actual (0 when missing) */
    long double score_u;  /* points earned, micro-points */
};

/* Why a unit is flagged 数据不全 (bit set). */
enum {
    MISSING_PROGRESS = 1u << 0,  /* an item has no Q2/Q4 row (for a checkpoint that counts) */
    MISSING_SCORE = 1u << 1,     /* a manual item's Q2/Q4 row has no assessor score */
    MISSING_APPRAISAL = 1u << 2, /* no 公众评议 (when its share > 0) */
    MISSING_TARGETS = 1u << 3,   /* takes part (appraisal or ledger) but has no target items */
    MISSING_SOURCE = 1u << 4,    /* a (non-bonus) score source of its pool has no score */
};

/* A capped ledger sum: what was recorded and what was applied. */
struct capped {
    int64_t sum_u;     /* all records, micro-points */
    int64_t applied_u; /* min(cap, sum) */
    int n_records;
};

struct unit_score {
    size_t unit;                   /* index into year_data.units */
    bool takes_part;               /* has items, an appraisal or ledger records this year */
    size_t first_item, n_items;    /* the unit's range in year_data.items (explain uses them) */
    size_t first_ledger, n_ledger; /* ... and in year_data.ledger */
    int64_t key_points_u;          /* the pool's key points (sum of its categories), e.g. 90 */
    /* Below, long double values are micro-points (exact integers for decimal inputs). */
    long double k_u[CHECK_COUNT]; /* K_H, K_Y: sums of item scores */
    int64_t source_share_u;       /* S: the non-bonus sources' shares of the unit's pool */
    long double key_u;            /* C = (K_H × half + K_Y × year) / key × W / (half + year),
                                   * W = half + year − S (docs/scoring.md "Score sources") */
    bool has_appraisal;
    int64_t appraisal_u;          /* raw P, micro (0 when missing) */
    long double appraisal_part_u; /* A = P × share / 100 */
    long double sources_u;        /* Σ the score sources' parts (bonus sources included) */
    struct capped inspection, complaint, bonus;
    int n_vetoes;        /* 一票否决 records */
    bool veto;           /* vetoed and the scheme's veto effect is not `none` */
    long double total_u; /* C + A + Σ sources + B − D_i − D_c before rounding */
    int64_t total_c;     /* the total rounded once, in hundredths */
    int band;            /* grade position (model/grades.h) from the bands alone */
    int grade;           /* after the veto effect */
    unsigned missing;    /* MISSING_* bits; non-zero = 数据不全 */
    /* Filled by ranking: */
    int rank;      /* 1-based within the pool; 0 when not ranked */
    int pool_size; /* units ranked in the pool */
};

/* Item score at one checkpoint (0 = half-year, 1 = year-end). */
void score_item(const struct target_item *it, int checkpoint, struct item_check *out);
/* Key points of a pool in micro-points: the sum of its categories' points, or, when the pool
 * has no categories this year, half_share + year_share. */
int64_t score_pool_key_points(const struct year_data *yd, const char *pool);
/* Scores unit yd->units[u] from its items and ledger records (in date order). The item and
 * ledger ranges of *out are left 0: the caller records where they live (rank_year does). */
void score_unit(const struct year_data *yd, size_t u, const struct target_item *items,
                size_t n_items, const struct ledger_entry *ledger, size_t n_ledger,
                struct unit_score *out);

/* A ledger cap applied record by record in ledger order (date, id): the part of each record
 * that counted and the part cut off because the cap was already reached. */
void score_capped_parts(int64_t points_u, int64_t *running_u, int64_t cap_u, int64_t *counted_u,
                        int64_t *cut_u);

/* Fixed-point helpers shared by ranking, explanation and output. */
int64_t score_micro(double v); /* decimal input → micro-points, rounded */
/* Micro-points rounded half away from zero to hundredths of a point. Exact for integral
 * input; otherwise values within 0.01 micro-points (1e-8 points) of a half-hundredth count
 * as exactly on it (see the header comment). */
int64_t score_round_c(long double micro);
/* "89.31": hundredths as a fixed 2-decimal string (buf ≥ 32). */
const char *score_fmt_c(int64_t c, char *buf, size_t bufsz);
/* Micro-points printed with 2 decimals, rounded like the total. */
const char *score_fmt2(long double micro, char *buf, size_t bufsz);
/* A decimal input printed without trailing zeros ("86.4", "30", "0.5"). */
const char *score_fmt_plain(double v, char *buf, size_t bufsz);

/* The shares the key items' checkpoints carry for a unit of a pool with sources of share S:
 * half × W / (half + year) and year × W / (half + year), W = half + year − S (micro). */
void score_key_shares(const struct scheme *s, int64_t source_share_u, long double out[2]);

#endif
