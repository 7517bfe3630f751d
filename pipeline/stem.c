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

/* Two instances of the same Porter2 algorithm: the ISO-8859-1 one stems ASCII words (every
 * byte < 0x80 reads the same in both encodings, and its code skips the UTF-8 decoding: 178 ->
 * 145 ns a word, identical stems on all 46,462 Reuters word types); the UTF-8 one the rest. */
struct nm__stemmer {
    struct sb_stemmer *sb, *ascii;
};

nm__stemmer *nm__stemmer_create(void) {
    nm__stemmer *st = malloc(sizeof *st);
    if (st == NULL)
        return NULL;
    st->sb = sb_stemmer_new("english", "UTF_8");
    st->ascii = sb_stemmer_new("english", "ISO_8859_1");
    if (st->sb == NULL || st->ascii == NULL) {
        nm__stemmer_destroy(st);
        return NULL;
    }
    return st;
}

void nm__stemmer_destroy(nm__stemmer *st) {
    if (st == NULL)
        return;
    sb_stemmer_delete(st->sb); /* each accepts NULL */
    sb_stemmer_delete(st->ascii);
    free(st);
}

nm_str nm__stem(nm__stemmer *st, const char *word, size_t len) {
    nm_str in = {word, len};
    if (st == NULL || len == 0 || len > 256)
        return in;
    unsigned char high = 0;
    for (size_t i = 0; i < len; i++)
        high |= (unsigned char)word[i];
    struct sb_stemmer *sb = high < 0x80 ? st->ascii : st->sb;
    const sb_symbol *out = sb_stemmer_stem(sb, (const sb_symbol *)word, (int)len);
    if (out == NULL)
        return in;
    int n = sb_stemmer_length(sb);
    if (n < 0)
        return in;
    return (nm_str){(const char *)out, (size_t)n};
}
