/*
 * decode.c — dispatch of record decoding by input kind (see decode.h): text documents are
 * validated (or repaired) here, jsonl lines go to decode_json.cpp.
 */
#include "decode.h"

#include <string.h>

#include "utf8.h"

/* Checks (or repairs) a text document in rec->raw and points rec->text at it. The limit holds
 * for the text the record carries: with replace, the repaired one (as for a jsonl line). */
static int decode_text(nm_record *rec, const nm_options *opts) {
    rec->text = (nm_str){rec->raw.ptr, rec->raw.len};
    size_t bad = rec->raw.len > opts->max_doc_bytes ? rec->raw.len /* too big: not checked */
                                                    : nm__utf8_check(rec->raw.ptr, rec->raw.len);
    if (bad < rec->raw.len) {
        if (opts->invalid_utf8 != NM_UTF8_REPLACE)
            return nm__record_fail(rec, "invalid UTF-8 at byte %zu", bad);
        nm__buf fixed = {0};
        if (nm__utf8_repair(rec->raw.ptr, rec->raw.len, &fixed) != NM_OK ||
            nm__buf_reserve(&fixed, NM__INPUT_PADDING) != NM_OK) {
            nm__buf_free(&fixed);
            return NM_ERR_NOMEM;
        }
        memset(fixed.ptr + fixed.len, 0, NM__INPUT_PADDING);
        nm__buf_free(&rec->raw);
        rec->raw = fixed;
        rec->text = (nm_str){rec->raw.ptr, rec->raw.len};
        rec->text_repaired = 1;
    }
    if (rec->text.len > opts->max_doc_bytes)
        return nm__record_fail(rec, "document of %zu bytes exceeds --max-doc-bytes %zu",
                               rec->text.len, opts->max_doc_bytes);
    return NM_OK;
}

int nm__decode(nm__decoder *d, nm_record *rec, const nm_options *opts) {
    switch (rec->kind) {
    case NM__IN_LINE:
        return nm__decode_json(d, rec, opts);
    case NM__IN_TEXT:
        return decode_text(rec, opts);
    case NM__IN_ERROR:
        return NM_OK;
    }
    return nm__record_fail(rec, "record of unknown kind");
}
