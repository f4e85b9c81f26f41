/* A year's targets, progress or ledger read a piece at a time, for work that streams them
 * (the exports): memory stays that of one piece (a few hundred rows) whatever the size of the
 * year, and only the table the work needs is read. */
#ifndef KAOPING_DB_LOAD_SCAN_H
#define KAOPING_DB_LOAD_SCAN_H

#include "db/store.h"
#include "model/types.h"

enum store_scan_kind {
    SCAN_TARGETS,  /* yd->items: the year's items without progress, by (unit, item) */
    SCAN_PROGRESS, /* yd->items: items holding only their code and progress rows (no target
                    * columns), by (unit, item); an item may be split over two pieces, its
                    * quarters still in order */
    SCAN_LEDGER,   /* yd->ledger: records with their texts, by (unit, date, id); a piece
                    * ends between two days of a unit, so it may hold more than piece */
};

struct store_scan;

/* What a scan and the exports need of the year's header, and no more: the year's units
 * (unit_year, as store_load_year_header lists them, by code) with only their code and, when
 * appraisals, their appraisal (has_appraisal, appraisal, has_satisfaction, satisfaction);
 * the other unit fields NULL; no scheme, categories, score sources or scores. Index walks
 * only, no probe per unit: an export's fixed cost stays near the sqlite3 shell's for the
 * same rows (bench/README.md). STORE_NOTFOUND (store_errmsg "N 年度不存在") when the year
 * does not exist. Free with year_data_free. */
int store_load_year_codes(struct store *st, int year, bool appraisals, struct year_data *yd);

/* yd is a year loaded without items and ledger (store_load_year_header or
 * store_load_year_codes); the scan fills
 * yd->items or yd->ledger and owns them until store_scan_close. Rows of units that are not in
 * yd->units are skipped, as store_load_year skips them. piece: items or records per piece, 0
 * for the default (512). NULL on error (store_errmsg). */
struct store_scan *store_scan_open(struct store *st, struct year_data *yd, enum store_scan_kind k,
                                   size_t piece);
/* The rows a scan of year would give (those of units in the year's unit_year, as the scan
 * keeps them), counted without reading them: one index walk. For a refusal before any work
 * (an .xlsx sheet's row limit). STORE_OK or STORE_ERROR. */
int store_scan_count(struct store *st, int year, enum store_scan_kind k, size_t *rows);
/* Frees the previous piece and reads the next: 1 a piece (never empty), 0 the end, or
 * STORE_ERROR (a scan stopped by a damaged page must not pass for complete). */
int store_scan_next(struct store_scan *sc);
/* Frees the last piece (yd->items / yd->ledger are left empty) and the scan. */
void store_scan_close(struct store_scan *sc);

#endif
