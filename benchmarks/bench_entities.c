/*
 * bench_entities.c — the entities stage alone: MB/s on one core (median of 5 runs), plus the
 * lexicon load time and the memory it takes.
 *
 *   bench_entities [corpus.jsonl] [runs]   (default ../shared/eval/reuters21578.jsonl, 5)
 *
 * Each document is tokenized and normalized outside the timed region (as the earlier stages of a
 * pipeline worker would), then only the entities stage's process() is timed, with the record's
 * entity vector and arena reused as in a worker. Stage time is this thread's CPU time
 * (CLOCK_THREAD_CPUTIME_ID), so other processes on a shared machine disturb it less.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsmine/options.h"
#include "record.h"
#include "stage.h"

typedef struct doc {
    char *p;
    size_t n;
} doc;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int hexval(int c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static size_t put_utf8(char *o, unsigned cp) {
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | cp >> 6); o[1] = (char)(0x80 | (cp & 63)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12); o[1] = (char)(0x80 | ((cp >> 6) & 63));
        o[2] = (char)(0x80 | (cp & 63)); return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18); o[1] = (char)(0x80 | ((cp >> 12) & 63));
    o[2] = (char)(0x80 | ((cp >> 6) & 63)); o[3] = (char)(0x80 | (cp & 63)); return 4;
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

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long rss_kb(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, res = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &res) != 2)
            res = 0;
        fclose(f);
    }
    return res * 4;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "../shared/eval/reuters21578.jsonl";
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1 || runs > 99)
        runs = 5;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "bench_entities: cannot open %s\n", path);
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
    void *nsh = NULL, *nst = NULL, *esh = NULL, *est = NULL;
    if (nm__stage_normalize.load && nm__stage_normalize.load(&nsh, &opts, &err) != NM_OK)
        return 1;
    if (nm__stage_normalize.init && nm__stage_normalize.init(&nst, nsh, &opts, &err) != NM_OK)
        return 1;
    long rss0 = rss_kb();
    double t0 = now();
    if (nm__stage_entities.load(&esh, &opts, &err) != NM_OK) {
        fprintf(stderr, "bench_entities: %s\n", err.msg);
        return 1;
    }
    double load = now() - t0;
    long rss1 = rss_kb();
    if (nm__stage_entities.init(&est, esh, &opts, &err) != NM_OK)
        return 1;
    printf("lexicon load: %.1f ms, resident memory +%.1f MB\n", load * 1e3,
           (double)(rss1 - rss0) / 1024.0);

    nm_record rec;
    memset(&rec, 0, sizeof rec);
    double t[99];
    size_t ents = 0;
    for (int r = 0; r < runs; r++) {
        double spent = 0;
        ents = 0;
        for (size_t k = 0; k < nd; k++) {
            nm__record_reset(&rec);
            rec.text = (nm_str){docs[k].p, docs[k].n};
            if (nm__stage_tokenize.process(NULL, NULL, &rec, &err) != NM_OK ||
                nm__stage_normalize.process(nst, nsh, &rec, &err) != NM_OK)
                return 1;
            double a = cpu_now();
            if (nm__stage_entities.process(est, esh, &rec, &err) != NM_OK)
                return 1;
            spent += cpu_now() - a;
            ents += rec.entities.n;
        }
        t[r] = spent;
    }
    qsort(t, (size_t)runs, sizeof t[0], cmp_double);
    double med = t[runs / 2];
    printf("entities stage (CPU time)      median of %d: %8.1f MB/s  (%zu entities, best %.1f MB/s)\n",
           runs, (double)bytes / 1e6 / med, ents, (double)bytes / 1e6 / t[0]);
    nm__record_free(&rec);
    nm__stage_entities.destroy(est);
    nm__stage_entities.unload(esh);
    if (nm__stage_normalize.destroy)
        nm__stage_normalize.destroy(nst);
    if (nm__stage_normalize.unload)
        nm__stage_normalize.unload(nsh);
    for (size_t k = 0; k < nd; k++)
        free(docs[k].p);
    free(docs);
    return 0;
}
