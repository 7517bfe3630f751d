/*
 * test_regex.c — the PCRE2 wrapper (pipeline/regex.c): patterns are anchored at the given
 * offset (never a scan), groups come back as byte offsets (unset ones as SIZE_MAX), patterns are
 * JIT-compiled, a catastrophic pattern hits the match limit (NM_ERR_LIMIT, counted per worker)
 * instead of running away, and two workers share one compiled set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "regex.h"

static void test_anchored_groups_jit(void **state) {
    (void)state;
    static const char *const pats[] = {"(\\d+)\\s*(km|miles)\\b", "(?:(x)|(y))z"};
    static const unsigned flags[] = {NM__RE_CASELESS, 0};
    nm__regex *re = NULL;
    nm__regex_worker *w = NULL;
    assert_int_equal(nm__regex_compile(&re, pats, flags, 2, NULL), NM_OK);
    assert_int_equal(nm__regex_is_jit(re, 0), 1);
    assert_int_equal(nm__regex_is_jit(re, 1), 1);
    assert_int_equal(nm__regex_is_jit(re, 2), 0);
    assert_int_equal(nm__regex_worker_create(&w, re, 0, 0), NM_OK);
    const char *t = "ran 40 KM away";
    size_t ov[6];
    assert_int_equal(nm__regex_match(w, re, 0, t, strlen(t), 4, ov, 3), 1);
    assert_int_equal(ov[0], 4);
    assert_int_equal(ov[1], 9);
    assert_int_equal(ov[2], 4);
    assert_int_equal(ov[3], 6);
    assert_int_equal(ov[4], 7);
    assert_int_equal(ov[5], 9);
    /* anchored: no match from offset 0 although "40 KM" follows */
    assert_int_equal(nm__regex_match(w, re, 0, t, strlen(t), 0, ov, 3), 0);
    assert_int_equal(nm__regex_match(w, re, 0, t, strlen(t), 3, ov, 3), 0);
    /* an unset group */
    assert_int_equal(nm__regex_match(w, re, 1, "yz", 2, 0, ov, 3), 1);
    assert_true(ov[2] == SIZE_MAX && ov[3] == SIZE_MAX);
    assert_int_equal(ov[4], 0);
    assert_int_equal(ov[5], 1);
    /* bad arguments */
    assert_int_equal(nm__regex_match(w, re, 2, t, strlen(t), 0, ov, 1), NM_ERR_INTERNAL);
    assert_int_equal(nm__regex_match(w, re, 0, t, 3, 4, ov, 1), NM_ERR_INTERNAL);
    assert_int_equal(nm__regex_limit_hits(w), 0);
    nm__regex_worker_free(w);
    nm__regex_free(re);
}

static void test_match_limit_counts(void **state) {
    (void)state;
    static const char *const pats[] = {"(a+)+$"};
    nm__regex *re = NULL;
    nm__regex_worker *w = NULL, *w2 = NULL;
    assert_int_equal(nm__regex_compile(&re, pats, NULL, 1, NULL), NM_OK);
    assert_int_equal(nm__regex_worker_create(&w, re, 1000, 0), NM_OK);
    assert_int_equal(nm__regex_worker_create(&w2, re, 0, 0), NM_OK);
    char t[64];
    memset(t, 'a', 40);
    t[40] = 'c';
    t[41] = 0;
    size_t ov[2];
    assert_int_equal(nm__regex_match(w, re, 0, t, 41, 0, ov, 1), NM_ERR_LIMIT);
    assert_int_equal(nm__regex_match(w, re, 0, t, 41, 0, ov, 1), NM_ERR_LIMIT);
    assert_int_equal(nm__regex_limit_hits(w), 2);
    /* a short subject stays under the limit; the other worker's count is its own */
    assert_int_equal(nm__regex_match(w, re, 0, "aaa", 3, 0, ov, 1), 1);
    assert_int_equal(ov[1], 3);
    assert_int_equal(nm__regex_match(w2, re, 0, "aaa", 3, 0, ov, 1), 1);
    assert_int_equal(nm__regex_limit_hits(w), 2);
    assert_int_equal(nm__regex_limit_hits(w2), 0);
    nm__regex_worker_free(w);
    nm__regex_worker_free(w2);
    nm__regex_free(re);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_anchored_groups_jit),
        cmocka_unit_test(test_match_limit_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
