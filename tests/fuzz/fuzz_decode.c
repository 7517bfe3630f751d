/*
 * fuzz_decode.c — libFuzzer target: one jsonl line through the decoder (simdjson, field
 * lookup, escapes, UTF-8 check under both policies) and the jsonl renderer.
 *
 * Whatever the bytes, decode must either reject the record with a message or produce a text
 * that is valid UTF-8, and the rendered record must be one line ending in a newline.
 */
#include <string.h>

#include "decode.h"
#include "fuzzutil.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static nm__decoder *dec;
    static nm_record rec;
    if (dec == NULL)
        FUZZ_CHECK((dec = nm__decoder_create()) != NULL);
    for (int policy = NM_UTF8_REJECT; policy <= NM_UTF8_REPLACE; policy++) {
        nm_options o;
        nm_options_default(&o);
        o.invalid_utf8 = (nm_utf8_policy)policy;
        o.max_doc_bytes = 1 << 16;
        nm__record_reset(&rec);
        rec.kind = NM__IN_LINE;
        rec.line_no = 7;
        rec.source = "fuzz";
        FUZZ_CHECK(nm__buf_reserve(&rec.raw, size + NM__INPUT_PADDING) == NM_OK);
        if (size)
            memcpy(rec.raw.ptr, data, size);
        memset(rec.raw.ptr + size, 0, NM__INPUT_PADDING);
        rec.raw.len = size;
        int rc = nm__decode(dec, &rec, &o);
        FUZZ_CHECK(rc == NM_OK || rc == NM_ERR_NOMEM);
        if (rec.error.len == 0) {
            FUZZ_CHECK(nm__utf8_check(rec.text.ptr, rec.text.len) == rec.text.len);
            FUZZ_CHECK(rec.text.len <= o.max_doc_bytes);
            FUZZ_CHECK(rec.id.len > 0 || rec.id_is_string); /* "id":"" is kept as given */
        }
        rec.out.len = 0;
        FUZZ_CHECK(nm__render(&rec, &o) == NM_OK);
        FUZZ_CHECK(rec.out.len > 0 && rec.out.ptr[rec.out.len - 1] == '\n');
        FUZZ_CHECK(memchr(rec.out.ptr, '\n', rec.out.len) == rec.out.ptr + rec.out.len - 1);
    }
    return 0;
}
