/*
 * bench_money.c — money stage throughput on precomputed tokens, median of 5 runs on one core.
 *
 *   bench_money [corpus.jsonl] [runs]   (default ../shared/eval/reuters21578.jsonl, 5)
 *
 * Every document is tokenized and normalized once into its own record; the timed loop runs only
 * the money stage over all records (as a pipeline worker would, after the earlier stages), and
 * reports MB/s of document text per CPU-second of the thread and mentions found. Then three hostile
 * 1 MB inputs (digits and commas, "$$$$...", "$1 $1 ...") are timed the same way, to show linear
 * time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "record.h"
#include "stage.h"

typedef struct doc {
    char *p;
    size_t n;
} doc;

/* CPU time of this thread: the figure is "per core", and other processes on a shared machine
 * (builds, other benchmarks) do not inflate it the way they inflate wall time. */
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
        case 'n':
            o[n++] = '\n';
            break;
        case 't':
            o[n++] = '\t';
            break;
        case 'r':
            o[n++] = '\r';
            break;
        case 'b':
            o[n++] = '\b';
            break;
        case 'f':
            o[n++] = '\f';
            break;
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
        case '\0':
            k--;
            break;
        default:
            o[n++] = *k;
            break;
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
        double t0 = now();
        *found = 0;
        for (size_t k = 0; k < n; k++) {
            recs[k].money.n = 0;
            if (nm__stage_money.process(e->mst, e->ms, &recs[k], &err) != NM_OK)
                return -1;
            *found += recs[k].money.n;
        }
        t[r] = now() - t0;
    }
    qsort(t, (size_t)runs, sizeof t[0], cmp_double);
    return t[runs / 2];
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "../shared/eval/reuters21578.jsonl";
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1 || runs > 99)
        runs = 5;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "bench_money: cannot open %s\n", path);
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
    nm_record *recs = calloc(nd ? nd : 1, sizeof *recs);
    size_t tokens = 0, found = 0;
    for (size_t k = 0; k < nd; k++) {
        if (prepare(&e, &recs[k], docs[k].p, docs[k].n) != 0)
            return 1;
        tokens += recs[k].tokens.n;
    }
    double med = time_money(&e, recs, nd, runs, &found);
    printf("%-22s median of %d: %8.1f MB/s  %6.1f Mtokens/s  (%zu tokens, %zu mentions)\n",
           "money (reuters)", runs, (double)bytes / 1e6 / med, (double)tokens / 1e6 / med, tokens,
           found);
    for (size_t k = 0; k < nd; k++) {
        nm__record_free(&recs[k]);
        free(docs[k].p);
    }
    free(docs);
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
