/*
 * kw_stems.c — word -> stem results shared by a pipeline's keywords workers, and the stems known
 * without the stemmer (see kw_stems.h).
 */
#include "kw_stems.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* Pool bytes per entry the table can take: a header, a word and its stem of ~8 bytes each. */
enum { ENTRY_BYTES_AVG = 40 };

struct nm__stem_share {
    _Atomic(nm__shared_stem *) *slot;
    size_t mask;
    atomic_size_t used;      /* slots taken */
    char *pool;              /* the entries' bytes, handed out by a bump offset */
    size_t pool_cap;
    atomic_size_t pool_used;
};

nm__stem_share *nm__stem_share_new(size_t slots) {
    nm__stem_share *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->slot = calloc(slots, sizeof *s->slot);
    s->pool_cap = slots / 2 * ENTRY_BYTES_AVG; /* pages are touched only as entries come */
    s->pool = malloc(s->pool_cap);
    if (s->slot == NULL || s->pool == NULL) {
        free(s->slot);
        free(s->pool);
        free(s);
        return NULL;
    }
    s->mask = slots - 1;
    atomic_init(&s->used, 0);
    atomic_init(&s->pool_used, 0);
    return s;
}

void nm__stem_share_free(nm__stem_share *s) {
    if (s == NULL)
        return;
    free(s->pool);
    free(s->slot);
    free(s);
}

static int same_word(const nm__shared_stem *e, uint32_t h, const char *w, size_t n) {
    return e->hash == h && e->klen == n && memcmp(e->bytes, w, n) == 0;
}

const nm__shared_stem *nm__stem_share_get(const nm__stem_share *s, uint32_t h, const char *w,
                                          size_t n) {
    for (size_t i = h & s->mask;; i = (i + 1) & s->mask) {
        nm__shared_stem *e = atomic_load_explicit(&s->slot[i], memory_order_acquire);
        if (e == NULL || same_word(e, h, w, n))
            return e;
    }
}

void nm__stem_share_put(nm__stem_share *s, uint32_t h, const char *w, size_t n, const char *st,
                        size_t sl, uint32_t shash, uint32_t df, uint8_t cls) {
    if (n > NM__STEM_SHARE_MAXLEN || sl > NM__STEM_SHARE_MAXLEN ||
        atomic_load_explicit(&s->used, memory_order_relaxed) >= (s->mask + 1) / 2)
        return;
    size_t need = (sizeof(nm__shared_stem) + n + sl + 7) & ~(size_t)7;
    size_t at = atomic_fetch_add_explicit(&s->pool_used, need, memory_order_relaxed);
    if (at + need > s->pool_cap)
        return; /* the pool is spent: the table is a cache */
    nm__shared_stem *mine = (nm__shared_stem *)(s->pool + at);
    *mine = (nm__shared_stem){.hash = h, .shash = shash, .df = df, .klen = (uint8_t)n,
                              .slen = (uint8_t)sl, .cls = cls};
    memcpy(mine->bytes, w, n);
    memcpy(mine->bytes + n, st, sl);
    for (size_t i = h & s->mask;; i = (i + 1) & s->mask) {
        nm__shared_stem *e = NULL;
        if (atomic_compare_exchange_strong_explicit(&s->slot[i], &e, mine, memory_order_release,
                                                    memory_order_acquire)) {
            atomic_fetch_add_explicit(&s->used, 1, memory_order_relaxed);
            return;
        }
        if (same_word(e, h, w, n))
            return; /* another worker was first: mine stays unused in the pool */
    }
}

/* Does Porter2 leave w[0..n) (n >= 1) as it is, by its ending (nm__kw_stem_known)? */
static int kept(const char *w, size_t n) {
    if (w[0] == '\'' || memchr(w, 'Y', n) != NULL)
        return 0;
    unsigned char c = (unsigned char)w[n - 1], p = n >= 2 ? (unsigned char)w[n - 2] : 0;
    switch (c) {
    case 's': /* step 1a leaves -us and -ss, and of the later steps' suffixes only -ous,
               * -ness end so: not "status", "bonus", "congress", "loss" */
        if (p == 'u')
            return !(n >= 3 && w[n - 3] == 'o');
        return p == 's' && !(n >= 4 && w[n - 3] == 'e' && w[n - 4] == 'n');
    case 'e': case '\'':
        return 0; /* step 5 (-e) and many more; step 0 */
    case 'd':
        return p != 'e'; /* -ied, -ed, -eed */
    case 'g':
        return !(p == 'n' && n >= 3 && w[n - 3] == 'i'); /* -ing */
    case 'y': /* -edly, -ingly, -eedly; step 1c makes y i after a consonant */
        return p == 'a' || p == 'e' || p == 'i' || p == 'o' || p == 'u';
    case 'i':
        return p != 'c' && p != 'g' && p != 'l' && p != 't'; /* -anci, -ogi, -li, -iti ... */
    case 'n':
        return !(p == 'o' && n >= 3 && w[n - 3] == 'i'); /* -ion, -ation, -ization */
    case 't': /* -ant, -ent, -ment, -ement: not "point", "amount" */
        return !(p == 'n' && n >= 3 && (w[n - 3] == 'a' || w[n - 3] == 'e'));
    case 'r': /* -er, -izer, -ator: not "sector", "dollar" */
        return p != 'e' && !(p == 'o' && n >= 4 && w[n - 3] == 't' && w[n - 4] == 'a');
    case 'm':
        return !(p == 's' && n >= 3 && w[n - 3] == 'i'); /* -ism, -alism */
    case 'c':
        return p != 'i'; /* -ic */
    case 'l': /* -al, -ical, -(a)tional, -ful, step 5's -ll: not "oil", "seoul" */
        return p != 'a' && p != 'l' && !(p == 'u' && n >= 3 && w[n - 3] == 'f');
    default:
        return 1; /* no suffix of the algorithm ends in another byte */
    }
}

/* Has w[0..n) a vowel of Porter2: a, e, i, o or u (a 'y' is one only after a consonant: not
 * counted, so a word whose only vowel is a 'y' fails the test)? */
static int has_vowel(const char *w, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (w[i] == 'a' || w[i] == 'e' || w[i] == 'i' || w[i] == 'o' || w[i] == 'u')
            return 1;
    return 0;
}

/* Is w[0..n) one of words[]? */
static int listed(const char *w, size_t n, const char *const *words, size_t nw) {
    for (size_t i = 0; i < nw; i++)
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
            return 1;
    return 0;
}

int nm__kw_stem_plural(const char *w, size_t n) {
    /* Step 1a removes the s after a word x that has a vowel before its last letter and does
     * not end in s, u, ie, sse or an apostrophe; the later steps then see x as stemming x does:
     * its own step 1a finds nothing when x does not end in s, ied or an apostrophe either,
     * and the regions differ only past x's end, where no suffix test looks. Porter2's
     * exceptions are left out: it keeps "news" whole and "sky" as it is ("skys": "ski"). */
    static const char *const invariant[] = {"news", "atlas", "cosmos", "bias", "andes", "skis"};
    static const char *const special[] = {"sky",   "howe",  "idly",  "gently", "ugly", "early",
                                          "only",  "singly", "dying", "lying",  "tying"};
    if (n < 4 || n > 256 || w[n - 1] != 's' || w[0] == '\'' || memchr(w, 'Y', n) != NULL)
        return 0; /* nm__stem returns a word over 256 bytes as it is */
    unsigned char c = (unsigned char)w[n - 2], b = (unsigned char)w[n - 3];
    /* -ies and -sses are step 1a's other cases ("witnesses": "witness", not "witnesse") */
    int ies_sses = c == 'e' && (b == 'i' || (b == 's' && w[n - 4] == 's'));
    if (c == 's' || c == 'u' || c == '\'' || ies_sses ||
        (c == 'd' && b == 'e' && w[n - 4] == 'i') || !has_vowel(w, n - 2))
        return 0;
    return !listed(w, n, invariant, sizeof invariant / sizeof *invariant) &&
           !listed(w, n - 1, special, sizeof special / sizeof *special);
}

long nm__kw_stem_known(const char *w, size_t n, int *plural) {
    int pl = 0;
    long known = -1;
    if (n == 0 || n > 256) /* nm__stem returns a longer word as it is, plural or not */
        known = -1;
    else if (kept(w, n))
        known = (long)n;
    else if ((pl = nm__kw_stem_plural(w, n)) && kept(w, n - 1))
        known = (long)n - 1; /* the plural of a kept word: that word ("banks") */
    if (plural)
        *plural = pl;
    return known;
}
