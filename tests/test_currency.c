/*
 * test_currency.c — the currency lexicon (pipeline/currency.c): lookups of symbols, codes,
 * names, wire forms and minor units, family context resolution, prefix queries, and the
 * errors a malformed table gives.
 */
#include <string.h>

#include "testutil.h"
#include "currency.h"

typedef struct ccase {
    const char *key;
    const char *iso;
    unsigned flags_set;
    int minor;
} ccase;

static const ccase cases[] = {
    {"$", "USD", NM__CUR_SYMBOL | NM__CUR_DEFAULT, 0},
    {"us$", "USD", NM__CUR_SYMBOL | NM__CUR_EXPLICIT, 0},
    {"a$", "AUD", NM__CUR_SYMBOL, 0},
    {"c$", "CAD", NM__CUR_SYMBOL, 0},
    {"hk$", "HKD", NM__CUR_SYMBOL, 0},
    {"€", "EUR", NM__CUR_SYMBOL, 0},
    {"£", "GBP", NM__CUR_SYMBOL | NM__CUR_DEFAULT, 0},
    {"¥", "JPY", NM__CUR_SYMBOL | NM__CUR_DEFAULT, 0},
    {"cn¥", "CNY", NM__CUR_SYMBOL, 0},
    {"₹", "INR", NM__CUR_SYMBOL, 0},
    {"usd", "USD", NM__CUR_CODE, 0},
    {"eur", "EUR", NM__CUR_CODE, 0},
    {"kwd", "KWD", NM__CUR_CODE, 0},
    {"dem", "DEM", NM__CUR_CODE, 0},
    {"euros", "EUR", NM__CUR_NAME, 0},
    {"dollars", "USD", NM__CUR_NAME | NM__CUR_DEFAULT, 0},
    {"dlrs", "USD", NM__CUR_NAME, 0},
    {"stg", "GBP", 0, 0},
    {"yen", "JPY", NM__CUR_NAME, 0},
    {"marks", "DEM", NM__CUR_NAME, 0},
    {"lire", "ITL", NM__CUR_NAME, 0},
    {"canadian dollars", "CAD", NM__CUR_NAME | NM__CUR_EXPLICIT, 0},
    {"swiss francs", "CHF", NM__CUR_NAME | NM__CUR_EXPLICIT, 0},
    {"pounds sterling", "GBP", NM__CUR_NAME, 0},
    {"kuwaiti dinar", "KWD", NM__CUR_NAME, 0},
    {"ringgit", "MYR", NM__CUR_NAME | NM__CUR_PREFIX, 0},
    {"cents", "USD", NM__CUR_MINOR, -2},
    {"cts", "USD", NM__CUR_MINOR, -2},
    {"pence", "GBP", NM__CUR_MINOR, -2},
    {"p", "GBP", NM__CUR_MINOR, -2},
    {"kopecks", "RUB", NM__CUR_MINOR, -2},
    {"kr", "", NM__CUR_DEFAULT, 0},
    {"pesos", "", NM__CUR_DEFAULT, 0},
    {"kronor", "SEK", NM__CUR_NAME, 0},
    {"roubles", "RUB", NM__CUR_NAME, 0},
    {"rubles", "RUB", NM__CUR_NAME, 0},
    {"hryvnias", "UAH", NM__CUR_NAME, 0},
    {"shekels", "ILS", NM__CUR_NAME, 0},
    {"reais", "BRL", NM__CUR_NAME, 0},
};

static int setup(void **state) {
    nm__currency_table *t = NULL;
    nm_error err;
    assert_int_equal(nm__currency_table_load(&t, &err), NM_OK);
    *state = t;
    return 0;
}

static int teardown(void **state) {
    nm__currency_table_free(*state);
    nm__currency_table_free(NULL);
    return 0;
}

static void test_lookups(void **state) {
    const nm__currency_table *t = *state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const nm__currency *c = nm__currency_find(t, cases[i].key, strlen(cases[i].key));
        if (c == NULL)
            fail_msg("\"%s\" not found", cases[i].key);
        if (strcmp(c->iso, cases[i].iso) != 0)
            fail_msg("\"%s\": iso \"%s\", want \"%s\"", cases[i].key, c->iso, cases[i].iso);
        if ((c->flags & cases[i].flags_set) != cases[i].flags_set)
            fail_msg("\"%s\": flags %#x lack %#x", cases[i].key, c->flags, cases[i].flags_set);
        if (c->minor != cases[i].minor)
            fail_msg("\"%s\": minor %d, want %d", cases[i].key, c->minor, cases[i].minor);
    }
    assert_null(nm__currency_find(t, "rounds", 6));
    assert_null(nm__currency_find(t, "", 0));
    assert_null(nm__currency_find(t, "canadian", 8));
    assert_null(nm__currency_find(t, "real", 4)); /* an English word: only "reais" */
    assert_true(nm__currency_max_key(t) >= strlen("trinidad and tobago dollars"));
}

static void test_prefix(void **state) {
    const nm__currency_table *t = *state;
    assert_int_equal(nm__currency_has_longer(t, "canadian", 8), 1);
    assert_int_equal(nm__currency_has_longer(t, "pounds", 6), 1); /* pounds sterling */
    assert_int_equal(nm__currency_has_longer(t, "euros", 5), 0);
    assert_int_equal(nm__currency_has_longer(t, "zzz", 3), 0);
    assert_int_equal(nm__currency_has_longer(t, "hong", 4), 1);
    assert_int_equal(nm__currency_has_longer(t, "hong kong", 9), 1);
}

static void test_context(void **state) {
    const nm__currency_table *t = *state;
    nm__currency_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    const nm__currency *bare = nm__currency_find(t, "$", 1);
    const nm__currency *cts = nm__currency_find(t, "cts", 3);
    const nm__currency *cad = nm__currency_find(t, "c$", 2);
    const nm__currency *usd = nm__currency_find(t, "us$", 3);
    const nm__currency *kr = nm__currency_find(t, "kr", 2);
    const nm__currency *sek = nm__currency_find(t, "swedish crowns", 14);
    const nm__currency *eur = nm__currency_find(t, "€", 3);
    assert_non_null(bare);
    assert_non_null(cts);
    assert_non_null(cad);
    assert_non_null(usd);
    assert_non_null(kr);
    assert_non_null(sek);
    assert_non_null(eur);
    assert_string_equal(nm__currency_resolve(bare, NULL), "USD");
    assert_string_equal(nm__currency_resolve(bare, &ctx), "USD");
    assert_string_equal(nm__currency_resolve(kr, &ctx), "");
    nm__currency_note(cad, &ctx);
    assert_string_equal(nm__currency_resolve(bare, &ctx), "CAD");
    assert_string_equal(nm__currency_resolve(cts, &ctx), "CAD"); /* cents follow the dollar */
    assert_string_equal(nm__currency_resolve(cad, &ctx), "CAD");
    nm__currency_note(usd, &ctx);
    assert_string_equal(nm__currency_resolve(bare, &ctx), "USD");
    nm__currency_note(sek, &ctx);
    assert_string_equal(nm__currency_resolve(kr, &ctx), "SEK");
    nm__currency_note(eur, &ctx); /* no family: no change */
    assert_string_equal(nm__currency_resolve(bare, &ctx), "USD");
}

/* Codes of the story's date: the older code before the change day, the current one from it. */
static void test_dated(void **state) {
    (void)state;
    assert_string_equal(nm__currency_dated("TRY", 19870226), "TRL");
    assert_string_equal(nm__currency_dated("TRY", 20041231), "TRL");
    assert_string_equal(nm__currency_dated("TRY", 20050101), "TRY");
    assert_string_equal(nm__currency_dated("TRY", 0), "TRY");
    assert_string_equal(nm__currency_dated("VES", 20071231), "VEB");
    assert_string_equal(nm__currency_dated("VES", 20180819), "VEF");
    assert_string_equal(nm__currency_dated("VES", 20180820), "VES");
    assert_string_equal(nm__currency_dated("RUB", 19910101), "SUR");
    assert_string_equal(nm__currency_dated("RUB", 19970101), "RUR");
    assert_string_equal(nm__currency_dated("USD", 19870101), "USD");
    assert_string_equal(nm__currency_dated("", 19870101), "");
}

static void test_malformed(void **state) {
    (void)state;
    nm__currency_table *t = (nm__currency_table *)1;
    nm_error err;
    static const char bad_fields[] = "# header\nusd\tUSD\tC\n";
    assert_int_equal(nm__currency_table_from(&t, bad_fields, sizeof bad_fields - 1, &err),
                     NM_ERR_INVALID);
    assert_null(t);
    assert_non_null(strstr(err.msg, "line 2"));
    static const char bad_flag[] = "usd\tUSD\tZ\t\t0\n";
    assert_int_equal(nm__currency_table_from(&t, bad_flag, sizeof bad_flag - 1, &err),
                     NM_ERR_INVALID);
    static const char bad_family[] = "usd\tUSD\tC\tnope\t0\n";
    assert_int_equal(nm__currency_table_from(&t, bad_family, sizeof bad_family - 1, &err),
                     NM_ERR_INVALID);
    assert_int_equal(nm__currency_table_from(&t, "", 0, &err), NM_ERR_INVALID);
    static const char good[] = "zz\tZZZ\tN\t\t0\naa\tAAA\tCX\tdollar\t-2\n";
    assert_int_equal(nm__currency_table_from(&t, good, sizeof good - 1, &err), NM_OK);
    const nm__currency *c = nm__currency_find(t, "aa", 2);
    assert_non_null(c);
    assert_string_equal(c->iso, "AAA");
    assert_int_equal(c->family, NM__FAM_DOLLAR);
    assert_int_equal(c->minor, -2);
    assert_int_equal(c->flags, NM__CUR_CODE | NM__CUR_EXPLICIT);
    assert_non_null(nm__currency_find(t, "zz", 2));
    assert_ptr_equal(nm__currency_at(t, 0), c); /* sorted */
    assert_null(nm__currency_at(t, 2));
    nm__currency_table_free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_context),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_dated),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
