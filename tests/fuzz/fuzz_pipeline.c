/*
 * fuzz_pipeline.c — libFuzzer target: the whole pipeline (decode, every stage, render) on one
 * record, through the public API with one worker thread and tokens emitted.
 *
 * Input starting with '{' is a jsonl line, anything else a text document. Exactly one record
 * must come out, an error or a normal one whose spans lie inside its text, rendered as one line.
 */
#include <string.h>

#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static nm_pipeline *p;
    static uint64_t seq;
    if (p == NULL) {
        nm_options o;
        nm_error err;
        nm_options_default(&o);
        o.threads = 1;
        o.queue_depth = 1;
        o.emit_tokens = 1;
        o.invalid_utf8 = NM_UTF8_REPLACE;
        o.max_doc_bytes = 1 << 16;
        p = nm_pipeline_create(&o, &err);
        if (p == NULL) {
            fprintf(stderr, "pipeline: %s\n", err.msg);
            abort();
        }
    }
    int rc;
    if (size > 0 && data[0] == '{')
        rc = nm_pipeline_push_line(p, "fuzz", 1, (const char *)data, size);
    else
        rc = nm_pipeline_push_text(p, "fuzz.txt", (const char *)data, size);
    FUZZ_CHECK(rc == NM_OK);
    nm_record *rec;
    FUZZ_CHECK(nm_pipeline_next(p, &rec) == NM_OK);
    FUZZ_CHECK(nm_record_seq(rec) == seq++);
    if (nm_record_error(rec).len == 0) {
        nm_str text = nm_record_text(rec);
        FUZZ_CHECK(nm__utf8_check(text.ptr, text.len) == text.len);
        fuzz_check_spans(rec);
    }
    nm_str out = nm_record_rendered(rec);
    FUZZ_CHECK(out.len > 0 && out.ptr[out.len - 1] == '\n');
    FUZZ_CHECK(memchr(out.ptr, '\n', out.len) == out.ptr + out.len - 1);
    nm_pipeline_release(p, rec);
    return 0;
}
