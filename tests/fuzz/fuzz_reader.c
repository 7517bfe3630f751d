/*
 * fuzz_reader.c — libFuzzer target: the jsonl reader (line cutting, CRLF, BOM, blank lines,
 * over-long lines, gzip sniffing) feeding a pipeline, on any file content.
 *
 * The input is written to a memfd and read through /proc/self/fd/N, so the real read(2) path
 * runs. A feeder thread reads it (--max-doc-bytes 64, so most documents are too big: error
 * records) and ends with a marker record; the harness takes every record in order and compares
 * the count with its own reference cut of the lines (exactly one record per non-blank line).
 * Over-long lines (6 x max-doc-bytes + 1 MiB) are beyond -max_len; test_reader covers them.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_DOC = 64 };

typedef struct feed {
    nm_pipeline *p;
    const char *path;
    nm_reader_stats st;
    int rc;
} feed;

static void *feeder(void *arg) {
    feed *f = arg;
    nm_reader_options ro = {.format = NM_INPUT_JSONL, .max_doc_bytes = MAX_DOC};
    const char *inputs[1] = {f->path};
    f->rc = nm_reader_feed(f->p, inputs, 1, &ro, &f->st);
    if (f->rc == NM_OK)
        f->rc = nm_pipeline_push_error(f->p, "end-marker", "end");
    return NULL;
}

static int blank(const uint8_t *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
            return 0;
    return 1;
}

/* Records the reader must produce for data (reader.h: BOM on line 1 and a final CR dropped,
 * blank lines skipped, every other line one record, an over-long one an error record). */
static size_t reference_records(const uint8_t *data, size_t size) {
    size_t n = 0, line = 1;
    for (size_t i = 0; i < size; line++) {
        const uint8_t *nl = memchr(data + i, '\n', size - i);
        size_t end = nl ? (size_t)(nl - data) : size, s = i, len = end - i;
        if (line == 1 && len >= 3 && memcmp(data + s, "\xEF\xBB\xBF", 3) == 0)
            s += 3, len -= 3;
        if (len && data[s + len - 1] == '\r')
            len--;
        n += !blank(data + s, len);
        i = end + 1;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static nm_pipeline *p;
    if (p == NULL) {
        nm_options o;
        nm_error err;
        nm_options_default(&o);
        o.threads = 1;
        o.queue_depth = 2;
        o.stages = NM_STAGE_TOKENIZE;
        o.max_doc_bytes = MAX_DOC;
        p = nm_pipeline_create(&o, &err);
        if (p == NULL) {
            fprintf(stderr, "pipeline: %s\n", err.msg);
            abort();
        }
    }
    int fd = memfd_create("fuzz_reader", 0);
    FUZZ_CHECK(fd >= 0);
    FUZZ_CHECK(write(fd, data, size) == (ssize_t)size);
    FUZZ_CHECK(lseek(fd, 0, SEEK_SET) == 0);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    feed f = {.p = p, .path = path};
    pthread_t t;
    FUZZ_CHECK(pthread_create(&t, NULL, feeder, &f) == 0);
    size_t records = 0;
    uint64_t first = UINT64_MAX, prev = 0;
    for (;;) {
        nm_record *rec;
        FUZZ_CHECK(nm_pipeline_next(p, &rec) == NM_OK);
        uint64_t seq = nm_record_seq(rec);
        FUZZ_CHECK(first == UINT64_MAX || seq == prev + 1); /* in order, none skipped */
        if (first == UINT64_MAX)
            first = seq;
        prev = seq;
        nm_str id = nm_record_id(rec);
        /* Only the feeder's push_error makes a pre-failed record with this id (a jsonl id
         * "end-marker" is decoded, not pre-failed). */
        int end = rec->kind == NM__IN_ERROR && id.len == 10 && memcmp(id.ptr, "end-marker", 10) == 0;
        nm_pipeline_release(p, rec);
        if (end)
            break;
        records++;
    }
    pthread_join(t, NULL);
    close(fd);
    FUZZ_CHECK(f.rc == NM_OK);
    FUZZ_CHECK(records == f.st.docs);
    int gz = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    if (!gz && f.st.input_errors == 0)
        FUZZ_CHECK(records == reference_records(data, size));
    return 0;
}
