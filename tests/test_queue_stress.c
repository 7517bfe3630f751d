/*
 * test_queue_stress.c — concurrency under random timing (ctest label "stress", issue 8).
 *
 * The queue: rounds of random producer/consumer counts and capacities (1 included), with
 * random single and batch calls and random short sleeps, check that every item comes out
 * exactly once and each producer's items reach every consumer in order; cancel and close
 * while threads are blocked must wake all of them. The pipeline: random thread counts (beyond
 * the cores) and queue depths, a feeder and consumer that stall at random, and text, jsonl,
 * broken and pre-failed records mixed: output byte-identical to one thread, in input order.
 * Seeds are printed so a failure can be replayed (NM_STRESS_SEED=n).
 */
#include "testutil.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "newsmine.h"
#include "queue.h"

/* xorshift64*: a small per-thread generator (rand() is neither thread-safe nor seedable per
 * thread). */
static uint64_t rnd(uint64_t *s) {
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static unsigned rnd_below(uint64_t *s, unsigned n) {
    return (unsigned)(rnd(s) % n);
}

/* Sometimes sleeps up to max_us microseconds, sometimes yields, mostly does nothing. */
static void jitter(uint64_t *s, unsigned max_us) {
    unsigned r = rnd_below(s, 64);
    if (r == 0) {
        struct timespec ts = {0, (long)rnd_below(s, max_us + 1) * 1000L};
        nanosleep(&ts, NULL);
    } else if (r < 4) {
        sched_yield();
    }
}

static uint64_t base_seed(void) {
    const char *env = getenv("NM_STRESS_SEED");
    uint64_t seed = env ? strtoull(env, NULL, 10) : (uint64_t)time(NULL);
    print_message("NM_STRESS_SEED=%llu\n", (unsigned long long)seed);
    return seed * 0x9E3779B97F4A7C15ull + 1;
}

/* ---- queue ------------------------------------------------------------------------------- */

enum { MAX_THREADS = 16 };

typedef struct round {
    nm__queue *q;
    unsigned producers, consumers, per_producer;
    atomic_uchar *seen; /* per item: times consumed */
    atomic_uint consumed;
} round;

typedef struct qthread {
    round *r;
    unsigned id;
    uint64_t seed;
    uint32_t last[MAX_THREADS]; /* consumer: last sequence + 1 seen from each producer */
    int order_ok, rc;
} qthread;

/* Item = producer << 24 | sequence, + 1 so it is never NULL. */
static void *qproducer(void *arg) {
    qthread *t = arg;
    round *r = t->r;
    t->rc = NM_OK;
    for (uint32_t i = 0; i < r->per_producer && t->rc == NM_OK;) {
        jitter(&t->seed, 200);
        unsigned n = 1 + rnd_below(&t->seed, 5);
        void *batch[5];
        unsigned k = 0;
        for (; k < n && i < r->per_producer; k++, i++)
            batch[k] = (void *)(uintptr_t)(((uintptr_t)t->id << 24 | i) + 1);
        t->rc = k == 1 ? nm__queue_push(r->q, batch[0]) : nm__queue_push_many(r->q, batch, k);
    }
    return NULL;
}

static void *qconsumer(void *arg) {
    qthread *t = arg;
    round *r = t->r;
    t->order_ok = 1;
    for (;;) {
        jitter(&t->seed, 200);
        void *items[7];
        size_t n = 1;
        unsigned max = 1 + rnd_below(&t->seed, 7);
        int rc = max == 1 ? nm__queue_pop(r->q, items) : nm__queue_pop_many(r->q, items, max, &n);
        if (rc != NM_OK) {
            t->rc = rc;
            return NULL;
        }
        for (size_t k = 0; k < n; k++) {
            uintptr_t v = (uintptr_t)items[k] - 1;
            unsigned from = (unsigned)(v >> 24);
            uint32_t seq = (uint32_t)(v & 0xFFFFFF);
            if (from >= r->producers || seq >= r->per_producer) {
                t->order_ok = 0;
                continue;
            }
            atomic_fetch_add(&r->seen[from * r->per_producer + seq], 1);
            atomic_fetch_add(&r->consumed, 1);
            if (t->last[from] > seq) /* an earlier item of that producer after a later one */
                t->order_ok = 0;
            t->last[from] = seq + 1;
        }
    }
}

static void test_queue_random_rounds(void **state) {
    (void)state;
    uint64_t seed = base_seed();
    for (int rn = 0; rn < 12; rn++) {
        round r = {0};
        r.producers = 1 + rnd_below(&seed, MAX_THREADS);
        r.consumers = 1 + rnd_below(&seed, MAX_THREADS);
        unsigned cap = rn < 2 ? 1 : 1 + rnd_below(&seed, 32);
        r.per_producer = 60000 / r.producers + 1;
        r.q = nm__queue_create(cap);
        assert_non_null(r.q);
        r.seen = calloc((size_t)r.producers * r.per_producer, sizeof *r.seen);
        assert_non_null(r.seen);
        qthread prod[MAX_THREADS] = {{0}}, cons[MAX_THREADS] = {{0}};
        pthread_t tp[MAX_THREADS], tc[MAX_THREADS];
        for (unsigned i = 0; i < r.consumers; i++) {
            cons[i] = (qthread){.r = &r, .id = i, .seed = rnd(&seed) | 1};
            assert_int_equal(pthread_create(&tc[i], NULL, qconsumer, &cons[i]), 0);
        }
        for (unsigned i = 0; i < r.producers; i++) {
            prod[i] = (qthread){.r = &r, .id = i, .seed = rnd(&seed) | 1};
            assert_int_equal(pthread_create(&tp[i], NULL, qproducer, &prod[i]), 0);
        }
        for (unsigned i = 0; i < r.producers; i++) {
            pthread_join(tp[i], NULL);
            assert_int_equal(prod[i].rc, NM_OK);
        }
        nm__queue_close(r.q);
        for (unsigned i = 0; i < r.consumers; i++) {
            pthread_join(tc[i], NULL);
            assert_int_equal(cons[i].rc, NM_ERR_CLOSED);
            assert_true(cons[i].order_ok);
        }
        size_t total = (size_t)r.producers * r.per_producer;
        assert_int_equal(atomic_load(&r.consumed), total);
        for (size_t i = 0; i < total; i++)
            if (atomic_load(&r.seen[i]) != 1)
                fail_msg("round %d (%u producers, %u consumers, capacity %u): item %zu seen %u "
                         "times",
                         rn, r.producers, r.consumers, cap, i, (unsigned)r.seen[i]);
        assert_int_equal(nm__queue_size(r.q), 0);
        free(r.seen);
        nm__queue_destroy(r.q);
    }
}

/* Producers blocked on a full queue and consumers blocked on an empty one all return
 * NM_ERR_CANCELLED after one cancel; nothing hangs. */
static void test_queue_cancel_wakes_everyone(void **state) {
    (void)state;
    uint64_t seed = base_seed();
    for (int rn = 0; rn < 20; rn++) {
        round r = {0};
        r.producers = 1 + rnd_below(&seed, 8);
        r.per_producer = 1u << 20; /* never finishes: only cancel stops them */
        r.seen = NULL;
        r.q = nm__queue_create(1 + rnd_below(&seed, 4));
        assert_non_null(r.q);
        round empty = {0};
        empty.consumers = 1 + rnd_below(&seed, 8);
        empty.q = nm__queue_create(1 + rnd_below(&seed, 4));
        assert_non_null(empty.q);
        qthread prod[8], cons[8];
        pthread_t tp[8], tc[8];
        for (unsigned i = 0; i < r.producers; i++) {
            prod[i] = (qthread){.r = &r, .id = i, .seed = rnd(&seed) | 1};
            assert_int_equal(pthread_create(&tp[i], NULL, qproducer, &prod[i]), 0);
        }
        for (unsigned i = 0; i < empty.consumers; i++) {
            cons[i] = (qthread){.r = &empty, .id = i, .seed = rnd(&seed) | 1};
            assert_int_equal(pthread_create(&tc[i], NULL, qconsumer, &cons[i]), 0);
        }
        struct timespec ts = {0, (long)rnd_below(&seed, 2000) * 1000L};
        nanosleep(&ts, NULL);
        nm__queue_cancel(r.q);
        nm__queue_cancel(empty.q);
        for (unsigned i = 0; i < r.producers; i++) {
            pthread_join(tp[i], NULL);
            assert_int_equal(prod[i].rc, NM_ERR_CANCELLED);
        }
        for (unsigned i = 0; i < empty.consumers; i++) {
            pthread_join(tc[i], NULL);
            assert_int_equal(cons[i].rc, NM_ERR_CANCELLED);
        }
        void *item;
        assert_int_equal(nm__queue_pop(r.q, &item), NM_ERR_CANCELLED);
        assert_int_equal(nm__queue_push(empty.q, &item), NM_ERR_CANCELLED);
        nm__queue_destroy(r.q);
        nm__queue_destroy(empty.q);
    }
}

/* ---- pipeline ---------------------------------------------------------------------------- */

enum { NDOCS = 400 };

/* Document i, fed as a jsonl line, a text document, a broken line or a pre-failed record. */
static size_t make_doc(char *buf, size_t cap, int i, int *kind) {
    static const char *const sentences[] = {
        "Ms. Ana Silva of Acme Corp said on Monday that ",
        "The European Union pledged \\u20ac50 billion to Ukraine, ",
        "about $1.5 million was paid in S\\u00e3o Paulo and ",
        "U.S. President Joe Biden met NATO leaders in Paris; ",
        "shares rose 4.5% to 1,250 yen in Tokyo while "};
    *kind = i % 23 == 7 ? 2 : i % 31 == 11 ? 3 : i % 17 == 5 ? 1 : 0;
    if (*kind == 2)
        return (size_t)snprintf(buf, cap, "{\"id\":\"d%d\",\"text\":[", i); /* broken */
    size_t n = *kind == 1 ? 0 : (size_t)snprintf(buf, cap, "{\"id\":\"d%d\",\"text\":\"", i);
    int reps = 1 + (i * 7919) % 9;
    for (int r = 0; r < reps; r++) {
        const char *s = sentences[(i + r) % 5];
        if (*kind == 1 && strstr(s, "\\u")) /* text documents hold no JSON escapes */
            s = sentences[0];
        n += (size_t)snprintf(buf + n, cap - n, "%s%d units. ", s, i * 13 + r);
    }
    if (*kind != 1)
        n += (size_t)snprintf(buf + n, cap - n, "\"}");
    return n;
}

typedef struct feed {
    nm_pipeline *p;
    uint64_t seed;
    int rc;
} feed;

static void *feeder(void *arg) {
    feed *f = arg;
    char buf[4096], id[32];
    f->rc = NM_OK;
    for (int i = 0; i < NDOCS && f->rc == NM_OK; i++) {
        jitter(&f->seed, 500);
        int kind;
        size_t n = make_doc(buf, sizeof buf, i, &kind);
        snprintf(id, sizeof id, "d%d", i);
        if (kind == 1)
            f->rc = nm_pipeline_push_text(f->p, id, buf, n);
        else if (kind == 3)
            f->rc = nm_pipeline_push_error(f->p, id, "pre-failed");
        else
            f->rc = nm_pipeline_push_line(f->p, "gen", (uint64_t)i + 1, buf, n);
    }
    nm_pipeline_finish(f->p);
    return NULL;
}

/* Runs the generated stream; returns all rendered output (caller frees). */
static char *run_stream(unsigned threads, unsigned depth, uint64_t seed, size_t *len) {
    nm_options o;
    nm_options_default(&o);
    o.threads = threads;
    o.queue_depth = depth;
    o.emit_tokens = 1;
    nm_error err;
    nm_pipeline *p = nm_pipeline_create(&o, &err);
    if (p == NULL)
        fail_msg("create (%u threads, depth %u): %s", threads, depth, err.msg);
    feed f = {.p = p, .seed = seed | 1};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, feeder, &f), 0);
    nm__buf out = {0};
    nm_record *rec;
    uint64_t expect = 0;
    while (nm_pipeline_next(p, &rec) == NM_OK) {
        jitter(&seed, 500);
        assert_int_equal(nm_record_seq(rec), expect);
        char want[32];
        snprintf(want, sizeof want, (expect % 23 == 7) ? "gen:%llu" : "d%llu",
                 (unsigned long long)(expect % 23 == 7 ? expect + 1 : expect));
        nm_str id = nm_record_id(rec);
        if (id.len != strlen(want) || memcmp(id.ptr, want, id.len) != 0)
            fail_msg("record %llu has id %.*s, want %s", (unsigned long long)expect, (int)id.len,
                     id.ptr, want);
        int bad = expect % 23 == 7 || expect % 31 == 11;
        assert_int_equal(nm_record_error(rec).len > 0, bad);
        nm_str r = nm_record_rendered(rec);
        assert_int_equal(nm__buf_append(&out, r.ptr, r.len), NM_OK);
        nm_pipeline_release(p, rec);
        expect++;
    }
    pthread_join(t, NULL);
    assert_int_equal(f.rc, NM_OK);
    assert_int_equal(expect, NDOCS); /* none lost */
    nm_pipeline_destroy(p);
    *len = out.len;
    return out.ptr;
}

static void test_pipeline_random_threads_and_depths(void **state) {
    (void)state;
    uint64_t seed = base_seed();
    size_t ref_len;
    char *ref = run_stream(1, 1, rnd(&seed), &ref_len);
    assert_int_equal(nm_test_count_lines(ref, ref_len), NDOCS);
    for (int rn = 0; rn < 12; rn++) {
        unsigned threads = 1 + rnd_below(&seed, 33);
        unsigned depth = rn == 0 ? 1 : 1 + rnd_below(&seed, 64);
        size_t len;
        char *got = run_stream(threads, depth, rnd(&seed), &len);
        if (len != ref_len || memcmp(got, ref, len) != 0) {
            size_t i = 0;
            while (i < len && i < ref_len && got[i] == ref[i])
                i++;
            fail_msg("%u threads, depth %u: output differs from 1 thread at byte %zu", threads,
                     depth, i);
        }
        free(got);
    }
    free(ref);
}

/* The CLI with more threads than any machine has cores and --queue-depth 1 writes the same
 * bytes as -j 1 over the sample corpus. */
static void test_cli_many_threads_depth_one(void **state) {
    (void)state;
    char *one = NULL, *many = NULL;
    size_t n1, nm;
    assert_int_equal(nm_test_run(NM_CLI " --no-progress -j 1 " NM_SOURCE_DIR
                                        "/corpora/sample/articles.jsonl",
                                 NULL, 0, &one, &n1),
                     0);
    assert_int_equal(nm_test_run(NM_CLI " --no-progress -j 300 --queue-depth 1 " NM_SOURCE_DIR
                                        "/corpora/sample/articles.jsonl",
                                 NULL, 0, &many, &nm),
                     0);
    assert_true(n1 > 0);
    assert_int_equal(n1, nm);
    assert_memory_equal(one, many, n1);
    free(one);
    free(many);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_queue_random_rounds),
        cmocka_unit_test(test_queue_cancel_wakes_everyone),
        cmocka_unit_test(test_pipeline_random_threads_and_depths),
        cmocka_unit_test(test_cli_many_threads_depth_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
