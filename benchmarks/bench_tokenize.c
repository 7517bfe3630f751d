/*
 * bench_tokenize.c — tokenizer throughput: tokenize only, tokenize + sentences, and
 * the tokenize and normalize stages (tokens, sentences, norm/key, stop flags: what a pipeline
 * worker runs), in MB/s and tokens/s, median of 5 runs on one core; then the tokenize stage
 * alone, and the normalize stage alone as the difference of those two medians.
 *
 *   bench_tokenize [corpus.jsonl] [runs]   (default ../shared/eval/reuters21578.jsonl, 5)
 *
 * The "text" of each jsonl line is decoded once up front (benchutil.c, with the pipeline's
 * decoder), so the timed loops measure only the stages, with buffers and arena reused as a
 * pipeline worker does. Times are the thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so other load
 * on a shared machine does not count against the figures as long as a core is free to run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"
#include "record.h"
#include "stage.h"
#include "tokenize.h"

int main(int argc, char **argv) {
    nm__bench_docs docs;
    int runs = nm__bench_docs_open(&docs, "bench_tokenize", argc, argv);
    if (runs < 0)
        return 1;

    nm_token *tv = NULL;
    size_t tn = 0, tcap = 0, total_tokens = 0;
    nm_sentence *sv = NULL;
    size_t sn = 0, scap = 0;
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    nm_error err;
    void *nsh = NULL, *nst = NULL, *tst = NULL;
    if (nm__stage_normalize.load(&nsh, NULL, &err) != 0 ||
        nm__stage_normalize.init(&nst, nsh, NULL, &err) != 0 ||
        nm__stage_tokenize.init(&tst, NULL, NULL, &err) != 0)
        return 1;
    /* the tokenizer's marks for the sentence splitter, as the stage keeps them per worker */
    size_t mcap = 0;
    for (size_t k = 0; k < docs.n; k++)
        mcap = docs.v[k].n / 64 + 1 > mcap ? docs.v[k].n / 64 + 1 : mcap;
    uint64_t *marks = malloc(mcap * sizeof *marks);
    if (marks == NULL)
        return 1;
    /* modes 2 and 3 run the stages on a record as a worker does; their difference is the
     * normalize stage alone */
    static const char *const names[] = {"tokenize", "tokenize+sentences",
                                        "tokenize+sentences+normalize", "tokenize stage"};
    double stage_med[2] = {0, 0};
    for (int mode = 0; mode < 4; mode++) {
        double t[99];
        for (int r = 0; r < runs; r++) {
            double t0 = nm__bench_cpu_now();
            total_tokens = 0;
            for (size_t k = 0; k < docs.n; k++) {
                if (mode >= 2) { /* the tokenize (and normalize) stages, as a worker runs them */
                    nm__record_reset(&rec);
                    rec.text = (nm_str){docs.v[k].p, docs.v[k].n};
                    if (nm__stage_tokenize.process(tst, NULL, &rec, &err) != 0 ||
                        (mode == 2 && nm__stage_normalize.process(nst, nsh, &rec, &err) != 0))
                        return 1;
                    total_tokens += rec.tokens.n;
                    continue;
                }
                tn = sn = 0;
                memset(marks, 0, (docs.v[k].n / 64 + 1) * sizeof *marks);
                if (nm__tokenize_marked(docs.v[k].p, docs.v[k].n, &tv, &tn, &tcap, marks) != 0)
                    return 1;
                if (mode >= 1 && nm__sentences_marked(docs.v[k].p, docs.v[k].n, tv, tn, marks,
                                                      &sv, &sn, &scap))
                    return 1;
                total_tokens += tn;
            }
            t[r] = nm__bench_cpu_now() - t0;
        }
        double med = nm__bench_median(t, runs);
        printf("%-30s median of %d: %8.1f MB/s  %6.1f Mtokens/s  (%zu tokens, best %.1f MB/s)\n",
               names[mode], runs, (double)docs.bytes / 1e6 / med, (double)total_tokens / 1e6 / med,
               total_tokens, (double)docs.bytes / 1e6 / t[0]);
        if (mode >= 2)
            stage_med[mode - 2] = med;
    }
    if (stage_med[0] > stage_med[1])
        printf("%-30s difference of medians: %8.1f MB/s  %6.1f Mtokens/s\n", "normalize alone",
               (double)docs.bytes / 1e6 / (stage_med[0] - stage_med[1]),
               (double)total_tokens / 1e6 / (stage_med[0] - stage_med[1]));
    nm__bench_docs_free(&docs);
    free(tv);
    free(sv);
    free(marks);
    nm__record_free(&rec);
    nm__stage_tokenize.destroy(tst);
    nm__stage_normalize.destroy(nst);
    nm__stage_normalize.unload(nsh);
    return 0;
}
