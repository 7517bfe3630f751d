/*
 * kw_stems.h — the stems a keywords worker knows without the stemmer.
 *
 * A word that misses the stem cache (kw_cache.h) skips the stemmer's ~2,000 instructions when
 * its ending proves its stem (nm__kw_stem_known: "bank", "banks"), or when it is a plural whose
 * word is cached (nm__kw_stem_plural: "rates" after "rate").
 */
#ifndef NM_KW_STEMS_H
#define NM_KW_STEMS_H

#include <stddef.h>

/**
 * The length of w[0..n)'s stem when the English Porter2 stemmer (Snowball 2.x, libstemmer's
 * "english") provably stems it to a prefix of itself, else -1. n: a word that no step of the
 * algorithm changes, by its ending alone: no suffix a step removes or replaces ends it ('s'
 * but for -us and -ss that are not -ous or -ness; 'e', an apostrophe, "ed", "ing", a 'y'
 * after a consonant, "ci", "gi", "li", "ti", "ion", "ant", "ent", "er", "ator", "ism", "ic",
 * "al", "ful", "ll"), and it has no initial apostrophe (removed) and no 'Y' (lowered by the
 * postlude): "bank", "growth", "japan", "oil", "market", "dollar", "fund", "day", "point",
 * "status", "loss". n - 1: the plural of such a word, which step 1a takes back to it:
 * "banks", "markets", "dollars", "days". -1 for the others ("rates", "action"), some of which
 * the stemmer keeps too ("payment", "news"). A test of a few instructions where the stemmer
 * takes ~2,000 a word; test_keywords compares the two. *plural (may be NULL) is set to
 * nm__kw_stem_plural(w, n) when the answer is -1, so a caller need not ask again.
 */
long nm__kw_stem_known(const char *w, size_t n, int *plural);

/**
 * 1 when Porter2 provably stems w[0..n) as it stems w[0..n - 1): a plural that step 1a takes
 * back to its word ("rates" as "rate"; "companies" not: step 1a makes -ies -i; "witnesses" not:
 * -sses -ss), outside the algorithm's exceptions ("news"). Else 0, also for some words it would
 * hold for.
 */
int nm__kw_stem_plural(const char *w, size_t n);

#endif
