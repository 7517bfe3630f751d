/*
 * test_stats.c — the mergeable aggregate file: exact counts and text, exact money sums,
 * merge(A, B) == merge(B, A) == stats(A ∪ B) byte for byte, and malformed files rejected with
 * the line number.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "stats.h"

static nm_str S(const char *s) {
    return (nm_str){s, strlen(s)};
}

static void add_entity(nm_record *r, uint32_t start, uint32_t end, int type, const char *norm) {
    nm_entity *e = NM__VEC_PUSH(r->entities);
    assert_non_null(e);
    *e = (nm_entity){start, end, (uint16_t)type, S(norm)};
}

static void add_money(nm_record *r, const char *cur, uint64_t mant, int32_t exp, uint32_t fields) {
    nm_money *m = NM__VEC_PUSH(r->money);
    assert_non_null(m);
    m->fields = fields;
    snprintf(m->currency, sizeof m->currency, "%s", cur);
    m->amount = (nm_decimal){mant, exp};
    m->min = (nm_decimal){mant, exp};
    m->max = (nm_decimal){mant + 1, exp};
}

static void add_keyword(nm_record *r, const char *term) {
    nm_keyword *k = NM__VEC_PUSH(r->keywords);
    assert_non_null(k);
    *k = (nm_keyword){S(term), 0.5};
}

/* Three documents: 0 and 1 form shard A, 2 (and an error record) shard B. */
static void make_docs(nm_record d[4]) {
    memset(d, 0, 4 * sizeof *d);
    d[0].id = S("a1");
    d[0].text = S("The EU and the European Union met in Paris.");
    add_entity(&d[0], 4, 6, NM_ENT_ORG, "European Union");
    add_entity(&d[0], 15, 29, NM_ENT_ORG, "European Union");
    add_entity(&d[0], 37, 42, NM_ENT_GPE, "Paris");
    add_money(&d[0], "EUR", 1344, 8, NM_MONEY_AMOUNT);
    add_money(&d[0], "EUR", 5, -1, NM_MONEY_AMOUNT);
    add_keyword(&d[0], "european union");
    d[0].tokens.n = 0;

    d[1].id = S("a2");
    d[1].text = S("Paris\tpledged $3 and more.");
    add_entity(&d[1], 0, 5, NM_ENT_GPE, "Paris");
    add_entity(&d[1], 0, 5, NM_ENT_PERSON, "Tab\tName");
    add_money(&d[1], "USD", 3, 0, NM_MONEY_AMOUNT | NM_MONEY_NEGATIVE);
    add_money(&d[1], "", 7, 0, NM_MONEY_AMOUNT);
    add_keyword(&d[1], "pledge");
    add_keyword(&d[1], "european union");

    d[2].id = S("b1");
    d[2].text = S("Berlin and the EU: between €1 and €2.");
    add_entity(&d[2], 0, 6, NM_ENT_GPE, "Berlin");
    add_entity(&d[2], 15, 17, NM_ENT_ORG, "European Union");
    add_money(&d[2], "EUR", 1, 0, NM_MONEY_MIN | NM_MONEY_MAX);
    add_money(&d[2], "USD", 125, -2, NM_MONEY_AMOUNT);
    add_keyword(&d[2], "berlin");

    d[3].id = S("b2");
    d[3].error = S("invalid UTF-8 at byte 3");
}

static char *write_stats(const nm__stats *st) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(nm__stats_write(st, f), NM_OK);
    fclose(f);
    return buf;
}

static char *stats_of(nm_record *d, size_t n) {
    nm__stats *st = nm__stats_create();
    assert_non_null(st);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(nm__stats_add_record(st, &d[i], NULL), NM_OK);
    char *out = write_stats(st);
    nm__stats_destroy(st);
    return out;
}

static const char WANT_ALL[] = "newsmine-stats\t1\n"
                               "total\tdocs\t4\n"
                               "total\terrors\t1\n"
                               "total\tbytes\t110\n"
                               "total\ttokens\t0\n"
                               "entity\tGPE\t2\t2\tParis\n"
                               "entity\tGPE\t1\t1\tBerlin\n"
                               "entity\tORG\t2\t3\tEuropean Union\n"
                               "entity\tPERSON\t1\t1\tTab\\tName\n"
                               "money\tEUR\t2\t3\t134400000000.5\n"
                               "money\tUSD\t2\t2\t-1.75\n"
                               "money\tXXX\t1\t1\t7\n"
                               "keyword\t2\teuropean union\n"
                               "keyword\t1\tberlin\n"
                               "keyword\t1\tpledge\n";

static void test_build_exact(void **state) {
    (void)state;
    nm_record d[4];
    make_docs(d);
    char *all = stats_of(d, 4);
    assert_string_equal(all, WANT_ALL);
    free(all);
    for (int i = 0; i < 4; i++)
        nm__record_free(&d[i]);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *merge_texts(const char *const *texts, size_t n) {
    nm__stats *st = nm__stats_create();
    assert_non_null(st);
    for (size_t i = 0; i < n; i++) {
        nm_error err = {0};
        assert_int_equal(nm__stats_merge_text(st, texts[i], strlen(texts[i]), &err), NM_OK);
    }
    char *out = write_stats(st);
    nm__stats_destroy(st);
    return out;
}

static void test_merge_is_exact_and_order_free(void **state) {
    (void)state;
    nm_record d[4];
    make_docs(d);
    char *a = stats_of(d, 2), *b = stats_of(d + 2, 2), *all = stats_of(d, 4);
    const char *ab[] = {a, b}, *ba[] = {b, a}, *one[] = {all};
    char *m1 = merge_texts(ab, 2), *m2 = merge_texts(ba, 2), *m3 = merge_texts(one, 1);
    assert_string_equal(m1, all);
    assert_string_equal(m2, all);
    assert_string_equal(m3, all); /* read back and written again: a fixed point */
    /* Each document in its own shard gives the same again. */
    char *parts[4];
    for (int i = 0; i < 4; i++)
        parts[i] = stats_of(d + i, 1);
    const char *pp[] = {parts[3], parts[1], parts[0], parts[2]};
    char *m4 = merge_texts(pp, 4);
    assert_string_equal(m4, WANT_ALL);
    /* The shards concatenated, then their lines sorted (a Hadoop reducer's input), in one go. */
    size_t cat_len = 0;
    for (int i = 0; i < 4; i++)
        cat_len += strlen(parts[i]);
    char *cat = malloc(cat_len + 1), *lines[64];
    assert_non_null(cat);
    cat[0] = '\0';
    for (int i = 0; i < 4; i++)
        strcat(cat, parts[i]);
    const char *one_cat[] = {cat};
    char *m5 = merge_texts(one_cat, 1);
    assert_string_equal(m5, WANT_ALL);
    size_t nl = 0;
    for (char *tok = strtok(cat, "\n"); tok && nl < 64; tok = strtok(NULL, "\n"))
        lines[nl++] = tok;
    qsort(lines, nl, sizeof *lines, cmp_str);
    char *sorted = malloc(cat_len + 1);
    assert_non_null(sorted);
    sorted[0] = '\0';
    for (size_t i = 0; i < nl; i++)
        strcat(strcat(sorted, lines[i]), "\n");
    const char *one_sorted[] = {sorted};
    char *m6 = merge_texts(one_sorted, 1);
    assert_string_equal(m6, WANT_ALL);
    free(cat), free(sorted), free(m5), free(m6);
    for (int i = 0; i < 4; i++) {
        free(parts[i]);
        nm__record_free(&d[i]);
    }
    free(a), free(b), free(all), free(m1), free(m2), free(m3), free(m4);
}

static void test_empty_and_malformed(void **state) {
    (void)state;
    nm__stats *st = nm__stats_create();
    assert_non_null(st);
    char *empty = write_stats(st);
    assert_string_equal(empty, "newsmine-stats\t1\ntotal\tdocs\t0\ntotal\terrors\t0\n"
                               "total\tbytes\t0\ntotal\ttokens\t0\n");
    free(empty);
    nm_error err = {0};
    const char *bad_magic = "newsmine-stats\t2\n";
    assert_int_equal(nm__stats_merge_text(st, bad_magic, strlen(bad_magic), &err), NM_ERR_MODEL);
    assert_int_equal(err.pos, 1);
    const char *no_magic = "total\tdocs\t3\n";
    assert_int_equal(nm__stats_merge_text(st, no_magic, strlen(no_magic), &err), NM_ERR_MODEL);
    const char *bad_count = "newsmine-stats\t1\ntotal\tdocs\t3\nentity\tGPE\tx\t1\tParis\n";
    assert_int_equal(nm__stats_merge_text(st, bad_count, strlen(bad_count), &err), NM_ERR_MODEL);
    assert_int_equal(err.pos, 3);
    assert_non_null(strstr(err.msg, "line 3"));
    const char *bad_money = "newsmine-stats\t1\nmoney\tEUR\t1\t1\t1.2.3\n";
    assert_int_equal(nm__stats_merge_text(st, bad_money, strlen(bad_money), &err), NM_ERR_MODEL);
    assert_int_equal(nm__stats_merge_text(st, "", 0, &err), NM_ERR_MODEL);
    /* 39-digit totals overflow 128 bits: reported, never wrapped. */
    const char *huge =
        "newsmine-stats\t1\nmoney\tEUR\t1\t1\t999999999999999999999999999999999999999\n";
    assert_int_equal(nm__stats_merge_text(st, huge, strlen(huge), &err), NM_ERR_MODEL);
    const char *big =
        "newsmine-stats\t1\nmoney\tEUR\t1\t1\t99999999999999999999999999999999999999\n";
    assert_int_equal(nm__stats_merge_text(st, big, strlen(big), &err), NM_OK);
    assert_int_equal(nm__stats_merge_text(st, big, strlen(big), &err), NM_ERR_INVALID);
    /* A total of 0 let the shared exponent step down 38 digits at a time: 0.<113 zeros>1 was
     * written as an empty total, and 0.<75 zeros>1 as a total no merge could read back. */
    char fine[200];
    size_t h = (size_t)snprintf(fine, sizeof fine, "newsmine-stats\t1\nmoney\tEUR\t1\t1\t0.");
    memset(fine + h, '0', 38);
    memcpy(fine + h + 38, "\n", 2);
    nm__stats_destroy(st);
    st = nm__stats_create();
    assert_non_null(st);
    assert_int_equal(nm__stats_merge_text(st, fine, strlen(fine), &err), NM_OK);
    memset(fine + h, '0', 75);
    memcpy(fine + h + 75, "1\n", 3);
    assert_int_equal(nm__stats_merge_text(st, fine, strlen(fine), &err), NM_ERR_INVALID);
    /* So are the totals: 2^64-1 + 1 documents were written back as "total docs 0". */
    const char *max_docs = "newsmine-stats\t1\ntotal\tdocs\t18446744073709551615\n";
    const char *one_doc = "newsmine-stats\t1\ntotal\tdocs\t1\n";
    nm__stats_destroy(st);
    st = nm__stats_create();
    assert_non_null(st);
    assert_int_equal(nm__stats_merge_text(st, max_docs, strlen(max_docs), &err), NM_OK);
    assert_int_equal(nm__stats_merge_text(st, one_doc, strlen(one_doc), &err), NM_ERR_INVALID);
    nm__stats_destroy(st);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_exact),
        cmocka_unit_test(test_merge_is_exact_and_order_free),
        cmocka_unit_test(test_empty_and_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
