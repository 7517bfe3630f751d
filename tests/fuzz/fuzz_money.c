/*
 * fuzz_money.c — libFuzzer target: the money parser (after tokenize and normalize) on any text.
 *
 * Every mention must lie inside the text, carry an amount or a range, print as an exact
 * decimal, and name a three-letter currency or none.
 */
#include <string.h>

#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static fuzz_chain chain;
    static nm_record rec;
    static nm__buf fixed;
    if (chain.n == 0) {
        const nm__stage *const stages[] = {&nm__stage_tokenize, &nm__stage_normalize,
                                           &nm__stage_money};
        fuzz_chain_init(&chain, stages, 3);
        fuzz_chain_warm_up(&chain);
    }
    nm__record_reset(&rec);
    fuzz_set_text(&rec, &fixed, data, size);
    FUZZ_CHECK(fuzz_chain_run(&chain, &rec) == NM_OK);
    fuzz_check_spans(&rec);
    for (size_t i = 0; i < rec.money.n; i++) {
        const nm_money *m = &rec.money.v[i];
        char buf[128];
        FUZZ_CHECK(m->fields & (NM_MONEY_AMOUNT | NM_MONEY_MIN | NM_MONEY_MAX));
        int neg = (m->fields & NM_MONEY_NEGATIVE) != 0;
        if (m->fields & NM_MONEY_AMOUNT)
            FUZZ_CHECK(nm_decimal_format(m->amount, neg, buf, sizeof buf) > 0);
        if (m->fields & NM_MONEY_MIN)
            FUZZ_CHECK(nm_decimal_format(m->min, neg, buf, sizeof buf) > 0);
        if (m->fields & NM_MONEY_MAX)
            FUZZ_CHECK(nm_decimal_format(m->max, neg, buf, sizeof buf) > 0);
        size_t cl = strnlen(m->currency, sizeof m->currency);
        FUZZ_CHECK(cl == 0 || cl == 3);
    }
    return 0;
}
