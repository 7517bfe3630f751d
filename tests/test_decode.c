/*
 * test_decode.c — jsonl and text decoding edge cases (decode.c, decode_json.cpp, utf8.c):
 * escapes, surrogate pairs, NUL, wrong or missing fields, non-objects, deep nesting, size
 * limits, invalid UTF-8 rejected with its byte offset or repaired to U+FFFD.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "newsmine.h"
#include "utf8.h"

typedef struct fixture {
    nm__decoder *d;
    nm_options opts;
    nm_record rec;
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    f->d = nm__decoder_create();
    nm_options_default(&f->opts);
    *state = f;
    return f->d ? 0 : -1;
}

static int teardown(void **state) {
    fixture *f = *state;
    nm__record_free(&f->rec);
    nm__decoder_destroy(f->d);
    free(f);
    return 0;
}

/* Decodes one line as line 7 of "in.jsonl". */
static nm_record *decode_line(fixture *f, const char *line, size_t len) {
    nm__record_reset(&f->rec);
    nm_record *r = &f->rec;
    r->kind = NM__IN_LINE;
    r->line_no = 7;
    r->source = "in.jsonl";
    r->raw.len = 0;
    assert_int_equal(nm__buf_reserve(&r->raw, len + NM__INPUT_PADDING), NM_OK);
    memcpy(r->raw.ptr, line, len);
    memset(r->raw.ptr + len, 0, NM__INPUT_PADDING);
    r->raw.len = len;
    assert_int_equal(nm__decode(f->d, r, &f->opts), NM_OK);
    return r;
}

#define DECODE(f, lit) decode_line((f), (lit), sizeof(lit) - 1)

static void assert_str(nm_str s, const char *expected, size_t len) {
    assert_int_equal(s.len, len);
    assert_memory_equal(s.ptr, expected, len);
}
#define ASSERT_STR(s, lit) assert_str((s), (lit), sizeof(lit) - 1)

/* A line over NM__RECORD_KEEP_BYTES: once decoded, its record gives the line back (the text and
 * fields are in the arena) and the decoder its parser's buffers (about 14 bytes a byte of the
 * line, kept before for every later line); the next line decodes as ever. */
static void test_long_line_gives_back_its_buffers(void **state) {
    fixture *f = *state;
    size_t n = 2 * NM__RECORD_KEEP_BYTES;
    char *line = malloc(n + 64);
    assert_non_null(line);
    int head = snprintf(line, 64, "{\"id\":\"long\",\"text\":\"");
    memset(line + head, 'a', n);
    memcpy(line + head + n, "\"}", 2);
    nm_record *r = decode_line(f, line, (size_t)head + n + 2);
    assert_null(r->raw.ptr);
    assert_int_equal(r->raw.cap, 0);
    ASSERT_STR(r->id, "long");
    assert_int_equal(r->text.len, n);
    assert_int_equal(r->text.ptr[n - 1], 'a');
    free(line);
    r = DECODE(f, "{\"id\":\"next\",\"text\":\"short\"}");
    ASSERT_STR(r->text, "short");
    assert_non_null(r->raw.ptr); /* a short line's buffer is kept */
}

static void test_escapes(void **state) {
    nm_record *r = DECODE(*state, "{\"id\":\"a\",\"text\":\"l1\\nl2 \\\"q\\\" \\\\ \\/ \\t\"}");
    assert_int_equal(r->error.len, 0);
    ASSERT_STR(r->text, "l1\nl2 \"q\" \\ / \t");
    ASSERT_STR(r->id, "a");
    assert_int_equal(r->id_is_string, 1);
}

static void test_surrogate_pair_and_bmp_escape(void **state) {
    nm_record *r = DECODE(*state, "{\"text\":\"\\ud83d\\ude00 caf\\u00e9\"}");
    assert_int_equal(r->error.len, 0);
    ASSERT_STR(r->text, "\xF0\x9F\x98\x80 caf\xC3\xA9");
}

/* reject (the default): an error record that names the escape's byte and keeps the id */
static void test_lone_surrogate_is_error(void **state) {
    nm_record *r = DECODE(*state, "{\"id\":\"s\",\"text\":\"bad \\ud800 here\"}");
    ASSERT_STR(r->error, "unpaired UTF-16 surrogate escape at byte 22 of line 7");
    ASSERT_STR(r->id, "s");
    r = DECODE(*state, "{\"text\":\"\\udc00\"}");
    ASSERT_STR(r->error, "unpaired UTF-16 surrogate escape at byte 9 of line 7");
    ASSERT_STR(r->id, "in.jsonl:7");
}

/* --invalid-utf8 replace: each lone surrogate escape becomes U+FFFD, as raw invalid UTF-8 does,
 * and the record carries the text its offsets refer to; a pair and an escaped backslash before
 * "ud800" stay. It was an error record ("not valid JSON") in both modes. */
static void test_lone_surrogate_replaced(void **state) {
    fixture *f = *state;
    f->opts.invalid_utf8 = NM_UTF8_REPLACE;
    nm_record *r = DECODE(f, "{\"id\":\"s\",\"text\":\"a \\ud800 b \\udc00\\ud83d "
                             "\\ud83d\\ude00 \\\\ud800\",\"title\":\"t\\udbff\"}");
    assert_int_equal(r->error.len, 0);
    ASSERT_STR(r->id, "s");
    assert_int_equal(r->text_repaired, 1);
    ASSERT_STR(r->text, "a \xEF\xBF\xBD b \xEF\xBF\xBD\xEF\xBF\xBD \xF0\x9F\x98\x80 \\ud800");
    ASSERT_STR(r->meta[NM__META_TITLE], "t\xEF\xBF\xBD");
    /* with an integer beyond 64 bits before it (read from a copy of the line) */
    r = DECODE(f, "{\"n\":123456789012345678901234,\"text\":\"x\\ud800\"}");
    assert_int_equal(r->error.len, 0);
    ASSERT_STR(r->text, "x\xEF\xBF\xBD");
}

static void test_nul_escape_kept(void **state) {
    nm_record *r = DECODE(*state, "{\"text\":\"a\\u0000b\"}");
    assert_int_equal(r->error.len, 0);
    assert_str(r->text, "a\0b", 3);
}

static void test_missing_text(void **state) {
    nm_record *r = DECODE(*state, "{\"id\":\"x\",\"body\":\"no\"}");
    ASSERT_STR(r->error, "missing text field \"text\" on line 7");
    ASSERT_STR(r->id, "x");
}

static void test_non_string_text(void **state) {
    nm_record *r = DECODE(*state, "{\"id\":\"x\",\"text\":42}");
    ASSERT_STR(r->error, "text field \"text\" is a number on line 7");
    r = DECODE(*state, "{\"id\":\"x\",\"text\":null}");
    ASSERT_STR(r->error, "text field \"text\" is null on line 7");
    r = DECODE(*state, "{\"id\":\"x\",\"text\":{\"a\":1}}");
    ASSERT_STR(r->error, "text field \"text\" is an object on line 7");
}

static void test_not_an_object(void **state) {
    nm_record *r = DECODE(*state, "[1,2]");
    ASSERT_STR(r->error, "line 7 is not a JSON object but an array");
    ASSERT_STR(r->id, "in.jsonl:7"); /* named by its place in the input */
    r = DECODE(*state, "42");
    ASSERT_STR(r->error, "line 7 is not a JSON object but a number");
    r = DECODE(*state, "{\"text\": \"unterminated");
    assert_true(r->error.len > 0);
    assert_non_null(strstr(r->error.ptr, "not valid JSON"));
    r = DECODE(*state, "{\"text\":\"a\"} trailing");
    assert_true(r->error.len > 0);
}

static void test_deep_nesting_is_an_error_not_a_crash(void **state) {
    size_t depth = 100000;
    char *line = malloc(2 * depth + 16);
    size_t n = 0;
    line[n++] = '{';
    memcpy(line + n, "\"a\":", 4), n += 4;
    for (size_t i = 0; i < depth; i++)
        line[n++] = '[';
    for (size_t i = 0; i < depth; i++)
        line[n++] = ']';
    line[n++] = '}';
    nm_record *r = decode_line(*state, line, n);
    assert_true(r->error.len > 0);
    free(line);
}

static void test_number_id_kept_as_given(void **state) {
    nm_record *r = DECODE(*state, "{\"id\":12345,\"text\":\"t\"}");
    assert_int_equal(r->error.len, 0);
    ASSERT_STR(r->id, "12345");
    assert_int_equal(r->id_is_string, 0);
}

static void test_number_ids_as_written(void **state) {
    nm_record *r = DECODE(*state, "{\"id\":1.10,\"text\":\"t\"}");
    ASSERT_STR(r->id, "1.10");
    r = DECODE(*state, "{\"text\":\"t\",\"x\":{\"id\":5},\"note\":\"id\",\"id\" : -0.0e-5 }");
    ASSERT_STR(r->id, "-0.0e-5"); /* the top-level key, not the nested one or a value */
    /* beyond 64 bits: valid JSON, kept as written, and the text is still read */
    r = DECODE(*state, "{\"id\":123456789012345678901234567890,\"text\":\"big\"}");
    assert_int_equal(r->error.len, 0);
    ASSERT_STR(r->id, "123456789012345678901234567890");
    ASSERT_STR(r->text, "big");
    r = DECODE(*state, "{\"id\":01,\"text\":\"t\"}"); /* not JSON */
    assert_true(r->error.len > 0);
}

/* A number beyond the range of a double (1e400) is valid JSON too: simdjson refused the whole
 * line ("not valid JSON"), so a record with such a value in any field was lost. */
static void test_number_beyond_double_range(void **state) {
    nm_record *r = DECODE(*state, "{\"id\":1e400,\"text\":\"big\"}");
    assert_int_equal(r->error.len, 0);
    ASSERT_STR(r->id, "1e400");
    ASSERT_STR(r->text, "big");
    r = DECODE(*state, "{\"text\":\"t\",\"x\":[-2.5E+999],\"date\":1.8e308}");
    assert_int_equal(r->error.len, 0);
    ASSERT_STR(r->text, "t");
    ASSERT_STR(r->meta_raw[NM__META_DATE], "1.8e308");
    r = DECODE(*state, "{\"id\":123456789012345678901234567890.5e300,\"text\":\"t\"}");
    assert_int_equal(r->error.len, 0);
    ASSERT_STR(r->id, "123456789012345678901234567890.5e300");
    r = DECODE(*state, "{\"id\":1e400x,\"text\":\"t\"}"); /* not JSON */
    assert_true(r->error.len > 0);
}

/* A repeated id key whose first value is neither a string nor a number: the DOM reads the number
 * of a later one, and its raw text must be that number, not the start of the first value
 * ("[1" or "{\"x\":1" made the written record invalid JSON). */
static void test_number_id_after_a_duplicate_key(void **state) {
    static const char *const cases[][2] = {{"{\"id\":[1],\"id\":7,\"text\":\"t\"}", "7"},
                                           {"{\"id\":{\"x\":1},\"id\":8,\"text\":\"t\"}", "8"},
                                           {"{\"id\":null,\"id\":-9.5,\"text\":\"t\"}", "-9.5"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nm_record *r = decode_line(*state, cases[i][0], strlen(cases[i][0]));
        assert_str(r->id, cases[i][1], strlen(cases[i][1]));
        assert_int_equal(r->id_is_string, 0);
    }
}

static void test_missing_id_gets_source_and_line(void **state) {
    nm_record *r = DECODE(*state, "{\"text\":\"t\"}");
    ASSERT_STR(r->id, "in.jsonl:7");
    assert_int_equal(r->id_is_string, 1);
}

static void test_meta_pass_through(void **state) {
    nm_record *r = DECODE(*state,
                          "{\"text\":\"t\",\"title\":\"A \\\"B\\\" \\u00e9\",\"date\":2025,"
                          "\"url\":\"http://x/y\",\"source\":{\"n\":1},\"other\":[1]}");
    assert_int_equal(r->error.len, 0);
    ASSERT_STR(r->meta_raw[NM__META_TITLE], "\"A \\\"B\\\" \xC3\xA9\"");
    ASSERT_STR(r->title, "A \"B\" \xC3\xA9");
    ASSERT_STR(r->meta_raw[NM__META_DATE], "2025");
    assert_int_equal(r->date.len, 0);
    ASSERT_STR(r->meta_raw[NM__META_URL], "\"http://x/y\"");
    ASSERT_STR(r->meta_raw[NM__META_SOURCE], "{\"n\":1}");
    /* an integer beyond 64 bits is read from a copy where it is 0: passed through as written */
    r = DECODE(*state, "{\"text\":\"t\",\"date\":123456789012345678901234}");
    assert_int_equal(r->error.len, 0);
    ASSERT_STR(r->meta_raw[NM__META_DATE], "123456789012345678901234");
    /* nor inside an array or object: it was passed through as that 0 */
    r = DECODE(*state, "{\"text\":\"t\",\"source\":{\"n\": [18446744073709551616, 1e400, \"x\"]},"
                       "\"url\":[{\"a\":{}}]}");
    assert_int_equal(r->error.len, 0);
    ASSERT_STR(r->meta_raw[NM__META_SOURCE], "{\"n\":[18446744073709551616,1e400,\"x\"]}");
    ASSERT_STR(r->meta_raw[NM__META_URL], "[{\"a\":{}}]");
}

static void test_meta_keys_by_name(void **state) {
    /* near names ("Title", "titl", "sources") are not meta; an escaped key is its decoded name;
     * the first occurrence wins, a string or not */
    nm_record *r = DECODE(*state, "{\"text\":\"t\",\"Title\":\"no\",\"titl\":\"no\","
                                  "\"sources\":1,\"t\\u0069tle\":\"yes\",\"title\":\"later\","
                                  "\"url\":5,\"url\":\"u\",\"date\":null,\"src\":2}");
    assert_int_equal(r->error.len, 0);
    ASSERT_STR(r->title, "yes");
    ASSERT_STR(r->meta_raw[NM__META_TITLE], "\"yes\"");
    ASSERT_STR(r->meta_raw[NM__META_URL], "5");
    assert_int_equal(r->meta[NM__META_URL].len, 0);
    ASSERT_STR(r->meta_raw[NM__META_DATE], "null");
    assert_int_equal(r->meta_raw[NM__META_SOURCE].len, 0);
}

static void test_custom_fields(void **state) {
    fixture *f = *state;
    f->opts.text_field = "body";
    f->opts.id_field = "uid";
    nm_record *r = DECODE(f, "{\"uid\":\"u1\",\"id\":\"no\",\"body\":\"hello\",\"text\":\"no\"}");
    ASSERT_STR(r->id, "u1");
    ASSERT_STR(r->text, "hello");
}

static void test_first_key_wins(void **state) {
    nm_record *r = DECODE(*state, "{\"text\":\"first\",\"text\":\"second\"}");
    ASSERT_STR(r->text, "first");
}

static void test_max_doc_bytes(void **state) {
    fixture *f = *state;
    f->opts.max_doc_bytes = 10;
    nm_record *r = DECODE(f, "{\"id\":\"big\",\"text\":\"12345678901\"}");
    ASSERT_STR(r->error, "document of 11 bytes exceeds --max-doc-bytes 10");
    r = DECODE(f, "{\"id\":\"ok\",\"text\":\"1234567890\"}");
    assert_int_equal(r->error.len, 0);
}

static void test_invalid_utf8_rejected_with_offset(void **state) {
    nm_record *r = DECODE(*state, "{\"id\":\"u\",\"text\":\"ab\xff\"}");
    ASSERT_STR(r->error, "invalid UTF-8 at byte 20 of line 7");
    ASSERT_STR(r->id, "u"); /* the id is still read from the line */
    r = DECODE(*state, "{\"text\":\"ab\xff\"}");
    ASSERT_STR(r->error, "invalid UTF-8 at byte 11 of line 7");
    ASSERT_STR(r->id, "in.jsonl:7");
}

static void test_invalid_utf8_replaced(void **state) {
    fixture *f = *state;
    f->opts.invalid_utf8 = NM_UTF8_REPLACE;
    nm_record *r = DECODE(f, "{\"id\":\"u\",\"text\":\"ab\xff\xe2\x82z\"}");
    assert_int_equal(r->error.len, 0);
    assert_int_equal(r->text_repaired, 1);
    ASSERT_STR(r->text, "ab\xEF\xBF\xBD\xEF\xBF\xBDz");
}

static void test_text_document_checks(void **state) {
    fixture *f = *state;
    nm_record *r = &f->rec;
    nm__record_reset(r);
    r->kind = NM__IN_TEXT;
    static const char doc[] = "ok \xC0\xAF overlong";
    nm__buf_reserve(&r->raw, sizeof doc + NM__INPUT_PADDING);
    memcpy(r->raw.ptr, doc, sizeof doc - 1);
    r->raw.len = sizeof doc - 1;
    assert_int_equal(nm__decode(f->d, r, &f->opts), NM_OK);
    ASSERT_STR(r->error, "invalid UTF-8 at byte 3");
}

/* With --invalid-utf8 replace the limit holds for the document the record carries, the repaired
 * text (each bad byte becomes 3), whatever the input kind: a text file of 6 bytes that repairs
 * to 10 passed --max-doc-bytes 8 while the same text in a jsonl line was rejected. */
static void test_max_doc_bytes_after_repair(void **state) {
    fixture *f = *state;
    f->opts.invalid_utf8 = NM_UTF8_REPLACE;
    f->opts.max_doc_bytes = 8;
    nm_record *r = DECODE(f, "{\"id\":\"j\",\"text\":\"abcd\xff\xff\"}");
    ASSERT_STR(r->error, "document of 10 bytes exceeds --max-doc-bytes 8");
    r = &f->rec;
    nm__record_reset(r);
    r->kind = NM__IN_TEXT;
    static const char doc[] = "abcd\xff\xff";
    assert_int_equal(nm__buf_reserve(&r->raw, sizeof doc + NM__INPUT_PADDING), NM_OK);
    memcpy(r->raw.ptr, doc, sizeof doc - 1);
    r->raw.len = sizeof doc - 1;
    assert_int_equal(nm__decode(f->d, r, &f->opts), NM_OK);
    ASSERT_STR(r->error, "document of 10 bytes exceeds --max-doc-bytes 8");
    f->opts.max_doc_bytes = 10; /* at the limit: kept, repaired */
    nm__record_reset(r);
    r->kind = NM__IN_TEXT;
    assert_int_equal(nm__buf_reserve(&r->raw, sizeof doc + NM__INPUT_PADDING), NM_OK);
    memcpy(r->raw.ptr, doc, sizeof doc - 1);
    r->raw.len = sizeof doc - 1;
    assert_int_equal(nm__decode(f->d, r, &f->opts), NM_OK);
    assert_int_equal(r->error.len, 0);
    ASSERT_STR(r->text, "abcd\xEF\xBF\xBD\xEF\xBF\xBD");
}

static void test_utf8_check_table(void **state) {
    (void)state;
    static const struct {
        const char *s;
        size_t len, bad;
    } cases[] = {
        {"plain ascii text", 16, 16},
        {"caf\xC3\xA9", 5, 5},
        {"\xE2\x82\xAC 50", 6, 6},            /* euro sign */
        {"\xF0\x9F\x98\x80", 4, 4},           /* emoji */
        {"a\x80", 2, 1},                      /* stray continuation */
        {"\xC0\xAF", 2, 0},                   /* overlong '/' */
        {"\xE0\x80\xAF", 3, 0},               /* overlong 3-byte */
        {"\xED\xA0\x80", 3, 0},               /* surrogate U+D800 */
        {"\xF4\x90\x80\x80", 4, 0},           /* above U+10FFFF */
        {"ab\xE2\x82", 4, 2},                 /* truncated at end */
        {"\xF5\x80\x80\x80", 4, 0},           /* invalid lead */
        {"12345678\xFF", 9, 8},               /* after the 8-byte fast path */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(nm__utf8_check(cases[i].s, cases[i].len), cases[i].bad);
}

static void test_utf8_repair_maximal_subparts(void **state) {
    (void)state;
    nm__buf out = {0};
    assert_int_equal(nm__utf8_repair("a\xE2\x82" "b\xFF", 5, &out), NM_OK);
    assert_int_equal(out.len, 8);
    assert_memory_equal(out.ptr, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD", 8);
    assert_int_equal(nm__utf8_check(out.ptr, out.len), out.len);
    nm__buf_free(&out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_escapes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_surrogate_pair_and_bmp_escape, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lone_surrogate_is_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nul_escape_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_non_string_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_an_object, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deep_nesting_is_an_error_not_a_crash, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_number_id_kept_as_given, setup, teardown),
        cmocka_unit_test_setup_teardown(test_number_ids_as_written, setup, teardown),
        cmocka_unit_test_setup_teardown(test_number_beyond_double_range, setup, teardown),
        cmocka_unit_test_setup_teardown(test_number_id_after_a_duplicate_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_id_gets_source_and_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_meta_pass_through, setup, teardown),
        cmocka_unit_test_setup_teardown(test_meta_keys_by_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_custom_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_first_key_wins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_max_doc_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8_rejected_with_offset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8_replaced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lone_surrogate_replaced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_document_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_max_doc_bytes_after_repair, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_line_gives_back_its_buffers, setup, teardown),
        cmocka_unit_test(test_utf8_check_table),
        cmocka_unit_test(test_utf8_repair_maximal_subparts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
