/*
 * kw_stems.c — the stems known without the stemmer (see kw_stems.h).
 */
#include "kw_stems.h"

#include <string.h>

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
