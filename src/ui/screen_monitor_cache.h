/* The 双监控 of a year's quarters for 首页 and 双监控: each quarter read once (app/monitor.h:
 * its warnings and unit summaries, not the year's items) and kept until the data changes
 * (db/stamp.h) or another year is asked for. The home screen reads its quarter in parts
 * between keys (monitor_cache_read_part) and 双监控 opens on it, so entering it costs nothing;
 * the other quarters are read while the operator looks at 双监控 (monitor_cache_fill_part), so
 * switching quarters does not read either. One quarter at a time is read in parts; a part
 * reads about MONITOR_CACHE_PART items (a few ms: bench/README.md, "home20"). */
#ifndef KAOPING_UI_SCREEN_MONITOR_CACHE_H
#define KAOPING_UI_SCREEN_MONITOR_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "app/monitor.h"

enum { MONITOR_CACHE_PART = 2000 };

/* The quarter (1..4) of `year`, read now if it is not kept (the rest of it when it is being
 * read in parts). Valid until the next call of any function here that may drop (get,
 * read_part); NULL when the year cannot be read (the reason is in ui's error line). */
const struct monitor_quarter *monitor_cache_get(int year, int quarter);
/* Reads the next part of the quarter unless it is kept: MONITOR_CACHE_KEPT when it is whole
 * (monitor_cache_get then reads nothing), MONITOR_CACHE_MORE when parts remain (also when the
 * data changed meanwhile: the next call starts again), MONITOR_CACHE_FAILED with the reason in
 * ui's error line. May drop what is kept, as monitor_cache_get. */
enum monitor_cache_state { MONITOR_CACHE_KEPT, MONITOR_CACHE_MORE, MONITOR_CACHE_FAILED };
enum monitor_cache_state monitor_cache_read_part(int year, int quarter);
/* Reads a part of a quarter of `year` that is not kept yet; false when all four are (or the
 * data changed: then nothing is read until a get). Never drops what is kept. */
bool monitor_cache_fill_part(int year);
/* Frees everything kept (at exit). */
void monitor_cache_drop(void);

#endif
