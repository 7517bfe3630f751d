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
 * time, so the figures are per core even on a busy machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dfmodel.h"
#include "newsmine/options.h"
#include "record.h"
#include "stage.h"

typedef struct doc {
    char *p;
    size_t n;
} doc;

/* CPU time of this thread: "MB/s per core" even on a busy machine (time spent descheduled
 * does not count). */
static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int hexval(int c) {
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

static size_t put_utf8(char *o, unsigned cp) {
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 63));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | ((cp >> 6) & 63));
        o[2] = (char)(0x80 | (cp & 63));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | ((cp >> 12) & 63));
    o[2] = (char)(0x80 | ((cp >> 6) & 63));
    o[3] = (char)(0x80 | (cp & 63));
    return 4;
}

static unsigned hex4(const char *s) {
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        int h = hexval(s[k]);
        if (h < 0)
            return 0xFFFD;
        v = v * 16 + (unsigned)h;
    }
    return v;
}

/* Decodes the JSON string value of "text" in line (NUL-terminated); 0 when absent. */
static int text_field(const char *line, doc *d) {
    const char *k = strstr(line, "\"text\"");
    if (k == NULL)
        return 0;
    k += 6;
    while (*k == ' ' || *k == ':')
        k++;
    if (*k != '"')
        return 0;
    k++;
    char *o = malloc(strlen(k) + 1);
    size_t n = 0;
    while (*k && *k != '"') {
        if (*k != '\\') {
            o[n++] = *k++;
            continue;
        }
        k++;
        switch (*k) {
        case 'n': o[n++] = '\n'; break;
        case 't': o[n++] = '\t'; break;
        case 'r': o[n++] = '\r'; break;
        case 'b': o[n++] = '\b'; break;
        case 'f': o[n++] = '\f'; break;
        case 'u': {
            unsigned cp = hex4(k + 1);
            k += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && k[1] == '\\' && k[2] == 'u') {
                unsigned lo = hex4(k + 3);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                k += 6;
            }
            n += put_utf8(o + n, cp);
            break;
        }
        case '\0': k--; break;
        default: o[n++] = *k; break;
        }
        k++;
    }
    d->p = o;
    d->n = n;
    return 1;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

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
    const char *path = argc > 1 ? argv[1] : "../shared/eval/reuters21578.jsonl";
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    int stage_only = argc > 3 && strcmp(argv[3], "stage") == 0;
    if (runs < 1 || runs > 99)
        runs = 5;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "bench_keywords: cannot open %s\n", path);
        return 1;
    }
    doc *docs = NULL;
    size_t nd = 0, cap = 0, bytes = 0;
    char *line = NULL;
    size_t lcap = 0;
    while (getline(&line, &lcap, f) > 0) {
        doc d;
        if (!text_field(line, &d))
            continue;
        if (nd == cap) {
            cap = cap ? cap * 2 : 1024;
            docs = realloc(docs, cap * sizeof *docs);
        }
        docs[nd++] = d;
        bytes += d.n;
    }
    free(line);
    fclose(f);
    printf("%s: %zu documents, %.1f MB of text\n", path, nd, (double)bytes / 1e6);

    nm_options opts;
    nm_options_default(&opts);
    nm_error err;
    memset(&err, 0, sizeof err);
    const nm__stage *chain[] = {&nm__stage_tokenize, &nm__stage_normalize, &nm__stage_money,
                                &nm__stage_entities};
    staged pre[4], kw;
    double t0 = now();
    for (int i = 0; i < 4; i++)
        if (stage_up(&pre[i], chain[i], &opts, &err) != 0) {
            fprintf(stderr, "bench_keywords: %s\n", err.msg);
            return 1;
        }
    t0 = now();
    if (stage_up(&kw, &nm__stage_keywords, &opts, &err) != 0) {
        fprintf(stderr, "bench_keywords: %s\n", err.msg);
        return 1;
    }
    printf("keywords load (bundled df model) + init: %.2f ms\n", (now() - t0) * 1e3);

    nm_record rec;
    memset(&rec, 0, sizeof rec);
    double t[99], tb[99];
    size_t kws = 0, keys = 0;
    nm__kw_extractor *x = nm__kw_extractor_new();
    nm__df_builder *b = NULL;
    for (int r = 0; r < runs; r++) {
        double spent = 0, spent_b = 0;
        kws = keys = 0;
        nm__df_builder_free(b);
        b = nm__df_builder_new();
        for (size_t k = 0; k < nd; k++) {
            nm__record_reset(&rec);
            rec.text = (nm_str){docs[k].p, docs[k].n};
            for (int i = 0; i < 4; i++)
                if (pre[i].st->process(pre[i].state, pre[i].shared, &rec, &err) != NM_OK)
                    return 1;
            double a = now();
            if (kw.st->process(kw.state, kw.shared, &rec, &err) != NM_OK)
                return 1;
            double m = now();
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
            spent_b += now() - m;
            keys += n;
        }
        t[r] = spent;
        tb[r] = spent_b;
    }
    qsort(t, (size_t)runs, sizeof t[0], cmp_double);
    qsort(tb, (size_t)runs, sizeof tb[0], cmp_double);
    printf("keywords stage        median of %d: %8.1f MB/s  (%zu keywords, best %.1f MB/s)\n", runs,
           (double)bytes / 1e6 / t[runs / 2], kws, (double)bytes / 1e6 / t[0]);
    printf("df build (keys+count) median of %d: %8.1f MB/s  (%zu keys counted)\n", runs,
           (double)bytes / 1e6 / tb[runs / 2], keys);
    nm__buf out = {0};
    t0 = now();
    if (nm__df_builder_write(b, 1, &out, &err) != NM_OK)
        return 1;
    printf("df model write: %.1f ms, %.1f MB\n", (now() - t0) * 1e3, (double)out.len / 1e6);
    nm__buf_free(&out);
    nm__df_builder_free(b);
    nm__kw_extractor_free(x);
    nm__record_free(&rec);
    stage_down(&kw);
    for (int i = 3; i >= 0; i--)
        stage_down(&pre[i]);
    for (size_t k = 0; k < nd; k++)
        free(docs[k].p);
    free(docs);
    return 0;
}
