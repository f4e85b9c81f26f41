/* Stored times (UTC with the zone written out, docs/store.md "Times") as the operator reads
 * them: local time and its offset, the same text `kaoping audit` prints. */
#ifndef KAOPING_APP_LOCAL_TIME_H
#define KAOPING_APP_LOCAL_TIME_H

#include <stddef.h>

/* "2026-12-02T14:15:03Z" (fractions of a second allowed, and ignored) as
 * "2026-12-02 22:15:03 +08:00" in the C library's zone (TZ, else /etc/localtime). A text that
 * is not such a time is copied as it is, so nothing a file holds is hidden. Returns buf. */
char *app_local_time(const char *utc, char *buf, size_t sz);

#endif
