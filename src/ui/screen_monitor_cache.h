/* The 双监控 of a year's quarters for 首页 and 双监控: each quarter read once (app/monitor.h:
 * its warnings and unit summaries, not the year's items) and kept until the data changes
 * (db/stamp.h) or another year is asked for. The home screen's quarter is the one 双监控 opens
 * on, so entering it costs nothing; the other quarters are read while the operator looks at
 * the screen (monitor_cache_fill_one, from the screens' idle), so switching quarters does not
 * read either. */
#ifndef KAOPING_UI_SCREEN_MONITOR_CACHE_H
#define KAOPING_UI_SCREEN_MONITOR_CACHE_H

#include <stdbool.h>

#include "app/monitor.h"

/* The quarter (1..4) of `year`, read now if it is not kept. Valid until the next call of any
 * function here; NULL when the year cannot be read (the reason is in ui's error line). */
const struct monitor_quarter *monitor_cache_get(int year, int quarter);
/* Reads one quarter of `year` that is not kept yet; false when all four are (or the data
 * changed: then nothing is read until a get). */
bool monitor_cache_fill_one(int year);
/* Frees everything kept (at exit). */
void monitor_cache_drop(void);

#endif
