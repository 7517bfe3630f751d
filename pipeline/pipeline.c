/*
 * pipeline.c — wiring: shared resources, worker threads, the record pool and ordered output.
 *
 *   feeder --push--> [in queue] --> N workers (decode, stages, render) --> [out queue]
 *          <--------------- [free pool] <--release-- consumer <-- reorder window <--+
 *
 * A fixed pool of records bounds memory: the feeder blocks when every record is in flight
 * (backpressure, not buffering). Records carry sequence numbers; since at most pool_size
 * records exist, every record waiting for output has a seq in [next_out, next_out + pool_size),
 * so a ring of pool_size slots restores input order without searching. Besides the record
 * count, the input bytes in flight are bounded (inflight_max): a few huge documents
 * cannot fill the whole pool, since each costs tens of times its size in annotations. Stage
 * shared data is loaded once and read-only; each worker has its own stage states, decoder and
 * statistics. With a sink (sink.h) there is no consumer: the workers write the records in order
 * themselves (deliver, write_ready) and the out queue only says when the stream has ended.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cpus.h"
#include "decode.h"
#include "fail.h"
#include "feed.h"
#include "newsmine/pipeline.h"
#include "queue.h"
#include "record.h"
#include "render.h"
#include "sink.h"
#include "stage.h"
#include "utf8.h"

/* Every stage, in execution order (see stage.h). */
static const nm__stage *const all_stages[] = {&nm__stage_tokenize, &nm__stage_normalize,
                                              &nm__stage_money, &nm__stage_entities,
                                              &nm__stage_keywords};
enum { NM__MAX_STAGES = sizeof all_stages / sizeof all_stages[0], NM__BATCH = 32 };

/* Default queue depth: NM__DEPTH_PER_WORKER records per worker, so that every worker takes
 * batches of about NM__BATCH records per hand-off whatever the thread count (a worker takes at
 * most pool_size / (2 x workers)). Depth 8 -> 32 at -j1 cut context switches on Reuters x3 from
 * 50k to 17k; at -j2, 32 (batches of 16) -> 64 (batches of 32) cut the voluntary switches by
 * half and the wall time by 4-8% (benchmarks/README.md, fifth session). A deeper pool costs
 * memory (Reuters -j2: 30.7 -> 35.9 MB peak RSS) and, at -j1, time (depth 64 at -j1: +0-4%
 * wall), so up to 8 workers it stops at NM__MAX_DEPTH.
 * Past 8 workers each gets NM__DEPTH_PER_WORKER_MANY, up to NM__MAX_DEPTH_MANY. Output is in
 * input order, so a worker that is descheduled while it holds a batch (at -j16 on 16 CPUs the
 * feeder and the writer take turns on them) holds up every record after it, and the others stop
 * once the whole pool waits behind it: the deeper the pool, the longer a stall it rides out.
 * On a 16-core machine, Reuters x16 at -j16: depth 256 -> 1024 gave 244 -> 321 MB/s, and in a
 * second run 274 -> 332 MB/s (peak RSS 77 -> 201 MB); at -j12 it changed nothing (301, 304;
 * benchmarks/README.md, eleventh session). */
enum { NM__DEPTH_PER_WORKER = 32, NM__MAX_DEPTH = 256 };
enum { NM__MANY_WORKERS = 8, NM__DEPTH_PER_WORKER_MANY = 64, NM__MAX_DEPTH_MANY = 1024 };

/* Input bytes that may be in flight (read, not yet released) before the feeder waits: 4 MiB per
 * thread, at least 16 MiB; one document always passes, however large. Annotations cost ~20x
 * the input bytes for news prose and up to ~110x for token-dense text such as "5% 5% ...". */
#define NM__INFLIGHT_PER_THREAD ((size_t)4 << 20)
#define NM__INFLIGHT_MIN ((size_t)16 << 20)

typedef struct worker_stats {
    uint64_t docs, errors, bytes, tokens;
    double stage_seconds[NM__MAX_STAGES + 2]; /* stages, then decode, then render */
} worker_stats;

/* Each worker's struct starts a cache line of its own (the array is allocated aligned): a worker
 * writes its statistics per record and reads its states per stage call, and those lines must
 * not be shared with the next worker's (false sharing between cores). */
#define NM__CACHE_LINE 64
typedef struct worker {
    _Alignas(NM__CACHE_LINE) struct nm_pipeline *p;
    pthread_t thread;
    int started;
    nm__decoder *decoder;
    void *state[NM__MAX_STAGES];
    worker_stats stats;
} worker;

struct nm_pipeline {
    nm_options opts;
    char *text_field, *id_field, *index_name, *df_path; /* owned copies of the option strings */
    const nm__stage *stages[NM__MAX_STAGES];
    void *shared[NM__MAX_STAGES];
    size_t nstages;

    nm_record *records;
    size_t pool_size;
    nm__queue *free_q, *in_q, *out_q;
    nm_record **window;
    uint64_t next_seq, next_out;
    nm_record *pending[NM__BATCH]; /* popped from out_q, not yet placed (consumer only) */
    void **spare;                  /* free records the feeder took in one go (feeder only) */
    size_t nspare, spare_at;
    size_t spare_min, spare_max;   /* it takes at least / at most this many (see acquire) */
    void *held[NM__BATCH];         /* submitted, not yet pushed to the workers (feeder only) */
    size_t nheld;
    int holding;                   /* nm__pipeline_hold(): submit holds records for a batch */
    size_t hold_max;               /* held records that make a batch: 1, 2, 4 ... NM__BATCH */

    worker *workers;
    unsigned nworkers;
    atomic_size_t worker_batch;    /* records a worker takes at most (relaxed: a size only) */
    atomic_uint running;
    atomic_int cancelled;
    atomic_int stop_asked;         /* nm__pipeline_ask_stop(): the feeder's pushes fail */

    pthread_mutex_t budget_lock; /* guards the feeder's wait on budget_freed (see charge) */
    pthread_cond_t budget_freed;
    atomic_size_t inflight;      /* sum of charged input bytes of records in flight */
    atomic_size_t taken;         /* the part of it in records the consumer holds (next_until) */
    size_t inflight_max;         /* the budget */
    atomic_int budget_waiting;   /* the feeder waits, or is about to, for budget_freed */
    int budget_init;

    nm__sink_fn sink;            /* nm__pipeline_set_sink(): workers write the records */
    void *sink_user;
    pthread_mutex_t order_lock;  /* with a sink: guards window, next_out and writing */
    int writing;                 /* a worker (or a poke) holds the writer role */
    int order_init;
};

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* After the stages: an error record when a stage or the rendering failed, the worker's counts,
 * the rendering. Never fails: problems become the record's error (out of memory included), so
 * no record is ever lost. */
static void finish_record(worker *w, nm_record *rec, int rc, const nm_error *err) {
    nm_pipeline *p = w->p;
    if (rc != NM_OK && rec->error.len == 0) {
        /* A stage could not finish (out of memory): the record says so, the stream goes on. */
        const char *what = err->msg[0] ? err->msg : nm_strerror(rc);
        if (nm__record_fail(rec, "processing failed: %s", what) != NM_OK) {
            static const char oom[] = "processing failed: out of memory";
            rec->error = (nm_str){oom, sizeof oom - 1};
        }
    }
    rec->out.len = 0;
    if (rec->error.len == 0 && nm__render(rec, &p->opts) != NM_OK) {
        /* The rendering ran out of memory (a 4 MB document's 2.8M tokens with --tokens under a
         * 1 GB limit): the record becomes an error record, a few bytes, instead of vanishing
         * from the output with exit status 0. */
        static const char oom[] = "processing failed: out of memory writing the record";
        rec->error = (nm_str){oom, sizeof oom - 1};
    }
    if (rec->error.len) {
        w->stats.errors++;
        rec->tokens.n = rec->sentences.n = rec->money.n = rec->entities.n = rec->keywords.n = 0;
        rec->out.len = 0;
        if (nm__render(rec, &p->opts) != NM_OK)
            rec->out.len = 0; /* an error record that cannot be rendered: a lost line */
    } else {
        w->stats.docs++;
        w->stats.bytes += rec->text.len;
        w->stats.tokens += rec->tokens.n;
    }
}

/*
 * Runs a batch of records through decoding, the stages and rendering, stage by stage: every
 * record through one stage, then the next. Each stage's code (tens of KB) then stays in the
 * instruction cache for the batch instead of being fetched again for every document. A record
 * that fails skips the stages after its failure.
 */
static void process_batch(worker *w, nm_record **recs, size_t n) {
    nm_pipeline *p = w->p;
    int rc[NM__BATCH];
    nm_error err[NM__BATCH];
    double t0 = now_seconds(), t1;
    for (size_t r = 0; r < n; r++) {
        nm_error_clear(&err[r]);
        rc[r] = nm__decode(w->decoder, recs[r], &p->opts);
    }
    t1 = now_seconds();
    w->stats.stage_seconds[NM__MAX_STAGES] += t1 - t0;
    for (size_t i = 0; i < p->nstages; i++) {
        for (size_t r = 0; r < n; r++)
            if (rc[r] == NM_OK && recs[r]->error.len == 0)
                rc[r] = p->stages[i]->process(w->state[i], p->shared[i], recs[r], &err[r]);
        t0 = t1;
        t1 = now_seconds();
        w->stats.stage_seconds[i] += t1 - t0;
    }
    for (size_t r = 0; r < n; r++)
        finish_record(w, recs[r], rc[r], &err[r]);
    w->stats.stage_seconds[NM__MAX_STAGES + 1] += now_seconds() - t1;
}

static void release_many(nm_pipeline *p, nm_record *const *recs, size_t n);

/* Writes the records that are next in order through the sink, one run of up to NM__BATCH at a
 * time, until none is ready; the caller holds order_lock and has taken the writer role (which
 * it still holds on return, with the lock held again). The lock is dropped while the sink
 * writes, so other workers place their batches meanwhile; those are looked at before this
 * returns. After a failed write (or an abort) records are released unwritten. NM_OK, or
 * NM_ERR_CANCELLED once the sink failed (the pipeline is then aborted). */
static int write_ready(nm_pipeline *p) {
    nm_record *run[NM__BATCH];
    int rc = NM_OK;
    for (;;) {
        size_t n = 0, slot = (size_t)(p->next_out % p->pool_size);
        while (n < NM__BATCH && p->window[slot] != NULL) {
            run[n++] = p->window[slot];
            p->window[slot] = NULL;
            p->next_out++;
            slot = slot + 1 == p->pool_size ? 0 : slot + 1;
        }
        if (n == 0)
            return rc;
        pthread_mutex_unlock(&p->order_lock);
        if (atomic_load(&p->cancelled)) {
            rc = NM_ERR_CANCELLED;
        } else if (p->sink(p->sink_user, run, n) != 0) {
            nm_pipeline_abort(p);
            rc = NM_ERR_CANCELLED;
        }
        release_many(p, run, n);
        pthread_mutex_lock(&p->order_lock);
    }
}

/* With a sink: places a finished batch in the reorder window and, unless another worker holds
 * the writer role, writes what is ready (write_ready). NM_OK, or NM_ERR_CANCELLED. */
static int deliver(nm_pipeline *p, nm_record *const *recs, size_t n) {
    int rc = NM_OK;
    pthread_mutex_lock(&p->order_lock);
    for (size_t i = 0; i < n; i++)
        p->window[recs[i]->seq % p->pool_size] = recs[i];
    if (!p->writing) {
        p->writing = 1;
        rc = write_ready(p);
        p->writing = 0;
    }
    pthread_mutex_unlock(&p->order_lock);
    return rc != NM_OK || atomic_load(&p->cancelled) ? NM_ERR_CANCELLED : NM_OK;
}

static void *worker_main(void *arg) {
    worker *w = arg;
    nm_pipeline *p = w->p;
    void *batch[NM__BATCH];
    size_t n;
    while (nm__queue_pop_many(p->in_q, batch, atomic_load_explicit(&p->worker_batch,
                                                                   memory_order_relaxed),
                              &n) == NM_OK) {
        process_batch(w, (nm_record **)batch, n);
        if (p->sink ? deliver(p, (nm_record **)batch, n) != NM_OK
                    : nm__queue_push_many(p->out_q, batch, n) != NM_OK)
            break;
    }
    if (atomic_fetch_sub(&p->running, 1) == 1)
        nm__queue_close(p->out_q);
    return NULL;
}

/* Start-up: every stage loads its shared data in a thread of its own, and the workers' states of
 * a stage are set up as soon as its data is there, so start-up lasts about as long as the
 * slowest load (the entities' lexicons), not the sum of all loads and all worker setups. */
typedef struct loading {
    pthread_mutex_t lock;
    pthread_cond_t done_cv;
    struct stage_load {
        struct loading *l;
        nm_pipeline *p;
        size_t k;
        pthread_t thread;
        int threaded, done, rc;
        nm_error err;
    } st[NM__MAX_STAGES];
} loading;

static void *load_stage(void *arg) {
    struct stage_load *s = arg;
    nm_error_clear(&s->err);
    int rc = s->p->stages[s->k]->load(&s->p->shared[s->k], &s->p->opts, &s->err);
    if (rc != NM_OK && s->err.code == NM_OK)
        nm__fail(&s->err, NM_ERR_MODEL, "a stage failed to load its data");
    pthread_mutex_lock(&s->l->lock);
    s->rc = rc;
    s->done = 1;
    pthread_cond_signal(&s->l->done_cv);
    pthread_mutex_unlock(&s->l->lock);
    return NULL;
}

/* Makes every worker's state of stage k. NM_OK, or an error with err filled. */
static int init_stage(nm_pipeline *p, size_t k, nm_error *err) {
    const nm__stage *s = p->stages[k];
    for (unsigned i = 0; s->init && i < p->nworkers; i++)
        if (s->init(&p->workers[i].state[k], p->shared[k], &p->opts, err) != NM_OK) {
            if (err && err->code == NM_OK)
                nm__fail(err, NM_ERR_NOMEM, "a stage failed to start");
            return NM_ERR_NOMEM;
        }
    return NM_OK;
}

/* Loads the stages (see loading) and sets up the workers' states of each. NM_OK, or the first
 * failure with err filled; every loading thread has ended when it returns. */
static int load_stages(nm_pipeline *p, nm_error *err) {
    loading l;
    if (pthread_mutex_init(&l.lock, NULL) != 0)
        return nm__fail(err, NM_ERR_NOMEM, "out of memory creating the pipeline");
    if (pthread_cond_init(&l.done_cv, NULL) != 0) {
        pthread_mutex_destroy(&l.lock);
        return nm__fail(err, NM_ERR_NOMEM, "out of memory creating the pipeline");
    }
    for (size_t k = 0; k < p->nstages; k++) {
        struct stage_load *s = &l.st[k];
        int has_load = p->stages[k]->load != NULL;
        *s = (struct stage_load){.l = &l, .p = p, .k = k, .done = !has_load};
        if (has_load && pthread_create(&s->thread, NULL, load_stage, s) == 0)
            s->threaded = 1; /* s->threaded: the main thread's own; the loader never reads it */
        else if (has_load)
            load_stage(s); /* no thread to spare: load it here */
    }
    int rc = NM_OK;
    unsigned char ready[NM__MAX_STAGES] = {0};
    pthread_mutex_lock(&l.lock);
    for (size_t left = p->nstages; left > 0;) {
        size_t k = 0;
        while (k < p->nstages && (ready[k] || !l.st[k].done))
            k++;
        if (k == p->nstages) {
            pthread_cond_wait(&l.done_cv, &l.lock);
            continue;
        }
        ready[k] = 1;
        left--;
        pthread_mutex_unlock(&l.lock);
        if (rc == NM_OK && l.st[k].rc != NM_OK) {
            rc = l.st[k].rc;
            if (err)
                *err = l.st[k].err;
        } else if (rc == NM_OK) {
            rc = init_stage(p, k, err);
        }
        pthread_mutex_lock(&l.lock);
    }
    pthread_mutex_unlock(&l.lock);
    for (size_t k = 0; k < p->nstages; k++)
        if (l.st[k].threaded)
            pthread_join(l.st[k].thread, NULL);
    pthread_cond_destroy(&l.done_cv);
    pthread_mutex_destroy(&l.lock);
    return rc;
}

static char *dup_or_null(const char *s) {
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

nm_pipeline *nm_pipeline_create(const nm_options *opts, nm_error *err) {
    nm_error_clear(err);
    nm_options defaults;
    if (opts == NULL) {
        nm_options_default(&defaults);
        opts = &defaults;
    }
    nm_pipeline *p = calloc(1, sizeof *p);
    if (p == NULL) {
        nm__fail(err, NM_ERR_NOMEM, "out of memory creating the pipeline");
        return NULL;
    }
    p->opts = *opts;
    p->text_field = dup_or_null(opts->text_field ? opts->text_field : "text");
    p->id_field = dup_or_null(opts->id_field ? opts->id_field : "id");
    p->index_name = dup_or_null(opts->index_name ? opts->index_name : "news");
    p->df_path = dup_or_null(opts->df_path);
    if (!p->text_field || !p->id_field || !p->index_name || (opts->df_path && !p->df_path))
        goto nomem;
    p->opts.text_field = p->text_field;
    p->opts.id_field = p->id_field;
    p->opts.index_name = p->index_name;
    p->opts.df_path = p->df_path;
    if (p->opts.max_doc_bytes == 0)
        p->opts.max_doc_bytes = (size_t)16 << 20;
    if (p->opts.format == 0)
        p->opts.format = NM_OUTPUT_JSONL;
    p->opts.stages |= NM_STAGE_TOKENIZE;
    if (p->opts.stages & (NM_STAGE_ENTITIES | NM_STAGE_MONEY | NM_STAGE_KEYWORDS))
        p->opts.stages |= NM_STAGE_NORMALIZE;
    p->nworkers = p->opts.threads ? p->opts.threads : nm__usable_cpus();
    if (p->nworkers > 1024)
        p->nworkers = 1024;
    p->opts.threads = p->nworkers;
    size_t depth = p->opts.queue_depth;
    if (depth == 0 && p->nworkers <= NM__MANY_WORKERS) {
        depth = (size_t)NM__DEPTH_PER_WORKER * p->nworkers;
        depth = depth > NM__MAX_DEPTH ? NM__MAX_DEPTH : depth;
    } else if (depth == 0) {
        depth = (size_t)NM__DEPTH_PER_WORKER_MANY * p->nworkers;
        depth = depth > NM__MAX_DEPTH_MANY ? NM__MAX_DEPTH_MANY : depth;
    }
    p->opts.queue_depth = (unsigned)depth;
    p->pool_size = 2 * depth + p->nworkers;
    /* The feeder's first batches are small (1, 2, 4 ... records, then NM__BATCH), so that
     * every worker gets a first document early: with batches of 32 from the start, the second
     * worker at -j2 waited for the 33rd document (median 2.8 ms into the run, 0.7 ms now). */
    p->hold_max = 1;
    /* A worker takes at most pool_size / (2 x workers) records, the feeder at least half the
     * pool (see acquire); nm__pipeline_set_sink() changes both. */
    size_t batch = p->pool_size / (2 * p->nworkers);
    atomic_init(&p->worker_batch, batch < 1 ? 1 : batch > NM__BATCH ? NM__BATCH : batch);
    p->spare_min = p->pool_size / 2 < NM__BATCH ? p->pool_size / 2 : NM__BATCH;
    p->spare_max = NM__BATCH;
    p->inflight_max = NM__INFLIGHT_PER_THREAD * p->nworkers;
    if (p->inflight_max < NM__INFLIGHT_MIN)
        p->inflight_max = NM__INFLIGHT_MIN;

    for (size_t i = 0; i < NM__MAX_STAGES; i++) {
        const nm__stage *s = all_stages[i];
        if (!(p->opts.stages & s->bit))
            continue;
        p->stages[p->nstages++] = s;
    }

    if (pthread_mutex_init(&p->budget_lock, NULL) != 0)
        goto nomem;
    if (pthread_cond_init(&p->budget_freed, NULL) != 0) {
        pthread_mutex_destroy(&p->budget_lock);
        goto nomem;
    }
    p->budget_init = 1;
    if (pthread_mutex_init(&p->order_lock, NULL) != 0)
        goto nomem;
    p->order_init = 1;
    p->records = calloc(p->pool_size, sizeof *p->records);
    p->window = calloc(p->pool_size, sizeof *p->window);
    p->spare = calloc(p->pool_size, sizeof *p->spare);
    p->free_q = nm__queue_create(p->pool_size);
    p->in_q = nm__queue_create(p->pool_size);
    p->out_q = nm__queue_create(p->pool_size);
    p->workers = nm__zalloc_aligned(NM__CACHE_LINE, p->nworkers * sizeof *p->workers);
    if (!p->records || !p->window || !p->spare || !p->free_q || !p->in_q || !p->out_q ||
        !p->workers)
        goto nomem;
    for (size_t i = 0; i < p->pool_size; i++)
        if (nm__queue_push(p->free_q, &p->records[i]) != NM_OK)
            goto nomem;

    for (unsigned i = 0; i < p->nworkers; i++) {
        worker *w = &p->workers[i];
        w->p = p;
        w->decoder = nm__decoder_create();
        if (w->decoder == NULL)
            goto nomem;
    }
    if (load_stages(p, err) != NM_OK)
        goto fail;
    atomic_store(&p->running, p->nworkers);
    for (unsigned i = 0; i < p->nworkers; i++) {
        if (pthread_create(&p->workers[i].thread, NULL, worker_main, &p->workers[i]) != 0) {
            /* The threads already started see a closed input and exit. */
            atomic_fetch_sub(&p->running, p->nworkers - i);
            nm__fail(err, NM_ERR_NOMEM, "cannot start worker threads");
            goto fail;
        }
        p->workers[i].started = 1;
    }
    return p;

nomem:
    nm__fail(err, NM_ERR_NOMEM, "out of memory creating the pipeline");
fail:
    nm_pipeline_destroy(p);
    return NULL;
}

static int flush_held(nm_pipeline *p);

/* Takes a free record for the feeder, blocking while all are in flight. Free records are taken
 * in batches (spare_min to spare_max: at least half of the pool, at most NM__BATCH) so the
 * feeder and the writer do not wake each other once per document: -7% CPU at -j1
 * (benchmarks/README.md). At -j1 half the pool is one worker batch (32): the writer's release
 * of a batch wakes the feeder once, not twice as with a quarter (-29% voluntary context
 * switches on Reuters). A consumer that holds up to queue_depth records while it waits for the
 * next still leaves the feeder enough. With a sink, see nm__pipeline_set_sink. */
static int acquire(nm_pipeline *p, nm_record **out) {
    if (atomic_load_explicit(&p->stop_asked, memory_order_relaxed))
        return NM_ERR_CANCELLED; /* nm__pipeline_ask_stop(): no more records */
    if (p->spare_at == p->nspare) {
        /* The free pool may only refill once the held records are processed. */
        int rc = flush_held(p);
        if (rc != NM_OK)
            return rc;
        p->nspare = p->spare_at = 0;
        rc = nm__queue_pop_range(p->free_q, p->spare, p->spare_min, p->spare_max, &p->nspare);
        if (rc != NM_OK)
            return atomic_load(&p->cancelled) ? NM_ERR_CANCELLED : rc;
    }
    *out = p->spare[p->spare_at++];
    return NM_OK;
}

/* Counts len input bytes as in flight, first waiting while the budget is spent (unless nothing
 * is in flight but records the consumer holds: one document always passes, and a consumer
 * holding its last record while it waits for the next cannot free bytes before that next
 * one comes); held records are handed over before waiting. inflight is read before taken:
 * only the feeder adds to inflight, so cur <= taken means all of it was taken at that moment.
 * NM_OK, NM_ERR_CANCELLED after an abort, or the error of that hand-off. The count is an atomic
 * and the lock is taken only to wait. Only the feeder adds, so a budget check that passes
 * stays true while others take bytes back. */
static int charge(nm_pipeline *p, size_t len) {
    size_t cur = atomic_load(&p->inflight);
    if (cur <= atomic_load(&p->taken) || cur + len <= p->inflight_max) {
        if (atomic_load(&p->cancelled))
            return NM_ERR_CANCELLED;
        atomic_fetch_add(&p->inflight, len);
        return NM_OK;
    }
    int rc = NM_OK;
    pthread_mutex_lock(&p->budget_lock);
    for (;;) {
        if (atomic_load(&p->cancelled)) {
            rc = NM_ERR_CANCELLED;
            break;
        }
        /* Announce the wait, then look again: an uncharge either sees the flag (and signals,
         * under the lock, once this thread waits) or its bytes are seen here. */
        atomic_store(&p->budget_waiting, 1);
        cur = atomic_load(&p->inflight);
        if (cur <= atomic_load(&p->taken) || cur + len <= p->inflight_max)
            break;
        if (p->nheld) { /* held records free no budget until they are processed */
            atomic_store(&p->budget_waiting, 0);
            pthread_mutex_unlock(&p->budget_lock);
            if ((rc = flush_held(p)) != NM_OK)
                return rc;
            pthread_mutex_lock(&p->budget_lock);
            continue;
        }
        pthread_cond_wait(&p->budget_freed, &p->budget_lock);
    }
    atomic_store(&p->budget_waiting, 0);
    if (rc == NM_OK)
        atomic_fetch_add(&p->inflight, len);
    pthread_mutex_unlock(&p->budget_lock);
    return rc;
}

/* Wakes the feeder if it waits for budget (see charge); after a change of inflight or taken. */
static void budget_changed(nm_pipeline *p) {
    if (atomic_load(&p->budget_waiting)) {
        pthread_mutex_lock(&p->budget_lock);
        pthread_cond_signal(&p->budget_freed);
        pthread_mutex_unlock(&p->budget_lock);
    }
}

/* Takes len bytes back from the in-flight count, waking the feeder if it waits (see charge). */
static void uncharge(nm_pipeline *p, size_t len) {
    if (len == 0)
        return;
    atomic_fetch_sub(&p->inflight, len);
    budget_changed(p);
}

/* Hands the held records to the workers in one push. Those the queue refuses (after an abort)
 * go back to the free pool. NM_OK, or the queue's error. Feeder only. */
static int flush_held(nm_pipeline *p) {
    size_t n = p->nheld, done = 0;
    if (n == 0)
        return NM_OK;
    p->nheld = 0;
    if (p->hold_max < NM__BATCH) /* see nm_pipeline_create */
        p->hold_max *= 2;
    int rc = nm__queue_push_counted(p->in_q, p->held, n, &done);
    for (size_t i = done; i < n; i++) {
        nm_record *rec = p->held[i];
        uncharge(p, rec->charged);
        nm__record_reset(rec);
        nm__queue_push(p->free_q, rec);
    }
    return rc != NM_OK && atomic_load(&p->cancelled) ? NM_ERR_CANCELLED : rc;
}

static int submit(nm_pipeline *p, nm_record *rec) {
    rec->seq = p->next_seq;
    int rc = charge(p, rec->raw.len);
    if (rc != NM_OK) {
        nm__record_reset(rec);
        nm__queue_push(p->free_q, rec);
        return rc;
    }
    rec->charged = rec->raw.len;
    p->held[p->nheld++] = rec; /* without holding, a batch of one goes at once */
    p->next_seq++;
    return !p->holding || p->nheld >= p->hold_max ? flush_held(p) : NM_OK;
}

static int fill_raw(nm_record *rec, const char *data, size_t len) {
    rec->raw.len = 0;
    if (nm__buf_reserve(&rec->raw, len + NM__INPUT_PADDING) != NM_OK)
        return NM_ERR_NOMEM;
    if (len)
        memcpy(rec->raw.ptr, data, len);
    memset(rec->raw.ptr + len, 0, NM__INPUT_PADDING);
    rec->raw.len = len;
    return NM_OK;
}

/* Copies a document name (an id or a source: a path, which may be any bytes, such as a Latin-1
 * file name) into rec's arena with each invalid UTF-8 sequence replaced by U+FFFD, so that the
 * records written from it are valid JSON and TSV. The copy, or NULL when out of memory. */
static const char *keep_name(nm_record *rec, const char *name) {
    size_t len = strlen(name);
    if (nm__utf8_check(name, len) == len)
        return nm__arena_strndup(&rec->arena, name, len);
    nm__buf fixed = {0};
    const char *copy = NULL;
    if (nm__utf8_repair(name, len, &fixed) == NM_OK)
        copy = nm__arena_strndup(&rec->arena, fixed.ptr, fixed.len);
    nm__buf_free(&fixed);
    return copy;
}

int nm_pipeline_push_line(nm_pipeline *p, const char *source, uint64_t line_no, const char *line,
                          size_t len) {
    nm_record *rec;
    int rc = acquire(p, &rec);
    if (rc != NM_OK)
        return rc;
    rec->kind = NM__IN_LINE;
    rec->line_no = line_no;
    rec->source = keep_name(rec, source ? source : "-");
    if (rec->source == NULL || fill_raw(rec, line, len) != NM_OK) {
        nm__record_reset(rec);
        nm__queue_push(p->free_q, rec);
        return NM_ERR_NOMEM;
    }
    return submit(p, rec);
}

int nm_pipeline_push_text(nm_pipeline *p, const char *id, const char *text, size_t len) {
    nm_record *rec;
    int rc = acquire(p, &rec);
    if (rc != NM_OK)
        return rc;
    rec->kind = NM__IN_TEXT;
    const char *idc = keep_name(rec, id ? id : "-");
    if (idc == NULL || fill_raw(rec, text, len) != NM_OK) {
        nm__record_reset(rec);
        nm__queue_push(p->free_q, rec);
        return NM_ERR_NOMEM;
    }
    rec->id = (nm_str){idc, strlen(idc)};
    rec->id_is_string = 1;
    rec->source = idc;
    return submit(p, rec);
}

int nm_pipeline_push_error(nm_pipeline *p, const char *id, const char *msg) {
    nm_record *rec;
    int rc = acquire(p, &rec);
    if (rc != NM_OK)
        return rc;
    rec->kind = NM__IN_ERROR;
    const char *idc = keep_name(rec, id ? id : "-");
    if (idc == NULL || nm__record_fail(rec, "%s", msg ? msg : "error") != NM_OK) {
        nm__record_reset(rec);
        nm__queue_push(p->free_q, rec);
        return NM_ERR_NOMEM;
    }
    rec->id = (nm_str){idc, strlen(idc)};
    rec->id_is_string = 1;
    return submit(p, rec);
}

void nm__pipeline_hold(nm_pipeline *p, int on) {
    p->holding = on;
}

int nm__pipeline_flush(nm_pipeline *p) { return flush_held(p); }

void nm__pipeline_stop_input(nm_pipeline *p) { nm__queue_close(p->in_q); }

void nm__pipeline_ask_stop(nm_pipeline *p) { atomic_store(&p->stop_asked, 1); }

int nm_pipeline_finish(nm_pipeline *p) {
    int rc = flush_held(p);
    p->holding = 0;
    nm__queue_close(p->in_q);
    return rc;
}

/* nm_pipeline_next(), waiting until deadline at most (NULL: as long as it takes). */
static int next_until(nm_pipeline *p, nm_record **out, const struct timespec *deadline) {
    if (p->sink) { /* the workers own the window; nothing comes out: wait for the end */
        size_t n;
        int rc = nm__queue_pop_until(p->out_q, (void **)p->pending, 1, 1, &n, deadline);
        return atomic_load(&p->cancelled) ? NM_ERR_CANCELLED : rc;
    }
    size_t slot = (size_t)(p->next_out % p->pool_size);
    while (p->window[slot] == NULL) {
        size_t n;
        int rc = nm__queue_pop_until(p->out_q, (void **)p->pending, 1, NM__BATCH, &n, deadline);
        if (rc != NM_OK)
            return atomic_load(&p->cancelled) ? NM_ERR_CANCELLED : rc;
        for (size_t i = 0; i < n; i++)
            p->window[p->pending[i]->seq % p->pool_size] = p->pending[i];
    }
    *out = p->window[slot];
    p->window[slot] = NULL;
    p->next_out++;
    (*out)->with_consumer = 1;
    if ((*out)->charged) {
        atomic_fetch_add(&p->taken, (*out)->charged);
        budget_changed(p);
    }
    return NM_OK;
}

int nm_pipeline_next(nm_pipeline *p, nm_record **out) { return next_until(p, out, NULL); }

int nm_pipeline_next_within(nm_pipeline *p, nm_record **out, unsigned ms) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += ms / 1000;
    deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    return next_until(p, out, &deadline);
}

void nm_pipeline_release(nm_pipeline *p, nm_record *rec) {
    /* A record released already, or another pipeline's, would sit in the free pool twice (or
     * in the wrong pool): two documents in one record, one of them lost, the stream stuck. */
    if (rec == NULL)
        return;
    uintptr_t at = (uintptr_t)rec - (uintptr_t)p->records;
    if (at >= p->pool_size * sizeof *p->records || !rec->with_consumer)
        return;
    atomic_fetch_sub(&p->taken, rec->charged); /* first: taken never exceeds inflight */
    uncharge(p, rec->charged);
    nm__record_reset(rec);
    nm__queue_push(p->free_q, rec);
}

/* nm_pipeline_release() of recs[0..n) (n <= NM__BATCH) with one hand-off to the free pool. */
static void release_many(nm_pipeline *p, nm_record *const *recs, size_t n) {
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++) {
        bytes += recs[i]->charged;
        nm__record_reset(recs[i]);
    }
    uncharge(p, bytes);
    nm__queue_push_many(p->free_q, (void *const *)recs, n);
}

/* With a sink the workers are on every CPU, and each wake-up of the feeder preempts one: the
 * feeder then sleeps until all but two worker batches per worker are free (the one each works
 * on and one each queued up, so they do not run dry while it waits for a CPU and reads), and
 * workers take batches of 16, not 32, to leave it more of the pool. No consumer holds records
 * here, so the feeder can wait for that many. Reuters -j2 on 2 CPUs: it waits for 66 of 130
 * records; context switches 1,864 -> 829 (medians of 9), task-clock unchanged. Waiting for
 * 82 (1.5 batches kept per worker) gave ~700, with half the slack should the feeder wait for
 * a CPU; on a VM loaded by other tenants no wall or idle-time difference could be measured. */
void nm__pipeline_set_sink(nm_pipeline *p, nm__sink_fn fn, void *user) {
    p->sink = fn;
    p->sink_user = user;
    size_t batch = atomic_load(&p->worker_batch);
    if (batch > NM__BATCH / 2)
        batch = NM__BATCH / 2;
    atomic_store_explicit(&p->worker_batch, batch, memory_order_relaxed);
    size_t keep = 2 * p->nworkers * batch;
    if (p->pool_size > keep && p->pool_size - keep > p->spare_min) {
        p->spare_min = p->pool_size - keep;
        p->spare_max = p->pool_size;
    }
}

int nm__pipeline_poke_sink(nm_pipeline *p) {
    int rc = NM_OK;
    pthread_mutex_lock(&p->order_lock);
    if (!p->writing && p->sink) {
        p->writing = 1;
        pthread_mutex_unlock(&p->order_lock);
        if (!atomic_load(&p->cancelled) && p->sink(p->sink_user, NULL, 0) != 0)
            nm_pipeline_abort(p);
        pthread_mutex_lock(&p->order_lock);
        rc = write_ready(p);
        p->writing = 0;
    }
    pthread_mutex_unlock(&p->order_lock);
    return rc != NM_OK || atomic_load(&p->cancelled) ? NM_ERR_CANCELLED : NM_OK;
}

void nm_pipeline_abort(nm_pipeline *p) {
    atomic_store(&p->cancelled, 1);
    pthread_mutex_lock(&p->budget_lock);
    pthread_cond_broadcast(&p->budget_freed);
    pthread_mutex_unlock(&p->budget_lock);
    nm__queue_cancel(p->in_q);
    nm__queue_cancel(p->out_q);
    nm__queue_cancel(p->free_q);
}

void nm_pipeline_destroy(nm_pipeline *p) {
    if (p == NULL)
        return;
    if (p->in_q)
        nm__queue_close(p->in_q);
    int any_started = 0;
    for (unsigned i = 0; p->workers && i < p->nworkers; i++)
        any_started |= p->workers[i].started;
    if (any_started) {
        /* Unblock workers waiting on a full output queue nobody drains any more. */
        nm__queue_cancel(p->out_q);
        nm__queue_cancel(p->in_q);
    }
    for (unsigned i = 0; p->workers && i < p->nworkers; i++) {
        worker *w = &p->workers[i];
        if (w->started)
            pthread_join(w->thread, NULL);
        for (size_t k = 0; k < p->nstages; k++)
            if (p->stages[k]->destroy)
                p->stages[k]->destroy(w->state[k]);
        nm__decoder_destroy(w->decoder);
    }
    for (size_t k = 0; k < p->nstages; k++)
        if (p->stages[k]->unload)
            p->stages[k]->unload(p->shared[k]);
    for (size_t i = 0; p->records && i < p->pool_size; i++)
        nm__record_free(&p->records[i]);
    nm__queue_destroy(p->free_q);
    nm__queue_destroy(p->in_q);
    nm__queue_destroy(p->out_q);
    if (p->budget_init) {
        pthread_cond_destroy(&p->budget_freed);
        pthread_mutex_destroy(&p->budget_lock);
    }
    if (p->order_init)
        pthread_mutex_destroy(&p->order_lock);
    free(p->records);
    free(p->window);
    free(p->spare);
    free(p->workers);
    free(p->text_field);
    free(p->id_field);
    free(p->index_name);
    free(p->df_path);
    free(p);
}

unsigned nm_pipeline_workers(const nm_pipeline *p) { return p->nworkers; }

void nm_pipeline_get_stats(const nm_pipeline *p, nm_pipeline_stats *st) {
    memset(st, 0, sizeof *st);
    size_t k = 0;
    for (; k < p->nstages && k < 6; k++)
        st->stage_names[k] = p->stages[k]->name;
    st->stage_names[k] = "decode";
    st->stage_names[k + 1] = "render";
    for (unsigned i = 0; i < p->nworkers; i++) {
        const worker_stats *ws = &p->workers[i].stats;
        st->docs += ws->docs;
        st->errors += ws->errors;
        st->bytes += ws->bytes;
        st->tokens += ws->tokens;
        for (size_t j = 0; j < p->nstages && j < 6; j++)
            st->stage_seconds[j] += ws->stage_seconds[j];
        for (size_t j = 0; j < p->nstages; j++)
            if (p->stages[j]->limit_hits)
                st->limit_hits += p->stages[j]->limit_hits(p->workers[i].state[j]);
        st->stage_seconds[k] += ws->stage_seconds[NM__MAX_STAGES];
        st->stage_seconds[k + 1] += ws->stage_seconds[NM__MAX_STAGES + 1];
    }
}
