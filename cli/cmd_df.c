/*
 * cmd_df.c — `newsmine df`: build, merge and inspect document-frequency models (dfmodel.h).
 *
 *   newsmine df build corpus/ news.jsonl > model.df    count each candidate key once per document
 *   newsmine df merge a.df b.df > all.df               sum shards: equals one build over all inputs
 *   newsmine df dump model.df | head                   "docs N" then key<TAB>df, sorted
 *
 * build runs a pipeline with tokenize, normalize, money and entities (no rendering); a feeder
 * thread reads the inputs, the main thread takes records in order and hands them to counting
 * threads, which add the keys the keywords stage would score (nm__kw_doc_keys, so model keys and
 * stage lookups always agree) to builders of their own, merged at the end. Exit status: 0 ok,
 * 3 some records were rejected (not counted) or some input unreadable, 2 usage, 1 fatal (no
 * input could be read: no model is written).
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
#include "cpus.h"
#include "dfmodel.h"
#include "newsmine.h"
#include "queue.h"

enum { DF_EXIT_FATAL = 1, DF_EXIT_USAGE = 2, DF_EXIT_REJECTED = 3 };

static const char DF_USAGE[] =
    "usage: newsmine df build [OPTIONS] [INPUT...] > model.df\n"
    "       newsmine df merge [--min-df N] [-o FILE] A.df B.df ... > all.df   (- reads stdin)\n"
    "       newsmine df dump MODEL.df\n"
    "options: -f, --input-format jsonl|text   --text-field NAME   --id-field NAME\n"
    "         -j, --threads N   -o, --output FILE\n"
    "         --min-df N   leave out keys seen in fewer than N documents (default 1: all;\n"
    "                      a pruned model no longer merges exactly)\n";

/* A usage error: msg (may be NULL) and the usage on stderr; returns the exit status. Asked-for
 * help (-h) goes to stdout instead, as for the other commands. */
static int df_usage(const char *msg) {
    if (msg)
        fprintf(stderr, "newsmine df: %s\n", msg);
    fputs(DF_USAGE, stderr);
    return DF_EXIT_USAGE;
}

/* df_usage() for an option getopt refused: "newsmine df: WHAT: OPTION". */
static int df_bad_option(const char *what, const char *option) {
    char msg[256];
    snprintf(msg, sizeof msg, "%s: %s", what, option);
    return df_usage(msg);
}

typedef struct df_args {
    nm_options opts;
    nm_reader_options ropts;
    const char *output;
    unsigned long min_df;
    char **inputs;
    size_t ninputs;
} df_args;

static int parse_df_args(df_args *a, int argc, char **argv, int build) {
    enum { O_TEXT = 256, O_ID, O_MINDF };
    static const struct option longs[] = {{"input-format", required_argument, 0, 'f'},
                                          {"text-field", required_argument, 0, O_TEXT},
                                          {"id-field", required_argument, 0, O_ID},
                                          {"threads", required_argument, 0, 'j'},
                                          {"output", required_argument, 0, 'o'},
                                          {"min-df", required_argument, 0, O_MINDF},
                                          {"help", no_argument, 0, 'h'},
                                          {0, 0, 0, 0}};
    nm_options_default(&a->opts);
    a->opts.format = NM_OUTPUT_NONE;
    /* the stages that run before keywords, so entity spans and aliases match the stage's */
    a->opts.stages = NM_STAGE_TOKENIZE | NM_STAGE_NORMALIZE | NM_STAGE_MONEY | NM_STAGE_ENTITIES;
    a->ropts.format = NM_INPUT_AUTO;
    a->ropts.max_doc_bytes = a->opts.max_doc_bytes;
    a->min_df = 1;
    optind = 1;
    int ch;
    unsigned long long v;
    opterr = 0; /* we say it, as the other commands do: getopt's message names only "build" */
    static const char OPTS[] = ":f:j:o:h";
    char sh[3]; /* a refused short option's name */
    while ((ch = getopt_long(argc, argv, OPTS, longs, NULL)) != -1) {
        switch (ch) {
        case 'f':
            if (strcmp(optarg, "jsonl") == 0)
                a->ropts.format = NM_INPUT_JSONL;
            else if (strcmp(optarg, "text") == 0)
                a->ropts.format = NM_INPUT_TEXT;
            else
                return df_usage("--input-format is jsonl or text");
            break;
        case O_TEXT: a->opts.text_field = optarg; break;
        case O_ID: a->opts.id_field = optarg; break;
        case 'j': /* 1..1024, as for the main command and stats (0 was taken as one per CPU) */
            if (nm_cli_parse_count(optarg, 0, 1024, &v) != 0 || v == 0)
                return df_usage("--threads must be 1..1024");
            a->opts.threads = (unsigned)v;
            break;
        case 'o': a->output = strcmp(optarg, "-") == 0 ? NULL : optarg; break; /* -: stdout */
        case O_MINDF:
            if (nm_cli_parse_count(optarg, 0, UINT32_MAX, &v) != 0 || v == 0)
                return df_usage("--min-df takes a number from 1");
            a->min_df = v;
            break;
        case 'h': fputs(DF_USAGE, stdout); return -1;
        case ':': return df_bad_option("option needs a value", argv[optind - 1]);
        default: return df_bad_option("unknown option", nm_cli_refused_option(OPTS, argv, sh));
        }
    }
    if (!build && (a->ropts.format != NM_INPUT_AUTO || a->opts.threads))
        return df_usage("merge takes only --min-df and --output");
    if (strcmp(a->opts.text_field, a->opts.id_field) == 0)
        return df_usage("--id-field and --text-field name the same field");
    a->inputs = argv + optind;
    a->ninputs = (size_t)(argc - optind);
    return 0;
}

/* Writes the model to --output or stdout (never to a terminal). */
static int write_model(const df_args *a, const nm__df_builder *b) {
    if (!a->output && isatty(STDOUT_FILENO)) {
        fputs("newsmine df: refusing to write a binary model to a terminal (redirect or -o FILE)\n",
              stderr);
        return DF_EXIT_USAGE;
    }
    nm__buf out = {0};
    nm_error err = {0};
    if (nm__df_builder_write(b, (uint32_t)a->min_df, &out, &err) != NM_OK) {
        fprintf(stderr, "newsmine df: %s\n", err.msg);
        nm__buf_free(&out);
        return DF_EXIT_FATAL;
    }
    FILE *f = a->output ? fopen(a->output, "wb") : stdout;
    int ok = f && fwrite(out.ptr, 1, out.len, f) == out.len;
    if (f && f != stdout)
        ok = (fclose(f) == 0) && ok;
    else if (f)
        ok = (fflush(f) == 0) && ok;
    if (!ok)
        fprintf(stderr, "newsmine df: cannot write %s: %s\n", a->output ? a->output : "stdout",
                strerror(errno));
    nm__buf_free(&out);
    return ok ? 0 : DF_EXIT_FATAL;
}

typedef struct df_feeder {
    nm_pipeline *p;
    const df_args *a;
    nm_reader_stats st;
    int rc;
} df_feeder;

static void *df_feed(void *arg) {
    df_feeder *f = arg;
    f->rc = nm_reader_feed(f->p, (const char *const *)f->a->inputs, f->a->ninputs, &f->a->ropts,
                           &f->st);
    nm_pipeline_finish(f->p);
    return NULL;
}

static void on_input_error(void *user, const char *input, const char *msg) {
    (void)user;
    fprintf(stderr, "newsmine df: %s: %s\n", input, msg);
}

/*
 * A counter thread: takes records in any order from the main thread, adds their keys to its
 * own builder and gives the records back. Counts are sums, so the builders merged at the end
 * give the same model whatever the number of counters or the order records reached them.
 */
typedef struct df_counter {
    nm_pipeline *p;
    nm__queue *q;
    nm__df_builder *b;
    nm__kw_extractor *x;
    pthread_t th;
    int started, rc;
} df_counter;

static void *df_count(void *arg) {
    df_counter *c = arg;
    void *item;
    while (nm__queue_pop(c->q, &item) == NM_OK) {
        nm_record *rec = item;
        const nm_str *keys;
        size_t n = 0;
        if (c->rc == NM_OK)
            c->rc = nm__kw_doc_keys(c->x, rec, &keys, &n);
        for (size_t i = 0; i < n && c->rc == NM_OK; i++)
            c->rc = nm__df_builder_add(c->b, keys[i].ptr, keys[i].len, 1);
        nm__df_builder_add_docs(c->b, 1);
        nm_pipeline_release(c->p, rec);
    }
    return NULL;
}

static unsigned counter_threads(unsigned threads) {
    unsigned n = threads ? threads : nm__usable_cpus();
    n = (n + 1) / 2; /* the pipeline's workers take the other half */
    return n < 1 ? 1 : n > 16 ? 16 : n;
}

static int df_build(int argc, char **argv) {
    df_args a = {0};
    int rc = parse_df_args(&a, argc, argv, 1);
    if (rc)
        return rc < 0 ? 0 : rc;
    if (nm_cli_refuse_clobber("newsmine df", a.output, a.inputs, a.ninputs, NULL))
        return 2; /* a model written over the corpus it was built from */
    /* A model already at -o (written into the directory being read, on a rerun), or the file
     * stdout is redirected to, is skipped, never counted as a text document; -o is replaced
     * only after a successful run. */
    struct stat ost;
    if ((a.output ? stat(a.output, &ost) : fstat(STDOUT_FILENO, &ost)) == 0)
        nm_cli_skip_output(&a.ropts, &ost);
    a.ropts.on_error = on_input_error;
    nm_error err = {0};
    unsigned nc = counter_threads(a.opts.threads);
    df_counter cs[16];
    memset(cs, 0, sizeof cs);
    nm__df_builder *b = nm__df_builder_new();
    nm__queue *q = nm__queue_create(4 * (size_t)nc);
    int fatal = !b || !q;
    for (unsigned i = 0; i < nc && !fatal; i++) {
        cs[i].q = q;
        cs[i].b = nm__df_builder_new();
        cs[i].x = nm__kw_extractor_new();
        fatal = !cs[i].b || !cs[i].x;
    }
    nm_pipeline *p = fatal ? NULL : nm_pipeline_create(&a.opts, &err);
    df_feeder f = {.p = p, .a = &a};
    pthread_t th;
    int feeding = 0;
    if (!p) {
        fprintf(stderr, "newsmine df: %s\n", fatal ? "out of memory" : err.msg);
        fatal = 1;
    } else if (pthread_create(&th, NULL, df_feed, &f) != 0) {
        fputs("newsmine df: cannot start the feeder thread\n", stderr);
        fatal = 1;
    } else {
        feeding = 1;
    }
    for (unsigned i = 0; i < nc && !fatal; i++) {
        cs[i].p = p;
        if (pthread_create(&cs[i].th, NULL, df_count, &cs[i]) != 0) {
            fputs("newsmine df: cannot start a counting thread\n", stderr);
            fatal = 1;
        } else {
            cs[i].started = 1;
        }
    }
    nm_record *rec;
    unsigned long long rejected = 0;
    while (!fatal && nm_pipeline_next(p, &rec) == NM_OK) {
        nm_str e = nm_record_error(rec);
        if (e.len) {
            nm_str id = nm_record_id(rec);
            fprintf(stderr, "newsmine df: %.*s: %.*s (not counted)\n", (int)id.len, id.ptr,
                    (int)e.len, e.ptr);
            rejected++;
            nm_pipeline_release(p, rec);
        } else if (nm__queue_push(q, rec) != NM_OK) {
            nm_pipeline_release(p, rec);
            fatal = 1;
        }
    }
    if (q)
        nm__queue_close(q);
    for (unsigned i = 0; i < nc; i++) {
        if (cs[i].started)
            pthread_join(cs[i].th, NULL);
        if (cs[i].rc != NM_OK)
            fatal = 1;
    }
    if (fatal && p)
        nm_pipeline_abort(p);
    if (feeding)
        pthread_join(th, NULL);
    nm_pipeline_destroy(p);
    for (unsigned i = 0; i < nc; i++) {
        if (!fatal && cs[i].b && nm__df_builder_absorb(b, cs[i].b) != NM_OK)
            fatal = 1;
        nm__df_builder_free(cs[i].b);
        nm__kw_extractor_free(cs[i].x);
    }
    nm__queue_destroy(q);
    if (fatal)
        fputs("newsmine df: out of memory (or a df count passed 2^32-1)\n", stderr);
    if (!fatal && f.rc != NM_OK) {
        fprintf(stderr, "newsmine df: reading inputs failed: %s\n", nm_strerror(f.rc));
        fatal = 1;
    }
    /* SPEC: "cannot read input" is fatal; an unreadable input among readable ones is not. */
    if (f.st.input_errors && f.st.inputs == 0)
        fatal = 1;
    rc = fatal ? DF_EXIT_FATAL : write_model(&a, b);
    nm__df_builder_free(b);
    if (rc == 0 && (rejected || f.st.input_errors))
        rc = DF_EXIT_REJECTED;
    return rc;
}

static int df_merge(int argc, char **argv) {
    df_args a = {0};
    int rc = parse_df_args(&a, argc, argv, 0);
    if (rc)
        return rc < 0 ? 0 : rc;
    if (a.ninputs == 0)
        return df_usage("merge needs at least one model file");
    nm__df_builder *b = nm__df_builder_new();
    if (!b) {
        fputs("newsmine df: out of memory\n", stderr);
        return DF_EXIT_FATAL;
    }
    for (size_t i = 0; i < a.ninputs; i++) {
        nm__dfmodel *m;
        nm_error err = {0};
        /* "-": stdin, as for stats merge (a file named - was opened) */
        const char *path = strcmp(a.inputs[i], "-") == 0 ? "/dev/stdin" : a.inputs[i];
        if (nm__dfmodel_open(path, &m, &err) != NM_OK ||
            nm__df_builder_merge(b, m, &err) != NM_OK) {
            if (m == NULL)
                fprintf(stderr, "newsmine df: %s\n", err.msg);
            else
                fprintf(stderr, "newsmine df: %s: %s\n", a.inputs[i], err.msg);
            nm__dfmodel_close(m);
            nm__df_builder_free(b);
            return DF_EXIT_FATAL;
        }
        nm__dfmodel_close(m);
    }
    rc = write_model(&a, b);
    nm__df_builder_free(b);
    return rc;
}

static int df_dump(int argc, char **argv) {
    if (argc != 2)
        return df_usage("dump takes one model file");
    nm__dfmodel *m;
    nm_error err = {0};
    if (nm__dfmodel_open(argv[1], &m, &err) != NM_OK) {
        fprintf(stderr, "newsmine df: %s\n", err.msg);
        return DF_EXIT_FATAL;
    }
    printf("docs\t%llu\nterms\t%u\n", (unsigned long long)nm__dfmodel_docs(m),
           nm__dfmodel_terms(m));
    int rc = 0;
    for (uint32_t i = 0; i < nm__dfmodel_terms(m); i++) {
        nm_str k;
        uint32_t df;
        if (nm__dfmodel_term(m, i, &k, &df) != NM_OK) {
            fprintf(stderr,
                    "newsmine df: %s: corrupt df model at key %u (its offsets, slot or order)\n",
                    argv[1], i);
            rc = DF_EXIT_FATAL;
            break;
        }
        printf("%.*s\t%u\n", (int)k.len, k.ptr, df);
    }
    nm__dfmodel_close(m);
    if (fflush(stdout) != 0)
        rc = DF_EXIT_FATAL;
    return rc;
}

int nm_cli_df(int argc, char **argv) {
    if (argc < 2)
        return df_usage("which one: build, merge or dump?");
    if (strcmp(argv[1], "build") == 0)
        return df_build(argc - 1, argv + 1);
    if (strcmp(argv[1], "merge") == 0)
        return df_merge(argc - 1, argv + 1);
    if (strcmp(argv[1], "dump") == 0)
        return df_dump(argc - 1, argv + 1);
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(DF_USAGE, stdout);
        return 0;
    }
    return df_usage("unknown df command (build, merge or dump)");
}
