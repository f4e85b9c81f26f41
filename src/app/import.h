/* The import of one file, the use case both faces share (`kaoping import`, and the
 * workstation later): open the row source (io/rows.h), parse it through the kind's table row
 * (io/kinds.h), check it against the store (app/import_check.h) and write it, all in one
 * transaction: any error writes nothing. The face shows progress and problems through a
 * callback; this layer prints nothing. docs/architecture.md. */
#ifndef KAOPING_APP_IMPORT_H
#define KAOPING_APP_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "db/approvals.h"
#include "db/store.h"
#include "io/import_rows.h"

enum app_import_event {
    IMPORT_OPENING,  /* before reading the file */
    IMPORT_OPENED,   /* read: encoding and data rows known, header is the first row */
    IMPORT_CHECKING, /* parsing and checking begin (total: data rows) */
    IMPORT_WRITING,  /* one more row written (done of total) */
    IMPORT_SAVING,   /* the transaction commits (total rows) */
    IMPORT_WAITING,  /* another program writes: done seconds waited of at most total;
                        total 0 once the wait is over (docs/store.md) */
};

struct app_import_progress {
    enum app_import_event event;
    const char *file;
    size_t done, total;
    enum text_encoding encoding;   /* from IMPORT_OPENED on */
    const struct rows_row *header; /* IMPORT_OPENED: the first row, or NULL for an empty file */
    const char *sheet;             /* from IMPORT_OPENED on: the sheet read, NULL for CSV */
};

struct app_import_request {
    const struct data_kind *kind; /* an importable kind (app/kinds.h) */
    const char *file;
    bool dry_run; /* check and write, then roll back */
    /* The store, opened only once the header is read and mapped (a file with a bad header
     * never opens the database). NULL: the callback has said why (APP_IMPORT_NO_STORE). */
    struct store *(*store)(void *ctx);
    void (*progress)(void *ctx, const struct app_import_progress *p); /* may be NULL */
    void *ctx;
    const char *sheet; /* the sheet of a workbook to read (NULL: its first sheet) */
    /* Ledger rows with a new 编号 whose content equals a stored record are taken in (else
     * they stop the import: another export of the same records would double them). */
    bool allow_duplicates;
    /* targets: the adjustment applied to changed approved items whose row has no adjustment
     * columns (db/approvals.h); NULL: such a change is refused. */
    const struct target_change *change;
};

enum app_import_status {
    APP_IMPORT_OK,
    APP_IMPORT_PROBLEMS, /* problems.n_errors > 0: the file must be fixed; nothing written */
    APP_IMPORT_INVALID,  /* the file cannot be read, or the store refused: message; nothing
                            written */
    APP_IMPORT_FAILED,   /* the database or the disk failed: message; nothing written */
    APP_IMPORT_NO_STORE, /* the store callback returned NULL */
};

struct app_import_result {
    enum app_import_status status;
    char message[1024];           /* INVALID and FAILED */
    struct import_problems probs; /* errors and warnings, every status */
    size_t rows;                  /* data rows that parsed */
    size_t counts[3];             /* by enum store_put: inserted, updated, unchanged */
};

/* Runs the import; free the result with app_import_result_free. */
void app_import(const struct app_import_request *req, struct app_import_result *res);
void app_import_result_free(struct app_import_result *res);

#endif
