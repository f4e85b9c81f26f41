/* The ghosts a spreadsheet leaves behind, reported by `kaoping check` (issue 13 item 3): units
 * with the same name (a unit imported again under a damaged code), and items of one unit and
 * year whose codes differ only by what a spreadsheet does to a code (model/code_damage.h:
 * 01 and 1, 1.10 and 1.1, 2-1 and 26年2月1日). */
#ifndef KAOPING_DB_CHECK_CODES_H
#define KAOPING_DB_CHECK_CODES_H

#include "db/maintenance.h"

/* Reports each as CHECK_ERROR; returns how many, or STORE_ERROR. */
int store_check_codes(struct store *st, check_report_fn report, void *ctx);

#endif
