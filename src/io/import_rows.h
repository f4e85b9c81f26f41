/* Import of one file of a data kind (io/kinds.h) into model values: the header mapped onto
 * the kind's columns, every row validated by the kind's parser, duplicates inside the file.
 * Everything that needs only the file is checked here (shapes, ranges, vocabularies,
 * duplicates); checks against the database are app/import_check.c's. */
#ifndef KAOPING_IO_IMPORT_ROWS_H
#define KAOPING_IO_IMPORT_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "io/csv_read.h"
#include "io/kinds.h"
#include "io/problems.h"
#include "io/rows.h"
#include "model/types.h"

/* What an import's checks found stored under a row's key, for a kind whose checks load the
 * stored row (progress): the writer skips a row equal to it and tells a new row from a changed
 * one without asking the store again (bench/README.md). */
enum import_stored {
    IMPORT_STORED_UNKNOWN, /* not compared: the writer asks the store */
    IMPORT_STORED_NONE,    /* nothing stored: the row is new */
    IMPORT_STORED_SAME,    /* stored with these very values: nothing to write */
    IMPORT_STORED_OTHER,   /* stored with other values */
};

/* One parsed row: the key fields every kind has, and the kind's value: one of the members of v
 * below, or a kind's own struct in v (IMPORT_ROW_VALUE), so a new kind touches nothing here. */
struct import_row {
    long line;       /* the source's row (CSV: file line) */
    enum import_stored stored; /* set by the kind's checks (0: unknown) */
    int year;        /* 0 for units */
    char *unit;      /* the unit code (for units: the row's own code) */
    bool derived_id; /* ledger without 编号: v.ledger.id from the content (app/kind_ledger.c) */
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
        struct {
            struct source_score s; /* .unit_index unused; .value 0 when !has_value */
            bool has_value;
        } score;
    } v;
    struct { /* targets: the adjustment columns (db/approvals.h), NULL/0 when not given */
        char *reason, *approved_by;
        int from_quarter;
    } change;
};

/* A kind's own row value of type T in r->v (a kind whose value is none of the members above:
 * v is aligned for pointers and doubles); fails to compile when T does not fit in v. */
#define IMPORT_ROW_VALUE(r, T)                                                                     \
    ((T *)(void *)&(r)->v + 0 * sizeof(char[sizeof(T) <= sizeof((r)->v) ? 1 : -1]))

/* Every row's key (kinds.h), kept compactly for the whole file: the duplicates inside it, and
 * what checks of one row need of the others (app/import_check.c) when the rows themselves are
 * not kept. About 16 bytes and the key's text a row. */
struct import_key {
    uint32_t off; /* of the key's text in the arena (a file is at most 512 MB) */
    int32_t line; /* the row's */
    double value; /* progress: 累计完成值 (NaN: only a 评分); ledger: 1 when the file gives
                     the 编号, else 0 */
    double value2; /* progress: 累计支出 (NaN: not given), for the 更正 rule */
};
struct import_index {
    char *arena;
    size_t len, cap;
    struct import_key *keys; /* sorted by key (then file order) once the file is read */
    size_t n, cap_keys;
};

#define IMPORT_MAX_COLUMNS 14
struct import_batch {
    const struct data_kind *kind;
    struct import_row *rows; /* kept rows (import_parse_rows), else NULL */
    size_t n;
    size_t parsed, seen; /* data rows that parsed; data rows read */
    bool mapped;         /* the header was mapped (else nothing was parsed) */
    char *header[IMPORT_MAX_COLUMNS]; /* per column: the header as written in the file, or NULL */
    struct import_index index;
};

/* The file's row with this key (kinds.h's key text), or NULL. */
const struct import_key *import_index_find(const struct import_index *ix, const char *key);
/* The same, keys[place] tried first and taken when it is the only key with that text (the
 * key bsearch would find): a row's neighbours in a file in key order are its own neighbours
 * in the index, and a search of 320,000 keys twice a row was 1 % of an import. */
const struct import_key *import_index_find_at(const struct import_index *ix, const char *key,
                                              size_t place);

/* The column's header as the file wrote it (e.g. "pool"), else the canonical name: problems
 * name the column the operator sees in the spreadsheet. */
const char *import_column_label(const struct import_batch *b, const char *canonical);
/* True when the file has that column. */
bool import_has_column(const struct import_batch *b, const char *canonical);

/* Reads the header (the source's first row) and validates every data row; rows with errors
 * are left out of the batch and reported, and duplicate keys are reported. Returns true when
 * there was no error. When the header cannot be mapped, out->rows stays NULL. A file found
 * broken part-way (rows_error) stops the parse; the caller reports it. */
bool import_parse_rows(const struct data_kind *kind, struct rows *src, struct import_batch *out,
                       struct import_problems *probs);
/* The same without keeping the rows (a file of any size in little memory): each row that
 * parses goes to row (when not NULL) and is freed after; index: keep out->index and report
 * duplicates. progress (may be NULL) is called every 4096 data rows with the count so far. */
struct import_each {
    void (*row)(void *ctx, struct import_row *r);
    void (*progress)(void *ctx, size_t rows);
    void *ctx;
    bool index;
};
bool import_stream_rows(const struct data_kind *kind, struct rows *src, struct import_batch *out,
                        struct import_problems *probs, const struct import_each *each);
/* The same over a table already read (tests, the fuzzer). */
bool import_parse(const struct data_kind *kind, const struct csv_table *t, struct import_batch *out,
                  struct import_problems *probs);
void import_batch_free(struct import_batch *b);
/* Frees what a parsed row holds (its kind's values and its unit code) and empties it. */
void import_row_free(const struct data_kind *kind, struct import_row *r);

#endif
