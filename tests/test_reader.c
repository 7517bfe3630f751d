/*
 * test_reader.c — inputs to records (reader.c): CRLF, BOM, blank lines, a last line without
 * newline, an over-long line skipped as an error record, .gz input and a truncated .gz,
 * text files as documents, directories walked in name order, symlink loops, the output file
 * and its SQLite journals skipped, unreadable files, and documents from a FIFO handed on before
 * the stream ends.
 */
#include "testutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "newsmine.h"

typedef struct run_result {
    nm__buf out;          /* "id|error-or-text\n" per record */
    size_t records;
    nm_reader_stats st;
    int rc;
    char errors[2048];    /* reader error messages */
    size_t read_bytes;    /* the sum of on_read's counts */
} run_result;

typedef struct feed_ctx {
    nm_pipeline *p;
    const char *const *inputs;
    size_t n;
    nm_reader_options ro;
    run_result *res;
} feed_ctx;

static void on_error(void *user, const char *input, const char *msg) {
    run_result *r = user;
    size_t used = strlen(r->errors);
    snprintf(r->errors + used, sizeof r->errors - used, "%s: %s\n", input, msg);
}

static void on_read(void *user, size_t bytes) {
    ((run_result *)user)->read_bytes += bytes;
}

static void *feed(void *arg) {
    feed_ctx *c = arg;
    c->res->rc = nm_reader_feed(c->p, c->inputs, c->n, &c->ro, &c->res->st);
    nm_pipeline_finish(c->p);
    return NULL;
}

/* When set, the file run() has the reader skip as the output being written. */
static const char *skip_output;

/* Reads inputs through a tokenize-only pipeline; records as "id|text" or "id|!error". */
static void run(const char *const *inputs, size_t n, nm_input_format fmt, size_t max_doc,
                run_result *res) {
    memset(res, 0, sizeof *res);
    nm_options o;
    nm_options_default(&o);
    o.threads = 2;
    o.stages = NM_STAGE_TOKENIZE;
    if (max_doc)
        o.max_doc_bytes = max_doc;
    nm_pipeline *p = nm_pipeline_create(&o, NULL);
    assert_non_null(p);
    feed_ctx c = {.p = p, .inputs = inputs, .n = n, .res = res};
    c.ro.format = fmt;
    c.ro.max_doc_bytes = o.max_doc_bytes;
    c.ro.on_error = on_error;
    c.ro.on_read = on_read;
    c.ro.user = res;
    struct stat sb;
    if (skip_output && stat(skip_output, &sb) == 0) {
        c.ro.skip_dev = (unsigned long long)sb.st_dev;
        c.ro.skip_ino = (unsigned long long)sb.st_ino;
    }
    pthread_t t;
    pthread_create(&t, NULL, feed, &c);
    nm_record *rec;
    while (nm_pipeline_next(p, &rec) == NM_OK) {
        nm_str id = nm_record_id(rec), e = nm_record_error(rec), text = nm_record_text(rec);
        nm__buf_append(&res->out, id.ptr, id.len);
        nm__buf_puts(&res->out, e.len ? "|!" : "|");
        nm__buf_append(&res->out, e.len ? e.ptr : text.ptr, e.len ? e.len : text.len);
        nm__buf_putc(&res->out, '\n');
        res->records++;
        nm_pipeline_release(p, rec);
    }
    pthread_join(t, NULL);
    nm_pipeline_destroy(p);
    nm__buf_putc(&res->out, '\0');
}

static char dir[] = "/tmp/nm_reader_XXXXXX";

static int make_dir(void **state) {
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state) {
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx %s; rm -rf %s", dir, dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *path(const char *name) {
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static void write_str(const char *name, const char *data, size_t len) {
    assert_int_equal(nm_test_write_file(path(name), data, len), 0);
}

static void test_jsonl_lines(void **state) {
    (void)state;
    static const char data[] = "\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"one\"}\r\n"
                               "\n   \n"
                               "{\"id\":\"b\",\"text\":\"two\"}\n"
                               "{\"text\":\"no id\"}\n"
                               "{\"id\":\"c\",\"text\":\"last, no newline\"}";
    write_str("in.jsonl", data, sizeof data - 1);
    const char *in[] = {path("in.jsonl")};
    run_result r;
    run(in, 1, NM_INPUT_AUTO, 0, &r);
    char want[512];
    snprintf(want, sizeof want, "a|one\nb|two\n%s:5|no id\nc|last, no newline\n", in[0]);
    assert_string_equal(r.out.ptr, want);
    assert_int_equal(r.st.input_errors, 0);
    assert_int_equal(r.read_bytes, sizeof data - 1);
    nm__buf_free(&r.out);
}

static void test_overlong_line_becomes_error(void **state) {
    (void)state;
    /* Line limit is 6 x max_doc_bytes + 1 MiB: with max 1 KiB, a 2 MiB line is skipped. */
    size_t big = 2u << 20;
    char *data = malloc(big + 200);
    size_t n = (size_t)sprintf(data, "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"big\",\"text\":\"");
    memset(data + n, 'y', big);
    n += big;
    n += (size_t)sprintf(data + n, "\"}\n{\"id\":\"c\",\"text\":\"z\"}\n");
    write_str("big.jsonl", data, n);
    free(data);
    const char *in[] = {path("big.jsonl")};
    run_result r;
    run(in, 1, NM_INPUT_AUTO, 1024, &r);
    char want[512];
    snprintf(want, sizeof want,
             "a|x\n%s:2|!line 2 of %zu bytes exceeds the line limit for --max-doc-bytes 1024\n"
             "c|z\n",
             in[0], big + 22);
    assert_string_equal(r.out.ptr, want);
    nm__buf_free(&r.out);
}

/* Appends a jsonl line {"id":"<id>","text":"<n x esc>"} to b. */
static void put_escaped_line(nm__buf *b, const char *id, const char *esc, size_t n) {
    assert_int_equal(nm__buf_puts(b, "{\"id\":\""), NM_OK);
    assert_int_equal(nm__buf_puts(b, id), NM_OK);
    assert_int_equal(nm__buf_puts(b, "\",\"text\":\""), NM_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(nm__buf_puts(b, esc), NM_OK);
    assert_int_equal(nm__buf_puts(b, "\"}\n"), NM_OK);
}

/* A text within --max-doc-bytes is read however its writer escaped it: Cyrillic written as
 * \uXXXX (json.dumps' default) takes 3 bytes of line per byte of text, a control character 6.
 * Both were refused as over the line limit (then 2 x max + 1 MiB); a text over the limit is
 * still an error record (its size named by the decoder). */
static void test_escaped_text_within_the_limit(void **state) {
    (void)state;
    size_t max = 2u << 20, cyr = max / 2 - 1; /* 'д' (2 bytes) x cyr: just under max */
    nm__buf b = {0};
    put_escaped_line(&b, "cyr", "\\u0434", cyr);
    put_escaped_line(&b, "ctl", "\\u0001", max);      /* exactly max bytes of text */
    put_escaped_line(&b, "over", "\\u0001", max + 1); /* one byte over: refused */
    write_str("escaped.jsonl", b.ptr, b.len);
    nm__buf_free(&b);
    const char *in[] = {path("escaped.jsonl")};
    run_result r;
    run(in, 1, NM_INPUT_AUTO, max, &r);
    assert_int_equal(r.records, 3);
    const char *p = r.out.ptr;
    assert_memory_equal(p, "cyr|", 4);
    for (size_t i = 0; i < cyr; i++)
        assert_memory_equal(p + 4 + 2 * i, "\xD0\xB4", 2);
    p += 4 + 2 * cyr;
    assert_memory_equal(p, "\nctl|\x01", 6);
    p += 5 + max;
    assert_string_equal(p, "\nover|!document of 2097153 bytes exceeds --max-doc-bytes 2097152\n");
    nm__buf_free(&r.out);
}

static void test_gzip_and_truncated_gzip(void **state) {
    (void)state;
    static const char data[] = "{\"id\":\"g1\",\"text\":\"zipped\"}\n{\"id\":\"g2\",\"text\":\"too\"}\n";
    gzFile gz = gzopen(path("c.jsonl.gz"), "wb");
    assert_non_null(gz);
    gzwrite(gz, data, sizeof data - 1);
    gzclose(gz);
    const char *in[] = {path("c.jsonl.gz")};
    run_result r;
    run(in, 1, NM_INPUT_AUTO, 0, &r);
    assert_string_equal(r.out.ptr, "g1|zipped\ng2|too\n");
    nm__buf_free(&r.out);
    /* on_read counts the bytes as stored (the CLI's --progress ETA sets them against the
     * file sizes; it used the inflated text's bytes, so the ETA of a .gz read 0 s early on). */
    size_t len;
    char *whole = nm_test_read_file(path("c.jsonl.gz"), &len);
    assert_int_equal(r.read_bytes, len);
    assert_int_not_equal(len, sizeof data - 1);
    write_str("cut.jsonl.gz", whole, len - 12);
    free(whole);
    const char *cut[] = {path("cut.jsonl.gz")};
    run(cut, 1, NM_INPUT_AUTO, 0, &r);
    assert_int_equal(r.st.input_errors, 1);
    assert_non_null(strstr(r.errors, "truncated"));
    nm__buf_free(&r.out);

    /* A corrupt stream (here its CRC): the records inflated before the error are kept. They
     * were dropped with the output of the failing inflate() call: all of a small file, up to
     * 1 MiB of a large one. */
    whole = nm_test_read_file(path("c.jsonl.gz"), &len);
    whole[len - 8] ^= 0xff;
    write_str("crc.jsonl.gz", whole, len);
    free(whole);
    const char *crc[] = {path("crc.jsonl.gz")};
    run(crc, 1, NM_INPUT_AUTO, 0, &r);
    assert_string_equal(r.out.ptr, "g1|zipped\ng2|too\n");
    assert_int_equal(r.st.input_errors, 1);
    assert_non_null(strstr(r.errors, "incorrect data check"));
    nm__buf_free(&r.out);
}

/* Extensions in any case: A.JSONL and B.Json.GZ are jsonl (they were one text document each,
 * silently: the JSON lines became the text), C.TXT is text. */
static void test_extensions_any_case(void **state) {
    (void)state;
    static const char line[] = "{\"id\":\"j\",\"text\":\"jay\"}\n";
    write_str("A.JSONL", line, sizeof line - 1);
    gzFile gz = gzopen(path("B.Json.GZ"), "wb");
    assert_non_null(gz);
    gzwrite(gz, line, sizeof line - 1);
    gzclose(gz);
    write_str("C.TXT", "Cee.", 4);
    const char *in[] = {path("A.JSONL"), path("B.Json.GZ"), path("C.TXT")};
    run_result r;
    run(in, 3, NM_INPUT_AUTO, 0, &r);
    char want[512];
    snprintf(want, sizeof want, "j|jay\nj|jay\n%s|Cee.\n", in[2]);
    assert_string_equal(r.out.ptr, want);
    nm__buf_free(&r.out);
}

static void test_text_files_and_directories(void **state) {
    (void)state;
    char sub[300];
    snprintf(sub, sizeof sub, "%s/tree", dir);
    mkdir(sub, 0755);
    snprintf(sub, sizeof sub, "%s/tree/b", dir);
    mkdir(sub, 0755);
    write_str("tree/z.txt", "Zed.", 4);
    write_str("tree/a.txt", "\xEF\xBB\xBF" "Ay.", 6); /* BOM stripped */
    write_str("tree/b/m.jsonl", "{\"id\":\"m\",\"text\":\"em\"}\n", 23);
    snprintf(sub, sizeof sub, "%s/tree/b/loop", dir);
    assert_int_equal(symlink("..", sub), 0); /* a loop back to tree/ */
    const char *in[] = {path("tree")};
    run_result r;
    run(in, 1, NM_INPUT_AUTO, 0, &r);
    char want[1024];
    snprintf(want, sizeof want, "%s/tree/a.txt|Ay.\nm|em\n%s/tree/z.txt|Zed.\n", dir, dir);
    assert_string_equal(r.out.ptr, want);
    assert_int_equal(r.st.input_errors, 1);
    assert_non_null(strstr(r.errors, "loop"));
    nm__buf_free(&r.out);
}

/* The output file met in a walk is skipped, and so are the journals SQLite keeps beside it
 * (NAME-wal, NAME-shm, NAME-journal), which were read as documents while being written; a file
 * of such a name beside anything else is read as usual. */
static void test_output_and_its_journals_skipped(void **state) {
    (void)state;
    char sub[300];
    snprintf(sub, sizeof sub, "%s/out", dir);
    mkdir(sub, 0755);
    write_str("out/a.txt", "Ay.", 3);
    write_str("out/news.db", "SQLite format 3", 15);
    write_str("out/news.db-shm", "shm", 3);
    write_str("out/news.db-wal", "wal", 3);
    write_str("out/news.db-journal", "jnl", 3);
    write_str("out/other-wal", "Kept.", 5);
    const char *in[] = {path("out")};
    skip_output = path("out/news.db");
    run_result r;
    run(in, 1, NM_INPUT_AUTO, 0, &r);
    skip_output = NULL;
    char want[1024];
    snprintf(want, sizeof want, "%s/out/a.txt|Ay.\n%s/out/other-wal|Kept.\n", dir, dir);
    assert_string_equal(r.out.ptr, want);
    assert_int_equal(r.st.input_errors, 4); /* each named on stderr, as the output is */
    assert_non_null(strstr(r.errors, "news.db-wal: is a journal of the output file"));
    nm__buf_free(&r.out);
}

static void test_unreadable_among_good(void **state) {
    (void)state;
    write_str("good1.txt", "One.", 4);
    write_str("good2.txt", "Two.", 4);
    const char *in[] = {path("good1.txt"), path("missing.txt"), path("good2.txt")};
    run_result r;
    run(in, 3, NM_INPUT_AUTO, 0, &r);
    char want[1024];
    snprintf(want, sizeof want, "%s|One.\n%s|Two.\n", in[0], in[2]);
    assert_string_equal(r.out.ptr, want);
    assert_int_equal(r.st.input_errors, 1);
    assert_non_null(strstr(r.errors, "missing.txt: cannot open"));
    assert_int_equal(r.rc, NM_OK);
    nm__buf_free(&r.out);
}

static void test_text_too_big(void **state) {
    (void)state;
    write_str("large.txt", "0123456789abcdef", 16);
    const char *in[] = {path("large.txt")};
    run_result r;
    run(in, 1, NM_INPUT_TEXT, 8, &r);
    char want[512];
    snprintf(want, sizeof want, "%s|!document of more than 8 bytes exceeds --max-doc-bytes 8\n",
             in[0]);
    assert_string_equal(r.out.ptr, want);
    nm__buf_free(&r.out);
    /* The BOM is dropped, so it does not count: 8 bytes after it are a document of 8 bytes. */
    write_str("bom.txt", "\xEF\xBB\xBF" "01234567", 11);
    in[0] = path("bom.txt");
    run(in, 1, NM_INPUT_TEXT, 8, &r);
    snprintf(want, sizeof want, "%s|01234567\n", in[0]);
    assert_string_equal(r.out.ptr, want);
    nm__buf_free(&r.out);
}

static void test_forced_format(void **state) {
    (void)state;
    write_str("notes.log", "{\"id\":\"j\",\"text\":\"as jsonl\"}\n", 29);
    const char *in[] = {path("notes.log")};
    run_result r;
    run(in, 1, NM_INPUT_JSONL, 0, &r);
    assert_string_equal(r.out.ptr, "j|as jsonl\n");
    nm__buf_free(&r.out);
}

/* A writer that sends one line to a FIFO, then waits (up to 10 s) until that line's record came
 * out before sending the next: documents from a stream must not wait for more input. */
typedef struct fifo_writer {
    const char *path;
    pthread_mutex_t lock;
    pthread_cond_t got;
    int first_out, first_before_second;
} fifo_writer;

static void *write_fifo(void *arg) {
    fifo_writer *w = arg;
    FILE *f = fopen(w->path, "w");
    if (f == NULL)
        return NULL;
    fputs("{\"id\":\"a\",\"text\":\"first\"}\n", f);
    fflush(f);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 10;
    pthread_mutex_lock(&w->lock);
    while (!w->first_out && pthread_cond_timedwait(&w->got, &w->lock, &until) == 0) {
    }
    w->first_before_second = w->first_out;
    pthread_mutex_unlock(&w->lock);
    fputs("{\"id\":\"b\",\"text\":\"second\"}\n", f);
    fclose(f);
    return NULL;
}

static void test_fifo_documents_flow_before_eof(void **state) {
    (void)state;
    const char *fifo = path("stream.fifo");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    fifo_writer w = {.path = fifo};
    pthread_mutex_init(&w.lock, NULL);
    pthread_cond_init(&w.got, NULL);
    nm_options o;
    nm_options_default(&o);
    o.threads = 2;
    o.stages = NM_STAGE_TOKENIZE;
    nm_pipeline *p = nm_pipeline_create(&o, NULL);
    assert_non_null(p);
    run_result res;
    memset(&res, 0, sizeof res);
    const char *in[] = {fifo};
    feed_ctx c = {.p = p, .inputs = in, .n = 1, .res = &res};
    c.ro.format = NM_INPUT_JSONL;
    pthread_t writer, feeder;
    pthread_create(&writer, NULL, write_fifo, &w);
    pthread_create(&feeder, NULL, feed, &c);
    nm_record *rec;
    while (nm_pipeline_next(p, &rec) == NM_OK) {
        nm_str id = nm_record_id(rec);
        nm__buf_append(&res.out, id.ptr, id.len);
        nm_pipeline_release(p, rec);
        pthread_mutex_lock(&w.lock);
        w.first_out = 1;
        pthread_cond_signal(&w.got);
        pthread_mutex_unlock(&w.lock);
    }
    pthread_join(feeder, NULL);
    pthread_join(writer, NULL);
    nm_pipeline_destroy(p);
    nm__buf_putc(&res.out, '\0');
    assert_string_equal(res.out.ptr, "ab");
    assert_int_equal(w.first_before_second, 1);
    nm__buf_free(&res.out);
    pthread_cond_destroy(&w.got);
    pthread_mutex_destroy(&w.lock);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonl_lines),
        cmocka_unit_test(test_overlong_line_becomes_error),
        cmocka_unit_test(test_escaped_text_within_the_limit),
        cmocka_unit_test(test_gzip_and_truncated_gzip),
        cmocka_unit_test(test_extensions_any_case),
        cmocka_unit_test(test_text_files_and_directories),
        cmocka_unit_test(test_output_and_its_journals_skipped),
        cmocka_unit_test(test_unreadable_among_good),
        cmocka_unit_test(test_text_too_big),
        cmocka_unit_test(test_forced_format),
        cmocka_unit_test(test_fifo_documents_flow_before_eof),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
