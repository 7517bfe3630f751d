/*
 * bytes.h — hashing and comparing short byte keys (words, lexicon keys, stems) without a libc
 * call or a loop per byte: 8 bytes at a time, the tail by overlapping loads. Shared by the
 * entities lexicon and caches and the keywords stem and candidate tables.
 */
#ifndef NM_BYTES_H
#define NM_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/** p[0..m), m < 8, as one value by two overlapping 4-byte loads, or the first, middle and last
 * byte (every byte counts for a given m); 0 when m is 0. */
static inline __attribute__((always_inline)) uint64_t nm__bytes_short(const char *p, size_t m) {
    if (m >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + m - 4, 4);
        return (uint64_t)lo | (uint64_t)hi << 32;
    }
    if (m > 0)
        return (uint64_t)(uint8_t)p[0] | (uint64_t)(uint8_t)p[m / 2] << 8 |
               (uint64_t)(uint8_t)p[m - 1] << 16;
    return 0;
}

/** A 64-bit hash of p[0..n) (every byte counts; the length is in the seed). */
static inline __attribute__((always_inline)) uint64_t nm__bytes_hash64(const char *p, size_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ ((uint64_t)n * 0xff51afd7ed558ccdull), v = 0;
    size_t m = n;
    while (m >= 8) {
        memcpy(&v, p, 8);
        h = (h ^ v) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
        p += 8;
        m -= 8;
    }
    v = nm__bytes_short(p, m); /* the last 0-7 bytes */
    h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

/** a[0..n) == b[0..n), any n. */
static inline __attribute__((always_inline)) int nm__bytes_eq(const char *a, const char *b,
                                                              size_t n) {
    if (n >= 8) {
        uint64_t x, y;
        for (size_t i = 0; i + 8 <= n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y)
                return 0;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        uint32_t x1, y1, x2, y2;
        memcpy(&x1, a, 4);
        memcpy(&y1, b, 4);
        memcpy(&x2, a + n - 4, 4);
        memcpy(&y2, b + n - 4, 4);
        return ((x1 ^ y1) | (x2 ^ y2)) == 0;
    }
    if (n == 0)
        return 1;
    return a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1];
}

#endif
