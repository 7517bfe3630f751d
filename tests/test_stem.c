/*
 * test_stem.c — the libstemmer wrapper (pipeline/stem.c): Porter2 stems of news words, the
 * borrowed-result contract, and the pass-through cases (empty, overlong, NULL stemmer).
 */
#include <string.h>

#include "stem.h"
#include "testutil.h"

static void check(nm__stemmer *st, const char *w, const char *exp) {
    nm_str s = nm__stem(st, w, strlen(w));
    if (s.len != strlen(exp) || memcmp(s.ptr, exp, s.len) != 0)
        fail_msg("stem(%s) = %.*s, expected %s", w, (int)s.len, s.ptr, exp);
}

static void test_stems(void **state) {
    (void)state;
    nm__stemmer *st = nm__stemmer_create();
    assert_non_null(st);
    check(st, "markets", "market");
    check(st, "prices", "price");
    check(st, "running", "run");
    check(st, "generously", "generous");
    check(st, "negotiations", "negoti");
    check(st, "negotiated", "negoti");
    check(st, "sanctions", "sanction");
    check(st, "guarantees", "guarante");
    check(st, "security", "secur");
    check(st, "economies", "economi");
    check(st, "economy", "economi");
    check(st, "zélensky", "zélenski");
    check(st, "a", "a");
    nm_str e = nm__stem(st, "", 0);
    assert_int_equal(e.len, 0);
    char big[300];
    memset(big, 'a', sizeof big);
    nm_str b = nm__stem(st, big, sizeof big);
    assert_ptr_equal(b.ptr, big);
    assert_int_equal(b.len, sizeof big);
    nm_str n = nm__stem(NULL, "words", 5);
    assert_int_equal(n.len, 5);
    nm__stemmer_destroy(st);
    nm__stemmer_destroy(NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_stems)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
