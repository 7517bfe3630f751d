/*
 * test_kw_cache.c — the word -> stem cache the keywords workers share (kw_cache.c): an entry is
 * claimed once, read only after it is published, the cache gives out exactly half its slots as
 * quota and then none, and threads publishing and reading the same words at once see every
 * entry whole (run under TSan in CI).
 */
#include "testutil.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "kw_cache.h"

static uint32_t hash_of(const char *w) {
    uint32_t h = 2166136261u;
    for (; *w; w++)
        h = (h ^ (uint8_t)*w) * 16777619u;
    return h;
}

static void test_claim_then_publish(void **state) {
    (void)state;
    nm__kw_cache *c = nm__kw_cache_new();
    assert_non_null(c);
    nm__kwc_ent *e = nm__kw_cache_entries(c);
    for (uint32_t i = 0; i < NM__KWC_SLOTS; i += 4099)
        assert_int_equal(nm__kwc_klen(&e[i]), 0); /* a new cache is empty */
    assert_int_equal(nm__kwc_claim(&e[7]), 1);
    assert_int_equal(nm__kwc_klen(&e[7]), NM__KWC_CLAIMED);
    assert_int_equal(nm__kwc_claim(&e[7]), 0); /* taken: a second worker gets nothing */
    e[7].hash = 99;
    memcpy(e[7].b, "word", 4);
    nm__kwc_publish(&e[7], 4);
    assert_int_equal(nm__kwc_klen(&e[7]), 4);
    assert_int_equal(e[7].hash, 99);
    assert_int_equal(nm__kwc_claim(&e[7]), 0); /* published: never taken again */
    nm__kw_cache_free(c);
    nm__kw_cache_free(NULL);
}

static void test_quota_is_half_the_slots(void **state) {
    (void)state;
    nm__kw_cache *c = nm__kw_cache_new();
    assert_non_null(c);
    uint32_t total = 0, got;
    while ((got = nm__kw_cache_reserve(c, 1000)) != 0) {
        assert_true(got <= 1000);
        total += got;
    }
    assert_int_equal(total, NM__KWC_SLOTS / 2); /* the last chunk is cut to fit */
    assert_int_equal(nm__kw_cache_reserve(c, 1), 0);
    assert_int_equal(nm__kw_cache_reserve(c, 1000), 0);
    nm__kw_cache_free(c);
}

/* Words w0..w2999 with stem "s<i>" ending and df i, as keywords.c's probe and miss do it. */
#define WORDS 3000

typedef struct racer {
    nm__kw_cache *c;
    int seed;
    int bad; /* entries seen torn or wrong */
} racer;

static nm__kwc_ent *probe(nm__kwc_ent *e, const char *w, size_t n, uint32_t h, uint32_t *slot) {
    uint32_t mask = NM__KWC_SLOTS - 1, i = h & mask;
    for (;; i = (i + 1) & mask) {
        unsigned k = nm__kwc_klen(&e[i]);
        if (k == 0)
            break;
        if (k == n && e[i].hash == h && memcmp(e[i].b, w, n) == 0) {
            *slot = i;
            return &e[i];
        }
    }
    *slot = i;
    return NULL;
}

static void *publish_and_read(void *arg) {
    racer *r = arg;
    nm__kwc_ent *e = nm__kw_cache_entries(r->c);
    uint32_t quota = 0;
    char w[16];
    for (int pass = 0; pass < 3; pass++) {
        for (int k = 0; k < WORDS; k++) {
            int i = (k * 7 + r->seed) % WORDS;
            int n = snprintf(w, sizeof w, "w%d", i);
            uint32_t h = hash_of(w), slot;
            nm__kwc_ent *f = probe(e, w, (size_t)n, h, &slot);
            if (f != NULL) {
                r->bad += f->df != (uint32_t)i || f->sfx != 2 || memcmp(f->b + n, "ed", 2) != 0;
                continue;
            }
            if (quota == 0 && (quota = nm__kw_cache_reserve(r->c, 64)) == 0)
                continue;
            if (!nm__kwc_claim(&e[slot]))
                continue; /* another worker took the slot: the word is cached next time */
            e[slot].hash = h;
            e[slot].df = (uint32_t)i;
            e[slot].plen = (uint8_t)n;
            e[slot].sfx = 2;
            memcpy(e[slot].b, w, (size_t)n);
            memcpy(e[slot].b + n, "ed", 2);
            nm__kwc_publish(&e[slot], (size_t)n);
            quota--;
        }
    }
    return NULL;
}

static void test_threads_publishing_and_reading_at_once(void **state) {
    (void)state;
    nm__kw_cache *c = nm__kw_cache_new();
    assert_non_null(c);
    racer r[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        r[i] = (racer){c, i * 750, 0};
        assert_int_equal(pthread_create(&t[i], NULL, publish_and_read, &r[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(r[i].bad, 0);
    }
    nm__kwc_ent *e = nm__kw_cache_entries(c);
    char w[16];
    for (int i = 0; i < WORDS; i++) { /* each word is there after three passes, whole */
        int n = snprintf(w, sizeof w, "w%d", i);
        uint32_t slot;
        nm__kwc_ent *f = probe(e, w, (size_t)n, hash_of(w), &slot);
        assert_non_null(f);
        assert_int_equal(f->df, (uint32_t)i);
        assert_memory_equal(f->b + n, "ed", 2);
    }
    nm__kw_cache_free(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_claim_then_publish),
        cmocka_unit_test(test_quota_is_half_the_slots),
        cmocka_unit_test(test_threads_publishing_and_reading_at_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
