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
 * later bare "$".
 */
#include <stdlib.h>
#include <string.h>

#include "currency.h"
#include "number.h"
#include "stage.h"

#define FILTER_BITS 16
#define FILTER_WORDS ((1u << FILTER_BITS) / 64)
#define MAX_KEY_WORDS 4

typedef struct money_shared {
    nm__currency_table *cur;
    uint64_t filter[FILTER_WORDS]; /* first words of currency keys and number words */
} money_shared;

static uint32_t hash_key(const char *p, size_t len) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)p[i]) * 16777619u;
    return (h ^ (h >> 16)) & ((1u << FILTER_BITS) - 1);
}

static void filter_add(money_shared *s, const char *p, size_t len) {
    uint32_t h = hash_key(p, len);
    s->filter[h >> 6] |= 1ull << (h & 63);
}

/* Hyphenated words are looked up by their first part: "forty-two", "d-mark". */
static int filter_has(const money_shared *s, const char *p, size_t len) {
    const char *hy = len > 1 ? memchr(p + 1, '-', len - 1) : NULL;
    uint32_t h = hash_key(p, hy ? (size_t)(hy - p) : len);
    return (s->filter[h >> 6] >> (h & 63)) & 1;
}

static int money_load(void **shared, const nm_options *opts, nm_error *err) {
    static const char *const WORDS[] = {
        "zero",    "one",      "two",      "three",   "four",     "five",    "six",
        "seven",   "eight",    "nine",     "ten",     "eleven",   "twelve",  "thirteen",
        "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen", "twenty",
        "thirty",  "forty",    "fifty",    "sixty",   "seventy",  "eighty",  "ninety",
        "a",       "an",       "half",     "hundred", "dozen"};
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
        filter_add(s, c->key, w);
    }
    for (size_t i = 0; i < sizeof WORDS / sizeof WORDS[0]; i++)
        filter_add(s, WORDS[i], strlen(WORDS[i]));
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
    nm__currency_ctx ctx;
} scan;

static int norm_is(const nm_token *t, const char *lit) {
    size_t l = strlen(lit);
    return t->norm.len == l && memcmp(t->norm.ptr, lit, l) == 0;
}

static int attached(const nm_token *t) { return !(t->flags & NM_TF_SPACE_BEFORE); }

/* A currency found at tokens [i, i + ntok). */
typedef struct cur_hit {
    const nm__currency *c;
    size_t ntok;
} cur_hit;

/*
 * The longest currency key starting at token i (words joined by one space; a trailing attached
 * "." is taken when the key with it exists: "Rs."). Codes need an all-capitals token.
 */
static int cur_at(const scan *s, size_t i, cur_hit *out) {
    char key[128];
    size_t klen = 0;
    const nm__currency *best = NULL;
    size_t best_n = 0;
    if (i >= s->n)
        return 0;
    const nm_token *t0 = &s->tok[i];
    if (t0->type != NM_TOK_CURRENCY && !NM_TOK_IS_WORD(t0->type))
        return 0;
    if (t0->type != NM_TOK_CURRENCY && !filter_has(s->sh, t0->norm.ptr, t0->norm.len))
        return 0;
    for (size_t k = 0; k < MAX_KEY_WORDS && i + k < s->n; k++) {
        const nm_token *t = &s->tok[i + k];
        if (t->type != NM_TOK_CURRENCY && !NM_TOK_IS_WORD(t->type))
            break;
        if (k > 0 && !(t->flags & NM_TF_SPACE_BEFORE))
            break;
        if (klen + (k > 0) + t->norm.len > sizeof key)
            break;
        if (k > 0)
            key[klen++] = ' ';
        memcpy(key + klen, t->norm.ptr, t->norm.len);
        klen += t->norm.len;
        const nm__currency *c = nm__currency_find(s->sh->cur, key, klen);
        if (c != NULL) {
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
        if (!nm__currency_has_longer(s->sh->cur, key, klen))
            break;
    }
    if (best == NULL)
        return 0;
    /* "Rs." "Fr." "kr.": take the attached period when that form is a key */
    size_t j = i + best_n;
    if (j < s->n && s->tok[j].type == NM_TOK_PUNCT && attached(&s->tok[j]) &&
        norm_is(&s->tok[j], ".") && klen + 1 < sizeof key && best_n == 1) {
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

/* A number at tokens [i, i + ntok): a numeral or written number, times its magnitude. */
typedef struct num_hit {
    nm_decimal v;
    size_t ntok;
    int mag;      /* magnitude power applied (0 = none) */
    int written;  /* written in words */
} num_hit;

static int is_number(const scan *s, size_t i) { return i < s->n && s->tok[i].type == NM_TOK_NUMBER; }

/* A fraction "3/4" at tokens i..i+2 (all touching). */
static int fraction_at(const scan *s, size_t i, nm_decimal *v) {
    if (!is_number(s, i) || !is_number(s, i + 2) || !norm_is(&s->tok[i + 1], "/") ||
        !attached(&s->tok[i + 1]) || !attached(&s->tok[i + 2]))
        return 0;
    return nm__number_parse_all(s->text + s->tok[i].start, s->tok[i + 2].end - s->tok[i].start, v);
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
    if (!nm__number_parse_all(s->text + t->start, t->end - t->start, v))
        return 0;
    size_t j = i + 1, len = t->end - t->start;
    nm_decimal f;
    if (v->exp >= 0 && j < s->n && (!attached(&s->tok[j]) || norm_is(&s->tok[j], "-"))) {
        size_t k = norm_is(&s->tok[j], "-") ? j + 1 : j;
        if ((k == j || attached(&s->tok[k])) && fraction_at(s, k, &f) &&
            nm__decimal_cmp(f, (nm_decimal){1, 0}) < 0 && nm__decimal_add(v, f))
            return k + 3 - i;
    }
    /* "1 250 000": only 1-3 digit heads, 3-digit groups, one space apart */
    if (len <= 3 && v->exp >= 0) {
        nm_decimal w = *v;
        while (is_number(s, j) && s->tok[j].start == s->tok[j - 1].end + 1 &&
               s->text[s->tok[j - 1].end] == ' ' && s->tok[j].end - s->tok[j].start == 3) {
            nm_decimal g;
            const char *p = s->text + s->tok[j].start;
            if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' &&
                  p[2] <= '9') ||
                !nm__number_parse_all(p, 3, &g) || !nm__decimal_scale(&w, 3) ||
                !nm__decimal_add(&w, g))
                break;
            *v = w;
            j++;
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
    } else if (NM_TOK_IS_WORD(s->tok[i].type) &&
               filter_has(s->sh, s->tok[i].norm.ptr, s->tok[i].norm.len)) {
        size_t used = nm__number_words(&s->tok[i], s->n - i, &v);
        if (used == 0)
            return 0;
        j = i + used;
        out->written = 1;
        /* a written number already took its scale words ("five million") */
        if (j > i && nm__number_magnitude(s->tok[j - 1].norm.ptr, s->tok[j - 1].norm.len) >= 3)
            out->mag = nm__number_magnitude(s->tok[j - 1].norm.ptr, s->tok[j - 1].norm.len);
    } else {
        return 0;
    }
    if (j < s->n && !out->mag && NM_TOK_IS_WORD(s->tok[j].type)) {
        const nm_token *m = &s->tok[j];
        int e = nm__number_magnitude(m->norm.ptr, m->norm.len);
        if (e > 0 && m->norm.len <= 2 && !attached(m)) {
            /* spaced short suffix: only "bn", "mn", "tn" or after a sign with nothing after */
            int two = m->norm.len == 2 && !norm_is(m, "cr") && !norm_is(m, "mm");
            int lone = has_cur && (j + 1 >= s->n || !NM_TOK_IS_WORD(s->tok[j + 1].type));
            if (!two && !lone)
                e = 0;
        }
        if (e > 0 && out->written && e < 3)
            e = 0;
        if (e > 0 && nm__decimal_scale(&v, e)) {
            out->mag = e;
            j++;
            /* "5 hundred thousand", "1.5 lakh crore" */
            if (j < s->n && NM_TOK_IS_WORD(s->tok[j].type) && e < 9) {
                int e2 = nm__number_magnitude(s->tok[j].norm.ptr, s->tok[j].norm.len);
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
    nm_decimal v;   /* already in the major unit */
    int mag;
    int written;
    const nm__currency *cur; /* NULL when none */
    int minor_post;          /* the currency was a minor unit after the number */
} atom;

static int is_dash(const nm_token *t) {
    return t->type == NM_TOK_PUNCT && (norm_is(t, "-") || norm_is(t, "\xe2\x80\x93") ||
                                       norm_is(t, "\xe2\x80\x94"));
}

static int atom_at(const scan *s, size_t i, int need_cur, atom *a) {
    cur_hit pre = {0}, post = {0};
    num_hit num;
    memset(a, 0, sizeof *a);
    a->start = i;
    if (i >= s->n)
        return 0;
    if (cur_at(s, i, &pre)) {
        const nm__currency *c = pre.c;
        int prefix_ok = (c->flags & (NM__CUR_SYMBOL | NM__CUR_CODE | NM__CUR_PREFIX)) ||
                        s->tok[i].type == NM_TOK_CURRENCY;
        if (!prefix_ok || (c->flags & NM__CUR_MINOR))
            return 0;
        i += pre.ntok;
        a->cur = c;
    }
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
            if (i > 0 && (s->tok[i - 1].type == NM_TOK_NUMBER || cur_at(s, i - 1, &pre) ||
                          norm_is(&s->tok[i - 1], "per")))
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
    i += num.ntok;
    a->v = num.v;
    a->mag = num.mag;
    a->written = num.written;
    if (cur_at(s, i, &post)) {
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
        if (take) {
            if (a->cur == NULL) {
                a->cur = c;
                if (c->flags & NM__CUR_MINOR) {
                    a->minor_post = 1;
                    a->v.exp += c->minor;
                }
            }
            i += post.ntok;
        }
    }
    a->end = i;
    if (a->cur == NULL && need_cur)
        return 0;
    return 1;
}

static const char *const CHANGE_VERBS[] = {
    "rose",     "fell",     "up",      "down",     "increased", "decreased", "raised",
    "cut",      "lowered",  "gained",  "lost",     "climbed",   "dropped",   "jumped",
    "slipped",  "eased",    "declined", "by",      "rising",    "falling",   "soared",
    "plunged",  "tumbled",  "surged",  "slumped",  "advanced",  "increase",  "rise",
    "fall",     "drop",     "gain",    "reduced",  "boosted",   "firmed",    "weakened",
    "strengthened", "slid", "sank",    "grew",     "shed",      "added",     "lifted"};

static int is_change_verb(const nm_token *t) {
    for (size_t i = 0; i < sizeof CHANGE_VERBS / sizeof CHANGE_VERBS[0]; i++)
        if (norm_is(t, CHANGE_VERBS[i]))
            return 1;
    return 0;
}

/* Hedges: the phrase, and whether it opens a lower (1) or upper (2) bound, or neither (0). */
typedef struct hedge {
    const char *w[3];
    int bound;
} hedge;

static const hedge HEDGES[] = {
    {{"no", "more", "than"}, 2},  {{"no", "less", "than"}, 1},  {{"not", "more", "than"}, 2},
    {{"in", "excess", "of"}, 1},  {{"as", "much", "as"}, 2},    {{"as", "little", "as"}, 0},
    {{"as", "many", "as"}, 2},    {{"more", "than", NULL}, 1},  {{"less", "than", NULL}, 2},
    {{"fewer", "than", NULL}, 2}, {{"at", "least", NULL}, 1},   {{"at", "most", NULL}, 2},
    {{"up", "to", NULL}, 2},      {{"close", "to", NULL}, 0},   {{"upwards", "of", NULL}, 1},
    {{"just", "over", NULL}, 1},  {{"just", "under", NULL}, 2}, {{"well", "over", NULL}, 1},
    {{"lower", "than", NULL}, 2}, {{"higher", "than", NULL}, 1}, {{"greater", "than", NULL}, 1},
    {{"just", "below", NULL}, 2}, {{"just", "above", NULL}, 1}, {{"about", NULL, NULL}, 0},
    {{"nearly", NULL, NULL}, 0},  {{"almost", NULL, NULL}, 0},  {{"around", NULL, NULL}, 0},
    {{"approximately", NULL, NULL}, 0}, {{"roughly", NULL, NULL}, 0}, {{"some", NULL, NULL}, 0},
    {{"approx", NULL, NULL}, 0},  {{"circa", NULL, NULL}, 0},   {{"exactly", NULL, NULL}, 0},
    {{"over", NULL, NULL}, 1},    {{"under", NULL, NULL}, 2},   {{"above", NULL, NULL}, 1},
    {{"below", NULL, NULL}, 2},   {{"nearly", NULL, NULL}, 0},  {{"an", "estimated", NULL}, 0},
    {{"only", NULL, NULL}, 0},    {{"just", NULL, NULL}, 0},    {{"maximum", NULL, NULL}, 2},
    {{"minimum", NULL, NULL}, 1},
};

/* The hedge ending right before token s (not before floor): its first token and bound. */
static int hedge_before(const scan *s, size_t st, size_t floor, size_t *first, int *bound) {
    for (size_t h = 0; h < sizeof HEDGES / sizeof HEDGES[0]; h++) {
        size_t nw = HEDGES[h].w[2] ? 3 : HEDGES[h].w[1] ? 2 : 1;
        if (st < floor + nw)
            continue;
        size_t b = st - nw;
        int ok = 1;
        for (size_t k = 0; k < nw && ok; k++)
            ok = NM_TOK_IS_WORD(s->tok[b + k].type) && norm_is(&s->tok[b + k], HEDGES[h].w[k]);
        if (ok) {
            *first = b;
            *bound = HEDGES[h].bound;
            return 1;
        }
    }
    return 0;
}

static const char *iso_of(const scan *s, const nm__currency *c) {
    return nm__currency_resolve(c, &s->ctx);
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
        if (ok_sep && norm_is(sep, "to") && !from && !between && lead > floor &&
            is_change_verb(&s->tok[lead - 1]))
            ok_sep = 0;
        if (ok_sep && atom_at(s, a.end + 1, 0, &b) && !a.minor_post == !b.minor_post) {
            nm_decimal va = a.v;
            int cur_ok = 1;
            if (a.cur && b.cur && strcmp(iso_of(s, a.cur), iso_of(s, b.cur)) != 0)
                cur_ok = 0;
            if (!a.cur && !b.cur)
                cur_ok = 0;
            /* "$3-5 billion", "$3 to $4 million": the magnitude of B applies to A */
            if (!a.mag && b.mag && !a.written && !nm__decimal_scale(&va, b.mag))
                cur_ok = 0;
            if (!a.cur && b.minor_post)
                va.exp += b.cur->minor;
            if (cur_ok && nm__decimal_cmp(va, b.v) < 0) {
                range = 1;
                lo = va;
                hi = b.v;
                end = b.end;
                if (cur == NULL)
                    cur = b.cur;
            }
        }
    }
    if (cur == NULL)
        return 0;
    /* "$20 and 43 cents", "20 dollars 43 cents", "$20 43" at the end */
    if (!range && !a.minor_post && !a.mag && a.v.exp >= 0 && end < s->n) {
        size_t k = end;
        if (norm_is(&s->tok[k], "and"))
            k++;
        num_hit c;
        cur_hit mu = {0};
        if (k < s->n && num_at(s, k, 0, &c) && !c.mag && c.v.exp == 0 && c.v.mant > 0 &&
            c.v.mant < 100) {
            size_t e = k + c.ntok;
            int has_minor = cur_at(s, e, &mu) && (mu.c->flags & NM__CUR_MINOR);
            int at_end = e >= s->n ||
                         (s->tok[e].type == NM_TOK_PUNCT && !norm_is(&s->tok[e], "-"));
            if (has_minor || at_end) {
                nm_decimal frac = {c.v.mant, -2};
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
    if (st > floor && is_dash(&s->tok[st - 1]) && attached(&s->tok[st]) &&
        (st - 1 == floor || !attached(&s->tok[st - 1]) || s->tok[st - 2].type == NM_TOK_PUNCT)) {
        m->fields |= NM_MONEY_NEGATIVE;
        st--;
    } else if (st > floor && norm_is(&s->tok[st - 1], "minus")) {
        m->fields |= NM_MONEY_NEGATIVE;
        st--;
    }
    m->start = s->tok[st].start;
    m->end = s->tok[end - 1].end;
    memcpy(m->currency, iso_of(s, cur), 4);
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

static int money_process(void *state, const void *shared, nm_record *rec, nm_error *err) {
    (void)state;
    (void)err;
    scan s;
    s.sh = shared;
    s.tok = rec->tokens.v;
    s.n = rec->tokens.n;
    s.text = rec->text.ptr;
    memset(&s.ctx, 0, sizeof s.ctx);
    if (s.sh == NULL)
        return NM_OK;
    size_t floor = 0;
    for (size_t i = 0; i < s.n;) {
        const nm_token *t = &s.tok[i];
        int trig = t->type == NM_TOK_NUMBER || t->type == NM_TOK_CURRENCY ||
                   (NM_TOK_IS_WORD(t->type) && filter_has(s.sh, t->norm.ptr, t->norm.len));
        if (!trig) {
            i++;
            continue;
        }
        nm_money m;
        size_t end = money_at(&s, i, floor, &m);
        if (end == 0) {
            cur_hit h;
            if (t->type != NM_TOK_NUMBER && cur_at(&s, i, &h)) {
                nm__currency_note(h.c, &s.ctx); /* "the Canadian dollar fell" */
                i += h.ntok;
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
