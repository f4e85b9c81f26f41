/* The calendar of the assessment, once: which years exist, which dates are real, and which
 * dates a year's 加减分台账 may carry. Pure; every layer (CSV import, store, CLI options,
 * forms) asks here. */
#ifndef KAOPING_MODEL_CALENDAR_H
#define KAOPING_MODEL_CALENDAR_H

#include <stdbool.h>

/* Plain literals, so SQL text can embed them (via KP_STR). db/schema.c's schema v1 repeats
 * 2000 and 2100 in a CHECK on purpose: a migration is frozen text, and a wider range would
 * need a migration of its own. */
#define KP_YEAR_MIN 2000
#define KP_YEAR_MAX 2100
#define KP_STR_(x) #x
#define KP_STR(x) KP_STR_(x)

/* A year the program keeps data for: KP_YEAR_MIN..KP_YEAR_MAX. */
bool calendar_year_valid(int year);
/* Days of month m (1-12) of year y, with the Gregorian leap rule; 0 for a month outside 1-12. */
int calendar_days_in_month(int y, int m);
/* A real day of a valid year. */
bool calendar_date_valid(int y, int m, int d);
/* A real day written exactly YYYY-MM-DD (what the store and the forms keep); NULL is not. */
bool calendar_date_text_valid(const char *s);
/* A ledger record's date (YYYY-MM-DD) belongs to the assessment year or the next one: a
 * year-end check may happen early the next year; other years look like typos (warned about,
 * never refused). */
bool calendar_in_ledger_window(const char *date, int year);
/* Days from date `from` to date `to` (both valid YYYY-MM-DD): 1 from 2026-02-28 to 2026-03-01,
 * negative when to is earlier. */
long calendar_days_between(const char *from, const char *to);

#endif
