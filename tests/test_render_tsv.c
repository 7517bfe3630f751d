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
    assert_int_equal(nm__render_tsv(rec, &b), NM_OK);
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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entity_money_keyword),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_money_forms),
        cmocka_unit_test(test_error_and_empty),
        cmocka_unit_test(test_through_render),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
