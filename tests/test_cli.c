/*
 * test_cli.c — the newsmine program end to end: the sample corpus against its checked-in
 * expected output, byte-identical output for -j 1 and -j 4, -o - as stdout, spans that slice
 * the text exactly, bad records among good ones (one error record each, in place, exit 3),
 * usage errors (2), sizes such as 16MiB taken alike by the main command and stats, unreadable
 * inputs (3; 1 when none is readable, for df build and stats too), a failing output (1),
 * `| head -1` (quiet), SIGINT
 * (records already read are written, exit 130), records of a stream that stays open written
 * without waiting for more input.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SRC NM_SOURCE_DIR

/* Every file the tests write is named relative to a directory of this run's own (made by
 * make_dir, the working directory while the tests run, removed by remove_dir): fixed
 * /tmp/nm_cli_* names made two test_cli runs at once (two worktrees, CI's builds) collide. */
static char dir[] = "/tmp/nm_cli_XXXXXX";

static int make_dir(void **state) {
    (void)state;
    return mkdtemp(dir) && chdir(dir) == 0 ? 0 : -1;
}

static int remove_dir(void **state) {
    (void)state;
    char cmd[64];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx %s; rm -rf %s", dir, dir);
    return chdir("/") == 0 && system(cmd) == 0 ? 0 : -1;
}

static char *run_ok(const char *args, int want_rc, size_t *len) {
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s --no-progress %s", NM_CLI, args);
    char *out = NULL;
    int rc = nm_test_run(cmd, NULL, 0, &out, len);
    if (rc != want_rc)
        fail_msg("`%s` exited %d, want %d", cmd, rc, want_rc);
    return out;
}

static void assert_same_as_file(const char *out, size_t len, const char *path) {
    size_t want_len;
    char *want = nm_test_read_file(path, &want_len);
    if (want == NULL)
        fail_msg("missing %s: run tests/regen-expected.sh", path);
    if (want_len != len || memcmp(want, out, len) != 0) {
        size_t i = 0;
        while (i < len && i < want_len && out[i] == want[i])
            i++;
        fail_msg("output differs from %s at byte %zu (got %zu bytes, want %zu); if intended, "
                 "run tests/regen-expected.sh and review the diff",
                 path, i, len, want_len);
    }
    free(want);
}

static void test_sample_corpus_matches_expected(void **state) {
    (void)state;
    size_t len;
    char *out = run_ok("-j 2 " SRC "/corpora/sample/articles.jsonl", 0, &len);
    /* ids are as given, so the golden file does not depend on the checkout path */
    assert_same_as_file(out, len, SRC "/tests/expected/sample.jsonl");
    assert_int_equal(nm_test_count_lines(out, len), 26);
    free(out);
}

static void test_threads_identical(void **state) {
    (void)state;
    size_t n1, n4;
    char *one = run_ok("-j 1 " SRC "/corpora/sample/articles.jsonl", 0, &n1);
    char *four = run_ok("-j 4 --queue-depth 2 " SRC "/corpora/sample/articles.jsonl", 0, &n4);
    assert_int_equal(nm_test_count_lines(one, n1), 26); /* two empty outputs are identical too */
    assert_int_equal(n1, n4);
    assert_memory_equal(one, four, n1);
    free(one);
    free(four);
}

/* -o - is stdout, as for most tools: no file named "-" appears. */
static void test_output_dash_is_stdout(void **state) {
    (void)state;
    size_t n1, n2;
    char *plain = run_ok("-j 1 " SRC "/corpora/sample/articles.jsonl", 0, &n1);
    char *dash = NULL;
    int rc = nm_test_run("d=$(mktemp -d) && cd $d && " NM_CLI " --no-progress -j 1 -o - " SRC
                         "/corpora/sample/articles.jsonl && test ! -e ./- && rmdir $d",
                         NULL, 0, &dash, &n2);
    assert_int_equal(rc, 0);
    assert_int_equal(n1, n2);
    assert_memory_equal(plain, dash, n1);
    free(plain);
    free(dash);
    /* The subcommands wrote a file named "-" (and nothing to stdout) for -o -. */
    rc = nm_test_run("d=$(mktemp -d) && cd $d && " NM_CLI " stats -o - " SRC
                     "/corpora/sample/articles.jsonl >s && " NM_CLI " stats merge -o - s >m && "
                     "cmp s m && " NM_CLI " df build -o - " SRC
                     "/corpora/sample/articles.jsonl >a.df && " NM_CLI
                     " df merge -o - a.df >b.df && cmp a.df b.df && test -s a.df && "
                     "test ! -e ./- && rm s m a.df b.df && rmdir $d",
                     NULL, 0, NULL, NULL);
    assert_int_equal(rc, 0);
    /* An input "-" of the merges is stdin: df merge opened a file named "-" (exit 1), stats
     * merge read stdin. From a pipe and from a redirected file. */
    rc = nm_test_run("d=$(mktemp -d) && cd $d && " NM_CLI " df build " SRC
                     "/corpora/sample/articles.jsonl >a.df && cat a.df | " NM_CLI
                     " df merge - >b.df && cmp a.df b.df && " NM_CLI " df merge a.df - <a.df >c.df"
                     " && " NM_CLI " df dump c.df | grep -q '^docs.52$' && rm a.df b.df c.df && "
                     "rmdir $d",
                     NULL, 0, NULL, NULL);
    assert_int_equal(rc, 0);
}

/* -o FILE replaces what FILE held: a longer old file leaves no tail behind (the CLI empties it
 * on a thread of its own, not by O_TRUNC at open), at -j 1 (writer thread) and -j 2 (sink). */
static void test_output_file_replaced(void **state) {
    (void)state;
    size_t n1, got;
    char *plain = run_ok("-j 1 " SRC "/corpora/sample/articles.jsonl", 0, &n1);
    const char *path = "replaced.jsonl";
    size_t old_len = 4 * n1 + 12345;
    char *old = malloc(old_len);
    assert_non_null(old);
    memset(old, 'x', old_len);
    for (int j = 1; j <= 2; j++) {
        assert_int_equal(nm_test_write_file(path, old, old_len), 0);
        char cmd[512], *out = NULL;
        size_t olen;
        snprintf(cmd, sizeof cmd, NM_CLI " --no-progress -j %d -o %s " SRC
                 "/corpora/sample/articles.jsonl", j, path);
        assert_int_equal(nm_test_run(cmd, NULL, 0, &out, &olen), 0);
        assert_int_equal(olen, 0); /* nothing on stdout */
        char *file = nm_test_read_file(path, &got);
        assert_non_null(file);
        assert_int_equal(got, n1);
        assert_memory_equal(file, plain, n1);
        free(file);
        free(out);
    }
    remove(path);
    free(old);
    free(plain);
}

/* Every "text":"...","start":S,"end":E in the output must equal text[S:E]. */
static void check_spans(const char *out, const char *text, size_t text_len) {
    const char *p = out;
    int checked = 0;
    while ((p = strstr(p, "\"text\":\"")) != NULL) {
        p += 8;
        char span[4096];
        size_t n = 0;
        while (*p && *p != '"' && n + 1 < sizeof span) {
            if (*p == '\\') {
                p++;
                span[n++] = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
            } else {
                span[n++] = *p;
            }
            p++;
        }
        unsigned long s, e;
        if (sscanf(p, "\",\"start\":%lu,\"end\":%lu", &s, &e) != 2)
            continue;
        assert_true(s < e && e <= text_len);
        assert_int_equal(e - s, n);
        assert_memory_equal(text + s, span, n);
        checked++;
    }
    assert_true(checked > 0);
}

static void test_seed_article_spans(void **state) {
    (void)state;
    size_t len, text_len;
    char *out = run_ok(SRC "/corpora/sample/paris-summit.txt", 0, &len);
    char *text = nm_test_read_file(SRC "/corpora/sample/paris-summit.txt", &text_len);
    assert_int_equal(text_len, 2745);
    assert_non_null(strstr(out, "{\"id\":\"" SRC "/corpora/sample/paris-summit.txt\""));
    assert_non_null(strstr(out, "\"stats\":{\"bytes\":2745,"));
    check_spans(out, text, text_len);
    free(out);
    free(text);
}

static void test_bad_records_in_between(void **state) {
    (void)state;
    static const char input[] = "{\"id\":\"g1\",\"text\":\"Good one.\"}\n"
                                "{\"id\":\"b1\",\"text\": broken\n"
                                "{\"id\":\"g2\",\"text\":\"Good two.\"}\n"
                                "{\"id\":\"b2\",\"text\":\"bad \xff byte\"}\n"
                                "{\"id\":\"g3\",\"text\":\"Good three.\"}\n"
                                "{\"id\":\"b3\",\"body\":\"no text\"}\n"
                                "[\"array\"]\n";
    char *out = NULL;
    size_t len;
    int rc = nm_test_run(NM_CLI " --no-progress -j 3", input, sizeof input - 1, &out, &len);
    assert_int_equal(rc, 3);
    assert_int_equal(nm_test_count_lines(out, len), 7);
    char *line = strtok(out, "\n");
    static const char *const want_prefix[] = {
        "{\"id\":\"g1\",\"stats\"",
        "{\"id\":\"-:2\",\"error\":\"line 2 is not valid JSON",
        "{\"id\":\"g2\",\"stats\"",
        "{\"id\":\"b2\",\"error\":\"invalid UTF-8 at byte 23 of line 4\"}",
        "{\"id\":\"g3\",\"stats\"",
        "{\"id\":\"b3\",\"error\":\"missing text field \\\"text\\\" on line 6\"}",
        "{\"id\":\"-:7\",\"error\":\"line 7 is not a JSON object but an array\"}"};
    for (int i = 0; i < 7; i++) {
        assert_non_null(line);
        if (strncmp(line, want_prefix[i], strlen(want_prefix[i])) != 0)
            fail_msg("line %d: %s\nwant prefix %s", i + 1, line, want_prefix[i]);
        line = strtok(NULL, "\n");
    }
    free(out);
}

static void test_replace_invalid_utf8(void **state) {
    (void)state;
    static const char input[] = "{\"id\":\"r\",\"text\":\"caf\xe9 ok\"}\n";
    char *out = NULL;
    size_t len;
    int rc = nm_test_run(NM_CLI " --no-progress --invalid-utf8 replace --stages tokenize", input,
                         sizeof input - 1, &out, &len);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, "\"text\":\"caf\xEF\xBF\xBD ok\""));
    free(out);
}

static void test_usage_errors(void **state) {
    (void)state;
    /* --stages '' ran tokenize alone and --index '' wrote action lines Elasticsearch refuses,
     * both silently (exit 0) */
    static const char *const bad[] = {"--threads 0",   "--bogus",          "-F xml",
                                      "--stages nope", "-F sqlite",        "--max-doc-bytes 12Q",
                                      "--invalid-utf8 x", "--stages ''",   "--stages ,",
                                      "-F es-bulk --index ''", "stats --stages ''",
                                      /* taken before: 0 threads as one per CPU; the id read
                                       * from the text field, so lost */
                                      "df build -j 0", "--id-field text",
                                      "--text-field body --id-field body",
                                      "stats --id-field text", "df build --id-field text"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "%s %s </dev/null 2>/dev/null", NM_CLI, bad[i]);
        int rc = nm_test_run(cmd, NULL, 0, NULL, NULL);
        if (rc != 2)
            fail_msg("`%s` exited %d, want 2", bad[i], rc);
    }
    size_t len;
    char *help = run_ok("--help", 0, &len);
    assert_non_null(strstr(help, "--max-doc-bytes"));
    /* every default SPEC.md gives: stdin is read as jsonl whatever -f's by-extension rule */
    assert_non_null(strstr(help, "else text; stdin jsonl"));
    free(help);
    /* Asked-for help goes to stdout (exit 0) for every command, so `| less` shows it: the df
     * commands wrote it to stderr. */
    static const char *const helps[] = {"stats --help", "stats merge --help", "df --help",
                                        "df build --help", "df merge -h"};
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "%s %s 2>/dev/null", NM_CLI, helps[i]);
        char *out = NULL;
        int rc = nm_test_run(cmd, NULL, 0, &out, &len);
        if (rc != 0 || out == NULL || strstr(out, "usage:") == NULL)
            fail_msg("`%s` exited %d, stdout %s", helps[i], rc, out ? out : "(none)");
        free(out);
    }
}

/* Sizes are taken alike by every command that has --max-doc-bytes, in the forms SPEC.md and
 * --help write them: "16 MiB" was refused as 16MiB (exit 2) though 16M, 16MB and 16Mi passed,
 * and stats took no suffix at all (its --max-doc-bytes 16M was a usage error). */
static void test_size_suffixes(void **state) {
    (void)state;
    static const char *const sizes[] = {"16777216", "16M", "16MB", "16Mi", "16MiB", "16mib",
                                        "4K", "1G"};
    static const char *const cmds[] = {NM_CLI " --no-progress --stages tokenize",
                                       NM_CLI " stats"};
    static const char input[] = "{\"id\":\"a\",\"text\":\"Rome\"}\n";
    for (size_t c = 0; c < sizeof cmds / sizeof cmds[0]; c++)
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            char cmd[512];
            snprintf(cmd, sizeof cmd, "%s --max-doc-bytes %s 2>/dev/null", cmds[c], sizes[i]);
            char *out = NULL;
            size_t len = 0;
            int rc = nm_test_run(cmd, input, sizeof input - 1, &out, &len);
            if (rc != 0 || len == 0)
                fail_msg("`%s` exited %d with %zu bytes, want 0 and output", cmd, rc, len);
            free(out);
        }
    static const char *const bad[] = {"16MiBB", "16Bi", "16iB", "16Q"};
    for (size_t c = 0; c < sizeof cmds / sizeof cmds[0]; c++)
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            char cmd[512];
            snprintf(cmd, sizeof cmd, "%s --max-doc-bytes %s </dev/null 2>/dev/null", cmds[c],
                     bad[i]);
            int rc = nm_test_run(cmd, NULL, 0, NULL, NULL);
            if (rc != 2)
                fail_msg("`%s` exited %d, want 2", cmd, rc);
        }
}

static void test_unreadable_input_among_good(void **state) {
    (void)state;
    char *out = NULL;
    size_t len;
    int rc = nm_test_run(NM_CLI " --no-progress " SRC "/corpora/sample/paris-summit.txt "
                                "/nonexistent/file.txt " SRC "/corpora/sample/paris-summit.txt "
                                "2>err.txt",
                         NULL, 0, &out, &len);
    assert_int_equal(rc, 3);
    assert_int_equal(nm_test_count_lines(out, len), 2);
    char *err = nm_test_read_file("err.txt", NULL);
    assert_non_null(strstr(err, "/nonexistent/file.txt: cannot open"));
    free(err);
    free(out);
    /* Nothing readable at all: "cannot read input" is fatal (SPEC exit 1). */
    rc = nm_test_run(NM_CLI " --no-progress /nonexistent/file.txt 2>/dev/null", NULL, 0, &out,
                     &len);
    assert_int_equal(rc, 1);
    assert_int_equal(len, 0);
    free(out);
}

/* The sub-commands follow the same rule: with no input readable there is nothing to count, and
 * an empty model or stats file with exit 3 ("some records rejected") would pass for a result. */
static void test_subcommands_without_readable_input(void **state) {
    (void)state;
    static const char *const cmds[] = {
        NM_CLI " df build /nonexistent/file.jsonl 2>/dev/null",
        NM_CLI " stats /nonexistent/file.jsonl 2>/dev/null",
        NM_CLI " df build /nonexistent/file.jsonl " SRC "/corpora/sample/articles.jsonl "
               "2>/dev/null",
        NM_CLI " stats /nonexistent/file.jsonl " SRC "/corpora/sample/articles.jsonl "
               "2>/dev/null"};
    static const int want[] = {1, 1, 3, 3};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char *out = NULL;
        size_t len = 0;
        int rc = nm_test_run(cmds[i], NULL, 0, &out, &len);
        if (rc != want[i])
            fail_msg("`%s` exited %d, want %d", cmds[i], rc, want[i]);
        if (want[i] == 1 && len != 0)
            fail_msg("`%s` wrote %zu bytes, want none", cmds[i], len);
        free(out);
    }
}

/* Started with stderr closed, the output file (-o) would be opened as descriptor 2 and the
 * diagnostic about an unreadable input written into it, between the records; the same for
 * stats -o. Every line of the output must stay a record. */
static void test_closed_stderr_keeps_output_clean(void **state) {
    (void)state;
    static const char *const cmds[] = {
        NM_CLI " --no-progress -j 1 -o fd2.out " SRC "/corpora/sample/articles.jsonl"
               " /nonexistent/file.jsonl 2>&-",
        NM_CLI " stats -j 1 -o fd2.out /nonexistent/file.jsonl " SRC
               "/corpora/sample/articles.jsonl 2>&-"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        unlink("fd2.out");
        assert_int_equal(nm_test_run(cmds[i], NULL, 0, NULL, NULL), 3);
        char *out = nm_test_read_file("fd2.out", NULL);
        assert_non_null(out);
        if (strstr(out, "/nonexistent/file.jsonl: cannot open") != NULL)
            fail_msg("`%s`: a diagnostic went into the output file", cmds[i]);
        free(out);
    }
    unlink("fd2.out");
}

/* The output written into the directory being read (`newsmine corpus/ -o corpus/out.jsonl`):
 * the walk met out.jsonl while it was being written and read the records already flushed back
 * as input (1728 extra error records on 2000 Reuters lines). It is skipped and named instead
 * (exit 3). 40 copies of the sample give 2.6 MB of output: more than the writer's buffer. */
static void test_output_inside_input_directory_not_read(void **state) {
    (void)state;
    int rc = nm_test_run("rm -rf outdir && mkdir outdir && for i in "
                         "$(seq 40); do cat " SRC "/corpora/sample/articles.jsonl; done "
                         ">outdir/a.jsonl && " NM_CLI " --no-progress -j 1 "
                         "outdir -o outdir/z.jsonl 2>err.txt",
                         NULL, 0, NULL, NULL);
    size_t len;
    char *got = nm_test_read_file("outdir/z.jsonl", &len);
    assert_non_null(got);
    assert_int_equal(nm_test_count_lines(got, len), 40 * 26);
    assert_int_equal(rc, 3);
    char *err = nm_test_read_file("err.txt", NULL);
    assert_non_null(strstr(err, "outdir/z.jsonl: "));
    free(err);
    free(got);
    /* stats opens its output first: the empty file was counted as one more (text) document. */
    rc = nm_test_run("rm -rf outdir && mkdir outdir && cp " SRC
                     "/corpora/sample/articles.jsonl outdir/a.jsonl && " NM_CLI
                     " stats outdir -o outdir/x.stats 2>/dev/null",
                     NULL, 0, NULL, NULL);
    got = nm_test_read_file("outdir/x.stats", NULL);
    assert_non_null(got);
    assert_non_null(strstr(got, "\ntotal\tdocs\t26\n"));
    assert_int_equal(rc, 3);
    free(got);
    /* df build opened its output only at the end: a rerun read the old model as a text
     * document, counted when its bytes happen to be valid UTF-8 (a one-word corpus: docs 1 ->
     * 2, exit 0), rejected otherwise. */
    nm_test_run("rm -rf outdir && mkdir outdir && echo the "
                ">outdir/a.txt && " NM_CLI " df build outdir -o "
                "outdir/m.df 2>/dev/null",
                NULL, 0, NULL, NULL);
    /* the rerun (exit 3: the old model is named and skipped), then a run that fails (exit 1),
     * which leaves the model as it was, not emptied */
    static const struct {
        const char *cmd;
        int rc;
    } df_runs[] = {{NM_CLI " df build outdir -o outdir/m.df", 3},
                   {NM_CLI " df build outdir/none -o outdir/m.df", 1},
                   /* the file stdout is redirected to, empty when read, was counted: docs 2 */
                   {"rm outdir/m.df && " NM_CLI " df build outdir "
                    ">outdir/m.df",
                    3}};
    for (size_t i = 0; i < sizeof df_runs / sizeof df_runs[0]; i++) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "%s 2>/dev/null", df_runs[i].cmd);
        assert_int_equal(nm_test_run(cmd, NULL, 0, NULL, NULL), df_runs[i].rc);
        nm_test_run(NM_CLI " df dump outdir/m.df", NULL, 0, &got, NULL);
        assert_non_null(got);
        assert_non_null(strstr(got, "docs\t1\n"));
        free(got);
    }
    nm_test_run("rm -rf outdir", NULL, 0, NULL, NULL);
}

/* Asserts that path holds exactly want[0, want_len). */
static void assert_file_holds(const char *path, const char *want, size_t want_len) {
    size_t len;
    char *got = nm_test_read_file(path, &len);
    assert_non_null(got);
    assert_int_equal(len, want_len);
    assert_memory_equal(got, want, len);
    free(got);
}

/* A failed run leaves an existing -o file as it was: df build writes its model at the end
 * only (09bdce4), and stats, which also writes at the end, emptied its -o at the start, so
 * `newsmine stats typo/ -o corpus.stats` (exit 1) lost the stats of the last good run; the
 * main command emptied -o while its stages loaded, so a --df typo lost the last output. */
static void test_failed_run_keeps_output(void **state) {
    (void)state;
    static const char *const cmds[] = {
        NM_CLI " --df /nonexistent.df " SRC "/corpora/sample/articles.jsonl "
               "-o keep.out",
        NM_CLI " stats /nonexistent/file.jsonl -o keep.out",
        NM_CLI " stats --df /nonexistent.df " SRC "/corpora/sample/articles.jsonl "
               "-o keep.out",
        NM_CLI " df build /nonexistent/file.jsonl -o keep.out"};
    static const char old[] = "the last good run\n";
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        assert_int_equal(nm_test_write_file("keep.out", old, sizeof old - 1), 0);
        char cmd[512];
        snprintf(cmd, sizeof cmd, "%s 2>/dev/null", cmds[i]);
        int rc = nm_test_run(cmd, NULL, 0, NULL, NULL);
        if (rc != 1)
            fail_msg("`%s` exited %d, want 1", cmds[i], rc);
        assert_file_holds("keep.out", old, sizeof old - 1);
    }
    /* a good run still replaces it whole, never leaving the old bytes behind a shorter file */
    static const char big[] = "x\tlonger than any stats file of one tiny document could be: "
                              "padding padding padding padding padding padding padding\n";
    char pad[8192];
    for (size_t i = 0; i + sizeof big <= sizeof pad; i += sizeof big - 1)
        memcpy(pad + i, big, sizeof big - 1);
    assert_int_equal(nm_test_write_file("keep.out", pad, sizeof pad), 0);
    assert_int_equal(nm_test_run(NM_CLI " stats -o keep.out", "{\"text\":\"Rome\"}\n",
                                 15, NULL, NULL),
                     0);
    size_t len;
    char *got = nm_test_read_file("keep.out", &len);
    char *want = NULL;
    size_t want_len;
    assert_int_equal(nm_test_run(NM_CLI " stats", "{\"text\":\"Rome\"}\n", 15, &want, &want_len),
                     0);
    assert_int_equal(len, want_len);
    assert_memory_equal(got, want, len);
    free(got);
    free(want);
    unlink("keep.out");
}

/* An output that is one of the inputs, by any name, is refused before anything is opened:
 * opening it empties it, and `newsmine a.jsonl -o a.jsonl` lost the corpus (exit 1, 0 bytes
 * left); `stats` did the same and `df build` wrote its model over the corpus. */
static void test_output_that_is_an_input_refused(void **state) {
    (void)state;
    static const char *const cmds[] = {
        NM_CLI " a.jsonl -o a.jsonl", NM_CLI " b.jsonl ./a.jsonl -o ./a.jsonl",
        NM_CLI " a.jsonl -o link.jsonl", NM_CLI " -F sqlite a.jsonl -o a.jsonl",
        NM_CLI " stats a.jsonl -o a.jsonl", NM_CLI " df build a.jsonl -o link.jsonl",
        /* stdin redirected from the output file: the main command and stats emptied it, then
         * skipped stdin as "the output file" (exit 1, the corpus lost) */
        NM_CLI " -o a.jsonl < a.jsonl", NM_CLI " b.jsonl - -o ./a.jsonl < link.jsonl",
        NM_CLI " stats -o a.jsonl < a.jsonl", NM_CLI " df build -o a.jsonl < a.jsonl"};
    size_t want_len;
    char *want = nm_test_read_file(SRC "/corpora/sample/articles.jsonl", &want_len);
    assert_non_null(want);
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char cmd[512];
        snprintf(cmd, sizeof cmd,
                 "rm -rf same && mkdir same && cd same && "
                 "cp %s/corpora/sample/articles.jsonl a.jsonl && cp a.jsonl b.jsonl && "
                 "ln -s a.jsonl link.jsonl && %s 2>../err.txt",
                 SRC, cmds[i]);
        assert_int_equal(nm_test_run(cmd, NULL, 0, NULL, NULL), 2);
        assert_file_holds("same/a.jsonl", want, want_len);
        char *err = nm_test_read_file("err.txt", NULL);
        assert_non_null(strstr(err, "is also an input"));
        free(err);
    }
    free(want);
    /* merging models in place reads them all before writing: still allowed */
    assert_int_equal(nm_test_run("cd same && " NM_CLI " df build a.jsonl -o a.df && "
                                 NM_CLI " df build b.jsonl -o b.df && " NM_CLI
                                 " df merge a.df b.df -o a.df && " NM_CLI " df dump a.df | head -1",
                                 NULL, 0, NULL, NULL),
                     0);
    /* nor is the --df model: `newsmine --df a.df -o a.df` emptied the model, then failed on it
     * (exit 1, 0 bytes left); stats did the same. */
    static const char *const df_cmds[] = {NM_CLI " b.jsonl --df a.df -o a.df",
                                          NM_CLI " stats b.jsonl --df ./a.df -o a.df"};
    size_t df_len;
    char *df = nm_test_read_file("same/a.df", &df_len);
    assert_non_null(df);
    for (size_t i = 0; i < sizeof df_cmds / sizeof df_cmds[0]; i++) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "cd same && %s 2>../err.txt", df_cmds[i]);
        assert_int_equal(nm_test_run(cmd, NULL, 0, NULL, NULL), 2);
        assert_file_holds("same/a.df", df, df_len);
    }
    free(df);
    nm_test_run("rm -rf same", NULL, 0, NULL, NULL);
}

/* Both writers fail cleanly: the main thread's (-j 1 beside a free CPU) and the workers' own
 * (-j 4: workers on every CPU of a machine with up to 4). */
static void test_write_error_is_fatal(void **state) {
    (void)state;
    static const char *const cmds[] = {
        NM_CLI " --no-progress -j 1 -o /dev/full " SRC
               "/corpora/sample/articles.jsonl 2>err.txt",
        NM_CLI " --no-progress -j 4 -o /dev/full " SRC
               "/corpora/sample/articles.jsonl 2>err.txt"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        assert_int_equal(nm_test_run(cmds[i], NULL, 0, NULL, NULL), 1);
        char *err = nm_test_read_file("err.txt", NULL);
        assert_non_null(strstr(err, "cannot write"));
        free(err);
    }
}

static void test_head_closes_stdout_quietly(void **state) {
    (void)state;
    char *out = NULL;
    size_t len;
    /* 200 copies of the sample: far more than head reads. */
    int rc = nm_test_run("for i in $(seq 200); do cat " SRC "/corpora/sample/articles.jsonl; "
                         "done | " NM_CLI " --no-progress 2>err.txt | head -1",
                         NULL, 0, &out, &len);
    assert_int_equal(rc, 0);
    assert_int_equal(nm_test_count_lines(out, len), 1);
    size_t elen;
    char *err = nm_test_read_file("err.txt", &elen);
    assert_int_equal(elen, 0); /* quiet */
    free(err);
    free(out);
}

/* The same with SIGPIPE ignored, as a parent that ignores it leaves it: the CLI meets EPIPE
 * and ends quietly, as SIGPIPE would end it. It printed "cannot write output: Broken pipe" and
 * exited 1. */
static void test_head_closes_stdout_quietly_sigpipe_ignored(void **state) {
    (void)state;
    for (int j = 1; j <= 2; j++) {
        char cmd[1024], *out = NULL;
        size_t len;
        snprintf(cmd, sizeof cmd,
                 "trap '' PIPE; for i in $(seq 200); do cat " SRC "/corpora/sample/articles.jsonl "
                 "2>/dev/null; "
                 "done | (" NM_CLI " --no-progress -j %d 2>err.txt; echo $? >rc.txt) | head -1",
                 j);
        assert_int_equal(nm_test_run(cmd, NULL, 0, &out, &len), 0);
        assert_int_equal(nm_test_count_lines(out, len), 1);
        size_t elen;
        char *err = nm_test_read_file("err.txt", &elen);
        assert_int_equal(elen, 0); /* quiet */
        char *rc = nm_test_read_file("rc.txt", NULL);
        assert_string_equal(rc, "141\n"); /* 128 + SIGPIPE, as without the trap */
        free(rc);
        free(err);
        free(out);
    }
}

/*
 * Runs the CLI (-j 2) on a FIFO that stays open after 5 sample records (its writer sleeps), with
 * $pid the CLI, $d/out its output and $writer the writer's job, then the shell lines `then`,
 * which must stop the CLI. bash -m keeps SIGINT deliverable to the background job (plain sh
 * ignores it there). Returns the script's stdout (caller frees) and asserts it exited 0.
 */
static char *run_on_open_fifo(const char *name, const char *then, size_t *len) {
    char script[2048], cmd[512], path[64];
    snprintf(script, sizeof script,
             "set -m\n"
             "d=$(mktemp -d); mkfifo $d/in; : > $d/out\n"
             "( head -n 5 \"$1\"; sleep 20 ) > $d/in &\n"
             "writer=$!\n"
             "\"$2\" --no-progress -j 2 -f jsonl $d/in > $d/out 2>/dev/null &\n"
             "pid=$!\n"
             "%s"
             "kill -- -$writer 2>/dev/null; rm -rf $d\n",
             then);
    snprintf(path, sizeof path, "%s.sh", name);
    assert_int_equal(nm_test_write_file(path, script, strlen(script)), 0);
    snprintf(cmd, sizeof cmd, "bash %s %s/corpora/sample/articles.jsonl %s", path, SRC, NM_CLI);
    char *out = NULL;
    assert_int_equal(nm_test_run(cmd, NULL, 0, &out, len), 0);
    return out;
}

static void test_sigint_flushes_and_exits_130(void **state) {
    (void)state;
    /* The input stays open, so only SIGINT ends the run. It comes once the 5 records are out
     * (up to 10 s: a fixed 1.5 s wait failed once on a loaded machine), so the test sees
     * whether SIGINT stops the run cleanly, not how fast a loaded machine starts it. */
    size_t len;
    char *out = run_on_open_fifo(
        "sigint",
        "i=0; while [ $i -lt 100 ] && [ \"$(wc -l < $d/out)\" -lt 5 ]; do sleep 0.1; i=$((i+1)); done\n"
        "kill -INT $pid; wait $pid; echo \"rc=$?\"; cat $d/out\n",
        &len);
    assert_non_null(strstr(out, "rc=130"));
    assert_int_equal(nm_test_count_lines(out, len), 1 + 5); /* all 5 read records written */
    free(out);
}

static void test_stream_output_not_held_back(void **state) {
    (void)state;
    /* The input stays open: the 5 records must still reach the output file, not wait in the
     * writer's buffer for more input or the end. */
    size_t len;
    char *out = run_on_open_fifo(
        "stream",
        "i=0; while [ $i -lt 100 ] && [ \"$(wc -l < $d/out)\" -lt 5 ]; do sleep 0.1; i=$((i+1)); done\n"
        "echo \"lines=$(wc -l < $d/out)\"\n"
        "kill $pid; wait $pid 2>/dev/null\n",
        &len);
    assert_string_equal(out, "lines=5\n");
    free(out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_corpus_matches_expected),
        cmocka_unit_test(test_threads_identical),
        cmocka_unit_test(test_output_dash_is_stdout),
        cmocka_unit_test(test_output_file_replaced),
        cmocka_unit_test(test_seed_article_spans),
        cmocka_unit_test(test_bad_records_in_between),
        cmocka_unit_test(test_replace_invalid_utf8),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_size_suffixes),
        cmocka_unit_test(test_unreadable_input_among_good),
        cmocka_unit_test(test_subcommands_without_readable_input),
        cmocka_unit_test(test_failed_run_keeps_output),
        cmocka_unit_test(test_closed_stderr_keeps_output_clean),
        cmocka_unit_test(test_output_inside_input_directory_not_read),
        cmocka_unit_test(test_output_that_is_an_input_refused),
        cmocka_unit_test(test_write_error_is_fatal),
        cmocka_unit_test(test_head_closes_stdout_quietly),
        cmocka_unit_test(test_head_closes_stdout_quietly_sigpipe_ignored),
        cmocka_unit_test(test_sigint_flushes_and_exits_130),
        cmocka_unit_test(test_stream_output_not_held_back),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
