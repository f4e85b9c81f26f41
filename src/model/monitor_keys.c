/* monitor_keys_sort (model/monitor.h): the 16-byte keys of 双监控's rows in monitor_sort's order
 * by a radix sort, least significant byte first. qsort with monitor_key_compare was 45-50 M
 * instructions for a province's 44,000 warnings; this is a few passes over the keys. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/monitor.h"
#include "model/xmalloc.h"

/* The sort key of one row, as unsigned integers that order like monitor_key_compare: the tier
 * (rank descending, then rows with a lag first), the lag descending, seq ascending. */
struct radix_key {
    uint64_t lag;
    uint32_t seq;
    uint8_t tier;
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

/* Byte p of the key, least significant first: seq (0-3), the lag (4-11), the tier (12). */
static unsigned key_byte(const struct radix_key *r, int p)
{
    if (p < 4)
        return (r->seq >> (8 * p)) & 0xff;
    if (p < 12)
        return (unsigned)(r->lag >> (8 * (p - 4))) & 0xff;
    return r->tier;
}

enum { PASSES = 13 };

void monitor_keys_sort(struct monitor_key *keys, size_t n)
{
    if (n < 2)
        return;
    struct radix_key *a = xreallocarray(NULL, n, sizeof *a), *b = xreallocarray(NULL, n, sizeof *b);
    size_t count[PASSES][256] = {{0}}; /* 26 KB of stack */
    for (size_t i = 0; i < n; i++) {
        const struct monitor_key *k = &keys[i];
        /* rank is 0..4: 7 - rank keeps the worst first, has_lag the low bit */
        a[i] = (struct radix_key){lag_order(k), k->seq,
                                  (uint8_t)((7 - k->rank) << 1 | !k->has_lag), *k};
        for (int p = 0; p < PASSES; p++)
            count[p][key_byte(&a[i], p)]++;
    }
    for (int p = 0; p < PASSES; p++) {
        if (count[p][key_byte(&a[0], p)] == n)
            continue; /* every key has this byte: the pass would change nothing */
        size_t at = 0;
        for (int d = 0; d < 256; d++) {
            size_t c = count[p][d];
            count[p][d] = at;
            at += c;
        }
        for (size_t i = 0; i < n; i++)
            b[count[p][key_byte(&a[i], p)]++] = a[i];
        struct radix_key *t = a;
        a = b, b = t;
    }
    for (size_t i = 0; i < n; i++)
        keys[i] = a[i].key;
    free(a), free(b);
}
