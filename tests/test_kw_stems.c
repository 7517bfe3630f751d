/*
 * test_kw_stems.c — the stems keywords workers share (kw_stems.c): a published word is found
 * with its stem and facts, an absent one is not, a word published twice keeps its first entry,
 * the table stops taking words at half full, and threads publishing the same words at once
 * leave one consistent entry per word (run under TSan in CI).
 */
#include "testutil.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "kw_stems.h"

static uint32_t hash_of(const char *w) {
    uint32_t h = 2166136261u;
    for (; *w; w++)
        h = (h ^ (uint8_t)*w) * 16777619u;
    return h;
}

static void put(nm__stem_share *s, const char *w, const char *st, uint32_t df) {
    nm__stem_share_put(s, hash_of(w), w, strlen(w), st, strlen(st), hash_of(st), df, 3);
}

static void test_found_with_its_facts(void **state) {
    (void)state;
    nm__stem_share *s = nm__stem_share_new(64);
    assert_non_null(s);
    assert_null(nm__stem_share_get(s, hash_of("running"), "running", 7));
    put(s, "running", "run", 42);
    const nm__shared_stem *e = nm__stem_share_get(s, hash_of("running"), "running", 7);
    assert_non_null(e);
    assert_int_equal(e->klen, 7);
    assert_int_equal(e->slen, 3);
    assert_memory_equal(e->bytes, "runningrun", 10);
    assert_int_equal(e->shash, hash_of("run"));
    assert_int_equal(e->df, 42);
    assert_int_equal(e->cls, 3);
    /* same hash, other word: not found */
    assert_null(nm__stem_share_get(s, hash_of("running"), "runners", 7));
    put(s, "running", "runn", 7); /* published twice: the first entry stays */
    e = nm__stem_share_get(s, hash_of("running"), "running", 7);
    assert_int_equal(e->slen, 3);
    assert_int_equal(e->df, 42);
    nm__stem_share_free(s);
    nm__stem_share_free(NULL);
}

static void test_stops_at_half_full_and_long_words(void **state) {
    (void)state;
    nm__stem_share *s = nm__stem_share_new(16);
    assert_non_null(s);
    char w[16];
    for (int i = 0; i < 12; i++) {
        snprintf(w, sizeof w, "word%d", i);
        put(s, w, w, (uint32_t)i);
    }
    int found = 0;
    for (int i = 0; i < 12; i++) {
        snprintf(w, sizeof w, "word%d", i);
        found += nm__stem_share_get(s, hash_of(w), w, strlen(w)) != NULL;
    }
    assert_int_equal(found, 8); /* the first 8 of 16 slots, then no more */
    char longw[NM__STEM_SHARE_MAXLEN + 2];
    memset(longw, 'a', sizeof longw - 1);
    longw[sizeof longw - 1] = 0;
    nm__stem_share *t = nm__stem_share_new(16);
    put(t, longw, "a", 1);
    assert_null(nm__stem_share_get(t, hash_of(longw), longw, strlen(longw)));
    nm__stem_share_free(t);
    nm__stem_share_free(s);
}

typedef struct racer {
    nm__stem_share *s;
    int seed;
} racer;

static void *publish_all(void *arg) {
    racer *r = arg;
    char w[16], st[16];
    for (int k = 0; k < 2000; k++) {
        int i = (k * 7 + r->seed) % 2000;
        snprintf(w, sizeof w, "w%d", i);
        snprintf(st, sizeof st, "s%d", i);
        const nm__shared_stem *e = nm__stem_share_get(r->s, hash_of(w), w, strlen(w));
        if (e == NULL)
            put(r->s, w, st, (uint32_t)i);
    }
    return NULL;
}

static void test_threads_publishing_at_once(void **state) {
    (void)state;
    nm__stem_share *s = nm__stem_share_new(8192);
    assert_non_null(s);
    racer r[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        r[i] = (racer){s, i * 500};
        assert_int_equal(pthread_create(&t[i], NULL, publish_all, &r[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    char w[16], st[16];
    for (int i = 0; i < 2000; i++) {
        snprintf(w, sizeof w, "w%d", i);
        snprintf(st, sizeof st, "s%d", i);
        const nm__shared_stem *e = nm__stem_share_get(s, hash_of(w), w, strlen(w));
        assert_non_null(e);
        assert_int_equal(e->slen, strlen(st));
        assert_memory_equal(e->bytes + e->klen, st, e->slen);
        assert_int_equal(e->df, (uint32_t)i);
    }
    nm__stem_share_free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_found_with_its_facts),
        cmocka_unit_test(test_stops_at_half_full_and_long_words),
        cmocka_unit_test(test_threads_publishing_at_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
