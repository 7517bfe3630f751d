/*
 * benchutil.h — what every benchmark program shares: clocks, the median of runs, resident
 * memory, and reading a jsonl corpus, either as raw lines (to time decoding) or as the decoded
 * document texts (to time the stages on them).
 *
 * Texts are decoded by the pipeline's own decoder (decode.h, simdjson), exactly as a pipeline
 * worker gets them, so a benchmark sees the same documents as `newsmine` does. Not a program:
 * benchmarks/CMakeLists.txt compiles this file into each bench_*.c executable.
 */
#ifndef NM_BENCHUTIL_H
#define NM_BENCHUTIL_H

#include <stddef.h>

#include "buf.h"
#include "record.h"

/** CPU seconds of the calling thread (CLOCK_THREAD_CPUTIME_ID): a per-core figure that time
 * spent waiting for a core on a busy machine does not inflate. */
double nm__bench_cpu_now(void);
/** What an empty region timed with two nm__bench_cpu_now() calls measures (median of many): the
 *  part of the clock syscalls that lands inside the interval. Benchmarks that time each
 *  document subtract it once per document (it was ~0.5 us per call on the 2-vCPU VM, ~6% of
 *  the entities stage's time per Reuters document). */
double nm__bench_cpu_overhead(void);
/** Wall-clock seconds (CLOCK_MONOTONIC). */
double nm__bench_wall_now(void);
/** CPU seconds of the whole process, all threads (CLOCK_PROCESS_CPUTIME_ID). */
double nm__bench_proc_cpu_now(void);

/** Sorts t[0..n) ascending (so t[0] is then the best run) and returns the median: the middle
 * value, or the mean of the two middle values when n is even. n >= 1. */
double nm__bench_median(double *t, int n);

/** Resident memory of this process in KiB (/proc/self/statm); 0 when it cannot be read. */
long nm__bench_rss_kb(void);

/** The runs argument argv[2] when it is within 1..99, else 5 (the benchmarks' default). */
int nm__bench_runs(int argc, char **argv);

/** A corpus as raw lines. Caller frees with nm__bench_lines_free(). */
typedef struct nm__bench_lines {
    nm__buf all;   /* the corpus bytes */
    size_t *start; /* line k is all.ptr[start[k] .. start[k+1]-1) without its newline */
    size_t n;      /* non-empty lines */
} nm__bench_lines;

/** Reads the file at path (gzip-compressed or not, as newsmine reads it) into c->all and
 * indexes its lines. 0, or -1 (cannot read, no lines,
 * out of memory). */
int nm__bench_lines_read(nm__bench_lines *c, const char *path);
/** Indexes the non-empty lines of c->all (filled by the caller). 0, or -1 (no lines, no memory). */
int nm__bench_lines_index(nm__bench_lines *c);
/** Length of line k without its newline. */
size_t nm__bench_line_len(const nm__bench_lines *c, size_t k);
/** Resets rec and fills its raw input with line k plus NM__INPUT_PADDING zero bytes, as the
 * feeder does (kind NM__IN_LINE, 1-based line_no, source "bench"). 0 or -1. */
int nm__bench_fill(const nm__bench_lines *c, size_t k, nm_record *rec);
/** Accepts a zeroed or already freed c. */
void nm__bench_lines_free(nm__bench_lines *c);

/** One decoded document text. */
typedef struct nm__bench_doc {
    char *p; /* malloc'd, NUL-terminated */
    size_t n;
} nm__bench_doc;

/** The decoded texts of a corpus. Caller frees with nm__bench_docs_free(). */
typedef struct nm__bench_docs {
    nm__bench_doc *v;
    size_t n;        /* documents */
    size_t bytes;    /* sum of their text lengths */
    size_t rejected; /* lines the decoder rejected (left out) */
} nm__bench_docs;

/** The corpus a benchmark reads when its command line names none. */
#define NM__BENCH_DEFAULT_CORPUS "../shared/eval/reuters21578.jsonl"

/**
 * The usual start of a benchmark `prog [corpus.jsonl] [runs]`: decodes the "text" of every line
 * of argv[1] (default NM__BENCH_DEFAULT_CORPUS) with nm__decode and default options, leaving out
 * (and counting) the lines it rejects. On success prints "<path>: N documents, X MB of text" to
 * stdout (and the rejected count to stderr, when any) and returns the number of runs
 * (nm__bench_runs); otherwise (also when no line gives a document) prints "<prog>: cannot open
 * <path>" (or what went wrong) to stderr and returns -1 with docs empty.
 */
int nm__bench_docs_open(nm__bench_docs *docs, const char *prog, int argc, char **argv);
/** Accepts a zeroed or already freed docs. */
void nm__bench_docs_free(nm__bench_docs *docs);

#endif
