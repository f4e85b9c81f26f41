/* The five CSV kinds (units, targets, progress, ledger, appraisals): their columns, header
 * mapping, and validation of each row into the model structs. Everything that needs only the
 * file is checked here (shapes, ranges, vocabularies, duplicates inside the file); checks
 * against the database are the importer's (cli/cmd_import.c). */
#ifndef KAOPING_IO_IMPORT_ROWS_H
#define KAOPING_IO_IMPORT_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "io/csv_read.h"
#include "model/types.h"

enum import_kind { KIND_UNITS, KIND_TARGETS, KIND_PROGRESS, KIND_LEDGER, KIND_APPRAISALS };
#define IMPORT_KIND_COUNT 5

bool import_kind_parse(const char *s, enum import_kind *out);
const char *import_kind_name(enum import_kind k);

struct import_column {
    const char *zh; /* canonical header, written by export */
    const char *en; /* alias accepted on import (case-insensitive) */
    bool required;
};
/* The columns of a kind, in export order. */
const struct import_column *import_columns(enum import_kind k, size_t *n);

/* Problems found in a file: every one formatted "FILE:LINE: 列 NAME: text". At most
 * IMPORT_MAX_SHOWN of each list are kept; the totals count all. */
#define IMPORT_MAX_SHOWN 100
struct import_problems {
    char *file;
    char **errors, **warnings;
    long *error_lines, *warning_lines; /* for printing in line order */
    size_t n_errors, n_warnings;       /* totals */
};
void import_problems_init(struct import_problems *p, const char *file);
void import_problems_free(struct import_problems *p);
/* column may be NULL (a problem of the whole row or file). */
void import_error(struct import_problems *p, long line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void import_warning(struct import_problems *p, long line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Prints the kept messages (one a line) and "还有 N 个..." when some were left out. */
void import_problems_print(const struct import_problems *p, FILE *fp, bool warnings);

struct import_row {
    long line;       /* file line of the row */
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
        struct {
            double score;
            bool has_satisfaction;
            double satisfaction;
        } appraisal;
    } v;
};

#define IMPORT_MAX_COLUMNS 11
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

/* Maps the header (table row 0) and validates every data row; rows with errors are left out
 * of the batch and reported. Returns true when there was no error. */
bool import_parse(enum import_kind kind, const struct csv_table *t, struct import_batch *out,
                  struct import_problems *probs);
void import_batch_free(struct import_batch *b);

/* The stable id of a ledger record without 编号: a 128-bit hash of year, unit, date, type,
 * points, aspect, method, reason and inspectors (32 lowercase hex characters). */
void import_ledger_content_id(int year, const char *unit, const struct ledger_entry *e,
                              char out[KP_ID_LEN + 1]);

#endif
