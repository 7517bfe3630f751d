/*
 * fuzz_money.c — libFuzzer target: the money parser (after tokenize and normalize) on any text.
 *
 * Every mention must lie inside the text, carry an amount or a range, print as an exact
 * decimal (a well-formed number), and name a three-letter currency or none.
 */
#include <string.h>

#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The exact decimal text is a well-formed JSON number, or -1 when it needs more room (an
 * amount of thousands of digits, from thousands of digits of input). */
static void check_decimal(nm_decimal v, int neg) {
    char buf[4096];
    int n = nm_decimal_format(v, neg, buf, sizeof buf);
    FUZZ_CHECK(n == -1 || (n > 0 && (size_t)n < sizeof buf && buf[n] == '\0'));
    int dots = 0;
    for (int i = 0; i < n; i++) {
        FUZZ_CHECK((buf[i] >= '0' && buf[i] <= '9') || (buf[i] == '-' && i == 0 && neg) ||
                   (buf[i] == '.' && dots++ == 0 && i > 0 && i + 1 < n));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static fuzz_chain chain;
    static nm_record rec;
    static nm__buf fixed;
    if (chain.n == 0) {
        const nm__stage *const stages[] = {&nm__stage_tokenize, &nm__stage_normalize,
                                           &nm__stage_money};
        fuzz_chain_init(&chain, stages, 3);
    }
    nm__record_reset(&rec);
    fuzz_set_text(&rec, &fixed, data, size);
    FUZZ_CHECK(fuzz_chain_run(&chain, &rec) == NM_OK);
    fuzz_check_spans(&rec);
    for (size_t i = 0; i < rec.money.n; i++) {
        const nm_money *m = &rec.money.v[i];
        FUZZ_CHECK(m->fields & (NM_MONEY_AMOUNT | NM_MONEY_MIN | NM_MONEY_MAX));
        int neg = (m->fields & NM_MONEY_NEGATIVE) != 0;
        if (m->fields & NM_MONEY_AMOUNT)
            check_decimal(m->amount, neg);
        if (m->fields & NM_MONEY_MIN)
            check_decimal(m->min, neg);
        if (m->fields & NM_MONEY_MAX)
            check_decimal(m->max, neg);
        size_t cl = strnlen(m->currency, sizeof m->currency);
        FUZZ_CHECK(cl == 0 || cl == 3);
    }
    return 0;
}
