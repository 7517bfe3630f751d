/*
 * normalize.c — the normalize stage: per-token norm and key strings and the stop-word flag.
 *
 * ASCII tokens (most of news text) are lower-cased 8 bytes at a time (words of up to 8 bytes
 * into slots taken from the arena in batches, without branching on the case), or borrowed
 * from the text when nothing changes (the tokenizer's NM_TF_HAS_UPPER says which); other
 * tokens go through utf8proc_decompose_custom (NFKC + case fold, typographic punctuation
 * unified by a custom mapping) into a per-worker code point buffer and utf8proc_reencode, so
 * no malloc happens per token (unlike utf8proc_map). The key drops the combining marks of the
 * NFKD form: "Zélensky" => norm "zélensky", key "zelensky".
 * Stop words (corpora/stopwords.txt) are loaded once into read-only open-addressing tables
 * shared by all workers (words of up to 8 bytes also packed into 64-bit values, probed without
 * branches); NM_TF_STOP is set on word tokens whose norm is in them.
 */
#include "normalize.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "data.h"
#include "fail.h"
#include "stage.h"
#include "tokenize.h"

struct nm__normalizer {
    utf8proc_int32_t *a, *b; /* norm and key code point buffers */
    size_t acap, bcap;
};

nm__normalizer *nm__normalizer_create(void) {
    nm__normalizer *nz = calloc(1, sizeof *nz);
    return nz;
}

void nm__normalizer_destroy(nm__normalizer *nz) {
    if (nz == NULL)
        return;
    free(nz->a);
    free(nz->b);
    free(nz);
}

static int grow(utf8proc_int32_t **buf, size_t *cap, size_t need) {
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    utf8proc_int32_t *p = realloc(*buf, c * sizeof *p);
    if (p == NULL)
        return -1;
    *buf = p;
    *cap = c;
    return 0;
}

utf8proc_int32_t nm__normalize_unify(utf8proc_int32_t cp, void *data) {
    (void)data;
    if (cp < 0x91)
        return cp;
    switch (cp) {
    case 0x91:
    case 0x92: /* cp1252 quotes mis-decoded as Latin-1 C1 controls */ return '\'';
    case 0x93:
    case 0x94: return '"';
    case 0x95: return 0x2022;
    case 0x96:
    case 0x97: return '-';
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x2035:
    case 0x02BC:
    case 0x2039:
    case 0x203A:
    case 0xFF07: return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x2036:
    case 0x00AB:
    case 0x00BB:
    case 0xFF02: return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D: return '-';
    case 0x00A0:
    case 0x1680:
    case 0x2007:
    case 0x2008:
    case 0x2009:
    case 0x200A:
    case 0x202F:
    case 0x205F:
    case 0x3000: return ' ';
    case 0x0130: return 'I'; /* İ: full case folding gives i + U+0307 ("i̇stanbul"), a form no
                              * one searches for; Turkish lower case is plain i */
    default:
        if (cp >= 0x2000 && cp <= 0x2006)
            return ' ';
        return cp;
    }
}

/* Letters NFKD does not split, spelled out for the key: ł => l, æ => ae. Writes 1 or 2 code
 * points to out; returns how many. */
static int spell(utf8proc_int32_t cp, utf8proc_int32_t *out) {
    switch (cp) {
    case 0x0142: out[0] = 'l'; return 1; /* ł */
    case 0x00F8: out[0] = 'o'; return 1; /* ø */
    case 0x0111:
    case 0x00F0: out[0] = 'd'; return 1; /* đ ð */
    case 0x0127: out[0] = 'h'; return 1; /* ħ */
    case 0x0131: out[0] = 'i'; return 1; /* ı */
    case 0x00E6:
        out[0] = 'a';
        out[1] = 'e';
        return 2; /* æ */
    case 0x0153:
        out[0] = 'o';
        out[1] = 'e';
        return 2; /* œ */
    case 0x00FE:
        out[0] = 't';
        out[1] = 'h';
        return 2; /* þ */
    default: out[0] = cp; return 1;
    }
}

/* Adds 0x20 to every byte 'A'..'Z' of w (all bytes < 0x80), in parallel: the sums cannot carry
 * between bytes, and their high bits say b >= 'A' and b > 'Z'. */
static inline uint64_t swar_lower(uint64_t w) {
    uint64_t ge_a = w + 0x3F3F3F3F3F3F3F3Full, gt_z = w + 0x2525252525252525ull;
    return w | ((ge_a & ~gt_z & 0x8080808080808080ull) >> 2);
}

/* ASCII lower-casing of s[0, len) (all bytes < 0x80) into d: 'A'..'Z' gain 0x20, every other
 * byte is kept; 8 bytes at a time. */
static void fold_ascii(char *d, const char *s, size_t len) {
    size_t k = 0;
    for (; k + 8 <= len; k += 8) {
        uint64_t w;
        memcpy(&w, s + k, 8);
        w = swar_lower(w);
        memcpy(d + k, &w, 8);
    }
    if (k < len && len >= 8) { /* the tail as the last 8 bytes, overlapping: folding twice is
                                  * folding once */
        uint64_t w;
        memcpy(&w, s + len - 8, 8);
        w = swar_lower(w);
        memcpy(d + len - 8, &w, 8);
        return;
    }
    for (; k < len; k++) {
        unsigned c = (unsigned char)s[k];
        d[k] = (char)(c + ((c - 'A' < 26u) << 5));
    }
}

static int copy_out(nm__arena *arena, const void *p, size_t len, nm_str *out) {
    char *d = nm__arena_alloc(arena, len ? len : 1);
    if (d == NULL)
        return NM_ERR_NOMEM;
    memcpy(d, p, len);
    *out = (nm_str){d, len};
    return NM_OK;
}

static int normalize_text(nm__normalizer *nz, nm__arena *arena, const char *s, size_t len,
                          int emoji, int refs, nm_str *norm, nm_str *key);

int nm__normalize(nm__normalizer *nz, nm__arena *arena, const char *s, size_t len, int emoji,
                  nm_str *norm, nm_str *key) {
    return normalize_text(nz, arena, s, len, emoji, 1, norm, key);
}

/* nm__normalize; with refs, the HTML character references of an ASCII s are decoded first
 * (once: "&amp;lt;" is "&lt;"). */
static int normalize_text(nm__normalizer *nz, nm__arena *arena, const char *s, size_t len,
                          int emoji, int refs, nm_str *norm, nm_str *key) {
    nm_str dn, dk;
    if (norm == NULL)
        norm = &dn;
    if (key == NULL)
        key = &dk;
    const unsigned char *u = (const unsigned char *)s;
    unsigned any = 0, upper = 0;
    for (size_t k = 0; k < len; k++) {
        any |= u[k];
        upper |= (unsigned)(u[k] - 'A') < 26u;
    }
    if (refs && len >= 4 && memchr(s, '&', len) != NULL) {
        /* "&#xa3;" => the normalized "£", "AT&amp;T" => "at&t", "Zu&#776;rich" => "zürich" */
        char *d = nm__arena_alloc(arena, len);
        if (d == NULL)
            return NM_ERR_NOMEM;
        size_t m = nm__html_decode(d, s, len);
        if (m != len)
            return normalize_text(nz, arena, d, m, emoji, 0, norm, key);
    }
    if (!(any & 0x80)) {
        if (!upper) {
            *norm = *key = (nm_str){s, len};
            return NM_OK;
        }
        char *d = nm__arena_alloc(arena, len);
        if (d == NULL)
            return NM_ERR_NOMEM;
        fold_ascii(d, s, len);
        *norm = *key = (nm_str){d, len};
        return NM_OK;
    }

    utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                             UTF8PROC_CASEFOLD | (emoji ? 0 : UTF8PROC_IGNORE);
    utf8proc_ssize_t m;
    for (;;) {
        m = utf8proc_decompose_custom(u, (utf8proc_ssize_t)len, nz->a, (utf8proc_ssize_t)nz->acap,
                                      opts, nm__normalize_unify, NULL);
        if (m < 0) { /* invalid UTF-8: keep the bytes */
            *norm = *key = (nm_str){s, len};
            return NM_OK;
        }
        /* utf8proc_reencode NUL-terminates: keep room for one more code point */
        if ((size_t)m < nz->acap)
            break;
        if (grow(&nz->a, &nz->acap, (size_t)m + 1) != 0)
            return NM_ERR_NOMEM;
    }
    /* key buffer: NFKD (the decomposition above) minus marks, special letters spelled out */
    if (grow(&nz->b, &nz->bcap, 2 * (size_t)m + 1) != 0)
        return NM_ERR_NOMEM;
    size_t kb = 0;
    int key_differs = 0;
    for (utf8proc_ssize_t k = 0; k < m; k++) {
        utf8proc_int32_t cp = nz->a[k];
        if (cp >= 0x300) {
            utf8proc_category_t c = utf8proc_category(cp);
            if (c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
                c == UTF8PROC_CATEGORY_ME) {
                if (!emoji) {
                    key_differs = 1;
                    continue;
                }
            }
        }
        int w = spell(cp, nz->b + kb);
        if (w != 1 || nz->b[kb] != cp)
            key_differs = 1;
        kb += (size_t)w;
    }
    utf8proc_ssize_t nb = utf8proc_reencode(nz->a, m, opts);
    if (nb < 0) {
        *norm = *key = (nm_str){s, len};
        return NM_OK;
    }
    int rc;
    if ((size_t)nb == len && memcmp(nz->a, s, len) == 0)
        *norm = (nm_str){s, len};
    else if ((rc = copy_out(arena, nz->a, (size_t)nb, norm)) != NM_OK)
        return rc;
    if (!key_differs) {
        *key = *norm;
        return NM_OK;
    }
    nb = utf8proc_reencode(nz->b, (utf8proc_ssize_t)kb, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (nb < 0) {
        *key = *norm;
        return NM_OK;
    }
    return copy_out(arena, nz->b, (size_t)nb, key);
}

/* ---- stop words -------------------------------------------------------------------------- */

struct nm__stopwords {
    char *data;     /* the words, copied */
    uint32_t *slot; /* open addressing: offset+1 into data, 0 = empty */
    uint8_t *len;   /* word length per slot */
    size_t mask;
    /* Pre-filter: bit min(len, 15) is set in first[c] (last[c]) when some stop word of that
     * length starts (ends) with byte c. Most words fail it and are never hashed. */
    uint16_t first[256], last[256];
    /* Words of 1-8 bytes again, each packed into a little-endian uint64_t (zero-padded, so the
     * length is implied) and stored within NM__STOP_PROBE slots of its hash (the table grows
     * until that holds; NM__STOP_PROBE - 1 spare slots at the end, no wrap-around): a lookup is
     * one multiply and NM__STOP_PROBE compares, no branch (stop_window). */
    uint64_t *packed;
    size_t pmask;
};

#define NM__STOP_PROBE 4

static size_t packed_slot(uint64_t w, size_t pmask) {
    return (size_t)((w * 0x9E3779B97F4A7C15ull) >> 40) & pmask;
}

/* Is the packed word w (1-8 lower-case bytes, zero-padded) in packed's probe window, w = 0
 * included (it matches an empty slot: the caller excludes it)? Branch-free: whether a word is
 * a stop word is a coin toss in running text, so a probe loop mispredicts. */
static inline int stop_window(const uint64_t *packed, size_t pmask, uint64_t w) {
    const uint64_t *p = packed + packed_slot(w, pmask);
#ifdef __SSE2__
    /* the window as two 16-byte compares of 32-bit halves; a slot matches when both do */
    __m128i k = _mm_set1_epi64x((long long)w);
    __m128i a = _mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)p), k);
    __m128i b = _mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)(p + 2)), k);
    unsigned m = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(a)) |
                 (unsigned)_mm_movemask_ps(_mm_castsi128_ps(b)) << 4;
    return (m & (m >> 1) & 0x55u) != 0;
#else
    /* (d | -d) >> 63 is 1 when d != 0; written so, the compiler keeps it free of branches */
    uint64_t d0 = p[0] ^ w, d1 = p[1] ^ w, d2 = p[2] ^ w, d3 = p[3] ^ w;
    uint64_t miss = (d0 | -d0) & (d1 | -d1) & (d2 | -d2) & (d3 | -d3);
    return (int)((miss >> 63) ^ 1);
#endif
}

/* A packed table with no words (all slots empty, pmask 0), probed when there is no stop-word
 * list: read-only, so the stage's loop needs no test for a missing table. */
static const uint64_t no_stop_words[NM__STOP_PROBE];

/* Fills sw->packed (pmask + 1 + NM__STOP_PROBE - 1 slots, zeroed) with the n words of v, each
 * within NM__STOP_PROBE slots of its hash. 0, or -1 when some word does not fit. */
static int packed_fill(nm__stopwords *sw, const uint64_t *v, size_t n) {
    for (size_t i = 0; i < n; i++) {
        uint64_t *p = sw->packed + packed_slot(v[i], sw->pmask);
        int j = 0;
        while (j < NM__STOP_PROBE && p[j] != 0 && p[j] != v[i])
            j++;
        if (j == NM__STOP_PROBE)
            return -1;
        p[j] = v[i];
    }
    return 0;
}

/* s[0, len) (len <= 8) as a zero-padded little-endian uint64_t. */
static uint64_t pack_bytes(const char *s, size_t len) {
    uint64_t w = 0;
    for (size_t k = 0; k < len; k++)
        w |= (uint64_t)(unsigned char)s[k] << (8 * k);
    return w;
}

/* djb2 hash over the (already lower-case) bytes: one shift-add per byte. */
static uint32_t stop_hash(const char *s, size_t len) {
    uint32_t h = 5381;
    for (size_t k = 0; k < len; k++)
        h = h * 33u + (unsigned char)s[k];
    return h;
}

nm__stopwords *nm__stopwords_create(const char *data, size_t len) {
    uint64_t *pv = NULL; /* the packed words, for packed_fill */
    nm__stopwords *sw = calloc(1, sizeof *sw);
    if (sw == NULL)
        goto fail;
    size_t words = 0;
    for (size_t k = 0; k < len; k++)
        words += data[k] == '\n';
    size_t cap = 16;
    while (cap < 2 * (words + 1))
        cap *= 2;
    sw->data = malloc(len + 1);
    sw->slot = calloc(cap, sizeof *sw->slot);
    sw->len = calloc(cap, 1);
    pv = malloc((words + 1) * sizeof *pv);
    size_t pn = 0;
    if (sw->data == NULL || sw->slot == NULL || sw->len == NULL || pv == NULL ||
        len >= UINT32_MAX)
        goto fail;
    if (len)
        memcpy(sw->data, data, len);
    sw->mask = cap - 1;
    size_t i = 0;
    while (i < len) {
        size_t e = i;
        while (e < len && sw->data[e] != '\n')
            e++;
        size_t we = e;
        while (we > i && (sw->data[we - 1] == '\r' || sw->data[we - 1] == ' '))
            we--;
        size_t wl = we - i;
        if (wl > 0 && wl < 256 && sw->data[i] != '#' && !nm__stopwords_has(sw, sw->data + i, wl)) {
            size_t h = stop_hash(sw->data + i, wl) & sw->mask;
            while (sw->slot[h])
                h = (h + 1) & sw->mask;
            sw->slot[h] = (uint32_t)i + 1;
            sw->len[h] = (uint8_t)wl;
            unsigned bit = 1u << (wl < 15 ? wl : 15);
            sw->first[(unsigned char)sw->data[i]] |= (uint16_t)bit;
            sw->last[(unsigned char)sw->data[we - 1]] |= (uint16_t)bit;
            if (wl <= 8 && memchr(sw->data + i, 0, wl) == NULL)
                pv[pn++] = pack_bytes(sw->data + i, wl);
        }
        i = e + 1;
    }
    /* the packed table at under 1/4 load, doubled until every word is near its hash */
    for (size_t pcap = 4 * cap;; pcap *= 2) {
        free(sw->packed);
        sw->packed = calloc(pcap + NM__STOP_PROBE - 1, sizeof *sw->packed);
        sw->pmask = pcap - 1;
        if (sw->packed == NULL || pcap > ((size_t)1 << 24)) /* packed_slot's 24 bits */
            goto fail;
        if (packed_fill(sw, pv, pn) == 0)
            break;
    }
    free(pv);
    return sw;
fail:
    free(pv);
    nm__stopwords_destroy(sw);
    return NULL;
}

void nm__stopwords_destroy(nm__stopwords *sw) {
    if (sw == NULL)
        return;
    free(sw->data);
    free(sw->slot);
    free(sw->len);
    free(sw->packed);
    free(sw);
}

/* nm__stopwords_has's first test, inline in the stage's loop: could s[0, len) (len >= 1) be a
 * stop word, by its length and its first and last bytes? Most words are answered here. */
static inline int stop_maybe(const nm__stopwords *sw, const char *s, size_t len) {
    unsigned bit = 1u << (len < 15 ? len : 15);
    return (sw->first[(unsigned char)s[0]] & sw->last[(unsigned char)s[len - 1]] & bit) != 0;
}

int nm__stopwords_has(const nm__stopwords *sw, const char *s, size_t len) {
    if (sw == NULL || len == 0 || len > 255 || !stop_maybe(sw, s, len))
        return 0;
    size_t h = stop_hash(s, len) & sw->mask;
    while (sw->slot[h]) {
        if (sw->len[h] == len && memcmp(sw->data + sw->slot[h] - 1, s, len) == 0)
            return 1;
        h = (h + 1) & sw->mask;
    }
    return 0;
}

/* ---- the stage --------------------------------------------------------------------------- */

static int normalize_load(void **shared, const nm_options *opts, nm_error *err) {
    (void)opts;
    size_t len = 0;
    const char *data = nm__data_get("stopwords.txt", &len);
    nm__stopwords *sw = nm__stopwords_create(data ? data : "", data ? len : 0);
    if (sw == NULL)
        return nm__fail(err, NM_ERR_NOMEM, "out of memory loading stop words");
    *shared = sw;
    return NM_OK;
}

static void normalize_unload(void *shared) {
    nm__stopwords_destroy(shared);
}

static int normalize_init(void **state, const void *shared, const nm_options *opts, nm_error *err) {
    (void)shared;
    (void)opts;
    *state = nm__normalizer_create();
    if (*state == NULL)
        return nm__fail(err, NM_ERR_NOMEM, "out of memory creating a normalizer");
    return NM_OK;
}

static void normalize_destroy(void *state) {
    nm__normalizer_destroy(state);
}

/* Sets t's norm and key to the span p[0, len). Four scalar stores: `t->norm = t->key = v`
 * compiles to two 8-byte stores and a 16-byte reload of them, a store-forwarding stall on
 * every token. */
static inline void set_span(nm_token *t, const char *p, size_t len) {
    t->norm.ptr = p;
    t->norm.len = len;
    t->key.ptr = p;
    t->key.len = len;
}

static int normalize_process(void *state, const void *shared, nm_record *rec, nm_error *err) {
    (void)err;
    nm__normalizer *nz = state, *own = NULL;
    const nm__stopwords *sw = shared;
    if (nz == NULL && (nz = own = nm__normalizer_create()) == NULL)
        return NM_ERR_NOMEM;
    int rc = NM_OK;
    const char *text = rec->text.ptr;
    /* 8-byte slots [fold, fold_end) for folded short words, taken from the arena a batch at a
     * time */
    char *fold = NULL, *fold_end = NULL;
    /* loop invariants in locals: the stores into the tokens could alias them in memory */
    nm_token *tv = rec->tokens.v;
    size_t n = rec->tokens.n, text_len = rec->text.len;
    const uint64_t *packed = sw != NULL ? sw->packed : no_stop_words;
    size_t pmask = sw != NULL ? sw->pmask : 0;
    for (size_t k = 0; k < n; k++) {
        nm_token *t = &tv[k];
        const char *s = text + t->start;
        size_t len = t->end - t->start;
        /* ASCII digits, punctuation and symbols take the words' path too: without letters they
         * have no upper case to fold and are no stop word, so their norm is their text, as it
         * would be set directly; a separate branch for them mispredicted on every change
         * between words and the rest (a sixth of the tokens). '&' first: it is rare, so the
         * test predicts well, unlike the word's length ("&#8364;" is decoded below). */
        if (!(t->flags & (NM_TF_NONASCII | NM__TF_REF)) && !(s[0] == '&' && len >= 4)) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            if (len <= 8 && (size_t)t->start + 8 <= text_len) {
                /* up to 8 ASCII bytes (most words): fold case and test for a stop word on one
                 * 64-bit value, no loop */
                uint64_t w;
                memcpy(&w, s, 8);
                w &= ~0ull >> (64 - 8 * len); /* 1 <= len <= 8 */
                /* the token's type and flags read before the stores below (a char store may
                 * alias them, and they would be read again) */
                unsigned flags = t->flags;
                size_t up = (flags & NM_TF_HAS_UPPER) != 0;
                /* a word token with a letter: its w is not 0, so an empty slot never matches */
                unsigned word = ((t->type == NM_TOK_WORD) | (t->type == NM_TOK_ABBREV)) &
                                ((flags & NM_TF_HAS_ALPHA) != 0);
                /* folded or not without a branch (upper case is a coin toss in news text):
                 * the folded word always goes to the next slot, which is taken only when
                 * the word has upper case */
                if (fold == fold_end) {
                    size_t more = n - k < 64 ? n - k : 64;
                    if ((fold = nm__arena_alloc(&rec->arena, 8 * more)) == NULL) {
                        rc = NM_ERR_NOMEM;
                        break;
                    }
                    fold_end = fold + 8 * more;
                }
                uint64_t lw = swar_lower(w);
                memcpy(fold, &lw, 8);
                w = up ? lw : w;
                s = up ? fold : s;
                fold += 8 * up;
                set_span(t, s, len);
                /* the flag without a branch, for the same reason */
                unsigned stop = word & (unsigned)stop_window(packed, pmask, w);
                t->flags = (uint16_t)(flags | stop * NM_TF_STOP);
                continue;
            }
#endif
            /* longer ASCII words: the tokenizer's NM_TF_HAS_UPPER says whether there is any
             * case to fold; without it the norm borrows the text */
            if (t->flags & NM_TF_HAS_UPPER) {
                char *d = nm__arena_alloc(&rec->arena, len);
                if (d == NULL) {
                    rc = NM_ERR_NOMEM;
                    break;
                }
                fold_ascii(d, s, len);
                s = d;
            }
            set_span(t, s, len);
            if ((t->type == NM_TOK_WORD || t->type == NM_TOK_ABBREV) &&
                (t->flags & NM_TF_HAS_ALPHA) && sw != NULL && stop_maybe(sw, s, len) &&
                nm__stopwords_has(sw, s, len))
                t->flags |= NM_TF_STOP;
            continue;
        }
        t->flags &= (uint16_t)~NM__TF_REF; /* the tokenizer's note for this stage */
        rc = nm__normalize(nz, &rec->arena, s, len, t->type == NM_TOK_EMOJI, &t->norm, &t->key);
        if (rc != NM_OK)
            break;
        if ((t->type == NM_TOK_WORD || t->type == NM_TOK_ABBREV) &&
            nm__stopwords_has(sw, t->norm.ptr, t->norm.len))
            t->flags |= NM_TF_STOP;
    }
    nm__normalizer_destroy(own);
    return rc;
}

const nm__stage nm__stage_normalize = {
    .name = "normalize",
    .bit = NM_STAGE_NORMALIZE,
    .load = normalize_load,
    .unload = normalize_unload,
    .init = normalize_init,
    .process = normalize_process,
    .destroy = normalize_destroy,
};
