/*
 * record.c — record lifecycle helpers (reset for reuse, fail with a message) and the public
 * read accessors of pipeline.h.
 */
#include "record.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "newsmine/pipeline.h"

int nm__record_fail(nm_record *rec, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    if ((size_t)n >= sizeof msg) { /* cut, but not inside a UTF-8 character: the record is JSON */
        n = sizeof msg - 1;
        int k = n; /* the last character's first byte is msg[k - 1] */
        while (k > 0 && ((unsigned char)msg[k - 1] & 0xC0) == 0x80)
            k--;
        unsigned char c = k > 0 ? (unsigned char)msg[k - 1] : 0;
        int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (k > 0 && k - 1 + need > n)
            n = k - 1;
    }
    char *p = nm__arena_strndup(&rec->arena, msg, (size_t)n);
    if (p == NULL)
        return NM_ERR_NOMEM;
    rec->error.ptr = p;
    rec->error.len = (size_t)n;
    return NM_OK;
}

#define VEC_BYTES(vec) ((vec).cap * sizeof *(vec).v)

#define VEC_FREE(vec)                                                                              \
    do {                                                                                           \
        free((vec).v);                                                                             \
        (vec).v = NULL;                                                                            \
        (vec).cap = 0;                                                                             \
    } while (0)

/* Frees rec's arena, input, output and annotation arrays, leaving them empty. */
static void free_buffers(nm_record *rec) {
    nm__arena_free(&rec->arena);
    nm__buf_free(&rec->raw);
    nm__buf_free(&rec->out);
    VEC_FREE(rec->tokens);
    VEC_FREE(rec->sentences);
    VEC_FREE(rec->money);
    VEC_FREE(rec->entities);
    VEC_FREE(rec->keywords);
}

void nm__record_reset(nm_record *rec) {
    nm__arena_reset(&rec->arena);
    rec->seq = 0;
    rec->kind = 0;
    rec->source = NULL;
    rec->line_no = 0;
    rec->charged = 0;
    rec->with_consumer = 0;
    rec->id = (nm_str){0};
    rec->id_is_string = 0;
    rec->text = (nm_str){0};
    rec->text_repaired = 0;
    for (int i = 0; i < NM__META_COUNT; i++)
        rec->meta_raw[i] = rec->meta[i] = (nm_str){0};
    rec->title = rec->date = rec->error = (nm_str){0};
    rec->date_ymd = 0;
    size_t kept = nm__arena_kept(&rec->arena) + rec->raw.cap + rec->out.cap +
                  VEC_BYTES(rec->tokens) + VEC_BYTES(rec->sentences) + VEC_BYTES(rec->money) +
                  VEC_BYTES(rec->entities) + VEC_BYTES(rec->keywords);
    if (kept > NM__RECORD_KEEP_BYTES)
        free_buffers(rec);
    rec->raw.len = rec->out.len = 0;
    rec->tokens.n = rec->sentences.n = rec->money.n = rec->entities.n = rec->keywords.n = 0;
}

void nm__record_free(nm_record *rec) {
    if (rec == NULL)
        return;
    free_buffers(rec);
}

uint64_t nm_record_seq(const nm_record *rec) { return rec->seq; }
nm_str nm_record_id(const nm_record *rec) { return rec->id; }
nm_str nm_record_text(const nm_record *rec) { return rec->text; }
nm_str nm_record_error(const nm_record *rec) { return rec->error; }
nm_str nm_record_rendered(const nm_record *rec) { return (nm_str){rec->out.ptr, rec->out.len}; }

const nm_token *nm_record_tokens(const nm_record *rec, size_t *n) {
    *n = rec->tokens.n;
    return rec->tokens.v;
}
const nm_sentence *nm_record_sentences(const nm_record *rec, size_t *n) {
    *n = rec->sentences.n;
    return rec->sentences.v;
}
const nm_entity *nm_record_entities(const nm_record *rec, size_t *n) {
    *n = rec->entities.n;
    return rec->entities.v;
}
const nm_money *nm_record_money(const nm_record *rec, size_t *n) {
    *n = rec->money.n;
    return rec->money.v;
}
const nm_keyword *nm_record_keywords(const nm_record *rec, size_t *n) {
    *n = rec->keywords.n;
    return rec->keywords.v;
}
