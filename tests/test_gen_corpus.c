/*
 * test_gen_corpus.c — the benchmark corpus generator (benchmarks/gen_corpus.c, included without
 * its main): the same seed gives the same bytes, another seed other bytes; every line is one
 * JSON object that the pipeline's own decoder accepts, with id, title, date and text; and the
 * corpus is varied (short and long documents, non-ASCII, money in several shapes).
 */
#define NM_GEN_CORPUS_NO_MAIN
#include "../benchmarks/gen_corpus.c"

#include "testutil.h"

#include "decode.h"
#include "newsmine.h"

enum { NDOCS = 400 };

/* NDOCS documents of seed into out (caller frees). */
static void generate(uint64_t seed, nm__buf *out) {
    gen g;
    assert_int_equal(gen_init(&g, seed), NM_OK);
    for (int i = 0; i < NDOCS; i++)
        assert_int_equal(gen_doc(&g, out), NM_OK);
    gen_free(&g);
}

static void test_same_seed_same_bytes(void **state) {
    (void)state;
    nm__buf a = {0}, b = {0}, c = {0};
    generate(42, &a);
    generate(42, &b);
    generate(43, &c);
    assert_true(a.len > 100000);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.ptr, b.ptr, a.len);
    assert_true(a.len != c.len || memcmp(a.ptr, c.ptr, a.len) != 0);
    assert_int_equal(nm_test_count_lines(a.ptr, a.len), NDOCS);
    nm__buf_free(&a);
    nm__buf_free(&b);
    nm__buf_free(&c);
}

static int has_non_ascii(const char *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)p[i] >= 0x80)
            return 1;
    return 0;
}

static int contains(nm_str s, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= s.len; i++)
        if (memcmp(s.ptr + i, needle, k) == 0)
            return 1;
    return 0;
}

/* Every line decodes cleanly with the pipeline's decoder, and the corpus is varied. */
static void test_lines_decode_and_vary(void **state) {
    (void)state;
    nm__buf all = {0};
    generate(7, &all);
    nm__decoder *d = nm__decoder_create();
    assert_non_null(d);
    nm_options opts;
    nm_options_default(&opts);
    nm_record rec = {0};
    size_t shortest = SIZE_MAX, longest = 0, non_ascii = 0, number_ids = 0;
    int dollar = 0, euro = 0, mln = 0, cents = 0;
    const char *p = all.ptr, *end = all.ptr + all.len;
    for (unsigned no = 1; p < end; no++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        assert_non_null(nl);
        size_t len = (size_t)(nl - p);
        assert_memory_equal(p, "{\"id\":", 6);
        assert_int_equal(p[len - 1], '}');
        nm__record_reset(&rec);
        rec.kind = NM__IN_LINE;
        rec.line_no = no;
        rec.source = "gen.jsonl";
        assert_int_equal(nm__buf_reserve(&rec.raw, len + NM__INPUT_PADDING), NM_OK);
        memcpy(rec.raw.ptr, p, len);
        memset(rec.raw.ptr + len, 0, NM__INPUT_PADDING);
        rec.raw.len = len;
        assert_int_equal(nm__decode(d, &rec, &opts), NM_OK);
        assert_int_equal(rec.error.len, 0);
        assert_true(rec.text.len > 0);
        assert_true(rec.title.len > 0);
        assert_int_equal(rec.date.len, 10); /* YYYY-MM-DD */
        char id[32];
        int idn = rec.id_is_string ? snprintf(id, sizeof id, "gen-%u", no)
                                   : snprintf(id, sizeof id, "%u", no);
        assert_int_equal(rec.id.len, (size_t)idn);
        assert_memory_equal(rec.id.ptr, id, (size_t)idn);
        number_ids += !rec.id_is_string;
        shortest = rec.text.len < shortest ? rec.text.len : shortest;
        longest = rec.text.len > longest ? rec.text.len : longest;
        non_ascii += (size_t)has_non_ascii(rec.text.ptr, rec.text.len);
        dollar |= contains(rec.text, "$");
        euro |= contains(rec.text, "\u20ac");
        mln |= contains(rec.text, " mln ") || contains(rec.text, " million");
        cents |= contains(rec.text, " cents") || contains(rec.text, " cts");
        p = nl + 1;
    }
    assert_true(shortest < 400);
    assert_true(longest > 8000);
    assert_true(non_ascii > 0 && non_ascii < NDOCS);
    assert_true(number_ids > 0 && number_ids < NDOCS / 4);
    assert_true(dollar && euro && mln && cents);
    nm__record_free(&rec);
    nm__decoder_destroy(d);
    nm__buf_free(&all);
}

/* Numbers with separators: "," every three digits, or a no-break space. */
static void test_put_int(void **state) {
    (void)state;
    nm__buf b = {0};
    assert_int_equal(put_int(&b, 1234567, ","), NM_OK);
    assert_int_equal(put_int(&b, 999, ","), NM_OK);
    assert_int_equal(put_int(&b, 100000, "\u00a0"), NM_OK);
    static const char want[] = "1,234,567999100\xc2\xa0"
                               "000";
    assert_int_equal(b.len, sizeof want - 1);
    assert_memory_equal(b.ptr, want, sizeof want - 1);
    nm__buf_free(&b);
}

/* Sizes on the command line: digits only, no wrap-around. "--mb -1" was taken as 2^64 - 1 MB
 * (endless output) and "--mb 18446744073710" wrapped to a 450 KB corpus. */
static void test_parse_count(void **state) {
    (void)state;
    unsigned long long v = 7;
    assert_int_equal(gen_parse_count("1", 1000 * 1000, &v), 0);
    assert_true(v == 1000000ull);
    assert_int_equal(gen_parse_count("0", 1000 * 1000, &v), 0);
    assert_true(v == 0);
    assert_int_equal(gen_parse_count("18446744073709", 1000 * 1000, &v), 0);
    assert_true(v == 18446744073709000000ull);
    assert_int_equal(gen_parse_count("18446744073709551615", 1, &v), 0);
    assert_true(v == ULLONG_MAX);
    v = 7;
    static const char *const bad[] = {"-1", "+1", " 1", "", "1x", "1.5", "18446744073710",
                                      "18446744073709551616"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        unsigned long long scale = i == 6 ? 1000 * 1000 : 1;
        assert_int_equal(gen_parse_count(bad[i], scale, &v), -1);
        assert_true(v == 7);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_bytes),
        cmocka_unit_test(test_lines_decode_and_vary),
        cmocka_unit_test(test_put_int),
        cmocka_unit_test(test_parse_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
