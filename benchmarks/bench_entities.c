/*
 * bench_entities.c — the entities stage alone: MB/s on one core (median of 5 runs), plus the
 * lexicon load time and the memory it takes.
 *
 *   bench_entities [corpus.jsonl] [runs]   (default ../shared/eval/reuters21578.jsonl, 5)
 *
 * Each document goes through tokenize, normalize and money outside the timed region (the stages
 * a pipeline worker runs before entities: money first, so the entities stage leaves its spans
 * alone as in the pipeline), then only the entities stage's process() is timed, with the record's
 * entity vector and arena reused as in a worker. Stage time is this thread's CPU time
 * (CLOCK_THREAD_CPUTIME_ID), so other processes on a shared machine disturb it less; the lexicon
 * load time is wall time. Clocks, resident memory and the decoded texts come from benchutil.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"
#include "newsmine/options.h"
#include "record.h"
#include "stage.h"

int main(int argc, char **argv) {
    nm__bench_docs docs;
    int runs = nm__bench_docs_open(&docs, "bench_entities", argc, argv);
    if (runs < 0)
        return 1;

    nm_options opts;
    nm_options_default(&opts);
    nm_error err;
    memset(&err, 0, sizeof err);
    void *nsh = NULL, *nst = NULL, *msh = NULL, *mst = NULL, *esh = NULL, *est = NULL;
    if (nm__stage_normalize.load && nm__stage_normalize.load(&nsh, &opts, &err) != NM_OK)
        return 1;
    if (nm__stage_normalize.init && nm__stage_normalize.init(&nst, nsh, &opts, &err) != NM_OK)
        return 1;
    if ((nm__stage_money.load && nm__stage_money.load(&msh, &opts, &err) != NM_OK) ||
        (nm__stage_money.init && nm__stage_money.init(&mst, msh, &opts, &err) != NM_OK)) {
        fprintf(stderr, "bench_entities: %s\n", err.msg);
        return 1;
    }
    long rss0 = nm__bench_rss_kb();
    double t0 = nm__bench_wall_now();
    if (nm__stage_entities.load(&esh, &opts, &err) != NM_OK) {
        fprintf(stderr, "bench_entities: %s\n", err.msg);
        return 1;
    }
    double load = nm__bench_wall_now() - t0;
    long rss1 = nm__bench_rss_kb();
    if (nm__stage_entities.init(&est, esh, &opts, &err) != NM_OK)
        return 1;
    printf("lexicon load: %.1f ms, resident memory +%.1f MB\n", load * 1e3,
           (double)(rss1 - rss0) / 1024.0);

    nm_record rec;
    memset(&rec, 0, sizeof rec);
    double t[99];
    size_t ents = 0;
    double overhead = nm__bench_cpu_overhead(); /* timed per document: subtract the clock */
    printf("clock overhead per timed document: %.0f ns (subtracted)\n", overhead * 1e9);
    for (int r = 0; r < runs; r++) {
        double spent = 0;
        ents = 0;
        for (size_t k = 0; k < docs.n; k++) {
            nm__record_reset(&rec);
            rec.text = (nm_str){docs.v[k].p, docs.v[k].n};
            if (nm__stage_tokenize.process(NULL, NULL, &rec, &err) != NM_OK ||
                nm__stage_normalize.process(nst, nsh, &rec, &err) != NM_OK ||
                nm__stage_money.process(mst, msh, &rec, &err) != NM_OK)
                return 1;
            double a = nm__bench_cpu_now();
            if (nm__stage_entities.process(est, esh, &rec, &err) != NM_OK)
                return 1;
            spent += nm__bench_cpu_now() - a;
            ents += rec.entities.n;
        }
        t[r] = spent - (double)docs.n * overhead;
    }
    double med = nm__bench_median(t, runs);
    printf("entities stage (CPU time)      median of %d: %8.1f MB/s  "
           "(%zu entities, best %.1f MB/s)\n",
           runs, (double)docs.bytes / 1e6 / med, ents, (double)docs.bytes / 1e6 / t[0]);
    /* Cross-check without per-document clocks: whole passes with and without the stage
     * (tokenize + normalize + money in both), the stage's time being the difference of the
     * medians. */
    double with[99], without[99];
    for (int r = 0; r < runs; r++) {
        for (int mode = 0; mode < 2; mode++) {
            double a = nm__bench_cpu_now();
            for (size_t k = 0; k < docs.n; k++) {
                nm__record_reset(&rec);
                rec.text = (nm_str){docs.v[k].p, docs.v[k].n};
                if (nm__stage_tokenize.process(NULL, NULL, &rec, &err) != NM_OK ||
                    nm__stage_normalize.process(nst, nsh, &rec, &err) != NM_OK ||
                    nm__stage_money.process(mst, msh, &rec, &err) != NM_OK ||
                    (mode && nm__stage_entities.process(est, esh, &rec, &err) != NM_OK))
                    return 1;
            }
            (mode ? with : without)[r] = nm__bench_cpu_now() - a;
        }
    }
    double diff = nm__bench_median(with, runs) - nm__bench_median(without, runs);
    printf("entities stage (by difference) median of %d: %8.1f MB/s  (tokenize+normalize+money "
           "%.1f ms, with entities %.1f ms)\n",
           runs, (double)docs.bytes / 1e6 / diff, nm__bench_median(without, runs) * 1e3,
           nm__bench_median(with, runs) * 1e3);
    nm__record_free(&rec);
    nm__stage_entities.destroy(est);
    nm__stage_entities.unload(esh);
    if (nm__stage_money.destroy)
        nm__stage_money.destroy(mst);
    if (nm__stage_money.unload)
        nm__stage_money.unload(msh);
    if (nm__stage_normalize.destroy)
        nm__stage_normalize.destroy(nst);
    if (nm__stage_normalize.unload)
        nm__stage_normalize.unload(nsh);
    nm__bench_docs_free(&docs);
    return 0;
}
