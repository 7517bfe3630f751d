/*
 * test_ent_numex.c — the numeric rules of the entities stage (pipeline/ent_numex.c) and their
 * PCRE2 patterns: each pattern family with exact spans, types and norms (clock times with am/pm
 * and zones, numeric dates, percent forms, quantities with units), the token rules they sit
 * beside (month-name dates, year ranges), the match-limit path (skipped and counted, never an
 * error) and a pattern that does not compile (NM_ERR_REGEX naming the pattern and offset).
 * Each test runs tokenize + normalize + entities over a stack record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "ent_internal.h"
#include "record.h"
#include "regex.h"
#include "stage.h"

typedef nm_test_ent_fixture fixture; /* testutil.c: setup and teardown */

static nm_record *run_date(fixture *f, const char *text, const char *date) {
    nm__record_free(&f->rec);
    memset(&f->rec, 0, sizeof f->rec);
    nm_record *rec = &f->rec;
    rec->text = (nm_str){text, strlen(text)};
    if (date)
        rec->date = (nm_str){date, strlen(date)};
    nm_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(nm__stage_tokenize.process(NULL, NULL, rec, &err), NM_OK);
    assert_int_equal(nm__stage_normalize.process(f->norm_state, f->norm_shared, rec, &err), NM_OK);
    assert_int_equal(nm__stage_entities.process(f->ent_state, f->ent_shared, rec, &err), NM_OK);
    return rec;
}

static nm_record *run(fixture *f, const char *text) { return run_date(f, text, NULL); }

/* Asserts an entity of this type and norm (NULL: the text itself) at exactly text[start, end). */
static void expect_span(const nm_record *rec, const char *span, const char *type,
                        const char *norm) {
    const char *at = strstr(rec->text.ptr, span);
    assert_non_null(at);
    size_t start = (size_t)(at - rec->text.ptr), end = start + strlen(span);
    for (size_t i = 0; i < rec->entities.n; i++) {
        const nm_entity *e = &rec->entities.v[i];
        if (e->start == start && e->end == end) {
            assert_string_equal(nm_entity_type_name(e->type), type);
            const char *want = norm ? norm : span;
            assert_int_equal(e->norm.len, strlen(want));
            assert_memory_equal(e->norm.ptr, want, strlen(want));
            return;
        }
    }
    fprintf(stderr, "missing [%s %s]; have:", type, span);
    for (size_t i = 0; i < rec->entities.n; i++)
        fprintf(stderr, " [%s %.*s]", nm_entity_type_name(rec->entities.v[i].type),
                (int)(rec->entities.v[i].end - rec->entities.v[i].start),
                rec->text.ptr + rec->entities.v[i].start);
    fprintf(stderr, "\n");
    fail();
}

/* Asserts no entity covers the byte text[at] where span first occurs. */
static void expect_uncovered(const nm_record *rec, const char *span) {
    const char *at = strstr(rec->text.ptr, span);
    assert_non_null(at);
    size_t off = (size_t)(at - rec->text.ptr);
    for (size_t i = 0; i < rec->entities.n; i++)
        assert_false(rec->entities.v[i].start <= off && off < rec->entities.v[i].end);
}

/* Asserts no entity of this type covers the first byte of span. */
static void expect_not_type(const nm_record *rec, const char *span, int type) {
    const char *at = strstr(rec->text.ptr, span);
    assert_non_null(at);
    size_t off = (size_t)(at - rec->text.ptr);
    for (size_t i = 0; i < rec->entities.n; i++)
        assert_false(rec->entities.v[i].type == type && rec->entities.v[i].start <= off &&
                     off < rec->entities.v[i].end);
}

/* ---- clock times (RE_TIME) ---- */

static void test_time_am_pm_zones(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "Trading opens at 10:30 a.m. GMT on weekdays. The vote ends at "
                            "8:30 a.m. Eastern time and talks resume at 14:00 CET sharp.");
    expect_span(rec, "10:30 a.m. GMT", "TIME", NULL);
    expect_span(rec, "8:30 a.m. Eastern time", "TIME", NULL);
    expect_span(rec, "14:00 CET", "TIME", NULL);
    rec = run(f, "He left at 10am and returned at 3 p.m. local time with the 11:45:30 p.m. train.");
    expect_span(rec, "10am", "TIME", NULL);
    expect_span(rec, "3 p.m. local time", "TIME", NULL);
    expect_span(rec, "11:45:30 p.m.", "TIME", NULL);
}

static void test_time_hhmm_zone_is_no_year(void **state) {
    fixture *f = *state;
    /* Reuters writes clock times as four digits before a zone: no DATE "1430", no ORG "GMT" */
    nm_record *rec = run(f, "The market closed at 1430 GMT, and trading resumes (0930 EST) "
                            "at 1805 local time, as in 1990.");
    expect_span(rec, "1430 GMT", "TIME", NULL);
    expect_span(rec, "0930 EST", "TIME", NULL);
    expect_span(rec, "1805 local time", "TIME", NULL);
    expect_span(rec, "1990", "DATE", "1990");
    /* a number before a lower-case "am" word that is no clock stays a number */
    rec = run(f, "At 25 am I was not.");
    expect_uncovered(rec, "am I");
}

/* ---- numeric dates (RE_NUMDATE) ---- */

static void test_numeric_dates_iso_norms(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "Signed on 12/06/1996 in Geneva.");
    expect_span(rec, "12/06/1996", "DATE", "1996-12-06"); /* US order: month first */
    rec = run(f, "Signed on 06.12.1996 in Bonn.");
    expect_span(rec, "06.12.1996", "DATE", "1996-12-06"); /* dotted: day first */
    rec = run(f, "Signed on 13/10/1997 in Rome.");
    expect_span(rec, "13/10/1997", "DATE", "1997-10-13"); /* day over 12: day first */
    rec = run(f, "Signed on 1996/12/06 in Tokyo.");
    expect_span(rec, "1996/12/06", "DATE", "1996-12-06");
    rec = run(f, "Signed on 12/6/96 in Lima.");
    expect_span(rec, "12/6/96", "DATE", "1996-12-06");
    rec = run(f, "Filed 2024-05-01 and stamped 2024-05-01T10:30:00Z.");
    expect_span(rec, "2024-05-01", "DATE", "2024-05-01");
    expect_span(rec, "2024-05-01T10:30:00Z", "DATE", "2024-05-01T10:30:00Z");
    /* no such day: the text is kept as the norm */
    rec = run(f, "Dated 02/30/1996 by mistake, and 02/29/1996 rightly.");
    expect_span(rec, "02/30/1996", "DATE", "02/30/1996");
    expect_span(rec, "02/29/1996", "DATE", "1996-02-29");
}

static void test_token_rule_dates_unchanged(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "Leaders meet on Thursday, September 4, 2025, with funds from 2024 to "
                            "2027 after the 1994 Budapest Memorandum.");
    expect_span(rec, "Thursday, September 4, 2025", "DATE", "2025-09-04");
    expect_span(rec, "2024 to 2027", "DATE", "2024/2027");
    expect_span(rec, "1994", "DATE", "1994");
}

/* ---- season and fiscal years (RE_YEARSPAN) ---- */

static void test_season_year_spans(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "In the 2009-10 season and fiscal 2009/10, crops of 1998 \xe2\x80\x93 99 "
                            "rose.");
    expect_span(rec, "2009-10", "DATE", "2009/2010");
    expect_span(rec, "fiscal 2009/10", "DATE", "2009/2010"); /* test_fiscal_years */
    expect_span(rec, "1998 \xe2\x80\x93 99", "DATE", "1998/1999");
    /* four-digit years across a slash, SPEC's own "2024/2027" (it was two DATEs, and
       "2009/2010" the first year alone) */
    static const char *const slash[] = {"The plan for 2024/2027 was set.", "2024/2027",
                                        "The 2009/2010 season.", "2009/2010"};
    for (size_t k = 0; k < 4; k += 2)
        expect_span(run(f, slash[k]), slash[k + 1], "DATE", slash[k + 1]);
    /* the second number is not the next year: no span */
    rec = run(f, "It was not 2009-12 but 2009.");
    expect_span(rec, "2009", "DATE", "2009");
    expect_span(rec, "12", "CARDINAL", "12");
}

/* ---- duration adjectives (RE_DURATION) and centuries ---- */

static void test_durations_and_centuries(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "After a three-day visit they signed a 10-year plan and a "
                            "twenty-five-year lease for a 10-year-old school.");
    expect_span(rec, "three-day", "DATE", NULL);
    expect_span(rec, "10-year", "DATE", NULL);
    expect_span(rec, "twenty-five-year", "DATE", NULL);
    expect_uncovered(rec, "-old");
    /* an adjective is no end of a date range */
    rec = run(f, "Paper runs up to five years and 10-year paper may follow.");
    expect_span(rec, "five years", "DATE", NULL);
    expect_span(rec, "10-year", "DATE", NULL);
    rec = run(f, "Built in the 19th century and rebuilt in the twentieth century by "
                 "Twentieth Century Fox.");
    expect_span(rec, "19th century", "DATE", NULL);
    expect_span(rec, "twentieth century", "DATE", NULL);
    expect_not_type(rec, "Twentieth Century", NM_ENT_DATE); /* a name, not a date */
    expect_not_type(rec, "Century Fox", NM_ENT_DATE);
}

/* ---- percent forms (RE_PERCENT) ---- */

static void test_percent_forms(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "Inflation was 3.5% in May, 5 percent in June, 4.3 pct in July and "
                            "six per cent in August.");
    expect_span(rec, "3.5%", "PERCENT", "3.5%");
    expect_span(rec, "5 percent", "PERCENT", "5%");
    expect_span(rec, "4.3 pct", "PERCENT", "4.3%");
    expect_span(rec, "six per cent", "PERCENT", "6%");
    rec = run(f, "The bank cut rates by 25 basis points, or two percentage points over a year.");
    expect_span(rec, "25 basis points", "PERCENT", "0.25%");
    expect_span(rec, "two percentage points", "PERCENT", "2%");
    /* "percentage" alone is no percent */
    rec = run(f, "He owns 40 percentage shares.");
    expect_span(rec, "40", "CARDINAL", "40");
    /* the one-token forms read without PCRE2: any case, at the end of the text, and the
       numbers they follow printed as norms ("007" => "7", "3.50" => "3.5"; "2511" and "0.05"
       are their own) */
    static const char *const texts[] = {
        "Output rose 2500 PCT, 007 Percent and 12 %; 3 pct_a and 9 pct",
        "With 0 debt it had 2511 staff and 007 ships.",
        "Rates of 0.05 and 3.50 and 12.25 held; 1.5 pct more."};
    static const struct {
        int text;
        const char *span, *type, *norm;
    } quick[] = {{0, "2500 PCT", "PERCENT", "2500%"}, {0, "007 Percent", "PERCENT", "7%"},
                 {0, "12 %", "PERCENT", "12%"},       {0, "9 pct", "PERCENT", "9%"},
                 {1, "0", "CARDINAL", "0"},           {1, "2511", "CARDINAL", "2511"},
                 {1, "007", "CARDINAL", "7"},         {2, "0.05", "CARDINAL", "0.05"},
                 {2, "3.50", "CARDINAL", "3.5"},      {2, "12.25", "CARDINAL", "12.25"},
                 {2, "1.5 pct", "PERCENT", "1.5%"}};
    for (size_t k = 0; k < sizeof quick / sizeof quick[0]; k++) {
        if (k == 0 || quick[k].text != quick[k - 1].text)
            rec = run(f, texts[quick[k].text]);
        expect_span(rec, quick[k].span, quick[k].type, quick[k].norm);
    }
}

/* ---- quantities with units (RE_UNIT) ---- */

static void test_quantity_units(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "The convoy drove 40 km at 140 km/h to a 120-megawatt plant on a "
                            "35.4-meter mast.");
    expect_span(rec, "40 km", "QUANTITY", "40 km");
    expect_span(rec, "140 km/h", "QUANTITY", "140 km/h");
    expect_span(rec, "120-megawatt", "QUANTITY", "120 megawatt");
    expect_span(rec, "35.4-meter", "QUANTITY", "35.4 meter");
    rec = run(f, "Output rose to 2 million barrels a day and 1.1 million tonnes of grain over "
                 "300 square\nmiles; a 120 MW unit uses 550 kwh.");
    expect_span(rec, "2 million barrels", "QUANTITY", "2000000 barrels");
    expect_span(rec, "1.1 million tonnes", "QUANTITY", "1100000 tonnes");
    expect_span(rec, "300 square\nmiles", "QUANTITY", "300 square miles"); /* spacing collapsed */
    expect_span(rec, "120 MW", "QUANTITY", "120 MW");
    expect_span(rec, "550 kwh", "QUANTITY", "550 kwh");
    rec = run(f, "Output was 30,000 megawatt-hours, and the dividend 0.5 ounce of gold.");
    expect_span(rec, "30,000 megawatt-hours", "QUANTITY", "30000 megawatt-hours");
    expect_span(rec, "0.5 ounce", "QUANTITY", "0.5 ounce");
    rec = run(f, "It was 0 degrees F.\nThen 20 degrees Celsius, later 90 degrees Fahrenheit.");
    expect_span(rec, "0 degrees", "QUANTITY", "0 degrees"); /* "F." is an initial here */
    expect_span(rec, "20 degrees Celsius", "QUANTITY", "20 degrees Celsius");
    expect_span(rec, "90 degrees Fahrenheit", "QUANTITY", "90 degrees Fahrenheit");
}

static void test_quantity_needs_token_boundary(void **state) {
    fixture *f = *state;
    /* a unit inside a longer word, or a capitalised word, is no unit */
    nm_record *rec = run(f, "They ran 12 milestones with 3 Miles Davis records.");
    expect_span(rec, "12", "CARDINAL", "12");
    expect_span(rec, "3", "CARDINAL", "3");
}

/* ---- the match-limit path ---- */

static void test_match_limit_skips_and_counts(void **state) {
    fixture *f = *state;
    nm__ent_state *st = f->ent_state;
    /* the stage makes its worker's match state on first use; put a starved one in its place */
    nm__regex_worker *w = NULL;
    assert_int_equal(nm__regex_worker_create(&w, NULL, 1, 1), NM_OK);
    nm__regex_worker_free(st->rx);
    st->rx = w;
    nm_record *rec = run(f, "Rates rose at 10:30 a.m. GMT on 12/06/1996.");
    /* both matches were skipped, not errors: the token rules' plain forms remain (how much
       work a JIT match may do under a limit depends on the pattern, so only these two are
       pinned) */
    assert_int_equal(nm__regex_limit_hits(w), 2);
    expect_span(rec, "10:30", "TIME", NULL);
    expect_span(rec, "12/06/1996", "DATE", "12/06/1996");
    /* a normal worker again finds the full forms */
    nm__regex_worker_free(st->rx);
    st->rx = NULL;
    rec = run(f, "Rates rose 5 percent at 10:30 a.m. GMT over 40 km on 12/06/1996.");
    expect_span(rec, "5 percent", "PERCENT", "5%");
    expect_span(rec, "10:30 a.m. GMT", "TIME", NULL);
    expect_span(rec, "40 km", "QUANTITY", "40 km");
    expect_span(rec, "12/06/1996", "DATE", "1996-12-06");
}

/* ---- pattern compile failure ---- */

static void test_bad_pattern_is_a_clear_error(void **state) {
    (void)state;
    static const char *const pats[] = {"\\d+", "(?:km|miles", "x"};
    nm__regex *re = (nm__regex *)1;
    nm_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(nm__regex_compile(&re, pats, NULL, 3, &err), NM_ERR_REGEX);
    assert_null(re);
    assert_int_equal(err.code, NM_ERR_REGEX);
    assert_int_equal(err.pos, 11); /* the end of "(?:km|miles": missing ')' */
    assert_non_null(strstr(err.msg, "regex 1"));
    assert_non_null(strstr(err.msg, "offset 11"));
    assert_non_null(strstr(err.msg, "missing closing parenthesis"));
    /* too many groups for the worker's ovector */
    static const char *const many[] = {"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)(m)(n)(o)(p)"};
    memset(&err, 0, sizeof err);
    assert_int_equal(nm__regex_compile(&re, many, NULL, 1, &err), NM_ERR_REGEX);
    assert_null(re);
    assert_non_null(strstr(err.msg, "16 groups"));
    nm__regex_free(NULL);
    nm__regex_worker_free(NULL);
}

/* Norms written without snprintf (put_ymd, put_uint): an ISO date with its time, resolved
   days, a relative year (a five-digit one too), a quantity and an ordinal word. */
static void test_norm_formats(void **state) {
    fixture *f = *state;
    nm_record *rec = run_date(f,
                              "Signed on 1996-12-06T10:30:00 in Paris. Shares rose yesterday and "
                              "close tomorrow. Output fell last year and was 40 km long. He came "
                              "third.",
                              "2025-09-04");
    static const char *const want[][3] = {
        {"1996-12-06T10:30:00", "DATE", "1996-12-06T10:30:00"},
        {"yesterday", "DATE", "2025-09-03"}, {"tomorrow", "DATE", "2025-09-05"},
        {"last year", "DATE", "2024"}, {"40 km", "QUANTITY", "40 km"},
        {"third", "ORDINAL", "3"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        expect_span(rec, want[k][0], want[k][1], want[k][2]);
    rec = run_date(f, "The plan ends next year and began yesterday.", "9999-12-31");
    expect_span(rec, "next year", "DATE", "10000");
    expect_span(rec, "yesterday", "DATE", "9999-12-30");
}

/* "the" and "a"/"an" start a numeric entity only before a relative word or a number word, a
   relative word only before a date unit or a number (the numeric pass skips them elsewhere):
   spans with them, and plain uses left alone. */
static void test_article_starts(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "In the past two weeks a dozen ships and a hundred men left. The "
                            "coming months look calm, said an official of the port.");
    expect_span(rec, "the past two weeks", "DATE", NULL);
    expect_span(rec, "a dozen", "CARDINAL", "12");
    expect_span(rec, "a hundred", "CARDINAL", "100");
    expect_span(rec, "The coming months", "DATE", NULL);
    expect_uncovered(rec, "an official");
    expect_uncovered(rec, "the port");
    /* relative words: only before a date unit or a number */
    rec = run(f, "Prices rose that week and may rise over the next three weeks; that is all.");
    expect_span(rec, "that week", "DATE", NULL);
    expect_span(rec, "the next three weeks", "DATE", NULL);
    expect_uncovered(rec, "that is");
    /* the token pass decides these conditions: before a number token, before another
       conditional word, and at the end of the text (nothing follows) */
    rec = run(f, "Output fell in the past 10 years and over the past a dozen years, said that");
    expect_span(rec, "the past 10 years", "DATE", NULL);
    expect_uncovered(rec, "that");
    rec = run(f, "It rose a");
    assert_int_equal(rec->entities.n, 0);
}

/* Unlisted hyphenated words start a numeric entity only as a duration, a decade or a written
   number (the numeric pass skips the others without trying its rules). */
/* The token pass's word ids: listed words of 1-8 bytes found in their first slot and longer
   ones by the walk, and unlisted words that share a listed word's signature (first two and
   last byte, length: "feathery" and "february", "there" and "three") or its filter bits found
   absent. */
static void test_word_ids(void **state) {
    fixture *f = *state;
    const char *text = "He said feathery February decemper December thousand yesterday there "
                       "three banks basis dlrs percent a";
    static const struct {
        const char *key;
        int listed;
    } want[] = {{"said", 1},      {"feathery", 0},  {"february", 1}, {"decemper", 0},
                {"december", 1},  {"thousand", 1},  {"yesterday", 1}, {"there", 0},
                {"three", 1},     {"banks", 0},     {"basis", 1},    {"dlrs", 0},
                {"percent", 1},   {"a", 1}};
    nm_record *rec = run(f, text);
    const nm__ent_state *st = f->ent_state;
    size_t seen = 0;
    for (size_t i = 0; i < rec->tokens.n; i++) {
        const nm_token *t = &rec->tokens.v[i];
        for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
            if (t->key.len == strlen(want[k].key) && memcmp(t->key.ptr, want[k].key, t->key.len) == 0) {
                if ((st->wid[i] != 0) != want[k].listed)
                    fprintf(stderr, "word id of %s: %u\n", want[k].key, st->wid[i]);
                assert_int_equal(st->wid[i] != 0, want[k].listed);
                seen++;
            }
    }
    assert_int_equal(seen, sizeof want / sizeof want[0]);
    /* "said" is a speech verb for the name rules */
    size_t said = 1;
    assert_true(nm__ent_word_class(st, f->ent_shared, said) & NM__WC_SPEECH);
}

static void test_hyphenated_starts(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "A so-called long-term three-day plan sent twenty-five ships in the "
                            "mid-1980s to anti-war ports.");
    expect_uncovered(rec, "so-called");
    expect_uncovered(rec, "long-term");
    expect_uncovered(rec, "anti-war");
    expect_span(rec, "three-day", "DATE", NULL);
    expect_span(rec, "twenty-five", "CARDINAL", "25");
    expect_span(rec, "mid-1980s", "DATE", NULL);
}

/* A bare weekday after "last"/"next" resolves in that direction, not to the nearest such day:
   in a story dated Wednesday 2025-01-01, "last Friday" was 2024-12-27 (the nearest Friday,
   2025-01-03, is ahead) and "next Sunday" is 2025-01-05 (the nearest, 2024-12-29, is past).
   The spans stay the weekday alone (GMB tags "last" outside). */
static void test_weekday_last_next(void **state) {
    fixture *f = *state;
    static const char *const want[][2] = {
        {"He left last Friday.", "2024-12-27"},   {"He returns next Sunday.", "2025-01-05"},
        {"They met on Monday.", "2024-12-30"},    {"They meet on Friday.", "2025-01-03"},
        {"Talks ended last Wednesday.", "2024-12-25"},
        {"More come next Wednesday.", "2025-01-08"}};
    static const char *const day[] = {"Friday", "Sunday", "Monday", "Friday", "Wednesday",
                                      "Wednesday"};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        nm_record *rec = run_date(f, want[k][0], "2025-01-01");
        expect_span(rec, day[k], "DATE", want[k][1]);
    }
}

/* Fractions in numbers (Reuters quotes rates in eighths): "7 3/4 pct" was PERCENT "4 pct" = 4%
   beside CARDINALs "7" and "3", "1 1/2 miles" QUANTITY "2 miles". Now the whole numeral is
   one number; only proper fractions over 2, 4, 8 .. 64 (not "50/50", "24/7", "4/5"). */
static void test_fractions(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "The rate rose to 7 3/4 pct from 5/8 pct and 8-1/2 pct over 1 1/2 "
                            "miles; 1/4 of them agreed.");
    static const char *const want[][3] = {
        {"7 3/4 pct", "PERCENT", "7.75%"}, {"5/8 pct", "PERCENT", "0.625%"},
        {"8-1/2 pct", "PERCENT", "8.5%"},  {"1 1/2 miles", "QUANTITY", "1.5 miles"},
        {"1/4", "CARDINAL", "0.25"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        expect_span(rec, want[k][0], want[k][1], want[k][2]);
    rec = run(f, "It is a 50/50 chance, 24/7, and 3/16 ahead.");
    expect_span(rec, "50", "CARDINAL", NULL);
    expect_span(rec, "24", "CARDINAL", NULL);
    expect_span(rec, "3/16", "CARDINAL", "0.1875");
    rec = run(f, "on 4/5 it");
    expect_span(rec, "4", "CARDINAL", NULL);
}

/* A month-name date whose day the month lacks keeps its text as norm, as numeric dates do:
   "Feb 30, 2024" was normed 2024-02-30, "Feb 29" in a 2025 story 2025-02-29. */
static void test_month_name_invalid_days(void **state) {
    fixture *f = *state;
    static const char *const want[][3] = {
        {"It ended Feb 30, 2024.", "Feb 30, 2024", NULL},
        {"It ended 31 April 2024.", "31 April 2024", NULL},
        {"It ended Feb 29, 2023.", "Feb 29, 2023", NULL},
        {"It ended on Feb 29.", "Feb 29", NULL},
        {"It ends on Feb 28.", "Feb 28", "2025-02-28"},
        {"It ended Feb 29, 2024.", "Feb 29, 2024", "2024-02-29"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        expect_span(run_date(f, want[k][0], "2025-01-01"), want[k][1], "DATE", want[k][2]);
}

/* "N days/weeks/months/years ago" resolves against the record's date like "last week" (it kept
   its text): from Wednesday 2025-01-01 back across the year boundary. */
static void test_ago_resolved(void **state) {
    fixture *f = *state;
    static const char *const want[][3] = {
        {"He left two days ago.", "two days ago", "2024-12-30"},
        {"He left 3 weeks ago.", "3 weeks ago", "2024-W50"},
        {"He left 14 months ago.", "14 months ago", "2023-11"},
        {"He left two years ago.", "two years ago", "2023"},
        {"He left one day ago.", "one day ago", "2024-12-31"},
        /* "a year ago", "a week ago" made no DATE ("a" starts a number only before a number
           word, so "year" after it had no count) */
        {"Sales rose from a year ago.", "a year ago", "2024"},
        {"He left a week ago.", "a week ago", "2024-W52"},
        {"He left a month ago.", "a month ago", "2024-12"},
        {"It ended a decade ago.", "a decade ago", NULL}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        expect_span(run_date(f, want[k][0], "2025-01-01"), want[k][1], "DATE", want[k][2]);
    /* without a record date the text stays */
    expect_span(run(f, "He left two days ago."), "two days ago", "DATE", NULL);
    expect_uncovered(run(f, "It took a year and a week."), "a year");
}

/* A count before a capitalised unit on the next line is a table, not a duration: Reuters'
   "Revs 25.2 mln vs 19.5 mln\n    Year" was DATE "19.5\n    Year" (278 times). A wrapped
   lower-case unit still is one. */
static void test_heading_unit_no_date(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "    Revs 25.2 vs 19.5\n    Year\n    Shr 1.20 vs 1.10\n");
    expect_not_type(rec, "19.5", NM_ENT_DATE);
    expect_not_type(rec, "Year", NM_ENT_DATE);
    rec = run(f, "He served for 3-1/2\nyears and two\nyears.");
    expect_span(rec, "two\nyears", "DATE", NULL);
}

/* Wire-style magnitudes: "12 mln" was CARDINAL "12" (norm 12) and "2 mln tonnes" no QUANTITY,
   as only magnitude words longer than three letters scaled a numeral. Single letters ("5 m"
   may be metres) and "mm"/"tn"/"cr" still do not. */
static void test_wire_magnitudes(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "It sold 12 mln shares and 2 mln tonnes, 3 bln shares, 1.5 bn "
                            "people, 4 mn votes and 5 mm of rain.");
    static const char *const want[][3] = {
        {"12 mln", "CARDINAL", "12000000"}, {"2 mln tonnes", "QUANTITY", "2000000 tonnes"},
        {"3 bln", "CARDINAL", "3000000000"}, {"1.5 bn", "CARDINAL", "1500000000"},
        {"4 mn", "CARDINAL", "4000000"},    {"5 mm", "QUANTITY", "5 mm"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        expect_span(rec, want[k][0], want[k][1], want[k][2]);
}

/* Signs: "-3.2%" was PERCENT "3.2%" (norm 3.2%) and "minus 4 percent" norm 4%, the sign
   dropped. A minus sign attached to the number (not to a word or number before it) or the
   word "minus" belongs to it; the hyphen of "1990-7.5%" and "plus or minus" do not. */
static void test_signs(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "Output fell -3.2% after minus 4 percent, (-12 tonnes) and -250 "
                            "jobs; in 1990-7.5% and a 5 - 6 split, plus or minus 2 pct.");
    static const char *const want[][3] = {
        {"-3.2%", "PERCENT", "-3.2%"},      {"minus 4 percent", "PERCENT", "-4%"},
        {"-12 tonnes", "QUANTITY", "-12 tonnes"}, {"-250", "CARDINAL", "-250"},
        {"7.5%", "PERCENT", "7.5%"}, {"2 pct", "PERCENT", "2%"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        expect_span(rec, want[k][0], want[k][1], want[k][2]);
    expect_uncovered(rec, "- 6");
}

/* Digit groups: "1 250 000 people" and "1'250'000 tonnes" were CARDINALs "1", "250" and "000"
   (norm 0) while the money stage joins them. A 1-3 digit head and groups of exactly three digits
   one plain space or one attached apostrophe apart, the same one throughout; the last group may
   carry a decimal part. "77 1234", mixed separators, numbers glued to a hyphen, slash or word
   ("15 747s", "1-3 210-250 lbs") and runs ending in no group ("310 642 2317") stay apart. */
static void test_digit_groups(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "Some 1 250 000 people, 1'250'000 tonnes, 12 345.5 km and 3 000 "
                            "pct; codes 77 1234 and 4 567'890 stay, as do 15 747s, 58 767-300s "
                            "and us 1-3 210-250 lbs; phone 310 642 2317.");
    static const char *const want[][3] = {
        {"1 250 000", "CARDINAL", "1250000"}, {"1'250'000 tonnes", "QUANTITY", "1250000 tonnes"},
        {"12 345.5 km", "QUANTITY", "12345.5 km"}, {"3 000 pct", "PERCENT", "3000%"},
        {"77", "CARDINAL", NULL}, {"4 567", "CARDINAL", "4567"},
        {"890", "CARDINAL", NULL}, {"15", "CARDINAL", NULL}, {"58", "CARDINAL", NULL}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        expect_span(rec, want[k][0], want[k][1], want[k][2]);
    expect_span(rec, "210", "CARDINAL", NULL);
    expect_span(rec, "310", "CARDINAL", NULL);
}

/* "vs 70 mln year earlier" (Reuters results) was DATE "70 mln year" once "mln" made the count
 * 70000000: a count in a magnitude abbreviation is an amount, and "year" goes with "earlier".
 * A plain count before a unit is still a DATE. */
static void test_magnitude_count_is_no_date(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "Net 80 mln vs 70 mln year earlier, over a 10 year period.");
    expect_span(rec, "70 mln", "CARDINAL", "70000000");
    expect_uncovered(rec, "year earlier");
    expect_span(rec, "10 year", "DATE", NULL);
}

/* A day before "March" or "May" with no year after it ("on 3 March.", "by 12 May,") was a
   CARDINAL: those two months counted only before a number or after a date preposition, and a
   day number before them was neither. */
static void test_day_month_without_year(void **state) {
    fixture *f = *state;
    nm_record *rec = run_date(f, "It closed on 3 March. It opens by 12 May, and on 7 March it "
                                 "fell.", "2025-06-01");
    expect_span(rec, "3 March", "DATE", "2025-03-03");
    expect_span(rec, "12 May", "DATE", "2025-05-12");
    expect_span(rec, "7 March", "DATE", "2025-03-07");
    rec = run(f, "It closed on 3 March.");
    expect_span(rec, "3 March", "DATE", NULL);
}

/* Regression (ent_numex.c ordinal_day; found by fuzz_pipeline): an ordinal of more than nine
   digits before or after a month ("444444044444st March") overflowed the int day it summed
   (signed overflow: undefined; UBSan stopped). It is no day, so no date. */
static void test_long_ordinal_is_no_day(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "On 444444044444222222222st March and March 4444444444th it fell.");
    expect_not_type(rec, "444444044444222222222st March", NM_ENT_DATE);
    expect_not_type(rec, "4444444444th", NM_ENT_DATE);
}

/* Hyphenated ordinals ("twenty-first", "thirty-second") made no entity: the ordinal list stops
   at "twentieth" and the number parser reads no ordinal part; "the twenty-first century" is a
   DATE as "the twentieth century" is. */
static void test_hyphenated_ordinals(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "He came twenty-first, then Thirty-second and ninety-ninth.");
    expect_span(rec, "twenty-first", "ORDINAL", "21");
    expect_span(rec, "Thirty-second", "ORDINAL", "32");
    expect_span(rec, "ninety-ninth", "ORDINAL", "99");
    rec = run(f, "In the twenty-first century, twenty-one came in.");
    expect_span(rec, "twenty-first century", "DATE", NULL);
    expect_span(rec, "twenty-one", "CARDINAL", "21");
}

/* A month-day date without a year took the record's year even across the year boundary: "on
   January 5" in a story of 2025-12-28 was 2025-01-05 (357 days before it), and "the year ended
   December 31" in a Reuters story of 26-FEB-1987 was 1987-12-31. A date nine or more months
   from the record's month is taken in the neighbouring year; nearer ones keep its year. */
static void test_month_day_year_boundary(void **state) {
    fixture *f = *state;
    static const char *const want[][4] = {
        {"It meets on January 5.", "January 5", "2025-12-28", "2026-01-05"},
        {"It meets on March 2.", "March 2", "2025-12-28", "2026-03-02"},
        {"In the year ended December 31.", "December 31", "26-FEB-1987 15:01:01.79",
         "1986-12-31"},
        {"It met on Dec 28.", "Dec 28", "Fri, 3 Jan 2025 10:00:00 +0000", "2024-12-28"},
        {"It ends on December 31.", "December 31", "2025-06-01", "2025-12-31"},
        {"It met on January 5.", "January 5", "2025-09-30", "2025-01-05"},
        {"It meets on April 1.", "April 1", "2025-12-28", "2025-04-01"},
        {"It met on Feb 29.", "Feb 29", "2023-12-01", "2024-02-29"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        expect_span(run_date(f, want[k][0], want[k][2]), want[k][1], "DATE", want[k][3]);
}

/* A month or year with a period word made no DATE: "mid-March", "end-1986", "MID-MARCH" are one
   hyphenated token, and an unlisted hyphenated word started no rule unless it was a duration, a
   decade or a number word ("mid-April 1987" gave DATE "1987" only). */
static void test_period_words(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "Reserves at end-1986 rose by mid-1987, due in mid-April 1987 or at "
                            "end-March, in MID-MAY and early-June and late-2023.");
    static const char *const want[][2] = {
        {"end-1986", "1986"},        {"mid-1987", "1987"},   {"mid-April 1987", "1987-04"},
        {"end-March", NULL},         {"MID-MAY", NULL},      {"early-June", NULL},
        {"late-2023", "2023"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        expect_span(rec, want[k][0], "DATE", want[k][1]);
    rec = run(f, "A mid-level official and a late-night end-game.");
    expect_uncovered(rec, "mid-level");
    expect_uncovered(rec, "late-night");
}

/* Two dates joined into a range lost both norms: "from March 9 to March 16" in a 1987 story,
   "between July 1, 1986 and November 13, 1987" were normed as their text though each end had
   an ISO norm. Both ends fixed and in order now give the ISO interval; a list ("on Jan 26 and
   Feb 9"), ends out of order or a text end keep the text. */
static void test_range_iso_interval(void **state) {
    fixture *f = *state;
    static const char *const want[][3] = {
        {"It is shut from March 9 to March 16.", "March 9 to March 16", "1987-03-09/1987-03-16"},
        {"Due between July 1, 1986 and November 13, 1987.", "July 1, 1986 and November 13, 1987",
         "1986-07-01/1987-11-13"},
        {"It rose from July 1986 to February 1987.", "July 1986 to February 1987",
         "1986-07/1987-02"},
        {"It ran from Monday to Friday.", "Monday to Friday", "1987-03-02/1987-03-06"},
        {"It paid on Jan 26 and Feb 9.", "Jan 26 and Feb 9", NULL},
        {"It ran from Thursday to Monday.", "Thursday to Monday", NULL},
        {"It ran in June and July.", "June and July", NULL}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        expect_span(run_date(f, want[k][0], "3-MAR-1987 13:13:14.46"), want[k][1], "DATE",
                    want[k][2]);
    expect_span(run(f, "It ran from 12/06/1996 to 12/08/1996."), "12/06/1996 to 12/08/1996",
                "DATE", "1996-12-06/1996-12-08");
}

/* "fiscal 1987" was DATE "1987" without its word, and "Fiscal 1987 results" no DATE at all
   (CARDINAL 1987: a year before a lower-case word is a count unless a date word precedes it).
   GMB tags "fiscal 1989" whole. Two fiscal years stay two DATEs, as two years do. */
static void test_fiscal_years(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "Fiscal 1987 results beat fiscal 1986/87, fiscal\n1985, in fiscal "
                            "1988 and fiscal 1989.");
    static const char *const want[][2] = {{"Fiscal 1987", "1987"},
                                          {"fiscal 1986/87", "1986/1987"},
                                          {"fiscal\n1985", "1985"},
                                          {"fiscal 1988", "1988"},
                                          {"fiscal 1989", "1989"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        expect_span(rec, want[k][0], "DATE", want[k][1]);
}

/* "the third quarter of 2008" was ORDINAL "third" and DATE "2008", "first half" an ORDINAL:
   GMB (and OntoNotes) tag the quarter or half with its year as one time expression. The norm is
   the months it spans when a year follows ("2008-07/2008-09"), else the text. */
static void test_quarters_and_halves(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "Profit rose in the third quarter of 2008, fell in the 4th quarter, "
                            "in the first half of 1987 and the second half; he was first half an "
                            "hour early.");
    expect_span(rec, "third quarter of 2008", "DATE", "2008-07/2008-09");
    expect_span(rec, "4th quarter", "DATE", NULL);
    expect_span(rec, "first half of 1987", "DATE", "1987-01/1987-06");
    expect_span(rec, "second half", "DATE", NULL);
    expect_not_type(rec, "first half an", NM_ENT_DATE);
}

/* A meta.date that names no day ("2025-02-30", "31-APR-1987") was taken as one: days_from_civil
   counts on past the month's end, so "yesterday" was 2025-03-01 and "Friday" a date after it.
   Such a date is now no date: relative dates keep their text, as without one. */
static void test_invalid_record_date(void **state) {
    fixture *f = *state;
    static const char *const dates[] = {"2025-02-30", "31-APR-1987 10:00:00.00",
                                        "Sun, 29 Feb 2025 10:00:00 +0000"};
    for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++) {
        nm_record *rec = run_date(f, "He left yesterday, before Friday.", dates[k]);
        expect_span(rec, "yesterday", "DATE", NULL);
        expect_span(rec, "Friday", "DATE", NULL);
    }
    expect_span(run_date(f, "He left yesterday.", "2024-02-29"), "yesterday", "DATE",
                "2024-02-28");
}

/* "5-6 pct" was CARDINAL 5 and PERCENT "6 pct": a range of percentages is one PERCENT, normed
   as the interval of its ends ("5%/6%", as a DATE range is "2024/2027"). A change ("from 5 to 6
   pct"), a falling pair, a spaced hyphen and "half to 60 pct" stay apart. */
static void test_percent_ranges(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "Prices rose 5-6 pct, 3 to 4 percent, 5.5\xe2\x80\x93" "6.5%, between "
                            "five and 10 percent, 25-50 basis points and one to two pct.");
    static const char *const want[][2] = {
        {"5-6 pct", "5%/6%"},
        {"3 to 4 percent", "3%/4%"},
        {"5.5\xe2\x80\x93" "6.5%", "5.5%/6.5%"},
        {"five and 10 percent", "5%/10%"},
        {"25-50 basis points", "0.25%/0.5%"},
        {"one to two pct", "1%/2%"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        expect_span(rec, want[k][0], "PERCENT", want[k][1]);
    rec = run(f, "It rose from 5 to 6 pct, cut 8 to 7.5 pct, 2 - 3 pct and half to 60 pct.");
    expect_span(rec, "6 pct", "PERCENT", "6%");
    expect_span(rec, "7.5 pct", "PERCENT", "7.5%");
    expect_span(rec, "3 pct", "PERCENT", "3%");
    expect_span(rec, "60 pct", "PERCENT", "60%");
    expect_not_type(rec, "8 to", NM_ENT_PERCENT);
    /* two percentages: a dash or "between ... and" joins them, "to" does not ("rose 0.5 pct to
       3.2 pct" is a change) */
    rec = run(f, "Growth of 5%-6%, between 1.5% and 2.3%; it rose 0.5 pct to 3.2 pct.");
    expect_span(rec, "5%-6%", "PERCENT", "5%/6%");
    expect_span(rec, "1.5% and 2.3%", "PERCENT", "1.5%/2.3%");
    expect_span(rec, "0.5 pct", "PERCENT", "0.5%");
    expect_span(rec, "3.2 pct", "PERCENT", "3.2%");
}

/* "'87", "FY1987", "FY 1987", "Q1 1987" and "1Q87" made no DATE (CARDINAL 87 or 1, or nothing;
   "Q1" was even a PERSON): a year written short takes its century from meta.date, a fiscal year
   is its year, a quarter the months it spans. "'87 people'" (a quoted count), "Audi Q3" (a
   model) stay no DATE. */
static void test_short_years_and_codes(void **state) {
    fixture *f = *state;
    nm_record *rec = run_date(f, "In '87, FY1987 and FY87 rose, FY 1987 and FY1987/88 fell; Q1 "
                                 "1987, 1Q87, 4Q beat Q2; the ’29 crash.",
                              "26-FEB-1987 15:01:01.79");
    static const char *const want[][2] = {
        {"'87", "1987"},        {"FY1987", "1987"},       {"FY87", "1987"},
        {"FY 1987", "1987"},    {"FY1987/88", "1987/1988"}, {"Q1 1987", "1987-01/1987-03"},
        {"1Q87", "1987-01/1987-03"}, {"4Q", NULL},         {"Q2", NULL},
        {"\xe2\x80\x99" "29", "1929"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        expect_span(rec, want[k][0], "DATE", want[k][1]);
    /* the century from the record's date; without one 1950-2049 */
    expect_span(run_date(f, "Since '98 it grew.", "2024-03-01"), "'98", "DATE", "1998");
    expect_span(run_date(f, "Until '31 it grows.", "2024-03-01"), "'31", "DATE", "2031");
    expect_span(run(f, "In '87 it grew."), "'87", "DATE", "1987");
    rec = run(f, "He said '87 people' left; the Audi Q3 sold; '86 and '87 were lean.");
    expect_not_type(rec, "87 people", NM_ENT_DATE);
    expect_not_type(rec, "Q3", NM_ENT_DATE);
    expect_span(rec, "'86", "DATE", "1986");
}

/* "crude oil for May delivery", "its March sales" gave no DATE: "May" and "March" count as
   months only beside a number or a date word. A lower-case word after them now makes "for",
   "its", "his", "her", "their" such a word; "support for May and" (a name) does not. */
static void test_may_march_before_lower_word(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "Cocoa for May delivery fell; its March sales rose.");
    expect_span(rec, "May", "DATE", NULL);
    expect_span(rec, "March", "DATE", NULL);
    expect_span(run(f, "He awaits his May trial."), "May", "DATE", NULL);
    rec = run(f, "Support for May and the Tories fell.");
    expect_not_type(rec, "May and", NM_ENT_DATE);
}

/* meta.date in ISO 8601's basic form ("20240301"), or written out ("Mar 1, 2024", "1 March
   2024", "Friday, March 1, 2024"), was no date: relative dates kept their text. Each now
   anchors "yesterday"; a date that is none of these forms ("Mars 1, 2024", "2024030",
   "01/03/2024", ambiguous) still anchors nothing. */
static void test_record_date_forms(void **state) {
    fixture *f = *state;
    static const char *const dates[] = {
        "20240301", "20240301T120000Z", "2024-03-01T12:00:00Z", "Mar 1, 2024", "March 1 2024",
        "Sept. 1, 2024", "1 March 2024", "Friday, March 1, 2024", "Fri, 1 Mar 2024 12:00 GMT",
        "01-MAR-2024 10:00:00.00"};
    for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++)
        expect_span(run_date(f, "He left yesterday.", dates[k]), "yesterday", "DATE",
                    k == 5 ? "2024-08-31" : "2024-02-29");
    static const char *const none[] = {"Mars 1, 2024", "2024030", "202403011", "01/03/2024"};
    for (size_t k = 0; k < sizeof none / sizeof none[0]; k++)
        expect_span(run_date(f, "He left yesterday.", none[k]), "yesterday", "DATE", NULL);
}

/* "5pc", "9.1 pc" (British and wire style) were CARDINAL 5: "pc" in lower case is a percent word;
   "5 PC", "5 PCs" (computers) stay counts. */
static void test_pc_percent(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "Rates rose 5pc, then 9.1 pc and 0.5pc; it sold 3 PC and 4 PCs.");
    expect_span(rec, "5pc", "PERCENT", "5%");
    expect_span(rec, "9.1 pc", "PERCENT", "9.1%");
    expect_span(rec, "0.5pc", "PERCENT", "0.5%");
    expect_span(rec, "3", "CARDINAL", "3");
    expect_span(rec, "4", "CARDINAL", "4");
}

/* A day written as an ordinal made no date with March or May ("March 1st", "May 17th": ORDINAL,
   and "Cantoni May" a PERSON), nor before any month ("1st March", "the 25th of June": ORDINAL and
   a month alone). */
static void test_ordinal_day_dates(void **state) {
    fixture *f = *state;
    nm_record *rec = run_date(f, "On 1st March, March 2nd, the 25th of June 1987, May 17th; "
                                 "Ms. Cantoni May 16th.",
                              "2024-03-06");
    static const char *const want[][2] = {{"1st March", "2024-03-01"},
                                          {"March 2nd", "2024-03-02"},
                                          {"25th of June 1987", "1987-06-25"},
                                          {"May 17th", "2024-05-17"},
                                          {"May 16th", "2024-05-16"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        expect_span(rec, want[k][0], "DATE", want[k][1]);
    expect_span(run(f, "He was 1st in March."), "1st", "ORDINAL", "1");
    /* an ordinal ending the text: nothing read after it (ASan) */
    expect_span(run(f, "It came 21st"), "21st", "ORDINAL", "21");
}

/* "the 1990's" was DATE "1990" (the year, "'s" left as a possessive): after "the", "early",
   "mid" or "late" a round year with "'s" is the decade; "1986's results" stays the year. */
static void test_decades_with_apostrophe(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "In the 1990's and the early 1980\xe2\x80\x99s, 1986's results and "
                            "1990's figures.");
    expect_span(rec, "1990's", "DATE", NULL);
    expect_span(rec, "1980\xe2\x80\x99s", "DATE", NULL);
    expect_span(rec, "1986", "DATE", "1986");
    expect_not_type(rec, "'s figures", NM_ENT_DATE);
}

/* "March 6-8", "February 21 to 28" were DATE "March 6" and CARDINAL 8 (GMB tags "July 26-31"
   whole): a later day after a dash, "to", "through" or "until" ends a day range, normed as the
   ISO interval when the year is known. A count before a unit ("May 5 to 8 pct") or an earlier
   day stays apart. */
static void test_day_ranges(void **state) {
    fixture *f = *state;
    nm_record *rec = run_date(f, "Sales for March 6-8, February 21 to 28, April 1 through 15, "
                                 "July 26\xe2\x80\x93" "31, 2023; May 5 to 8 pct; March 8-6.",
                              "3-MAR-1987 13:13:14.46");
    static const char *const want[][2] = {
        {"March 6-8", "1987-03-06/1987-03-08"},
        {"February 21 to 28", "1987-02-21/1987-02-28"},
        {"April 1 through 15", "1987-04-01/1987-04-15"},
        {"July 26\xe2\x80\x93" "31, 2023", "2023-07-26/2023-07-31"},
        {"May 5", "1987-05-05"},
        {"March 8", "1987-03-08"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        expect_span(rec, want[k][0], "DATE", want[k][1]);
    expect_span(rec, "8 pct", "PERCENT", "8%");
    expect_span(run(f, "It ran July 26-31 in Paris."), "July 26-31", "DATE", NULL);
}

/* "10.30 GMT", "7.45pm" (British style) were CARDINAL 10.3 and 7.45: a clock time with a period
   counts when am/pm or a zone follows; "10.30 pct", "12.75 ET" (no minute 75) do not. "3
   o'clock" was CARDINAL 3. */
static void test_period_clock_times(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "Talks at 10.30 GMT, 7.45pm and 10.00 local time; it rose 10.30 pct "
                            "to 12.75 ET.");
    expect_span(rec, "10.30 GMT", "TIME", NULL);
    expect_span(rec, "7.45pm", "TIME", NULL);
    expect_span(rec, "10.00 local time", "TIME", NULL);
    expect_span(rec, "10.30 pct", "PERCENT", "10.3%");
    expect_not_type(rec, "12.75", NM_ENT_TIME);
    rec = run(f, "At 3 o'clock or three o\xe2\x80\x99" "clock, not 13 o'clock.");
    expect_span(rec, "3 o'clock", "TIME", NULL);
    expect_span(rec, "three o\xe2\x80\x99" "clock", "TIME", NULL);
    expect_not_type(rec, "13 o'clock", NM_ENT_TIME);
    expect_span(run(f, "AT 3 O'CLOCK."), "3 O'CLOCK", "TIME", NULL);
    expect_not_type(run(f, "Coffees called 8 O'Clock Royale."), "8 O'Clock", NM_ENT_TIME);
}

/* "H1 2024" gave DATE "2024" only and "12 sq m" CARDINAL 12: a half with its year is the months
   it spans, and "sq m", "cubic m" are units ("m" alone stays no unit: "3 m"). */
static void test_halves_and_square_metres(void **state) {
    fixture *f = *state;
    nm_record *rec = run(f, "Profit in H2 1987 rose; H1 alone; 12 sq m, 5 cubic m and 3 m.");
    expect_span(rec, "H2 1987", "DATE", "1987-07/1987-12");
    expect_not_type(rec, "H1 alone", NM_ENT_DATE);
    expect_span(rec, "12 sq m", "QUANTITY", "12 sq m");
    expect_span(rec, "5 cubic m", "QUANTITY", "5 cubic m");
    expect_not_type(rec, "3 m.", NM_ENT_QUANTITY);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time_am_pm_zones),
        cmocka_unit_test(test_magnitude_count_is_no_date),
        cmocka_unit_test(test_time_hhmm_zone_is_no_year),
        cmocka_unit_test(test_numeric_dates_iso_norms),
        cmocka_unit_test(test_token_rule_dates_unchanged),
        cmocka_unit_test(test_season_year_spans),
        cmocka_unit_test(test_durations_and_centuries),
        cmocka_unit_test(test_percent_forms),
        cmocka_unit_test(test_percent_ranges),
        cmocka_unit_test(test_pc_percent),
        cmocka_unit_test(test_ordinal_day_dates),
        cmocka_unit_test(test_decades_with_apostrophe),
        cmocka_unit_test(test_day_ranges),
        cmocka_unit_test(test_period_clock_times),
        cmocka_unit_test(test_halves_and_square_metres),
        cmocka_unit_test(test_short_years_and_codes),
        cmocka_unit_test(test_may_march_before_lower_word),
        cmocka_unit_test(test_quantity_units),
        cmocka_unit_test(test_quantity_needs_token_boundary),
        cmocka_unit_test(test_match_limit_skips_and_counts),
        cmocka_unit_test(test_bad_pattern_is_a_clear_error),
        cmocka_unit_test(test_article_starts),
        cmocka_unit_test(test_hyphenated_starts),
        cmocka_unit_test(test_word_ids),
        cmocka_unit_test(test_norm_formats),
        cmocka_unit_test(test_weekday_last_next),
        cmocka_unit_test(test_fractions),
        cmocka_unit_test(test_month_name_invalid_days),
        cmocka_unit_test(test_ago_resolved),
        cmocka_unit_test(test_heading_unit_no_date),
        cmocka_unit_test(test_wire_magnitudes),
        cmocka_unit_test(test_signs),
        cmocka_unit_test(test_digit_groups),
        cmocka_unit_test(test_day_month_without_year),
        cmocka_unit_test(test_hyphenated_ordinals),
        cmocka_unit_test(test_month_day_year_boundary),
        cmocka_unit_test(test_period_words),
        cmocka_unit_test(test_range_iso_interval),
        cmocka_unit_test(test_fiscal_years),
        cmocka_unit_test(test_quarters_and_halves),
        cmocka_unit_test(test_invalid_record_date),
        cmocka_unit_test(test_record_date_forms),
        cmocka_unit_test(test_long_ordinal_is_no_day),
    };
    return cmocka_run_group_tests(tests, nm_test_ent_setup, nm_test_ent_teardown);
}
