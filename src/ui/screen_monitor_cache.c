/* The kept quarters of 双监控 (ui/screen_monitor_cache.h). */
#include "ui/screen_monitor_cache.h"

#include "db/stamp.h"
#include "ui/app.h"

static struct monitor_quarter kept[KP_QUARTERS];
static bool have[KP_QUARTERS];
static int kept_year;
static struct store_stamp kept_stamp;
/* The quarter being read in parts (0: none), read from the data of kept_stamp. */
static struct monitor_quarter_read *reading;
static int reading_quarter;
static bool reading_whole; /* every item is read: finishing (the sort) is the next part */

static void stop_reading(void)
{
    app_monitor_quarter_cancel(reading);
    reading = NULL, reading_quarter = 0, reading_whole = false;
}

void monitor_cache_drop(void)
{
    stop_reading();
    for (int q = 0; q < KP_QUARTERS; q++)
        if (have[q])
            app_monitor_quarter_free(&kept[q]), have[q] = false;
    kept_year = 0;
}

static bool unchanged(void)
{
    return store_stamp_equal(store_stamp_now(ui.st), kept_stamp);
}

/* Drops what was read from other data: another year, or any commit since (db/stamp.h). */
static bool still_valid(int year)
{
    if (kept_year == year && unchanged())
        return true;
    monitor_cache_drop();
    kept_year = year;
    kept_stamp = store_stamp_now(ui.st);
    return false;
}

static bool read_quarter(int year, int q)
{
    int rc = app_monitor_quarter(ui.st, year, q, &kept[q - 1]);
    have[q - 1] = rc == STORE_OK;
    return have[q - 1];
}

/* One part of quarter q (started when it is not being read): KEPT once it is whole. A change
 * of the data since kept_stamp stops the read (its parts would mix two states). */
static enum monitor_cache_state part_of(int year, int q, size_t max_items)
{
    if (reading_quarter != q) {
        stop_reading();
        if (app_monitor_quarter_start(ui.st, year, q, &reading) != STORE_OK)
            return MONITOR_CACHE_FAILED;
        app_monitor_quarter_release(reading);
        reading_quarter = q;
        if (max_items) /* the header (~18 M instructions on a province) is a part of its own */
            return MONITOR_CACHE_MORE;
    }
    bool done = reading_whole;
    if (!done && app_monitor_quarter_part(reading, max_items, &done) != STORE_OK) {
        stop_reading();
        return MONITOR_CACHE_FAILED;
    }
    if (!unchanged()) {
        stop_reading();
        return MONITOR_CACHE_MORE;
    }
    if (!done)
        return MONITOR_CACHE_MORE;
    if (max_items && !reading_whole) { /* the sort (~5 ms on a province) is a part of its own */
        reading_whole = true;
        return MONITOR_CACHE_MORE;
    }
    app_monitor_quarter_finish(reading, &kept[q - 1]);
    reading = NULL, reading_quarter = 0, reading_whole = false;
    have[q - 1] = true;
    return MONITOR_CACHE_KEPT;
}

const struct monitor_quarter *monitor_cache_get(int year, int quarter)
{
    if (quarter < 1 || quarter > KP_QUARTERS)
        return NULL;
    still_valid(year);
    /* a quarter read in part: the rest of it, or all again if the data changed meanwhile */
    if (!have[quarter - 1] && reading_quarter == quarter)
        part_of(year, quarter, 0);
    if (!have[quarter - 1] && !read_quarter(year, quarter)) {
        ui_error("读取 %d 年度失败: %s", year, store_errmsg(ui.st));
        return NULL;
    }
    return &kept[quarter - 1];
}

enum monitor_cache_state monitor_cache_read_part(int year, int quarter)
{
    if (quarter < 1 || quarter > KP_QUARTERS)
        return MONITOR_CACHE_FAILED;
    still_valid(year);
    if (have[quarter - 1])
        return MONITOR_CACHE_KEPT;
    enum monitor_cache_state s = part_of(year, quarter, MONITOR_CACHE_PART);
    if (s == MONITOR_CACHE_FAILED)
        ui_error("读取 %d 年度失败: %s", year, store_errmsg(ui.st));
    return s;
}

bool monitor_cache_fill_part(int year)
{
    /* never drops: a screen may be showing a kept quarter until its next get */
    if (kept_year != year || !unchanged())
        return false;
    int q = reading_quarter;
    for (int i = 1; i <= KP_QUARTERS && !q; i++)
        if (!have[i - 1])
            q = i;
    return q && part_of(year, q, MONITOR_CACHE_PART) != MONITOR_CACHE_FAILED;
}
