/*
 * test_keywords.c — the keywords stage through the library: candidate boundaries (no crossing
 * of punctuation or sentences, no stop word at either end, entity names whole), variant
 * merging (shown in the form used most), scores sorted in (0, 1] with the best at 1, top-k,
 * determinism across thread counts, word length and ending, modifiers giving way to their
 * phrase, names shown as mentioned, the seed article's expected keywords, and clear errors for
 * a bad --df model.
 */
#include "testutil.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dfmodel.h"
#include "kw_clean.h"
#include "kw_scratch.h"
#include "kw_stems.h"
#include "newsmine.h"
#include "record.h"
#include "stage.h"
#include "stem.h"

typedef struct kw_out {
    size_t n;
    char term[64][96];
    double score[64];
} kw_out;

static nm_pipeline *make(unsigned threads, unsigned top_k, const char *df_path) {
    nm_options o;
    nm_options_default(&o);
    o.threads = threads;
    o.top_k = top_k;
    o.format = NM_OUTPUT_NONE;
    o.df_path = df_path;
    nm_error err;
    nm_pipeline *p = nm_pipeline_create(&o, &err);
    if (!p)
        fail_msg("pipeline: %s", err.msg);
    return p;
}

/* Copies rec's keywords into out. */
static void copy_keywords(const nm_record *rec, kw_out *out) {
    size_t n;
    const nm_keyword *kw = nm_record_keywords(rec, &n);
    assert_true(n <= 64);
    out->n = n;
    for (size_t i = 0; i < n; i++) {
        assert_true(kw[i].term.len < sizeof out->term[i]);
        memcpy(out->term[i], kw[i].term.ptr, kw[i].term.len);
        out->term[i][kw[i].term.len] = 0;
        out->score[i] = kw[i].score;
    }
}

/* Annotates one jsonl line and copies its keywords. */
static void run_line(const char *line, unsigned top_k, unsigned threads, kw_out *out) {
    nm_pipeline *p = make(threads, top_k, NULL);
    assert_int_equal(nm_pipeline_push_line(p, "t", 1, line, strlen(line)), NM_OK);
    nm_pipeline_finish(p);
    nm_record *rec;
    assert_int_equal(nm_pipeline_next(p, &rec), NM_OK);
    assert_int_equal(nm_record_error(rec).len, 0);
    copy_keywords(rec, out);
    nm_pipeline_release(p, rec);
    assert_int_equal(nm_pipeline_next(p, &rec), NM_ERR_CLOSED);
    nm_pipeline_destroy(p);
}

/* Annotates lines[0..n) (lens: their lengths) in one pipeline of threads workers, top 20, and
 * copies record i's keywords into out[i]. */
static void run_lines(unsigned threads, const char *const *lines, const size_t *lens, size_t n,
                      kw_out *out) {
    nm_pipeline *p = make(threads, 20, NULL);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(nm_pipeline_push_line(p, "t", i + 1, lines[i], lens[i]), NM_OK);
    nm_pipeline_finish(p);
    nm_record *rec;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(nm_pipeline_next(p, &rec), NM_OK);
        assert_int_equal(nm_record_error(rec).len, 0);
        copy_keywords(rec, &out[i]);
        nm_pipeline_release(p, rec);
    }
    assert_int_equal(nm_pipeline_next(p, &rec), NM_ERR_CLOSED);
    nm_pipeline_destroy(p);
}

/* The same terms with the same scores, in the same order. */
static void assert_same_keywords(const kw_out *a, const kw_out *b) {
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        assert_string_equal(a->term[i], b->term[i]);
        assert_true(a->score[i] == b->score[i]);
    }
}

static void run_text(const char *text, unsigned top_k, kw_out *out) {
    char line[8192];
    size_t n = (size_t)snprintf(line, sizeof line, "{\"id\":\"t\",\"text\":\"");
    for (const char *s = text; *s && n + 8 < sizeof line; s++) {
        if (*s == '\n') {
            line[n++] = '\\';
            line[n++] = 'n';
        } else {
            if (*s == '"' || *s == '\\')
                line[n++] = '\\';
            line[n++] = *s;
        }
    }
    snprintf(line + n, sizeof line - n, "\"}");
    run_line(line, top_k, 1, out);
}

/* The top 10 of text are exactly the n terms of want, in order. */
static void expect_top(const char *text, const char *const *want, size_t n) {
    kw_out k;
    run_text(text, 10, &k);
    assert_int_equal(k.n, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(k.term[i], want[i]);
}

static int has(const kw_out *k, const char *term) {
    for (size_t i = 0; i < k->n; i++)
        if (strcmp(k->term[i], term) == 0)
            return 1;
    return 0;
}

/* A pipeline of one worker that runs the stages before keywords and prints nothing. */
static nm_pipeline *make_before_keywords(void) {
    nm_options o;
    nm_options_default(&o);
    o.threads = 1;
    o.format = NM_OUTPUT_NONE;
    o.stages = NM_STAGE_TOKENIZE | NM_STAGE_NORMALIZE | NM_STAGE_MONEY | NM_STAGE_ENTITIES;
    nm_error err;
    nm_pipeline *p = nm_pipeline_create(&o, &err);
    assert_non_null(p);
    return p;
}

/* The candidate keys of a text (what df build counts), via the extractor. */
static size_t doc_keys(const char *text, char keys[][64], size_t cap) {
    nm_pipeline *p = make_before_keywords();
    assert_int_equal(nm_pipeline_push_text(p, "t", text, strlen(text)), NM_OK);
    nm_pipeline_finish(p);
    nm_record *rec;
    assert_int_equal(nm_pipeline_next(p, &rec), NM_OK);
    nm__kw_extractor *x = nm__kw_extractor_new();
    const nm_str *k;
    size_t n;
    assert_int_equal(nm__kw_doc_keys(x, rec, &k, &n), NM_OK);
    assert_true(n <= cap);
    for (size_t i = 0; i < n; i++) {
        assert_true(k[i].len < 64);
        memcpy(keys[i], k[i].ptr, k[i].len);
        keys[i][k[i].len] = 0;
    }
    nm__kw_extractor_free(x);
    nm_pipeline_release(p, rec);
    nm_pipeline_destroy(p);
    return n;
}

static int has_key(char keys[][64], size_t n, const char *k) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i], k) == 0)
            return 1;
    return 0;
}

static void test_candidate_boundaries(void **state) {
    (void)state;
    char keys[256][64];
    size_t n = doc_keys("The security guarantees, for the talks. Bank of England rates rose "
                        "sharply in spring. Ministers agreed to cut output.",
                        keys, 256);
    /* Words and phrases inside one clause. */
    assert_true(has_key(keys, n, "secur"));
    assert_true(has_key(keys, n, "guarante"));
    assert_true(has_key(keys, n, "secur guarante"));
    assert_true(has_key(keys, n, "rate rose"));
    /* An inner stop word is fine; the entity is one candidate. */
    assert_true(has_key(keys, n, "bank of england"));
    /* Never across a comma or a sentence end, never starting or ending with a stop word. */
    assert_false(has_key(keys, n, "guarante talk"));
    assert_false(has_key(keys, n, "talk bank"));
    assert_false(has_key(keys, n, "the secur"));
    assert_false(has_key(keys, n, "the"));
    assert_false(has_key(keys, n, "in"));
    assert_false(has_key(keys, n, "rose sharpli in"));
    /* Only connectors (of, and, for, the, ...) join words: "agreed to cut output" is no phrase. */
    assert_true(has_key(keys, n, "cut output"));
    for (size_t i = 0; i < n; i++)
        assert_null(strstr(keys[i], " to "));
    /* Not leaving the entity: "england rate" crosses its end. */
    assert_false(has_key(keys, n, "england rate"));
    /* At most 4 words. */
    for (size_t i = 0; i < n; i++) {
        int spaces = 0;
        for (const char *c = keys[i]; *c; c++)
            spaces += *c == ' ';
        assert_true(spaces <= 3);
    }
    /* Each key once. */
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            assert_string_not_equal(keys[i], keys[j]);
}

/* At lengths around the 8-, 16- and 32-byte steps of the key compare (up to 32 bytes, four
 * 8-byte compares with the bytes past the key's end masked off; longer keys nm__bytes_eq): a
 * phrase met again merges with its candidate (what follows a key in either buffer must not
 * count), and keys that differ in their last byte stay apart. */
static void test_keys_apart_by_length(void **state) {
    (void)state;
    static const size_t lens[] = {8, 9, 15, 16, 17, 23, 24, 31, 32, 33, 40};
    char text[4096], want[2][64], keys[256][64];
    size_t o = 0;
    for (size_t l = 0; l < sizeof lens / sizeof *lens; l++)
        for (int rep = 0; rep < 2; rep++)
            for (int v = 0; v < 2; v++) { /* "zarq wwwx", "zarq wwwz", twice */
                o += (size_t)snprintf(text + o, sizeof text - o, "zarq ");
                for (size_t i = 0; i + 6 < lens[l]; i++)
                    text[o++] = 'w';
                o += (size_t)snprintf(text + o, sizeof text - o, "%c met. ", "xz"[v]);
            }
    text[o] = 0;
    size_t n = doc_keys(text, keys, 256);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            assert_string_not_equal(keys[i], keys[j]);
    for (size_t l = 0; l < sizeof lens / sizeof *lens; l++)
        for (int v = 0; v < 2; v++) {
            size_t m = (size_t)snprintf(want[v], sizeof want[v], "zarq ");
            for (size_t i = 0; i + 6 < lens[l]; i++)
                want[v][m++] = 'w';
            want[v][m++] = "xz"[v];
            want[v][m] = 0;
            assert_int_equal(strlen(want[v]), lens[l]);
            assert_true(has_key(keys, n, want[v]));
        }
}

static void test_variants_merge(void **state) {
    (void)state;
    kw_out k;
    run_text("Guarantees were discussed. The guarantee matters. Both guarantees' terms were "
             "long. Ukraine's allies met; Ukraine wants more.",
             10, &k);
    int forms = has(&k, "guarantees") + has(&k, "guarantee");
    assert_int_equal(forms, 1);
    assert_true(has(&k, "ukraine"));
    assert_false(has(&k, "ukraine's"));
    /* The merged word (tf 3) ranks first. */
    assert_true(strcmp(k.term[0], "guarantees") == 0 || strcmp(k.term[0], "guarantee") == 0);
}

/* A merged word or phrase is shown in the form the text uses most, not its first form. */
static void test_most_used_form(void **state) {
    (void)state;
    kw_out k;
    run_text("The refinery supplied Lagos. Refineries lost power on Monday and three refineries "
             "shut. Owners of refineries want a security guarantee; lenders asked for security "
             "guarantees, and security guarantees were signed.",
             10, &k);
    assert_true(has(&k, "refineries"));
    assert_false(has(&k, "refinery"));
    assert_true(has(&k, "security guarantees"));
    assert_false(has(&k, "security guarantee"));
    /* With top 3, "refineries" is reached only after words that give way to the phrase: its
     * form is found by the walk over its own range, and it is the same. */
    run_text("The refinery supplied Lagos. Refineries lost power on Monday and three refineries "
             "shut. Owners of refineries want a security guarantee; lenders asked for security "
             "guarantees, and security guarantees were signed. Lenders said the lenders would "
             "wait.",
             3, &k);
    assert_int_equal(k.n, 3);
    assert_true(has(&k, "refineries"));
    assert_true(has(&k, "security guarantees"));
}

/* Parts that only occur inside a longer kept phrase are left to it; stutters are not phrases. */
static void test_subsumed_parts(void **state) {
    (void)state;
    kw_out k;
    run_text("The council cut solar panel subsidies in May. Farmers said solar panel subsidies "
             "kept them afloat, and the mayor defended solar panel subsidies again. Wheat prices "
             "fell. Price price price tables were printed.",
             10, &k);
    assert_true(has(&k, "solar panel subsidies"));
    assert_false(has(&k, "solar panel"));
    assert_false(has(&k, "panel subsidies"));
    assert_false(has(&k, "solar"));
    assert_false(has(&k, "subsidies"));
    assert_false(has(&k, "price price"));
    assert_false(has(&k, "price price price"));
}

/* The same for a phrase key of 64 bytes or more (key_inside's byte-by-byte walk) and for
 * parts past a phrase key's first 8 bytes (its space bits). */
static void test_subsumed_parts_long_key(void **state) {
    (void)state;
    kw_out k;
    run_text("Engineers tested electroencephalographic magnetohydrodynamic spectrophotometric "
             "counterintelligence on Monday. Critics said electroencephalographic "
             "magnetohydrodynamic spectrophotometric counterintelligence was costly. Tomato "
             "growers disagreed about tomato prices.",
             10, &k);
    assert_true(has(&k, "electroencephalographic magnetohydrodynamic spectrophotometric "
                        "counterintelligence"));
    assert_false(has(&k, "counterintelligence"));
    assert_false(has(&k, "spectrophotometric counterintelligence"));
    assert_false(has(&k, "magnetohydrodynamic"));
    assert_true(has(&k, "tomato"));
}

/* A middle word and the last word of a kept phrase are left to it too: select_top's end-byte
 * filter before key_inside must not let them through. */
static void test_subsumed_middle_and_short_words(void **state) {
    (void)state;
    kw_out k;
    run_text("The board set new solar panel subsidies. Farmers said the new solar panel subsidies "
             "helped, and the mayor kept the new solar panel subsidies. Ox cart tolls rose. "
             "Drivers paid ox cart tolls twice, and ox cart tolls will rise. Wheat fell.",
             10, &k);
    assert_true(has(&k, "solar panel subsidies"));
    assert_false(has(&k, "panel"));
    assert_false(has(&k, "solar"));
    assert_true(has(&k, "cart tolls")); /* "ox" is too short to be a word of a candidate */
    assert_false(has(&k, "cart"));
    assert_false(has(&k, "tolls"));
    assert_false(has(&k, "subsidies"));
}

/* A list repeating its first word and a headline taken for a name are no keyphrases. */
static void test_no_lists_or_headline_names(void **state) {
    (void)state;
    kw_out k;
    run_text("Officials met on Tuesday. Harbour fees and harbour rules were discussed, with "
             "tariffs and quotas. Harbour fees and harbour rules matter.",
             10, &k);
    assert_true(has(&k, "harbour fees"));
    assert_false(has(&k, "harbour fees and harbour"));
    run_text("Former Lois Lane Kidder Praises Adams Casting\nMargot Kidder praised the casting "
             "of Amy Adams as Lois Lane. Kidder said Adams was a fine choice for the role.",
             10, &k);
    for (size_t i = 0; i < k.n; i++) {
        size_t words = 1;
        for (const char *c = k.term[i]; *c; c++)
            words += *c == ' ';
        assert_true(words <= 4);
    }
}

static void test_scores_sorted(void **state) {
    (void)state;
    kw_out k;
    run_text("Wind farms off the coast of Denmark produce record power. Wind power now "
             "supplies half of Denmark's electricity, and new wind farms are planned. Critics "
             "say the farms harm birds; engineers say turbines are getting quieter.",
             5, &k);
    assert_int_equal(k.n, 5);
    assert_true(k.score[0] == 1.0);
    for (size_t i = 0; i < k.n; i++) {
        assert_true(k.score[i] > 0.0 && k.score[i] <= 1.0);
        if (i)
            assert_true(k.score[i] <= k.score[i - 1]);
        for (const char *c = k.term[i]; *c; c++)
            assert_false(*c >= 'A' && *c <= 'Z'); /* lower case */
    }
    assert_true(has(&k, "wind farms")); /* "wind" only ever modifies: its phrase stands */
    assert_true(has(&k, "denmark"));
    /* top_k 0: none; an empty text: none. */
    run_text("Wind farms off the coast of Denmark.", 0, &k);
    assert_int_equal(k.n, 0);
    run_text("", 10, &k);
    assert_int_equal(k.n, 0);
    /* A top_k past the candidates ("all of them", UINT_MAX) keeps room for the candidates
     * only: it made every record "processing failed: out of memory" (3 x 4G kept slots). */
    kw_out all;
    run_text("Wind farms off the coast of Denmark. Denmark builds wind farms.", 1000, &k);
    run_text("Wind farms off the coast of Denmark. Denmark builds wind farms.", UINT_MAX, &all);
    assert_true(all.n > 0);
    assert_int_equal(all.n, k.n);
    for (size_t i = 0; i < k.n; i++) {
        assert_string_equal(all.term[i], k.term[i]);
        assert_true(all.score[i] == k.score[i]);
    }
}

/* The kept set (3 x top_k, at least 30, best first) fills, then takes better candidates in
 * their place, or is sorted once at the end when the text has fewer: either way the keywords
 * come best first, and the best is the same whatever top_k. */
static void test_kept_set_order(void **state) {
    (void)state;
    static const char *text =
        "Copper miners in Chile began a strike on Monday, halting output at two large copper "
        "mines. The copper strike lifted prices on the London Metal Exchange, where copper rose "
        "four percent. Union leaders said the strike would go on until wages rose; the mining "
        "company offered a bonus. Traders expect tighter copper supplies, and smelters in China "
        "and Japan are watching the strike closely. Analysts said zinc and nickel prices also "
        "rose on fears of wider labour unrest in Chile.";
    static const unsigned ks[] = {1, 2, 3, 5, 10, 30};
    char best[96] = "";
    for (size_t t = 0; t < sizeof ks / sizeof *ks; t++) {
        kw_out k;
        run_text(text, ks[t], &k);
        assert_true(k.n > 0 && k.n <= ks[t]);
        if (ks[t] <= 10)
            assert_int_equal(k.n, ks[t]);
        assert_true(k.score[0] == 1.0);
        for (size_t i = 1; i < k.n; i++)
            assert_true(k.score[i] <= k.score[i - 1]);
        if (t == 0)
            snprintf(best, sizeof best, "%s", k.term[0]);
        assert_string_equal(k.term[0], best);
    }
}

/* Equal scores rank by key: two made-up words of one length, each seen once in the first
 * sentence in the same setting, score the same and come in key order whichever comes first in
 * the text, in a kept set sorted at the end (top 30: a set of 90 for ~50 candidates; a short
 * text); and in a kept set of 30 (top 10) that more candidates fill (sorted when full, then
 * insertions) the tied names and words shown come in key order (which is the terms' here). */
static void test_ties_by_key(void **state) {
    (void)state;
    static const char *texts[] = {
        "Officials found a zorblat, then a quimzat, near the river. "
        "Farmers, miners, sailors, bakers, doctors, lawyers, teachers, drivers, singers, "
        "painters, writers, builders, plumbers, farmers, miners and sailors met in Lisbon, "
        "Madrid, Paris, Berlin, Vienna, Prague, Warsaw, Athens, Oslo and Dublin. Apples, "
        "pears, plums, grapes, lemons, limes, melons, mangoes, cherries, peaches, onions, "
        "leeks, carrots, turnips, potatoes, beans, lentils, olives and figs were sold.",
        "Officials found a quimzat, then a zorblat, near the river.",
    };
    for (size_t t = 0; t < 2; t++) {
        kw_out k;
        run_text(texts[t], 30, &k);
        size_t q = k.n, z = k.n;
        for (size_t i = 0; i < k.n; i++) {
            if (strcmp(k.term[i], "quimzat") == 0)
                q = i;
            if (strcmp(k.term[i], "zorblat") == 0)
                z = i;
        }
        assert_true(q < k.n && z < k.n);
        assert_true(k.score[q] == k.score[z]);
        assert_true(q < z);
    }
    kw_out k;
    run_text(texts[0], 10, &k);
    assert_int_equal(k.n, 10);
    size_t ties = 0;
    for (size_t i = 1; i < k.n; i++)
        if (k.score[i] == k.score[i - 1]) {
            assert_true(strcmp(k.term[i - 1], k.term[i]) < 0);
            ties++;
        }
    assert_true(ties >= 3);
}

/* A smaller top k is the start of a larger one, terms and scores: a word that gives way to a
 * phrase holding it does so whether or not that phrase is among the keywords shown. Checked on
 * every bundled sample article (before, 5 of the 26 had a top 10 that was not the start of
 * their top 30). */
static void test_top_k_prefix(void **state) {
    (void)state;
    size_t len;
    char *all = nm_test_read_file(NM_SOURCE_DIR "/corpora/sample/articles.jsonl", &len);
    assert_non_null(all);
    static const unsigned ks[] = {3, 10, 30};
    size_t lines = 0, shorter = 0;
    for (char *line = all, *end; *line; line = end + 1) {
        end = strchr(line, '\n');
        assert_non_null(end);
        *end = 0;
        kw_out big, small;
        run_line(line, 30, 1, &big);
        for (size_t t = 0; t + 1 < sizeof ks / sizeof *ks; t++) {
            run_line(line, ks[t], 1, &small);
            size_t want = big.n < ks[t] ? big.n : ks[t];
            assert_int_equal(small.n, want);
            for (size_t i = 0; i < small.n; i++) {
                assert_string_equal(small.term[i], big.term[i]);
                assert_true(small.score[i] == big.score[i]);
            }
        }
        shorter += big.n < 30;
        lines++;
    }
    assert_int_equal(lines, 26);
    assert_true(shorter < lines); /* most articles fill a top 30 */
    free(all);
}

/* A stop word with a possessive ending is a stop word: "each other's engines" gives no keyword
 * "other", "nobody else's plan" no phrase ending in "else" (the token's stop flag is that of
 * "other's"). */
static void test_possessive_stop_words(void **state) {
    (void)state;
    kw_out k;
    run_text("The two carmakers praised each other's engines. They bought each other's shares, "
             "and nobody else's plan came close. Nobody else's engines matched. May's sales "
             "rose, and its plants grew; its rivals' engines failed.",
             30, &k);
    assert_true(has(&k, "engines"));
    for (size_t i = 0; i < k.n; i++) {
        const char *t = k.term[i], *sp = strrchr(t, ' ');
        const char *last = sp ? sp + 1 : t;
        if (strcmp(last, "other") == 0 || strcmp(last, "else") == 0 || strcmp(last, "may") == 0 ||
            strcmp(last, "its") == 0)
            fail_msg("keyword \"%s\" ends with a stop word", t);
    }
}

/* A name's possessive mention ("Obama's": one token, the name ends before the apostrophe) is a
 * mention of the whole name, never a name of one word: "barack", "new" were shown before. */
static void test_possessive_names(void **state) {
    (void)state;
    kw_out k;
    run_text("President Barack Obama's budget plan met resistance in Congress on Tuesday. "
             "Lawmakers said the plan would raise taxes.",
             10, &k);
    assert_true(has(&k, "barack obama"));
    assert_false(has(&k, "barack"));
    run_text("New Zealand's dairy exports rose in March. Dairy farmers in Canterbury expect "
             "higher milk prices, and New Zealand's central bank agreed.",
             10, &k);
    assert_true(has(&k, "new zealand"));
    assert_false(has(&k, "new"));
    assert_false(has(&k, "zealand"));
    run_text("The re-election of Barack Obama looked likely. Obama's team said so, and Obama's "
             "aides left for Chicago.",
             10, &k);
    assert_true(has(&k, "obama")); /* mostly mentioned by one word: shown as that word */
    assert_false(has(&k, "obama's"));
}

static void test_title_counts(void **state) {
    (void)state;
    kw_out with, without;
    const char *body = "Officials met on Tuesday. Fees at the harbour and the harbour rules were "
                       "discussed, with tariffs, quotas, tariffs and quotas again.";
    char line[1024];
    snprintf(line, sizeof line, "{\"id\":1,\"title\":\"Harbour fees rise\",\"text\":\"%s\"}", body);
    run_line(line, 3, 1, &with);
    snprintf(line, sizeof line, "{\"id\":1,\"text\":\"%s\"}", body);
    run_line(line, 3, 1, &without);
    assert_string_equal(with.term[0], "harbour");
    assert_true(with.n == 3 && without.n == 3);
}

/* A text with no candidate (a results table) takes its keywords from the title's word runs, in
 * title order with falling scores; a text with candidates never does. */
static void test_title_when_text_has_none(void **state) {
    (void)state;
    kw_out k;
    run_line("{\"id\":1,\"title\":\"MARSH AND MCLENNAN <MMC> 1ST QTR FEB 28 NET\","
             "\"text\":\"Shr 12 cts vs 15 cts\\nNet 1,200,000 vs 1,500,000\\n\"}",
             10, 1, &k);
    assert_int_equal(k.n, 4);
    assert_string_equal(k.term[0], "marsh and mclennan"); /* a connector inside a run */
    assert_string_equal(k.term[1], "mmc");                /* broken by "<" and ">" */
    assert_string_equal(k.term[2], "qtr");                /* "1st" and "feb" break runs */
    assert_string_equal(k.term[3], "net");
    assert_true(k.score[0] == 1.0 && k.score[1] == 0.5 && k.score[3] == 0.25);
    /* top-k holds; a one-word run inside a shown term, or a stop word, is no keyword */
    run_line("{\"id\":1,\"title\":\"Acme Corp <ACME> dividend raised in March, again\","
             "\"text\":\"Qtly div 25 cts vs 20 cts\"}",
             2, 1, &k);
    assert_int_equal(k.n, 2);
    assert_string_equal(k.term[0], "acme corp");
    assert_string_equal(k.term[1], "dividend raised");
    /* with candidates in the text, the title only weighs them */
    run_line("{\"id\":1,\"title\":\"Acme Corp results\",\"text\":\"Harbour fees rose. "
             "Harbour fees rose again.\"}",
             10, 1, &k);
    assert_true(k.n > 0 && !has(&k, "acme corp"));
}

/* A title word outside ASCII is a title word of the text's word: "Erdoğan visits Zürich" and
 * "ERDOĞAN VISITS ZÜRICH" weigh "erdoğan" and "zürich" as "Erdogan visits Zurich" weighs
 * "erdogan" and "zurich" (the title's words kept their case and marks, the tokens' keys not:
 * "zürich" fell from 0.958 to 0.614). */
static void test_title_words_outside_ascii(void **state) {
    (void)state;
    static const char *const titles[][3] = {
        {"Erdogan visits Zurich for trade talks", "Erdogan", "Zurich"},
        {"Erdo\xc4\x9f" "an visits Z\xc3\xbcrich for trade talks", "Erdo\xc4\x9f" "an",
         "Z\xc3\xbcrich"},
        {"ERDO\xc4\x9e" "AN VISITS Z\xc3\x9c" "RICH FOR TRADE TALKS", "Erdo\xc4\x9f" "an",
         "Z\xc3\xbcrich"}};
    kw_out k[3];
    for (int t = 0; t < 3; t++) {
        char line[512];
        snprintf(line, sizeof line,
                 "{\"id\":1,\"title\":\"%s\",\"text\":\"The president arrived on Monday. Officials "
                 "said %s would meet bankers in %s. The trade talks covered tariffs and steel. "
                 "Analysts expect little progress on tariffs.\"}",
                 titles[t][0], titles[t][1], titles[t][2]);
        run_line(line, 10, 1, &k[t]);
    }
    for (int t = 1; t < 3; t++) {
        assert_int_equal(k[0].n, k[t].n);
        for (size_t i = 0; i < k[0].n; i++)
            assert_true(k[0].score[i] == k[t].score[i]);
    }
    assert_true(has(&k[1], "z\xc3\xbcrich") && has(&k[2], "erdo\xc4\x9f" "an"));
}

/* A typographic apostrophe inside a title word is the text's "'": "O’Neill wins race" weighs
 * "o'neill" as "O'Neill wins race" does (the title word "o’neill" matched no token key, which
 * normalize writes "o'neill": rank 1 -> 3). */
static void test_title_curly_apostrophe(void **state) {
    (void)state;
    static const char *const titles[] = {"O'Neill wins race", "O\xe2\x80\x99Neill wins race",
                                         "O\xca\xbcNeill wins race"};
    kw_out k[3];
    for (int t = 0; t < 3; t++) {
        char line[512];
        snprintf(line, sizeof line,
                 "{\"id\":1,\"title\":\"%s\",\"text\":\"The runner O\xe2\x80\x99Neill won the race "
                 "on Sunday. Fans cheered as O\xe2\x80\x99Neill crossed the line, and the crowd "
                 "stayed late.\"}",
                 titles[t]);
        run_line(line, 10, 1, &k[t]);
    }
    assert_string_equal(k[0].term[0], "o'neill");
    for (int t = 1; t < 3; t++) {
        assert_int_equal(k[0].n, k[t].n);
        for (size_t i = 0; i < k[0].n; i++) {
            assert_string_equal(k[0].term[i], k[t].term[i]);
            assert_true(k[0].score[i] == k[t].score[i]);
        }
    }
}

/* Title words in curly quotes or against a dash are title words: "‘Security’ talks—Ukraine"
 * weighs the text's words as "Security talks - Ukraine" does ("ukraine" lost its title weight:
 * rank 2 -> 5). */
static void test_title_words_in_quotes(void **state) {
    (void)state;
    static const char *const titles[] = {
        "Security talks - Ukraine",
        "\xe2\x80\x98Security\xe2\x80\x99 talks\xe2\x80\x94Ukraine\xc2\xa0\xc2\xbb"};
    kw_out k[2];
    for (int t = 0; t < 2; t++) {
        char line[512];
        snprintf(line, sizeof line,
                 "{\"id\":1,\"title\":\"%s\",\"text\":\"Leaders met in Paris on Thursday. The "
                 "security of Ukraine was discussed, and security guarantees were offered. Talks "
                 "went on for hours while ministers argued about money.\"}",
                 titles[t]);
        run_line(line, 10, 1, &k[t]);
    }
    assert_int_equal(k[0].n, k[1].n);
    for (size_t i = 0; i < k[0].n; i++) {
        assert_string_equal(k[0].term[i], k[1].term[i]);
        assert_true(k[0].score[i] == k[1].score[i]);
    }
}

/* A title's runs break at punctuation and symbols outside ASCII as at "<" or ",": a dash, a
 * quotation mark or an emoji is no word of a keyword ("talks — zelensky’s plan" was one). */
static void test_title_runs_break_at_symbols(void **state) {
    (void)state;
    kw_out k;
    run_line("{\"id\":1,\"title\":\"Ukraine\xe2\x80\x99s \xe2\x80\x98security\xe2\x80\x99 talks "
             "\xe2\x80\x94 Zelensky\xe2\x80\x99s plan \xc2\xab Paris \xc2\xbb \xf0\x9f\x9a\x80 "
             "launch\",\"text\":\"Shr 12 cts vs 15 cts\"}",
             10, 1, &k);
    assert_true(has(&k, "ukraine") && has(&k, "talks") && has(&k, "paris") &&
                has(&k, "launch"));
    for (size_t i = 0; i < k.n; i++)
        if (strstr(k.term[i], "\xe2\x80\x94") || strstr(k.term[i], "\xc2\xab") ||
            strstr(k.term[i], "\xc2\xbb") || strstr(k.term[i], "\xf0\x9f\x9a\x80") ||
            strstr(k.term[i], "\xe2\x80\x98"))
            fail_msg("title keyword \"%s\" holds a symbol", k.term[i]);
    /* letters, marks and an apostrophe inside a word stay: "o’neill" (as its tokens' norm
     * "o'neill"), "straße", "i̇stanbul" */
    run_line("{\"id\":1,\"title\":\"O\xe2\x80\x99Neill visits Stra\xc3\x9f" "e in "
             "I\xcc\x87stanbul\",\"text\":\"Shr 12 cts vs 15 cts\"}",
             10, 1, &k);
    assert_int_equal(k.n, 2); /* "in" breaks the run */
    assert_string_equal(k.term[0], "o'neill visits strasse"); /* case folded */
    assert_string_equal(k.term[1], "i\xcc\x87stanbul");
}

static void test_deterministic_across_threads(void **state) {
    (void)state;
    size_t len;
    char *text = nm_test_read_file(NM_SOURCE_DIR "/corpora/sample/paris-summit.txt", &len);
    assert_non_null(text);
    kw_out a, b;
    run_text(text, 20, &a);
    char *line = malloc(len * 2 + 64);
    size_t n = (size_t)sprintf(line, "{\"id\":\"p\",\"text\":\"");
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n') {
            line[n++] = '\\';
            line[n++] = 'n';
            continue;
        }
        if (text[i] == '"' || text[i] == '\\')
            line[n++] = '\\';
        line[n++] = text[i];
    }
    strcpy(line + n, "\"}");
    run_line(line, 20, 4, &b);
    assert_same_keywords(&a, &b);
    free(line);
    free(text);
}

/* A document seen again by the same worker reads its stems from the stem cache (entries of
 * 32 bytes, the stem's own ending after the word: "generously" -> "generous", "companies" ->
 * "compani", 16-byte words): the keywords are those of the first time, stemmed by libstemmer. */
static void test_stem_cache_hits(void **state) {
    (void)state;
    static const char *line =
        "{\"id\":\"c\",\"text\":\"Mining companies generously funded the happiness "
        "survey. The companies said happiness rose generously; counterbalancing "
        "counterbalancing measures and internationalizations of mining companies followed, "
        "as the survey of happiness showed. Running mines, the companies ran surveys.\"}";
    const char *lines[3] = {line, line, line};
    size_t lens[3] = {strlen(line), strlen(line), strlen(line)};
    static kw_out k[3];
    run_lines(1, lines, lens, 3, k);
    assert_true(k[0].n > 3);
    assert_same_keywords(&k[0], &k[1]);
    assert_same_keywords(&k[0], &k[2]);
}

/* A word's length counts characters, not bytes: a Cyrillic word of 3 letters (6 bytes) weighs
 * as a Latin word of 3 letters, and a 9-letter Cyrillic word mentioned once does not outrank a
 * word mentioned three times as if it had 18 letters. */
static void test_word_length_in_characters(void **state) {
    (void)state;
    kw_out cyr, lat;
    run_text("Вчера zorb и мир обсуждали. Потом zorb и мир ждали. Но zorb и мир ушли.", 10, &cyr);
    run_text("Vchera zorb i mir obsuzhdali. Potom zorb i mir zhdali. No zorb i mir ushli.", 10, &lat);
    assert_string_equal(cyr.term[0], "zorb");
    assert_string_equal(lat.term[0], "zorb");
    double mir_cyr = -1, mir_lat = -2;
    for (size_t i = 0; i < cyr.n; i++)
        if (strcmp(cyr.term[i], "мир") == 0)
            mir_cyr = cyr.score[i];
    for (size_t i = 0; i < lat.n; i++)
        if (strcmp(lat.term[i], "mir") == 0)
            mir_lat = lat.score[i];
    assert_true(mir_cyr == mir_lat);
}

/* A name written with a typographic apostrophe is keyed as its tokens are ("O’Keefe" as
 * "o'keefe"): the same keywords and scores as with a straight one, not the name beside its
 * own words ("carling o’keefe", "carling", "o'keefe"). */
static void test_name_with_curly_apostrophe(void **state) {
    (void)state;
    kw_out curly, plain;
    run_text("Carling O’Keefe Breweries said. Carling O’Keefe rose. Carling O’Keefe shares jumped "
             "on Carling O’Keefe news.",
             10, &curly);
    run_text("Carling O'Keefe Breweries said. Carling O'Keefe rose. Carling O'Keefe shares jumped "
             "on Carling O'Keefe news.",
             10, &plain);
    assert_same_keywords(&curly, &plain);
    assert_string_equal(curly.term[0], "carling o'keefe");
    assert_false(has(&curly, "carling"));
}

/* A plural of 17 bytes whose 16-byte word is cached takes the word's stem from its entry
 * (stem_miss; clang's UBSan once caught the entry's ending read as b + 17 - 1): one candidate. */
static void test_plural_of_longest_cached_word(void **state) {
    (void)state;
    kw_out k;
    run_text("The counterbalancing worked. Counterbalancings of counterbalancings followed the "
             "counterbalancing.",
             10, &k);
    assert_string_equal(k.term[0], "counterbalancing");
    assert_false(has(&k, "counterbalancings"));
}

/* The stem cache stops taking words once half its slots are given out (kw_cache.h): a document
 * after 90,000 distinct words, with the cache spent, has the keywords it had first, at one
 * worker (where the order is certain) and at three. */
static void test_spent_stem_cache_same_keywords(void **state) {
    (void)state;
    static const char *doc =
        "{\"id\":\"d\",\"text\":\"Mining companies generously funded the happiness "
        "survey. The companies said happiness rose generously; counterbalancing "
        "measures of mining companies followed, as the survey of happiness showed.\"}";
    enum { WORDS = 90000 };
    size_t cap = 32 + (size_t)WORDS * 8, n = 0;
    char *big = malloc(cap);
    assert_non_null(big);
    n += (size_t)snprintf(big, cap, "{\"id\":\"big\",\"text\":\"");
    for (unsigned i = 0; i < WORDS; i++) { /* "qaaaax", "qbaaax", ...: four letters of i */
        char w[8] = {'q', (char)('a' + i % 26), (char)('a' + i / 26 % 26),
                     (char)('a' + i / 676 % 26), (char)('a' + i / 17576 % 26), 'x', ' ', 0};
        memcpy(big + n, w, 7);
        n += 7;
    }
    memcpy(big + n, "\"}", 3);
    n += 2;
    const char *lines[3] = {doc, big, doc};
    size_t lens[3] = {strlen(doc), n, strlen(doc)};
    static kw_out k[3];
    for (unsigned threads = 1; threads <= 3; threads += 2) {
        run_lines(threads, lines, lens, 3, k);
        assert_true(k[0].n > 3);
        assert_same_keywords(&k[0], &k[2]);
    }
    free(big);
}

/* A document's keywords do not depend on the words earlier documents left in the worker's stem
 * cache: "witnesses" is stemmed as "witness" is ("wit") also after a document with the archaic
 * "witnesse" (whose stem is "witness": Porter2 takes -sses to -ss, not to -sse, so "witnesses"
 * is no plural of "witnesse"); it gave "witnesses", "witness", "business", "businesses" apart. */
static void test_stems_apart_from_earlier_documents(void **state) {
    (void)state;
    static const char *const lines[] = {
        "{\"id\":\"old\",\"text\":\"And the witnesse of the court stood. The witnesse spake, and "
        "the businesse was done.\"}",
        "{\"id\":\"news\",\"text\":\"Two witnesses told the court they saw the crash. A third "
        "witness disagreed. The witnesses said local businesses closed early, and one business "
        "owner called police.\"}"};
    kw_out alone, after;
    run_line(lines[1], 10, 1, &alone);
    nm_pipeline *p = make(1, 10, NULL);
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(nm_pipeline_push_line(p, "t", i + 1, lines[i], strlen(lines[i])), NM_OK);
    nm_pipeline_finish(p);
    nm_record *rec;
    for (int i = 0; i < 2; i++) {
        assert_int_equal(nm_pipeline_next(p, &rec), NM_OK);
        if (i == 1)
            copy_keywords(rec, &after);
        nm_pipeline_release(p, rec);
    }
    nm_pipeline_destroy(p);
    assert_true(has(&alone, "witnesses") && !has(&alone, "witness"));
    assert_int_equal(alone.n, after.n);
    for (size_t i = 0; i < alone.n; i++) {
        assert_string_equal(alone.term[i], after.term[i]);
        assert_true(alone.score[i] == after.score[i]);
    }
}

/* Word evidence at equal counts: a long word says more than a short one, an adverb less than a
 * noun; a hyphenated compound counts as its longest part. */
static void test_word_shape(void **state) {
    (void)state;
    kw_out k;
    run_text("Officials held talks about negotiations. The talks stalled, and the negotiations "
             "ended.",
             10, &k);
    assert_string_equal(k.term[0], "negotiations");
    assert_true(has(&k, "talks"));
    run_text("The harvest failed and prices climbed steadily. Costs fell steadily after the "
             "harvest.",
             10, &k); /* (an adverb of manner: "sharply" is a listed function word) */
    assert_string_equal(k.term[0], "harvest");
    assert_string_equal(k.term[1], "steadily");
    run_text("The writer-director spoke. Her writer-director role and her storytelling were "
             "praised for storytelling.",
             10, &k);
    assert_string_equal(k.term[0], "storytelling");
    assert_string_equal(k.term[1], "writer-director");
}

/* A name mostly mentioned by one word is shown as that word; else by its canonical name. */
static void test_names_as_mentioned(void **state) {
    (void)state;
    kw_out k;
    run_text("The European Union (EU) met in Brussels. The EU agreed on tariffs. EU ministers "
             "spoke about tariffs.",
             10, &k);
    assert_string_equal(k.term[0], "eu");
    assert_false(has(&k, "european union"));
    run_text("The European Union met in Brussels. The European Union agreed on tariffs. The EU "
             "spoke about tariffs.",
             10, &k);
    assert_string_equal(k.term[0], "european union");
    assert_false(has(&k, "eu"));
}

/* A repeated phrase is a keyphrase in the lead and further down alike. */
static void test_phrase_in_lead(void **state) {
    (void)state;
    kw_out body, lead;
    run_text("Freight rates climbed in Rotterdam on Monday. Shippers blamed the canal closure, "
             "and brokers said the canal closure would last. Insurers raised premiums.",
             5, &body);
    run_text("The canal closure lifted freight rates in Rotterdam on Monday. Shippers blamed the "
             "canal closure, and brokers said it would last. Insurers raised premiums.",
             5, &lead);
    /* a repeated phrase is a keyphrase wherever it stands (editors tag noun phrases) */
    assert_int_equal(body.n, 5);
    assert_string_equal(body.term[0], "canal closure");
    assert_true(has(&body, "rotterdam"));
    assert_int_equal(lead.n, 5);
    assert_string_equal(lead.term[0], "canal closure");
    assert_string_equal(lead.term[1], "rotterdam");
}

static size_t rank_of(const kw_out *k, const char *term) {
    for (size_t i = 0; i < k->n; i++)
        if (strcmp(k->term[i], term) == 0)
            return i;
    return k->n;
}

/* A word that mostly modifies the next one gives way to its phrase and to nouns standing alone. */
static void test_modifier_gives_way(void **state) {
    (void)state;
    kw_out k;
    run_text("Envoys met in Vienna on Tuesday. Diplomatic efforts to end the blockade resumed "
             "after diplomatic channels reopened. Negotiators praised the diplomatic efforts, and "
             "a diplomatic source said the blockade could end by March. Shipping firms welcomed "
             "the news.",
             6, &k);
    assert_string_equal(k.term[0], "diplomatic efforts");
    assert_true(rank_of(&k, "blockade") < rank_of(&k, "diplomatic"));
}

/* An agency credit in parentheses is no keyword; the dateline's city is. */
static void test_credit_in_parens(void **state) {
    (void)state;
    kw_out k;
    run_text("Harbour strike spreads\nLISBON (AP) - Dock workers extended their strike on Monday, "
             "and shipping lines diverted freight to Spanish ports as the strike entered its "
             "second week. Dock workers want higher wages.",
             10, &k);
    assert_int_equal(k.n, 10);
    assert_string_equal(k.term[0], "strike");
    assert_false(has(&k, "ap"));
    assert_true(has(&k, "lisbon"));
    /* a legislator's party and state, with or without an abbreviation's period */
    run_text("Sen. Barbara Boxer (D-Calif.) said the budget cuts were harmful. Rep. Adam Smith "
             "(D-Calif.) agreed the budget cuts hurt, and Rep. Joe Roe (R-Texas) and Rep. Ann "
             "Poe (R-Texas) backed budget talks.",
             30, &k);
    assert_true(has(&k, "budget cuts"));
    assert_false(has(&k, "d-calif"));
    assert_false(has(&k, "r-texas"));
}

/* A hashtag is a variant of its word: "#Ukraine" and "Ukraine" are one keyword, shown without
 * the '#' ("ukraine" and "#ukraine" were two, "security" and "#security" too); a handle stays
 * as it is. */
static void test_hashtags_merge(void **state) {
    (void)state;
    kw_out k;
    run_text("Leaders met on #Ukraine security today. Ukraine wants guarantees, said @ZelenskyyUa. "
             "#Ukraine #security guarantees matter. More via @ZelenskyyUa and @NATO.",
             30, &k);
    assert_true(has(&k, "ukraine") && has(&k, "@zelenskyyua"));
    for (size_t i = 0; i < k.n; i++)
        if (strchr(k.term[i], '#'))
            fail_msg("keyword \"%s\" keeps a hashtag apart from its word", k.term[i]);
}

/* A text of one word on one line is that word, not a closing credit like a wire story's last
 * line "Reuter": "Ukraine" gives "ukraine" (it gave none), "Oil prices rose.\nReuter" no
 * "reuter". */
static void test_one_word_text(void **state) {
    (void)state;
    kw_out k;
    run_text("Ukraine", 10, &k);
    assert_int_equal(k.n, 1);
    assert_string_equal(k.term[0], "ukraine");
    assert_true(k.score[0] == 1.0);
    run_text("bitcoin\n", 10, &k);
    assert_int_equal(k.n, 1);
    assert_string_equal(k.term[0], "bitcoin");
    run_text("Oil prices rose.\nReuter", 10, &k);
    assert_true(has(&k, "prices") && !has(&k, "reuter"));
}

/* A wire story's closing credit line and the magnitudes of a results table are no keywords. */
static void test_credit_line_and_magnitudes(void **state) {
    (void)state;
    kw_out k;
    run_text("Harbour bank results\nHarbour Bank said deposits and loans grew in the year.\n"
             "    Deposits 472.3 mln vs 440.3 mln\n    Loans 299.2 mln vs 327.2 mln\n"
             "    Assets 510.2 mln vs 479.7 mln\n Reuter\n",
             10, &k);
    assert_true(k.n > 0);
    assert_true(has(&k, "deposits"));
    assert_true(has(&k, "loans"));
    assert_false(has(&k, "reuter"));
    assert_false(has(&k, "mln"));
    /* the same word inside the text is a keyword as usual */
    run_text("Reuter news agency\nThe Reuter news agency opened a bureau; Reuter staff moved in.\n",
             10, &k);
    assert_true(has(&k, "reuter"));
}

/* The copyright notice closing a syndicated story is boilerplate, not keywords; the word
 * "copyright" in the story itself still counts. */
static void test_copyright_notice(void **state) {
    (void)state;
    kw_out k;
    run_text("Canal closure hits shippers\nThe canal closure forced shippers to reroute freight "
             "around the cape. Shippers said the canal closure would last weeks. "
             "\xc2\xa9 Copyright 2011 Associated Press. All rights reserved. This material may not "
             "be published, broadcast, rewritten, or redistributed.",
             10, &k);
    assert_true(has(&k, "canal closure"));
    assert_false(has(&k, "redistributed"));
    assert_false(has(&k, "associated press"));
    assert_false(has(&k, "copyright"));
    run_text("Copyright fight\nThe copyright dispute over the song went to court. Lawyers said the "
             "copyright dispute could last years, and the copyright office declined to comment.",
             10, &k);
    assert_true(has(&k, "copyright dispute") || has(&k, "copyright"));
}

/* Function words are never keywords: "according to", "despite", "also". */
static void test_function_words(void **state) {
    (void)state;
    kw_out k;
    run_text("Drought cuts harvest\nAccording to farmers, the drought also cut the harvest, "
             "despite irrigation. According to officials, the harvest fell again, despite rain.",
             10, &k);
    assert_true(has(&k, "harvest"));
    assert_false(has(&k, "according"));
    assert_false(has(&k, "despite"));
    assert_false(has(&k, "also"));
}

/* Function words the stop list leaves out are no keywords either: indefinite pronouns
 * ("everything"), quantifiers ("enough") and adverbs of time, place or degree ("together",
 * "elsewhere", "later"), however often they occur; nor do they end a phrase ("worked
 * together"). */
static void test_unlisted_function_words(void **state) {
    (void)state;
    kw_out k;
    run_text("Flood crews work together\nFlood crews worked together through the night. "
             "Everything was lost, and flood crews searched elsewhere later. Flood crews worked "
             "together again; everything they found went elsewhere later, with enough pumps. "
             "Flood crews previously pumped 40 and 50 tonnes respectively, immediately. Flood "
             "crews pumped earlier, prior to the storm, and earlier prior to the rain.",
             30, &k);
    assert_true(has(&k, "flood crews"));
    assert_true(has(&k, "storm"));
    static const char *const no[] = {"together",        "everything",   "elsewhere",
                                     "later",           "enough",       "worked together",
                                     "enough pumps",    "respectively", "previously",
                                     "immediately",     "earlier",      "prior"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_false(has(&k, no[i]));
}

/* nm__kw_function_word knows each word of its list, and no other: not words sharing their
 * first or last four bytes, nor the list's words cut or grown. */
static void test_function_word_list(void **state) {
    (void)state;
    static const char *const some[] = {"together", "everything", "respectively", "regarding",
                                       "somebody",  "lots",       "whoever",    "earlier",
                                       "prior"};
    static const char *const no[] = {"somebodies", "toget",  "lot",    "losts",   "evening",
                                     "everest",    "anyways", "latest", "soonest", "away.",
                                     "first",      "next",   "last",   "plus",   "highlyx",
                                     "weather",    "ever",   "always!", "usual",  "togethers",
                                     "reallyx",    ""};
    for (size_t i = 0; i < nm__kw_function_words_n; i++) {
        const char *w = nm__kw_function_words[i];
        assert_true(nm__kw_function_word(w, strlen(w)));
        if (i > 0) /* in byte order, each once */
            assert_true(strcmp(nm__kw_function_words[i - 1], w) < 0);
    }
    for (size_t i = 0; i < sizeof some / sizeof *some; i++)
        assert_true(nm__kw_function_word(some[i], strlen(some[i])));
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_false(nm__kw_function_word(no[i], strlen(no[i])));
    assert_true(nm__kw_function_word("lotsa", 4)); /* its first n bytes only: "lots" */
}

/* A word in more than 15% of the model's documents is stop-like whatever its count, also at
 * the largest one a model holds (UINT32_MAX, which the stage once took for "no df known"): in
 * a model of 2^33 documents "widget" in 2^32 - 1 of them is no keyword, as in 2^32 - 2. */
static void test_df_at_count_limit(void **state) {
    (void)state;
    static const char *line =
        "{\"id\":\"w\",\"text\":\"Widget makers met in Paris. The widget market grew as widget "
        "sales and gadget sales rose. Widget prices fell while gadget prices held.\"}";
    const char *path = NM_BINARY_DIR "/test_keywords_limit.df";
    for (uint32_t df = UINT32_MAX - 1; df != 0; df++) { /* UINT32_MAX - 1, then UINT32_MAX */
        nm__df_builder *b = nm__df_builder_new();
        assert_non_null(b);
        assert_int_equal(nm__df_builder_add(b, "widget", 6, df), NM_OK);
        assert_int_equal(nm__df_builder_add(b, "gadget", 6, 1000), NM_OK);
        nm__df_builder_add_docs(b, 1ull << 33);
        nm__buf out = {0};
        nm_error err;
        assert_int_equal(nm__df_builder_write(b, 1, &out, &err), NM_OK);
        assert_int_equal(nm_test_write_file(path, out.ptr, out.len), 0);
        nm__buf_free(&out);
        nm__df_builder_free(b);
        nm_pipeline *p = make(1, 10, path);
        assert_int_equal(nm_pipeline_push_line(p, "t", 1, line, strlen(line)), NM_OK);
        nm_pipeline_finish(p);
        nm_record *rec;
        assert_int_equal(nm_pipeline_next(p, &rec), NM_OK);
        kw_out k;
        copy_keywords(rec, &k);
        nm_pipeline_release(p, rec);
        nm_pipeline_destroy(p);
        assert_true(has(&k, "gadget"));
        if (has(&k, "widget"))
            fail_msg("\"widget\" in %u of 2^33 documents is a keyword", df);
    }
    remove(path);
}

/* The user's seed article: its top 10 names the summit's subjects. */
static void test_seed_article(void **state) {
    (void)state;
    size_t len;
    char *text = nm_test_read_file(NM_SOURCE_DIR "/corpora/sample/paris-summit.txt", &len);
    assert_non_null(text);
    kw_out k;
    run_text(text, 10, &k);
    free(text);
    assert_int_equal(k.n, 10);
    assert_true(has(&k, "ukraine"));
    assert_true(has(&k, "paris"));
    assert_true(has(&k, "security guarantees") || has(&k, "security assurances"));
    assert_true(has(&k, "european union") || has(&k, "eu"));
}

static void test_bad_model(void **state) {
    (void)state;
    nm_options o;
    nm_options_default(&o);
    nm_error err;
    o.df_path = "/nonexistent/x.df";
    assert_null(nm_pipeline_create(&o, &err));
    assert_int_equal(err.code, NM_ERR_IO);
    assert_non_null(strstr(err.msg, "/nonexistent/x.df"));
    const char *path = NM_BINARY_DIR "/test_keywords_bad.df";
    assert_int_equal(nm_test_write_file(path, "not a model\n", 12), 0);
    o.df_path = path;
    assert_null(nm_pipeline_create(&o, &err));
    assert_int_equal(err.code, NM_ERR_MODEL);
    assert_non_null(strstr(err.msg, "not a newsmine df model"));
    remove(path);
}

/* --- kw_clean: a story's frame (helper KB) --- */

/* A byline names the writer, not the story: "By Maria Costa, Associated Press Writer" is no
 * keyword; "By contrast, ..." opens no byline. */
static void test_byline(void **state) {
    (void)state;
    kw_out k;
    run_text("Harbour strike spreads\nBy Maria Costa, Associated Press Writer\nDock workers "
             "extended their strike on Monday, and shipping lines diverted freight as the strike "
             "entered its second week. Maria Costa is no relation. Dock workers want higher "
             "wages.",
             10, &k);
    assert_true(has(&k, "strike"));
    assert_false(has(&k, "associated press writer"));
    assert_false(has(&k, "associated press"));
    assert_false(has(&k, "writer"));
    run_text("Harbour strike spreads\nBy contrast, Dock workers at Lisbon kept working. Dock "
             "workers said the strike was over.",
             10, &k);
    assert_true(has(&k, "dock workers"));
}

/* An editor's note label ("NOTE:", "Editor's note:") is no keyword; the note's text is. */
static void test_editors_note(void **state) {
    (void)state;
    kw_out k;
    run_text("Harbour Bank results\nHarbour Bank said deposits and loans grew in the year.\n"
             "    Deposits 472.3 mln vs 440.3 mln\n    Loans 299.2 mln vs 327.2 mln\n"
             "    NOTE: Deposits exclude tax credits.\n",
             10, &k);
    assert_true(has(&k, "deposits"));
    assert_false(has(&k, "note"));
    run_text("Editor's note: this story was updated.\nThe canal closure forced shippers to reroute "
             "freight. Shippers said the canal closure would last weeks.",
             10, &k);
    assert_true(has(&k, "canal closure"));
    assert_false(has(&k, "note"));
    assert_false(has(&k, "editor's note"));
    assert_false(has(&k, "editor"));
    run_text("Central bank note\nThe central bank issued a new bank note. The bank note shows a "
             "bridge, and the note is harder to forge.",
             10, &k);
    assert_true(has(&k, "bank note") || has(&k, "note"));
}

/* A credit in parentheses ("(AP Photo/...)", "(Reporting by ...; Editing by ...)"), the agency
 * a source told, and a web page's "Advertisement" marker are no keywords. */
static void test_credits_and_markers(void **state) {
    (void)state;
    kw_out k;
    run_text("Harbour strike spreads\nDock workers extended their strike on Monday. (AP "
             "Photo/Maria Costa) Shipping lines diverted freight as the strike entered its second "
             "week, a union leader told Reuters. Dock workers want higher wages, the union told "
             "the Associated Press. (Reporting by Maria Costa; Editing by John Roe)",
             10, &k);
    assert_true(has(&k, "strike"));
    assert_false(has(&k, "maria costa"));
    assert_false(has(&k, "reuters"));
    assert_false(has(&k, "associated press"));
    assert_false(has(&k, "reporting"));
    assert_false(has(&k, "editing"));
    run_text("Harbour strike spreads\nDock workers extended their strike, economists polled by "
             "Reuters said. The strike entered its second week, a union leader said in an "
             "interview with Reuters. Dock workers want higher wages. Reuter",
             10, &k);
    assert_true(has(&k, "strike"));
    assert_false(has(&k, "reuters"));
    assert_false(has(&k, "reuter"));
    run_text("Canal closure hits shippers\nThe canal closure forced shippers to reroute freight. "
             "Advertisement Shippers said the canal closure would last weeks. Advertisement",
             10, &k);
    assert_true(has(&k, "canal closure"));
    assert_false(has(&k, "advertisement"));
    /* inside a sentence, the words are content as usual */
    run_text("Reuters wins award\nReuters won a photo award. The Reuters photo desk said "
             "the advertisement campaign for Reuters ran in May; an advertisement agency paid.",
             10, &k);
    assert_true(has(&k, "reuters"));
    assert_true(has(&k, "advertisement") || has(&k, "advertisement campaign"));
}

/* The frame is found wherever its line starts fall among the tokens (the walk tests four tokens'
 * flags at once) and for every agency a source told, in order (each found by a search from the
 * last): filler words before the note label move it through the four positions. */
static void test_frame_at_any_token(void **state) {
    (void)state;
    kw_out k;
    const char *fill[] = {"", "Dock ", "Dock workers ", "Dock workers struck ",
                          "Dock workers struck again "};
    for (size_t f = 0; f < sizeof fill / sizeof *fill; f++) {
        char text[512];
        snprintf(text, sizeof text,
                 "Harbour strike spreads\n%sThe strike entered its second week, a union leader "
                 "told Reuters, and shippers told Bloomberg the strike cost them. A port official "
                 "told AFP the strike would last.\nNOTE: The strike began in May.",
                 fill[f]);
        run_text(text, 10, &k);
        assert_true(has(&k, "strike"));
        assert_false(has(&k, "note"));
        assert_false(has(&k, "reuters"));
        assert_false(has(&k, "bloomberg"));
        assert_false(has(&k, "afp"));
    }
}

/* Closing promotion and credit lines are no keywords: "Follow ... on Twitter", "Subscribe to
 * ...", "... contributed to this report." */
static void test_closing_promo(void **state) {
    (void)state;
    kw_out k;
    run_text("Canal closure hits shippers\nThe canal closure forced shippers to reroute freight. "
             "Shippers said the canal closure would last weeks. Jane Doe contributed to this "
             "report. Subscribe to Harbour Daily home delivery and receive a special offer. "
             "Follow Harbour Daily on Twitter.",
             10, &k);
    assert_true(has(&k, "canal closure"));
    assert_false(has(&k, "harbour daily"));
    assert_false(has(&k, "jane doe"));
    assert_false(has(&k, "twitter"));
    assert_false(has(&k, "home delivery"));
}

/* Words of attribution ("spokesman", "officials", "analysts") frame a report: they count half,
 * below the story's own subjects at equal or greater counts. */
static void test_reporting_words(void **state) {
    (void)state;
    static const char *const want[] = {"refinery",  "inspection", "expected", "fire",
                                       "spokesman", "officials",  "analysts", "reopens",
                                       "decide",    "prices"};
    expect_top("Refinery fire\nA fire shut the refinery on Monday, a company spokesman said. "
               "Officials said the refinery would stay closed. The spokesman told reporters that "
               "officials expected the fire inspection to end by Friday, and the inspection would "
               "decide when the refinery reopens. Analysts said fuel prices would rise, and "
               "analysts expect the refinery to pay fines.",
               want, 10);
}

/* nm__kw_reporting_word knows each word of its list, and no other: not words of the same
 * length and last bytes (its slot), nor one byte more or less, nor the list's words grown. */
static void test_reporting_word_list(void **state) {
    (void)state;
    static const char *const yes[] = {
        "spokesman", "spokesmen", "spokeswoman", "spokeswomen", "spokesperson", "official",
        "officials", "source",    "sources",     "told",        "reporters",    "analyst",
        "analysts",  "economist", "economists",  "expert",      "experts"};
    static const char *const no[] = {"courses", "spokeswomen.", "sourcesx", "toad",   "old",
                                     "tolds",   "reporter",     "reported", "expect", "sold",
                                     "spokesmun", "officiall",  "economics", "spokespersons",
                                     "experis", "analysis",     "bold",     ""};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        assert_true(nm__kw_reporting_word(yes[i], strlen(yes[i])));
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_false(nm__kw_reporting_word(no[i], strlen(no[i])));
    assert_true(nm__kw_reporting_word("sources", 6)); /* its first n bytes only: "source" */
    assert_false(nm__kw_reporting_word("toldx", 5));
}

/* Dotted acronyms keep their dots, as the text writes them ("u.s.", "j.s. bach"): a reader's
 * (or a gold set's) spelling varies, the text's is the faithful one. */
static void test_dotted_acronyms(void **state) {
    (void)state;
    static const char *const want[] = {"tariffs", "u.s.",  "steel tariffs", "canada",
                                       "u.s. commerce department",      "follow", "mills",
                                       "talks",   "raised", "hurt"};
    expect_top("Steel tariffs\nThe U.S. raised steel tariffs on Monday. Canada said the U.S. "
               "tariffs would hurt mills, and the U.S. Commerce Department said talks would "
               "follow.",
               want, 10);
    static const char *const want2[] = {"recordings", "j.s. bach", "u.k.", "critics", "anna hart",
                                        "album",      "bold",      "sold", "pianist"};
    expect_top("Bach recordings\nPianist Anna Hart recorded J.S. Bach for a new album. Critics "
               "said her J.S. Bach recordings were bold, and the recordings sold well in the U.K.",
               want2, 9);
}

/* A phrase joined by "and" names two subjects, not one: its words stand alone instead. */
static void test_coordination(void **state) {
    (void)state;
    static const char *const want[] = {"hospitality", "leisure", "hiring",    "cashiers",  "picks",
                                       "waiters",     "spread",  "employers", "retailers", "jobs"};
    expect_top("Hiring picks up\nEmployers added jobs in leisure and hospitality last month. "
               "Leisure and hospitality firms hired waiters, and retailers hired cashiers as "
               "hiring spread.",
               want, 10);
}

/* A verb and its object ("completed the acquisition") is no phrase; "the" after a connector
 * ("cost of the takeover") is. */
static void test_verb_object(void **state) {
    (void)state;
    static const char *const want[] = {"acquisition", "completed", "cost of the takeover",
                                       "harbour",     "deal",      "questioned",
                                       "closes",      "approved",  "lenders",
                                       "dockside"};
    expect_top("Harbour deal closes\nHarbour Freight completed the acquisition of Dockside Tools "
               "on Monday. Dockside shareholders approved the deal last month, and Harbour "
               "completed the acquisition for cash. Analysts questioned the cost of the takeover, "
               "and the cost of the takeover worried lenders.",
               want, 10);
}

/* A phrase ending in a past tense is a clause ("farm sales increased"); after an -ly adverb it
 * is an adjective ("genetically modified") and stays. */
static void test_clause_fragment(void **state) {
    (void)state;
    static const char *const want[] = {"genetically modified", "increased", "sales", "farm sales",
                                       "spread", "seed", "sold", "crops"};
    expect_top("Seed sales\nFarm sales increased in March as genetically modified seed sold well. "
               "Farm sales increased again in April, and genetically modified crops spread.",
               want, 8);
}

/* An agency signing off an item after a dash, or crediting a photo, is no keyword. */
static void test_agency_signoff(void **state) {
    (void)state;
    static const char *const want[] = {"assam",     "rescuers",  "villages", "station",
                                       "policemen", "survivors", "briefs",   "karachi",
                                       "searched",  "floods"};
    expect_top("World briefs\nA bomb hit a police station in Karachi, and the blast wounded "
               "policemen. - AP\nFloods swept villages in Assam, and rescuers searched the "
               "villages for survivors. - AP\nRescuers in Assam said floods cut roads. AP PHOTO\n",
               want, 10);
}

/* A results table's rows label figures ("Shr", "Revs", "Nine mths"): never keywords. The same
 * words in prose are; a line of prose holding figures, and the names on a score line, stay. */
static void test_results_table(void **state) {
    (void)state;
    kw_out k;
    run_text("Harbour Mills results\n"
             "Shr 34 cts vs 1.19 dlrs\n    Net 807,000 vs 2,858,000\n"
             "    Revs 12.6 mln vs 15.8 mln\n    Nine mths\n    Shr 1.07 dlrs vs 2.30 dlrs\n"
             "    Revs 38.5 mln vs 41.0 mln\n    Qtly div 10 cts vs 10 cts prior\n"
             "    Pay April 1\n    Record March 15\n"
             "    Note: Net includes a gain on the sale of the textile business.\n Reuter\n",
             10, &k);
    static const char *const labels[] = {"shr", "revs", "mths", "div", "qtly", "pay", "record"};
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        assert_false(has(&k, labels[i]));
    assert_true(has(&k, "textile"));
    assert_true(has(&k, "business"));
    assert_true(has(&k, "net"));
    /* prose: a sentence wrapped over lines, and a line that is a sentence of its own */
    run_text("Mill output\nThe mill said revenues rose to 12.6 mln dlrs in the year, and\n"
             "revenues from textiles rose 4.5 pct.\nRevenues rose 12 pct in March.\n",
             10, &k);
    assert_true(has(&k, "revenues"));
    /* a score line keeps its teams */
    run_text("Cup results\nHarbour Rovers 2 Mill Town 1\nHarbour Rovers 3 Mill Town 0\n", 10,
             &k);
    assert_true(has(&k, "harbour rovers"));
}

/* Compounds of time, number and function words date or count ("year-ago", "three-for-two"):
 * no keywords; other hyphenated words are ("anti-war"). */
static void test_time_compounds(void **state) {
    (void)state;
    kw_out k;
    run_text("Harbour Mills sets split\nHarbour Mills declared a three-for-two stock split. "
             "Year-ago sales were lower, and year-to-date sales rose; the year-ago quarter was "
             "weak. The three-for-two stock split follows anti-war protests at the mills, and "
             "anti-war groups praised the year-on-year gains by end-february.\n",
             10, &k);
    static const char *const gone[] = {"year-ago", "three-for-two", "year-to-date",
                                       "year-on-year", "end-february"};
    for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
        assert_false(has(&k, gone[i]));
    assert_true(has(&k, "stock split"));
    run_text("Anti-war march\nAnti-war groups marched in Harbour City. The anti-war march drew "
             "students, and anti-war leaders spoke.\n",
             10, &k);
    assert_true(has(&k, "anti-war"));
    assert_true(has(&k, "anti-war march"));
}

/* The stage takes a connector's stem to be the word itself, without a stem lookup (KS12):
 * Porter2 must leave each connector as it is. */
static void test_connector_stems(void **state) {
    (void)state;
    static const char *const conn[] = {"of", "and", "&",   "for", "the", "de", "del",
                                       "la", "du",  "von", "van", "der", "y"};
    nm__stemmer *st = nm__stemmer_create();
    assert_non_null(st);
    for (size_t i = 0; i < sizeof conn / sizeof *conn; i++) {
        nm_str s = nm__stem(st, conn[i], strlen(conn[i]));
        assert_int_equal(s.len, strlen(conn[i]));
        assert_memory_equal(s.ptr, conn[i], s.len);
    }
    nm__stemmer_destroy(st);
    /* and a phrase joined by one keeps it: "bank of england" twice */
    kw_out out;
    run_line("{\"text\": \"Traders watched the Bank of England closely. The bank of england "
             "kept rates. Its governor spoke.\"}",
             10, 1, &out);
    int found = 0;
    for (size_t i = 0; i < out.n; i++)
        found |= strcmp(out.term[i], "bank of england") == 0;
    assert_true(found);
}

/* A credit in parentheses cut off by the text's end ("... (the AFP", "... (AP Photo"): the frame
 * walk reads no token past the record's last. The tokens past it here hold 5-byte keys with no
 * bytes (a read of one compares through NULL); a pipeline's reused record holds an earlier
 * document's tokens there, or the array ends. */
static void test_credit_cut_at_end(void **state) {
    (void)state;
    static const char *const texts[] = {"x (the AFP", "x (AP Photo", "x (Reuters photo"};
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        const char *text = texts[t];
        nm_token tk[8];
        memset(tk, 0, sizeof tk);
        size_t n = 0;
        for (size_t b = 0, e; text[b]; b = e) {
            while (text[b] == ' ')
                b++;
            e = b + 1;
            if (text[b] != '(')
                while (text[e] && text[e] != ' ')
                    e++;
            nm_token *k = &tk[n++];
            k->start = (uint32_t)b;
            k->end = (uint32_t)e;
            k->type = text[b] == '(' ? NM_TOK_PUNCT : NM_TOK_WORD;
            k->flags = (uint16_t)((text[b] >= 'A' && text[b] <= 'Z' ? NM_TF_CAP : 0) |
                                  (b == 0 ? NM_TF_SENT_START | NM_TF_LINE_START : 0) |
                                  (text[b - (b > 0)] == ' ' || b == 0 ? NM_TF_SPACE_BEFORE : 0));
            char *key = malloc(e - b);
            for (size_t i = b; i < e; i++)
                key[i - b] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
            k->key = k->norm = (nm_str){key, e - b};
        }
        for (size_t i = n; i < 8; i++)
            tk[i].key = (nm_str){NULL, 5}; /* "photo"'s length: past the end, never read */
        nm_record rec;
        memset(&rec, 0, sizeof rec);
        rec.text = (nm_str){text, strlen(text)};
        rec.tokens.v = tk;
        rec.tokens.n = n;
        rec.tokens.cap = 8;
        uint32_t starts[1] = {0}, span[2 * NM_KW_FRAME_MAX];
        assert_int_equal(nm__kw_frame_spans(&rec, NULL, starts, 1, span), 0);
        for (size_t i = 0; i < n; i++)
            free((char *)tk[i].key.ptr);
    }
}

/* A stem nm__kw_stem_known gives is the stemmer's, and so is a word's that nm__kw_stem_plural
 * stems as the word without its s (KS15: the stage then skips the stemmer), on
 * every string of 1 to 4 bytes over the letters, 'Y', '-' and the apostrophe, and on the strings
 * of 1 to 3 such bytes after stems with special regions ("gener", "univers"), exceptions
 * ("sky", "news", "atla", "dy", "inn"), suffixes of their own ("ration", "hopeful"), kept words
 * ("bank") and plurals ("rat", "compan"). */
static void test_stem_known(void **state) {
    (void)state;
    static const char abc[] = "abcdefghijklmnopqrstuvwxyzY'-";
    static const char *const pre[] = {
        "",      "gener", "commun", "arsen", "univers", "sky",   "news",    "bay",
        "ration", "hopeful", "organiz", "succe", "bank", "dollar", "atla",  "cosmo",
        "bi",    "strength", "howe", "gentl", "singl",  "dy",    "ly",      "ty",
        "id",    "ug",    "earl",   "onl",   "proce",   "exce",  "inn",     "out",
        "cann",  "herr",  "earr",   "ski",   "rat",     "agre",  "compan",  "fli",
        "witnes", "busines"};
    enum { NA = sizeof abc - 1 };
    nm__stemmer *st = nm__stemmer_create();
    assert_non_null(st);
    size_t known = 0, cut = 0, all = 0, plural = 0;
    char w[32];
    for (size_t p = 0; p < sizeof pre / sizeof *pre; p++) {
        size_t pl = strlen(pre[p]), maxl = pl ? 3 : 4;
        memcpy(w, pre[p], pl);
        for (size_t len = 1; len <= maxl; len++) {
            size_t total = 1;
            for (size_t k = 0; k < len; k++)
                total *= NA;
            for (size_t v = 0; v < total; v++) {
                size_t r = v;
                for (size_t k = 0; k < len; k++, r /= NA)
                    w[pl + k] = abc[r % NA];
                size_t n = pl + len;
                long sl = nm__kw_stem_known(w, n, NULL);
                all++;
                if (nm__kw_stem_plural(w, n)) { /* stemmed as the word without its s */
                    char one[32];
                    nm_str s1 = nm__stem(st, w, n - 1);
                    memcpy(one, s1.ptr, s1.len); /* valid until the next nm__stem */
                    nm_str s = nm__stem(st, w, n);
                    plural++;
                    if (s.len != s1.len || memcmp(s.ptr, one, s.len) != 0)
                        fail_msg("stem_plural(\"%.*s\") but the stems are \"%.*s\", \"%.*s\"",
                                 (int)n, w, (int)s.len, s.ptr, (int)s1.len, one);
                }
                if (sl < 0)
                    continue;
                known++;
                cut += (size_t)sl < n;
                nm_str s = nm__stem(st, w, n);
                if (s.len != (size_t)sl || memcmp(s.ptr, w, s.len) != 0)
                    fail_msg("stem_known(\"%.*s\") %ld but the stem is \"%.*s\"", (int)n, w, sl,
                             (int)s.len, s.ptr);
            }
        }
    }
    char long_word[301]; /* over 256 bytes: nm__stem returns it as it is, plural or not */
    memset(long_word, 'a', 299);
    long_word[0] = 'b', long_word[298] = 'k', long_word[299] = 's', long_word[300] = 0;
    for (size_t n = 299; n <= 300; n++) {
        long sl = nm__kw_stem_known(long_word, n, NULL);
        nm_str s = nm__stem(st, long_word, n);
        assert_true(sl < 0 || ((size_t)sl == s.len && memcmp(s.ptr, long_word, s.len) == 0));
    }
    nm__stemmer_destroy(st);
    /* it knows many: not a test that passes nothing */
    assert_true(known * 3 > all && cut > 1000 && plural > 5000);
    assert_true(nm__kw_stem_known("bank", 4, NULL) == 4 &&
                nm__kw_stem_known("japan", 5, NULL) == 5 &&
                nm__kw_stem_known("banks", 5, NULL) == 4 &&
                nm__kw_stem_known("action", 6, NULL) < 0 &&
                nm__kw_stem_known("'tis", 4, NULL) < 0 && nm__kw_stem_known("news", 4, NULL) < 0 &&
                nm__kw_stem_known("bus", 3, NULL) == 3 &&
                nm__kw_stem_known("business", 8, NULL) < 0 && nm__kw_stem_plural("rates", 5) &&
                !nm__kw_stem_plural("companies", 9) && !nm__kw_stem_plural("news", 4));
}

/* The keywords of rec through a keywords worker's state, as "term|term|..." into out. */
static void worker_keywords(void *state, const void *shared, nm_record *rec, char *out,
                            size_t cap) {
    nm_error err;
    rec->keywords.n = 0;
    assert_int_equal(nm__stage_keywords.process(state, shared, rec, &err), NM_OK);
    size_t o = 0;
    for (size_t i = 0; i < rec->keywords.n && o + rec->keywords.v[i].term.len + 2 < cap; i++) {
        memcpy(out + o, rec->keywords.v[i].term.ptr, rec->keywords.v[i].term.len);
        o += rec->keywords.v[i].term.len;
        out[o++] = '|';
    }
    out[o] = 0;
}

/* A worker keeps its keyword scratch after an ordinary document, and gives it back after an
 * outsized one (kw_scratch.h): it held ~6 MB after 400 KB of text, and each worker kept the
 * peak of the longest document it met. Its next document's keywords are as before. */
static void test_scratch_given_back(void **state) {
    (void)state;
    const char *para = "The central bank raised interest rates on Tuesday as inflation in "
                       "Brazil climbed. Coffee exporters said the harvest would recover. ";
    size_t pl = strlen(para), reps = 400000 / pl + 1;
    char *big = malloc(reps * pl + 1);
    assert_non_null(big);
    for (size_t i = 0; i < reps; i++)
        memcpy(big + i * pl, para, pl);
    big[reps * pl] = 0;
    const char *small = "Coffee exporters in Brazil said the harvest would recover, and the "
                        "central bank kept interest rates where they were.";
    nm_pipeline *p = make_before_keywords();
    assert_int_equal(nm_pipeline_push_text(p, "s", small, strlen(small)), NM_OK);
    assert_int_equal(nm_pipeline_push_text(p, "b", big, strlen(big)), NM_OK);
    nm_pipeline_finish(p);
    nm_record *rs, *rb;
    assert_int_equal(nm_pipeline_next(p, &rs), NM_OK);
    assert_int_equal(nm_pipeline_next(p, &rb), NM_OK);
    nm_options o;
    nm_options_default(&o);
    nm_error err;
    void *shared = NULL, *x = NULL;
    assert_int_equal(nm__stage_keywords.load(&shared, &o, &err), NM_OK);
    assert_int_equal(nm__stage_keywords.init(&x, shared, &o, &err), NM_OK);
    char first[2048], again[2048], long_doc[2048];
    worker_keywords(x, shared, rs, first, sizeof first);
    size_t kept = nm__kw_scratch_bytes(x);
    assert_true(kept > 0 && kept <= NM__KW_KEEP_BYTES); /* kept for the next document */
    worker_keywords(x, shared, rb, long_doc, sizeof long_doc);
    assert_true(strstr(long_doc, "interest rate") != NULL);
    assert_true(nm__kw_scratch_bytes(x) <= NM__KW_KEEP_BYTES); /* given back */
    worker_keywords(x, shared, rs, again, sizeof again);
    assert_string_equal(first, again);
    assert_true(strlen(first) > 0);
    nm__stage_keywords.destroy(x);
    nm__stage_keywords.unload(shared);
    nm_pipeline_release(p, rs);
    nm_pipeline_release(p, rb);
    nm_pipeline_destroy(p);
    free(big);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_candidate_boundaries),
        cmocka_unit_test(test_keys_apart_by_length),
        cmocka_unit_test(test_variants_merge),
        cmocka_unit_test(test_most_used_form),
        cmocka_unit_test(test_subsumed_parts),
        cmocka_unit_test(test_subsumed_parts_long_key),
        cmocka_unit_test(test_subsumed_middle_and_short_words),
        cmocka_unit_test(test_no_lists_or_headline_names),
        cmocka_unit_test(test_scores_sorted),
        cmocka_unit_test(test_kept_set_order),
        cmocka_unit_test(test_ties_by_key),
        cmocka_unit_test(test_top_k_prefix),
        cmocka_unit_test(test_possessive_names),
        cmocka_unit_test(test_possessive_stop_words),
        cmocka_unit_test(test_title_counts),
        cmocka_unit_test(test_title_when_text_has_none),
        cmocka_unit_test(test_title_runs_break_at_symbols),
        cmocka_unit_test(test_title_words_in_quotes),
        cmocka_unit_test(test_title_curly_apostrophe),
        cmocka_unit_test(test_title_words_outside_ascii),
        cmocka_unit_test(test_deterministic_across_threads),
        cmocka_unit_test(test_stem_cache_hits),
        cmocka_unit_test(test_spent_stem_cache_same_keywords),
        cmocka_unit_test(test_plural_of_longest_cached_word),
        cmocka_unit_test(test_word_length_in_characters),
        cmocka_unit_test(test_name_with_curly_apostrophe),
        cmocka_unit_test(test_stems_apart_from_earlier_documents),
        cmocka_unit_test(test_word_shape),
        cmocka_unit_test(test_names_as_mentioned),
        cmocka_unit_test(test_phrase_in_lead),
        cmocka_unit_test(test_modifier_gives_way),
        cmocka_unit_test(test_credit_in_parens),
        cmocka_unit_test(test_credit_line_and_magnitudes),
        cmocka_unit_test(test_one_word_text),
        cmocka_unit_test(test_hashtags_merge),
        cmocka_unit_test(test_function_words),
        cmocka_unit_test(test_copyright_notice),
        cmocka_unit_test(test_seed_article),
        cmocka_unit_test(test_bad_model),
        cmocka_unit_test(test_df_at_count_limit),
        /* kw_clean: a story's frame (helper KB) */
        cmocka_unit_test(test_byline),
        cmocka_unit_test(test_editors_note),
        cmocka_unit_test(test_credits_and_markers),
        cmocka_unit_test(test_closing_promo),
        cmocka_unit_test(test_frame_at_any_token),
        cmocka_unit_test(test_credit_cut_at_end),
        /* keyword accuracy: attribution (helper KA2) */
        cmocka_unit_test(test_reporting_words),
        cmocka_unit_test(test_unlisted_function_words),
        cmocka_unit_test(test_function_word_list),
        cmocka_unit_test(test_reporting_word_list),
        cmocka_unit_test(test_dotted_acronyms),
        cmocka_unit_test(test_coordination),
        cmocka_unit_test(test_agency_signoff),
        cmocka_unit_test(test_results_table),
        cmocka_unit_test(test_time_compounds),
        cmocka_unit_test(test_verb_object),
        cmocka_unit_test(test_clause_fragment),
        cmocka_unit_test(test_connector_stems),
        cmocka_unit_test(test_stem_known),
        cmocka_unit_test(test_scratch_given_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
