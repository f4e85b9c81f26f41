/* Screen words and colours for 双监控 levels. */
#include "ui/levels.h"

void levels_eval(const struct scheme *sc, const struct target_item *it, int quarter,
                 const struct quarter_progress *typed, struct monitor_row *out)
{
    struct target_item tmp = *it;
    tmp.q[quarter - 1] = *typed;
    monitor_item(sc, &tmp, quarter, out);
}

const char *levels_text(const struct monitor_row *r)
{
    static const char *const plain[] = {"正常", "未填报", "!黄色", "!!红色"};
    static const char *const mism[] = {"正常 不匹配", "未填报 不匹配", "!黄色 不匹配",
                                       "!!红色 不匹配"};
    enum monitor_level l = monitor_row_level(r);
    return r->mismatch ? mism[l] : plain[l];
}

enum ui_role levels_role(const struct monitor_row *r)
{
    switch (monitor_row_level(r)) {
    case MONITOR_RED:
        return ROLE_WARN_RED;
    case MONITOR_YELLOW:
        return ROLE_WARN_YELLOW;
    case MONITOR_MISSING:
        return ROLE_DIM;
    case MONITOR_NORMAL:
        break;
    }
    return r->mismatch ? ROLE_WARN_YELLOW : ROLE_OK;
}
