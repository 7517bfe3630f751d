/*
 * test_record.c — a pooled record's reset: ordinary buffers are kept for the next document, an
 * outsized document's are given back (NM__RECORD_KEEP_BYTES, record.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../pipeline/arena.h"
#include "../pipeline/buf.h"
#include "../pipeline/record.h"

/* Gives rec buffers of about `bytes` in all: input, output, tokens and an arena string. */
static void fill(nm_record *rec, size_t bytes) {
    size_t part = bytes / 4;
    assert_int_equal(nm__buf_reserve(&rec->raw, part), NM_OK);
    rec->raw.len = part;
    assert_int_equal(nm__buf_reserve(&rec->out, part), NM_OK);
    rec->out.len = part;
    size_t ntok = part / sizeof(nm_token);
    for (size_t i = 0; i < ntok; i++)
        assert_non_null(NM__VEC_PUSH(rec->tokens));
    assert_non_null(nm__arena_alloc(&rec->arena, part / 2));
    rec->text = (nm_str){rec->raw.ptr, part};
}

static void test_ordinary_buffers_are_kept(void **state) {
    (void)state;
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    fill(&rec, 16 << 10);
    char *raw = rec.raw.ptr, *out = rec.out.ptr;
    nm_token *tokens = rec.tokens.v;
    size_t ntok = rec.tokens.n;
    nm__record_reset(&rec);
    /* the same memory, emptied */
    assert_ptr_equal(rec.raw.ptr, raw);
    assert_ptr_equal(rec.out.ptr, out);
    assert_ptr_equal(rec.tokens.v, tokens);
    assert_true(rec.tokens.cap >= ntok);
    assert_int_equal(rec.raw.len, 0);
    assert_int_equal(rec.out.len, 0);
    assert_int_equal(rec.tokens.n, 0);
    assert_int_equal(rec.text.len, 0);
    assert_true(nm__arena_kept(&rec.arena) > 0);
    nm__record_free(&rec);
}

static void test_outsized_buffers_are_freed(void **state) {
    (void)state;
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    fill(&rec, 2 * NM__RECORD_KEEP_BYTES);
    nm__record_reset(&rec);
    assert_null(rec.raw.ptr);
    assert_null(rec.out.ptr);
    assert_null(rec.tokens.v);
    assert_int_equal(rec.raw.cap, 0);
    assert_int_equal(rec.out.cap, 0);
    assert_int_equal(rec.tokens.cap, 0);
    assert_int_equal(rec.tokens.n, 0);
    assert_int_equal(nm__arena_kept(&rec.arena), 0);
    /* and the record takes the next document as a fresh one */
    fill(&rec, 8 << 10);
    assert_int_equal(rec.raw.len, (8 << 10) / 4);
    nm__record_reset(&rec);
    assert_non_null(rec.raw.ptr);
    nm__record_free(&rec);
}

/* The cap is on the sum: buffers each well under it, together over it, are all freed. */
static void test_cap_is_on_the_sum(void **state) {
    (void)state;
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    size_t third = NM__RECORD_KEEP_BYTES / 3 + 1024;
    assert_int_equal(nm__buf_reserve(&rec.raw, third), NM_OK);
    assert_int_equal(nm__buf_reserve(&rec.out, third), NM_OK);
    for (size_t i = 0; i < third / sizeof(nm_entity); i++)
        assert_non_null(NM__VEC_PUSH(rec.entities));
    nm__record_reset(&rec);
    assert_null(rec.raw.ptr);
    assert_null(rec.out.ptr);
    assert_null(rec.entities.v);
    assert_int_equal(rec.entities.n, 0);
    nm__record_free(&rec);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ordinary_buffers_are_kept),
        cmocka_unit_test(test_outsized_buffers_are_freed),
        cmocka_unit_test(test_cap_is_on_the_sum),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
