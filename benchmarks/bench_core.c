/*
 * bench_core.c — micro-benchmarks of the pipeline's plumbing: JSON decode, render, queue.
 *
 *   bench_core [corpus.jsonl] [runs]    (no corpus: 16 MB from gen_corpus, seed 1; runs 5)
 *
 * decode: each line is copied into a record (as the feeder does) and decoded (simdjson); the
 * copy alone is timed too, so decode = difference. render: every record is annotated once by
 * all stages, then nm__render is timed for jsonl and tsv. Both in CPU time of this thread
 * (MB/s of input lines or of output per CPU-second, ns per record), median of runs.
 * queue: cost per item of nm__queue hand-off, single-threaded (push+pop, no waiting) and with a
 * producer and a consumer thread at batch sizes 1, 8 and 64 (wall time, and CPU time of the
 * process: on a loaded machine wall time includes waiting for a core, an upper bound).
 * Clocks, median and line reading come from benchutil.c.
 */
#define NM_GEN_CORPUS_NO_MAIN
#include "gen_corpus.c"

#include <pthread.h>

#include "benchutil.h"
#include "decode.h"
#include "queue.h"
#include "stage.h"

/* Reads the corpus at path, or without one generates 16 MB with gen_corpus seed 1. 0 or -1. */
static int load_corpus(nm__bench_lines *c, const char *path) {
    if (path)
        return nm__bench_lines_read(c, path);
    memset(c, 0, sizeof *c);
    gen g;
    if (gen_init(&g, 1) != NM_OK)
        return -1;
    while (c->all.len < 16u * 1000 * 1000)
        if (gen_doc(&g, &c->all) != NM_OK)
            return -1;
    gen_free(&g);
    return nm__bench_lines_index(c);
}

static void bench_decode(const nm__bench_lines *c, int runs) {
    nm__decoder *d = nm__decoder_create();
    nm_options opts;
    nm_options_default(&opts);
    nm_record rec = {0};
    double tc[99], td[99];
    size_t bytes = 0, errors = 0;
    for (size_t k = 0; k < c->n; k++)
        bytes += nm__bench_line_len(c, k);
    for (int r = 0; r < runs; r++) {
        double t0 = nm__bench_cpu_now();
        for (size_t k = 0; k < c->n; k++)
            nm__bench_fill(c, k, &rec);
        tc[r] = nm__bench_cpu_now() - t0;
        errors = 0;
        t0 = nm__bench_cpu_now();
        for (size_t k = 0; k < c->n; k++) {
            nm__bench_fill(c, k, &rec);
            if (nm__decode(d, &rec, &opts) != NM_OK)
                return;
            errors += rec.error.len > 0;
        }
        td[r] = nm__bench_cpu_now() - t0;
    }
    double mc = nm__bench_median(tc, runs), md = nm__bench_median(td, runs);
    double dec = md - mc > 0 ? md - mc : 1e-9;
    printf("%-26s %9.1f MB/s  %8.0f ns/record  (%zu records, %.1f MB, %zu rejected)\n",
           "decode jsonl (copy+decode)", (double)bytes / 1e6 / md, md * 1e9 / (double)c->n, c->n,
           (double)bytes / 1e6, errors);
    printf("%-26s %9.1f MB/s  %8.0f ns/record\n", "  of which decode alone",
           (double)bytes / 1e6 / dec, dec * 1e9 / (double)c->n);
    nm__record_free(&rec);
    nm__decoder_destroy(d);
}

static const nm__stage *const STAGES[] = {&nm__stage_tokenize, &nm__stage_normalize,
                                          &nm__stage_money, &nm__stage_entities,
                                          &nm__stage_keywords};
#define NSTAGES (sizeof STAGES / sizeof STAGES[0])

static void bench_render(const nm__bench_lines *c, int runs) {
    nm_options opts;
    nm_options_default(&opts);
    nm_error err;
    void *shared[NSTAGES] = {0}, *state[NSTAGES] = {0};
    for (size_t i = 0; i < NSTAGES; i++)
        if ((STAGES[i]->load && STAGES[i]->load(&shared[i], &opts, &err) != NM_OK) ||
            (STAGES[i]->init && STAGES[i]->init(&state[i], shared[i], &opts, &err) != NM_OK)) {
            fprintf(stderr, "bench_core: stage %s: %s\n", STAGES[i]->name, err.msg);
            return;
        }
    nm__decoder *d = nm__decoder_create();
    nm_record *recs = calloc(c->n, sizeof *recs);
    size_t text = 0, ents = 0;
    for (size_t k = 0; k < c->n; k++) {
        if (nm__bench_fill(c, k, &recs[k]) != 0 || nm__decode(d, &recs[k], &opts) != NM_OK)
            return;
        for (size_t i = 0; i < NSTAGES && recs[k].error.len == 0; i++)
            if (STAGES[i]->process(state[i], shared[i], &recs[k], &err) != NM_OK)
                return;
        text += recs[k].text.len;
        ents += recs[k].entities.n + recs[k].money.n + recs[k].keywords.n;
    }
    static const struct {
        const char *name;
        nm_output_format f;
    } fmts[] = {{"render jsonl", NM_OUTPUT_JSONL}, {"render tsv", NM_OUTPUT_TSV}};
    for (size_t f = 0; f < 2; f++) {
        opts.format = fmts[f].f;
        double t[99];
        size_t out = 0;
        for (int r = 0; r < runs; r++) {
            out = 0;
            double t0 = nm__bench_cpu_now();
            for (size_t k = 0; k < c->n; k++) {
                recs[k].out.len = 0;
                if (nm__render(&recs[k], &opts) != NM_OK)
                    return;
                out += recs[k].out.len;
            }
            t[r] = nm__bench_cpu_now() - t0;
        }
        double m = nm__bench_median(t, runs);
        printf("%-26s %9.1f MB/s out %6.1f MB/s of text  %6.0f ns/record  (%.1f MB out, %zu "
               "annotations)\n",
               fmts[f].name, (double)out / 1e6 / m, (double)text / 1e6 / m, m * 1e9 / (double)c->n,
               (double)out / 1e6, ents);
    }
    for (size_t k = 0; k < c->n; k++)
        nm__record_free(&recs[k]);
    free(recs);
    nm__decoder_destroy(d);
    for (size_t i = 0; i < NSTAGES; i++) {
        if (STAGES[i]->destroy)
            STAGES[i]->destroy(state[i]);
        if (STAGES[i]->unload)
            STAGES[i]->unload(shared[i]);
    }
}

enum { QITEMS = 1000000, QCAP = 64 };

typedef struct qjob {
    nm__queue *q;
    size_t batch;
} qjob;

static void *producer(void *arg) {
    qjob *j = arg;
    void *items[64];
    for (size_t i = 0; i < QITEMS; i += j->batch) {
        size_t n = QITEMS - i < j->batch ? QITEMS - i : j->batch;
        for (size_t k = 0; k < n; k++)
            items[k] = (void *)(uintptr_t)(i + k + 1);
        if (nm__queue_push_many(j->q, items, n) != NM_OK)
            break;
    }
    nm__queue_close(j->q);
    return NULL;
}

static void bench_queue(int runs) {
    double t[99];
    nm__queue *q = nm__queue_create(QCAP);
    void *item;
    for (int r = 0; r < runs; r++) {
        double t0 = nm__bench_cpu_now();
        for (size_t i = 0; i < QITEMS; i++) {
            nm__queue_push(q, (void *)(uintptr_t)(i + 1));
            nm__queue_pop(q, &item);
        }
        t[r] = nm__bench_cpu_now() - t0;
    }
    nm__queue_destroy(q);
    printf("%-26s %9.1f ns/item (push + pop, one thread, no waiting)\n", "queue uncontended",
           nm__bench_median(t, runs) * 1e9 / QITEMS);
    static const size_t batches[] = {1, 8, 64};
    for (size_t b = 0; b < 3; b++) {
        double tc[99];
        for (int r = 0; r < runs; r++) {
            qjob j = {nm__queue_create(QCAP), batches[b]};
            pthread_t th;
            double c0 = nm__bench_proc_cpu_now(), t0 = nm__bench_wall_now();
            pthread_create(&th, NULL, producer, &j);
            void *got[64];
            size_t n, total = 0;
            while (nm__queue_pop_many(j.q, got, batches[b], &n) == NM_OK)
                total += n;
            pthread_join(th, NULL);
            t[r] = nm__bench_wall_now() - t0;
            tc[r] = nm__bench_proc_cpu_now() - c0;
            nm__queue_destroy(j.q);
            if (total != QITEMS)
                fprintf(stderr, "bench_core: queue lost items (%zu)\n", total);
        }
        char name[40];
        snprintf(name, sizeof name, "queue 2 threads, batch %zu", batches[b]);
        printf("%-26s %9.1f ns/item wall, %6.1f ns/item CPU of both threads (capacity %d)\n", name,
               nm__bench_median(t, runs) * 1e9 / QITEMS, nm__bench_median(tc, runs) * 1e9 / QITEMS,
               QCAP);
    }
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : NULL;
    int runs = nm__bench_runs(argc, argv);
    nm__bench_lines c;
    if (load_corpus(&c, path) != 0) {
        fprintf(stderr, "bench_core: cannot read %s\n", path ? path : "the generated corpus");
        return 1;
    }
    printf("bench_core: %s, %zu lines, %.1f MB, median of %d runs (CPU time unless noted)\n",
           path ? path : "gen_corpus seed 1", c.n, (double)c.all.len / 1e6, runs);
    bench_decode(&c, runs);
    bench_render(&c, runs);
    bench_queue(runs);
    nm__bench_lines_free(&c);
    return 0;
}
