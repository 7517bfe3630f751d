/*
 * render.h — turning an annotated record into output bytes, in the worker threads.
 *
 * nm__render() appends the record in the pipeline's format to rec->out (with final newline):
 *   jsonl    {"id":"x","meta":{...},"stats":{...},"entities":[...],"money":[...],"keywords":[...]}
 *   es-bulk  {"index":{"_index":"news","_id":"x"}}\n + the jsonl record
 *   tsv      one row per annotation, and per token with --tokens (render_tsv.c)
 * An error record renders as {"id":...,"error":"..."} (tsv: one row of kind "error").
 */
#ifndef NM_RENDER_H
#define NM_RENDER_H

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buf.h"
#include "newsmine/options.h"
#include "record.h"

/** Appends rec rendered per opts->format to rec->out. NM_OK or NM_ERR_NOMEM. */
int nm__render(nm_record *rec, const nm_options *opts);

/** Appends s as a JSON string (quotes included): escapes ", \, control bytes; UTF-8 passes. */
int nm__json_put_str(nm__buf *b, const char *s, size_t len);

/** Writes x exactly as printf's "%.4g" does into out (32 bytes at least), without printf for
 *  the keyword-score range; returns the length written (no NUL is promised). */
int nm__format_score(double x, char *out);

/** Writes x exactly as printf's "%.*g" with precision prec does into out (32 bytes at least),
 *  without printf in [1e-4, 10) for prec 1..6; returns the length written (no NUL). */
int nm__format_g(double x, int prec, char *out);

#ifdef __SSE2__
/**
 * Copies s[0, len) to d and returns the index of its first byte that bits_of flags (bits_of
 * gives a bit per byte of a 16-byte vector), or len. Every test is made on bytes loaded from s,
 * never on the copy: a 16-byte load of bytes just written by narrower stores cannot be
 * forwarded from them and waited for the stores to retire (a third of the entity renderer's
 * time). Short strings are read as two overlapping halves (8, 4 or 1 byte wide), long ones 16
 * bytes at a time and a last window ending at len; nothing outside s is read. Inline, so
 * bits_of is too.
 */
static inline size_t nm__copy_flagged(char *d, const char *s, size_t len,
                                      unsigned (*bits_of)(__m128i)) {
    unsigned m;
    if (len > 16) {
        memcpy(d, s, len);
        size_t k = 0;
        for (; k + 16 <= len; k += 16)
            if ((m = bits_of(_mm_loadu_si128((const __m128i *)(s + k)))) != 0)
                return k + (size_t)__builtin_ctz(m);
        /* the last window repeats bytes already clean: its first flag is past k */
        if (k < len && (m = bits_of(_mm_loadu_si128((const __m128i *)(s + len - 16)))) != 0)
            return len - 16 + (size_t)__builtin_ctz(m);
        return len;
    }
    if (len >= 8) { /* bytes [0, 8) and [len - 8, len) */
        long long lo, hi;
        memcpy(&lo, s, 8);
        memcpy(&hi, s + len - 8, 8);
        memcpy(d, &lo, 8);
        memcpy(d + len - 8, &hi, 8);
        if ((m = bits_of(_mm_set_epi64x(hi, lo))) == 0)
            return len;
        unsigned k = (unsigned)__builtin_ctz(m);
        return k < 8 ? k : len - 16 + k;
    }
    if (len >= 4) { /* bytes [0, 4) and [len - 4, len) */
        int lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + len - 4, 4);
        memcpy(d, &lo, 4);
        memcpy(d + len - 4, &hi, 4);
        if ((m = bits_of(_mm_set_epi32(0, 0, hi, lo)) & 0xFFu) == 0)
            return len;
        unsigned k = (unsigned)__builtin_ctz(m);
        return k < 4 ? k : len - 8 + k;
    }
    if (len == 0)
        return 0;
    /* bytes 0, len / 2 and len - 1: every byte of 1 to 3 */
    unsigned char b0 = (unsigned char)s[0], b1 = (unsigned char)s[len / 2];
    unsigned char b2 = (unsigned char)s[len - 1];
    d[0] = (char)b0;
    d[len / 2] = (char)b1;
    d[len - 1] = (char)b2;
    if ((m = bits_of(_mm_cvtsi32_si128((int)(b0 | b1 << 8 | (unsigned)b2 << 16))) & 7u) == 0)
        return len;
    return m & 1u ? 0 : m & 2u ? len / 2 : len - 1;
}
#endif

/** "00" "01" ... "99": the two decimal digits of each n < 100 at 2n (render.c). */
extern const char nm__digit_pairs[200];

/* Writes the two digits of n < 100 at d. */
static inline void nm__put2(char *d, uint32_t n) { memcpy(d, nm__digit_pairs + 2 * n, 2); }

/* Writes n < 10000 in decimal, 1 to 4 digits, at d; returns their end. */
static inline char *nm__put_upto4(char *d, uint32_t n) {
    if (n < 100) {
        if (n < 10) {
            *d = (char)('0' + n);
            return d + 1;
        }
        nm__put2(d, n);
        return d + 2;
    }
    uint32_t hi = n / 100, lo = n - hi * 100;
    if (hi < 10) {
        *d = (char)('0' + hi);
        nm__put2(d + 1, lo);
        return d + 3;
    }
    nm__put2(d, hi);
    nm__put2(d + 2, lo);
    return d + 4;
}

/* Writes n < 10000 as exactly 4 digits (leading zeros) at d; returns their end. */
static inline char *nm__put4(char *d, uint32_t n) {
    uint32_t hi = n / 100;
    nm__put2(d, hi);
    nm__put2(d + 2, n - hi * 100);
    return d + 4;
}

/**
 * Writes n in decimal at d (10 bytes of room); returns the end of the digits. Offsets and
 * counts have 1 to 4 digits mostly: those take two or three compares and at most one multiply
 * by a reciprocal, no loop and no scratch copy.
 */
static inline char *nm__put_u32(char *d, uint32_t n) {
    if (n < 10000)
        return nm__put_upto4(d, n);
    uint32_t hi = n / 10000, lo = n - hi * 10000;
    if (hi < 10000) {
        d = nm__put_upto4(d, hi);
    } else {
        uint32_t top = hi / 10000;
        d = nm__put_upto4(d, top);
        d = nm__put4(d, hi - top * 10000);
    }
    return nm__put4(d, lo);
}

/** Appends the jsonl record (no newline). */
int nm__render_jsonl(const nm_record *rec, const nm_options *opts, nm__buf *b);

/** Appends the tsv rows of rec (each ending in a newline), and a row per token when emit_tokens
 *  (--tokens). Implemented in render_tsv.c. */
int nm__render_tsv(const nm_record *rec, int emit_tokens, nm__buf *b);

#endif
