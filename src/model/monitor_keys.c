/* monitor_keys_sort (model/monitor.h): the 16-byte keys of 双监控's rows in monitor_sort's order
 * by a radix sort, least significant byte first. qsort with monitor_key_compare was 45-50 M
 * instructions for a province's 44,000 warnings; this is a few passes over the keys. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/monitor.h"
#include "model/xmalloc.h"

/* The sort key of one row as bytes, least significant first, that order like
 * monitor_key_compare: seq ascending (0-3), the lag descending (4-11), the tier (12: rank
 * descending, then rows with a lag first). */
enum { SEQ_BYTES = 4, PASSES = 13 };
struct radix_key {
    uint8_t b[16];
    struct monitor_key key;
};

/* The lag's bits made to sort descending as an unsigned number: the IEEE bits ordered as
 * unsigned (negative numbers flipped, positive ones with the sign bit set), then inverted.
 * -0.0 is 0.0, as the comparator's == says; without a lag every row is equal here. */
static uint64_t lag_order(const struct monitor_key *k)
{
    if (!k->has_lag)
        return 0;
    double v = k->lag == 0 ? 0.0 : k->lag;
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    bits = bits >> 63 ? ~bits : bits | (uint64_t)1 << 63;
    return ~bits;
}

static void fill(const struct monitor_key *k, struct radix_key *r)
{
    uint64_t lag = lag_order(k);
    for (int i = 0; i < SEQ_BYTES; i++)
        r->b[i] = (uint8_t)(k->seq >> (8 * i));
    for (int i = 0; i < 8; i++)
        r->b[SEQ_BYTES + i] = (uint8_t)(lag >> (8 * i));
    /* rank is 0..4: 7 - rank keeps the worst first, has_lag the low bit */
    r->b[PASSES - 1] = (uint8_t)((7 - k->rank) << 1 | !k->has_lag);
    r->key = *k;
}

void monitor_keys_sort(struct monitor_key *keys, size_t n)
{
    if (n < 2)
        return;
    struct radix_key *a = xreallocarray(NULL, n, sizeof *a), *b = xreallocarray(NULL, n, sizeof *b);
    size_t count[PASSES][256] = {{0}}; /* 26 KB of stack */
    bool in_seq_order = true; /* as the callers make them: the seq passes are not needed */
    for (size_t i = 0; i < n; i++) {
        fill(&keys[i], &a[i]);
        in_seq_order &= i == 0 || keys[i - 1].seq < keys[i].seq;
        for (int p = 0; p < PASSES; p++)
            count[p][a[i].b[p]]++;
    }
    for (int p = in_seq_order ? SEQ_BYTES : 0; p < PASSES; p++) {
        if (count[p][a[0].b[p]] == n)
            continue; /* every key has this byte: the pass would change nothing */
        size_t at = 0;
        for (int d = 0; d < 256; d++) {
            size_t c = count[p][d];
            count[p][d] = at;
            at += c;
        }
        for (size_t i = 0; i < n; i++)
            b[count[p][a[i].b[p]]++] = a[i];
        struct radix_key *t = a;
        a = b, b = t;
    }
    for (size_t i = 0; i < n; i++)
        keys[i] = a[i].key;
    free(a), free(b);
}
