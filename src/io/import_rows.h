/* Import of one file of a data kind (io/kinds.h) into model values: the header mapped onto
 * the kind's columns, every row validated by the kind's parser, duplicates inside the file.
 * Everything that needs only the file is checked here (shapes, ranges, vocabularies,
 * duplicates); checks against the database are app/import_check.c's. */
#ifndef KAOPING_IO_IMPORT_ROWS_H
#define KAOPING_IO_IMPORT_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "io/csv_read.h"
#include "io/kinds.h"
#include "io/problems.h"
#include "io/rows.h"
#include "model/types.h"

/* One parsed row: the key fields every kind has, and the kind's value. A new kind adds its
 * member to v. */
struct import_row {
    long line;       /* the source's row (CSV: file line) */
    int year;        /* 0 for units */
    char *unit;      /* the unit code (for units: the row's own code) */
    bool derived_id; /* ledger without 编号: v.ledger.id is import_ledger_content_id */
    union {
        struct unit unit;          /* .code aliases row->unit */
        struct target_item target; /* .q unused */
        struct {
            char *item;
            int quarter;
            struct quarter_progress p;
        } progress;
        struct ledger_entry ledger; /* .id always set (given, or derived from the content) */
        struct category category;   /* .sort_order: its place in its pool's rows */
        struct {
            double score;
            bool has_satisfaction;
            double satisfaction;
        } appraisal;
    } v;
    struct { /* targets: the adjustment columns (db/approvals.h), NULL/0 when not given */
        char *reason, *approved_by;
        int from_quarter;
    } change;
};

#define IMPORT_MAX_COLUMNS 14
struct import_batch {
    enum import_kind kind;
    struct import_row *rows;
    size_t n;
    char *header[IMPORT_MAX_COLUMNS]; /* per column: the header as written in the file, or NULL */
};

/* The column's header as the file wrote it (e.g. "pool"), else the canonical name: problems
 * name the column the operator sees in the spreadsheet. */
const char *import_column_label(const struct import_batch *b, const char *canonical);
/* True when the file has that column. */
bool import_has_column(const struct import_batch *b, const char *canonical);

/* Reads the header (the source's first row) and validates every data row; rows with errors
 * are left out of the batch and reported. Returns true when there was no error. When the
 * header cannot be mapped, out->rows stays NULL. A file found broken part-way (rows_error)
 * stops the parse; the caller reports it. progress, when not NULL, is called every
 * 4096 data rows with the count so far. */
bool import_parse_rows(enum import_kind kind, struct rows *src, struct import_batch *out,
                       struct import_problems *probs, void (*progress)(void *ctx, size_t rows),
                       void *ctx);
/* The same over a table already read (tests, the fuzzer). */
bool import_parse(enum import_kind kind, const struct csv_table *t, struct import_batch *out,
                  struct import_problems *probs);
void import_batch_free(struct import_batch *b);

/* The stable id of a ledger record without 编号: a 128-bit hash of year, unit, date, type,
 * points, aspect, method, reason and inspectors (32 lowercase hex characters). */
void import_ledger_content_id(int year, const char *unit, const struct ledger_entry *e,
                              char out[KP_ID_LEN + 1]);

#endif
