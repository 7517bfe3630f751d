/*
 * test_doc_date.c — the record's date read as year, month and day (pipeline/doc_date.c): each
 * form doc_date.h lists (ISO 8601 extended and basic, Reuters wire style, RFC 2822, the English
 * forms), days that do not exist and text that is no date leave the outputs as they were, and
 * the digit and calendar helpers the entities stage shares.
 */
#include <string.h>

#include "testutil.h"
#include "doc_date.h"

typedef struct dcase {
    const char *text;
    int y, m, d; /* -1: left as it was */
} dcase;

static void check(const dcase *c) {
    int y = -1, m = -1, d = -1;
    nm__doc_date_parse(c->text, strlen(c->text), &y, &m, &d);
    if (y != c->y || m != c->m || d != c->d)
        fail_msg("\"%s\": %d-%d-%d, want %d-%d-%d", c->text, y, m, d, c->y, c->m, c->d);
}

/* Every form the header names gives the same day. */
static void test_forms(void **state) {
    (void)state;
    static const dcase cases[] = {
        {"2025-09-04", 2025, 9, 4},
        {"2025-09-04T10:00:00Z", 2025, 9, 4},
        {"20250904", 2025, 9, 4},
        {"20250904T100000Z", 2025, 9, 4},
        {"26-FEB-1987 15:01:01.79", 1987, 2, 26},
        {"Thu, 04 Sep 2025 10:00:00 +0000", 2025, 9, 4},
        {"4 September 2025", 2025, 9, 4},
        {"Sep 4, 2025", 2025, 9, 4},
        {"Sep 4 2025", 2025, 9, 4},
        {"Sept. 4, 2025", 2025, 9, 4},
        {"SEP 4, 2025", 2025, 9, 4},
        {"Thursday, September 4, 2025", 2025, 9, 4},
        {"  2025-09-04", 2025, 9, 4}, /* leading spaces skipped */
        {"29 Feb 2024", 2024, 2, 29}, /* a leap day */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check(&cases[i]);
}

/* No day, or no date at all: the outputs keep their values (the callers' "none"). */
static void test_not_dates(void **state) {
    (void)state;
    static const dcase cases[] = {
        {"2025-02-30", -1, -1, -1},       /* no such day */
        {"29 Feb 2023", -1, -1, -1},      /* not a leap year */
        {"0999-01-01", -1, -1, -1},       /* years before 1000 are no news dates */
        {"2025-9-4", -1, -1, -1},         /* ISO needs two-digit month and day */
        {"202509041", -1, -1, -1},        /* nine digits */
        {"4-Sep 2025", -1, -1, -1},       /* one separator throughout */
        {"Foo 4, 2025", -1, -1, -1},      /* no month */
        {"4 Septembre 2025", -1, -1, -1}, /* English month names only */
        {"yesterday", -1, -1, -1},
        {"", -1, -1, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check(&cases[i]);
}

static void test_helpers(void **state) {
    (void)state;
    assert_int_equal(nm__digits_at("1987", 4), 1987);
    assert_int_equal(nm__digits_at("19a7", 4), -1);
    assert_int_equal(nm__digits_at("", 0), 0);
    assert_int_equal(nm__digits_run("1987-02", 7), 4);
    assert_int_equal(nm__digits_run("x1", 2), 0);
    assert_true(nm__valid_ymd(2000, 2, 29));  /* divisible by 400 */
    assert_false(nm__valid_ymd(1900, 2, 29)); /* by 100, not 400 */
    assert_true(nm__valid_ymd(1987, 12, 31));
    assert_false(nm__valid_ymd(1987, 4, 31));
    assert_false(nm__valid_ymd(1987, 13, 1));
    assert_false(nm__valid_ymd(0, 1, 1));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_not_dates),
        cmocka_unit_test(test_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
