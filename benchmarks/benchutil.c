/*
 * benchutil.c — the helpers shared by the benchmark programs (see benchutil.h).
 *
 * A corpus is read whole into one buffer and indexed by line; decoded texts are then taken
 * from nm__decode one line at a time (each line copied into a reused record with its padding,
 * as the feeder does) and copied out into a malloc'd buffer per document, so the timed loops of
 * a benchmark touch only the texts, never the JSON.
 */
#include "benchutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "decode.h"
#include "newsmine/options.h"

static double clock_seconds(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double nm__bench_cpu_now(void) {
    return clock_seconds(CLOCK_THREAD_CPUTIME_ID);
}

double nm__bench_cpu_overhead(void) {
    enum { N = 2001 };
    double v[N];
    for (int i = 0; i < N; i++) {
        double a = nm__bench_cpu_now();
        v[i] = nm__bench_cpu_now() - a;
    }
    return nm__bench_median(v, N);
}

double nm__bench_wall_now(void) {
    return clock_seconds(CLOCK_MONOTONIC);
}

double nm__bench_proc_cpu_now(void) {
    return clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

double nm__bench_median(double *t, int n) {
    qsort(t, (size_t)n, sizeof t[0], cmp_double);
    return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

long nm__bench_rss_kb(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, res = 0, page_kb = sysconf(_SC_PAGESIZE) / 1024;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &res) != 2)
            res = 0;
        fclose(f);
    }
    return res * (page_kb > 0 ? page_kb : 4);
}

int nm__bench_runs(int argc, char **argv) {
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    return runs < 1 || runs > 99 ? 5 : runs;
}

int nm__bench_lines_index(nm__bench_lines *c) {
    size_t cap = 0;
    c->n = 0;
    for (size_t p = 0; p < c->all.len;) {
        const char *nl = memchr(c->all.ptr + p, '\n', c->all.len - p);
        size_t e = nl ? (size_t)(nl - c->all.ptr) : c->all.len;
        if (e > p) {
            if (nm__vec_reserve((void **)&c->start, &cap, c->n + 2, sizeof *c->start) != 0)
                return -1;
            c->start[c->n++] = p;
        }
        p = e + 1;
    }
    if (c->n == 0)
        return -1;
    c->start[c->n] = c->all.len + 1;
    return 0;
}

int nm__bench_lines_read(nm__bench_lines *c, const char *path) {
    memset(c, 0, sizeof *c);
    gzFile f = gzopen(path, "rb"); /* a plain file is read as it is, gzip decompressed */
    if (f == NULL)
        return -1;
    char tmp[1 << 16];
    int k = 0, rc = 0;
    while (rc == 0 && (k = gzread(f, tmp, sizeof tmp)) > 0)
        rc = nm__buf_append(&c->all, tmp, (size_t)k) == 0 ? 0 : -1;
    if (k < 0)
        rc = -1;
    if (gzclose(f) != Z_OK)
        rc = -1;
    return rc == 0 ? nm__bench_lines_index(c) : -1;
}

size_t nm__bench_line_len(const nm__bench_lines *c, size_t k) {
    size_t e = c->start[k + 1] - 1;
    while (e > c->start[k] && c->all.ptr[e - 1] == '\n')
        e--;
    return e - c->start[k];
}

int nm__bench_fill(const nm__bench_lines *c, size_t k, nm_record *rec) {
    size_t len = nm__bench_line_len(c, k);
    nm__record_reset(rec);
    rec->kind = NM__IN_LINE;
    rec->line_no = k + 1;
    rec->source = "bench";
    if (nm__buf_reserve(&rec->raw, len + NM__INPUT_PADDING) != 0)
        return -1;
    memcpy(rec->raw.ptr, c->all.ptr + c->start[k], len);
    memset(rec->raw.ptr + len, 0, NM__INPUT_PADDING);
    rec->raw.len = len;
    return 0;
}

void nm__bench_lines_free(nm__bench_lines *c) {
    nm__buf_free(&c->all);
    free(c->start);
    c->start = NULL;
    c->n = 0;
}

/* Decodes every line of c into docs (zeroed by the caller). 0 or -1 (out of memory). */
static int decode_all(nm__bench_docs *docs, const nm__bench_lines *c) {
    nm_options opts;
    nm_options_default(&opts);
    nm__decoder *d = nm__decoder_create();
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    int rc = d ? 0 : -1;
    if (rc == 0)
        docs->v = malloc((c->n ? c->n : 1) * sizeof *docs->v);
    if (docs->v == NULL)
        rc = -1;
    for (size_t k = 0; k < c->n && rc == 0; k++) {
        if (nm__bench_fill(c, k, &rec) != 0 || nm__decode(d, &rec, &opts) != 0) {
            rc = -1;
        } else if (rec.error.len > 0) {
            docs->rejected++;
        } else {
            nm__bench_doc *o = &docs->v[docs->n];
            o->n = rec.text.len;
            o->p = malloc(o->n + 1);
            if (o->p == NULL) {
                rc = -1;
                break;
            }
            memcpy(o->p, rec.text.ptr, o->n);
            o->p[o->n] = '\0';
            docs->bytes += o->n;
            docs->n++;
        }
    }
    nm__record_free(&rec);
    nm__decoder_destroy(d);
    return rc;
}

int nm__bench_docs_open(nm__bench_docs *docs, const char *prog, int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : NM__BENCH_DEFAULT_CORPUS;
    memset(docs, 0, sizeof *docs);
    nm__bench_lines c;
    if (nm__bench_lines_read(&c, path) != 0) {
        nm__bench_lines_free(&c);
        fprintf(stderr, "%s: cannot open %s\n", prog, path);
        return -1;
    }
    int rc = decode_all(docs, &c);
    nm__bench_lines_free(&c);
    if (rc != 0) {
        nm__bench_docs_free(docs);
        fprintf(stderr, "%s: out of memory decoding %s\n", prog, path);
        return -1;
    }
    if (docs->rejected)
        fprintf(stderr, "%s: %zu lines of %s rejected by the decoder, left out\n", prog,
                docs->rejected, path);
    if (docs->n == 0) { /* every figure would be 0/0 */
        nm__bench_docs_free(docs);
        fprintf(stderr, "%s: no document in %s to time\n", prog, path);
        return -1;
    }
    printf("%s: %zu documents, %.1f MB of text\n", path, docs->n, (double)docs->bytes / 1e6);
    return nm__bench_runs(argc, argv);
}

void nm__bench_docs_free(nm__bench_docs *docs) {
    for (size_t k = 0; k < docs->n; k++)
        free(docs->v[k].p);
    free(docs->v);
    memset(docs, 0, sizeof *docs);
}
