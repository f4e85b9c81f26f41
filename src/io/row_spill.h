/* A spill of parsed import rows: a temp file (in $TMPDIR, else /tmp; unlinked as soon as it is
 * made, so a killed import leaves nothing behind) that the streamed import's first pass
 * writes and its second pass reads instead of reading and parsing the file again
 * (app/import.c, bench/README.md). Rows go through the kind's pack and unpack (io/kinds.h);
 * memory stays one record and the file's buffer whatever the number of rows. */
#ifndef KAOPING_IO_ROW_SPILL_H
#define KAOPING_IO_ROW_SPILL_H

#include <stdbool.h>
#include <stddef.h>

#include "io/import_rows.h"
#include "io/kinds.h"

/* One record being packed or unpacked (a kind's pack and unpack use the calls below). */
struct spill_rec {
    unsigned char *buf;
    size_t len, cap; /* packing: bytes written; unpacking: bytes in the record */
    size_t pos;      /* unpacking: bytes read */
    bool bad;        /* unpacking: read past the record's end */
};

void spill_put_int(struct spill_rec *w, long long v);
void spill_put_num(struct spill_rec *w, double v);
void spill_put_text(struct spill_rec *w, const char *s); /* NULL and "" stay apart */
void spill_put_bytes(struct spill_rec *w, const void *p, size_t n);
long long spill_get_int(struct spill_rec *r);
double spill_get_num(struct spill_rec *r);
char *spill_get_text(struct spill_rec *r); /* malloc'd, or NULL as packed */
void spill_get_bytes(struct spill_rec *r, void *p, size_t n);

struct row_spill; /* the temp file */

/* A new empty spill for rows of kind (which has pack and unpack); NULL with the reason in err
 * when the temp file cannot be made. */
struct row_spill *row_spill_open(const struct data_kind *kind, char *err, size_t errsz);
/* Appends the row; false once a write has failed (row_spill_error says why). */
bool row_spill_put(struct row_spill *s, const struct import_row *r);
/* Ends writing and goes back to the first row; false when a write failed. */
bool row_spill_rewind(struct row_spill *s);
/* The next row into r (owned by the caller: import_row_free): 1, or 0 at the end, or -1 when
 * the temp file cannot be read (row_spill_error). */
int row_spill_next(struct row_spill *s, struct import_row *r);
/* Why the spill failed, in words (a full disk named as such), or NULL. */
const char *row_spill_error(const struct row_spill *s);
void row_spill_close(struct row_spill *s);

#endif
