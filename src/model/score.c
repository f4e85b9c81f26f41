/* The scoring rules of docs/domain.md, in micro-points so that sums, caps and the final rounding
 * are exact for the decimal numbers operators type. */
#include "model/score.h"

#include "model/adjust.h"
#include "model/limits.h"
#include "model/sources.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 128-bit products keep points × actual × 10^8 exact before the one division. */
__extension__ typedef __int128 i128;

const int score_checkpoint_quarter[CHECK_COUNT] = {1, 3};

/* Inputs beyond this many micro-units (10^9 in the item's measure) skip the exact path, so
 * the 128-bit products below cannot overflow. */
#define EXACT_LIMIT 1000000000000000LL

/* Stored values beyond the model's limits (model/limits.h: 10^12) come only from files written
 * before those limits or by other tools; they are clamped here, so that no sum, product or
 * rounding below can overflow (sums of up to ~9 such values stay inside int64, and ledger
 * sums saturate). NaN counts as 0. */
#define MICRO_MAX ((int64_t)(LIMIT_AMOUNT_MAX * 1e6))
/* The rounded total in hundredths is kept inside ±10^16 (10^14 points): far beyond any real
 * total, far inside int64, so negating or printing it cannot overflow. */
#define TOTAL_C_MAX 10000000000000000LL

int64_t score_micro(double v)
{
    if (!(v == v))
        return 0;
    if (v >= LIMIT_AMOUNT_MAX)
        return MICRO_MAX;
    if (v <= -LIMIT_AMOUNT_MAX)
        return -MICRO_MAX;
    return llround(v * 1e6);
}

/* a + b, saturating at ±INT64_MAX (a ledger of many clamped records). */
static int64_t add_sat(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_add_overflow(a, b, &r))
        return a > 0 ? INT64_MAX : -INT64_MAX;
    return r;
}

/* num / den in micro-points: exact when it divides evenly, else long double. */
static long double divide_u(i128 num, i128 den)
{
    if (den == 0)
        return 0;
    if (num % den == 0)
        return (long double)(num / den);
    return (long double)num / (long double)den;
}

static bool in_exact_range(int64_t pts, int64_t act, int64_t tgt, int64_t sched)
{
    return llabs(pts) < EXACT_LIMIT / 1000 && llabs(act) < EXACT_LIMIT &&
           llabs(tgt) < EXACT_LIMIT && llabs(sched) < 1000 * 1000000LL;
}

/* ratio: points × min(1, actual/expected); expected = 0 earns full points (nothing was due). */
static long double ratio_score(int64_t pts, int64_t act, int64_t tgt, int64_t sched)
{
    i128 expected_x = (i128)tgt * sched;       /* expected × 10^14 (micro × micro-percent) */
    i128 actual_x = (i128)act * 100 * 1000000; /* actual × 10^14 */
    if (expected_x == 0 || actual_x >= expected_x)
        return (long double)pts;
    if (!in_exact_range(pts, act, tgt, sched))
        return (long double)pts * ((long double)actual_x / (long double)expected_x);
    return divide_u((i128)pts * actual_x, expected_x);
}

/* inverse: points × min(1, expected/actual); full points when actual ≤ expected (incl. 0). */
static long double inverse_score(int64_t pts, int64_t act, int64_t tgt, int64_t sched)
{
    i128 expected_x = (i128)tgt * sched;
    i128 actual_x = (i128)act * 100 * 1000000;
    if (actual_x <= expected_x)
        return (long double)pts;
    if (!in_exact_range(pts, act, tgt, sched))
        return (long double)pts * ((long double)expected_x / (long double)actual_x);
    return divide_u((i128)pts * expected_x, actual_x);
}

void score_item(const struct target_item *it, int checkpoint, struct item_check *out)
{
    int q = score_checkpoint_quarter[checkpoint];
    const struct quarter_progress *p = &it->q[q];
    struct item_terms t; /* the target in force at this checkpoint (model/adjust.h) */
    item_terms_at(it, q, &t);
    int64_t pts = score_micro(t.points), tgt = score_micro(t.target);
    int64_t sched = score_micro(t.schedule[q]);
    memset(out, 0, sizeof *out);
    out->expected = t.target * t.schedule[q] / 100.0;
    if (!p->present) {
        out->missing = true;
        out->missing_why = MISSING_PROGRESS;
        return;
    }
    out->actual = p->actual;
    int64_t act = score_micro(p->actual);
    switch (it->method) {
    case METHOD_RATIO:
        out->score_u = ratio_score(pts, act < 0 ? 0 : act, tgt, sched);
        break;
    case METHOD_INVERSE:
        out->score_u = inverse_score(pts, act < 0 ? 0 : act, tgt, sched);
        break;
    case METHOD_MANUAL:
        if (!p->has_score) {
            out->missing = true;
            out->missing_why = MISSING_SCORE;
            break;
        }
        int64_t s = score_micro(p->score);
        out->score_u = (long double)(s < 0 ? 0 : s > pts ? pts : s);
        break;
    }
}

int64_t score_pool_key_points(const struct year_data *yd, const char *pool)
{
    int64_t sum = 0;
    bool any = false;
    for (size_t i = 0; i < yd->n_categories; i++)
        if (strcmp(yd->categories[i].pool, pool) == 0) {
            sum += score_micro(yd->categories[i].points);
            any = true;
        }
    if (any && sum > 0)
        return sum;
    return score_micro(yd->scheme.half_share) + score_micro(yd->scheme.year_share);
}

void score_capped_parts(int64_t points_u, int64_t *running_u, int64_t cap_u, int64_t *counted_u,
                        int64_t *cut_u)
{
    int64_t room;
    if (__builtin_sub_overflow(cap_u, *running_u, &room))
        room = INT64_MAX; /* only after records of negative points in an old file */
    if (room < 0)
        room = 0;
    *counted_u = points_u < room ? points_u : room;
    *cut_u = points_u - *counted_u;
    *running_u = add_sat(*running_u, *counted_u);
}

static void add_capped(struct capped *c, int64_t points_u)
{
    c->sum_u = add_sat(c->sum_u, points_u);
    c->n_records++;
}

static void apply_cap(struct capped *c, double cap)
{
    int64_t cap_u = score_micro(cap);
    c->applied_u = c->sum_u < cap_u ? c->sum_u : cap_u;
}

static void score_ledger(const struct scheme *s, const struct ledger_entry *ledger, size_t n,
                         struct unit_score *us)
{
    for (size_t i = 0; i < n; i++) {
        int64_t p = score_micro(ledger[i].points);
        switch (ledger[i].type) {
        case LEDGER_INSPECTION:
            add_capped(&us->inspection, p);
            break;
        case LEDGER_COMPLAINT:
            add_capped(&us->complaint, p);
            break;
        case LEDGER_BONUS:
            add_capped(&us->bonus, p);
            break;
        case LEDGER_VETO:
            us->n_vetoes++;
            break;
        }
    }
    apply_cap(&us->inspection, s->inspection_cap);
    apply_cap(&us->complaint, s->complaint_cap);
    apply_cap(&us->bonus, s->bonus_cap);
}

/* K_H and K_Y; a checkpoint whose share is 0 does not make the unit incomplete. */
static void score_items(const struct scheme *s, const struct target_item *items, size_t n,
                        struct unit_score *us)
{
    const double shares[CHECK_COUNT] = {s->half_share, s->year_share};
    for (size_t i = 0; i < n; i++)
        for (int c = 0; c < CHECK_COUNT; c++) {
            struct item_check ic;
            score_item(&items[i], c, &ic);
            us->k_u[c] += ic.score_u;
            if (ic.missing && shares[c] > 0)
                us->missing |= ic.missing_why;
        }
}

/* C = (K_H × half + K_Y × year) / key × W / (half + year), one division so exact results stay
 * exact; without sources (W = half + year) it is K_H × half/key + K_Y × year/key as before. */
static long double key_score(const struct scheme *s, const long double k_u[CHECK_COUNT],
                             int64_t key_u, int64_t source_share_u)
{
    if (key_u <= 0)
        return 0;
    int64_t hy = score_micro(s->half_share) + score_micro(s->year_share);
    int64_t w = hy - source_share_u;
    if (w <= 0 || hy <= 0)
        return 0;
    long double num = k_u[0] * (long double)score_micro(s->half_share) +
                      k_u[1] * (long double)score_micro(s->year_share);
    i128 den = key_u;
    if (source_share_u > 0)
        den *= hy;
    long double q = source_share_u > 0 ? num * (long double)w / (long double)den
                                       : num / (long double)den;
    /* Integral numerators that divide evenly give an exact integral quotient. */
    if (floorl(num) == num && fabsl(num) < (source_share_u > 0 ? 1e28L : 1e36L)) {
        i128 n = (i128)num;
        if (source_share_u > 0)
            n *= w;
        if (n % den == 0)
            return (long double)(n / den);
    }
    return q;
}

void score_key_shares(const struct scheme *s, int64_t source_share_u, long double out[2])
{
    int64_t h = score_micro(s->half_share), y = score_micro(s->year_share);
    if (source_share_u <= 0 || h + y <= 0) {
        out[0] = (long double)h, out[1] = (long double)y;
        return;
    }
    long double w = (long double)(h + y - source_share_u);
    out[0] = (long double)h * w / (long double)(h + y);
    out[1] = (long double)y * w / (long double)(h + y);
}

static long double appraisal_part(int64_t p_u, double share)
{
    i128 num = (i128)p_u * score_micro(share);
    return divide_u(num, (i128)100 * 1000000);
}

/* Σ the parts of the sources that apply to the unit's pool; a missing one flags 数据不全. */
static void score_sources(const struct year_data *yd, size_t u, struct unit_score *us)
{
    const char *pool = yd->units[u].pool;
    for (size_t i = 0; i < yd->n_sources; i++) {
        if (!source_applies(&yd->sources[i], pool))
            continue;
        struct source_term t;
        sources_term(yd, u, &yd->sources[i], &t);
        us->sources_u += t.part_u;
        if (t.missing)
            us->missing |= MISSING_SOURCE;
    }
}

void score_unit(const struct year_data *yd, size_t u, const struct target_item *items,
                size_t n_items, const struct ledger_entry *ledger, size_t n_ledger,
                struct unit_score *us)
{
    const struct scheme *s = &yd->scheme;
    const struct unit *un = &yd->units[u];
    memset(us, 0, sizeof *us);
    us->unit = u;
    size_t first_score, n_scores;
    sources_range(yd, u, &first_score, &n_scores);
    us->takes_part = n_items > 0 || n_ledger > 0 || un->has_appraisal || n_scores > 0;
    us->key_points_u = score_pool_key_points(yd, un->pool);
    us->source_share_u = sources_share_u(yd, un->pool);
    score_items(s, items, n_items, us);
    if (n_items == 0 && us->takes_part)
        us->missing |= MISSING_TARGETS;
    us->key_u = key_score(s, us->k_u, us->key_points_u, us->source_share_u);
    us->has_appraisal = un->has_appraisal;
    if (un->has_appraisal)
        us->appraisal_u = score_micro(un->appraisal);
    else if (s->appraisal_share > 0)
        us->missing |= MISSING_APPRAISAL;
    us->appraisal_part_u = appraisal_part(us->appraisal_u, s->appraisal_share);
    score_sources(yd, u, us);
    score_ledger(s, ledger, n_ledger, us);
    us->veto = us->n_vetoes > 0 && s->veto_effect != VETO_NONE;
    us->total_u =
        us->key_u + us->appraisal_part_u + us->sources_u +
        (long double)us->bonus.applied_u - (long double)us->inspection.applied_u -
        (long double)us->complaint.applied_u;
    us->total_c = score_round_c(us->total_u);
    us->band = grades_band(s, us->total_c);
    us->grade = us->veto ? grades_after_veto(s, us->band) : us->band;
    if (!us->takes_part)
        us->missing = 0; /* not assessed this year: nothing is "missing" */
}

int64_t score_round_c(long double micro)
{
    if (!(micro == micro))
        return 0;
    bool neg = micro < 0;
    long double m = neg ? -micro : micro;
    int64_t c;
    if (m >= (long double)TOTAL_C_MAX * 10000.0L) {
        c = TOTAL_C_MAX;
    } else if (floorl(m) == m) {
        int64_t v = (int64_t)m;
        c = v / 10000 + (v % 10000 >= 5000);
    } else {
        /* 1e-2 micro-points of slack absorb the binary error of the ratio parts. */
        c = (int64_t)floorl(m / 10000.0L + 0.5L + 1e-6L);
    }
    return neg ? -c : c;
}

const char *score_fmt_c(int64_t c, char *buf, size_t bufsz)
{
    int64_t a = c < 0 ? -c : c;
    snprintf(buf, bufsz, "%s%lld.%02lld", c < 0 ? "-" : "", (long long)(a / 100),
             (long long)(a % 100));
    return buf;
}

const char *score_fmt2(long double micro, char *buf, size_t bufsz)
{
    return score_fmt_c(score_round_c(micro), buf, bufsz);
}

const char *score_fmt_plain(double v, char *buf, size_t bufsz)
{
    int64_t u = score_micro(v), a = u < 0 ? -u : u;
    int len = snprintf(buf, bufsz, "%s%lld.%06lld", u < 0 ? "-" : "", (long long)(a / 1000000),
                       (long long)(a % 1000000));
    if (len <= 0 || (size_t)len >= bufsz)
        return buf;
    char *end = buf + len - 1;
    while (*end == '0')
        *end-- = '\0';
    if (*end == '.')
        *end = '\0';
    return buf;
}
