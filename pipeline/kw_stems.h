/*
 * kw_stems.h — word -> stem results shared by every keywords worker of a pipeline.
 *
 * Each worker keeps its own stem cache (keywords.c), but a cold cache stems every word of the
 * vocabulary once per worker, at ~2,300 instructions a word (libstemmer): on Reuters that is
 * 3% of all instructions at -j1 and it grows with every thread (+49 M instructions at -j2,
 * +1.3%). A worker that misses its own cache looks here first; a word it had to stem is
 * published here for the others.
 *
 * The table is the one piece of stage data that changes while workers run: an insert-only
 * open-addressing table of pointers set once with compare-and-swap. An entry never changes
 * after it is published, so a reader that sees a pointer (acquire) sees the whole entry. The
 * table stops taking words at half full or when its pool of entry bytes is spent; the entries
 * live in that pool and are freed with the table.
 *
 * A worker's miss skips the stemmer too for a word whose stem its ending proves
 * (nm__kw_stem_known: "bank", "banks"), or a plural whose word it has cached
 * (nm__kw_stem_plural: "rates" after "rate").
 */
#ifndef NM_KW_STEMS_H
#define NM_KW_STEMS_H

#include <stddef.h>
#include <stdint.h>

typedef struct nm__stem_share nm__stem_share;

/* One word and what stem_word derives from it; bytes holds the word, then the stem. */
typedef struct nm__shared_stem {
    uint32_t hash;  /* the word's hash, as the caller computes it */
    uint32_t shash; /* the stem's hash */
    uint32_t df;    /* the stem's df in the model (as the caller defines it) */
    uint8_t klen, slen;
    uint8_t cls;    /* the caller's word class bits */
    char bytes[];
} nm__shared_stem;

/** The longest word (and stem) the table takes, in bytes. */
#define NM__STEM_SHARE_MAXLEN 64

/** Makes an empty table of slots entries (a power of two). NULL when out of memory. */
nm__stem_share *nm__stem_share_new(size_t slots);
/** Frees the table and every entry. Accepts NULL. */
void nm__stem_share_free(nm__stem_share *s);

/** The entry of word w[0..n) with hash h, or NULL when no worker has published it. */
const nm__shared_stem *nm__stem_share_get(const nm__stem_share *s, uint32_t h, const char *w,
                                          size_t n);

/** Publishes word w[0..n) (hash h) with its stem st[0..sl) and facts, unless the table is half
 *  full, its entry pool is spent or a length exceeds NM__STEM_SHARE_MAXLEN (then nothing
 *  happens: the table is a cache). Thread-safe; a word published twice keeps its first entry. */
void nm__stem_share_put(nm__stem_share *s, uint32_t h, const char *w, size_t n, const char *st,
                        size_t sl, uint32_t shash, uint32_t df, uint8_t cls);

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
