/* Builds a province-sized database for the ranking benchmark: 2,000 units in 4 pools, 40
 * target items each (320,000 progress rows over 4 quarters), 20,000 ledger records and an
 * appraisal per unit, for year 2025 under the qitai scheme. Written through the store API in
 * one transaction, so it is audited and constrained like real data.
 *
 *   gen_province DB_PATH [UNITS]   (the file must not exist; UNITS 2,000 by default, the
 *                                   items, progress and ledger scale with it: 10 records a unit) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/ledger.h"
#include "db/store.h"
#include "db/targets.h"
#include "db/units.h"
#include "db/years.h"
#include "model/types.h"

#define YEAR 2025
static int N_UNITS = 2000; /* the second argument */
#define N_ITEMS 40
#define N_LEDGER (10 * N_UNITS)

/* Items per category so that item points add up exactly to the category's points. */
struct spread {
    const char *category;
    int items;
    double points_each;
};
static const struct spread township[] = {{"全局性重点工作", 5, 3}, {"经济发展", 8, 2.5},
                                         {"社会发展", 5, 3},       {"公共管理服务", 8, 2.5},
                                         {"作风效能建设", 4, 2.5}, {"专项考核", 10, 1}};
static const struct spread department[] = {
    {"全局性重点工作", 10, 3}, {"目标任务", 10, 3}, {"作风效能建设", 10, 2}, {"专项考核", 10, 1}};

static unsigned rng = 2463534242u;
static double rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return (rng & 0xFFFFFF) / (double)0x1000000;
}

static int put_items(struct store *st, const char *unit, bool is_township, double level)
{
    const struct spread *sp = is_township ? township : department;
    size_t n_sp = is_township ? 6 : 4;
    int rc = STORE_OK, k = 0;
    for (size_t c = 0; c < n_sp && rc == STORE_OK; c++)
        for (int i = 0; i < sp[c].items && rc == STORE_OK; i++, k++) {
            char code[16], name[32];
            snprintf(code, sizeof code, "I%02d", k + 1);
            snprintf(name, sizeof name, "指标%02d", k + 1);
            double r = rnd();
            enum kp_method m = r < 0.8 ? METHOD_RATIO : r < 0.85 ? METHOD_INVERSE : METHOD_MANUAL;
            struct target_item it = {.code = code,
                                     .category = (char *)sp[c].category,
                                     .name = name,
                                     .points = sp[c].points_each,
                                     .method = m,
                                     .target = m == METHOD_INVERSE ? 2 : round(10 + rnd() * 990),
                                     .measure = (char *)"项",
                                     .budget = rnd() < 0.5 ? 100 : 0,
                                     .schedule = {25, 50, 75, 100}};
            rc = store_target_put(st, YEAR, unit, &it, NULL);
            double actual = 0;
            for (int q = 0; q < 4 && rc == STORE_OK; q++) {
                double pace = level + (rnd() - 0.5) * 0.2;
                actual = m == METHOD_INVERSE
                             ? (rnd() < 0.05 ? actual + 1 : actual)
                             : fmax(actual, round(it.target * (q + 1) / 4.0 * pace * 10) / 10);
                struct quarter_progress p = {.actual = actual,
                                             .has_spent = it.budget > 0,
                                             .spent = round(it.budget * (q + 1) / 4.0 * pace),
                                             .has_score = m == METHOD_MANUAL && (q == 1 || q == 3),
                                             .score = round(it.points * fmin(1, pace) * 10) / 10,
                                             .note = rnd() < 0.1 ? (char *)"按计划推进" : NULL};
                rc = store_progress_put(st, YEAR, unit, code, q + 1, &p, NULL);
            }
        }
    return rc;
}

static int put_ledger(struct store *st)
{
    static const double pts[] = {0.1, 0.2, 0.3, 0.5, 1.0};
    int rc = STORE_OK;
    for (int i = 0; i < N_LEDGER && rc == STORE_OK; i++) {
        char unit[16];
        snprintf(unit, sizeof unit, "U%04d", (int)(rnd() * N_UNITS) + 1);
        double r = rnd();
        enum kp_ledger_type t = r < 0.6     ? LEDGER_INSPECTION
                                : r < 0.9   ? LEDGER_COMPLAINT
                                : r < 0.999 ? LEDGER_BONUS
                                            : LEDGER_VETO;
        struct ledger_entry e = {
            .type = t,
            .points = t == LEDGER_VETO ? 0 : pts[(int)(rnd() * 5)],
            .aspect = t == LEDGER_INSPECTION ? (char *)kp_inspection_aspects[i % 6] : NULL,
            .method = t == LEDGER_INSPECTION ? (char *)kp_inspection_methods[i % 4] : NULL,
            .reason = (char *)"核查属实"};
        snprintf(e.date, sizeof e.date, "%d-%02d-%02d", YEAR, 1 + i % 12, 1 + i % 28);
        rc = store_ledger_put(st, YEAR, unit, &e, NULL);
    }
    return rc;
}

static int build(struct store *st)
{
    int rc = store_year_create_preset(st, YEAR, "qitai");
    for (int u = 0; u < N_UNITS && rc == STORE_OK; u++) {
        char code[16], name[48];
        snprintf(code, sizeof code, "U%04d", u + 1);
        snprintf(name, sizeof name, "第%04d考核单位", u + 1);
        const char *pool = kp_default_pools[u % 4];
        struct unit row = {.code = code, .name = name, .pool = (char *)pool};
        rc = store_unit_put(st, YEAR, &row, NULL);
        double level = 0.7 + rnd() * 0.35;
        if (rc == STORE_OK)
            rc = put_items(st, code, u % 4 == 0, level);
        if (rc == STORE_OK)
            rc = store_appraisal_put(st, YEAR, code, round((70 + rnd() * 30) * 10) / 10, false, 0,
                                     NULL);
    }
    if (rc == STORE_OK)
        rc = put_ledger(st);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3 || (argc == 3 && (N_UNITS = atoi(argv[2])) < 1) || N_UNITS > 9999) {
        fprintf(stderr, "usage: gen_province DB_PATH [UNITS (1-9999)]\n");
        return 2;
    }
    if (access(argv[1], F_OK) == 0) {
        fprintf(stderr, "gen_province: %s exists\n", argv[1]);
        return 2;
    }
    char err[512];
    struct store *st = store_open(argv[1], "bench", err, sizeof err);
    if (!st) {
        fprintf(stderr, "gen_province: %s\n", err);
        return 1;
    }
    int rc = store_begin(st);
    if (rc == STORE_OK)
        rc = build(st);
    if (rc == STORE_OK)
        rc = store_commit(st);
    if (rc != STORE_OK) {
        fprintf(stderr, "gen_province: %s\n", store_errmsg(st));
        store_rollback(st);
    }
    store_close(st);
    return rc == STORE_OK ? 0 : 1;
}
