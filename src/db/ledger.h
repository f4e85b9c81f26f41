/* The adjustment ledger (加减分台账): inspections, complaints, bonuses and vetoes. */
#ifndef KAOPING_DB_LEDGER_H
#define KAOPING_DB_LEDGER_H

#include "db/store.h"
#include "model/types.h"

/* Upserts by e->id; when e->id is empty a fresh random id is written into it first. */
int store_ledger_put(struct store *st, int year, const char *unit, struct ledger_entry *e,
                     enum store_put *res);
int store_ledger_delete(struct store *st, const char *id);

#endif
