/* The field pack file (.kpz, docs/field.md "Pack format"): a text header naming where the
 * changes come from, then the changeset; a SHA-256 over both tells a truncated or altered
 * file from a good one. Pure encoding: the caller reads and writes the file. */
#ifndef KAOPING_APP_FIELD_PACK_H
#define KAOPING_APP_FIELD_PACK_H

#include <stdbool.h>
#include <stddef.h>

#include "db/field.h"

#define FIELD_PACK_MAGIC "KAOPING-FIELD-PACK"

/* The whole file: header then payload (malloc'd, *len bytes). */
char *field_pack_encode(const struct field_header *h, const void *payload, size_t n,
                        size_t *len);

/* Parses and verifies a pack read from `name`. On success *payload points into buf and
 * id receives the pack's SHA-256 in hex; else err says what is wrong, naming the file. */
bool field_pack_decode(const char *name, const char *buf, size_t len, struct field_header *h,
                       const void **payload, size_t *n, char id[65], char *err, size_t errsz);

#endif
