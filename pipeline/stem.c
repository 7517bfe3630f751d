/*
 * stem.c — per-worker wrapper over libstemmer's English (Porter2) stemmer, see stem.h.
 *
 * libstemmer (Debian libstemmer-dev, BSD) is the reference Snowball implementation; wrapping it
 * keeps its types out of the other stages and makes failures harmless (the word is returned
 * as is): "prices" => "price", "running" => "run", "Ukraine's" should be stripped of 's by the
 * caller first.
 */
#include "stem.h"

#include <libstemmer.h>
#include <stdlib.h>

struct nm__stemmer {
    struct sb_stemmer *sb;
};

nm__stemmer *nm__stemmer_create(void) {
    nm__stemmer *st = malloc(sizeof *st);
    if (st == NULL)
        return NULL;
    st->sb = sb_stemmer_new("english", "UTF_8");
    if (st->sb == NULL) {
        free(st);
        return NULL;
    }
    return st;
}

void nm__stemmer_destroy(nm__stemmer *st) {
    if (st == NULL)
        return;
    sb_stemmer_delete(st->sb);
    free(st);
}

nm_str nm__stem(nm__stemmer *st, const char *word, size_t len) {
    nm_str in = {word, len};
    if (st == NULL || len == 0 || len > 256)
        return in;
    const sb_symbol *out = sb_stemmer_stem(st->sb, (const sb_symbol *)word, (int)len);
    if (out == NULL)
        return in;
    int n = sb_stemmer_length(st->sb);
    if (n < 0)
        return in;
    return (nm_str){(const char *)out, (size_t)n};
}
