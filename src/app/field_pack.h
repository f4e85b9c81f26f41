/* The field pack file (.kpz, docs/field.md "Pack format"): a text header naming where the
 * changes come from, then the changeset; a SHA-256 over both tells a truncated or altered
 * file from a good one. Written and read a chunk at a time: a pack is never held whole. */
#ifndef KAOPING_APP_FIELD_PACK_H
#define KAOPING_APP_FIELD_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "db/field.h"
#include "model/sha256.h"

#define FIELD_PACK_MAGIC "KAOPING-FIELD-PACK"

/* A file for the changeset while it is made (its size and digest go in the header, before
 * it): created beside `beside` and unlinked at once, so nothing is left behind. NULL with
 * errno on failure. */
FILE *field_pack_spill(const char *beside);
/* field_out_fn writing to a FILE (the spill file). */
int field_pack_spill_write(void *fp, const void *data, int n);

/* Writes the pack file to out: the header for the n payload bytes at the start of `payload`
 * and their SHA-256, then those bytes. False on a read or write error. */
bool field_pack_write(FILE *out, const struct field_header *h, FILE *payload, size_t n);

/* An open pack: its header read and checked, its payload read as a stream. */
struct field_pack_in {
    FILE *fp;
    char *head;      /* the header's bytes before the sha256: line (the digest covers them) */
    size_t head_len;
    long payload_at; /* where the payload starts */
    size_t bytes;    /* its size (payload-bytes) */
    size_t got;      /* read since the last rewind */
    bool failed;     /* a read error since then */
    struct sha256 sum;
    char expect[65]; /* the header's sha256 */
};

/* Takes the open file fp (closed by field_pack_close, also on failure) of the pack named
 * `name` in messages: parses and checks its header and size, then reads the payload once to
 * check its SHA-256, which id receives. Else err says what is wrong, naming the file. */
bool field_pack_open(FILE *fp, const char *name, struct field_pack_in *in,
                     struct field_header *h, char id[65], char *err, size_t errsz);
/* The payload as field_merge reads it: each pass checks the digest again. */
struct field_source field_pack_source(struct field_pack_in *in);
void field_pack_close(struct field_pack_in *in);

#endif
