/* The derivation of one unit's score as lines of text (no I/O): every item at both
 * checkpoints, category subtotals, the ledger records that counted and what a cap cut off,
 * the formula line in docs/domain.md's style, the grade and why, the rank and who shares it.
 * The CLI prints these lines; the TUI shows the same lines. */
#ifndef KAOPING_MODEL_EXPLAIN_H
#define KAOPING_MODEL_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "model/rank.h"
#include "model/types.h"

struct text_lines {
    char **lines; /* UTF-8, no newline at the end */
    size_t n, cap;
};

/* Explains yd->units[u] using the scores and ranks of ys (from rank_year). */
void explain_unit(const struct year_data *yd, const struct year_scores *ys, size_t u,
                  struct text_lines *out);
/* Only the formula line, e.g. "集中考核 80.00×30/90 + 84.00×60/90 = 82.67; 公众评议 86.4×10%
 * = 8.64; 查访核验 −1.50; 投诉查处 −0.50; 总分 89.31 → 良好" (malloc'd). */
char *explain_formula(const struct year_data *yd, const struct unit_score *us);

/* The score sources (explain_sources.c): whether any applies to unit u's pool; the formula's
 * terms of those that do ("; 领导评估 92×10% = 9.20（县委）", malloc'd, "" when none); one
 * term; the scores behind them as lines. */
struct source_term;
bool explain_has_sources(const struct year_data *yd, size_t u);
char *explain_source_terms(const struct year_data *yd, size_t u);
char *explain_source_term(const struct year_data *yd, size_t u, const struct source_term *t);
void explain_sources_section(const struct year_data *yd, size_t u, struct text_lines *out);

void text_lines_add(struct text_lines *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void text_lines_free(struct text_lines *t);

#endif
