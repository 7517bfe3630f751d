/*
 * bench_tokenize.c — tokenizer throughput: tokenize only, tokenize + sentences, and
 * tokenize + sentences + normalize, in MB/s and tokens/s, median of 5 runs on one core.
 *
 *   bench_tokenize [corpus.jsonl] [runs]   (default ../shared/eval/reuters21578.jsonl, 5)
 *
 * The "text" field of each jsonl line is decoded once by a small JSON string scanner, so the
 * timed loops measure only the stages, with buffers and arena reused as a pipeline worker does.
 * Times are the thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so other load on a shared machine
 * does not count against the figures as long as a core is free to run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "normalize.h"
#include "tokenize.h"

typedef struct doc {
    char *p;
    size_t n;
} doc;

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

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "../shared/eval/reuters21578.jsonl";
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1 || runs > 99)
        runs = 5;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "bench_tokenize: cannot open %s\n", path);
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

    nm_token *tv = NULL;
    size_t tn = 0, tcap = 0, total_tokens = 0;
    nm_sentence *sv = NULL;
    size_t sn = 0, scap = 0;
    nm__normalizer *nz = nm__normalizer_create();
    nm__arena arena = {0};
    static const char *const names[] = {"tokenize", "tokenize+sentences",
                                        "tokenize+sentences+normalize"};
    for (int mode = 0; mode < 3; mode++) {
        double t[99];
        for (int r = 0; r < runs; r++) {
            double t0 = now();
            total_tokens = 0;
            for (size_t k = 0; k < nd; k++) {
                tn = sn = 0;
                if (nm__tokenize(docs[k].p, docs[k].n, &tv, &tn, &tcap) != 0)
                    return 1;
                if (mode >= 1 && nm__sentences(docs[k].p, docs[k].n, tv, tn, &sv, &sn, &scap))
                    return 1;
                if (mode == 2) {
                    nm__arena_reset(&arena);
                    for (size_t i = 0; i < tn; i++)
                        if (nm__normalize(nz, &arena, docs[k].p + tv[i].start,
                                          tv[i].end - tv[i].start, tv[i].type == NM_TOK_EMOJI,
                                          &tv[i].norm, &tv[i].key))
                            return 1;
                }
                total_tokens += tn;
            }
            t[r] = now() - t0;
        }
        qsort(t, (size_t)runs, sizeof t[0], cmp_double);
        double med = t[runs / 2];
        printf("%-30s median of %d: %8.1f MB/s  %6.1f Mtokens/s  (%zu tokens, best %.1f MB/s)\n",
               names[mode], runs, (double)bytes / 1e6 / med, (double)total_tokens / 1e6 / med,
               total_tokens, (double)bytes / 1e6 / t[0]);
    }
    for (size_t k = 0; k < nd; k++)
        free(docs[k].p);
    free(docs);
    free(tv);
    free(sv);
    nm__arena_free(&arena);
    nm__normalizer_destroy(nz);
    return 0;
}
