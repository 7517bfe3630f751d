/*
 * data.h — files from corpora/ embedded in the library at build time.
 *
 * CMake embeds corpora/lexicons/, corpora/models/ and corpora/stopwords.txt with .incbin
 * (cmake/embed.cmake), so the binary needs no data directory and start-up reads nothing from
 * disk. Names are paths relative to corpora/: "stopwords.txt", "lexicons/countries.tsv".
 */
#ifndef NM_DATA_H
#define NM_DATA_H

#include <stddef.h>

/** The embedded bytes of name (followed by a NUL byte not counted in *len), or NULL. */
const char *nm__data_get(const char *name, size_t *len);

/** Iterates embedded files: the i-th name, or NULL past the end. */
const char *nm__data_name(size_t i);

#endif
