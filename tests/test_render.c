/*
 * test_render.c — output records: JSON string escaping (control characters, quotes,
 * backslashes, UTF-8 passed through), exact decimals, the record shape, error records and
 * es-bulk action lines (long ids cut and hashed).
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "newsmine.h"
#include "render.h"
#include "stats.h"

static void assert_buf(const nm__buf *b, const char *expected) {
    size_t n = strlen(expected);
    if (b->len != n || memcmp(b->ptr, expected, n) != 0)
        fail_msg("got   %.*s\nwant  %s", (int)b->len, b->ptr, expected);
}

static void test_json_escaping(void **state) {
    (void)state;
    nm__buf b = {0};
    static const char in[] = "q\"b\\s/\n\r\t\b\f\x01\x1f\x7f caf\xC3\xA9 \xE2\x82\xAC";
    assert_int_equal(nm__json_put_str(&b, in, sizeof in - 1), NM_OK);
    assert_buf(&b, "\"q\\\"b\\\\s/\\n\\r\\t\\b\\f\\u0001\\u001f\x7f caf\xC3\xA9 \xE2\x82\xAC\"");
    b.len = 0;
    assert_int_equal(nm__json_put_str(&b, "a\0b", 3), NM_OK);
    assert_buf(&b, "\"a\\u0000b\"");
    b.len = 0;
    /* escapes past the first 16-byte block, at a block edge, and high bytes in a block */
    static const char lng[] = "0123456789abcdef\"23456789abcde\x80\xff\x1f";
    assert_int_equal(nm__json_put_str(&b, lng, sizeof lng - 1), NM_OK);
    assert_buf(&b, "\"0123456789abcdef\\\"23456789abcde\x80\xff\\u001f\"");
    b.len = 0;
    assert_int_equal(nm__json_put_str(&b, NULL, 0), NM_OK);
    assert_buf(&b, "\"\"");
    nm__buf_free(&b);
}

/* Every string length 0..40 with a quote, a control byte or no escape at every position, written
 * after existing content into a buffer whose spare capacity holds quotes: the escaped body
 * must match a byte-at-a-time reference, whatever lies in the buffer past the string. */
static void test_json_escaping_every_position(void **state) {
    (void)state;
    nm__buf b = {0};
    char in[41], want[41 * 6 + 8];
    for (size_t len = 0; len <= 40; len++) {
        for (size_t pos = 0; pos <= len; pos++) {
            for (int kind = 0; kind < 2; kind++) {
                for (size_t k = 0; k < len; k++)
                    in[k] = (char)('a' + k % 26);
                if (pos < len)
                    in[pos] = kind ? '\x02' : '"';
                size_t w = 0;
                want[w++] = '[';
                want[w++] = '"';
                for (size_t k = 0; k < len; k++) {
                    if (in[k] == '"') {
                        want[w++] = '\\';
                        want[w++] = '"';
                    } else if (in[k] == '\x02') {
                        memcpy(want + w, "\\u0002", 6);
                        w += 6;
                    } else {
                        want[w++] = in[k];
                    }
                }
                want[w++] = '"';
                want[w] = '\0';
                b.len = 0;
                assert_int_equal(nm__buf_reserve(&b, 300), NM_OK);
                for (size_t k = 0; k < b.cap; k++)
                    b.ptr[k] = k % 2 ? '"' : 'x';
                b.ptr[b.len++] = '[';
                assert_int_equal(nm__json_put_str(&b, in, len), NM_OK);
                assert_buf(&b, want);
            }
        }
    }
    nm__buf_free(&b);
}

static void test_decimal_format(void **state) {
    (void)state;
    static const struct {
        uint64_t mant;
        int32_t exp;
        int neg;
        const char *want;
    } cases[] = {
        {1344, 8, 0, "134400000000"}, {5, -1, 0, "0.5"},    {50, -2, 0, "0.5"},
        {125000050, -2, 0, "1250000.5"}, {0, 3, 1, "0"},    {5, 6, 1, "-5000000"},
        {15, -3, 0, "0.015"},         {18446744073709551615ull, 0, 0, "18446744073709551615"},
        {7, 0, 0, "7"},               {100, -2, 0, "1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        int n = nm_decimal_format((nm_decimal){cases[i].mant, cases[i].exp}, cases[i].neg, buf,
                                  sizeof buf);
        assert_int_equal(n, (int)strlen(cases[i].want));
        assert_string_equal(buf, cases[i].want);
    }
    char tiny[4];
    assert_int_equal(nm_decimal_format((nm_decimal){12345, 0}, 0, tiny, sizeof tiny), -1);
}

/* nm__format_g(x, prec) must print what "%.<prec>g" prints, for the edges and a fixed spread
 * over (0, 1] (every other value cubed, for small scores; with ties, every seventh an exact
 * prec-digit decimal moved by -half, 0 or +half a unit in its last place). */
static void check_format_g(int prec, const double *edge, size_t nedge, int ties) {
    char a[64], b[64];
    for (size_t i = 0; i < nedge; i++) {
        int n = prec == 4 ? nm__format_score(edge[i], a) : nm__format_g(edge[i], prec, a);
        a[n] = 0;
        snprintf(b, sizeof b, "%.*g", prec, edge[i]);
        assert_string_equal(a, b);
    }
    uint64_t s = 88172645463325252ull; /* xorshift64 */
    for (int i = 0; i < 2000000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        double x = (double)(s >> 11) / 9007199254740992.0;
        if (i & 1)
            x = x * x * x; /* also small scores */
        if (ties && i % 7 == 0)
            x = (double)(s % 1000000 + 1) / 1e6 + (double)((int)(s >> 40) % 3 - 1) * 5e-7;
        int n = prec == 4 ? nm__format_score(x, a) : nm__format_g(x, prec, a);
        a[n] = 0;
        snprintf(b, sizeof b, "%.*g", prec, x);
        if (strcmp(a, b) != 0)
            fail_msg("%.17g: %s, printf %s", x, a, b);
    }
}

/* nm__format_score (the jsonl score) must print what "%.4g" prints. */
static void test_score_format_matches_printf(void **state) {
    (void)state;
    static const double edge[] = {1.0,     0.99995, 0.999949999, 0.099995, 0.0999949,
                                  0.1,     0.5,     0.12345,     0.00012345, 0.0001,
                                  9.9999e-5, 1e-9,  0.0,         2.5,        9.99951,
                                  0.00999951, 0.123456789, 1.0 / 3.0, 2.0 / 3.0, 0.00105};
    check_format_g(4, edge, sizeof edge / sizeof edge[0], 0);
}

/* nm__format_g(x, 6) (the tsv score) must print what "%.6g" prints. */
static void test_format_g6_matches_printf(void **state) {
    (void)state;
    static const double edge[] = {1.0,       0.9999995,  0.99999949999, 0.09999995, 0.0999999499,
                                  0.1,       0.5,        0.1234565,     0.000123456, 0.0001,
                                  9.99999e-5, 1e-9,      0.0,           2.5,         9.999995,
                                  0.009999995, 0.123456789, 1.0 / 3.0,  2.0 / 3.0,   0.00100005,
                                  0.1234575, 0.0012345650, 12.5,        -0.5};
    check_format_g(6, edge, sizeof edge / sizeof edge[0], 1);
}

/* The escaping writers test bytes as they copy them (nm__copy_flagged: overlapping halves for
 * short strings, a last window for long ones): one byte to escape at every position of every
 * length to 40, or none, must come out as a byte-at-a-time escaper writes it. */
static void test_escape_at_every_position(void **state) {
    (void)state;
    static const char special[] = {'"', '\\', '\n', '\t', '\r', 0x01, 0x1F, '\0'};
    char in[48];
    for (size_t len = 0; len <= 40; len++)
        for (size_t pos = 0; pos <= len; pos++) /* pos == len: nothing to escape */
            for (size_t c = 0; c < sizeof special; c++) {
                for (size_t k = 0; k < len; k++)
                    in[k] = (char)('a' + k % 26);
                if (pos < len)
                    in[pos] = special[c];
                char want[512];
                size_t w = 0;
                want[w++] = '"';
                for (size_t k = 0; k < len; k++) {
                    unsigned char ch = (unsigned char)in[k];
                    if (ch == '"' || ch == '\\')
                        w += (size_t)sprintf(want + w, "\\%c", ch);
                    else if (ch == '\n')
                        w += (size_t)sprintf(want + w, "\\n");
                    else if (ch == '\t')
                        w += (size_t)sprintf(want + w, "\\t");
                    else if (ch == '\r')
                        w += (size_t)sprintf(want + w, "\\r");
                    else if (ch < 0x20)
                        w += (size_t)sprintf(want + w, "\\u%04x", ch);
                    else
                        want[w++] = (char)ch;
                }
                want[w++] = '"';
                nm__buf b = {0};
                assert_int_equal(nm__json_put_str(&b, in, len), NM_OK);
                assert_int_equal(b.len, w);
                assert_memory_equal(b.ptr, want, w);
                /* tsv: \t \n \r \\ escaped, NUL as U+FFFD, the rest as is */
                w = 0;
                for (size_t k = 0; k < len; k++) {
                    char ch = in[k];
                    if (ch == '\t' || ch == '\n' || ch == '\r' || ch == '\\') {
                        want[w++] = '\\';
                        want[w++] = ch == '\t' ? 't' : ch == '\n' ? 'n' : ch == '\r' ? 'r' : '\\';
                    } else if (ch == '\0') {
                        memcpy(want + w, "\xEF\xBF\xBD", 3);
                        w += 3;
                    } else {
                        want[w++] = ch;
                    }
                }
                b.len = 0;
                assert_int_equal(nm__tsv_put_field(&b, in, len), NM_OK);
                assert_int_equal(b.len, w);
                if (w > 0)
                    assert_memory_equal(b.ptr, want, w);
                nm__buf_free(&b);
            }
}

static void make_record(nm_record *r, const char *text) {
    memset(r, 0, sizeof *r);
    r->text = (nm_str){text, strlen(text)};
    r->id = (nm_str){"doc-1", 5};
    r->id_is_string = 1;
}

static void test_full_record_shape(void **state) {
    (void)state;
    nm_options o;
    nm_options_default(&o);
    nm_record r;
    make_record(&r, "In Paris, \xE2\x82\xAC" "50 billion.");
    r.meta_raw[NM__META_TITLE] = (nm_str){"\"T\"", 3};
    nm_token *t = NM__VEC_PUSH(r.tokens);
    t->start = 0, t->end = 2;
    nm_sentence *s = NM__VEC_PUSH(r.sentences);
    s->end = 24;
    nm_entity *e = NM__VEC_PUSH(r.entities);
    *e = (nm_entity){.start = 3, .end = 8, .type = NM_ENT_GPE, .norm = {"Paris", 5}};
    nm_money *m = NM__VEC_PUSH(r.money);
    *m = (nm_money){.start = 10, .end = 23, .fields = NM_MONEY_AMOUNT, .currency = "EUR",
                    .amount = {5, 10}};
    nm_money *m2 = NM__VEC_PUSH(r.money);
    *m2 = (nm_money){.start = 10, .end = 23, .fields = NM_MONEY_MIN | NM_MONEY_MAX,
                     .min = {3, 9}, .max = {5, 9}, .qualifier = {"about", 5}};
    nm_keyword *k = NM__VEC_PUSH(r.keywords);
    *k = (nm_keyword){{"paris", 5}, 0.913};
    assert_int_equal(nm__render(&r, &o), NM_OK);
    assert_buf(&r.out,
               "{\"id\":\"doc-1\",\"meta\":{\"title\":\"T\"},\"stats\":{\"bytes\":24,\"tokens\":1,"
               "\"sentences\":1},\"entities\":[{\"type\":\"GPE\",\"text\":\"Paris\",\"start\":3,"
               "\"end\":8,\"norm\":\"Paris\"}],\"money\":[{\"text\":\"\xE2\x82\xAC" "50 billion\","
               "\"start\":10,\"end\":23,\"amount\":50000000000,\"currency\":\"EUR\"},{\"text\":"
               "\"\xE2\x82\xAC" "50 billion\",\"start\":10,\"end\":23,\"min\":3000000000,"
               "\"max\":5000000000,\"currency\":null,\"qualifier\":\"about\"}],\"keywords\":"
               "[{\"term\":\"paris\",\"score\":0.913}]}\n");
    nm__record_free(&r);
}

/* Entities and keywords are written with one reservation each; one whose text, norm or term
 * needs escaping falls back to piece-by-piece writing, with the same bytes and commas. */
static void test_entities_keywords_escape_fallback(void **state) {
    (void)state;
    nm_options o;
    nm_options_default(&o);
    nm_record r;
    make_record(&r, "The \"Big\" Bank of a\\b and a very long name of some company ltd");
    nm_entity *e = NM__VEC_PUSH(r.entities);
    *e = (nm_entity){.start = 0, .end = 3, .type = NM_ENT_ORG, .norm = {"the", 3}};
    e = NM__VEC_PUSH(r.entities);
    *e = (nm_entity){.start = 4, .end = 9, .type = NM_ENT_WORK_OF_ART, .norm = {"big", 3}};
    e = NM__VEC_PUSH(r.entities);
    *e = (nm_entity){.start = 10, .end = 14, .type = NM_ENT_ORG, .norm = {"a\"b", 3}};
    e = NM__VEC_PUSH(r.entities);
    *e = (nm_entity){.start = 18, .end = 21, .type = 999, .norm = {"a\\b", 3}};
    e = NM__VEC_PUSH(r.entities);
    *e = (nm_entity){.start = 26, .end = 62, .type = NM_ENT_ORG,
                     .norm = {"a very long name of some company ltd", 36}};
    nm_keyword *k = NM__VEC_PUSH(r.keywords);
    *k = (nm_keyword){{"x\ty", 3}, 0.5};
    k = NM__VEC_PUSH(r.keywords);
    *k = (nm_keyword){{"bank", 4}, 0.25};
    r.out.len = 0;
    assert_int_equal(nm__render(&r, &o), NM_OK);
    assert_buf(&r.out,
               "{\"id\":\"doc-1\",\"stats\":{\"bytes\":62,\"tokens\":0,\"sentences\":0},"
               "\"entities\":[{\"type\":\"ORG\",\"text\":\"The\",\"start\":0,\"end\":3,"
               "\"norm\":\"the\"},{\"type\":\"WORK_OF_ART\",\"text\":\"\\\"Big\\\"\",\"start\":4,"
               "\"end\":9,\"norm\":\"big\"},{\"type\":\"ORG\",\"text\":\"Bank\",\"start\":10,"
               "\"end\":14,\"norm\":\"a\\\"b\"},{\"type\":\"\",\"text\":\"a\\\\b\",\"start\":18,"
               "\"end\":21,\"norm\":\"a\\\\b\"},{\"type\":\"ORG\",\"text\":"
               "\"a very long name of some company ltd\",\"start\":26,\"end\":62,"
               "\"norm\":\"a very long name of some company ltd\"}],\"money\":[],"
               "\"keywords\":[{\"term\":\"x\\ty\",\"score\":0.5},{\"term\":\"bank\","
               "\"score\":0.25}]}\n");
    nm__record_free(&r);
}

/* SPEC.md's list of entity types, written out here rather than taken from the code: the test
 * below compared render.c's table with nm_entity_type_name only, so a type dropped from (or
 * MONEY added to) the one list both read passed. */
static const char *spec_type_name(int type) {
    switch (type) {
    case NM_ENT_PERSON: return "PERSON";
    case NM_ENT_NORP: return "NORP";
    case NM_ENT_FAC: return "FAC";
    case NM_ENT_ORG: return "ORG";
    case NM_ENT_GPE: return "GPE";
    case NM_ENT_LOC: return "LOC";
    case NM_ENT_PRODUCT: return "PRODUCT";
    case NM_ENT_EVENT: return "EVENT";
    case NM_ENT_WORK_OF_ART: return "WORK_OF_ART";
    case NM_ENT_LAW: return "LAW";
    case NM_ENT_LANGUAGE: return "LANGUAGE";
    case NM_ENT_DATE: return "DATE";
    case NM_ENT_TIME: return "TIME";
    case NM_ENT_PERCENT: return "PERCENT";
    case NM_ENT_QUANTITY: return "QUANTITY";
    case NM_ENT_ORDINAL: return "ORDINAL";
    case NM_ENT_CARDINAL: return "CARDINAL";
    default: return NULL;
    }
}

/* Entity objects open with a block from render.c's own table of type names: every type (and
 * one past any) must read as SPEC.md names it (and as nm_entity_type_name does), "" when it has
 * no name; the 17 OntoNotes labels, no more (money is not repeated in entities). */
static void test_entity_type_names_agree(void **state) {
    (void)state;
    nm_options o;
    nm_options_default(&o);
    o.stages = NM_STAGE_ENTITIES;
    int named = 0;
    for (int ty = 0; ty < 70; ty++) {
        const char *spec = spec_type_name(ty), *lib = nm_entity_type_name(ty);
        if ((spec == NULL) != (lib == NULL) || (spec != NULL && strcmp(spec, lib) != 0))
            fail_msg("type %d: library names it %s, SPEC.md %s", ty, lib ? lib : "(none)",
                     spec ? spec : "(none)");
        named += spec != NULL;
        nm_record r;
        make_record(&r, "Acme Corp said");
        nm_entity *e = NM__VEC_PUSH(r.entities);
        *e = (nm_entity){.start = 0, .end = 4, .type = ty, .norm = {"Acme", 4}};
        assert_int_equal(nm__render(&r, &o), NM_OK);
        const char *name = spec;
        char want[256];
        snprintf(want, sizeof want,
                 "{\"id\":\"doc-1\",\"stats\":{\"bytes\":14,\"tokens\":0,\"sentences\":0},"
                 "\"entities\":[{\"type\":\"%s\",\"text\":\"Acme\",\"start\":0,\"end\":4,"
                 "\"norm\":\"Acme\"}]}\n",
                 name ? name : "");
        assert_buf(&r.out, want);
        nm__record_free(&r);
    }
    assert_int_equal(named, 17);
}

/* Money objects are written with one reservation; each bound must read as nm_decimal_format
 * writes it (whole values by put_bound's own digits, exponents past 40 by the piece-by-piece
 * fallback, as are texts and qualifiers that need escaping), with the same commas. */
static void test_money_bounds_and_fallbacks(void **state) {
    (void)state;
    static const nm_decimal vals[] = {
        {0, 0},  {0, 7},           {7, 0},         {7, 20},        {7, 21},
        {42, 3}, {4294967295u, 2}, {4294967296u, 0}, {18446744073709551615u, 1}, {125, -2},
        {50, -2}, {3, -40},        {3, -41},       {9, 40},        {9, 41},
        {1, 400}, {1, 401},        {0, -3}};
    nm_options o;
    nm_options_default(&o);
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
        for (int neg = 0; neg < 2; neg++)
            for (int q = 0; q < 3; q++) {
                nm_record r;
                make_record(&r, "about $5 \"x\"\n");
                nm_money *m = NM__VEC_PUSH(r.money);
                *m = (nm_money){.start = 6, .end = q == 2 ? 13 : 8,
                                .fields = NM_MONEY_AMOUNT | (neg ? NM_MONEY_NEGATIVE : 0),
                                .currency = "USD", .amount = vals[i]};
                if (q == 1)
                    m->qualifier = (nm_str){"a \"b\"", 5};
                nm_money *m2 = NM__VEC_PUSH(r.money);
                *m2 = (nm_money){.start = 0, .end = 5, .fields = NM_MONEY_MIN | NM_MONEY_MAX,
                                 .min = vals[i], .max = vals[(i + 1) % 18],
                                 .qualifier = {"about", 5}};
                o.stages = NM_STAGE_MONEY;
                assert_int_equal(nm__render(&r, &o), NM_OK);
                char a[600], lo[600], hi[600], want[2400];
                int na = nm_decimal_format(vals[i], neg, a, sizeof a);
                int nl = nm_decimal_format(vals[i], 0, lo, sizeof lo);
                int nh = nm_decimal_format(vals[(i + 1) % 18], 0, hi, sizeof hi);
                snprintf(want, sizeof want,
                         "{\"id\":\"doc-1\",\"stats\":{\"bytes\":13,\"tokens\":0,"
                         "\"sentences\":0},\"money\":[{\"text\":\"%s\",\"start\":6,"
                         "\"end\":%d,\"amount\":%s,\"currency\":\"USD\"%s},{\"text\":"
                         "\"about\",\"start\":0,\"end\":5,\"min\":%s,\"max\":%s,"
                         "\"currency\":null,\"qualifier\":\"about\"}]}\n",
                         q == 2 ? "$5 \\\"x\\\"\\n" : "$5", q == 2 ? 13 : 8,
                         na < 0 ? "null" : a, q == 1 ? ",\"qualifier\":\"a \\\"b\\\"\"" : "",
                         nl < 0 ? "null" : lo, nh < 0 ? "null" : hi);
                assert_buf(&r.out, want);
                nm__record_free(&r);
            }
}

/* Entity texts of 0 to 17 bytes at every start of a 24-byte text (so with 16 bytes of text
 * after them or not), with a byte to escape at every position or none, and a norm that is the
 * same span of the text, that span and the quote after it, or another string: the object
 * written (by the 16-byte vector path or the fallbacks) must be what nm__json_put_str makes
 * of its pieces. */
static void test_entity_text_every_span(void **state) {
    (void)state;
    nm_options o;
    nm_options_default(&o);
    o.stages = NM_STAGE_ENTITIES;
    char text[25];
    for (size_t start = 0; start <= 24; start++)
        for (size_t len = 0; len <= 17 && start + len <= 24; len++)
            for (size_t esc = 0; esc <= len; esc++) /* esc == len: nothing to escape */
                for (int same = 0; same < 3; same++) {
                    for (size_t k = 0; k < 24; k++)
                        text[k] = (char)('a' + k);
                    text[24] = '\0';
                    if (esc < len)
                        text[start + esc] = esc % 2 ? '"' : '\n';
                    size_t nl = len;
                    if (same == 2 && start + len < 24)
                        text[start + nl++] = '"';
                    nm_record r;
                    make_record(&r, text);
                    nm_entity *e = NM__VEC_PUSH(r.entities);
                    *e = (nm_entity){.start = (uint32_t)start, .end = (uint32_t)(start + len),
                                     .type = NM_ENT_GPE,
                                     .norm = same ? (nm_str){text + start, nl}
                                                  : (nm_str){"n\"orm", 5}};
                    assert_int_equal(nm__render(&r, &o), NM_OK);
                    nm__buf want = {0};
                    char num[64];
                    int nn = snprintf(num, sizeof num, ",\"start\":%zu,\"end\":%zu,\"norm\":",
                                      start, start + len);
                    static const char head[] = "{\"id\":\"doc-1\",\"stats\":{\"bytes\":24,"
                                               "\"tokens\":0,\"sentences\":0},\"entities\":"
                                               "[{\"type\":\"GPE\",\"text\":";
                    assert_int_equal(nm__buf_puts(&want, head), NM_OK);
                    assert_int_equal(nm__json_put_str(&want, text + start, len), NM_OK);
                    assert_int_equal(nm__buf_append(&want, num, (size_t)nn), NM_OK);
                    assert_int_equal(nm__json_put_str(&want, e->norm.ptr, e->norm.len), NM_OK);
                    assert_int_equal(nm__buf_puts(&want, "}]}\n"), NM_OK);
                    assert_int_equal(r.out.len, want.len);
                    assert_memory_equal(r.out.ptr, want.ptr, want.len);
                    nm__buf_free(&want);
                    nm__record_free(&r);
                }
}

static void test_error_record_and_number_id(void **state) {
    (void)state;
    nm_options o;
    nm_options_default(&o);
    nm_record r;
    make_record(&r, "");
    r.id = (nm_str){"42", 2};
    r.id_is_string = 0;
    r.error = (nm_str){"bad \"thing\"", 11};
    assert_int_equal(nm__render(&r, &o), NM_OK);
    assert_buf(&r.out, "{\"id\":42,\"error\":\"bad \\\"thing\\\"\"}\n");
    nm__record_free(&r);
}

static void test_stages_and_tokens_select_fields(void **state) {
    (void)state;
    nm_options o;
    nm_options_default(&o);
    o.stages = NM_STAGE_TOKENIZE | NM_STAGE_NORMALIZE | NM_STAGE_MONEY;
    o.emit_tokens = 1;
    nm_record r;
    make_record(&r, "Hi");
    nm_token *t = NM__VEC_PUSH(r.tokens);
    *t = (nm_token){.start = 0, .end = 2, .type = NM_TOK_WORD, .norm = {"hi", 2}};
    assert_int_equal(nm__render(&r, &o), NM_OK);
    assert_buf(&r.out, "{\"id\":\"doc-1\",\"stats\":{\"bytes\":2,\"tokens\":1,\"sentences\":0},"
                       "\"money\":[],\"tokens\":[{\"start\":0,\"end\":2,\"type\":\"word\","
                       "\"norm\":\"hi\"}]}\n");
    nm__record_free(&r);
}

static void test_repaired_text_is_carried(void **state) {
    (void)state;
    nm_options o;
    nm_options_default(&o);
    o.stages = NM_STAGE_TOKENIZE;
    nm_record r;
    make_record(&r, "a\xEF\xBF\xBD");
    r.text_repaired = 1;
    assert_int_equal(nm__render(&r, &o), NM_OK);
    assert_buf(&r.out, "{\"id\":\"doc-1\",\"text\":\"a\xEF\xBF\xBD\",\"stats\":{\"bytes\":4,"
                       "\"tokens\":0,\"sentences\":0}}\n");
    nm__record_free(&r);
}

static void test_es_bulk_action_line(void **state) {
    (void)state;
    nm_options o;
    nm_options_default(&o);
    o.format = NM_OUTPUT_ES_BULK;
    o.index_name = "wire";
    o.stages = NM_STAGE_TOKENIZE;
    nm_record r;
    make_record(&r, "x");
    assert_int_equal(nm__render(&r, &o), NM_OK);
    assert_buf(&r.out, "{\"index\":{\"_index\":\"wire\",\"_id\":\"doc-1\"}}\n{\"id\":\"doc-1\","
                       "\"stats\":{\"bytes\":1,\"tokens\":0,\"sentences\":0}}\n");
    /* An id over 512 bytes is cut before byte 495 and suffixed with a hash. */
    char longid[700];
    memset(longid, 'a', sizeof longid);
    r.id = (nm_str){longid, sizeof longid};
    r.out.len = 0;
    assert_int_equal(nm__render(&r, &o), NM_OK);
    const char *id = strstr(r.out.ptr, "\"_id\":\"") + 7;
    const char *q = strchr(id, '"');
    assert_int_equal(q - id, 495 + 17);
    assert_int_equal(id[495], '~');
    nm__record_free(&r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_escaping),
        cmocka_unit_test(test_json_escaping_every_position),
        cmocka_unit_test(test_decimal_format),
        cmocka_unit_test(test_score_format_matches_printf),
        cmocka_unit_test(test_format_g6_matches_printf),
        cmocka_unit_test(test_escape_at_every_position),
        cmocka_unit_test(test_full_record_shape),
        cmocka_unit_test(test_entities_keywords_escape_fallback),
        cmocka_unit_test(test_money_bounds_and_fallbacks),
        cmocka_unit_test(test_entity_type_names_agree),
        cmocka_unit_test(test_entity_text_every_span),
        cmocka_unit_test(test_error_record_and_number_id),
        cmocka_unit_test(test_stages_and_tokens_select_fields),
        cmocka_unit_test(test_repaired_text_is_carried),
        cmocka_unit_test(test_es_bulk_action_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
