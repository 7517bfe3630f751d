/*
 * money.c — the money stage: amounts with an exact value and an ISO 4217 currency.
 *
 * "€50 billion" => {EUR, 50000000000}; "15 mln stg" => {GBP, 15000000}; "50 cts" => {USD, 0.5};
 * "between €10m and €12m" => {EUR, min 10000000, max 12000000}; "about $5" => {USD, 5,
 * qualifier "about"}; "1 million rounds", "Windows 10", "$HOME" => nothing.
 * Trigger-first over the tokens: only a number, a currency sign, or a word that may start a
 * currency name or a written number (a hashed bitmap of their first words, built at load) makes
 * the stage look closer. There an amount is read as [sign] [currency] number [magnitude]
 * [currency] with at least one currency, then extended to a range ("$3-5 billion", "from 10 to
 * 20 dollars"), a major+minor compound ("20 dollars 43 cents"), a sign ("-$5m") and a hedge
 * ("more than"). Token-level rules were clearer than regular expressions here, so no PCRE2.
 * Open bounds: "more than $5" reports amount 5 and min 5; "under $10" amount 10 and max 10.
 * The document's currency context (nm__currency_ctx) lets "C$" or "Canadian dollars" decide a
 * later bare "$", and a country cue ("France", "Stockholm") a later bare "francs" or "crowns".
 */
#include <stdlib.h>
#include <string.h>

#include "currency.h"
#include "doc_date.h"
#include "number.h"
#include "stage.h"

#define FILTER_BITS 16
#define FILTER_WORDS ((1u << FILTER_BITS) / 64)
#define MAX_KEY_WORDS 4
#define MAX_HEDGES 64

/* Word filters: bit planes of one hashed bitmap, keyed by a word's norm (up to its hyphen). */
enum {
    F_ANY = 1,      /* first word of any currency key: "dollars", "canadian", "usd" */
    F_START = 2,    /* may start an amount: sign/code/prefix-name keys, number words */
    F_EXPLICIT = 4, /* first word of an explicit family member: "canadian" (notes context) */
    F_NUMWORD = 8,  /* number and scale words: what may follow "a" ("a million", "a dozen") */
    F_CODE = 16,    /* an ISO code's lowercased form: starts an amount only when all capitals */
    F_CUE = 32      /* first word of a country cue ("france"): notes the context only */
};

/* A magnitude word ("mln" 6) and its power of ten, as nm__number_magnitude gives it. */
typedef struct mag_slot {
    const char *w; /* NULL: empty slot */
    uint8_t len;
    int8_t mag;
} mag_slot;
#define MAG_SLOTS 64

typedef struct money_shared {
    nm__currency_table *cur;
    uint64_t trig[(1u << FILTER_BITS) / 64]; /* hashes of words with a trigger plane: 8 KB */
    /* bit l of hedge_last[c]: some hedge's last word has length l (< 16) and first byte c */
    uint16_t hedge_last[256];
    /* the hedges whose last word starts with byte c, in HEDGES order: hedge_head[c] is the first
     * one's index + 1 (0: none), hedge_next[h] the next one's index + 1 */
    uint8_t hedge_head[256];
    uint8_t hedge_next[MAX_HEDGES];
    uint8_t filter[1u << FILTER_BITS];
    /* by token type (all below 256): 1 for a word, 2 for a number or currency sign */
    uint8_t tyclass[256];
    mag_slot mag[MAG_SLOTS]; /* magnitude words by filter hash, linear probing */
} money_shared;

/*
 * The filter key of a word: its length and first four bytes with bit 0x20 set (ASCII letters
 * folded to lower case; digits and the punctuation in keys already have it), one multiply.
 * Hyphenated words count by their first part ("forty-two" as "forty"); hyphen says whether to
 * look for one. Collisions only cost a lookup.
 */
static inline uint32_t hash_fold(uint32_t w, size_t len) {
    w ^= (uint32_t)len << 27;
    return (w * 2654435761u) >> (32 - FILTER_BITS);
}

/* The filter key of u[0, len), of which avail (>= len) bytes may be read. */
static inline uint32_t hash_mix(const unsigned char *u, size_t len, size_t avail) {
    uint32_t w;
    if (__builtin_expect(avail >= 4, 1)) {
        /* the common case: one load, the bytes past len masked off by a table, no branch */
        static const uint32_t keep[5] = {0, 0xFFu, 0xFFFFu, 0xFFFFFFu, 0xFFFFFFFFu};
        memcpy(&w, u, 4);
        w = (w | 0x20202020u) & keep[len < 4 ? len : 4];
    } else {
        w = 0;
        for (size_t k = 0; k < avail; k++)
            w |= (uint32_t)u[k] << (8 * k);
        w = (w | 0x20202020u) & ((1u << (8 * len)) - 1);
    }
    return hash_fold(w, len);
}

static uint32_t hash_key(const char *p, size_t len, int hyphen) {
    const unsigned char *u = (const unsigned char *)p;
    const unsigned char *hy = hyphen && len > 1 ? memchr(u + 1, '-', len - 1) : NULL;
    if (hy != NULL)
        len = (size_t)(hy - u);
    return hash_mix(u, len, len);
}

/* Keeps w in s->mag when nm__number_magnitude gives it a power of ten (at load). */
static void mag_add(money_shared *s, const char *w) {
    size_t len = strlen(w);
    int e = nm__number_magnitude(w, len);
    if (e == 0)
        return;
    size_t k = hash_mix((const unsigned char *)w, len, len) % MAG_SLOTS;
    while (s->mag[k].w != NULL)
        k = (k + 1) % MAG_SLOTS;
    s->mag[k] = (mag_slot){w, (uint8_t)len, (int8_t)e};
}

/*
 * nm__number_magnitude(key, len) from the table built at load: every word it knows is one of
 * money_load's number or scale words (F_NUMWORD), so a word outside that plane is 0 after one
 * hashed byte, and the rest cost a probe instead of number.c's scan of its table.
 */
static int mag_of(const money_shared *s, const char *key, size_t len) {
    if (len == 0 || len > 9)
        return 0;
    uint32_t h = hash_mix((const unsigned char *)key, len, len);
    if (!(s->filter[h] & F_NUMWORD))
        return 0;
    for (size_t k = h % MAG_SLOTS; s->mag[k].w != NULL; k = (k + 1) % MAG_SLOTS)
        if (s->mag[k].len == len && memcmp(s->mag[k].w, key, len) == 0)
            return s->mag[k].mag;
    return 0;
}

static void filter_add(money_shared *s, const char *p, size_t len, unsigned planes) {
    uint32_t h = hash_key(p, len, 1);
    s->filter[h] |= (uint8_t)planes;
    if (planes & (F_START | F_CODE | F_EXPLICIT | F_NUMWORD | F_CUE))
        s->trig[h >> 6] |= 1ull << (h & 63);
}

/* A word's norm length without a possessive ending: "france's" and "brokers'" as their stems. */
static size_t stem_len(const nm_token *t) {
    size_t n = t->norm.len;
    if ((t->flags & NM_TF_POSSESSIVE) && n > 2) {
        if (t->norm.ptr[n - 1] == '\'')
            return n - 1;
        if (t->norm.ptr[n - 2] == '\'' && t->norm.ptr[n - 1] == 's')
            return n - 2;
    }
    return n;
}

static void hedge_index(money_shared *s);

static int money_load(void **shared, const nm_options *opts, nm_error *err) {
    static const char *const WORDS[] = {
        "zero",     "one",     "two",     "three",     "four",     "five",     "six",
        "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        "thirty",   "forty",   "fifty",   "sixty",     "seventy",  "eighty",   "ninety",
        "a",        "an",      "half",    "hundred",   "dozen"};
    static const char *const SCALES[] = {
        "thousand", "million", "billion",  "trillion", "lakh",      "crore", "mln",      "bn",
        "quarter",  "lakhs",   "crores",   "bln",      "tn",        "mn",    "m",        "k",
        "b",        "mio",     "mrd",      "trn",      "cr",        "mm",    "lac",      "lacs",
        "bil",      "tln",     "millions", "billions", "thousands", "grand", "trillions"};
    (void)opts;
    money_shared *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NM_ERR_NOMEM;
    int rc = nm__currency_table_load(&s->cur, err);
    if (rc != NM_OK) {
        free(s);
        return rc;
    }
    for (size_t i = 0;; i++) {
        const nm__currency *c = nm__currency_at(s->cur, i);
        if (c == NULL)
            break;
        size_t w = 0;
        while (w < c->key_len && c->key[w] != ' ' && (w == 0 || c->key[w] != '-'))
            w++;
        unsigned planes = (c->flags & NM__CUR_CUE) ? F_CUE : F_ANY;
        if ((c->flags & (NM__CUR_SYMBOL | NM__CUR_PREFIX)) && !(c->flags & NM__CUR_MINOR))
            planes |= F_START;
        if (c->flags & NM__CUR_CODE)
            planes |= F_CODE;
        if (c->flags & NM__CUR_EXPLICIT)
            planes |= F_EXPLICIT;
        filter_add(s, c->key, w, planes);
    }
    for (size_t i = 0; i < sizeof WORDS / sizeof WORDS[0]; i++) {
        filter_add(s, WORDS[i], strlen(WORDS[i]), F_START | F_NUMWORD);
        mag_add(s, WORDS[i]);
    }
    for (size_t i = 0; i < sizeof SCALES / sizeof SCALES[0]; i++) {
        filter_add(s, SCALES[i], strlen(SCALES[i]), F_NUMWORD);
        mag_add(s, SCALES[i]);
    }
    hedge_index(s);
    for (unsigned ty = 0; ty < 256; ty++)
        s->tyclass[ty] =
            (uint8_t)(NM_TOK_IS_WORD(ty) | 2 * (ty == NM_TOK_NUMBER || ty == NM_TOK_CURRENCY));
    *shared = s;
    return NM_OK;
}

static void money_unload(void *shared) {
    money_shared *s = shared;
    if (s == NULL)
        return;
    nm__currency_table_free(s->cur);
    free(s);
}

/* Everything one document's scan needs. */
typedef struct scan {
    const money_shared *sh;
    const nm_token *tok;
    size_t n;
    const char *text;
    size_t text_len;
    size_t nfull; /* tokens [0, nfull) have at least 4 bytes of text from their start */
    nm__currency_ctx ctx;
    nm_record *rec; /* for its date (nm__record_date_ymd) */
} scan;

/*
 * The filter hash of a word's norm (hash_key), read from the document text when the norm is
 * the lower-cased text (hash_mix folds case itself): one sequential buffer instead of chasing
 * norm pointers.
 */
static inline uint32_t hash_text(const scan *sc, const nm_token *t) {
    if ((t->flags & (NM_TF_NONASCII | NM_TF_HYPHEN | NM_TF_POSSESSIVE)) ||
        t->end - t->start != t->norm.len)
        return hash_key(t->norm.ptr, stem_len(t), (t->flags & NM_TF_HYPHEN) != 0);
    return hash_mix((const unsigned char *)sc->text + t->start, t->end - t->start,
                    sc->text_len - t->start);
}

/* The filter planes a word token may belong to (by its norm, hashed as hash_text does). */
static unsigned filter_of_text(const scan *sc, const nm_token *t) {
    return sc->sh->filter[hash_text(sc, t)];
}

static inline int norm_eq(const nm_token *t, const char *lit, size_t l) {
    return t->norm.len == l && t->norm.ptr[0] == lit[0] && memcmp(t->norm.ptr, lit, l) == 0;
}
/* lit must be a string literal (its size is taken) */
#define norm_is(t, lit) norm_eq((t), "" lit "", sizeof(lit) - 1)

static int attached(const nm_token *t) { return !(t->flags & NM_TF_SPACE_BEFORE); }

/*
 * The length of a hyphenated word's head when the rest names a unit it is priced by
 * ("p-a-litre", "cent-a-gallon", "dollar-per-tonne": "p", "cent", "dollar"), else wl.
 */
static size_t per_unit_head(const nm_token *t, size_t wl) {
    const char *w = t->norm.ptr;
    const char *hy = memchr(w, '-', wl);
    if (hy == NULL || hy == w)
        return wl;
    size_t h = (size_t)(hy - w), rest = wl - h - 1;
    if ((rest > 2 && memcmp(hy + 1, "a-", 2) == 0) || (rest > 3 && memcmp(hy + 1, "an-", 3) == 0) ||
        (rest > 4 && memcmp(hy + 1, "per-", 4) == 0))
        return h;
    return wl;
}

/* A currency found at tokens [i, i + ntok). */
typedef struct cur_hit {
    const nm__currency *c;
    size_t ntok;
} cur_hit;

/*
 * The longest currency key starting at token i (words joined by one space; a trailing attached
 * "." is taken when the key with it exists: "Rs."). Codes need an all-capitals token. With cue
 * set, only country cues are looked for ("Saudi Arabia"), otherwise they are skipped.
 */
static int key_at(const scan *s, size_t i, cur_hit *out, int cue) {
    char key[128];
    size_t klen = 0;
    const nm__currency *best = NULL;
    size_t best_n = 0;
    if (i >= s->n)
        return 0;
    const nm_token *t0 = &s->tok[i];
    if (t0->type != NM_TOK_CURRENCY && !NM_TOK_IS_WORD(t0->type))
        return 0;
    if (t0->type != NM_TOK_CURRENCY && !(filter_of_text(s, t0) & (cue ? F_CUE : F_ANY)))
        return 0;
    for (size_t k = 0; k < MAX_KEY_WORDS && i + k < s->n; k++) {
        const nm_token *t = &s->tok[i + k];
        if (t->type != NM_TOK_CURRENCY && !NM_TOK_IS_WORD(t->type))
            break;
        if (k > 0 && !(t->flags & NM_TF_SPACE_BEFORE))
            break;
        size_t wl = stem_len(t);
        if (k == 0 && (t->flags & NM_TF_HYPHEN))
            wl = per_unit_head(t, wl);
        if (klen + (k > 0) + wl > sizeof key)
            break;
        if (k > 0)
            key[klen++] = ' ';
        if (!(t->flags & NM_TF_NONASCII) && t->end - t->start == t->norm.len) {
            /* an ASCII token's norm is its lower-cased text, which is already in cache */
            const char *src = s->text + t->start;
            for (size_t b = 0; b < wl; b++)
                key[klen + b] = (char)(src[b] | ((src[b] >= 'A' && src[b] <= 'Z') << 5));
        } else if (wl > 0) {
            memcpy(key + klen, t->norm.ptr, wl);
        }
        klen += wl;
        int longer = 0;
        const nm__currency *c = nm__currency_lookup(s->sh->cur, key, klen, &longer);
        if (c != NULL && !(c->flags & NM__CUR_CUE) == !cue) {
            int ok = 1;
            if ((c->flags & NM__CUR_CODE) && k == 0 && !(t->flags & NM_TF_ALLCAPS))
                ok = 0;
            /* a capitalised "C" is Celsius, not cents */
            if (c->minor && t->norm.len == 1 && (t->flags & NM_TF_CAP))
                ok = 0;
            if (ok) {
                best = c;
                best_n = k + 1;
            }
        }
        if (!longer)
            break;
    }
    if (best == NULL)
        return 0;
    /* "Rs." "Fr." "kr.": take the attached period when that form is a key and a number
       follows ("Rs. 20"); after the number it ends the sentence ("It cost 500 kr.") */
    size_t j = i + best_n;
    if (j + 1 < s->n && s->tok[j].type == NM_TOK_PUNCT && attached(&s->tok[j]) &&
        norm_is(&s->tok[j], ".") && s->tok[j + 1].type == NM_TOK_NUMBER &&
        klen + 1 < sizeof key && best_n == 1 && !cue) {
        memcpy(key, t0->norm.ptr, t0->norm.len);
        key[t0->norm.len] = '.';
        const nm__currency *c = nm__currency_find(s->sh->cur, key, t0->norm.len + 1);
        if (c != NULL) {
            best = c;
            best_n++;
        }
    }
    out->c = best;
    out->ntok = best_n;
    return 1;
}

static int cur_at(const scan *s, size_t i, cur_hit *out) { return key_at(s, i, out, 0); }

/* A number at tokens [i, i + ntok): a numeral or written number, times its magnitude. */
typedef struct num_hit {
    nm_decimal v;
    size_t ntok;
    int mag;     /* magnitude power applied (0 = none) */
    int written; /* written in words */
    int has_hi;  /* the magnitude word held an upper bound too: "m-6m" of "£5m-6m" */
    nm_decimal hi;
    uint32_t hi_cut; /* with has_hi: the byte offset of the hyphen before hi */
    size_t lo_ntok;  /* with has_hi: the tokens up to the magnitude word (hi's excluded) */
} num_hit;

/*
 * The upper bound in the rest of a hyphenated magnitude word after its hyphen, a numeral and
 * a magnitude filling it exactly ("6m" of "m-6m", "6.5bn" of "bn-6.5bn"): 1 with the scaled
 * value in *hi, else 0.
 */
static int hi_in_word(const money_shared *sh, const char *p, size_t len, nm_decimal *hi) {
    size_t c = nm__number_parse(p, len, hi);
    if (c == 0 || c >= len)
        return 0;
    int e = mag_of(sh, p + c, len - c);
    return e > 0 && nm__decimal_scale(hi, e);
}

static int is_number(const scan *s, size_t i) {
    return i < s->n && s->tok[i].type == NM_TOK_NUMBER;
}

/* 1 when token i is all ASCII digits. */
static int all_digits(const scan *s, size_t i) {
    for (uint32_t k = s->tok[i].start; k < s->tok[i].end; k++)
        if (s->text[k] < '0' || s->text[k] > '9')
            return 0;
    return 1;
}

/* A fraction "3/4" at tokens i..i+2 (all touching, plain digits: "145.10/20" is a quote). */
static int fraction_at(const scan *s, size_t i, nm_decimal *v) {
    if (!is_number(s, i) || !is_number(s, i + 2) || !norm_is(&s->tok[i + 1], "/") ||
        !attached(&s->tok[i + 1]) || !attached(&s->tok[i + 2]) || !all_digits(s, i) ||
        !all_digits(s, i + 2))
        return 0;
    if (i > 0 && s->tok[i - 1].type == NM_TOK_NUMBER && attached(&s->tok[i]))
        return 0;
    return nm__number_parse_all(s->text + s->tok[i].start, s->tok[i + 2].end - s->tok[i].start, v);
}

/*
 * A vulgar fraction token "½" at i (its norm is "1⁄2", NFKC's fraction slash U+2044) with an
 * exact value below 1 in *v; 0 otherwise.
 */
static int vulgar_at(const scan *s, size_t i, nm_decimal *v) {
    if (!is_number(s, i) || !(s->tok[i].flags & NM_TF_NONASCII))
        return 0;
    const nm_str nm = s->tok[i].norm;
    char buf[32];
    const char *sl = nm.len < sizeof buf ? memchr(nm.ptr, '\xe2', nm.len) : NULL;
    if (sl == NULL || (size_t)(nm.ptr + nm.len - sl) < 4 || memcmp(sl, "\xe2\x81\x84", 3) != 0)
        return 0;
    size_t head = (size_t)(sl - nm.ptr), tail = nm.len - head - 3;
    memcpy(buf, nm.ptr, head);
    buf[head] = '/';
    memcpy(buf + head + 1, sl + 3, tail);
    return nm__number_parse_all(buf, head + 1 + tail, v) &&
           nm__decimal_cmp(*v, (nm_decimal){1, 0}) < 0;
}

/* The token of the digit group that continues a numeral ending at token j - 1
 * (nm__number_group_next), or 0; *sep is its separator, 0 on the first call, then it must
 * match. */
static size_t group_after(const scan *s, size_t j, int *sep) {
    int kind = 0;
    size_t g = nm__number_group_next(s->text, s->tok, s->n, j, &kind);
    if (g == 0 || (*sep != 0 && *sep != kind))
        return 0;
    *sep = kind;
    return g;
}

/* The value of digit group token g (nm__number_group). 0 when it is no such group. */
static int group_value(const scan *s, size_t g, nm_decimal *v, int *last) {
    return nm__number_group(s->text + s->tok[g].start, s->tok[g].end - s->tok[g].start, v, last);
}

/*
 * A numeral at token i: one NUMBER token, a fraction "3/4", a whole and a fraction "3 1/2" or
 * "3-1/2", or digit groups split by plain spaces "1 250 000". Returns the tokens used, or 0.
 */
static size_t numeral_at(const scan *s, size_t i, nm_decimal *v) {
    const nm_token *t = &s->tok[i];
    if (t->type != NM_TOK_NUMBER)
        return 0;
    if (fraction_at(s, i, v))
        return 3;
    if (vulgar_at(s, i, v))
        return 1;
    size_t j = i + 1, len = t->end - t->start;
    if (!nm__number_parse_all(s->text + t->start, len, v)) {
        /* "$.50", ".5 million dollars": a number token may start with its decimal point */
        char buf[32] = "0";
        if (s->text[t->start] != '.' || len + 1 > sizeof buf)
            return 0;
        memcpy(buf + 1, s->text + t->start, len);
        return (size_t)nm__number_parse_all(buf, len + 1, v);
    }
    nm_decimal f;
    /* "£1½ million", "2 ½" */
    if (v->exp >= 0 && vulgar_at(s, j, &f) && nm__decimal_add(v, f))
        return 2;
    if (v->exp >= 0 && j < s->n && (!attached(&s->tok[j]) || norm_is(&s->tok[j], "-"))) {
        size_t k = norm_is(&s->tok[j], "-") ? j + 1 : j;
        if ((k == j || (k < s->n && attached(&s->tok[k]))) && fraction_at(s, k, &f) &&
            nm__decimal_cmp(f, (nm_decimal){1, 0}) < 0 && nm__decimal_add(v, f))
            return k + 3 - i;
    }
    /* "1 250 000", "1'250'000" (the tokenizer splits both): only 1-3 digit heads, 3-digit
       groups one space or one attached apostrophe apart (the same one throughout), the last
       group may carry a decimal part ("000.50", "000,50") */
    if (len <= 3 && v->exp >= 0 && all_digits(s, i)) {
        nm_decimal w = *v;
        int sep = 0; /* ' ' or '\'' once known */
        for (;;) {
            size_t g = group_after(s, j, &sep);
            nm_decimal gv;
            int last = 0;
            if (g == 0 || !group_value(s, g, &gv, &last) || !nm__decimal_scale(&w, 3) ||
                !nm__decimal_add(&w, gv))
                break;
            *v = w;
            j = g + 1;
            if (last)
                break;
        }
    }
    return j - i;
}

/*
 * Reads a number at i. has_cur says a currency sign came before (then a spaced one-letter
 * magnitude "£3.5 m" is accepted when nothing word-like follows).
 */
static int num_at(const scan *s, size_t i, int has_cur, num_hit *out) {
    nm_decimal v;
    size_t j;
    memset(out, 0, sizeof *out);
    if (i >= s->n)
        return 0;
    size_t nn = numeral_at(s, i, &v);
    if (nn > 0) {
        j = i + nn;
        /* "1 point 1" */
        nm_decimal f;
        const nm_token *d = j + 1 < s->n ? &s->tok[j + 1] : NULL;
        if (d && v.exp == 0 && norm_is(&s->tok[j], "point") && d->type == NM_TOK_NUMBER &&
            nm__number_parse_all(s->text + d->start, d->end - d->start, &f) && f.exp >= 0) {
            size_t nd = d->end - d->start;
            nm_decimal frac = {0, -(int32_t)nd};
            int okd = nd <= 18;
            for (size_t k = 0; okd && k < nd; k++) {
                char ch = s->text[d->start + k];
                okd = ch >= '0' && ch <= '9';
                frac.mant = frac.mant * 10 + (uint64_t)(ch - '0');
            }
            if (okd && nm__decimal_add(&v, frac))
                j += 2;
        }
        /* "2 and a half million" */
        if (v.exp >= 0 && j + 2 < s->n && norm_is(&s->tok[j], "and") &&
            norm_is(&s->tok[j + 1], "a") && norm_is(&s->tok[j + 2], "half") &&
            nm__decimal_add(&v, (nm_decimal){5, -1}))
            j += 3;
    } else if (NM_TOK_IS_WORD(s->tok[i].type) && filter_of_text(s, &s->tok[i])) {
        size_t used = nm__number_words(&s->tok[i], s->n - i, &v);
        if (used == 0)
            return 0;
        j = i + used;
        out->written = 1;
        /* a written number already took its scale words ("five million") */
        int wm = j > i ? mag_of(s->sh, s->tok[j - 1].norm.ptr, s->tok[j - 1].norm.len) : 0;
        if (wm >= 3)
            out->mag = wm;
    } else {
        return 0;
    }
    /* "$1.5-billion", "$1-billion-a-year": a dash touching both sides before a full magnitude
       word (the first part of a hyphenated one) */
    if (j + 1 < s->n && !out->mag && s->tok[j].type == NM_TOK_PUNCT && norm_is(&s->tok[j], "-") &&
        attached(&s->tok[j]) && attached(&s->tok[j + 1]) && NM_TOK_IS_WORD(s->tok[j + 1].type) &&
        s->tok[j + 1].norm.len > 2) {
        const nm_str w = s->tok[j + 1].norm;
        const char *hy = (s->tok[j + 1].flags & NM_TF_HYPHEN) ? memchr(w.ptr, '-', w.len) : NULL;
        if (mag_of(s->sh, w.ptr, hy != NULL ? (size_t)(hy - w.ptr) : w.len) >= 3)
            j++;
    }
    if (j < s->n && !out->mag && NM_TOK_IS_WORD(s->tok[j].type)) {
        const nm_token *m = &s->tok[j];
        size_t hi_extra = 0; /* tokens of a split upper bound after the magnitude word */
        size_t ml = m->norm.len;
        /* "billion-plus", "million-dollar", "billion-a-year": the magnitude is the first part;
           a short one touching the number too ("£1bn-a-year", "$5m-plus"), not "5m-6m" */
        if (m->flags & NM_TF_HYPHEN) {
            const char *hy = memchr(m->norm.ptr, '-', ml);
            if (hy != NULL &&
                (hy - m->norm.ptr > 2 ||
                 (hy > m->norm.ptr && attached(m) && (size_t)(hy - m->norm.ptr) + 1 < ml &&
                  (hy[1] | 0x20) >= 'a' && (hy[1] | 0x20) <= 'z')))
                ml = (size_t)(hy - m->norm.ptr);
            /* "£5m-6m", "$5bn-6bn": the word holds the range's upper bound; "£2.5bn-3.5bn"
               is split at the point ("bn-3" "." "5" "bn"), read from the text */
            else if (hy != NULL && hy > m->norm.ptr && attached(m) && !out->written) {
                size_t h = (size_t)(hy - m->norm.ptr);
                if (hi_in_word(s->sh, hy + 1, ml - h - 1, &out->hi)) {
                    ml = h;
                    out->has_hi = 1;
                    out->hi_cut = m->start + (uint32_t)h;
                } else if (j + 3 < s->n && !(m->flags & NM_TF_NONASCII) &&
                           norm_is(&s->tok[j + 1], ".") && is_number(s, j + 2) &&
                           NM_TOK_IS_WORD(s->tok[j + 3].type) && attached(&s->tok[j + 1]) &&
                           attached(&s->tok[j + 2]) && attached(&s->tok[j + 3])) {
                    char buf[32]; /* the bound lower-cased, as a norm is */
                    size_t b0 = m->start + h + 1, bl = s->tok[j + 3].end - b0;
                    if (bl > sizeof buf)
                        bl = 0;
                    for (size_t k = 0; k < bl; k++) {
                        char ch = s->text[b0 + k];
                        buf[k] = (char)(ch | ((ch >= 'A' && ch <= 'Z') << 5));
                    }
                    if (bl > 0 && hi_in_word(s->sh, buf, bl, &out->hi)) {
                        ml = h;
                        out->has_hi = 1;
                        out->hi_cut = m->start + (uint32_t)h;
                        hi_extra = 3;
                    }
                }
            }
        }
        /* "$20M." before a sentence's end is one abbreviation token "m.": its letter counts
           (money_at leaves the period out of the span) */
        if (ml == 2 && m->type == NM_TOK_ABBREV && m->norm.ptr[1] == '.')
            ml = 1;
        int e = mag_of(s->sh, m->norm.ptr, ml);
        if (e > 0 && ml <= 2 && !attached(m)) {
            /* spaced short suffix: only "bn", "mn", "tn" or after a sign with nothing after */
            int two = ml == 2 && !norm_is(m, "cr") && !norm_is(m, "mm");
            int lone = has_cur && (j + 1 >= s->n || !NM_TOK_IS_WORD(s->tok[j + 1].type));
            /* "5 M€", "20 k€": a sign touching the letter after it */
            int signed_after = j + 1 < s->n && s->tok[j + 1].type == NM_TOK_CURRENCY &&
                               attached(&s->tok[j + 1]);
            if (!two && !lone && !signed_after)
                e = 0;
        }
        if (e > 0 && out->written && e < 3)
            e = 0;
        if (e > 0 && nm__decimal_scale(&v, e)) {
            out->mag = e;
            out->lo_ntok = j + 1 - i;
            j += 1 + hi_extra;
            /* "5 hundred thousand", "1.5 lakh crore" */
            if (j < s->n && NM_TOK_IS_WORD(s->tok[j].type) && e < 9 && !out->has_hi) {
                int e2 = mag_of(s->sh, s->tok[j].norm.ptr, s->tok[j].norm.len);
                if (e2 >= 3 && s->tok[j].norm.len > 2 && nm__decimal_scale(&v, e2)) {
                    out->mag += e2;
                    j++;
                }
            }
        }
    }
    out->v = v;
    out->ntok = j - i;
    return 1;
}

/* One amount: [currency] number [magnitude] [currency] over tokens [start, end). */
typedef struct atom {
    size_t start, end;
    nm_decimal v; /* already in the major unit */
    int mag;
    int written;
    const nm__currency *cur; /* NULL when none */
    int minor_post;          /* the currency was a minor unit after the number */
    int neg;                 /* a minus between the sign and the number: "$-5 million" */
    uint32_t trim;           /* byte end of the span inside its last token ("9.9-mln-dlr" of
                                "9.9-mln-dlr-offer"), 0: the token's end */
    int has_hi;              /* "£5m-6m": the number's word held an upper bound, hi */
    nm_decimal hi;
    uint32_t hi_cut; /* with has_hi: the byte offset of the hyphen before hi */
    size_t lo_end;   /* with has_hi: the token after the magnitude word */
    size_t num_end;  /* the token after the number (before a currency after it) */
} atom;

/*
 * The currency named by the part after a hyphenated magnitude word's first hyphen ("mln-dlr",
 * "billion-dlr-offer", "million-dollar": a dlr or dollar), or NULL; *tail_end is that part's
 * end in the text. Only names, no codes or minor units.
 */
static const nm__currency *mag_tail_currency(const scan *s, const nm_token *t, uint32_t *tail_end) {
    if ((t->flags & (NM_TF_HYPHEN | NM_TF_NONASCII)) != NM_TF_HYPHEN ||
        t->norm.len != t->end - t->start)
        return NULL;
    const char *w = t->norm.ptr;
    size_t n = t->norm.len;
    const char *h1 = memchr(w, '-', n);
    if (h1 == NULL || h1 == w || mag_of(s->sh, w, (size_t)(h1 - w)) < 3)
        return NULL;
    const char *p = h1 + 1;
    size_t rest = n - (size_t)(p - w);
    const char *h2 = memchr(p, '-', rest);
    size_t pl = h2 != NULL ? (size_t)(h2 - p) : rest;
    if (pl == 0 || !(s->sh->filter[hash_key(p, pl, 0)] & F_ANY))
        return NULL;
    const nm__currency *c = nm__currency_find(s->sh->cur, p, pl);
    if (c == NULL || !(c->flags & NM__CUR_NAME) ||
        (c->flags & (NM__CUR_CODE | NM__CUR_MINOR | NM__CUR_CUE)))
        return NULL;
    *tail_end = t->start + (uint32_t)(p + pl - w);
    return c;
}

static int is_dash(const nm_token *t) {
    return t->type == NM_TOK_PUNCT &&
           (norm_is(t, "-") || norm_is(t, "\xe2\x80\x93") || norm_is(t, "\xe2\x80\x94"));
}

/* 1 when token k is four plain digits from 1800 to 2099, a year's shape. */
static int year_at(const scan *s, size_t k) {
    const nm_token *t = &s->tok[k];
    if (t->type != NM_TOK_NUMBER || t->end - t->start != 4 || !all_digits(s, k))
        return 0;
    const char *p = s->text + t->start;
    return (p[0] == '1' && p[1] >= '8') || (p[0] == '2' && p[1] == '0');
}

/* 1 when token k is a word of two or more letters, all capitals ("PASSENGERS"). */
static int caps_word(const scan *s, size_t k) {
    return k < s->n && NM_TOK_IS_WORD(s->tok[k].type) && (s->tok[k].flags & NM_TF_ALLCAPS) &&
           s->tok[k].norm.len >= 2;
}

/* Gives a the currency c named after its number: a minor unit ("50 cents", "ten-cent") also
 * scales a->v to the major unit (0.50) and sets minor_post. */
static void cur_after(atom *a, const nm__currency *c) {
    a->cur = c;
    if (c->flags & NM__CUR_MINOR) {
        a->minor_post = 1;
        a->v.exp += c->minor;
    }
}

/*
 * A written amount inside one hyphenated word: "one-billion-dlr", "four-dlr", "ten-cent",
 * "half-billion-dollar": a number word (or "half"; tens and a unit: "twenty-five"), an optional
 * scale word, then a currency name, with more words allowed after it ("two-dollar-a-day").
 * Fills *a (its span ends with the currency part) and returns 1, else 0.
 */
static int hyphen_amount_at(const scan *s, size_t i, atom *a) {
    const nm_token *t = &s->tok[i];
    if ((t->flags & (NM_TF_HYPHEN | NM_TF_NONASCII)) != NM_TF_HYPHEN ||
        t->norm.len != t->end - t->start)
        return 0;
    const char *w = t->norm.ptr, *end = w + t->norm.len, *p = w;
    const char *parts[4];
    size_t pl[4], np = 0;
    while (p < end && np < 4) { /* the first four parts */
        const char *h = memchr(p, '-', (size_t)(end - p));
        parts[np] = p;
        pl[np++] = h != NULL ? (size_t)(h - p) : (size_t)(end - p);
        p = h != NULL ? h + 1 : end;
    }
    size_t k = 1;
    nm_decimal v = {5, -1};
    if (!(pl[0] == 4 && memcmp(parts[0], "half", 4) == 0)) {
        int64_t x = nm__number_word_value(parts[0], pl[0]);
        if (x <= 0)
            return 0;
        int64_t u = np > 2 ? nm__number_word_value(parts[1], pl[1]) : -1;
        if (x >= 20 && x <= 90 && x % 10 == 0 && u >= 1 && u <= 9) {
            x += u;
            k = 2;
        }
        v = (nm_decimal){(uint64_t)x, 0};
    }
    int mag = k + 1 < np ? mag_of(s->sh, parts[k], pl[k]) : 0;
    if (mag >= 3 && nm__decimal_scale(&v, mag))
        k++;
    else
        mag = 0;
    if (k >= np || pl[k] == 0 || !(s->sh->filter[hash_key(parts[k], pl[k], 0)] & F_ANY))
        return 0;
    const nm__currency *c = nm__currency_find(s->sh->cur, parts[k], pl[k]);
    if (c == NULL || !(c->flags & NM__CUR_NAME) || (c->flags & (NM__CUR_CODE | NM__CUR_CUE)) ||
        ((c->flags & NM__CUR_MINOR) && mag))
        return 0;
    memset(a, 0, sizeof *a);
    a->start = i;
    a->end = i + 1;
    a->v = v;
    a->mag = mag;
    a->written = 1;
    cur_after(a, c);
    uint32_t te = t->start + (uint32_t)(parts[k] + pl[k] - w);
    if (te < t->end)
        a->trim = te;
    return 1;
}

/* "a" or "an" in any case, read from the text (no norm pointer to chase). */
static int is_a_an(const char *text, const nm_token *t) {
    const char *p = text + t->start;
    size_t len = t->end - t->start;
    return (len == 1 && (p[0] | 0x20) == 'a') ||
           (len == 2 && (p[0] | 0x20) == 'a' && (p[1] | 0x20) == 'n');
}

static int atom_at(const scan *s, size_t i, int need_cur, atom *a) {
    cur_hit pre = {0}, post = {0};
    num_hit num;
    memset(a, 0, sizeof *a);
    a->start = i;
    if (i >= s->n)
        return 0;
    /* a currency before the number: a sign, or a word that may start an amount */
    int maybe_pre =
        s->tok[i].type == NM_TOK_CURRENCY ||
        (NM_TOK_IS_WORD(s->tok[i].type) && (filter_of_text(s, &s->tok[i]) & (F_START | F_CODE)));
    if (maybe_pre && cur_at(s, i, &pre)) {
        const nm__currency *c = pre.c;
        int prefix_ok = (c->flags & (NM__CUR_SYMBOL | NM__CUR_CODE | NM__CUR_PREFIX)) ||
                        s->tok[i].type == NM_TOK_CURRENCY;
        if (!prefix_ok || (c->flags & NM__CUR_MINOR))
            return 0;
        i += pre.ntok;
        a->cur = c;
        /* "$-5 million", "US$-1.5bn": a minus touching the sign and the number */
        if (i + 1 < s->n && attached(&s->tok[i]) && attached(&s->tok[i + 1]) &&
            is_number(s, i + 1) && norm_is(&s->tok[i], "-") &&
            (s->tok[i].type == NM_TOK_PUNCT || s->tok[i].type == NM_TOK_SYMBOL)) {
            a->neg = 1;
            i++;
        }
    }
    if (a->cur == NULL && (s->tok[i].flags & NM_TF_HYPHEN) && hyphen_amount_at(s, i, a))
        return 1; /* "a four-dlr rise", "its one-billion-dlr debt" */
    if (!num_at(s, i, a->cur != NULL, &num)) {
        /* "a dollar", "a US dollar" */
        /* not "a dollar rate", "a sterling loan", "94 cents a pound" (a price per unit) */
        if (a->cur == NULL && i < s->n && (norm_is(&s->tok[i], "a") || norm_is(&s->tok[i], "an")) &&
            cur_at(s, i + 1, &post) && !(post.c->flags & NM__CUR_CODE) &&
            s->tok[i + 1].type != NM_TOK_CURRENCY && !norm_is(&s->tok[i + 1], "sterling")) {
            size_t nx = i + 1 + post.ntok;
            if (nx < s->n && !(s->tok[nx].type == NM_TOK_PUNCT || norm_is(&s->tok[nx], "and") ||
                               norm_is(&s->tok[nx], "or")))
                return 0;
            /* nor "a fraction of a dollar", "three-quarters of a dollar" (not 1) */
            if (i > 0 && (s->tok[i - 1].type == NM_TOK_NUMBER || cur_at(s, i - 1, &pre) ||
                          norm_is(&s->tok[i - 1], "per") || norm_is(&s->tok[i - 1], "of")))
                return 0;
            a->v = (nm_decimal){1, 0};
            a->cur = post.c;
            a->end = i + 1 + post.ntok;
            a->minor_post = (post.c->flags & NM__CUR_MINOR) != 0;
            if (a->minor_post)
                a->v.exp += post.c->minor;
            return 1;
        }
        return 0;
    }
    /* a sign must touch a numeral or be spaced by one space ("$ 10"); not "$HOME" */
    a->has_hi = num.has_hi && num.mag;
    a->hi = num.hi;
    a->hi_cut = num.hi_cut;
    a->lo_end = i + num.lo_ntok;
    i += num.ntok;
    a->num_end = i;
    a->v = num.v;
    a->mag = num.mag;
    a->written = num.written;
    /* "a 9.9-mln-dlr loan", "a 5 million-dollar house": the currency ends the magnitude word */
    if (a->cur == NULL && num.mag) {
        uint32_t te = 0;
        const nm__currency *tc = mag_tail_currency(s, &s->tok[i - 1], &te);
        if (tc != NULL) {
            a->cur = tc;
            if (te < s->tok[i - 1].end)
                a->trim = te;
        }
    }
    /* "a quarter of a dollar", "half of a cent": a written fraction of one unit named after
       "of a" (else "a dollar" alone would be read, 1) */
    if (a->cur == NULL && num.written && !num.mag &&
        nm__decimal_cmp(a->v, (nm_decimal){1, 0}) < 0 && i + 2 < s->n &&
        norm_is(&s->tok[i], "of") && is_a_an(s->text, &s->tok[i + 1]) &&
        cur_at(s, i + 2, &post) && (post.c->flags & NM__CUR_NAME) &&
        s->tok[i + 2].type != NM_TOK_CURRENCY) {
        cur_after(a, post.c);
        a->end = i + 2 + post.ntok;
        return 1;
    }
    /* "a 400-dollar fine", "a 2,000-euro fee": a currency name joined by a hyphen */
    size_t dash = 0, dot = 0;
    if (a->cur == NULL && i + 1 < s->n && norm_is(&s->tok[i], "-") && attached(&s->tok[i]) &&
        attached(&s->tok[i + 1]) && NM_TOK_IS_WORD(s->tok[i + 1].type) && cur_at(s, i + 1, &post) &&
        (post.c->flags & NM__CUR_NAME))
        dash = 1;
    /* "5 Mio. EUR", "3 Mrd. Euro": German magnitude abbreviations keep their period */
    if (a->cur == NULL && num.mag && i + 1 < s->n && norm_is(&s->tok[i], ".") &&
        attached(&s->tok[i]) &&
        (norm_is(&s->tok[i - 1], "mio") || norm_is(&s->tok[i - 1], "mrd")) &&
        cur_at(s, i + 1, &post))
        dot = 1;
    if (dash || dot || cur_at(s, i, &post)) {
        i += dash + dot;
        const nm__currency *c = post.c;
        int take = 0;
        if (a->cur == NULL)
            take = 1;
        else if ((c->flags & NM__CUR_CODE) && strcmp(c->iso, a->cur->iso) == 0)
            take = 1; /* "$10 USD" */
        /* a one-letter "p"/"c" must touch the number: "50p", "10c" */
        if (take && s->tok[i].norm.len == 1 && s->tok[i].type != NM_TOK_CURRENCY &&
            attached(&s->tok[i]) == 0 && !norm_is(&s->tok[i], "c"))
            take = 0;
        if (take && (c->flags & NM__CUR_MINOR) && a->mag)
            take = 0; /* "5 million cents" is not news */
        /* "in 2024 $5 billion": a sign or code touching a numeral after it starts the next
           amount, it is not this number's suffix ("3 GBP 1 pence" keeps its spaced code) */
        size_t nx = i + post.ntok;
        if (take && !dash && !dot && a->cur == NULL && !(c->flags & NM__CUR_MINOR) &&
            ((c->flags & (NM__CUR_SYMBOL | NM__CUR_CODE)) || s->tok[i].type == NM_TOK_CURRENCY) &&
            is_number(s, nx) && attached(&s->tok[nx]))
            take = 0;
        if (take) {
            if (a->cur == NULL)
                cur_after(a, c);
            i += post.ntok;
        }
    }
    a->end = i;
    if (a->cur == NULL && need_cur)
        return 0;
    /* "in 2010 dollars", "constant 2015 US dollars": a year names the dollar's value, no
       amount */
    if (pre.c == NULL && a->cur != NULL && !a->mag && !a->written && a->start > 0 &&
        year_at(s, a->start) &&
        (norm_is(&s->tok[a->start - 1], "in") || norm_is(&s->tok[a->start - 1], "constant") ||
         norm_is(&s->tok[a->start - 1], "real")))
        return 0;
    /* "ALL 500 PASSENGERS KILLED", "TOP 10 FIRMS": in a line of capitals a code before a bare
       number is a word like its neighbours ("CAD 500 MLN" keeps its magnitude) */
    if (pre.c != NULL && (pre.c->flags & NM__CUR_CODE) && !a->mag && caps_word(s, a->end) &&
        (a->start == 0 || !NM_TOK_IS_WORD(s->tok[a->start - 1].type) ||
         caps_word(s, a->start - 1)))
        return 0;
    return 1;
}

/* 1 when token t is a hyphenated word "to-<numeral>" ("to-10" of "5-to-10", one token). */
static int to_numeral_word(const scan *s, const nm_token *t) {
    const char *p = s->text + t->start;
    size_t len = t->end - t->start;
    return NM_TOK_IS_WORD(t->type) && (t->flags & NM_TF_HYPHEN) && len > 3 &&
           (p[0] | 0x20) == 't' && (p[1] | 0x20) == 'o' && p[2] == '-' && p[3] >= '0' &&
           p[3] <= '9';
}

/*
 * The upper bound of "5-to-10 billion dollars" at token k: the tokenizer gives "5" "-" "to-10",
 * so the bound is the numeral after "to-", then a magnitude word and a currency name or code
 * after it, as atom_at reads them. Fills *b and returns 1, else 0.
 */
static int to_bound_at(const scan *s, size_t k, atom *b) {
    memset(b, 0, sizeof *b);
    if (k >= s->n || !attached(&s->tok[k]) || !to_numeral_word(s, &s->tok[k]))
        return 0;
    const nm_token *t = &s->tok[k];
    if (!nm__number_parse_all(s->text + t->start + 3, t->end - t->start - 3, &b->v))
        return 0;
    size_t j = k + 1;
    if (j < s->n && NM_TOK_IS_WORD(s->tok[j].type)) {
        int e = mag_of(s->sh, s->tok[j].norm.ptr, s->tok[j].norm.len);
        if (e >= 3 && s->tok[j].norm.len > 1 && nm__decimal_scale(&b->v, e)) {
            b->mag = e;
            j++;
        }
    }
    cur_hit post;
    if (cur_at(s, j, &post) && (post.c->flags & (NM__CUR_NAME | NM__CUR_CODE)) &&
        !((post.c->flags & NM__CUR_MINOR) && b->mag)) {
        cur_after(b, post.c);
        j += post.ntok;
    }
    b->start = k;
    b->end = b->num_end = j;
    return 1;
}

static const char *const CHANGE_VERBS[] = {
    "rose",         "fell",    "up",       "down",    "increased", "decreased", "raised",
    "cut",          "lowered", "gained",   "lost",    "climbed",   "dropped",   "jumped",
    "slipped",      "eased",   "declined", "by",      "rising",    "falling",   "soared",
    "plunged",      "tumbled", "surged",   "slumped", "advanced",  "increase",  "rise",
    "fall",         "drop",    "gain",     "reduced", "boosted",   "firmed",    "weakened",
    "strengthened", "slid",    "sank",     "grew",    "shed",      "added",     "lifted"};

static int is_change_verb(const nm_token *t) {
    for (size_t i = 0; i < sizeof CHANGE_VERBS / sizeof CHANGE_VERBS[0]; i++)
        if (norm_eq(t, CHANGE_VERBS[i], strlen(CHANGE_VERBS[i])))
            return 1;
    return 0;
}

/* Hedges: the phrase, and whether it opens a lower (1) or upper (2) bound, or neither (0). */
typedef struct hedge {
    const char *w[3];
    uint8_t len[3]; /* word lengths; 0 = no such word */
    uint8_t nw;     /* words in the phrase */
    int bound;
} hedge;

#define HG(a, b, c, bound)                                                                         \
    {                                                                                              \
        {a, b, c}, {sizeof(a) - 1, sizeof(b) - 1, sizeof(c) - 1},                                  \
            sizeof(c) > 1 ? 3 : sizeof(b) > 1 ? 2 : 1, bound                                       \
    }

static const hedge HEDGES[] = {
    HG("no", "more", "than", 2),    HG("no", "less", "than", 1),  HG("not", "more", "than", 2),
    HG("in", "excess", "of", 1),    HG("as", "much", "as", 2),    HG("as", "little", "as", 0),
    HG("as", "many", "as", 2),      HG("more", "than", "", 1),    HG("less", "than", "", 2),
    HG("fewer", "than", "", 2),     HG("at", "least", "", 1),     HG("at", "most", "", 2),
    HG("up", "to", "", 2),          HG("close", "to", "", 0),     HG("upwards", "of", "", 1),
    HG("just", "over", "", 1),      HG("just", "under", "", 2),   HG("well", "over", "", 1),
    HG("lower", "than", "", 2),     HG("higher", "than", "", 1),  HG("greater", "than", "", 1),
    HG("just", "below", "", 2),     HG("just", "above", "", 1),   HG("about", "", "", 0),
    HG("nearly", "", "", 0),        HG("almost", "", "", 0),      HG("around", "", "", 0),
    HG("approximately", "", "", 0), HG("roughly", "", "", 0),     HG("some", "", "", 0),
    HG("approx", "", "", 0),        HG("circa", "", "", 0),       HG("over", "", "", 1),
    HG("under", "", "", 2),         HG("above", "", "", 1),       HG("below", "", "", 2),
    HG("nearly", "", "", 0),        HG("an", "estimated", "", 0), HG("maximum", "", "", 2),
    HG("minimum", "", "", 1),
};

_Static_assert(sizeof HEDGES / sizeof HEDGES[0] <= MAX_HEDGES, "hedge_next too small");

/* Fills s->hedge_last and the hedge chains from HEDGES (at load). */
static void hedge_index(money_shared *s) {
    for (size_t h = sizeof HEDGES / sizeof HEDGES[0]; h-- > 0;) {
        const hedge *hg = &HEDGES[h];
        size_t l = hg->len[hg->nw - 1];
        unsigned char c = (unsigned char)hg->w[hg->nw - 1][0];
        if (l < 16)
            s->hedge_last[c] |= (uint16_t)(1u << l);
        s->hedge_next[h] = s->hedge_head[c];
        s->hedge_head[c] = (uint8_t)(h + 1);
    }
}

/* The hedge ending right before token st (not before floor): its first token and bound. */
static int hedge_before(const scan *s, size_t st, size_t floor, size_t *first, int *bound) {
    if (st <= floor || !NM_TOK_IS_WORD(s->tok[st - 1].type) || s->tok[st - 1].norm.len == 0)
        return 0;
    /* most words before an amount end no hedge: compare length and first byte before all else,
     * for all hedges at once when the length fits hedge_last (else one by one below) */
    size_t ll = s->tok[st - 1].norm.len;
    char l0 = s->tok[st - 1].norm.ptr[0];
    if (ll < 16 && !((s->sh->hedge_last[(unsigned char)l0] >> ll) & 1))
        return 0;
    /* only the hedges whose last word starts with l0, in HEDGES order */
    const money_shared *sh = s->sh;
    for (unsigned h1 = sh->hedge_head[(unsigned char)l0]; h1 != 0; h1 = sh->hedge_next[h1 - 1]) {
        const hedge *hg = &HEDGES[h1 - 1];
        size_t nw = hg->nw;
        if (hg->len[nw - 1] != ll || hg->w[nw - 1][0] != l0 || st < floor + nw ||
            !norm_eq(&s->tok[st - 1], hg->w[nw - 1], hg->len[nw - 1]))
            continue;
        size_t b = st - nw;
        int ok = 1;
        for (size_t k = 0; k + 1 < nw && ok; k++)
            ok =
                NM_TOK_IS_WORD(s->tok[b + k].type) && norm_eq(&s->tok[b + k], hg->w[k], hg->len[k]);
        if (ok) {
            *first = b;
            *bound = hg->bound;
            return 1;
        }
    }
    return 0;
}

static const char *iso_of(const scan *s, const nm__currency *c) {
    return nm__currency_resolve(c, &s->ctx);
}

/*
 * The code a mention of c reports: iso_of, then the code of the story's date when the name
 * or sign stood for a currency that had another then ("lira" in 1987: TRL). A written code
 * ("TRY") stays as written. The date is read once per record (nm__record_date_ymd).
 */
static const char *iso_out(scan *s, const nm__currency *c) {
    const char *iso = iso_of(s, c);
    if (c->flags & NM__CUR_CODE)
        return iso;
    return nm__currency_dated(iso, nm__record_date_ymd(s->rec));
}

/*
 * Tries a money mention whose amount starts at token i (tokens before floor belong to an earlier
 * mention). On success fills *m and returns the token index after it; 0 otherwise.
 */
static size_t money_at(scan *s, size_t i, size_t floor, nm_money *m) {
    atom a, b;
    if (!atom_at(s, i, 0, &a))
        return 0;
    size_t end = a.end;
    int range = 0;
    nm_decimal lo = a.v, hi = a.v;
    const nm__currency *cur = a.cur;
    size_t lead = a.start; /* first token of the whole mention (before hedges) */
    const atom *fin = &a; /* the atom the mention ends with */
    int between = 0, from = 0;
    if (lead > floor && NM_TOK_IS_WORD(s->tok[lead - 1].type)) {
        between = norm_is(&s->tok[lead - 1], "between");
        from = norm_is(&s->tok[lead - 1], "from");
    }
    /* ranges: A - B, A to B, between A and B */
    if (a.end < s->n) {
        const nm_token *sep = &s->tok[a.end];
        int ok_sep = is_dash(sep) || norm_is(sep, "to") || (between && norm_is(sep, "and")) ||
                     norm_is(sep, "through");
        /* "rose 2 cts to 33 cts", "jumped nearly 2 cts to 33 cts": a change and a level, not a
           range; a hedge may stand between the verb and an amount with its own currency ("drop
           by about 20 to 30 billion dlrs" stays a range) */
        size_t vb = lead, hb;
        int hbound;
        if (ok_sep && a.cur != NULL && norm_is(sep, "to") &&
            hedge_before(s, lead, floor, &hb, &hbound))
            vb = hb;
        if (ok_sep && norm_is(sep, "to") && !from && !between && vb > floor &&
            is_change_verb(&s->tok[vb - 1]))
            ok_sep = 0;
        /* "rose from $5 million to $10 million": two levels, not a range */
        if (ok_sep && from && norm_is(sep, "to") && lead - 1 > floor &&
            NM_TOK_IS_WORD(s->tok[lead - 2].type) && is_change_verb(&s->tok[lead - 2]))
            ok_sep = 0;
        /* "5-to-10 billion dollars": "-" then the one word "to-10" */
        int to_word = is_dash(sep) && attached(sep) && to_bound_at(s, a.end + 1, &b);
        if (ok_sep && !a.neg && (to_word || atom_at(s, a.end + 1, 0, &b)) && !b.neg &&
            (a.cur == NULL || !a.minor_post == !b.minor_post)) {
            nm_decimal va = a.v;
            int cur_ok = 1;
            if (a.cur && b.cur && strcmp(iso_of(s, a.cur), iso_of(s, b.cur)) != 0)
                cur_ok = 0;
            if (!a.cur && !b.cur)
                cur_ok = 0;
            /* "$3-5 billion", "$3 to $4 million": the magnitude of B applies to A, unless A
               would then pass B while A as written is below B and within a thousandth of it:
               "$500,000 to $1 million" */
            if (!a.mag && b.mag) {
                nm_decimal scaled = va, milli = va;
                if (nm__decimal_scale(&scaled, b.mag) && nm__decimal_cmp(scaled, b.v) < 0)
                    va = scaled;
                else if (!nm__decimal_scale(&milli, 3) || nm__decimal_cmp(milli, b.v) < 0)
                    cur_ok = 0;
            }
            if (!a.cur && b.minor_post)
                va.exp += b.cur->minor;
            if (cur_ok && nm__decimal_cmp(va, b.v) < 0) {
                range = 1;
                lo = va;
                hi = b.v;
                end = b.end;
                fin = &b;
                if (cur == NULL)
                    cur = b.cur;
            }
        }
    }
    if (cur == NULL)
        return 0;
    /* "£5m-6m": the range was one token */
    if (!range && a.has_hi && !a.neg && !a.minor_post && nm__decimal_cmp(a.v, a.hi) < 0) {
        range = 1;
        hi = a.hi;
    } else if (!range && a.has_hi && a.end == a.num_end) {
        /* "£5m-4m": a second number no larger is no range; the amount ends at its magnitude */
        a.end = end = a.lo_end;
        a.trim = a.hi_cut;
    }
    /* "$20 and 43 cents", "20 dollars 43 cents", "$20 43" at the end */
    if (!range && !a.minor_post && !a.mag && a.v.exp >= 0 && end < s->n) {
        size_t k = end;
        if (norm_is(&s->tok[k], "and"))
            k++;
        num_hit c;
        cur_hit mu = {0};
        /* the minor part is a whole number below 100 ("43", "fifty" = {5, 1}) */
        if (k < s->n && num_at(s, k, 0, &c) && !c.mag && c.v.exp >= 0 && c.v.exp <= 1 &&
            c.v.mant > 0 && c.v.mant * (c.v.exp ? 10u : 1u) < 100) {
            size_t e = k + c.ntok;
            int has_minor = cur_at(s, e, &mu) && (mu.c->flags & NM__CUR_MINOR);
            int at_end = e >= s->n || (s->tok[e].type == NM_TOK_PUNCT && !norm_is(&s->tok[e], "-"));
            if (has_minor || at_end) {
                nm_decimal frac = {c.v.mant, c.v.exp - 2};
                if (nm__decimal_add(&lo, frac)) {
                    hi = lo;
                    end = has_minor ? e + mu.ntok : e;
                }
            }
        }
    }
    memset(m, 0, sizeof *m);
    /* sign: "-$5m", "minus $5" */
    size_t st = lead;
    /* a minus sign U+2212 is a symbol token whose norm is "-" */
    const nm_token *sg = st > floor ? &s->tok[st - 1] : NULL;
    if (sg && (is_dash(sg) || (sg->type == NM_TOK_SYMBOL && norm_is(sg, "-"))) &&
        attached(&s->tok[st]) &&
        (st - 1 == floor || !attached(&s->tok[st - 1]) || s->tok[st - 2].type == NM_TOK_PUNCT)) {
        m->fields |= NM_MONEY_NEGATIVE;
        st--;
    } else if (st > floor && norm_is(&s->tok[st - 1], "minus")) {
        m->fields |= NM_MONEY_NEGATIVE;
        st--;
    } else if (a.neg) {
        m->fields |= NM_MONEY_NEGATIVE;
    }
    m->start = s->tok[st].start;
    m->end = s->tok[end - 1].end;
    if (fin->trim && fin->end == end) /* "3.16-billion-dlr-offer" ends at "dlr" */
        m->end = fin->trim;
    /* a magnitude read from an abbreviation "M." (num_at): the period ends the sentence */
    const nm_token *last = &s->tok[end - 1];
    if (last->type == NM_TOK_ABBREV && last->norm.len == 2 && last->norm.ptr[1] == '.' &&
        mag_of(s->sh, last->norm.ptr, 1) > 0)
        m->end--;
    memcpy(m->currency, iso_out(s, cur), 4);
    nm__currency_note(cur, &s->ctx);
    if (range) {
        m->fields |= NM_MONEY_MIN | NM_MONEY_MAX;
        m->min = lo;
        m->max = hi;
    } else {
        m->fields |= NM_MONEY_AMOUNT;
        m->amount = lo;
    }
    /* hedge words stay outside the span */
    size_t hb;
    int bound;
    size_t hend = st;
    if ((between || from) && range)
        hend = st - 1;
    if (hend > floor && hedge_before(s, hend, floor, &hb, &bound)) {
        m->qualifier.ptr = s->text + s->tok[hb].start;
        m->qualifier.len = s->tok[hend - 1].end - s->tok[hb].start;
        if (!range && bound == 1) {
            m->fields |= NM_MONEY_MIN;
            m->min = lo;
        } else if (!range && bound == 2) {
            m->fields |= NM_MONEY_MAX;
            m->max = lo;
        }
    }
    return end;
}

/*
 * Cheap test before reading a number: could a currency belong to it? Only when a sign or
 * currency-like word touches it, or one follows within the next few tokens ("10 to 20 million
 * dollars"). Most numbers in news (dates, counts, percentages) fail here at once.
 */
static int currency_near(const scan *s, size_t i) {
    if (i > 0 && attached(&s->tok[i]) && norm_is(&s->tok[i - 1], "/"))
        return 0; /* "145.10/20": a quote, a date or a score */
    if (i > 0) {
        const nm_token *p = &s->tok[i - 1];
        if (p->type == NM_TOK_CURRENCY ||
            (NM_TOK_IS_WORD(p->type) && (filter_of_text(s, p) & (F_START | F_CODE))))
            return 1;
    }
    /* walk on through numbers, dashes, magnitudes and range words only */
    for (size_t k = i + 1; k < s->n && k <= i + 6; k++) {
        const nm_token *t = &s->tok[k];
        if (t->type == NM_TOK_CURRENCY)
            return 1;
        if (NM_TOK_IS_WORD(t->type)) {
            unsigned f = filter_of_text(s, t);
            uint32_t te;
            if ((f & (F_ANY | F_CODE)) ||
                ((f & F_NUMWORD) && (t->flags & NM_TF_HYPHEN) && mag_tail_currency(s, t, &te)))
                return 1;
            if (!(f & F_NUMWORD) && !norm_is(t, "to") && !norm_is(t, "and") &&
                !norm_is(t, "point") && !norm_is(t, "through") && !to_numeral_word(s, t))
                return 0;
        } else if (t->type != NM_TOK_NUMBER && !is_dash(t) && !norm_is(t, "/") &&
                   !norm_is(t, ".") && !norm_is(t, "'")) { /* "'": 1'250'000 */
            return 0;
        }
    }
    return 0;
}

/*
 * The first token in [t, end) that may start or announce an amount (see next_trigger), or end;
 * a word's hash in *h. Inlined twice with a constant tail: with tail 0 every token has 4 bytes
 * of text from its start (hash_mix's one load needs no bounds test), with tail 1 the last few
 * tokens of the text are read with the test.
 */
static inline __attribute__((always_inline)) const nm_token *
trigger_in(const scan *s, const nm_token *t, const nm_token *end, uint32_t *h, int tail) {
    const uint64_t *trig = s->sh->trig;
    const unsigned char *text = (const unsigned char *)s->text;
    const uint8_t *tyclass = s->sh->tyclass;
    for (; t < end; t++) {
        unsigned word = tyclass[t->type & 255];
        if (word & 2)
            break;
        uint32_t st = t->start, len = t->end - st;
        /* a word's norm is its lower-cased text unless it has a byte >= 0x80 (the normalize
         * stage folds every other word in place: no word starts with an HTML reference's '&'),
         * so the flags alone say when hash_text must read the norm */
        uint32_t hh =
            __builtin_expect((t->flags & (NM_TF_NONASCII | NM_TF_HYPHEN | NM_TF_POSSESSIVE)) != 0,
                             0) && word
                ? hash_text(s, t)
                : hash_mix(text + st, len, tail ? s->text_len - st : 4);
        if (!(word & (unsigned)(trig[hh >> 6] >> (hh & 63))))
            continue;
        if ((t->flags & (NM_TF_STOP | NM_TF_ALLCAPS)) == NM_TF_STOP && !is_a_an(s->text, t))
            continue;
        *h = hh;
        break;
    }
    return t;
}

/*
 * The first token at or after i that may start or announce an amount: a currency sign, a
 * number, or a word whose filter hash is in the trigger bitmap (a stop word only when it is
 * "a"/"an" or all capitals: "ALL"). Returns s->n when there is none, and a word's hash in *h.
 * Most tokens of a document end here, so this is one tight loop over the token array, with as
 * few data-dependent branches as it can: every token's text is hashed (a punctuation token's
 * hash is simply not used), the trigger bit decides first, and the stop word test is left to
 * the few tokens that pass it. Tokens before s->nfull are read without a bounds test.
 */
static inline size_t next_trigger(const scan *s, size_t i, uint32_t *h) {
    const nm_token *t = s->tok + i, *const full = s->tok + s->nfull, *const end = s->tok + s->n;
    if (t < full) {
        t = trigger_in(s, t, full, h, 0);
        if (t < full)
            return (size_t)(t - s->tok);
    }
    return (size_t)(trigger_in(s, t, end, h, 1) - s->tok);
}

static int money_process(void *state, const void *shared, nm_record *rec, nm_error *err) {
    (void)state;
    (void)err;
    scan s;
    s.sh = shared;
    s.tok = rec->tokens.v;
    s.n = rec->tokens.n;
    s.text = rec->text.ptr;
    s.text_len = rec->text.len;
    memset(&s.ctx, 0, sizeof s.ctx);
    s.rec = rec;
    if (s.sh == NULL)
        return NM_OK;
    /* tokens start in text order: only the last few start within 4 bytes of the end */
    s.nfull = s.n;
    while (s.nfull > 0 && (size_t)s.tok[s.nfull - 1].start + 4 > s.text_len)
        s.nfull--;
    size_t floor = 0;
    for (size_t i = 0; i < s.n;) {
        uint32_t h = 0;
        i = next_trigger(&s, i, &h);
        if (i >= s.n)
            break;
        const nm_token *t = &s.tok[i];
        unsigned ty = t->type;
        int trig = 0;
        if (ty == NM_TOK_CURRENCY) {
            trig = 1;
        } else if (ty == NM_TOK_NUMBER) {
            trig = currency_near(&s, i);
        } else {
            unsigned f = s.sh->filter[h];
            const nm_token *nx = i + 1 < s.n ? &s.tok[i + 1] : NULL;
            unsigned fn = 0;
            if (f != 0 && nx != NULL && NM_TOK_IS_WORD(nx->type))
                fn = filter_of_text(&s, nx);
            if ((f & F_CODE) && (t->flags & NM_TF_ALLCAPS))
                trig = 1;
            if ((f & F_EXPLICIT) && (fn & F_ANY)) /* "Canadian dollar" */
                trig = 1;
            if ((f & F_START) && !(f & F_NUMWORD))
                trig = 1;
            if (!trig && (f & F_CUE)) { /* "France", "Saudi Arabia": context only */
                cur_hit ch;
                i += key_at(&s, i, &ch, 1) ? (nm__currency_note(ch.c, &s.ctx), ch.ntok) : 1;
                continue;
            }
            /* "a"/"an" matter only before a number word or a currency: check the next token
             * (first, so the look-ahead below is skipped for the common "a" before a noun) */
            int a_an = t->norm.len <= 2 && (norm_is(t, "a") || norm_is(t, "an"));
            if (a_an && !(fn & (F_ANY | F_NUMWORD))) {
                i++;
                continue;
            }
            atom ha;
            if (!trig && (f & F_NUMWORD) && (t->flags & NM_TF_HYPHEN))
                trig = hyphen_amount_at(&s, i, &ha); /* "one-billion-dlr" */
            if (!trig && (f & F_NUMWORD)) {
                /* a written number is money only with a currency within a few tokens */
                for (size_t k = i + 1; k < s.n && k <= i + 6 && !trig; k++)
                    trig = s.tok[k].type == NM_TOK_CURRENCY ||
                           (NM_TOK_IS_WORD(s.tok[k].type) &&
                            (filter_of_text(&s, &s.tok[k]) & (F_ANY | F_CODE)));
            }
        }
        if (!trig) {
            i++;
            continue;
        }
        nm_money m;
        size_t end = money_at(&s, i, floor, &m);
        if (end == 0) {
            cur_hit hit;
            if (t->type != NM_TOK_NUMBER && (cur_at(&s, i, &hit) || key_at(&s, i, &hit, 1))) {
                nm__currency_note(hit.c, &s.ctx); /* "the Canadian dollar fell", "France" */
                i += hit.ntok;
            } else {
                i++;
            }
            continue;
        }
        nm_money *slot = NM__VEC_PUSH(rec->money);
        if (slot == NULL)
            return NM_ERR_NOMEM;
        *slot = m;
        floor = end;
        i = end;
    }
    return NM_OK;
}

const nm__stage nm__stage_money = {
    .name = "money",
    .bit = NM_STAGE_MONEY,
    .load = money_load,
    .unload = money_unload,
    .process = money_process,
};
