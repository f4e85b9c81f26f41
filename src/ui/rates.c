/* Completion and execution rates with their warning level (domain.md, 双监控). */
#include <math.h>

#include "ui/rates.h"

static enum rate_level level_of(const struct scheme *sc, double lag)
{
    if (lag > sc->warn_red)
        return LEVEL_RED;
    if (lag > sc->warn_yellow)
        return LEVEL_YELLOW;
    return LEVEL_OK;
}

void rates_compute(const struct scheme *sc, const struct target_item *it, int quarter,
                   bool has_actual, double actual, bool has_spent, double spent, struct rates *out)
{
    *out = (struct rates){0};
    if (!has_actual)
        return;
    double sched = it->schedule[quarter - 1];
    out->level = LEVEL_OK;
    if (it->target > 0) {
        out->has_completion = true;
        out->completion = actual / it->target * 100.0;
        if (it->method == METHOD_RATIO)
            out->level = level_of(sc, sched - out->completion);
    }
    if (it->budget > 0 && has_spent) {
        out->has_execution = true;
        out->execution = spent / it->budget * 100.0;
        enum rate_level l = level_of(sc, sched - out->execution);
        if (l > out->level)
            out->level = l;
    }
    if (it->method != METHOD_INVERSE && out->has_completion && out->has_execution)
        out->mismatch = fabs(out->execution - out->completion) > sc->mismatch;
}

const char *rates_level_text(const struct rates *r)
{
    static const char *const plain[] = {"", "正常", "!黄色", "!!红色"};
    static const char *const mism[] = {"", "正常 不匹配", "!黄色 不匹配", "!!红色 不匹配"};
    return r->mismatch ? mism[r->level] : plain[r->level];
}
