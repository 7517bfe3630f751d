/*
 * test_render_tsv.c — the tsv rows of hand-built records: columns, \N for what does not apply,
 * COPY escaping of tab/newline/CR/backslash, money amounts and ranges, error rows.
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "render.h"

static nm_str S(const char *s) { return (nm_str){s, strlen(s)}; }

static void render_eq(const nm_record *rec, const char *want) {
    nm__buf b = {0};
    assert_int_equal(nm__render_tsv(rec, 0, &b), NM_OK);
    assert_int_equal(b.len, strlen(want));
    if (b.len > 0)
        assert_memory_equal(b.ptr, want, b.len);
    nm__buf_free(&b);
}

static void test_entity_money_keyword(void **state) {
    (void)state;
    nm_record rec = {0};
    rec.id = S("paris-summit");
    rec.id_is_string = 1;
    rec.text = S("Leaders met in Paris and pledged €50 billion.");
    nm_entity *e = NM__VEC_PUSH(rec.entities);
    assert_non_null(e);
    *e = (nm_entity){15, 20, NM_ENT_GPE, S("Paris")};
    nm_money *m = NM__VEC_PUSH(rec.money);
    assert_non_null(m);
    m->start = 33;
    m->end = 46;
    m->fields = NM_MONEY_AMOUNT;
    memcpy(m->currency, "EUR", 4);
    m->amount = (nm_decimal){50, 9};
    nm_keyword *k = NM__VEC_PUSH(rec.keywords);
    assert_non_null(k);
    *k = (nm_keyword){S("security guarantees"), 0.913};
    render_eq(&rec, "paris-summit\tentity\tGPE\t15\t20\tParis\tParis\t\\N\t\\N\n"
                    "paris-summit\tmoney\tMONEY\t33\t46\t€50 billion\t50000000000\tEUR\t\\N\n"
                    "paris-summit\tkeyword\t\\N\t\\N\t\\N\t\\N\tsecurity guarantees\t\\N\t0.913\n");
    nm__record_free(&rec);
}

static void test_escaping(void **state) {
    (void)state;
    nm_record rec = {0};
    rec.id = S("a\tb\\c");
    rec.text = (nm_str){"x\ny\rz\0w", 7};
    nm_entity *e = NM__VEC_PUSH(rec.entities);
    assert_non_null(e);
    *e = (nm_entity){0, 7, NM_ENT_ORG, S("")};
    render_eq(&rec, "a\\tb\\\\c\tentity\tORG\t0\t7\tx\\ny\\rz\xEF\xBF\xBDw\t\t\\N\t\\N\n");
    nm__record_free(&rec);
}

/* Rows after a record's first copy its escaped id from the first; a row whose text or norm
 * needs escaping, or whose span lies outside the text, is written field by field between
 * rows that are not. */
static void test_rows_after_first(void **state) {
    (void)state;
    nm_record rec = {0};
    rec.id = S("id\t7");
    rec.text = S("Paris\tLyon and Nice");
    static const nm_entity ents[] = {{0, 5, NM_ENT_GPE, {"Paris", 5}},
                                     {0, 10, NM_ENT_LOC, {"Paris Lyon", 10}},
                                     {15, 19, NM_ENT_GPE, {"Nice", 4}},
                                     {15, 99, NM_ENT_GPE, {"Nice", 4}},
                                     {6, 10, NM_ENT_GPE, {"Ly\\on", 5}}};
    for (size_t i = 0; i < sizeof ents / sizeof ents[0]; i++) {
        nm_entity *e = NM__VEC_PUSH(rec.entities);
        assert_non_null(e);
        *e = ents[i];
    }
    nm_keyword *k = NM__VEC_PUSH(rec.keywords);
    assert_non_null(k);
    *k = (nm_keyword){S("lyon"), 0.5};
    k = NM__VEC_PUSH(rec.keywords);
    assert_non_null(k);
    *k = (nm_keyword){S("a\nb"), 0.25};
    render_eq(&rec, "id\\t7\tentity\tGPE\t0\t5\tParis\tParis\t\\N\t\\N\n"
                    "id\\t7\tentity\tLOC\t0\t10\tParis\\tLyon\tParis Lyon\t\\N\t\\N\n"
                    "id\\t7\tentity\tGPE\t15\t19\tNice\tNice\t\\N\t\\N\n"
                    "id\\t7\tentity\tGPE\t15\t99\t\\N\tNice\t\\N\t\\N\n"
                    "id\\t7\tentity\tGPE\t6\t10\tLyon\tLy\\\\on\t\\N\t\\N\n"
                    "id\\t7\tkeyword\t\\N\t\\N\t\\N\t\\N\tlyon\t\\N\t0.5\n"
                    "id\\t7\tkeyword\t\\N\t\\N\t\\N\t\\N\ta\\nb\t\\N\t0.25\n");
    nm__record_free(&rec);
}

static void test_money_forms(void **state) {
    (void)state;
    nm_record rec = {0};
    rec.id = S("7");
    rec.text = S("between $5m and $10m, -$2.5m and 3 dollars or more");
    nm_money *m = NM__VEC_PUSH(rec.money);
    assert_non_null(m);
    *m = (nm_money){.start = 8, .end = 20, .fields = NM_MONEY_MIN | NM_MONEY_MAX,
                    .currency = "USD", .min = {5, 6}, .max = {10, 6}};
    m = NM__VEC_PUSH(rec.money);
    assert_non_null(m);
    *m = (nm_money){.start = 22, .end = 28, .fields = NM_MONEY_AMOUNT | NM_MONEY_NEGATIVE,
                    .currency = "USD", .amount = {25, 5}};
    m = NM__VEC_PUSH(rec.money);
    assert_non_null(m);
    *m = (nm_money){.start = 33, .end = 42, .fields = NM_MONEY_MIN, .amount = {0, 0},
                    .min = {3, 0}};
    render_eq(&rec, "7\tmoney\tMONEY\t8\t20\t$5m and $10m\t5000000..10000000\tUSD\t\\N\n"
                    "7\tmoney\tMONEY\t22\t28\t-$2.5m\t-2500000\tUSD\t\\N\n"
                    "7\tmoney\tMONEY\t33\t42\t3 dollars\t3..\t\\N\t\\N\n");
    nm__record_free(&rec);
}

static void test_error_and_empty(void **state) {
    (void)state;
    nm_record rec = {0};
    rec.id = S("bad");
    rec.error = S("invalid UTF-8 at byte 12\tx");
    render_eq(&rec, "bad\terror\t\\N\t\\N\t\\N\tinvalid UTF-8 at byte 12\\tx\t\\N\t\\N\t\\N\n");
    nm__record_free(&rec);

    nm_record empty = {0};
    empty.id = S("nothing");
    empty.text = S("no annotations here");
    render_eq(&empty, "");
    /* A span outside the text (a stage bug) prints \N rather than reading past the end. */
    nm_entity *e = NM__VEC_PUSH(empty.entities);
    assert_non_null(e);
    *e = (nm_entity){10, 99, NM_ENT_DATE, S("1994")};
    render_eq(&empty, "nothing\tentity\tDATE\t10\t99\t\\N\t1994\t\\N\t\\N\n");
    nm__record_free(&empty);
}

/* nm__render() with format tsv appends exactly these rows (no extra newline, no jsonl). */
static void test_through_render(void **state) {
    (void)state;
    nm_record rec = {0};
    rec.id = S("r");
    rec.text = S("Kyiv");
    nm_entity *e = NM__VEC_PUSH(rec.entities);
    assert_non_null(e);
    *e = (nm_entity){0, 4, NM_ENT_GPE, S("Kyiv")};
    nm_options opts;
    nm_options_default(&opts);
    opts.format = NM_OUTPUT_TSV;
    assert_int_equal(nm__render(&rec, &opts), NM_OK);
    const char *want = "r\tentity\tGPE\t0\t4\tKyiv\tKyiv\t\\N\t\\N\n";
    assert_int_equal(rec.out.len, strlen(want));
    assert_memory_equal(rec.out.ptr, want, rec.out.len);
    nm__record_free(&rec);
}

/* --tokens with -F tsv: a row per token after the annotations (kind token, its type, span, text
 * and norm; currency and score \N). The tokens were dropped silently. */
static void test_tokens(void **state) {
    (void)state;
    nm_record rec = {0};
    rec.id = S("t");
    rec.text = S("The\tEU");
    nm_entity *e = NM__VEC_PUSH(rec.entities);
    assert_non_null(e);
    *e = (nm_entity){4, 6, NM_ENT_ORG, S("European Union")};
    static const nm_token toks[] = {{.start = 0, .end = 3, .type = NM_TOK_WORD, .norm = {"the", 3}},
                                    {.start = 4, .end = 6, .type = NM_TOK_WORD}}; /* no norm */
    for (size_t i = 0; i < 2; i++) {
        nm_token *t = NM__VEC_PUSH(rec.tokens);
        assert_non_null(t);
        *t = toks[i];
    }
    nm_options opts;
    nm_options_default(&opts);
    opts.format = NM_OUTPUT_TSV;
    opts.emit_tokens = 1;
    assert_int_equal(nm__render(&rec, &opts), NM_OK);
    const char *want = "t\tentity\tORG\t4\t6\tEU\tEuropean Union\t\\N\t\\N\n"
                       "t\ttoken\tword\t0\t3\tThe\tthe\t\\N\t\\N\n"
                       "t\ttoken\tword\t4\t6\tEU\tEU\t\\N\t\\N\n";
    assert_int_equal(rec.out.len, strlen(want));
    assert_memory_equal(rec.out.ptr, want, rec.out.len);
    /* without --tokens: the annotation rows only */
    render_eq(&rec, "t\tentity\tORG\t4\t6\tEU\tEuropean Union\t\\N\t\\N\n");
    nm__record_free(&rec);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entity_money_keyword),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_rows_after_first),
        cmocka_unit_test(test_money_forms),
        cmocka_unit_test(test_error_and_empty),
        cmocka_unit_test(test_through_render),
        cmocka_unit_test(test_tokens),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
