/*
 * bench_money.c — money stage throughput on precomputed tokens, median of 5 runs on one core.
 *
 *   bench_money [corpus.jsonl] [runs]   (default ../shared/eval/reuters21578.jsonl, 5)
 *
 * Every document is tokenized and normalized once into its own record; the timed loop runs only
 * the money stage over all records (as a pipeline worker would, after the earlier stages), and
 * reports MB/s of document text per CPU-second of the thread and mentions found. Then three hostile
 * 1 MB inputs (digits and commas, "$$$$...", "$1 $1 ...") are timed the same way, to show linear
 * time. Texts are decoded and times taken by benchutil.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"
#include "record.h"
#include "stage.h"

typedef struct env {
    void *ns, *nst, *ms, *mst;
} env;

/* tokenize + normalize into rec (reset first). 0 or -1. */
static int prepare(env *e, nm_record *rec, const char *p, size_t n) {
    nm_error err;
    nm__record_reset(rec);
    rec->text = (nm_str){p, n};
    if (nm__stage_tokenize.process(NULL, NULL, rec, &err) != NM_OK ||
        nm__stage_normalize.process(e->nst, e->ns, rec, &err) != NM_OK)
        return -1;
    return 0;
}

/* Times the money stage over recs[0..n): median seconds of runs; *found = mentions. */
static double time_money(env *e, nm_record *recs, size_t n, int runs, size_t *found) {
    double t[99];
    nm_error err;
    for (int r = 0; r < runs; r++) {
        double t0 = nm__bench_cpu_now();
        *found = 0;
        for (size_t k = 0; k < n; k++) {
            recs[k].money.n = 0;
            if (nm__stage_money.process(e->mst, e->ms, &recs[k], &err) != NM_OK)
                return -1;
            *found += recs[k].money.n;
        }
        t[r] = nm__bench_cpu_now() - t0;
    }
    return nm__bench_median(t, runs);
}

int main(int argc, char **argv) {
    nm__bench_docs docs;
    int runs = nm__bench_docs_open(&docs, "bench_money", argc, argv);
    if (runs < 0)
        return 1;

    env e = {0};
    nm_error err;
    nm_options opts;
    nm_options_default(&opts);
    if (nm__stage_normalize.load(&e.ns, &opts, &err) != NM_OK ||
        nm__stage_normalize.init(&e.nst, e.ns, &opts, &err) != NM_OK ||
        nm__stage_money.load(&e.ms, &opts, &err) != NM_OK ||
        (nm__stage_money.init && nm__stage_money.init(&e.mst, e.ms, &opts, &err) != NM_OK)) {
        fprintf(stderr, "bench_money: %s\n", err.msg);
        return 1;
    }
    nm_record *recs = calloc(docs.n ? docs.n : 1, sizeof *recs);
    size_t tokens = 0, found = 0;
    for (size_t k = 0; k < docs.n; k++) {
        if (prepare(&e, &recs[k], docs.v[k].p, docs.v[k].n) != 0)
            return 1;
        tokens += recs[k].tokens.n;
    }
    double med = time_money(&e, recs, docs.n, runs, &found);
    printf("%-22s median of %d: %8.1f MB/s  %6.1f Mtokens/s  (%zu tokens, %zu mentions)\n",
           "money (reuters)", runs, (double)docs.bytes / 1e6 / med, (double)tokens / 1e6 / med,
           tokens, found);
    for (size_t k = 0; k < docs.n; k++)
        nm__record_free(&recs[k]);
    nm__bench_docs_free(&docs);
    memset(&recs[0], 0, sizeof recs[0]); /* freed above: start it empty again */

    /* hostile inputs, 1 MB each */
    size_t hn = 1u << 20;
    char *h = malloc(hn);
    static const char *const hname[] = {"digits+commas", "$$$$", "$1 $1 $1"};
    for (int kind = 0; kind < 3; kind++) {
        for (size_t i = 0; i < hn; i++)
            h[i] = kind == 0 ? ((i % 4 == 3) ? ',' : '7') : kind == 1 ? '$' : "$1 "[i % 3];
        if (prepare(&e, &recs[0], h, hn) != 0)
            return 1;
        med = time_money(&e, recs, 1, runs, &found);
        printf("%-22s median of %d: %8.1f MB/s  (%zu tokens, %zu mentions)\n", hname[kind], runs,
               (double)hn / 1e6 / med, recs[0].tokens.n, found);
    }
    free(h);
    nm__record_free(&recs[0]);
    free(recs);
    if (nm__stage_money.destroy)
        nm__stage_money.destroy(e.mst);
    nm__stage_money.unload(e.ms);
    nm__stage_normalize.destroy(e.nst);
    nm__stage_normalize.unload(e.ns);
    return 0;
}
