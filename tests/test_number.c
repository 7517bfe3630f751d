/*
 * test_number.c — exact decimal parsing (pipeline/number.c): numerals with every grouping style,
 * fractions, magnitude keys, written numbers over tokens, the decimal arithmetic, and
 * nm_decimal_format (pipeline/error.c) against a reference made with snprintf.
 */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

#include "../pipeline/number.h"

static void check_parse(const char *s, size_t want_used, uint64_t mant, int32_t exp) {
    nm_decimal d = {99, 99};
    size_t used = nm__number_parse(s, strlen(s), &d);
    if (used != want_used)
        fail_msg("\"%s\": consumed %zu, want %zu", s, used, want_used);
    if (want_used && (d.mant != mant || d.exp != exp))
        fail_msg("\"%s\": {%llu,%d}, want {%llu,%d}", s, (unsigned long long)d.mant, d.exp,
                 (unsigned long long)mant, exp);
}

static void test_parse_grouping(void **st) {
    (void)st;
    check_parse("134.4", 5, 1344, -1);
    check_parse("1,250,000.50", 12, 12500005, -1);
    check_parse("1.250.000,50", 12, 12500005, -1);
    check_parse("12,34,567", 9, 1234567, 0);
    check_parse("1,00,00,000", 11, 1, 7);
    check_parse("1,250", 5, 125, 1);
    check_parse("1,5", 3, 15, -1);
    check_parse("7.125", 5, 7125, -3);
    check_parse("1.250.000", 9, 125, 4);
    check_parse("1\xc2\xa0"
                "250\xc2\xa0"
                "000",
                11, 125, 4);
    check_parse("1\xe2\x80\xaf"
                "250,5",
                9, 12505, -1);
    check_parse("1'250'000.50", 12, 12500005, -1);
    check_parse("0.5", 3, 5, -1);
    check_parse("007", 3, 7, 0);
    check_parse("20.0", 4, 2, 1);
    check_parse("0", 1, 0, 0);
    check_parse("50.", 2, 5, 1);
    check_parse("50,", 2, 5, 1);
    check_parse("3.14US", 4, 314, -2);
    check_parse("1234567890123456789", 19, 1234567890123456789ull, 0);
}

/* Plain digit runs and "digits.digits", which nm__number_parse reads as it scans them: around
   the 19-digit limit, leading zeros, and what may follow them. */
static void test_parse_digit_runs(void **st) {
    (void)st;
    check_parse("15", 2, 15, 0);
    check_parse("1500", 4, 15, 2);
    check_parse("15abc", 2, 15, 0);
    check_parse("12345678901234567891", 0, 0, 0); /* 20 significant digits */
    check_parse("12345678901234567890", 20, 1234567890123456789ull, 1); /* a trailing zero */
    check_parse("00000000000000000000001", 23, 1, 0);
    check_parse("3.50", 4, 35, -1);
    check_parse("0.0", 3, 0, 0);
    check_parse("123456789.0123456789", 20, 1234567890123456789ull, -10);
    check_parse("123456789.01234567891", 0, 0, 0);
    check_parse("0.0000000000000000001", 21, 1, -19);
    check_parse("3.5.", 3, 35, -1);
    check_parse("3.5x", 3, 35, -1);
    check_parse("3.5,25", 0, 0, 0);
    check_parse("3.500,25", 8, 350025, -2);
    check_parse("2.5\xc2\xa0", 3, 25, -1);
    /* trailing zeros are no significant digits: 10^21 is exact ({1, 21}), it was rejected */
    check_parse("1,000,000,000,000,000,000,000", 29, 1, 21);
    check_parse("100000000000000000000", 21, 1, 20);
    check_parse("1234567890123456789000", 22, 1234567890123456789ull, 3);
    check_parse("1.50000000000000000000000", 25, 15, -1);
    check_parse("12345678901234567890001", 0, 0, 0); /* 23 significant digits */
}

static void test_parse_rejects(void **st) {
    (void)st;
    check_parse("", 0, 0, 0);
    check_parse("abc", 0, 0, 0);
    check_parse(".5", 0, 0, 0);
    check_parse("1,2,3", 0, 0, 0);
    check_parse("1.2.3", 0, 0, 0);
    check_parse("1,25,000.5.3", 0, 0, 0);
    check_parse("1234,567,890", 0, 0, 0);
    check_parse("12345678901234567891", 0, 0, 0); /* 20 significant digits */
}

static void test_parse_all_fraction(void **st) {
    (void)st;
    nm_decimal d;
    assert_int_equal(nm__number_parse_all("3/4", 3, &d), 1);
    assert_int_equal(d.mant, 75);
    assert_int_equal(d.exp, -2);
    assert_int_equal(nm__number_parse_all("1/8", 3, &d), 1);
    assert_int_equal(d.mant, 125);
    assert_int_equal(d.exp, -3);
    assert_int_equal(nm__number_parse_all("5/10", 4, &d), 1);
    assert_int_equal(d.mant, 5);
    assert_int_equal(d.exp, -1);
    assert_int_equal(nm__number_parse_all("1/3", 3, &d), 0);
    assert_int_equal(nm__number_parse_all("1/0", 3, &d), 0);
    assert_int_equal(nm__number_parse_all("12a", 3, &d), 0);
    assert_int_equal(nm__number_parse_all("42", 2, &d), 1);
    assert_int_equal(d.mant, 42);
    assert_int_equal(d.exp, 0);
}

static void test_magnitude(void **st) {
    (void)st;
    struct {
        const char *k;
        int e;
    } cases[] = {{"thousand", 3}, {"k", 3},    {"m", 6},     {"mn", 6},        {"mln", 6},
                 {"mio", 6},      {"lakh", 5}, {"crore", 7}, {"billion", 9},   {"bn", 9},
                 {"b", 9},        {"mrd", 9},  {"tn", 12},   {"trillion", 12}, {"millions", 6},
                 {"dollars", 0},  {"", 0},     {"kk", 0},    {"mil", 0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (nm__number_magnitude(cases[i].k, strlen(cases[i].k)) != cases[i].e)
            fail_msg("magnitude(%s) != %d", cases[i].k, cases[i].e);
}

/* Every magnitude key with its power, and what is near them: each key's prefixes, the key and a
   byte, the key with one byte changed or upper case. Only a listed key has a magnitude. */
static const struct {
    const char *k;
    int e;
} MAGS[] = {{"thousand", 3}, {"thousands", 3}, {"k", 3},         {"grand", 3},    {"hundred", 2},
            {"lakh", 5},     {"lakhs", 5},     {"lac", 5},       {"lacs", 5},     {"million", 6},
            {"millions", 6}, {"m", 6},         {"mn", 6},        {"mln", 6},      {"mio", 6},
            {"mm", 6},       {"crore", 7},     {"crores", 7},    {"cr", 7},       {"billion", 9},
            {"billions", 9}, {"bn", 9},        {"b", 9},         {"bln", 9},      {"mrd", 9},
            {"bil", 9},      {"trillion", 12}, {"trillions", 12}, {"tn", 12},     {"trn", 12},
            {"tln", 12}};

static int mag_ref(const char *k, size_t n) {
    for (size_t i = 0; i < sizeof MAGS / sizeof MAGS[0]; i++)
        if (strlen(MAGS[i].k) == n && memcmp(MAGS[i].k, k, n) == 0)
            return MAGS[i].e;
    return 0;
}

static void test_magnitude_all(void **st) {
    (void)st;
    char buf[16];
    for (size_t i = 0; i < sizeof MAGS / sizeof MAGS[0]; i++) {
        size_t n = strlen(MAGS[i].k);
        memcpy(buf, MAGS[i].k, n + 1);
        assert_int_equal(nm__number_magnitude(buf, n), MAGS[i].e);
        for (size_t l = 0; l < n; l++) /* prefixes: "mil", "thousan" */
            assert_int_equal(nm__number_magnitude(buf, l), mag_ref(buf, l));
        buf[n] = 's';
        assert_int_equal(nm__number_magnitude(buf, n + 1), mag_ref(buf, n + 1));
        buf[n] = 'x';
        assert_int_equal(nm__number_magnitude(buf, n + 1), 0);
        for (size_t b = 0; b < n; b++) {
            char keep = buf[b];
            buf[b] = (char)(keep - 32); /* upper case: keys are folded before they come here */
            assert_int_equal(nm__number_magnitude(buf, n), 0);
            buf[b] = 'q';
            assert_int_equal(nm__number_magnitude(buf, n), mag_ref(buf, n));
            buf[b] = keep;
        }
    }
    assert_int_equal(nm__number_magnitude("trillionss", 10), 0);
    assert_int_equal(nm__number_magnitude("", 0), 0);
}

/* Splits s at spaces into tokens whose norm is the word. */
static size_t make_tokens(const char *s, nm_token *tok, size_t cap) {
    size_t n = 0, i = 0, len = strlen(s);
    while (i < len && n < cap) {
        while (i < len && s[i] == ' ')
            i++;
        size_t b = i;
        while (i < len && s[i] != ' ')
            i++;
        if (i > b) {
            memset(&tok[n], 0, sizeof tok[n]);
            tok[n].start = (uint32_t)b;
            tok[n].end = (uint32_t)i;
            tok[n].norm.ptr = s + b;
            tok[n].norm.len = i - b;
            n++;
        }
    }
    return n;
}

static void check_words(const char *s, size_t want_used, uint64_t mant, int32_t exp) {
    nm_token tok[32];
    size_t n = make_tokens(s, tok, 32);
    nm_decimal d = {99, 99};
    size_t used = nm__number_words(tok, n, &d);
    if (used != want_used)
        fail_msg("\"%s\": consumed %zu tokens, want %zu", s, used, want_used);
    if (want_used && (d.mant != mant || d.exp != exp))
        fail_msg("\"%s\": {%llu,%d}, want {%llu,%d}", s, (unsigned long long)d.mant, d.exp,
                 (unsigned long long)mant, exp);
}

/* Every number word has its value through the hashed table, and keys that share a slot's
   hash bytes or a word's prefix are none. */
static void test_word_values(void **st) {
    (void)st;
    static const char *const words[] = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", "twenty", "thirty", "forty", "fourty", "fifty", "sixty",
        "seventy", "eighty", "ninety", "hundred", "thousand", "dozen", "nil"};
    static const int64_t values[] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
                                     11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 30,
                                     40, 40, 50, 60, 70, 80, 90, 100, 1000, 12, 0};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        assert_int_equal(nm__number_word_value(words[k], strlen(words[k])), values[k]);
    static const char *const none[] = {"on", "onee", "tens", "thirtee", "Five", "fiftyy", "sixtee",
                                       "hundreds", "thousands", "nile", "twentyone", "seventeenn"};
    for (size_t k = 0; k < sizeof none / sizeof none[0]; k++)
        assert_int_equal(nm__number_word_value(none[k], strlen(none[k])), -1);
}

static void test_words(void **st) {
    (void)st;
    check_words("five", 1, 5, 0);
    check_words("five million euros", 2, 5, 6);
    check_words("one hundred and twenty dollars", 4, 12, 1);
    check_words("twenty-five", 1, 25, 0);
    check_words("twenty five", 2, 25, 0);
    check_words("two thousand five hundred", 4, 25, 2);
    check_words("half a billion dollars", 3, 5, 8);
    check_words("half a dollar", 2, 5, -1);
    check_words("a dozen eggs", 2, 12, 0);
    check_words("two dozen", 2, 24, 0);
    /* "half a dozen" is 6, not "half a" = 0.5 (a dozen needed a unit or tens before it) */
    check_words("half a dozen eggs", 3, 6, 0);
    check_words("a half dozen eggs", 3, 6, 0);
    check_words("half dozen", 2, 6, 0);
    check_words("a million", 2, 1, 6);
    check_words("a hundred and five", 4, 105, 0);
    check_words("one point three dollars", 3, 13, -1);
    check_words("one and a half million", 5, 15, 5);
    /* RV13: "and a half" after a scale word was left out ("a million" and then "a half") */
    check_words("a million and a half dollars", 5, 15, 5);
    check_words("two billion and a half", 5, 25, 8);
    /* MN: "of a million" after a fraction was left out ("a quarter" and then "a million") */
    check_words("a quarter of a million dollars", 5, 25, 4);
    check_words("three quarters of a million dollars", 5, 75, 4);
    check_words("three-quarters of a billion", 4, 75, 7);
    check_words("half of a million", 4, 5, 5);
    check_words("three quarters of the year", 1, 3, 0);
    check_words("three-quarters", 0, 0, 0);
    check_words("a quarter of all", 2, 25, -2);
    check_words("ten", 1, 1, 1);
    check_words("nineteen hundred", 2, 19, 2);
    check_words("three hundred million", 3, 3, 8);
    check_words("a quarter", 2, 25, -2);
    check_words("a dollar", 0, 0, 0);
    check_words("an apple", 0, 0, 0);
    check_words("and five", 0, 0, 0);
    check_words("five six", 1, 5, 0);
    check_words("twenty twenty", 1, 2, 1);
    check_words("five and", 1, 5, 0);
    check_words("one hundred and", 2, 1, 2);
    check_words("hundred", 0, 0, 0);
    check_words("", 0, 0, 0);
}

static void test_arith(void **st) {
    (void)st;
    nm_decimal a = {1344, -1};
    assert_int_equal(nm__decimal_scale(&a, 9), 1);
    assert_int_equal(a.mant, 1344);
    assert_int_equal(a.exp, 8);
    nm_decimal b = {20, 0};
    assert_int_equal(nm__decimal_add(&b, (nm_decimal){43, -2}), 1);
    assert_int_equal(b.mant, 2043);
    assert_int_equal(b.exp, -2);
    nm_decimal big = {UINT64_MAX, 0};
    nm_decimal keep = big;
    assert_int_equal(nm__decimal_add(&big, (nm_decimal){1, 0}), 0);
    assert_int_equal(big.mant, keep.mant);
    assert_int_equal(nm__decimal_mul(&big, (nm_decimal){2, 0}), 0);
    nm_decimal c = {5, -1};
    assert_int_equal(nm__decimal_mul(&c, (nm_decimal){4, 9}), 1);
    assert_int_equal(c.mant, 2);
    assert_int_equal(c.exp, 9);
    assert_int_equal(nm__decimal_cmp((nm_decimal){10, 0}, (nm_decimal){1, 1}), 0);
    assert_int_equal(nm__decimal_cmp((nm_decimal){7, 0}, (nm_decimal){9, 5}), -1);
    assert_int_equal(nm__decimal_cmp((nm_decimal){12, -1}, (nm_decimal){11, -1}), 1);
    assert_int_equal(nm__decimal_cmp((nm_decimal){0, 0}, (nm_decimal){1, -5}), -1);
    nm_decimal z = nm__decimal_norm((nm_decimal){0, 7});
    assert_int_equal(z.exp, 0);
}

/* nm_decimal_format's text for v, made another way: the mantissa's digits by snprintf, trailing
   zeros of a fraction dropped, then zeros appended or a point placed. -1 when the buffer is
   smaller than nm_decimal_format asks for (a fraction asks for its digits, its exponent's zeros,
   "0." and the NUL: up to 2 bytes more than it writes). */
static int ref_format(nm_decimal v, int negative, char *buf, size_t cap) {
    char d[32], out[1024];
    uint64_t m = v.mant;
    int32_t exp = v.exp;
    while (exp < 0 && m != 0 && m % 10 == 0)
        m /= 10, exp++;
    int nd = snprintf(d, sizeof d, "%llu", (unsigned long long)m);
    if (v.mant == 0)
        exp = 0, negative = 0;
    if (exp > 400 || exp < -400)
        return -1;
    char zeros[512];
    int nz = exp > 0 ? exp : exp < 0 && nd <= -exp ? -exp - nd : 0;
    memset(zeros, '0', (size_t)nz);
    zeros[nz] = 0;
    int o = snprintf(out, sizeof out, "%s", negative ? "-" : "");
    if (exp >= 0)
        o += snprintf(out + o, sizeof out - (size_t)o, "%s%s", d, zeros);
    else if (nd <= -exp)
        o += snprintf(out + o, sizeof out - (size_t)o, "0.%s%s", zeros, d);
    else
        o += snprintf(out + o, sizeof out - (size_t)o, "%.*s.%s", nd + exp, d, d + nd + exp);
    out[o] = 0;
    size_t need = (size_t)negative + (size_t)nd + 1 + (exp > 0 ? (size_t)exp : 0) +
                  (exp < 0 ? (size_t)-exp + 2 : 0);
    if (need > cap)
        return -1;
    memcpy(buf, out, (size_t)o + 1);
    return o;
}

/* Mantissas of every digit count (and with trailing zeros) at exponents -25..25, both signs, and
   every buffer size around the text's length: the same text and the same refusals. */
static void test_decimal_format(void **state) {
    (void)state;
    static const uint64_t mants[] = {0, 1, 5, 9, 10, 12, 50, 99, 100, 101, 1000, 1234, 98765,
                                     100000, 1203040, 99999999, 123456789012ull,
                                     10000000000000000000ull, 18446744073709551615ull,
                                     1844674407370955161ull};
    char got[512], want[512];
    for (size_t i = 0; i < sizeof mants / sizeof mants[0]; i++)
        for (int32_t e = -25; e <= 25; e++)
            for (int neg = 0; neg < 2; neg++) {
                nm_decimal v = {mants[i], e};
                int w = ref_format(v, neg, want, sizeof want);
                assert_true(w > 0);
                assert_int_equal(nm_decimal_format(v, neg, got, sizeof got), w);
                assert_string_equal(got, want);
                for (size_t cap = (size_t)w - 1; cap <= (size_t)w + 4; cap++) {
                    memset(got, 'x', sizeof got);
                    int r = nm_decimal_format(v, neg, got, cap);
                    assert_int_equal(r, ref_format(v, neg, want, cap));
                    if (r < 0)
                        assert_true(got[0] == 'x' && got[cap] == 'x'); /* nothing written */
                }
            }
    assert_int_equal(nm_decimal_format((nm_decimal){7, 401}, 0, got, sizeof got), -1);
    assert_int_equal(nm_decimal_format((nm_decimal){7, -401}, 0, got, sizeof got), -1);
    /* the exponent is checked after a fraction drops its trailing zeros: 7e-400 */
    assert_int_equal(nm_decimal_format((nm_decimal){700, -402}, 0, got, sizeof got), 402);
    /* negative is a truth value: a flag bit such as NM_MONEY_NEGATIVE (8) or -1 means "-", and
     * the room asked for is one byte for it, not the flag's value */
    assert_int_equal(nm_decimal_format((nm_decimal){5, 0}, NM_MONEY_NEGATIVE, got, 3), 2);
    assert_string_equal(got, "-5");
    memset(got, 'x', sizeof got);
    assert_int_equal(nm_decimal_format((nm_decimal){5, 0}, -1, got, 2), -1);
    assert_true(got[0] == 'x' && got[2] == 'x'); /* nothing written past the 2 bytes given */
    assert_int_equal(nm_decimal_format((nm_decimal){5, 0}, -1, got, 3), 2);
    assert_string_equal(got, "-5");
    /* the most negative exponent is refused without negating it (UBSan) */
    assert_int_equal(nm_decimal_format((nm_decimal){5, INT32_MIN}, 0, got, sizeof got), -1);
    assert_int_equal(nm_decimal_format((nm_decimal){5, INT32_MAX}, 0, got, sizeof got), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_grouping),
        cmocka_unit_test(test_parse_digit_runs),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_parse_all_fraction),
        cmocka_unit_test(test_magnitude),
        cmocka_unit_test(test_magnitude_all),
        cmocka_unit_test(test_word_values),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_arith),
        cmocka_unit_test(test_decimal_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
