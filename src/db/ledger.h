/* The adjustment ledger (加减分台账): inspections, complaints, bonuses and vetoes. */
#ifndef KAOPING_DB_LEDGER_H
#define KAOPING_DB_LEDGER_H

#include <stdbool.h>

#include "db/store.h"
#include "model/types.h"

/* Upserts by e->id; when e->id is empty a fresh random id is written into it first. */
int store_ledger_put(struct store *st, int year, const char *unit, struct ledger_entry *e,
                     enum store_put *res);
int store_ledger_delete(struct store *st, const char *id);
/* The year's record with this id into *out (its texts owned: free with ledger_entry_free;
 * unit_index 0), *found false when the year has none. */
int store_ledger_find(struct store *st, int year, const char *id, struct ledger_entry *out,
                      bool *found);
/* The unit's records of that year and date, ordered by id, into *out (*n of them; free each
 * with ledger_entry_free, then the array): one indexed read (ledger_unit), whatever the size
 * of the year's ledger. */
int store_ledger_of_day(struct store *st, int year, const char *unit, const char *date,
                        struct ledger_entry **out, size_t *n);

#endif
