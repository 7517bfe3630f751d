/*
 * currency.c — the currency lexicon: tsv rows sorted into an array, binary-searched by key.
 *
 * "€" => EUR; "dollars" => USD, family dollar, default (a document that said "Canadian dollars"
 * before makes a later bare "dollars" CAD); "cts" => USD x 10^-2; "kr" => "" (unresolved).
 * About a thousand rows, kept sorted (for iteration) with keys pointing into the embedded data,
 * nothing copied; one open-addressing index of 8-byte slots answers both "is this a key" and
 * "does a longer key continue these words" in a single probe, since the money stage asks at
 * every candidate amount.
 */
#include "currency.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "fail.h"

/*
 * One slot of the hash index over every key and every word prefix of a multi-word key
 * ("canadian" of "canadian dollars"): 16 bytes holding short strings inline, so a probe
 * touches one line of one small array, not the key bytes, while the money stage streams
 * through tokens.
 */
typedef struct slot {
    uint32_t fp;        /* high bits of the hash; 0 = empty slot */
    uint16_t idx;       /* an entry whose key is, or starts with, this string */
    uint8_t is_key;     /* the string is v[idx]'s whole key */
    uint8_t has_longer; /* some longer key continues it after a space */
    uint64_t k8;        /* the string itself when it is at most 8 bytes (zero padded) */
} slot;

struct nm__currency_table {
    nm__currency *v; /* sorted by key */
    size_t n;
    size_t max_key;
    slot *slots;
    size_t mask;
};

static uint64_t short8(const char *p, size_t len) {
    uint64_t k = 0;
    for (size_t i = 0; i < len; i++) /* a byte loop: a variable-size memcpy is a libc call */
        k |= (uint64_t)(uint8_t)p[i] << (8 * i);
    return k;
}

/*
 * The hash of p[0..len), and in *k8 the string itself when it is at most 8 bytes (zero padded;
 * else 0). A short string is hashed from k8 with two multiplies (most keys and probes are one
 * word), a longer one byte by byte (FNV-1a).
 */
static uint64_t hash_key(const char *p, size_t len, uint64_t *k8) {
    uint64_t h;
    if (len <= 8) {
        *k8 = short8(p, len);
        h = *k8 ^ ((uint64_t)len << 59);
        h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdull;
        h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53ull;
    } else {
        *k8 = 0;
        h = 1469598103934665603ull;
        for (size_t i = 0; i < len; i++)
            h = (h ^ (uint8_t)p[i]) * 1099511628211ull;
    }
    return h ^ (h >> 29);
}

static uint32_t fp_of(uint64_t h) {
    uint32_t f = (uint32_t)(h >> 32);
    return f ? f : 1;
}

/* The slot of p[0..len) (matching or empty). */
static slot *probe(const nm__currency_table *t, const char *p, size_t len) {
    uint64_t k8;
    uint64_t h = hash_key(p, len, &k8);
    uint32_t f = fp_of(h);
    for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
        slot *sl = &t->slots[i];
        if (sl->fp == 0)
            return sl;
        if (sl->fp != f)
            continue;
        /* keys hold no NUL, so the zero-padded 8 bytes also tell the length apart */
        if (len <= 8) {
            if (sl->k8 == k8)
                return sl;
            continue;
        }
        const nm__currency *c = &t->v[sl->idx];
        if (c->key_len >= len && memcmp(c->key, p, len) == 0 &&
            (c->key_len == len || c->key[len] == ' '))
            return sl;
    }
}

/* Adds p[0..len) (a prefix or the whole key of entry idx) to the index. */
static void index_add(nm__currency_table *t, const char *p, size_t len, size_t idx, int whole) {
    slot *sl = probe(t, p, len);
    if (sl->fp == 0) {
        uint64_t k8;
        sl->fp = fp_of(hash_key(p, len, &k8));
        sl->idx = (uint16_t)idx;
        sl->k8 = k8;
    }
    if (whole) {
        sl->idx = (uint16_t)idx;
        sl->is_key = 1;
    } else {
        sl->has_longer = 1;
    }
}

/* Builds the hash index once the entries are sorted. */
static int build_index(nm__currency_table *t) {
    size_t cap = 64;
    while (cap < t->n * 8)
        cap *= 2;
    if (t->n > UINT16_MAX)
        return NM_ERR_INVALID;
    t->mask = cap - 1;
    t->slots = calloc(cap, sizeof *t->slots);
    if (t->slots == NULL)
        return NM_ERR_NOMEM;
    for (size_t i = 0; i < t->n; i++) {
        const nm__currency *c = &t->v[i];
        index_add(t, c->key, c->key_len, i, 1);
        for (uint32_t k = 1; k < c->key_len; k++)
            if (c->key[k] == ' ')
                index_add(t, c->key, k, i, 0);
    }
    return NM_OK;
}

static int key_cmp(const char *a, size_t al, const char *b, size_t bl) {
    int c = memcmp(a, b, al < bl ? al : bl);
    if (c != 0)
        return c;
    return al < bl ? -1 : al > bl;
}

static int entry_cmp(const void *x, const void *y) {
    const nm__currency *a = x, *b = y;
    return key_cmp(a->key, a->key_len, b->key, b->key_len);
}

static int family_of(const char *s, size_t len) {
    static const char *const NAMES[NM__FAM_COUNT] = {
        "",      "dollar", "pound",  "franc",    "krone", "peso", "rupee",
        "dinar", "riyal",  "dirham", "shilling", "yen",   "cent", "kwacha"};
    for (int i = 1; i < NM__FAM_COUNT; i++)
        if (strlen(NAMES[i]) == len && memcmp(NAMES[i], s, len) == 0)
            return i;
    return len == 0 ? NM__FAM_NONE : -1;
}

/* Splits line[0..len) at tabs into at most max fields. Returns the number of fields. */
static size_t split_tabs(const char *line, size_t len, const char **f, size_t *fl, size_t max) {
    size_t n = 0, b = 0;
    for (size_t i = 0; i <= len && n < max; i++) {
        if (i == len || line[i] == '\t') {
            f[n] = line + b;
            fl[n] = i - b;
            n++;
            b = i + 1;
        }
    }
    return n;
}

int nm__currency_table_from(nm__currency_table **out, const char *data, size_t len, nm_error *err) {
    nm__currency_table *t = calloc(1, sizeof *t);
    size_t cap = 0, line_no = 0;
    int rc = NM_OK;
    *out = NULL;
    if (t == NULL)
        return nm__fail(err, NM_ERR_NOMEM, "out of memory loading currencies");
    for (size_t i = 0; i < len;) {
        const char *line = data + i;
        const char *nl = memchr(line, '\n', len - i);
        size_t ll = nl ? (size_t)(nl - line) : len - i;
        i += ll + 1;
        line_no++;
        if (ll == 0 || line[0] == '#')
            continue;
        const char *f[5];
        size_t fl[5];
        if (split_tabs(line, ll, f, fl, 5) != 5 || fl[0] == 0 || fl[1] > 3) {
            rc = nm__fail(err, NM_ERR_INVALID, "currencies.tsv line %zu: malformed", line_no);
            goto fail;
        }
        if (t->n == cap) {
            size_t nc = cap ? cap * 2 : 1024;
            nm__currency *nv = realloc(t->v, nc * sizeof *nv);
            if (nv == NULL) {
                rc = nm__fail(err, NM_ERR_NOMEM, "out of memory loading currencies");
                goto fail;
            }
            t->v = nv;
            cap = nc;
        }
        nm__currency *c = &t->v[t->n];
        memset(c, 0, sizeof *c);
        c->key = f[0];
        c->key_len = (uint32_t)fl[0];
        memcpy(c->iso, f[1], fl[1]);
        for (size_t k = 0; k < fl[2]; k++) {
            switch (f[2][k]) {
            case 'C':
                c->flags |= NM__CUR_CODE;
                break;
            case 'S':
                c->flags |= NM__CUR_SYMBOL;
                break;
            case 'N':
                c->flags |= NM__CUR_NAME;
                break;
            case 'P':
                c->flags |= NM__CUR_PREFIX;
                break;
            case 'M':
                c->flags |= NM__CUR_MINOR;
                break;
            case 'D':
                c->flags |= NM__CUR_DEFAULT;
                break;
            case 'X':
                c->flags |= NM__CUR_EXPLICIT;
                break;
            case 'K':
                c->flags |= NM__CUR_CUE;
                break;
            default:
                rc = nm__fail(err, NM_ERR_INVALID, "currencies.tsv line %zu: unknown flag", line_no);
                goto fail;
            }
        }
        int fam = family_of(f[3], fl[3]);
        if (fam < 0) {
            rc = nm__fail(err, NM_ERR_INVALID, "currencies.tsv line %zu: unknown family", line_no);
            goto fail;
        }
        c->family = (uint8_t)fam;
        c->minor = (int8_t)(fl[4] >= 1 && f[4][0] == '-' ? -(int)strtol(f[4] + 1, NULL, 10) : 0);
        if (fl[0] > t->max_key)
            t->max_key = fl[0];
        t->n++;
    }
    if (t->n == 0) {
        rc = nm__fail(err, NM_ERR_INVALID, "currencies.tsv: no entries");
        goto fail;
    }
    qsort(t->v, t->n, sizeof *t->v, entry_cmp);
    if ((rc = build_index(t)) != NM_OK) {
        rc = nm__fail(err, rc, "currencies.tsv: cannot index %zu entries", t->n);
        goto fail;
    }
    *out = t;
    return NM_OK;
fail:
    nm__currency_table_free(t);
    return rc;
}

int nm__currency_table_load(nm__currency_table **out, nm_error *err) {
    size_t len = 0;
    const char *data = nm__data_get("lexicons/currencies.tsv", &len);
    *out = NULL;
    if (data == NULL)
        return nm__fail(err, NM_ERR_INVALID, "embedded lexicons/currencies.tsv is missing");
    return nm__currency_table_from(out, data, len, err);
}

void nm__currency_table_free(nm__currency_table *t) {
    if (t == NULL)
        return;
    free(t->v);
    free(t->slots);
    free(t);
}

size_t nm__currency_max_key(const nm__currency_table *t) { return t->max_key; }

const nm__currency *nm__currency_lookup(const nm__currency_table *t, const char *key, size_t len,
                                        int *has_longer) {
    *has_longer = 0;
    if (len == 0 || len > t->max_key)
        return NULL;
    const slot *sl = probe(t, key, len);
    if (sl->fp == 0)
        return NULL;
    *has_longer = sl->has_longer;
    return sl->is_key ? &t->v[sl->idx] : NULL;
}

const nm__currency *nm__currency_find(const nm__currency_table *t, const char *key, size_t len) {
    int longer;
    return nm__currency_lookup(t, key, len, &longer);
}

int nm__currency_has_longer(const nm__currency_table *t, const char *key, size_t len) {
    int longer;
    nm__currency_lookup(t, key, len, &longer);
    return longer;
}

const nm__currency *nm__currency_at(const nm__currency_table *t, size_t i) {
    return i < t->n ? &t->v[i] : NULL;
}

const char *nm__currency_resolve(const nm__currency *c, const nm__currency_ctx *ctx) {
    if (ctx != NULL && (c->flags & NM__CUR_DEFAULT)) {
        int fam = c->family == NM__FAM_CENT ? NM__FAM_DOLLAR : c->family;
        if (ctx->iso[fam][0] != '\0')
            return ctx->iso[fam];
    }
    return c->iso;
}

void nm__currency_note(const nm__currency *c, nm__currency_ctx *ctx) {
    if (ctx == NULL || c->family == NM__FAM_NONE || c->iso[0] == '\0')
        return;
    if ((c->flags & NM__CUR_EXPLICIT) ||
        ((c->flags & NM__CUR_CUE) && ctx->iso[c->family][0] == '\0'))
        memcpy(ctx->iso[c->family], c->iso, 4);
}

/*
 * ISO 4217 codes that replaced an older one (a redenomination or a new state's currency): a
 * name read in a story dated before `until` (yyyymmdd) meant the currency of code `old`. The
 * rows of one code run in date order, so the first row whose date is still ahead answers.
 */
static const struct {
    char now[4], old[4];
    int32_t until;
} DATED[] = {
    {"AZN", "AZM", 20060101}, {"BGN", "BGL", 19990705}, {"BYN", "BYR", 20160701},
    {"CZK", "CSK", 19930208}, {"GHS", "GHC", 20070701}, {"MXN", "MXP", 19930101},
    {"MZN", "MZM", 20060701}, {"PEN", "PES", 19850201}, {"PEN", "PEI", 19910701},
    {"PLN", "PLZ", 19950101}, {"RON", "ROL", 20050701}, {"RUB", "SUR", 19920101},
    {"RUB", "RUR", 19980101}, {"SDG", "SDP", 19920608}, {"SDG", "SDD", 20070110},
    {"TMT", "TMM", 20090101}, {"TRY", "TRL", 20050101}, {"UAH", "UAK", 19960902},
    {"UYU", "UYP", 19930301}, {"VES", "VEB", 20080101}, {"VES", "VEF", 20180820},
    {"ZMW", "ZMK", 20130101}, {"ZWL", "ZWD", 20060801}, {"ZWL", "ZWN", 20080801},
    {"ZWL", "ZWR", 20090202},
};

const char *nm__currency_dated(const char *iso, int32_t ymd) {
    if (ymd <= 0)
        return iso;
    /* byte by byte, each read only after the previous byte matched a letter: no libc call per
       row for every mention of a dated story */
    for (size_t i = 0; i < sizeof DATED / sizeof DATED[0]; i++)
        if (DATED[i].now[0] == iso[0] && DATED[i].now[1] == iso[1] && DATED[i].now[2] == iso[2] &&
            iso[3] == '\0' && ymd < DATED[i].until)
            return DATED[i].old;
    return iso;
}
