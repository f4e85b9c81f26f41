/* What a data kind is (the way tmux keeps cmd_entry): its name, its columns and their English
 * aliases, its row parser, its key (duplicates inside a file), its export writer, and its store
 * side (app/kinds.h: writer, checks against the store). Import (io/import_rows.c,
 * app/import.c) and export (app/export.c) read only this; the formats plug in below it
 * (io/rows.h: a row source and a cell sink).
 *
 * The table of kinds is app/kinds.c. Adding a kind is one row there and one file defining its
 * `const struct data_kind kind_NAME`: app/kind_NAME.c for a kind that is imported (its writer
 * reaches the store), io/kind_NAME.c for a result that is exported only (ranking, monitor).
 * docs/architecture.md. */
#ifndef KAOPING_IO_KINDS_H
#define KAOPING_IO_KINDS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/types.h"

struct import_column {
    const char *zh; /* canonical header, written by export */
    const char *en; /* alias accepted on import (case-insensitive) */
    bool required;
};

struct rowctx;     /* io/kind_row.h: one row being parsed */
struct import_row; /* io/import_rows.h */
struct row_sink;   /* io/rows.h */
struct spill_rec;  /* io/row_spill.h: one record of a spill of parsed rows */

struct year_scores; /* model/rank.h */
struct kind_store;  /* app/kinds.h: the store side of an imported kind */

/* What export writes from: the year's data, or (units) the unit list. */
struct export_source {
    int year;
    const struct year_data *yd;     /* per-year kinds */
    const struct unit *units;       /* units */
    size_t n_units;
    const struct year_scores *ys;   /* ranked kinds: the year ranked (app/ranked.h) */
    int quarter;                    /* quarterly kinds: 1..4 */
    const char *pool;               /* ranked kinds: only this pool, or NULL for all */
};

/* What a per-year kind's export reads of the year: its header (units with appraisals,
 * categories, score sources and scores), or only the units' codes and appraisals
 * (db/load_scan.h, store_load_year_codes: the other unit fields NULL, no scheme) and
 * perhaps a table. The items or the ledger are handed to export_rows a piece at a time
 * (app/export.c streams them), so it writes each piece's rows on their own. */
enum kind_reads {
    KIND_READS_HEADER,
    KIND_READS_TARGETS,    /* yd->items without progress */
    KIND_READS_PROGRESS,   /* yd->items with only their code and progress */
    KIND_READS_LEDGER,     /* yd->ledger with texts */
    KIND_READS_APPRAISALS, /* nothing more: yd->units' codes and appraisals */
};

struct data_kind {
    const char *name;   /* the command line's word: units, targets, ... */
    const char *sheet;  /* the .xlsx export's sheet: 单位, 任务书, ... */
    bool per_year;      /* rows carry 年度; export takes --year */
    bool ranked;        /* export needs the year ranked (export_source.ys) */
    bool needs_quarter; /* export needs --quarter (export_source.quarter) */
    enum kind_reads reads; /* per-year kinds, not ranked */
    const struct import_column *cols;
    size_t n_cols;
    size_t n_import_only; /* the last columns are read on import, not exported */
    const char *dup_column; /* the column a duplicate key is reported in */
    const char *dup_text;   /* "与第 N 行" + this */
    /* Fills r from the cells; problems go through krow_error (c->bad then set). NULL for a
     * kind that is exported only (free_row and key are NULL then too). */
    void (*parse)(struct rowctx *c, struct import_row *r);
    /* Frees what parse allocated in r->v (r->unit is the caller's). */
    void (*free_row)(struct import_row *r);
    /* The row's key (malloc'd): two rows of a file with the same key are one record twice. */
    char *(*key)(const struct import_row *r);
    /* What checks of one row need of another row besides its key (import_rows.h: the index's
     * value), or NULL (0). */
    double (*key_value)(const struct import_row *r);
    /* A second such value (import_key.value2), or NULL (0). */
    double (*key_value2)(const struct import_row *r);
    /* The row's values (r->v) packed into a spill record and back (io/row_spill.h): the
     * streamed import's second pass reads them instead of parsing the file again. NULL: it
     * reads the file again. */
    void (*pack)(struct spill_rec *w, const struct import_row *r);
    void (*unpack)(struct spill_rec *rd, struct import_row *r);
    /* Writes the data rows (not the header); returns how many. */
    size_t (*export_rows)(const struct export_source *src, const struct row_sink *out);
    /* The writer and the checks against the store (app/kinds.h); NULL for a kind exported
     * only. io never looks inside. */
    const struct kind_store *store;
};

/* The canonical header row (the columns export writes). */
void kind_write_header(const struct data_kind *k, const struct row_sink *out);
/* The kind can be imported (ranking and monitor cannot). */
bool kind_importable(const struct data_kind *k);

/* The results, exported only (io/kind_ranking.c, kind_monitor.c). */
extern const struct data_kind kind_ranking, kind_monitor;

#endif
