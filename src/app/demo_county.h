/* A realistic demo county (奇台-style): 2025 complete, 2026 in progress through Q3, with the
 * edge cases a tester needs. Deterministic: the same data on every run. */
#ifndef KAOPING_APP_DEMO_COUNTY_H
#define KAOPING_APP_DEMO_COUNTY_H

#include <stddef.h>

struct store;

/* Writes the whole demo into the store. The caller owns the transaction. */
int demo_county_build(struct store *st);
/* Number of units the demo writes. */
size_t demo_county_unit_count(void);

#endif
