/*
 * normalize.h — token keys for matching and scoring (internal API of the normalize stage).
 *
 * norm = NFKC + case fold, with typographic quotes (’ ‘ ‛ ′ => ', “ ” „ ″ « » => "), dashes
 * (‐ ‑ ‒ – — ― − => -) and spaces (NBSP, thin, ... => ' ') unified to ASCII, default-ignorable
 * characters (soft hyphen, ZWSP) dropped except inside emoji, cp1252 quotes and dashes
 * mis-decoded as U+0091..U+0097 repaired, a token that is an HTML character reference decoded
 * ("&#xa3;" => "£"); key = norm with diacritics
 * stripped (NFKD, marks removed) and ł ø đ ħ ı æ œ ð þ spelled out:
 *   "Zélensky’s" => norm "zélensky's", key "zelensky's";  "ＡＢＣ" => "abc";  "Straße" =>
 * "strasse". ASCII tokens never reach utf8proc: they are lower-cased into the arena, or borrowed
 * from the text when already lower-case.
 */
#ifndef NM_NORMALIZE_H
#define NM_NORMALIZE_H

#include <stddef.h>

#include <utf8proc.h>

#include "arena.h"
#include "newsmine/annotation.h"

/** Per-worker scratch for normalization (code point buffers). */
typedef struct nm__normalizer nm__normalizer;

/** A normalizer; caller frees with nm__normalizer_destroy(). NULL when out of memory. */
nm__normalizer *nm__normalizer_create(void);
/** Frees it. Accepts NULL. */
void nm__normalizer_destroy(nm__normalizer *nz);

/**
 * Normalizes s[0, len) (valid UTF-8) into *norm and *key (either may be NULL): owned by arena,
 * or borrowed from s when identical to it. emoji = 1 keeps ZWJ and variation selectors.
 * NM_OK or NM_ERR_NOMEM. Not thread-safe per normalizer: one per worker.
 */
int nm__normalize(nm__normalizer *nz, nm__arena *arena, const char *s, size_t len, int emoji,
                  nm_str *norm, nm_str *key);

/**
 * The code point normalization maps cp to before decomposition: typographic quotes,
 * apostrophes, dashes and spaces to their ASCII forms, Turkish İ to I, the rest as it is. A
 * utf8proc custom function (data unused), for other code that must key text as tokens are
 * keyed (the keywords stage's entity names).
 */
utf8proc_int32_t nm__normalize_unify(utf8proc_int32_t cp, void *data);

/** A read-only stop-word set (from corpora/stopwords.txt); shareable across threads. */
typedef struct nm__stopwords nm__stopwords;

/** Builds the set from newline-separated words (# starts a comment line). Caller frees with
 *  nm__stopwords_destroy(). NULL when out of memory. */
nm__stopwords *nm__stopwords_create(const char *data, size_t len);
/** Frees it. Accepts NULL. */
void nm__stopwords_destroy(nm__stopwords *sw);
/** Is the normalized word s[0, len) a stop word? Thread-safe. */
int nm__stopwords_has(const nm__stopwords *sw, const char *s, size_t len);

#endif
