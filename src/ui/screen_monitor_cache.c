/* The kept quarters of 双监控 (ui/screen_monitor_cache.h). */
#include "ui/screen_monitor_cache.h"

#include "db/stamp.h"
#include "ui/app.h"

static struct monitor_quarter kept[KP_QUARTERS];
static bool have[KP_QUARTERS];
static int kept_year;
static struct store_stamp kept_stamp;

void monitor_cache_drop(void)
{
    for (int q = 0; q < KP_QUARTERS; q++)
        if (have[q])
            app_monitor_quarter_free(&kept[q]), have[q] = false;
    kept_year = 0;
}

/* Drops what was read from other data: another year, or any commit since (db/stamp.h). */
static bool still_valid(int year)
{
    struct store_stamp now = store_stamp_now(ui.st);
    if (kept_year == year && store_stamp_equal(now, kept_stamp))
        return true;
    monitor_cache_drop();
    kept_year = year;
    kept_stamp = now;
    return false;
}

static bool read_quarter(int year, int q)
{
    int rc = app_monitor_quarter(ui.st, year, q, &kept[q - 1]);
    have[q - 1] = rc == STORE_OK;
    return have[q - 1];
}

const struct monitor_quarter *monitor_cache_get(int year, int quarter)
{
    if (quarter < 1 || quarter > KP_QUARTERS)
        return NULL;
    still_valid(year);
    if (!have[quarter - 1] && !read_quarter(year, quarter)) {
        ui_error("读取 %d 年度失败: %s", year, store_errmsg(ui.st));
        return NULL;
    }
    return &kept[quarter - 1];
}

bool monitor_cache_fill_one(int year)
{
    /* never drops: a screen may be showing a kept quarter until its next get */
    if (kept_year != year || !store_stamp_equal(store_stamp_now(ui.st), kept_stamp))
        return false;
    for (int q = 1; q <= KP_QUARTERS; q++)
        if (!have[q - 1])
            return read_quarter(year, q);
    return false;
}
