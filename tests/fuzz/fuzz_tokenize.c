/*
 * fuzz_tokenize.c — libFuzzer target: the tokenizer, sentence splitter and normalizer on any
 * text (invalid UTF-8 is first repaired, as decode would under --invalid-utf8 replace).
 *
 * Checks the token contract of SPEC.md: ordered, non-overlapping spans inside the text, and
 * sentences that index existing tokens.
 */
#include <string.h>

#include "arena.h"
#include "fuzzutil.h"
#include "normalize.h"
#include "tokenize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static fuzz_chain chain;
    static nm_record rec;
    static nm__buf fixed;
    static nm__normalizer *nz;
    static nm__arena ref_arena;
    if (chain.n == 0) {
        const nm__stage *const stages[] = {&nm__stage_tokenize, &nm__stage_normalize};
        fuzz_chain_init(&chain, stages, 2);
        nz = nm__normalizer_create();
    }
    nm__arena_reset(&ref_arena);
    nm__record_reset(&rec);
    fuzz_set_text(&rec, &fixed, data, size);
    FUZZ_CHECK(fuzz_chain_run(&chain, &rec) == NM_OK);
    fuzz_check_spans(&rec);
    for (size_t i = 0; i < rec.tokens.n; i++) {
        const nm_token *t = &rec.tokens.v[i];
        FUZZ_CHECK(t->norm.ptr != NULL || t->norm.len == 0);
        FUZZ_CHECK(nm__utf8_check(t->norm.ptr, t->norm.len) == t->norm.len);
        FUZZ_CHECK(nm__token_type_name(t->type) != NULL);
        /* the stage's fast paths agree with the reference normalizer and stop-word lookup */
        const char *ts = rec.text.ptr + t->start;
        size_t tl = t->end - t->start;
        nm_str norm, key;
        FUZZ_CHECK(nm__normalize(nz, &ref_arena, ts, tl, t->type == NM_TOK_EMOJI, &norm, &key) ==
                   NM_OK);
        FUZZ_CHECK(norm.len == t->norm.len && memcmp(norm.ptr, t->norm.ptr, norm.len) == 0);
        FUZZ_CHECK(key.len == t->key.len && memcmp(key.ptr, t->key.ptr, key.len) == 0);
        int stop = (t->type == NM_TOK_WORD || t->type == NM_TOK_ABBREV) &&
                   nm__stopwords_has(chain.shared[1], norm.ptr, norm.len);
        FUZZ_CHECK(((t->flags & NM_TF_STOP) != 0) == stop);
        int upper = 0;
        for (size_t k = 0; k < tl; k++)
            upper |= ts[k] >= 'A' && ts[k] <= 'Z';
        /* case flags describe the characters a word's HTML references stand for ("v&#5041;",
         * U+13B1, upper case), so only a token without '&' must match its ASCII bytes */
        if (!(t->flags & NM_TF_NONASCII) && memchr(ts, '&', tl) == NULL)
            FUZZ_CHECK(((t->flags & NM_TF_HAS_UPPER) != 0) == upper);
    }
    return 0;
}
