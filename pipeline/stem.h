/*
 * stem.h — per-worker English Snowball stemmer (libstemmer) for keyword terms.
 *
 * libstemmer's sb_stemmer keeps its work buffer inside the stemmer, so each worker makes its
 * own (the keywords stage, in its init) and stems only candidate words, not every token:
 *   nm__stem(st, "markets", 7) => "market";  "generously" => "generous".
 * Input is a normalized (lower-case) UTF-8 word; the Porter2 "english" algorithm is used.
 */
#ifndef NM_STEM_H
#define NM_STEM_H

#include <stddef.h>

#include "newsmine/annotation.h"

typedef struct nm__stemmer nm__stemmer;

/** An English stemmer; caller frees with nm__stemmer_destroy(). NULL when out of memory. */
nm__stemmer *nm__stemmer_create(void);

/** Frees it. Accepts NULL. */
void nm__stemmer_destroy(nm__stemmer *st);

/**
 * The stem of word[0, len): borrowed; valid until the next nm__stem() call on st (copy it into
 * the record arena to keep it). Words over 256 bytes and stemmer failures return the word
 * itself. Not thread-safe per stemmer: one per worker.
 */
nm_str nm__stem(nm__stemmer *st, const char *word, size_t len);

#endif
