/*
 * utf8.c — strict UTF-8 validation with an 8-bytes-at-a-time ASCII fast path, and repair
 * (see utf8.h). The decoder below returns the length of the valid sequence at p, or 0 and the
 * length of the maximal invalid subpart to skip.
 */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

#include "newsmine/error.h"

/* Length of a valid sequence starting at s (s < end), or 0; *bad gets the subpart to skip. */
static size_t seq_len(const unsigned char *s, const unsigned char *end, size_t *bad) {
    unsigned c = s[0];
    size_t need;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0; /* no overlongs */
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        *bad = 1;
        return 0;
    }
    size_t i = 1;
    for (; i < need; i++) {
        if (s + i >= end)
            break;
        unsigned b = s[i];
        unsigned l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
        if (b < l || b > h)
            break;
    }
    if (i == need)
        return need;
    *bad = i; /* the lead byte plus the continuation bytes that were still acceptable */
    return 0;
}

size_t nm__utf8_check(const char *p, size_t len) {
    const unsigned char *s = (const unsigned char *)p, *end = s + len;
    while (s < end) {
        if (end - s >= 8) {
            uint64_t w;
            memcpy(&w, s, 8);
            if ((w & 0x8080808080808080ull) == 0) {
                s += 8;
                continue;
            }
        }
        size_t bad = 0, n = seq_len(s, end, &bad);
        if (n == 0)
            return (size_t)(s - (const unsigned char *)p);
        s += n;
    }
    return len;
}

int nm__utf8_repair(const char *p, size_t len, nm__buf *out) {
    static const char replacement[3] = {(char)0xEF, (char)0xBF, (char)0xBD};
    const unsigned char *s = (const unsigned char *)p, *end = s + len, *run = s;
    if (nm__buf_reserve(out, len + 16) != NM_OK)
        return NM_ERR_NOMEM;
    while (s < end) {
        size_t bad = 0, n = seq_len(s, end, &bad);
        if (n) {
            s += n;
            continue;
        }
        if (nm__buf_append(out, run, (size_t)(s - run)) != NM_OK ||
            nm__buf_append(out, replacement, sizeof replacement) != NM_OK)
            return NM_ERR_NOMEM;
        s += bad;
        run = s;
    }
    return nm__buf_append(out, run, (size_t)(s - run));
}
