/* SHA-256 against the FIPS 180-4 / NIST example vectors (empty, "abc", the two-block
 * 448-bit message, a million 'a's), lengths around the padding boundary compared with
 * sha256sum's digests, and incremental updates giving the one-shot digest; all of it in
 * portable C and again with the CPU's SHA extensions where it has them, and the two compared
 * on random inputs. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "model/sha256.h"

static void hex(const unsigned char d[SHA256_LEN], char out[2 * SHA256_LEN + 1])
{
    for (int i = 0; i < SHA256_LEN; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void expect_digest(const void *data, size_t len, const char *want)
{
    unsigned char d[SHA256_LEN];
    char h[2 * SHA256_LEN + 1];
    sha256(data, len, d);
    hex(d, h);
    assert_string_equal(h, want);
}

static void nist_vectors(void **state)
{
    (void)state;
    expect_digest("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect_digest("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    expect_digest(two, strlen(two),
                  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void million_a_in_pieces(void **state)
{
    (void)state;
    static char chunk[1000];
    memset(chunk, 'a', sizeof chunk);
    struct sha256 c;
    sha256_init(&c);
    for (int i = 0; i < 1000; i++)
        sha256_update(&c, chunk, sizeof chunk);
    unsigned char d[SHA256_LEN];
    char h[2 * SHA256_LEN + 1];
    sha256_final(&c, d);
    hex(d, h);
    assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* 55, 56 and 64 bytes sit on the padding boundaries (one block, two blocks, a full block);
 * the digests are `printf 'a%.0s' $(seq N) | sha256sum`. */
static void padding_boundaries(void **state)
{
    (void)state;
    static const struct {
        size_t n;
        const char *want;
    } cases[] = {
        {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
    };
    char a[64];
    memset(a, 'a', sizeof a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_digest(a, cases[i].n, cases[i].want);
}

/* Feeding the same bytes in uneven pieces (1, 63, 65 ... bytes) gives the one-shot digest. */
static void pieces_match_one_shot(void **state)
{
    (void)state;
    unsigned char data[1000];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 7 + 3);
    unsigned char whole[SHA256_LEN], parts[SHA256_LEN];
    sha256(data, sizeof data, whole);
    static const size_t steps[] = {1, 63, 65, 0, 128, 7, 200};
    struct sha256 c;
    sha256_init(&c);
    size_t at = 0;
    for (size_t i = 0; at < sizeof data; i = (i + 1) % 7) {
        size_t n = steps[i] < sizeof data - at ? steps[i] : sizeof data - at;
        sha256_update(&c, data + at, n);
        at += n;
    }
    sha256_final(&c, parts);
    assert_memory_equal(whole, parts, SHA256_LEN);
}

/* Portable C and the SHA extensions give the same digest of random inputs of 0-300 bytes
 * (on a CPU without them both are the portable C). */
static void hardware_matches_portable(void **state)
{
    (void)state;
    unsigned char data[300], a[SHA256_LEN], b[SHA256_LEN];
    unsigned seed = 7;
    for (size_t len = 0; len <= sizeof data; len++) {
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            data[i] = (unsigned char)(seed >> 16);
        }
        sha256_set_hardware(false);
        sha256(data, len, a);
        sha256_set_hardware(true);
        sha256(data, len, b);
        assert_memory_equal(a, b, SHA256_LEN);
    }
}

static int portable(void **state)
{
    (void)state;
    sha256_set_hardware(false);
    return 0;
}

static int hardware(void **state)
{
    (void)state;
    sha256_set_hardware(true);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nist_vectors),
        cmocka_unit_test(million_a_in_pieces),
        cmocka_unit_test(padding_boundaries),
        cmocka_unit_test(pieces_match_one_shot),
        cmocka_unit_test(hardware_matches_portable),
    };
    int failed = cmocka_run_group_tests_name("portable", tests, portable, NULL);
    return failed + cmocka_run_group_tests_name("hardware", tests, hardware, NULL);
}
