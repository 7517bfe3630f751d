/*
 * test_pipeline.c — the library end to end: records come out in input order whatever the
 * thread count and queue depth, output is byte-identical across thread counts, every input
 * yields exactly one record (bad ones as error records, in place), spans are valid, and a
 * pipeline can be aborted while its feeder is blocked; a timed wait for the next record gives
 * up and the stream goes on. With a sink (sink.h) the workers write the same records in the same
 * order, one at a time, and a failing sink stops the stream.
 */
#include "testutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdatomic.h>

#include "buf.h"
#include "feed.h"
#include "newsmine.h"
#include "sink.h"
#include "utf8.h"

enum { NDOCS = 600 };

/* Document i: varied lengths, some money and names, every 50th line broken. */
static size_t make_line(char *buf, size_t cap, int i) {
    if (i % 50 == 49)
        return (size_t)snprintf(buf, cap, "{\"id\":\"d%d\",\"text\":", i); /* broken JSON */
    int reps = 1 + (i * 7919) % 13;
    size_t n = (size_t)snprintf(buf, cap, "{\"id\":\"d%d\",\"text\":\"", i);
    for (int r = 0; r < reps && n + 200 < cap; r++)
        n += (size_t)snprintf(buf + n, cap - n,
                              "Ms. Ana Silva of Acme Corp said on Monday that %d units cost "
                              "$%d.5 million in S\\u00e3o Paulo. ",
                              i + r, r + 1);
    n += (size_t)snprintf(buf + n, cap - n, "\"}");
    return n;
}

typedef struct feed_args {
    nm_pipeline *p;
    int ndocs;
    int rc;
} feed_args;

static void *feed(void *arg) {
    feed_args *a = arg;
    char line[8192];
    a->rc = NM_OK;
    for (int i = 0; i < a->ndocs && a->rc == NM_OK; i++) {
        size_t n = make_line(line, sizeof line, i);
        a->rc = nm_pipeline_push_line(a->p, "gen", (uint64_t)i + 1, line, n);
    }
    nm_pipeline_finish(a->p);
    return NULL;
}

/* A pipeline with all stages, threads workers and the given queue depth (0: default). */
static nm_pipeline *new_pipeline(unsigned threads, unsigned depth) {
    nm_options o;
    nm_options_default(&o);
    o.threads = threads;
    o.queue_depth = depth;
    nm_error err;
    nm_pipeline *p = nm_pipeline_create(&o, &err);
    if (p == NULL)
        fail_msg("create: %s", err.msg);
    return p;
}

/* Runs the generated corpus; returns all rendered output (caller frees). */
static char *run_corpus(unsigned threads, unsigned depth, size_t *len) {
    nm_pipeline *p = new_pipeline(threads, depth);
    feed_args a = {.p = p, .ndocs = NDOCS};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, feed, &a), 0);
    nm__buf out = {0};
    nm_record *rec;
    uint64_t expect = 0;
    while (nm_pipeline_next(p, &rec) == NM_OK) {
        assert_int_equal(nm_record_seq(rec), expect); /* input order */
        char want_id[32];
        snprintf(want_id, sizeof want_id, "d%llu", (unsigned long long)expect);
        nm_str id = nm_record_id(rec);
        if (expect % 50 == 49) {
            assert_true(nm_record_error(rec).len > 0);
            snprintf(want_id, sizeof want_id, "gen:%llu", (unsigned long long)expect + 1);
        } else {
            assert_int_equal(nm_record_error(rec).len, 0);
        }
        assert_int_equal(id.len, strlen(want_id));
        assert_memory_equal(id.ptr, want_id, id.len);
        /* Spans are inside the text and ordered. */
        nm_str text = nm_record_text(rec);
        size_t n;
        const nm_token *tok = nm_record_tokens(rec, &n);
        for (size_t i = 0; i < n; i++) {
            assert_true(tok[i].start < tok[i].end && tok[i].end <= text.len);
            if (i)
                assert_true(tok[i - 1].end <= tok[i].start);
        }
        /* Every good document names Ana Silva, Acme Corp, Monday and São Paulo and holds
         * money: the loops below must not run zero times (stages that found nothing passed). */
        int good = expect % 50 != 49;
        const nm_entity *ent = nm_record_entities(rec, &n);
        if (good)
            assert_true(n >= 4);
        for (size_t i = 0; i < n; i++)
            assert_true(ent[i].start < ent[i].end && ent[i].end <= text.len);
        const nm_money *m = nm_record_money(rec, &n);
        if (good)
            assert_true(n >= 1);
        for (size_t i = 0; i < n; i++)
            assert_true(m[i].start < m[i].end && m[i].end <= text.len);
        if (good)
            assert_true(n > 0 && m[0].amount.mant != 0);
        nm_str r = nm_record_rendered(rec);
        assert_true(r.len > 0 && r.ptr[r.len - 1] == '\n');
        nm__buf_append(&out, r.ptr, r.len);
        nm_pipeline_release(p, rec);
        expect++;
    }
    pthread_join(t, NULL);
    assert_int_equal(a.rc, NM_OK);
    assert_int_equal(expect, NDOCS); /* one record per input, none lost */
    nm_pipeline_stats st;
    nm_pipeline_get_stats(p, &st);
    assert_int_equal(st.docs + st.errors, NDOCS);
    assert_int_equal(st.errors, NDOCS / 50);
    nm_pipeline_destroy(p);
    *len = out.len;
    return out.ptr;
}

static void test_order_and_thread_independence(void **state) {
    (void)state;
    size_t n1, n4, nq, n12;
    char *one = run_corpus(1, 0, &n1);
    char *four = run_corpus(4, 0, &n4);
    char *tiny = run_corpus(3, 1, &nq); /* --queue-depth 1 still works */
    char *many = run_corpus(12, 0, &n12); /* past 8 workers: the deeper default pool */
    assert_int_equal(n1, n4);
    assert_memory_equal(one, four, n1);
    assert_int_equal(n1, nq);
    assert_memory_equal(one, tiny, n1);
    assert_int_equal(n1, n12);
    assert_memory_equal(one, many, n1);
    assert_int_equal(nm_test_count_lines(one, n1), NDOCS);
    free(one);
    free(four);
    free(tiny);
    free(many);
}

static void test_more_threads_than_cores(void **state) {
    (void)state;
    size_t n1, n16;
    char *one = run_corpus(1, 2, &n1);
    char *many = run_corpus(16, 2, &n16);
    assert_int_equal(n1, n16);
    assert_memory_equal(one, many, n1);
    free(one);
    free(many);
}

/* A sink that appends the renderings, checks input order and that no two calls overlap, and
 * fails at call fail_at (0: never). */
typedef struct collect {
    nm__buf out;
    uint64_t next_seq;
    atomic_int inside;
    size_t calls, pokes, fail_at, after_fail;
} collect;

static int collect_sink(void *user, nm_record *const *recs, size_t n) {
    collect *c = user;
    assert_int_equal(atomic_exchange(&c->inside, 1), 0); /* one writer at a time */
    if (c->fail_at && c->calls >= c->fail_at)
        c->after_fail++;
    if (n == 0)
        c->pokes++;
    else
        c->calls++;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(nm_record_seq(recs[i]), c->next_seq++);
        nm_str r = nm_record_rendered(recs[i]);
        nm__buf_append(&c->out, r.ptr, r.len);
    }
    atomic_store(&c->inside, 0);
    return c->fail_at && c->calls == c->fail_at ? -1 : 0;
}

typedef struct poker {
    nm_pipeline *p;
    atomic_int stop;
} poker;

static void *poke_often(void *arg) {
    poker *k = arg;
    struct timespec ts = {0, 200 * 1000L};
    while (!atomic_load(&k->stop)) {
        nm__pipeline_poke_sink(k->p);
        nanosleep(&ts, NULL);
    }
    return NULL;
}

/* The generated corpus through a sink, poked from another thread all along; the sink's output
 * (caller frees), and the number of pokes it saw in *pokes. */
static char *run_sink(unsigned threads, unsigned depth, size_t *len, size_t *pokes) {
    nm_pipeline *p = new_pipeline(threads, depth);
    collect c = {0};
    nm__pipeline_set_sink(p, collect_sink, &c);
    feed_args a = {.p = p, .ndocs = NDOCS};
    poker k = {.p = p};
    pthread_t t, pt;
    assert_int_equal(pthread_create(&t, NULL, feed, &a), 0);
    assert_int_equal(pthread_create(&pt, NULL, poke_often, &k), 0);
    nm_record *rec;
    assert_int_equal(nm_pipeline_next(p, &rec), NM_ERR_CLOSED); /* no record comes out */
    atomic_store(&k.stop, 1);
    pthread_join(pt, NULL);
    pthread_join(t, NULL);
    assert_int_equal(a.rc, NM_OK);
    assert_int_equal(c.next_seq, NDOCS);
    nm_pipeline_stats st;
    nm_pipeline_get_stats(p, &st);
    assert_int_equal(st.docs + st.errors, NDOCS);
    nm_pipeline_destroy(p);
    *len = c.out.len;
    *pokes = c.pokes;
    return c.out.ptr;
}

/* One pipeline's run of the generated corpus with its own options, on a thread of its own,
 * without cmocka asserts (they may not run off the main thread): out/len its output, rc 0
 * when every record came out in order. */
typedef struct lone_run {
    unsigned top_k, stages;
    char *out;
    size_t len;
    int rc;
} lone_run;

static void *run_lone(void *arg) {
    lone_run *r = arg;
    r->rc = -1;
    nm_options o;
    nm_options_default(&o);
    o.threads = 2;
    o.top_k = r->top_k;
    o.stages = r->stages;
    nm_pipeline *p = nm_pipeline_create(&o, NULL);
    if (p == NULL)
        return NULL;
    feed_args a = {.p = p, .ndocs = NDOCS};
    pthread_t t;
    if (pthread_create(&t, NULL, feed, &a) != 0) {
        nm_pipeline_destroy(p);
        return NULL;
    }
    nm__buf out = {0};
    nm_record *rec;
    uint64_t seq = 0;
    int in_order = 1;
    while (nm_pipeline_next(p, &rec) == NM_OK) {
        in_order &= nm_record_seq(rec) == seq++;
        nm_str rendered = nm_record_rendered(rec);
        nm__buf_append(&out, rendered.ptr, rendered.len);
        nm_pipeline_release(p, rec);
    }
    pthread_join(t, NULL);
    nm_pipeline_destroy(p);
    r->out = out.ptr;
    r->len = out.len;
    r->rc = in_order && seq == NDOCS && a.rc == NM_OK ? 0 : -1;
    return NULL;
}

/* SPEC "Library": no global mutable state, so several pipelines run in one process. Three
 * pipelines with different options (top-k 3, all stages; top-k 10; entities only) run at
 * once, and each writes what it writes when it runs alone. */
static void test_pipelines_side_by_side(void **state) {
    (void)state;
    enum { N = 3 };
    const unsigned stages_all = NM_STAGE_TOKENIZE | NM_STAGE_NORMALIZE | NM_STAGE_ENTITIES |
                                NM_STAGE_MONEY | NM_STAGE_KEYWORDS;
    lone_run alone[N] = {{3, stages_all, NULL, 0, 0},
                         {10, stages_all, NULL, 0, 0},
                         {10, NM_STAGE_TOKENIZE | NM_STAGE_NORMALIZE | NM_STAGE_ENTITIES, NULL,
                          0, 0}};
    lone_run together[N];
    memcpy(together, alone, sizeof alone);
    for (int i = 0; i < N; i++) {
        run_lone(&alone[i]);
        assert_int_equal(alone[i].rc, 0);
    }
    pthread_t t[N];
    for (int i = 0; i < N; i++)
        assert_int_equal(pthread_create(&t[i], NULL, run_lone, &together[i]), 0);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++) {
        assert_int_equal(together[i].rc, 0);
        assert_int_equal(together[i].len, alone[i].len);
        assert_memory_equal(together[i].out, alone[i].out, alone[i].len);
        for (int j = 0; j < i; j++) /* the options took effect: three different outputs */
            assert_false(alone[j].len == alone[i].len &&
                         memcmp(alone[j].out, alone[i].out, alone[i].len) == 0);
    }
    for (int i = 0; i < N; i++) {
        free(alone[i].out);
        free(together[i].out);
    }
}

static void test_sink_writes_in_order(void **state) {
    (void)state;
    size_t n1, n, pokes;
    char *one = run_corpus(1, 0, &n1);
    unsigned cases[][2] = {{1, 0}, {2, 0}, {4, 0}, {3, 1}, {16, 2}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = run_sink(cases[i][0], cases[i][1], &n, &pokes);
        assert_int_equal(n, n1);
        assert_memory_equal(got, one, n1);
        free(got);
    }
    assert_true(pokes > 0);
    free(one);
}

static void test_sink_failure_stops_the_stream(void **state) {
    (void)state;
    nm_pipeline *p = new_pipeline(2, 4);
    collect c = {.fail_at = 3};
    nm__pipeline_set_sink(p, collect_sink, &c);
    feed_args a = {.p = p, .ndocs = NDOCS};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, feed, &a), 0);
    nm_record *rec;
    assert_int_equal(nm_pipeline_next(p, &rec), NM_ERR_CANCELLED);
    pthread_join(t, NULL);
    assert_int_equal(a.rc, NM_ERR_CANCELLED); /* the feeder was stopped too */
    assert_int_equal(nm__pipeline_poke_sink(p), NM_ERR_CANCELLED);
    nm_pipeline_destroy(p);
    assert_int_equal(c.calls, 3);
    assert_int_equal(c.after_fail, 0); /* never called again */
    free(c.out.ptr);
}

/* nm__pipeline_ask_stop() (the CLI's SIGINT): the feeder's next push fails, and its finish
 * hands over the records it held, so every record pushed before the stop comes out, in order.
 * 20 pushes with holding on leave the last 5 held (batches of 1, 2, 4, 8, then up to 16). */
static void test_ask_stop_keeps_held_records(void **state) {
    (void)state;
    nm_pipeline *p = new_pipeline(2, 0);
    nm__pipeline_hold(p, 1);
    char line[8192];
    for (int i = 0; i < 20; i++) {
        size_t n = make_line(line, sizeof line, i);
        assert_int_equal(nm_pipeline_push_line(p, "gen", (uint64_t)i + 1, line, n), NM_OK);
    }
    nm__pipeline_ask_stop(p);
    size_t n = make_line(line, sizeof line, 20);
    assert_int_equal(nm_pipeline_push_line(p, "gen", 21, line, n), NM_ERR_CANCELLED);
    assert_int_equal(nm_pipeline_finish(p), NM_OK);
    nm_record *rec;
    uint64_t seq = 0;
    int rc;
    while ((rc = nm_pipeline_next(p, &rec)) == NM_OK) {
        assert_int_equal(nm_record_seq(rec), seq);
        seq++;
        nm_pipeline_release(p, rec);
    }
    assert_int_equal(rc, NM_ERR_CLOSED);
    assert_int_equal(seq, 20);
    nm_pipeline_destroy(p);
}

static void test_text_and_error_pushes(void **state) {
    (void)state;
    nm_options o;
    nm_options_default(&o);
    o.threads = 2;
    nm_pipeline *p = nm_pipeline_create(&o, NULL);
    assert_non_null(p);
    assert_int_equal(nm_pipeline_push_text(p, "a.txt", "Hello Paris.", 12), NM_OK);
    assert_int_equal(nm_pipeline_push_error(p, "big.jsonl:3", "too long"), NM_OK);
    assert_int_equal(nm_pipeline_push_text(p, "b.txt", "", 0), NM_OK);
    nm_pipeline_finish(p);
    nm_record *rec;
    assert_int_equal(nm_pipeline_next(p, &rec), NM_OK);
    assert_int_equal(nm_record_text(rec).len, 12);
    assert_int_equal(nm_record_error(rec).len, 0);
    nm_pipeline_release(p, rec);
    assert_int_equal(nm_pipeline_next(p, &rec), NM_OK);
    nm_str r = nm_record_rendered(rec);
    assert_int_equal(r.len, strlen("{\"id\":\"big.jsonl:3\",\"error\":\"too long\"}\n"));
    assert_memory_equal(r.ptr, "{\"id\":\"big.jsonl:3\",\"error\":\"too long\"}\n", r.len);
    nm_pipeline_release(p, rec);
    assert_int_equal(nm_pipeline_next(p, &rec), NM_OK); /* empty text: a normal record */
    assert_int_equal(nm_record_error(rec).len, 0);
    nm_pipeline_release(p, rec);
    assert_int_equal(nm_pipeline_next(p, &rec), NM_ERR_CLOSED);
    nm_pipeline_destroy(p);
}

/* A name is a path, and a path may be any bytes (a Latin-1 file name): the id and the
 * "<source>:<line>" id made from it must still be valid UTF-8, or the record is not JSON. */
static void test_names_that_are_not_utf8(void **state) {
    (void)state;
    nm_pipeline *p = new_pipeline(1, 0);
    assert_int_equal(nm_pipeline_push_text(p, "caf\xe9.txt", "Hi.", 3), NM_OK);
    assert_int_equal(nm_pipeline_push_line(p, "caf\xe9.jsonl", 4, "{\"text\":\"Hi.\"}", 14),
                     NM_OK);
    assert_int_equal(nm_pipeline_push_error(p, "caf\xe9.jsonl:5", "too long"), NM_OK);
    nm_pipeline_finish(p);
    static const char *const want[] = {"{\"id\":\"caf\xEF\xBF\xBD.txt\",",
                                       "{\"id\":\"caf\xEF\xBF\xBD.jsonl:4\",",
                                       "{\"id\":\"caf\xEF\xBF\xBD.jsonl:5\","};
    for (int i = 0; i < 3; i++) {
        nm_record *rec;
        assert_int_equal(nm_pipeline_next(p, &rec), NM_OK);
        nm_str r = nm_record_rendered(rec);
        assert_true(r.len > strlen(want[i]));
        assert_memory_equal(r.ptr, want[i], strlen(want[i]));
        nm_pipeline_release(p, rec);
    }
    nm_pipeline_destroy(p);
}

/* An error message cut at its 511-byte limit (a missing text field with a 600-byte name of
 * "é") split a two-byte character, and the error record was not valid UTF-8, so not JSON. */
static void test_long_error_message_cut_between_characters(void **state) {
    (void)state;
    char field[601];
    for (int i = 0; i < 600; i += 2)
        memcpy(field + i, "\xC3\xA9", 2);
    field[600] = '\0';
    nm_options o;
    nm_options_default(&o);
    o.threads = 1;
    o.text_field = field;
    nm_error err;
    nm_pipeline *p = nm_pipeline_create(&o, &err);
    assert_non_null(p);
    assert_int_equal(nm_pipeline_push_line(p, "in.jsonl", 1, "{\"text\":\"Hi.\"}", 14), NM_OK);
    nm_pipeline_finish(p);
    nm_record *rec;
    assert_int_equal(nm_pipeline_next(p, &rec), NM_OK);
    for (int cut = 0; cut < 2; cut++) { /* the message as cut, and the record as rendered */
        nm_str m = cut ? nm_record_rendered(rec) : nm_record_error(rec);
        assert_true(m.len > 400);
        assert_int_equal(nm__utf8_check(m.ptr, m.len), m.len);
    }
    nm_pipeline_release(p, rec);
    nm_pipeline_destroy(p);
}

static void *abort_later(void *arg) {
    struct timespec ts = {0, 100 * 1000000L};
    nanosleep(&ts, NULL);
    nm_pipeline_abort(arg);
    return NULL;
}

static void test_abort_unblocks_feeder(void **state) {
    (void)state;
    nm_pipeline *p = new_pipeline(1, 1);
    pthread_t t;
    pthread_create(&t, NULL, abort_later, p);
    /* Nobody consumes: the pool runs dry and the push blocks until the abort. */
    int rc = NM_OK;
    for (int i = 0; i < 1000 && rc == NM_OK; i++)
        rc = nm_pipeline_push_text(p, "x", "text", 4);
    assert_int_equal(rc, NM_ERR_CANCELLED);
    pthread_join(t, NULL);
    nm_record *rec;
    assert_int_equal(nm_pipeline_next(p, &rec), NM_ERR_CANCELLED);
    nm_pipeline_destroy(p);
}

#define BIG_DOC ((size_t)9 << 20)

/* A tokenize-only pipeline that takes 64 MiB documents, and a BIG_DOC-byte text (*text, caller
 * frees) for the byte-budget tests. */
static nm_pipeline *big_doc_pipeline(unsigned threads, char **text) {
    nm_options o;
    nm_options_default(&o);
    o.threads = threads;
    o.stages = NM_STAGE_TOKENIZE;
    o.max_doc_bytes = (size_t)64 << 20;
    nm_pipeline *p = nm_pipeline_create(&o, NULL);
    assert_non_null(p);
    *text = malloc(BIG_DOC);
    assert_non_null(*text);
    memset(*text, 'a', BIG_DOC);
    return p;
}

/* Input bytes in flight are bounded (16 MiB at one thread): with the pool nearly empty, a
 * second 9 MiB document waits until the first is released (here: until the abort). */
static void test_byte_budget_blocks_feeder(void **state) {
    (void)state;
    size_t big = BIG_DOC;
    char *text;
    nm_pipeline *p = big_doc_pipeline(1, &text);
    assert_int_equal(nm_pipeline_push_text(p, "first", text, big), NM_OK); /* one always passes */
    assert_int_equal(nm_pipeline_push_text(p, "small", "tiny", 4), NM_OK);  /* fits the budget */
    pthread_t t;
    pthread_create(&t, NULL, abort_later, p);
    assert_int_equal(nm_pipeline_push_text(p, "second", text, big), NM_ERR_CANCELLED);
    pthread_join(t, NULL);
    free(text);
    nm_pipeline_destroy(p);
}

typedef struct big_feed {
    nm_pipeline *p;
    const char *text;
    int rc;
} big_feed;

/* 12 documents: every third one 9 MiB, the rest a few bytes. */
static void *feed_big(void *arg) {
    big_feed *a = arg;
    a->rc = NM_OK;
    for (int i = 0; i < 12 && a->rc == NM_OK; i++) {
        char id[16];
        snprintf(id, sizeof id, "d%d", i);
        size_t len = i % 3 == 0 ? BIG_DOC : (size_t)(i + 1);
        a->rc = nm_pipeline_push_text(a->p, id, a->text, len);
    }
    nm_pipeline_finish(a->p);
    return NULL;
}

/* Documents over the budget still all pass, one after another, in input order. */
static void test_big_documents_keep_order_under_budget(void **state) {
    (void)state;
    size_t big = BIG_DOC;
    char *text;
    nm_pipeline *p = big_doc_pipeline(2, &text);
    big_feed a = {.p = p, .text = text};
    pthread_t t;
    pthread_create(&t, NULL, feed_big, &a);
    nm_record *rec;
    int i = 0;
    while (nm_pipeline_next(p, &rec) == NM_OK) {
        char id[16];
        snprintf(id, sizeof id, "d%d", i);
        nm_str rid = nm_record_id(rec);
        assert_int_equal(rid.len, strlen(id));
        assert_memory_equal(rid.ptr, id, rid.len);
        assert_int_equal(nm_record_text(rec).len, i % 3 == 0 ? big : (size_t)(i + 1));
        assert_int_equal(nm_record_error(rec).len, 0);
        nm_pipeline_release(p, rec);
        i++;
    }
    pthread_join(t, NULL);
    assert_int_equal(a.rc, NM_OK);
    assert_int_equal(i, 12);
    free(text);
    nm_pipeline_destroy(p);
}

/* Two 9 MiB documents: the feeder's part of the test below. */
static void *feed_two_big(void *arg) {
    big_feed *a = arg;
    a->rc = nm_pipeline_push_text(a->p, "b0", a->text, BIG_DOC);
    if (a->rc == NM_OK)
        a->rc = nm_pipeline_push_text(a->p, "b1", a->text, BIG_DOC);
    nm_pipeline_finish(a->p);
    return NULL;
}

/* A consumer that keeps the record it holds while it takes the next one (to compare
 * neighbours, say) must not deadlock with a feeder waiting for byte budget: the held record's
 * bytes can only come back after that next record comes out. */
static void test_consumer_holding_a_record_gets_the_next_big_one(void **state) {
    (void)state;
    char *text;
    nm_pipeline *p = big_doc_pipeline(1, &text);
    big_feed a = {.p = p, .text = text};
    pthread_t t;
    pthread_create(&t, NULL, feed_two_big, &a);
    nm_record *held, *next;
    assert_int_equal(nm_pipeline_next(p, &held), NM_OK);
    int rc = nm_pipeline_next_within(p, &next, 20000);
    if (rc != NM_OK)
        nm_pipeline_abort(p); /* let the feeder go before failing */
    assert_int_equal(rc, NM_OK);
    assert_int_equal(nm_record_seq(next), 1);
    nm_pipeline_release(p, held);
    nm_pipeline_release(p, next);
    assert_int_equal(nm_pipeline_next(p, &next), NM_ERR_CLOSED);
    pthread_join(t, NULL);
    assert_int_equal(a.rc, NM_OK);
    free(text);
    nm_pipeline_destroy(p);
}

static void *feed_small(void *arg) {
    nm_pipeline *p = arg;
    for (int i = 0; i < 2000; i++)
        if (nm_pipeline_push_text(p, "x", "Some text.", 10) != NM_OK)
            break;
    nm_pipeline_finish(p);
    return NULL;
}

/* A record released twice, or released to a pipeline it does not come from, is ignored: it
 * used to enter the free pool a second time, two documents then shared it and the stream
 * lost one and stopped (2000 documents, 139 out, then nothing). */
static void test_release_twice_or_foreign_is_ignored(void **state) {
    (void)state;
    nm_pipeline *p = new_pipeline(2, 0), *other = new_pipeline(1, 0);
    assert_int_equal(nm_pipeline_push_text(other, "o", "Other text.", 11), NM_OK);
    nm_record *foreign;
    assert_int_equal(nm_pipeline_next(other, &foreign), NM_OK);
    pthread_t t;
    pthread_create(&t, NULL, feed_small, p);
    nm_record *rec;
    int n = 0, rc;
    while ((rc = nm_pipeline_next_within(p, &rec, 20000)) == NM_OK) {
        assert_int_equal(nm_record_seq(rec), n);
        nm_pipeline_release(p, rec);
        if (++n == 10) {
            nm_pipeline_release(p, rec);     /* twice */
            nm_pipeline_release(p, foreign); /* not p's */
        }
    }
    if (rc != NM_ERR_CLOSED)
        nm_pipeline_abort(p);
    pthread_join(t, NULL);
    assert_int_equal(rc, NM_ERR_CLOSED);
    assert_int_equal(n, 2000);
    nm_pipeline_destroy(p);
    nm_pipeline_release(other, foreign); /* still other's to give back */
    nm_pipeline_finish(other);
    assert_int_equal(nm_pipeline_next(other, &foreign), NM_ERR_CLOSED);
    nm_pipeline_destroy(other);
}

/* The same through a sink: the feeder's larger batches (set_sink) wait for free records, not
 * for the byte budget, and still every document passes in order. */
static void test_big_documents_through_a_sink(void **state) {
    (void)state;
    char *text;
    nm_pipeline *p = big_doc_pipeline(2, &text);
    collect c = {0};
    nm__pipeline_set_sink(p, collect_sink, &c);
    big_feed a = {.p = p, .text = text};
    pthread_t t;
    pthread_create(&t, NULL, feed_big, &a);
    nm_record *rec;
    assert_int_equal(nm_pipeline_next(p, &rec), NM_ERR_CLOSED);
    pthread_join(t, NULL);
    assert_int_equal(a.rc, NM_OK);
    assert_int_equal(c.next_seq, 12);
    free(c.out.ptr);
    free(text);
    nm_pipeline_destroy(p);
}

static void test_next_within_times_out_then_goes_on(void **state) {
    (void)state;
    nm_pipeline *p = nm_pipeline_create(NULL, NULL);
    assert_non_null(p);
    nm_record *rec = NULL;
    assert_int_equal(nm_pipeline_next_within(p, &rec, 20), NM_ERR_TIMEOUT); /* nothing fed */
    assert_null(rec);
    assert_int_equal(nm_pipeline_push_text(p, "a.txt", "Hello Paris.", 12), NM_OK);
    assert_int_equal(nm_pipeline_next_within(p, &rec, 10000), NM_OK);
    assert_int_equal(nm_record_text(rec).len, 12);
    nm_pipeline_release(p, rec);
    assert_int_equal(nm_pipeline_next_within(p, &rec, 1), NM_ERR_TIMEOUT);
    nm_pipeline_finish(p);
    assert_int_equal(nm_pipeline_next_within(p, &rec, 10000), NM_ERR_CLOSED);
    nm_pipeline_destroy(p);
}

static void test_destroy_without_draining(void **state) {
    (void)state;
    nm_pipeline *p = nm_pipeline_create(NULL, NULL);
    assert_non_null(p);
    for (int i = 0; i < 5; i++)
        assert_int_equal(nm_pipeline_push_text(p, "x", "Some text here.", 15), NM_OK);
    nm_pipeline_destroy(p); /* must not hang or leak (ASan checks the latter) */
    nm_pipeline_destroy(NULL);
}

static void test_stage_list(void **state) {
    (void)state;
    unsigned st;
    nm_error err;
    assert_int_equal(nm_stages_parse("money", &st, &err), NM_OK);
    assert_int_equal(st, NM_STAGE_TOKENIZE | NM_STAGE_NORMALIZE | NM_STAGE_MONEY);
    assert_int_equal(nm_stages_parse("tokenize", &st, &err), NM_OK);
    assert_int_equal(st, NM_STAGE_TOKENIZE);
    assert_int_equal(nm_stages_parse("tokenize,bogus", &st, &err), NM_ERR_INVALID);
    assert_non_null(strstr(err.msg, "bogus"));
    /* an empty list ran tokenize alone, silently */
    assert_int_equal(nm_stages_parse("", &st, &err), NM_ERR_INVALID);
    assert_non_null(strstr(err.msg, "names no stage"));
    assert_int_equal(nm_stages_parse(",", &st, &err), NM_ERR_INVALID);
    assert_int_equal(nm_stages_parse(NULL, &st, &err), NM_ERR_INVALID);
    assert_int_equal(nm_stages_parse("money,", &st, &err), NM_OK); /* a stray comma is harmless */
}

/* The stages' huge-page tables (nm__zalloc_huge): aligned to a huge page, zero without a
 * memset, writable to the last byte, freed by nm__free_huge; a free of NULL is a no-op. */
static void test_huge_tables(void **state) {
    (void)state;
    for (size_t pages = 1; pages <= 2; pages++) {
        size_t bytes = pages * NM__HUGE_PAGE;
        unsigned char *t = nm__zalloc_huge(bytes);
        assert_non_null(t);
        assert_int_equal((uintptr_t)t % NM__HUGE_PAGE, 0);
        for (size_t i = 0; i < bytes; i += 4096)
            assert_int_equal(t[i], 0);
        assert_int_equal(t[bytes - 1], 0);
        t[0] = t[bytes - 1] = 0xAB;
        nm__free_huge(t, bytes);
    }
    nm__free_huge(NULL, NM__HUGE_PAGE);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_thread_independence),
        cmocka_unit_test(test_more_threads_than_cores),
        cmocka_unit_test(test_pipelines_side_by_side),
        cmocka_unit_test(test_sink_writes_in_order),
        cmocka_unit_test(test_sink_failure_stops_the_stream),
        cmocka_unit_test(test_text_and_error_pushes),
        cmocka_unit_test(test_names_that_are_not_utf8),
        cmocka_unit_test(test_long_error_message_cut_between_characters),
        cmocka_unit_test(test_ask_stop_keeps_held_records),
        cmocka_unit_test(test_abort_unblocks_feeder),
        cmocka_unit_test(test_byte_budget_blocks_feeder),
        cmocka_unit_test(test_big_documents_keep_order_under_budget),
        cmocka_unit_test(test_big_documents_through_a_sink),
        cmocka_unit_test(test_consumer_holding_a_record_gets_the_next_big_one),
        cmocka_unit_test(test_release_twice_or_foreign_is_ignored),
        cmocka_unit_test(test_next_within_times_out_then_goes_on),
        cmocka_unit_test(test_destroy_without_draining),
        cmocka_unit_test(test_stage_list),
        cmocka_unit_test(test_huge_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
