/*
 * fuzz_tokenize.c — libFuzzer target: the tokenizer, sentence splitter and normalizer on any
 * text (invalid UTF-8 is first repaired, as decode would under --invalid-utf8 replace).
 *
 * Checks the token contract of SPEC.md: ordered, non-overlapping spans inside the text, and
 * sentences that index existing tokens.
 */
#include "fuzzutil.h"
#include "tokenize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static fuzz_chain chain;
    static nm_record rec;
    static nm__buf fixed;
    if (chain.n == 0) {
        const nm__stage *const stages[] = {&nm__stage_tokenize, &nm__stage_normalize};
        fuzz_chain_init(&chain, stages, 2);
    }
    nm__record_reset(&rec);
    fuzz_set_text(&rec, &fixed, data, size);
    FUZZ_CHECK(fuzz_chain_run(&chain, &rec) == NM_OK);
    fuzz_check_spans(&rec);
    for (size_t i = 0; i < rec.tokens.n; i++) {
        const nm_token *t = &rec.tokens.v[i];
        FUZZ_CHECK(t->norm.ptr != NULL || t->norm.len == 0);
        FUZZ_CHECK(nm__utf8_check(t->norm.ptr, t->norm.len) == t->norm.len);
        FUZZ_CHECK(nm__token_type_name(t->type) != NULL);
    }
    return 0;
}
