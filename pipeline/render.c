/*
 * render.c — SPEC.md output records, written by hand into the record's out buffer by the
 * worker that annotated it (so output formatting scales with the threads).
 *
 *   {"id":"paris-summit","meta":{"title":"..."},"stats":{"bytes":2745,"tokens":455,
 *    "sentences":16},"entities":[...],"money":[...],"keywords":[...]}
 *   {"id":"in.jsonl:3","error":"line 3 is not a JSON object but an array"}
 *
 * Arrays appear for the stages that ran (an empty array when a stage found nothing). es-bulk
 * prefixes the action line {"index":{"_index":NAME,"_id":ID}}; an id over 512 bytes (the _id
 * limit) is cut at a character boundary before byte 495 and suffixed "~" + 16 hex digits of
 * its FNV-1a hash, so distinct long ids stay distinct; an empty id, which ES refuses as well,
 * is that suffix alone.
 */
#include "render.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "entity_types.h"
#include "newsmine/error.h"
#include "tokenize.h"

static const char hex[] = "0123456789abcdef";

#ifdef __SSE2__
/* Bit k set when byte k of x is a byte JSON must escape: quote, backslash, < 0x20. */
static inline unsigned escape_bits(__m128i x) {
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
    const __m128i ctl = _mm_set1_epi8(0x1F);
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
                             _mm_cmpeq_epi8(_mm_min_epu8(x, ctl), x)); /* x <= 0x1F */
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* The index of the first byte in s[i, len) that JSON must escape (quote, backslash, bytes
 * below 0x20), or len. With SSE2, 16 bytes are tested at once: most strings are clean. */
static size_t next_escape(const char *s, size_t i, size_t len) {
#ifdef __SSE2__
    for (; i + 16 <= len; i += 16) {
        unsigned mask = escape_bits(_mm_loadu_si128((const __m128i *)(s + i)));
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
    }
#endif
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\')
            return i;
    }
    return len;
}

/* Appends s[i, len) as the rest of a JSON string body, escaping what JSON needs escaped, and
 * the closing quote. The slow path of nm__json_put_str, from the first byte needing escape. */
static int put_escaped(nm__buf *b, const char *s, size_t i, size_t len) {
    size_t run = i;
    while ((i = next_escape(s, run, len)) < len) {
        if (nm__buf_append(b, s + run, i - run) != NM_OK)
            return NM_ERR_NOMEM;
        run = i + 1;
        unsigned char c = (unsigned char)s[i];
        char esc[7] = {'\\', 0};
        size_t n = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            n = 6;
        }
        if (nm__buf_append(b, esc, n) != NM_OK)
            return NM_ERR_NOMEM;
    }
    if (nm__buf_append(b, s + run, len - run) != NM_OK)
        return NM_ERR_NOMEM;
    return nm__buf_putc(b, '"');
}

/* Copies s[0, len) to d: strings up to 16 bytes (most) by two overlapping fixed-size moves
 * each, without a call; longer ones by memcpy. */
static inline void copy_short(char *d, const char *s, size_t len) {
    if (len > 16) {
        memcpy(d, s, len);
    } else if (len >= 8) {
        memcpy(d, s, 8);
        memcpy(d + len - 8, s + len - 8, 8);
    } else if (len >= 4) {
        memcpy(d, s, 4);
        memcpy(d + len - 4, s + len - 4, 4);
    } else if (len > 0) {
        d[0] = s[0];
        d[len / 2] = s[len / 2];
        d[len - 1] = s[len - 1];
    }
}

/*
 * Appends s[0, len) as a quoted JSON string. Most strings are short and clean: with SSE2 the
 * bytes are copied into the buffer and tested 16 at a time as they go (nm__copy_flagged); the
 * first byte that needs escaping hands over to put_escaped.
 */
static inline int put_str(nm__buf *b, const char *s, size_t len) {
    if (len > SIZE_MAX - 18 ||
        (b->cap - b->len < len + 18 && nm__buf_reserve(b, len + 18) != NM_OK))
        return NM_ERR_NOMEM;
    b->ptr[b->len++] = '"';
#ifdef __SSE2__
    size_t k = nm__copy_flagged(b->ptr + b->len, s, len, escape_bits);
    if (k < len) {
        b->len += k;
        return put_escaped(b, s, k, len);
    }
    b->len += len;
    b->ptr[b->len++] = '"';
    return NM_OK;
#else
    return put_escaped(b, s, 0, len);
#endif
}

/* Appends the NUL-terminated s, which needs no JSON escaping (an entity type name such as
 * "PERSON"), quoted: one bounds check, no escape scan, no memcpy call. */
static inline int put_clean(nm__buf *b, const char *s) {
    size_t len = strlen(s);
    if (len > SIZE_MAX - 2 || (b->cap - b->len < len + 2 && nm__buf_reserve(b, len + 2) != NM_OK))
        return NM_ERR_NOMEM;
    b->ptr[b->len] = '"';
    copy_short(b->ptr + b->len + 1, s, len);
    b->ptr[b->len + 1 + len] = '"';
    b->len += len + 2;
    return NM_OK;
}

/* Appends s[0, len) as is; short ones (a score, a number) without a memcpy call. */
static inline int put_raw(nm__buf *b, const char *s, size_t len) {
    if (b->cap - b->len < len && nm__buf_reserve(b, len) != NM_OK)
        return NM_ERR_NOMEM;
    copy_short(b->ptr + b->len, s, len);
    b->len += len;
    return NM_OK;
}

/* The exported form of put_str (render.c's own calls inline it). */
int nm__json_put_str(nm__buf *b, const char *s, size_t len) { return put_str(b, s, len); }

const char nm__digit_pairs[200] = "00010203040506070809101112131415161718192021222324252627282930"
                                  "31323334353637383940414243444546474849505152535455565758596061"
                                  "62636465666768697071727374757677787980818283848586878889909192"
                                  "93949596979899";

/* Writes n in decimal at d, which has 20 bytes of room; returns the end of the digits. */
static inline __attribute__((always_inline)) char *put_digits(char *d, unsigned long long n) {
    if (__builtin_expect(n <= UINT32_MAX, 1)) /* offsets and counts */
        return nm__put_u32(d, (uint32_t)n);
    char tmp[20];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    memcpy(d, tmp + i, sizeof tmp - i);
    return d + sizeof tmp - i;
}

/* Appends key (a literal fragment such as ",\"start\":") and then n in decimal. Inline, so
 * the key's length is a constant. */
static inline __attribute__((always_inline)) int put_uint(nm__buf *b, const char *key,
                                                         unsigned long long n) {
    size_t kl = strlen(key);
    if (b->cap - b->len < kl + 20 && nm__buf_reserve(b, kl + 20) != NM_OK)
        return NM_ERR_NOMEM;
    memcpy(b->ptr + b->len, key, kl);
    b->len = (size_t)(put_digits(b->ptr + b->len + kl, n) - b->ptr);
    return NM_OK;
}

/* Copies s[0, len) to d (which has 16 bytes of room past len) and says whether any of it
 * needs JSON escaping. */
static inline int copy_clean(char *d, const char *s, size_t len) {
#ifdef __SSE2__
    return nm__copy_flagged(d, s, len, escape_bits) == len;
#else
    copy_short(d, s, len);
    return next_escape(s, 0, len) == len;
#endif
}

/* Writes the literal fragment lit at d; returns the end. */
#define PUT_LIT(d, lit) (memcpy((d), "" lit "", sizeof(lit) - 1), (d) + sizeof(lit) - 1)

static int put_id(nm__buf *b, const nm_record *rec) {
    if (rec->id_is_string || rec->id.len == 0)
        return put_str(b, rec->id.ptr, rec->id.len);
    return nm__buf_append(b, rec->id.ptr, rec->id.len);
}

static inline __attribute__((always_inline)) int put_span(nm__buf *b, const nm_record *rec,
                                                         uint32_t start, uint32_t end) {
    if (nm__buf_puts(b, "\"text\":") || put_str(b, rec->text.ptr + start, end - start))
        return NM_ERR_NOMEM;
    return put_uint(b, ",\"start\":", start) || put_uint(b, ",\"end\":", end);
}

static int put_decimal(nm__buf *b, const char *key, nm_decimal v, int negative) {
    char num[512];
    int n = nm_decimal_format(v, negative, num, sizeof num);
    if (nm__buf_putc(b, ',') || put_str(b, key, strlen(key)) || nm__buf_putc(b, ':'))
        return NM_ERR_NOMEM;
    if (n < 0)
        return nm__buf_puts(b, "null");
    return nm__buf_append(b, num, (size_t)n);
}

/* The start of an entity object up to its text, {"type":"GPE","text":" (at most 30 bytes: the
 * longest type name is WORK_OF_ART), padded to a fixed 32-byte block so that it is written with
 * two 16-byte moves and no branch on the type name's length; len counts the bytes that matter. */
typedef struct ent_head {
    char b[32];
    size_t len;
} ent_head;

#define ENT_HEAD(name)                                                                             \
    { "{\"type\":\"" name "\",\"text\":\"", sizeof "{\"type\":\"" name "\",\"text\":\"" - 1 }

/* Each entity type's opening block, by type (len 0: no such type, written by the slow path),
 * from the type list nm_entity_type_name names them by (entity_types.h). */
static const ent_head ENT_HEADS[] = {
#define NM__TYPE_HEAD(name) [NM_ENT_##name] = ENT_HEAD(#name),
    NM__ENTITY_TYPES(NM__TYPE_HEAD)
#undef NM__TYPE_HEAD
};

/* Writes the middle of an entity object after its text, ","start":S,"end":E,"norm":" (with
 * put_digits' 20 bytes of room); returns the end. */
static inline __attribute__((always_inline)) char *put_offsets(char *d, const nm_entity *e) {
    d = PUT_LIT(d, "\",\"start\":");
    d = put_digits(d, e->start);
    d = PUT_LIT(d, ",\"end\":");
    d = put_digits(d, e->end);
    return PUT_LIT(d, ",\"norm\":\"");
}

/*
 * Appends one entity object (after a comma when comma is set; head is its type's opening
 * block) with one reservation and no bounds check per piece; returns 0 without appending
 * anything when the text or norm needs JSON escaping (the caller then writes it piece by
 * piece), 1 when written, or NM_ERR_NOMEM. A text of up to 16 bytes with 16 bytes of the
 * record's text from its start is moved and tested for escapes as one 16-byte vector (no
 * branch on its length), and a norm that is that same span of the text (most names) is stored
 * again from the vector, without a second load or test.
 */
static int put_entity_fast(nm__buf *b, const nm_record *rec, const nm_entity *e, int comma,
                           const ent_head *head) {
    size_t xl = e->end - e->start, nl = e->norm.len;
    if (xl > SIZE_MAX / 4 || nl > SIZE_MAX / 4)
        return 0;
    /* 1 + 32 bytes of head, 38 of the other keys and punctuation, 2 x 20 digits (written as
     * fixed 20-byte blocks), 16 bytes of vector and escape-scan slack */
    size_t need = 128 + xl + nl;
    if (b->cap - b->len < need && nm__buf_reserve(b, need) != NM_OK)
        return NM_ERR_NOMEM;
    char *d = b->ptr + b->len;
    *d = ',';
    d += comma != 0;
    memcpy(d, head->b, sizeof head->b);
    d += head->len;
    const char *x = rec->text.ptr + e->start;
#ifdef __SSE2__
    if (xl <= 16 && (size_t)e->start + 16 <= rec->text.len) {
        __m128i v = _mm_loadu_si128((const __m128i *)x);
        _mm_storeu_si128((__m128i *)d, v);
        if (escape_bits(v) & ((1u << xl) - 1))
            return 0;
        d = put_offsets(d + xl, e);
        if (e->norm.ptr == x && nl == xl) {
            _mm_storeu_si128((__m128i *)d, v);
        } else if (!copy_clean(d, e->norm.ptr, nl)) {
            return 0;
        }
        d = PUT_LIT(d + nl, "\"}");
        b->len = (size_t)(d - b->ptr);
        return 1;
    }
#endif
    if (!copy_clean(d, x, xl))
        return 0;
    d = put_offsets(d + xl, e);
    if (!copy_clean(d, e->norm.ptr, nl))
        return 0;
    d = PUT_LIT(d + nl, "\"}");
    b->len = (size_t)(d - b->ptr);
    return 1;
}

static int put_entities(nm__buf *b, const nm_record *rec) {
    if (nm__buf_puts(b, ",\"entities\":["))
        return NM_ERR_NOMEM;
    for (size_t i = 0; i < rec->entities.n; i++) {
        const nm_entity *e = &rec->entities.v[i];
        unsigned ty = (unsigned)e->type;
        int fast = ty < sizeof ENT_HEADS / sizeof ENT_HEADS[0] && ENT_HEADS[ty].len
                       ? put_entity_fast(b, rec, e, i != 0, &ENT_HEADS[ty])
                       : 0;
        if (fast < 0)
            return NM_ERR_NOMEM;
        if (fast)
            continue;
        const char *type = nm_entity_type_name(e->type);
        if ((i && nm__buf_putc(b, ',')) || nm__buf_puts(b, "{\"type\":") ||
            put_clean(b, type ? type : "") || nm__buf_putc(b, ',') ||
            put_span(b, rec, e->start, e->end) ||
            nm__buf_puts(b, ",\"norm\":") || put_str(b, e->norm.ptr, e->norm.len) ||
            nm__buf_putc(b, '}'))
            return NM_ERR_NOMEM;
    }
    return nm__buf_putc(b, ']');
}

/* put_money_fast takes bounds whose exponent lies in [-BOUND_EXP, BOUND_EXP]: then
 * nm_decimal_format needs at most 1 + 20 + BOUND_EXP + 2 bytes with its NUL (sign, digits,
 * zeros, "0."), and the key ,"amount": 10 more. */
#define BOUND_EXP 40
#define BOUND_ROOM (10 + 1 + 20 + BOUND_EXP + 2)

/*
 * Writes key (a literal fragment such as ",\"amount\":") and v (exponent within BOUND_EXP) at
 * d, which has BOUND_ROOM bytes of room; returns the end. A whole value below 2^32 times a power of
 * ten (most amounts: {15, 6} is 15000000) is written here, its digits two at a time and its
 * zeros by memset; the rest by nm_decimal_format, straight into the buffer.
 */
static char *put_bound(char *d, const char *key, size_t kl, nm_decimal v, int negative) {
    memcpy(d, key, kl);
    d += kl;
    if (v.exp >= 0 && v.exp <= 20 && v.mant <= UINT32_MAX) {
        if (negative && v.mant != 0)
            *d++ = '-';
        if (v.mant == 0)
            return nm__put_u32(d, 0);
        d = nm__put_u32(d, (uint32_t)v.mant);
        memset(d, '0', (size_t)v.exp);
        return d + v.exp;
    }
    int n = nm_decimal_format(v, negative, d, BOUND_ROOM - 10);
    return n < 0 ? PUT_LIT(d, "null") : d + n;
}

/* 1 when v's exponent lies within BOUND_EXP. */
static inline int bound_fits(nm_decimal v) { return v.exp >= -BOUND_EXP && v.exp <= BOUND_EXP; }

/*
 * Appends one money object (after a comma when comma is set) with one reservation; returns 0
 * without appending anything when its text or qualifier needs JSON escaping or a bound has an
 * exponent beyond BOUND_EXP (the caller then writes it piece by piece), 1 when written, or
 * NM_ERR_NOMEM.
 */
static int put_money_fast(nm__buf *b, const nm_record *rec, const nm_money *m, int comma) {
    size_t xl = m->end - m->start, ql = m->qualifier.len;
    if (xl > SIZE_MAX / 4 || ql > SIZE_MAX / 4 ||
        ((m->fields & NM_MONEY_AMOUNT) && !bound_fits(m->amount)) ||
        ((m->fields & NM_MONEY_MIN) && !bound_fits(m->min)) ||
        ((m->fields & NM_MONEY_MAX) && !bound_fits(m->max)))
        return 0;
    /* keys and punctuation ~70, 2 x 20 digits, 3 bounds, currency 4, 16 bytes of slack */
    size_t need = 160 + 3 * BOUND_ROOM + xl + ql;
    if (b->cap - b->len < need && nm__buf_reserve(b, need) != NM_OK)
        return NM_ERR_NOMEM;
    char *d = b->ptr + b->len;
    *d = ',';
    d = PUT_LIT(d + (comma != 0), "{\"text\":\"");
    if (!copy_clean(d, rec->text.ptr + m->start, xl))
        return 0;
    d = PUT_LIT(d + xl, "\",\"start\":");
    d = put_digits(d, m->start);
    d = PUT_LIT(d, ",\"end\":");
    d = put_digits(d, m->end);
    int neg = (m->fields & NM_MONEY_NEGATIVE) != 0;
    if (m->fields & NM_MONEY_AMOUNT)
        d = put_bound(d, ",\"amount\":", 10, m->amount, neg);
    if (m->fields & NM_MONEY_MIN)
        d = put_bound(d, ",\"min\":", 7, m->min, neg);
    if (m->fields & NM_MONEY_MAX)
        d = put_bound(d, ",\"max\":", 7, m->max, neg);
    size_t clen = 0; /* strnlen without the call */
    while (clen < sizeof m->currency && m->currency[clen] != '\0')
        clen++;
    if (clen == 0) {
        d = PUT_LIT(d, ",\"currency\":null");
    } else {
        d = PUT_LIT(d, ",\"currency\":\"");
        if (!copy_clean(d, m->currency, clen))
            return 0;
        d = PUT_LIT(d + clen, "\"");
    }
    if (ql) {
        d = PUT_LIT(d, ",\"qualifier\":\"");
        if (!copy_clean(d, m->qualifier.ptr, ql))
            return 0;
        d = PUT_LIT(d + ql, "\"");
    }
    *d++ = '}';
    b->len = (size_t)(d - b->ptr);
    return 1;
}

static int put_money(nm__buf *b, const nm_record *rec) {
    if (nm__buf_puts(b, ",\"money\":["))
        return NM_ERR_NOMEM;
    for (size_t i = 0; i < rec->money.n; i++) {
        const nm_money *m = &rec->money.v[i];
        int fast = put_money_fast(b, rec, m, i != 0);
        if (fast < 0)
            return NM_ERR_NOMEM;
        if (fast)
            continue;
        int neg = (m->fields & NM_MONEY_NEGATIVE) != 0;
        if ((i && nm__buf_putc(b, ',')) || nm__buf_putc(b, '{') ||
            put_span(b, rec, m->start, m->end))
            return NM_ERR_NOMEM;
        if ((m->fields & NM_MONEY_AMOUNT) && put_decimal(b, "amount", m->amount, neg))
            return NM_ERR_NOMEM;
        if ((m->fields & NM_MONEY_MIN) && put_decimal(b, "min", m->min, neg))
            return NM_ERR_NOMEM;
        if ((m->fields & NM_MONEY_MAX) && put_decimal(b, "max", m->max, neg))
            return NM_ERR_NOMEM;
        if (nm__buf_puts(b, ",\"currency\":"))
            return NM_ERR_NOMEM;
        size_t clen = strnlen(m->currency, sizeof m->currency);
        if ((clen ? put_str(b, m->currency, clen) : nm__buf_puts(b, "null")))
            return NM_ERR_NOMEM;
        if (m->qualifier.len && (nm__buf_puts(b, ",\"qualifier\":") ||
                                 put_str(b, m->qualifier.ptr, m->qualifier.len)))
            return NM_ERR_NOMEM;
        if (nm__buf_putc(b, '}'))
            return NM_ERR_NOMEM;
    }
    return nm__buf_putc(b, ']');
}

/*
 * Keyword scores lie in (0, 1], where "%.<prec>g" is plain decimal: done with integer digits
 * here, since snprintf was 1% of a whole jsonl run and half of a tsv one. Values outside
 * [1e-4, 10) and near-ties of the rounding to prec digits (where the double product could round
 * otherwise than printf's exact decimal; the product's error is below 1e-9 for prec <= 6) go to
 * snprintf.
 */
static inline __attribute__((always_inline)) int format_g(double x, int prec, char *out) {
    static const double scale[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (!(x >= 1e-4 && x < 10.0) || prec < 1 || prec > 6)
        return snprintf(out, 32, "%.*g", prec, x);
    /* the decimal exponent, from the top: most scores lie in [0.1, 1) */
    int e = x >= 1.0 ? 0 : x >= 0.1 ? -1 : x >= 0.01 ? -2 : x >= 1e-3 ? -3 : -4;
    /* 10^(prec-1) <= scaled < 10^prec */
    double scaled = x * scale[prec - 1 - e], fl = (double)(long long)scaled, frac = scaled - fl;
    if (frac > 0.5 - 1e-6 && frac < 0.5 + 1e-6)
        return snprintf(out, 32, "%.*g", prec, x);
    unsigned n = (unsigned)fl + (frac > 0.5);
    if (n >= (unsigned)scale[prec]) { /* 0.099996 -> 0.1 */
        n /= 10;
        e++;
        if (e > 0)
            return snprintf(out, 32, "%.*g", prec, x);
    }
    /* the digits two at a time from the table, then written as fixed 8-byte blocks of which
     * the length counts: no loop per digit (out has 32 bytes of room) */
    char digits[8] = {0};
    int i = prec;
    while (i >= 2) {
        i -= 2;
        nm__put2(digits + i, n % 100u);
        n /= 100u;
    }
    if (i == 1)
        digits[0] = (char)('0' + n);
    int nd = prec; /* without trailing zeros */
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    if (e == 0) { /* d[.ddd] */
        out[0] = digits[0];
        out[1] = '.';
        memcpy(out + 2, digits + 1, 7);
        return nd > 1 ? nd + 1 : 1;
    }
    /* 0.[000]dddd: -e - 1 zeros after the point */
    int z = -e - 1;
    memcpy(out, "0.000", 5);
    memcpy(out + 2 + z, digits, 8);
    return 2 + z + nd;
}

/* format_g is inlined with a constant precision for the two callers (its digit loops unroll). */
int nm__format_score(double x, char *out) { return format_g(x, 4, out); }

int nm__format_g(double x, int prec, char *out) {
    return prec == 6 ? format_g(x, 6, out) : format_g(x, prec, out);
}

static int put_keywords(nm__buf *b, const nm_record *rec) {
    if (nm__buf_puts(b, ",\"keywords\":["))
        return NM_ERR_NOMEM;
    for (size_t i = 0; i < rec->keywords.n; i++) {
        const nm_keyword *k = &rec->keywords.v[i];
        size_t tl = k->term.len, need = 64 + tl + 32;
        if (tl <= SIZE_MAX / 2) { /* one reservation, no check per piece, unless escaping */
            if (b->cap - b->len < need && nm__buf_reserve(b, need) != NM_OK)
                return NM_ERR_NOMEM;
            char *d = b->ptr + b->len;
            *d = ',';
            d = PUT_LIT(d + (i != 0), "{\"term\":\"");
            if (copy_clean(d, k->term.ptr, tl)) {
                d = PUT_LIT(d + tl, "\",\"score\":");
                d += nm__format_score(k->score, d); /* straight into the buffer: 32 bytes */
                *d = '}';
                b->len = (size_t)(d + 1 - b->ptr);
                continue;
            }
        }
        char score[32];
        int n = nm__format_score(k->score, score);
        if ((i && nm__buf_putc(b, ',')) || nm__buf_puts(b, "{\"term\":") ||
            put_str(b, k->term.ptr, k->term.len) || nm__buf_puts(b, ",\"score\":") ||
            put_raw(b, score, (size_t)n) || nm__buf_putc(b, '}'))
            return NM_ERR_NOMEM;
    }
    return nm__buf_putc(b, ']');
}

static int put_tokens(nm__buf *b, const nm_record *rec) {
    if (nm__buf_puts(b, ",\"tokens\":["))
        return NM_ERR_NOMEM;
    for (size_t i = 0; i < rec->tokens.n; i++) {
        const nm_token *t = &rec->tokens.v[i];
        const char *type = nm__token_type_name(t->type);
        if ((i && nm__buf_putc(b, ',')) ||
            put_uint(b, "{\"start\":", t->start) || put_uint(b, ",\"end\":", t->end) ||
            nm__buf_puts(b, ",\"type\":") ||
            put_str(b, type, strlen(type)) || nm__buf_puts(b, ",\"norm\":") ||
            put_str(b, t->norm.ptr ? t->norm.ptr : rec->text.ptr + t->start,
                             t->norm.ptr ? t->norm.len : t->end - t->start) ||
            nm__buf_putc(b, '}'))
            return NM_ERR_NOMEM;
    }
    return nm__buf_putc(b, ']');
}

int nm__render_jsonl(const nm_record *rec, const nm_options *opts, nm__buf *b) {
    if (nm__buf_puts(b, "{\"id\":") || put_id(b, rec))
        return NM_ERR_NOMEM;
    if (rec->error.len)
        return (nm__buf_puts(b, ",\"error\":") || put_str(b, rec->error.ptr,
                                                                     rec->error.len) ||
                nm__buf_putc(b, '}'))
                   ? NM_ERR_NOMEM
                   : NM_OK;
    static const char *const meta_keys[NM__META_COUNT] = {"title", "date", "url", "source"};
    int any_meta = 0;
    for (int m = 0; m < NM__META_COUNT; m++) {
        if (rec->meta_raw[m].len == 0)
            continue;
        if (nm__buf_puts(b, any_meta ? "," : ",\"meta\":{") ||
            put_str(b, meta_keys[m], strlen(meta_keys[m])) || nm__buf_putc(b, ':') ||
            nm__buf_append(b, rec->meta_raw[m].ptr, rec->meta_raw[m].len))
            return NM_ERR_NOMEM;
        any_meta = 1;
    }
    if (any_meta && nm__buf_putc(b, '}'))
        return NM_ERR_NOMEM;
    if (rec->text_repaired &&
        (nm__buf_puts(b, ",\"text\":") || put_str(b, rec->text.ptr, rec->text.len)))
        return NM_ERR_NOMEM;
    if (put_uint(b, ",\"stats\":{\"bytes\":", rec->text.len) ||
        put_uint(b, ",\"tokens\":", rec->tokens.n) ||
        put_uint(b, ",\"sentences\":", rec->sentences.n) || nm__buf_putc(b, '}'))
        return NM_ERR_NOMEM;
    unsigned st = opts->stages;
    if ((st & NM_STAGE_ENTITIES) && put_entities(b, rec))
        return NM_ERR_NOMEM;
    if ((st & NM_STAGE_MONEY) && put_money(b, rec))
        return NM_ERR_NOMEM;
    if ((st & NM_STAGE_KEYWORDS) && put_keywords(b, rec))
        return NM_ERR_NOMEM;
    if (opts->emit_tokens && put_tokens(b, rec))
        return NM_ERR_NOMEM;
    return nm__buf_putc(b, '}');
}

/* FNV-1a, 64 bits (the published offset basis and prime, so a consumer can recompute an
 * _id): a stable digest for the ids ES refuses. */
static unsigned long long fnv1a(const char *s, size_t len) {
    unsigned long long h = 14695981039346656037ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static int put_es_action(nm__buf *b, const nm_record *rec, const nm_options *opts) {
    const char *index = opts->index_name ? opts->index_name : "news";
    if (nm__buf_puts(b, "{\"index\":{\"_index\":") || put_str(b, index, strlen(index)) ||
        nm__buf_puts(b, ",\"_id\":"))
        return NM_ERR_NOMEM;
    if (rec->id.len > 0 && rec->id.len <= 512) {
        if (put_str(b, rec->id.ptr, rec->id.len))
            return NM_ERR_NOMEM;
    } else { /* over 512 bytes, or empty: both refused by ES */
        size_t cut = rec->id.len < 495 ? rec->id.len : 495;
        while (cut > 0 && ((unsigned char)rec->id.ptr[cut] & 0xC0) == 0x80)
            cut--;
        char id[520];
        if (cut)
            memcpy(id, rec->id.ptr, cut);
        int n = snprintf(id + cut, sizeof id - cut, "~%016llx", fnv1a(rec->id.ptr, rec->id.len));
        if (put_str(b, id, cut + (size_t)n))
            return NM_ERR_NOMEM;
    }
    return nm__buf_puts(b, "}}\n");
}

int nm__render(nm_record *rec, const nm_options *opts) {
    nm__buf *b = &rec->out;
    switch (opts->format) {
    case NM_OUTPUT_NONE:
        return NM_OK;
    case NM_OUTPUT_TSV:
        return nm__render_tsv(rec, opts->emit_tokens, b);
    case NM_OUTPUT_ES_BULK:
        if (put_es_action(b, rec, opts))
            return NM_ERR_NOMEM;
        break;
    case NM_OUTPUT_JSONL:
        break;
    }
    if (nm__render_jsonl(rec, opts, b))
        return NM_ERR_NOMEM;
    return nm__buf_putc(b, '\n');
}
