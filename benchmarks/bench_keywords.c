/*
 * bench_keywords.c — the keywords stage alone: MB/s on one core (median of N runs), and the
 * speed of df model building (candidate keys + Judy counting, as `newsmine df build` does per
 * document) and of writing the model.
 *
 *   bench_keywords [corpus.jsonl] [runs] [stage]   (default ../shared/eval/reuters21578.jsonl, 5;
 *                                                   "stage": time the stage only, for profiling)
 *
 * Each document goes through tokenize, normalize, money and entities outside the timed region
 * (as the earlier stages of a pipeline worker would); then only keywords' process() is timed,
 * with the record reused as in a worker. The df model is the bundled one. Times are thread CPU
 * time (benchutil.h), so the figures are per core even on a busy machine. It also prints the
 * stage's time over the earlier stages' time on the same documents: a slower or busier machine
 * moves both, so it varies less between identical binaries (about 1-2% here against 5-10% for
 * MB/s with five agents on two vCPUs). Other programs' use of the shared cache can still move
 * the stages apart (the keywords stage reads a 4 MB stem cache): repeat A/B rounds. The first
 * run, whose stem cache starts empty (it stems each word of the corpus once, as a CLI run does),
 * is printed apart: the median and best are of warm runs when there are 3 or more.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"
#include "dfmodel.h"
#include "newsmine/options.h"
#include "record.h"
#include "stage.h"

typedef struct staged {
    const nm__stage *st;
    void *shared, *state;
} staged;

static int stage_up(staged *s, const nm__stage *st, const nm_options *o, nm_error *err) {
    s->st = st;
    s->shared = s->state = NULL;
    if (st->load && st->load(&s->shared, o, err) != NM_OK)
        return -1;
    if (st->init && st->init(&s->state, s->shared, o, err) != NM_OK)
        return -1;
    return 0;
}

static void stage_down(staged *s) {
    if (s->st->destroy)
        s->st->destroy(s->state);
    if (s->st->unload)
        s->st->unload(s->shared);
}

int main(int argc, char **argv) {
    nm__bench_docs docs;
    int runs = nm__bench_docs_open(&docs, "bench_keywords", argc, argv);
    if (runs < 0)
        return 1;
    int stage_only = argc > 3 && strcmp(argv[3], "stage") == 0;

    nm_options opts;
    nm_options_default(&opts);
    nm_error err;
    memset(&err, 0, sizeof err);
    const nm__stage *chain[] = {&nm__stage_tokenize, &nm__stage_normalize, &nm__stage_money,
                                &nm__stage_entities};
    staged pre[4], kw;
    double t0 = nm__bench_cpu_now();
    for (int i = 0; i < 4; i++)
        if (stage_up(&pre[i], chain[i], &opts, &err) != 0) {
            fprintf(stderr, "bench_keywords: %s\n", err.msg);
            return 1;
        }
    t0 = nm__bench_cpu_now();
    if (stage_up(&kw, &nm__stage_keywords, &opts, &err) != 0) {
        fprintf(stderr, "bench_keywords: %s\n", err.msg);
        return 1;
    }
    printf("keywords load (bundled df model) + init: %.2f ms\n",
           (nm__bench_cpu_now() - t0) * 1e3);

    nm_record rec;
    memset(&rec, 0, sizeof rec);
    double t[99], tb[99], tp[99];
    size_t kws = 0, keys = 0;
    nm__kw_extractor *x = nm__kw_extractor_new();
    nm__df_builder *b = NULL;
    double overhead = nm__bench_cpu_overhead(); /* timed per document: subtract the clock */
    printf("clock overhead per timed document: %.0f ns (subtracted)\n", overhead * 1e9);
    for (int r = 0; r < runs; r++) {
        double spent = 0, spent_b = 0, spent_p = 0;
        kws = keys = 0;
        nm__df_builder_free(b);
        b = nm__df_builder_new();
        for (size_t k = 0; k < docs.n; k++) {
            nm__record_reset(&rec);
            rec.text = (nm_str){docs.v[k].p, docs.v[k].n};
            double p0 = nm__bench_cpu_now();
            for (int i = 0; i < 4; i++)
                if (pre[i].st->process(pre[i].state, pre[i].shared, &rec, &err) != NM_OK)
                    return 1;
            double a = nm__bench_cpu_now();
            spent_p += a - p0;
            if (kw.st->process(kw.state, kw.shared, &rec, &err) != NM_OK)
                return 1;
            double m = nm__bench_cpu_now();
            spent += m - a;
            kws += rec.keywords.n;
            if (stage_only)
                continue;
            const nm_str *ks;
            size_t n;
            if (nm__kw_doc_keys(x, &rec, &ks, &n) != NM_OK)
                return 1;
            for (size_t i = 0; i < n; i++)
                if (nm__df_builder_add(b, ks[i].ptr, ks[i].len, 1) != NM_OK)
                    return 1;
            nm__df_builder_add_docs(b, 1);
            spent_b += nm__bench_cpu_now() - m;
            keys += n;
        }
        t[r] = spent - (double)docs.n * overhead;
        tp[r] = spent_p - (double)docs.n * overhead;
        tp[r] = t[r] / tp[r]; /* the stage's time per time of the stages before it */
        tb[r] = spent_b - (stage_only ? 0.0 : (double)docs.n * overhead);
    }
    double first = t[0]; /* the stem cache cold: every word of the corpus stemmed once */
    double med = nm__bench_median(t, runs), med_b = nm__bench_median(tb, runs);
    double med_p = nm__bench_median(tp, runs);
    printf("keywords stage        median of %d: %8.1f MB/s  (%zu keywords, best %.1f MB/s)\n", runs,
           (double)docs.bytes / 1e6 / med, kws, (double)docs.bytes / 1e6 / t[0]);
    printf("keywords stage, first run (cold stem cache): %.1f MB/s\n",
           (double)docs.bytes / 1e6 / first);
    printf("keywords / earlier stages (tokenize..entities) time, median: %.4f\n", med_p);
    printf("df build (keys+count) median of %d: %8.1f MB/s  (%zu keys counted)\n", runs,
           (double)docs.bytes / 1e6 / med_b, keys);
    nm__buf out = {0};
    t0 = nm__bench_cpu_now();
    if (nm__df_builder_write(b, 1, &out, &err) != NM_OK)
        return 1;
    printf("df model write: %.1f ms, %.1f MB\n", (nm__bench_cpu_now() - t0) * 1e3,
           (double)out.len / 1e6);
    nm__buf_free(&out);
    nm__df_builder_free(b);
    nm__kw_extractor_free(x);
    nm__record_free(&rec);
    stage_down(&kw);
    for (int i = 3; i >= 0; i--)
        stage_down(&pre[i]);
    nm__bench_docs_free(&docs);
    return 0;
}
