/* 双监控 rates of one item at one quarter (domain.md): completion, execution, lag against the
 * schedule, warning level and mismatch. A small local computation until the monitoring engine
 * (model/monitor.h) is on main; then the screens switch to it. */
#ifndef KAOPING_UI_RATES_H
#define KAOPING_UI_RATES_H

#include <stdbool.h>

#include "model/types.h"

enum rate_level { LEVEL_NONE, LEVEL_OK, LEVEL_YELLOW, LEVEL_RED };

struct rates {
    bool has_completion, has_execution;
    double completion, execution; /* % */
    enum rate_level level;        /* LEVEL_NONE when nothing was entered */
    bool mismatch;
};

void rates_compute(const struct scheme *sc, const struct target_item *it, int quarter,
                   bool has_actual, double actual, bool has_spent, double spent, struct rates *out);
/* "正常", "!黄色", "!!红色" (+ " 不匹配"); words so that the level reads without colour. */
const char *rates_level_text(const struct rates *r);

#endif
