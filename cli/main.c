/*
 * main.c — the newsmine program: a thin client of libnewsmine (SPEC.md "Command line").
 *
 *   newsmine corpus.jsonl > out.jsonl
 *   zcat crawl.jsonl.gz | newsmine -j 8 --stages money -F tsv > money.tsv
 *   newsmine df build corpus/ > model.df     (cmd_df.c)     newsmine stats ... (cmd_stats.c)
 *
 * Threads: a feeder reads the inputs into the pipeline, the main thread writes records in
 * input order (or, when the workers take every CPU, the workers write them: sink_write), and a
 * signal thread turns SIGINT/SIGTERM into "stop reading": records already read
 * are finished and written, then the exit status is 130 (143 for SIGTERM). SIGPIPE keeps
 * its default action, so `| head` ends the program quietly.
 * Exit status: 0 all records processed, 3 some rejected or some input unreadable, 2 usage,
 * 1 fatal (no input could be read, cannot write, out of memory).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "cpus.h"
#include "feed.h"
#include "newsmine.h"
#include "sink.h"
#include "sinks.h"

enum { EXIT_USAGE = 2, EXIT_REJECTED = 3 };
/* The writer (see writer): records it holds at most before it writes them, one worker batch
 * (the pipeline hands over up to 32), so it never keeps a pool's worth from the feeder (at -j1
 * the pool is 65 records); its buffer; the size from which a batch goes out with writev(2)
 * instead of being copied into the buffer, unless the output is a regular file; how long it
 * waits for a record before it writes out what it has buffered. */
enum { HOLD_MAX = 32, OUT_BUF = 1 << 20, DIRECT_MIN = 32 << 10, FLUSH_IDLE_MS = 50 };

typedef struct cli {
    nm_options opts;
    nm_reader_options ropts;
    const char *output;
    int sqlite;
    int progress, stats;
    char **inputs;
    size_t ninputs;
    unsigned long long total_bytes; /* sum of input file sizes, 0 when unknown */
    atomic_ullong read_bytes;       /* of them read so far (on_read), for the ETA */
} cli;

typedef struct feeder {
    nm_pipeline *p;
    cli *c;
    nm_reader_stats st;
    int rc;
    atomic_int done; /* nm_pipeline_finish() has returned: everything read is handed over */
} feeder;

typedef struct signals {
    nm_pipeline *p;
    const feeder *f;
    atomic_int caught;
    sigset_t set;
} signals;

/* How long the signal thread waits for the feeder to stop by itself before it closes the input
 * under it (a feeder blocked in a read of a pipe or terminal holds no record). */
#define STOP_WAIT_MS 250

static void usage(FILE *f) {
    fputs("usage: newsmine [OPTIONS] [INPUT...]      (INPUT: file, directory, or - for stdin)\n"
          "       newsmine df build [INPUT...] > model.df | newsmine df merge A.df B.df ...\n"
          "       newsmine df dump MODEL.df        (every key and its document count)\n"
          "       newsmine stats [INPUT...] > corpus.stats | newsmine stats merge A B ...\n"
          "\n"
          "  -f, --input-format jsonl|text  default: by extension (.jsonl .json .ndjson [.gz]:\n"
          "                                 jsonl, else text; stdin jsonl)\n"
          "      --text-field NAME          jsonl field with the text (text)\n"
          "      --id-field NAME            jsonl field with the id (id)\n"
          "  -o, --output FILE              write records to FILE (stdout; - is stdout too)\n"
          "  -F, --format jsonl|tsv|es-bulk|sqlite   output shape (jsonl); sqlite needs -o\n"
          "      --index NAME               _index of es-bulk action lines (news)\n"
          "  -j, --threads N                worker threads (the CPUs this process may use)\n"
          "      --queue-depth N            records each queue holds (32 x threads, past 8\n"
          "                                 threads 64 x, <= 1024)\n"
          "      --stages LIST              tokenize,normalize,entities,money,keywords (all)\n"
          "      --top-k N                  keywords per document (10)\n"
          "      --df FILE                  document-frequency model (bundled)\n"
          "      --tokens                   also emit every token\n"
          "      --invalid-utf8 reject|replace   (reject)\n"
          "      --max-doc-bytes N[K|M|G]   larger documents become error records (16M)\n"
          "      --progress / --no-progress progress line on stderr (on for a terminal)\n"
          "      --stats                    summary on stderr at the end\n"
          "  -h, --help    -V, --version\n"
          "\n"
          "exit status: 0 ok, 3 some records rejected (see their \"error\"), 2 usage, 1 fatal\n",
          f);
}

static int usage_error(const char *msg, const char *arg) {
    fprintf(stderr, "newsmine: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    fputs("try 'newsmine --help'\n", stderr);
    return EXIT_USAGE;
}

static void on_input_error(void *user, const char *input, const char *msg) {
    (void)user;
    fprintf(stderr, "newsmine: %s: %s\n", input, msg);
}

/* The reader's on_read: counts the input bytes read, as stored (compressed for .gz). */
static void on_input_read(void *user, size_t bytes) {
    cli *c = user;
    atomic_fetch_add_explicit(&c->read_bytes, bytes, memory_order_relaxed);
}

static int parse_args(cli *c, int argc, char **argv) {
    enum { O_TEXT = 256, O_ID, O_INDEX, O_QUEUE, O_STAGES, O_TOPK, O_DF, O_TOKENS, O_UTF8,
           O_MAXDOC, O_PROGRESS, O_NOPROGRESS, O_STATS };
    static const struct option longs[] = {
        {"input-format", required_argument, 0, 'f'}, {"text-field", required_argument, 0, O_TEXT},
        {"id-field", required_argument, 0, O_ID},    {"output", required_argument, 0, 'o'},
        {"format", required_argument, 0, 'F'},       {"index", required_argument, 0, O_INDEX},
        {"threads", required_argument, 0, 'j'},      {"queue-depth", required_argument, 0, O_QUEUE},
        {"stages", required_argument, 0, O_STAGES},  {"top-k", required_argument, 0, O_TOPK},
        {"df", required_argument, 0, O_DF},          {"tokens", no_argument, 0, O_TOKENS},
        {"invalid-utf8", required_argument, 0, O_UTF8},
        {"max-doc-bytes", required_argument, 0, O_MAXDOC},
        {"progress", no_argument, 0, O_PROGRESS},    {"no-progress", no_argument, 0, O_NOPROGRESS},
        {"stats", no_argument, 0, O_STATS},          {"help", no_argument, 0, 'h'},
        {"version", no_argument, 0, 'V'},            {0, 0, 0, 0}};
    nm_options_default(&c->opts);
    c->ropts.format = NM_INPUT_AUTO;
    c->ropts.on_error = on_input_error;
    c->ropts.on_read = on_input_read;
    c->ropts.user = c;
    c->progress = isatty(STDERR_FILENO);
    unsigned long long v;
    nm_error err;
    int opt;
    opterr = 0;
    static const char OPTS[] = ":f:o:F:j:hV";
    char sh[3]; /* a refused short option's name */
    while ((opt = getopt_long(argc, argv, OPTS, longs, NULL)) != -1) {
        switch (opt) {
        case 'f':
            if (strcmp(optarg, "jsonl") == 0)
                c->ropts.format = NM_INPUT_JSONL;
            else if (strcmp(optarg, "text") == 0)
                c->ropts.format = NM_INPUT_TEXT;
            else
                return usage_error("--input-format must be jsonl or text", optarg);
            break;
        case O_TEXT: c->opts.text_field = optarg; break;
        case O_ID: c->opts.id_field = optarg; break;
        case 'o': c->output = strcmp(optarg, "-") == 0 ? NULL : optarg; break; /* -: stdout */
        case 'F':
            c->sqlite = 0;
            if (strcmp(optarg, "jsonl") == 0)
                c->opts.format = NM_OUTPUT_JSONL;
            else if (strcmp(optarg, "tsv") == 0)
                c->opts.format = NM_OUTPUT_TSV;
            else if (strcmp(optarg, "es-bulk") == 0)
                c->opts.format = NM_OUTPUT_ES_BULK;
            else if (strcmp(optarg, "sqlite") == 0)
                c->opts.format = NM_OUTPUT_NONE, c->sqlite = 1;
            else
                return usage_error("--format must be jsonl, tsv, es-bulk or sqlite", optarg);
            break;
        case O_INDEX:
            if (optarg[0] == '\0') /* Elasticsearch refuses every action line then */
                return usage_error("--index must not be empty (Elasticsearch refuses it)", NULL);
            c->opts.index_name = optarg;
            break;
        case 'j':
            if (nm_cli_parse_count(optarg, 0, 1024, &v) || v == 0)
                return usage_error("--threads must be 1..1024", optarg);
            c->opts.threads = (unsigned)v;
            break;
        case O_QUEUE:
            if (nm_cli_parse_count(optarg, 0, 1000000, &v) || v == 0)
                return usage_error("--queue-depth must be 1..1000000", optarg);
            c->opts.queue_depth = (unsigned)v;
            break;
        case O_STAGES:
            if (nm_stages_parse(optarg, &c->opts.stages, &err) != NM_OK)
                return usage_error(err.msg, NULL);
            break;
        case O_TOPK:
            if (nm_cli_parse_count(optarg, 0, 100000, &v))
                return usage_error("--top-k must be 0..100000", optarg);
            c->opts.top_k = (unsigned)v;
            break;
        case O_DF: c->opts.df_path = optarg; break;
        case O_TOKENS: c->opts.emit_tokens = 1; break;
        case O_UTF8:
            if (strcmp(optarg, "reject") == 0)
                c->opts.invalid_utf8 = NM_UTF8_REJECT;
            else if (strcmp(optarg, "replace") == 0)
                c->opts.invalid_utf8 = NM_UTF8_REPLACE;
            else
                return usage_error("--invalid-utf8 must be reject or replace", optarg);
            break;
        case O_MAXDOC:
            if (nm_cli_parse_count(optarg, 1, (1ull << 32) - 1, &v) || v == 0)
                return usage_error("--max-doc-bytes must be 1..4G-1 (K, M, G suffixes)", optarg);
            c->opts.max_doc_bytes = (size_t)v;
            break;
        case O_PROGRESS: c->progress = 1; break;
        case O_NOPROGRESS: c->progress = 0; break;
        case O_STATS: c->stats = 1; break;
        case 'h': usage(stdout); exit(0);
        case 'V': printf("newsmine %s\n", NM_VERSION); exit(0);
        case ':': return usage_error("option needs a value", argv[optind - 1]);
        default: return usage_error("unknown option", nm_cli_refused_option(OPTS, argv, sh));
        }
    }
    if (c->sqlite && c->output == NULL)
        return usage_error("--format sqlite needs --output FILE", NULL);
    /* the decoder reads the text from the field and never the id: every id would be lost */
    if (strcmp(c->opts.text_field, c->opts.id_field) == 0)
        return usage_error("--id-field and --text-field name the same field", c->opts.id_field);
    c->ropts.max_doc_bytes = c->opts.max_doc_bytes;
    c->inputs = argv + optind;
    c->ninputs = (size_t)(argc - optind);
    for (size_t i = 0; i < c->ninputs; i++) {
        struct stat sb;
        if (strcmp(c->inputs[i], "-") == 0 || stat(c->inputs[i], &sb) != 0 ||
            !S_ISREG(sb.st_mode)) {
            c->total_bytes = 0;
            break;
        }
        c->total_bytes += (unsigned long long)sb.st_size;
    }
    return 0;
}

static void *feeder_main(void *arg) {
    feeder *f = arg;
    f->rc = nm_reader_feed(f->p, (const char *const *)f->c->inputs, f->c->ninputs, &f->c->ropts,
                           &f->st);
    nm_pipeline_finish(f->p);
    atomic_store(&f->done, 1);
    return NULL;
}

static void *signal_main(void *arg) {
    signals *s = arg;
    int sig;
    if (sigwait(&s->set, &sig) == 0 && sig != SIGUSR1) {
        atomic_store(&s->caught, sig);
        /* Stop reading; what was read is still written. Not nm_pipeline_finish(): that is
         * the feeder's own call (it raced with the feeder's pushes under TSan). The feeder
         * stops at its next push and hands over the records it holds; one blocked in a read
         * holds none, and the input is closed under it. */
        nm__pipeline_ask_stop(s->p);
        for (int i = 0; i < STOP_WAIT_MS / 10 && !atomic_load(&s->f->done); i++)
            nanosleep(&(struct timespec){0, 10 * 1000000L}, NULL);
        if (!atomic_load(&s->f->done))
            nm__pipeline_stop_input(s->p);
    }
    return NULL;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void show_progress(const cli *c, unsigned long long docs, unsigned long long bytes,
                          double elapsed, int final) {
    double mb = (double)bytes / 1e6, rate = elapsed > 0 ? mb / elapsed : 0;
    fprintf(stderr, "\rnewsmine: %llu docs, %.1f MB, %.1f MB/s", docs, mb, rate);
    /* The ETA sets the input bytes read against the inputs' sizes, both as stored: the text
     * bytes (mb) were set against compressed sizes of .gz inputs, so the ETA read 0 s from a
     * fifth of the way on, and against whole jsonl lines (ids, escapes, meta) of the others. */
    unsigned long long got = atomic_load_explicit(&c->read_bytes, memory_order_relaxed);
    if (c->total_bytes && got && elapsed > 0 && !final) {
        double left = elapsed * ((double)c->total_bytes - (double)got) / (double)got;
        fprintf(stderr, ", ETA %.0fs", left > 0 ? left : 0);
    }
    fputs(final ? "\n" : "   ", stderr);
}

static void print_stats(nm_pipeline *p, const feeder *f, unsigned long long errors,
                        double elapsed) {
    nm_pipeline_stats st;
    nm_pipeline_get_stats(p, &st);
    double mb = (double)st.bytes / 1e6, in_mb = (double)f->st.bytes / 1e6;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(stderr,
            "newsmine: %llu records (%llu ok, %llu errors), %llu inputs read, %llu input errors, "
            "%.2f MB text, %.2f MB input, %llu tokens, %.2f s, %.1f MB/s text, "
            "%.1f MB/s input, peak RSS %.1f MB, %llu regex matches skipped at their limit, "
            "%u worker%s\n",
            (unsigned long long)(st.docs + errors), (unsigned long long)st.docs, errors,
            f->st.inputs, f->st.input_errors, mb, in_mb, (unsigned long long)st.tokens, elapsed,
            elapsed > 0 ? mb / elapsed : 0, elapsed > 0 ? in_mb / elapsed : 0,
            (double)ru.ru_maxrss / 1024.0,
            (unsigned long long)st.limit_hits, nm_pipeline_workers(p),
            nm_pipeline_workers(p) == 1 ? "" : "s");
    double total = 0;
    for (int i = 0; i < 8 && st.stage_names[i]; i++)
        total += st.stage_seconds[i];
    for (int i = 0; i < 8 && st.stage_names[i]; i++)
        fprintf(stderr, "  %-10s %8.3f s %5.1f%%\n", st.stage_names[i], st.stage_seconds[i],
                total > 0 ? 100.0 * st.stage_seconds[i] / total : 0.0);
}

/*
 * The writer: records come out of the pipeline in order, and those ready at once are held
 * (never while waiting for more, so the pool is not starved) and written together. Into a
 * pipe, a terminal or /dev/null a batch of news articles (~55 KB at -j1) goes out with one
 * writev(2) straight from the records: copying every output byte into a stdio buffer (fwrite)
 * was a third of the writer's CPU. A batch under DIRECT_MIN (short records: a call per 32
 * one-line records costs more than their copy) is copied into the buffer instead, and so is
 * everything bound for a regular file, where each write call costs ~11 us in the file system
 * (ext4: 36 MB in 56 KB writes 18.2 ms of CPU, in 1 MiB writes 11.3 ms), more than the copy
 * saves. The buffer goes out when full, before a direct batch, once no record has come for
 * FLUSH_IDLE_MS (a slow stream, `tail -f` input) and at the end.
 */
typedef struct writer {
    int fd;
    size_t direct_min;         /* DIRECT_MIN, or SIZE_MAX for a regular file */
    char *buf;                 /* OUT_BUF bytes */
    size_t used;
    nm_record *held[HOLD_MAX];
    size_t nheld;
    /* As the pipeline's sink (sink_write): records written since the last poke, the errno of a
     * failed write, and the counts (read by the main thread for the progress line). */
    size_t since_poke;
    int err;
    atomic_ullong docs, errors, bytes;
} writer;

/* writev(2) of v[0..cnt) to fd, whole (a partial write is resumed; v is consumed). 0, or -1
 * with errno set. */
static int writev_all(int fd, struct iovec *v, int cnt) {
    while (cnt > 0) {
        ssize_t n = writev(fd, v, cnt);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return -1;
        }
        for (; cnt > 0 && (size_t)n >= v->iov_len; v++, cnt--)
            n -= (ssize_t)v->iov_len;
        if (cnt > 0) {
            v->iov_base = (char *)v->iov_base + n;
            v->iov_len -= (size_t)n;
        }
    }
    return 0;
}

/* Writes out what the buffer holds. 0, or -1 with errno set. */
static int flush_buffer(writer *w) {
    struct iovec v = {w->buf, w->used};
    if (w->used == 0)
        return 0;
    w->used = 0;
    return writev_all(w->fd, &v, 1);
}

/* Writes the renderings of recs[0..n) (n <= HOLD_MAX; see writer). 0, or -1 with errno set
 * when the output cannot be written. */
static int write_records(writer *w, nm_record *const *recs, size_t n) {
    struct iovec iov[HOLD_MAX + 1];
    size_t total = 0;
    int cnt = 0;
    if (w->used)
        iov[cnt++] = (struct iovec){w->buf, w->used};
    for (size_t i = 0; i < n; i++) {
        nm_str r = nm_record_rendered(recs[i]);
        if (r.len > 0)
            iov[cnt++] = (struct iovec){(void *)r.ptr, r.len};
        total += r.len;
    }
    if (total < w->direct_min && w->used + total <= OUT_BUF) {
        for (int i = w->used ? 1 : 0; i < cnt; i++) {
            memcpy(w->buf + w->used, iov[i].iov_base, iov[i].iov_len);
            w->used += iov[i].iov_len;
        }
    } else {
        if (writev_all(w->fd, iov, cnt) != 0)
            return -1;
        w->used = 0;
    }
    return 0;
}

/* Writes the held records and gives them back to the pipeline. 0, or -1 with errno set when
 * the output cannot be written; the records are then still held. */
static int write_held(nm_pipeline *p, writer *w) {
    if (write_records(w, w->held, w->nheld) != 0)
        return -1;
    for (size_t i = 0; i < w->nheld; i++)
        nm_pipeline_release(p, w->held[i]);
    w->nheld = 0;
    return 0;
}

/* The pipeline's sink (sink.h), used when the workers take every CPU: the worker holding the
 * writer role calls it with the records next in order, so no thread of ours wakes per batch.
 * Counts them and writes them as write_records(); a poke (n == 0) that finds no record came
 * since the last one writes out the buffer (the stream paused). 0, or -1 with w->err set. */
static int sink_write(void *user, nm_record *const *recs, size_t n) {
    writer *w = user;
    if (n == 0) {
        int idle = w->since_poke == 0;
        w->since_poke = 0;
        if (idle && flush_buffer(w) != 0)
            goto fail;
        return 0;
    }
    unsigned long long errors = 0, bytes = 0;
    for (size_t i = 0; i < n; i++) {
        errors += nm_record_error(recs[i]).len > 0;
        bytes += nm_record_text(recs[i]).len;
    }
    atomic_fetch_add_explicit(&w->docs, n, memory_order_relaxed);
    atomic_fetch_add_explicit(&w->errors, errors, memory_order_relaxed);
    atomic_fetch_add_explicit(&w->bytes, bytes, memory_order_relaxed);
    w->since_poke += n;
    if (write_records(w, recs, n) != 0)
        goto fail;
    return 0;
fail:
    w->err = errno ? errno : EIO;
    return -1;
}

/* Writes errno's text (EIO when errno is 0) into buf; returns that errno. */
static int errno_text(char *buf, size_t size) {
    int e = errno ? errno : EIO;
    snprintf(buf, size, "%s", strerror(e));
    return e;
}

/* Waits for the workers to write everything through sink_write, poking it every half
 * FLUSH_IDLE_MS (so a paused stream's buffered records go out) and showing progress. 0, or
 * -1 when the output could not be written (errbuf says why). */
static int run_sink(const cli *c, nm_pipeline *p, writer *w, char *errbuf, size_t size) {
    double t0 = now_seconds(), last = t0;
    int got;
    nm_record *none;
    while ((got = nm_pipeline_next_within(p, &none, FLUSH_IDLE_MS / 2)) == NM_ERR_TIMEOUT) {
        if (nm__pipeline_poke_sink(p) != NM_OK)
            break;
        double t = now_seconds();
        if (c->progress && t - last >= 0.5) {
            show_progress(c, atomic_load(&w->docs), atomic_load(&w->bytes), t - t0, 0);
            last = t;
        }
    }
    /* Closed: every worker has ended, so the buffer is this thread's now. */
    if (got == NM_ERR_CLOSED && flush_buffer(w) == 0)
        return 0;
    if (got == NM_ERR_CLOSED)
        w->err = errno ? errno : EIO;
    snprintf(errbuf, size, "%s", strerror(w->err ? w->err : EIO));
    return -1;
}

/*
 * The process's heap policy (glibc): keep up to 64 MiB of freed memory at the top of each heap
 * and grow heaps 16 MiB at a time. By default the worker threads' heaps shrank and grew again
 * about 480 times over Reuters (mprotect calls), and with two busy cores each shrink costs a
 * TLB shoot-down on the other core and the pages fault in again: -5 to -8% CPU at -j2, for
 * +0.8 MB peak RSS. The CLI owns its process; the library sets no such global policy.
 */
static void tune_heap(void) {
#ifdef __GLIBC__
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
#endif
}

/*
 * For the pipeline, one heap for all threads: a record's buffers are grown by the worker that
 * processes it and freed by whichever thread releases it, so with a heap per thread each heap
 * kept freed blocks of all the others, and peak RSS at -j16 grew with the corpus (generated
 * 100 MB -> 1 GB: 107 -> 119 MB with four heaps, 104 -> 107 MB with one; on a 16-core machine
 * 100 MB -> 2 GB: 138 -> 204 MB with a heap per thread, 102 -> 107 MB with one, and Reuters x16
 * at -j16 at the same speed; benchmarks/README.md, eleventh session). Not for `df build`, whose
 * workers each fill a Judy array of their own and would only contend for the one heap.
 */
static void one_heap(void) {
#ifdef __GLIBC__
    mallopt(M_ARENA_MAX, 1);
#endif
}

/* A standard descriptor the program was started without would be handed out by the next open():
 * with stderr closed, the output file (-o) became descriptor 2 and every diagnostic went into it
 * between the records. Each closed one is held on /dev/null, opened so that using it fails as
 * before (stdin write-only, stdout read-only); on stderr, messages are dropped as before. */
static void hold_std_fds(void) {
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        int got = open("/dev/null", fd == 1 ? O_RDONLY : O_WRONLY);
        if (got > 2)
            close(got);
    }
}

int main(int argc, char **argv) {
    hold_std_fds();
    tune_heap();
    if (argc > 1 && strcmp(argv[1], "df") == 0)
        return nm_cli_df(argc - 1, argv + 1);
    one_heap(); /* the pipeline's commands: the main one and stats */
    if (argc > 1 && strcmp(argv[1], "stats") == 0)
        return nm_cli_stats(argc - 1, argv + 1);
    cli c = {0};
    int rc = parse_args(&c, argc, argv);
    if (rc)
        return rc;
    if ((rc = nm_cli_refuse_clobber("newsmine", c.output, c.inputs, c.ninputs, c.opts.df_path)))
        return rc;

    /* Signals are taken by one thread; every thread created below inherits the mask. */
    signals sigs = {0};
    sigemptyset(&sigs.set);
    sigaddset(&sigs.set, SIGINT);
    sigaddset(&sigs.set, SIGTERM);
    sigaddset(&sigs.set, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &sigs.set, NULL);

    FILE *out = stdout;
    nm_cli_sqlite *db = NULL;
    char errbuf[512];
    if (c.sqlite) {
        db = nm_cli_sqlite_open(c.output, c.opts.emit_tokens, errbuf, sizeof errbuf);
        if (db == NULL) {
            fprintf(stderr, "newsmine: %s: %s\n", c.output, errbuf);
            return 1;
        }
    } else if (c.output) {
        /* Opened before the stages load, so an unwritable path fails at once, and emptied
         * (nm_cli_output_empty) only once the pipeline is made. (Emptying used to run on a
         * thread beside the stages' loading, which saved ~5 ms of start-up when overwriting a
         * 36 MB output, seventh session, and lost that output on a failed start.) */
        out = nm_cli_output_open(c.output);
        if (out == NULL) {
            fprintf(stderr, "newsmine: %s: %s\n", c.output, strerror(errno));
            return 1;
        }
    }
    nm_error err;
    nm_pipeline *p = nm_pipeline_create(&c.opts, &err);
    if (p == NULL) {
        fprintf(stderr, "newsmine: %s\n", err.msg);
        if (db)
            nm_cli_sqlite_close(db, errbuf, sizeof errbuf);
        return 1;
    }
    if (c.output && !db && nm_cli_output_empty(out) != 0) {
        fprintf(stderr, "newsmine: %s: %s\n", c.output, strerror(errno));
        nm_pipeline_destroy(p);
        return 1;
    }
    sigs.p = p;
    static char outbuf[OUT_BUF]; /* one output stream: one buffer */
    writer w = {.fd = fileno(out), .direct_min = DIRECT_MIN, .buf = outbuf};
    struct stat ost; /* the output file (with a database, the writer w is unused) */
    if ((db ? stat(c.output, &ost) : fstat(w.fd, &ost)) == 0 && nm_cli_skip_output(&c.ropts, &ost))
        w.direct_min = SIZE_MAX;
    /* Workers on every CPU: they write the records themselves (sink_write), else this thread
     * does (at -j1 on two CPUs it runs beside the worker for free). Reuters -j2 on 2 CPUs:
     * this thread's wake-ups 526 -> 37, each of which had preempted a worker. */
    int use_sink = !db && nm_pipeline_workers(p) >= nm__usable_cpus();
    if (use_sink)
        nm__pipeline_set_sink(p, sink_write, &w);
    pthread_t sig_thread, feed_thread;
    feeder f = {.p = p, .c = &c};
    sigs.f = &f;
    if (pthread_create(&sig_thread, NULL, signal_main, &sigs) != 0 ||
        pthread_create(&feed_thread, NULL, feeder_main, &f) != 0) {
        fputs("newsmine: cannot start threads\n", stderr);
        return 1;
    }

    double t0 = now_seconds(), last = t0;
    unsigned long long docs = 0, errors = 0, bytes = 0;
    int write_failed = 0, werr = 0, got; /* werr: the errno of a failed write */
    nm_record *rec;
    if (use_sink) {
        write_failed = run_sink(&c, p, &w, errbuf, sizeof errbuf) != 0;
        werr = w.err;
        docs = atomic_load(&w.docs);
        errors = atomic_load(&w.errors);
        bytes = atomic_load(&w.bytes);
    }
    while (!use_sink && (got = w.nheld ? nm_pipeline_next_within(p, &rec, 0)
                               : w.used ? nm_pipeline_next_within(p, &rec, FLUSH_IDLE_MS)
                                        : nm_pipeline_next(p, &rec)) != NM_ERR_CLOSED) {
        if (got == NM_OK) {
            nm_str e = nm_record_error(rec);
            errors += e.len > 0;
            docs++;
            bytes += nm_record_text(rec).len;
            if (db) {
                if (nm_cli_sqlite_write(db, rec, errbuf, sizeof errbuf) != 0)
                    write_failed = 1;
                nm_pipeline_release(p, rec);
            } else {
                w.held[w.nheld++] = rec;
            }
        } else if (got != NM_ERR_TIMEOUT) {
            break;
        }
        if (w.nheld && (got == NM_ERR_TIMEOUT || w.nheld == HOLD_MAX))
            write_failed = write_held(p, &w) != 0;
        else if (got == NM_ERR_TIMEOUT) /* the stream paused: out with what is buffered */
            write_failed = flush_buffer(&w) != 0;
        if (write_failed) {
            if (!db)
                werr = errno_text(errbuf, sizeof errbuf);
            nm_pipeline_abort(p);
            break;
        }
        if (got == NM_OK && c.progress && (docs & 63) == 0) {
            double t = now_seconds();
            if (t - last >= 0.5) {
                show_progress(&c, docs, bytes, t - t0, 0);
                last = t;
            }
        }
    }
    if (!use_sink && !write_failed && (write_held(p, &w) != 0 || flush_buffer(&w) != 0)) {
        werr = errno_text(errbuf, sizeof errbuf);
        nm_pipeline_abort(p);
        write_failed = 1;
    }
    while (w.nheld) /* after a failed write */
        nm_pipeline_release(p, w.held[--w.nheld]);
    int caught = atomic_load(&sigs.caught);
    if (!write_failed && !caught)
        pthread_join(feed_thread, NULL);
    if (!write_failed) {
        if (db ? nm_cli_sqlite_close(db, errbuf, sizeof errbuf) != 0
               : (fflush(out) != 0 || ferror(out) || (out != stdout && fclose(out) != 0))) {
            if (!db)
                werr = errno_text(errbuf, sizeof errbuf);
            write_failed = 1;
        }
        db = NULL;
    }
    double elapsed = now_seconds() - t0;
    if (c.progress)
        show_progress(&c, docs, bytes, elapsed, 1);
    if (c.stats)
        print_stats(p, &f, errors, elapsed);
    if (write_failed && werr == EPIPE) {
        /* The reader went away (`| head`) while SIGPIPE was ignored (inherited so): end as
         * SIGPIPE ends the program otherwise, quietly. It printed "cannot write output: Broken
         * pipe" and exited 1. */
        sigset_t pipe_set;
        sigemptyset(&pipe_set);
        sigaddset(&pipe_set, SIGPIPE);
        signal(SIGPIPE, SIG_DFL);
        pthread_sigmask(SIG_UNBLOCK, &pipe_set, NULL);
        raise(SIGPIPE);
    }
    if (write_failed) {
        fprintf(stderr, "newsmine: cannot write %s: %s\n", c.output ? c.output : "output",
                errbuf);
        _exit(1); /* threads may still be blocked on input: do not wait for them */
    }
    if (caught) {
        fprintf(stderr, "newsmine: interrupted after %llu records\n", docs);
        fflush(stderr);
        _exit(128 + caught);
    }
    /* Wake the signal thread so it can be joined. */
    pthread_kill(sig_thread, SIGUSR1);
    pthread_join(sig_thread, NULL);
    int fatal = f.rc != NM_OK;
    if (fatal)
        fprintf(stderr, "newsmine: reading stopped: %s\n", nm_strerror(f.rc));
    /* SPEC: "cannot read input" is fatal; an unreadable input among readable ones is not. */
    if (f.st.input_errors && f.st.inputs == 0)
        fatal = 1;
    nm_pipeline_destroy(p);
    if (fatal)
        return 1;
    return (errors || f.st.input_errors) ? EXIT_REJECTED : 0;
}
