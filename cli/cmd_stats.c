/*
 * cmd_stats.c — `newsmine stats`: corpus aggregates that merge exactly across shards.
 *
 *   newsmine stats [OPTIONS] [INPUT...] > shard.stats     annotate INPUTs, count (stats.h format)
 *   newsmine stats merge A.stats B.stats ... > all.stats   add files; "-" reads stdin
 *
 * The build runs the library pipeline with no rendering (format NONE) and folds each record into
 * an nm__stats in input order on this thread; the annotation options are those of the main
 * command, so shards annotated alike merge into exactly what one run over the whole corpus
 * gives: merge(stats(A), stats(B)) == stats(A ∪ B), byte for byte, in any order.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "newsmine.h"
#include "record.h"
#include "stats.h"

enum { EXIT_FATAL = 1, EXIT_USAGE = 2, EXIT_REJECTED = 3 };

static const char USAGE[] =
    "usage: newsmine stats [OPTIONS] [INPUT...] > corpus.stats\n"
    "       newsmine stats merge A.stats B.stats ... > all.stats   (- reads stdin)\n"
    "Counts entities (documents and mentions, by type), money (exact totals per currency) and\n"
    "keywords (document frequency); merging shard files gives exactly the single-run file.\n"
    "  -f, --input-format jsonl|text   --text-field NAME   --id-field NAME\n"
    "  -j, --threads N   --queue-depth N   --stages LIST   --top-k N   --df FILE\n"
    "  --invalid-utf8 reject|replace   --max-doc-bytes N[K|M|G]   -o, --output FILE   -h, --help\n";

static int usage_error(const char *msg, const char *arg) {
    fprintf(stderr, "newsmine stats: %s%s%s\n%s", msg, arg ? ": " : "", arg ? arg : "", USAGE);
    return EXIT_USAGE;
}

/* Opens -o (NULL: stdout) for writing, created if need be but not emptied: a run that fails
 * leaves an existing file as it was; finish_output empties it just before writing. */
static FILE *open_output(const char *path) {
    if (path == NULL)
        return stdout;
    FILE *f = nm_cli_output_open(path);
    if (f == NULL)
        fprintf(stderr, "newsmine stats: %s: %s\n", path, strerror(errno));
    return f;
}

static int finish_output(const nm__stats *st, FILE *out, const char *path) {
    int bad = out != stdout && nm_cli_output_empty(out) != 0;
    bad = bad || nm__stats_write(st, out) != NM_OK;
    bad |= fflush(out) != 0;
    if (out != stdout)
        bad |= fclose(out) != 0;
    if (bad) {
        fprintf(stderr, "newsmine stats: cannot write %s: %s\n", path ? path : "output",
                strerror(errno ? errno : EIO));
        return EXIT_FATAL;
    }
    return 0;
}

/* Reads a whole file ("-": stdin) into a malloc'd buffer. */
static char *slurp(const char *path, size_t *len) {
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (nb == NULL)
                free(buf);
            buf = nb;
        }
    }
    int bad = ferror(f);
    if (f != stdin)
        fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int cmd_merge(int argc, char **argv) {
    static const struct option longs[] = {
        {"output", required_argument, 0, 'o'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *output = NULL;
    int opt;
    optind = 1;
    opterr = 0;
    static const char OPTS[] = ":o:h";
    char sh[3]; /* a refused short option's name */
    while ((opt = getopt_long(argc, argv, OPTS, longs, NULL)) != -1) {
        switch (opt) {
        case 'o': output = strcmp(optarg, "-") == 0 ? NULL : optarg; break; /* -: stdout */
        case 'h': fputs(USAGE, stdout); return 0;
        case ':': return usage_error("option needs a value", argv[optind - 1]);
        default: return usage_error("unknown option", nm_cli_refused_option(OPTS, argv, sh));
        }
    }
    int i = optind;
    if (i >= argc)
        return usage_error("merge needs at least one stats file", NULL);
    nm__stats *st = nm__stats_create();
    if (st == NULL)
        return fputs("newsmine stats: out of memory\n", stderr), EXIT_FATAL;
    int rc = 0;
    for (; i < argc && rc == 0; i++) {
        size_t len = 0;
        char *data = slurp(argv[i], &len);
        nm_error err = {0};
        if (data == NULL) {
            fprintf(stderr, "newsmine stats: %s: %s\n", argv[i], strerror(errno ? errno : EIO));
            rc = EXIT_FATAL;
        } else if (nm__stats_merge_text(st, data, len, &err) != NM_OK) {
            fprintf(stderr, "newsmine stats: %s: %s\n", argv[i], err.msg);
            rc = EXIT_FATAL;
        }
        free(data);
    }
    if (rc == 0) {
        FILE *out = open_output(output);
        rc = out ? finish_output(st, out, output) : EXIT_FATAL;
    }
    nm__stats_destroy(st);
    return rc;
}

typedef struct feeder {
    nm_pipeline *p;
    char **inputs;
    size_t n;
    nm_reader_options ropts;
    nm_reader_stats st;
    int rc;
} feeder;

static void *feeder_main(void *arg) {
    feeder *f = arg;
    f->rc = nm_reader_feed(f->p, (const char *const *)f->inputs, f->n, &f->ropts, &f->st);
    nm_pipeline_finish(f->p);
    return NULL;
}

static void on_input_error(void *user, const char *input, const char *msg) {
    (void)user;
    fprintf(stderr, "newsmine stats: %s: %s\n", input, msg);
}

int nm_cli_stats(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "merge") == 0)
        return cmd_merge(argc - 1, argv + 1);
    enum { O_TEXT = 256, O_ID, O_QUEUE, O_STAGES, O_TOPK, O_DF, O_UTF8, O_MAXDOC };
    static const struct option longs[] = {
        {"input-format", required_argument, 0, 'f'}, {"text-field", required_argument, 0, O_TEXT},
        {"id-field", required_argument, 0, O_ID},    {"output", required_argument, 0, 'o'},
        {"threads", required_argument, 0, 'j'},      {"queue-depth", required_argument, 0, O_QUEUE},
        {"stages", required_argument, 0, O_STAGES},  {"top-k", required_argument, 0, O_TOPK},
        {"df", required_argument, 0, O_DF},          {"invalid-utf8", required_argument, 0, O_UTF8},
        {"max-doc-bytes", required_argument, 0, O_MAXDOC},
        {"help", no_argument, 0, 'h'},               {0, 0, 0, 0}};
    nm_options opts;
    nm_options_default(&opts);
    opts.format = NM_OUTPUT_NONE;
    feeder f = {.ropts = {.format = NM_INPUT_AUTO, .on_error = on_input_error}};
    const char *output = NULL;
    unsigned long long v;
    nm_error err;
    int opt;
    optind = 1;
    opterr = 0;
    static const char OPTS[] = ":f:o:j:h";
    char sh[3]; /* a refused short option's name */
    while ((opt = getopt_long(argc, argv, OPTS, longs, NULL)) != -1) {
        switch (opt) {
        case 'f':
            if (strcmp(optarg, "jsonl") == 0)
                f.ropts.format = NM_INPUT_JSONL;
            else if (strcmp(optarg, "text") == 0)
                f.ropts.format = NM_INPUT_TEXT;
            else
                return usage_error("--input-format must be jsonl or text", optarg);
            break;
        case O_TEXT: opts.text_field = optarg; break;
        case O_ID: opts.id_field = optarg; break;
        case 'o': output = strcmp(optarg, "-") == 0 ? NULL : optarg; break; /* -: stdout */
        case 'j':
            if (nm_cli_parse_count(optarg, 0, 1024, &v) || v == 0)
                return usage_error("--threads must be 1..1024", optarg);
            opts.threads = (unsigned)v;
            break;
        case O_QUEUE:
            if (nm_cli_parse_count(optarg, 0, 1000000, &v) || v == 0)
                return usage_error("--queue-depth must be 1..1000000", optarg);
            opts.queue_depth = (unsigned)v;
            break;
        case O_STAGES:
            if (nm_stages_parse(optarg, &opts.stages, &err) != NM_OK)
                return usage_error(err.msg, NULL);
            break;
        case O_TOPK:
            if (nm_cli_parse_count(optarg, 0, 100000, &v))
                return usage_error("--top-k must be 0..100000", optarg);
            opts.top_k = (unsigned)v;
            break;
        case O_DF: opts.df_path = optarg; break;
        case O_UTF8:
            if (strcmp(optarg, "reject") == 0)
                opts.invalid_utf8 = NM_UTF8_REJECT;
            else if (strcmp(optarg, "replace") == 0)
                opts.invalid_utf8 = NM_UTF8_REPLACE;
            else
                return usage_error("--invalid-utf8 must be reject or replace", optarg);
            break;
        case O_MAXDOC:
            if (nm_cli_parse_count(optarg, 1, (1ull << 32) - 1, &v) || v == 0)
                return usage_error("--max-doc-bytes must be 1..4G-1 (K, M, G suffixes)", optarg);
            opts.max_doc_bytes = (size_t)v;
            break;
        case 'h': fputs(USAGE, stdout); return 0;
        case ':': return usage_error("option needs a value", argv[optind - 1]);
        default: return usage_error("unknown option", nm_cli_refused_option(OPTS, argv, sh));
        }
    }
    if (strcmp(opts.text_field, opts.id_field) == 0)
        return usage_error("--id-field and --text-field name the same field", opts.id_field);
    f.ropts.max_doc_bytes = opts.max_doc_bytes;
    f.inputs = argv + optind;
    f.n = (size_t)(argc - optind);

    if (nm_cli_refuse_clobber("newsmine stats", output, f.inputs, f.n, opts.df_path))
        return EXIT_USAGE;
    /* Open the output first: an unwritable path should not cost a whole corpus run. */
    FILE *out = open_output(output);
    if (out == NULL)
        return EXIT_FATAL;
    struct stat ost; /* never read back as an input (written into the directory being read) */
    if (fstat(fileno(out), &ost) == 0)
        nm_cli_skip_output(&f.ropts, &ost);
    nm__stats *st = nm__stats_create();
    f.p = st ? nm_pipeline_create(&opts, &err) : NULL;
    if (f.p == NULL) {
        fprintf(stderr, "newsmine stats: %s\n", st ? err.msg : "out of memory");
        nm__stats_destroy(st);
        if (out != stdout)
            fclose(out);
        return EXIT_FATAL;
    }
    pthread_t feed_thread;
    if (pthread_create(&feed_thread, NULL, feeder_main, &f) != 0) {
        fputs("newsmine stats: cannot start a thread\n", stderr);
        nm_pipeline_destroy(f.p);
        nm__stats_destroy(st);
        if (out != stdout)
            fclose(out);
        return EXIT_FATAL;
    }
    int rc = 0;
    unsigned long long errors = 0;
    nm_record *rec;
    while (nm_pipeline_next(f.p, &rec) == NM_OK) {
        errors += rec->error.len > 0;
        int arc = nm__stats_add_record(st, rec, &err);
        nm_pipeline_release(f.p, rec);
        if (arc != NM_OK) {
            fprintf(stderr, "newsmine stats: %s\n", err.msg);
            nm_pipeline_abort(f.p);
            rc = EXIT_FATAL;
            break;
        }
    }
    pthread_join(feed_thread, NULL);
    nm_pipeline_destroy(f.p);
    if (rc == 0 && f.rc != NM_OK && f.rc != NM_ERR_CANCELLED) {
        fprintf(stderr, "newsmine stats: reading stopped: %s\n", nm_strerror(f.rc));
        rc = EXIT_FATAL;
    }
    /* SPEC: "cannot read input" is fatal; an unreadable input among readable ones is not. */
    if (f.st.input_errors && f.st.inputs == 0)
        rc = EXIT_FATAL;
    if (rc == 0)
        rc = finish_output(st, out, output);
    else if (out != stdout)
        fclose(out);
    nm__stats_destroy(st);
    if (rc == 0 && (errors || f.st.input_errors))
        rc = EXIT_REJECTED;
    return rc;
}
