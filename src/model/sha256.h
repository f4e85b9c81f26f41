/* SHA-256 (FIPS 180-4), for the audit log's hash chain (docs/store.md). Pure C, no I/O. */
#ifndef KAOPING_MODEL_SHA256_H
#define KAOPING_MODEL_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32

struct sha256 {
    uint32_t h[8];
    uint64_t bytes;          /* total length hashed so far */
    unsigned char block[64]; /* pending input, bytes % 64 of it used */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, unsigned char out[SHA256_LEN]);
/* Tests only: false compresses in portable C even where the CPU has SHA extensions; true
 * (the default) uses them when it has. */
void sha256_set_hardware(bool on);
/* One-shot digest of data. */
void sha256(const void *data, size_t len, unsigned char out[SHA256_LEN]);

#endif
