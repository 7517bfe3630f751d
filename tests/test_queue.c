/*
 * test_queue.c — the bounded queue: FIFO order, backpressure (a full queue blocks the
 * producer), many producers and consumers without loss or duplication, batch calls, and
 * shutdown (close drains, cancel wakes blocked threads).
 */
#include "testutil.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "newsmine/error.h"
#include "queue.h"

static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void test_fifo_order(void **state) {
    (void)state;
    nm__queue *q = nm__queue_create(16);
    assert_non_null(q);
    for (uintptr_t i = 1; i <= 16; i++)
        assert_int_equal(nm__queue_push(q, (void *)i), NM_OK);
    assert_int_equal(nm__queue_size(q), 16);
    for (uintptr_t i = 1; i <= 16; i++) {
        void *item;
        assert_int_equal(nm__queue_pop(q, &item), NM_OK);
        assert_int_equal((uintptr_t)item, i);
    }
    nm__queue_close(q);
    void *item;
    assert_int_equal(nm__queue_pop(q, &item), NM_ERR_CLOSED);
    assert_int_equal(nm__queue_push(q, (void *)1), NM_ERR_CLOSED);
    nm__queue_destroy(q);
}

static void test_wraparound_and_batches(void **state) {
    (void)state;
    nm__queue *q = nm__queue_create(5);
    uintptr_t next_in = 1, next_out = 1;
    for (int round = 0; round < 50; round++) {
        void *in[3] = {(void *)next_in, (void *)(next_in + 1), (void *)(next_in + 2)};
        assert_int_equal(nm__queue_push_many(q, in, 3), NM_OK);
        next_in += 3;
        void *out[8];
        size_t n;
        assert_int_equal(nm__queue_pop_many(q, out, 8, &n), NM_OK);
        assert_int_equal(n, 3);
        for (size_t i = 0; i < n; i++)
            assert_int_equal((uintptr_t)out[i], next_out++);
    }
    nm__queue_destroy(q);
}

typedef struct pusher {
    nm__queue *q;
    atomic_int done;
    int rc;
} pusher;

static void *push_one(void *arg) {
    pusher *p = arg;
    p->rc = nm__queue_push(p->q, (void *)42);
    atomic_store(&p->done, 1);
    return NULL;
}

static void test_full_queue_blocks_producer(void **state) {
    (void)state;
    nm__queue *q = nm__queue_create(2);
    assert_int_equal(nm__queue_push(q, (void *)1), NM_OK);
    assert_int_equal(nm__queue_push(q, (void *)2), NM_OK);
    pusher p = {.q = q};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, push_one, &p), 0);
    sleep_ms(100);
    assert_int_equal(atomic_load(&p.done), 0); /* still blocked: the queue is full */
    void *item;
    assert_int_equal(nm__queue_pop(q, &item), NM_OK);
    assert_int_equal((uintptr_t)item, 1);
    pthread_join(t, NULL);
    assert_int_equal(atomic_load(&p.done), 1);
    assert_int_equal(p.rc, NM_OK);
    assert_int_equal(nm__queue_size(q), 2);
    nm__queue_destroy(q);
}

static void test_cancel_wakes_blocked_producer(void **state) {
    (void)state;
    nm__queue *q = nm__queue_create(1);
    assert_int_equal(nm__queue_push(q, (void *)1), NM_OK);
    pusher p = {.q = q};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, push_one, &p), 0);
    sleep_ms(50);
    nm__queue_cancel(q);
    pthread_join(t, NULL);
    assert_int_equal(p.rc, NM_ERR_CANCELLED);
    void *item;
    assert_int_equal(nm__queue_pop(q, &item), NM_ERR_CANCELLED);
    nm__queue_destroy(q);
}

typedef struct popper {
    nm__queue *q;
    int rc;
} popper;

static void *pop_one(void *arg) {
    popper *p = arg;
    void *item;
    p->rc = nm__queue_pop(p->q, &item);
    return NULL;
}

static void test_close_wakes_blocked_consumer(void **state) {
    (void)state;
    nm__queue *q = nm__queue_create(4);
    popper p = {.q = q, .rc = 12345};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, pop_one, &p), 0);
    sleep_ms(50);
    nm__queue_close(q);
    pthread_join(t, NULL);
    assert_int_equal(p.rc, NM_ERR_CLOSED);
    nm__queue_destroy(q);
}

static void test_close_drains_first(void **state) {
    (void)state;
    nm__queue *q = nm__queue_create(4);
    nm__queue_push(q, (void *)7);
    nm__queue_push(q, (void *)8);
    nm__queue_close(q);
    void *item;
    assert_int_equal(nm__queue_pop(q, &item), NM_OK);
    assert_int_equal((uintptr_t)item, 7);
    assert_int_equal(nm__queue_pop(q, &item), NM_OK);
    assert_int_equal((uintptr_t)item, 8);
    assert_int_equal(nm__queue_pop(q, &item), NM_ERR_CLOSED);
    nm__queue_destroy(q);
}

enum { PRODUCERS = 4, CONSUMERS = 4, PER_PRODUCER = 20000 };

typedef struct mpmc {
    nm__queue *q;
    int id;
    atomic_uchar *seen;      /* per item: times consumed */
    uintptr_t last[PRODUCERS]; /* per consumer: last item seen from each producer */
    int order_ok;
} mpmc;

static void *producer(void *arg) {
    mpmc *m = arg;
    for (uintptr_t i = 0; i < PER_PRODUCER; i++) {
        uintptr_t item = (uintptr_t)m->id * PER_PRODUCER + i + 1;
        if ((i & 7) == 0) {
            void *batch[3] = {(void *)item, NULL, NULL};
            size_t n = 1;
            for (; n < 3 && i + 1 < PER_PRODUCER; n++)
                batch[n] = (void *)(item + n), i++;
            nm__queue_push_many(m->q, batch, n);
        } else {
            nm__queue_push(m->q, (void *)item);
        }
    }
    return NULL;
}

static void *consumer(void *arg) {
    mpmc *m = arg;
    m->order_ok = 1;
    void *items[4];
    size_t n;
    while (nm__queue_pop_many(m->q, items, 4, &n) == NM_OK) {
        for (size_t i = 0; i < n; i++) {
            uintptr_t item = (uintptr_t)items[i] - 1;
            atomic_fetch_add(&m->seen[item], 1);
            uintptr_t from = item / PER_PRODUCER;
            /* Items of one producer reach any one consumer in increasing order. */
            if (m->last[from] && item + 1 <= m->last[from])
                m->order_ok = 0;
            m->last[from] = item + 1;
        }
    }
    return NULL;
}

static void test_many_producers_consumers(void **state) {
    (void)state;
    nm__queue *q = nm__queue_create(8);
    atomic_uchar *seen = calloc(PRODUCERS * PER_PRODUCER, sizeof *seen);
    mpmc prod[PRODUCERS], cons[CONSUMERS];
    pthread_t tp[PRODUCERS], tc[CONSUMERS];
    for (int i = 0; i < CONSUMERS; i++) {
        cons[i] = (mpmc){.q = q, .id = i, .seen = seen};
        pthread_create(&tc[i], NULL, consumer, &cons[i]);
    }
    for (int i = 0; i < PRODUCERS; i++) {
        prod[i] = (mpmc){.q = q, .id = i, .seen = seen};
        pthread_create(&tp[i], NULL, producer, &prod[i]);
    }
    for (int i = 0; i < PRODUCERS; i++)
        pthread_join(tp[i], NULL);
    nm__queue_close(q);
    for (int i = 0; i < CONSUMERS; i++) {
        pthread_join(tc[i], NULL);
        assert_true(cons[i].order_ok);
    }
    for (size_t i = 0; i < PRODUCERS * PER_PRODUCER; i++)
        assert_int_equal(seen[i], 1); /* no loss, no duplication */
    free(seen);
    nm__queue_destroy(q);
}

typedef struct range_popper {
    nm__queue *q;
    size_t n;
    int rc;
    atomic_int done;
} range_popper;

static void *pop_three(void *arg) {
    range_popper *r = arg;
    void *items[8];
    r->rc = nm__queue_pop_range(r->q, items, 3, 8, &r->n);
    atomic_store(&r->done, 1);
    return NULL;
}

static void test_pop_range_waits_for_a_batch(void **state) {
    (void)state;
    nm__queue *q = nm__queue_create(8);
    range_popper r = {.q = q};
    pthread_t t;
    pthread_create(&t, NULL, pop_three, &r);
    nm__queue_push(q, (void *)1);
    nm__queue_push(q, (void *)2);
    sleep_ms(100);
    assert_int_equal(atomic_load(&r.done), 0); /* two queued: still waiting for three */
    nm__queue_push(q, (void *)3);
    pthread_join(t, NULL);
    assert_int_equal(r.rc, NM_OK);
    assert_int_equal(r.n, 3);
    /* At close, what is there is taken even below the minimum. */
    nm__queue_push(q, (void *)4);
    nm__queue_close(q);
    r.done = 0;
    pthread_create(&t, NULL, pop_three, &r);
    pthread_join(t, NULL);
    assert_int_equal(r.rc, NM_OK);
    assert_int_equal(r.n, 1);
    nm__queue_destroy(q);
}

/* A deadline already past polls: what is queued comes at once, an empty queue times out
 * without waiting, and a later push is not lost. */
static void test_pop_until_past_deadline_polls(void **state) {
    (void)state;
    nm__queue *q = nm__queue_create(4);
    struct timespec past;
    clock_gettime(CLOCK_REALTIME, &past);
    void *items[4];
    size_t n = 9;
    assert_int_equal(nm__queue_pop_until(q, items, 1, 4, &n, &past), NM_ERR_TIMEOUT);
    assert_int_equal(n, 0);
    nm__queue_push(q, (void *)1);
    nm__queue_push(q, (void *)2);
    assert_int_equal(nm__queue_pop_until(q, items, 1, 4, &n, &past), NM_OK);
    assert_int_equal(n, 2);
    assert_ptr_equal(items[1], (void *)2);
    assert_int_equal(nm__queue_pop_until(q, items, 1, 4, &n, &past), NM_ERR_TIMEOUT);
    nm__queue_push(q, (void *)3);
    assert_int_equal(nm__queue_pop_many(q, items, 4, &n), NM_OK);
    assert_int_equal(n, 1);
    nm__queue_close(q);
    assert_int_equal(nm__queue_pop_until(q, items, 1, 4, &n, &past), NM_ERR_CLOSED);
    nm__queue_destroy(q);
}

static void test_bad_capacity(void **state) {
    (void)state;
    assert_null(nm__queue_create(0));
    nm__queue_destroy(NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fifo_order),
        cmocka_unit_test(test_wraparound_and_batches),
        cmocka_unit_test(test_full_queue_blocks_producer),
        cmocka_unit_test(test_cancel_wakes_blocked_producer),
        cmocka_unit_test(test_close_wakes_blocked_consumer),
        cmocka_unit_test(test_close_drains_first),
        cmocka_unit_test(test_many_producers_consumers),
        cmocka_unit_test(test_pop_range_waits_for_a_batch),
        cmocka_unit_test(test_pop_until_past_deadline_polls),
        cmocka_unit_test(test_bad_capacity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
