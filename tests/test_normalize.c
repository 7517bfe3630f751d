/*
 * test_normalize.c — token normalization and stop words (pipeline/normalize.c).
 *
 * Table of input => norm, key pairs (NFKC, case fold, diacritics, typographic quotes, dashes
 * and spaces), the borrowed-pointer fast path for lower-case ASCII, stop-word lookups, and the
 * stage run after the tokenize stage on a stack record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "record.h"
#include "stage.h"
#include "testutil.h"
#include "tokenize.h"

typedef struct ncase {
    const char *in, *norm, *key;
} ncase;

static const ncase cases[] = {
    {"paris", "paris", "paris"},
    {"Paris", "paris", "paris"},
    {"NATO", "nato", "nato"},
    {"Zélensky", "zélensky", "zelensky"},
    {"Ze\xCC\x81lensky", "zélensky", "zelensky"}, /* decomposed input composes */
    {"ZELENSKYY", "zelenskyy", "zelenskyy"},
    {"Ukraine’s", "ukraine's", "ukraine's"},
    {"‘quote’", "'quote'", "'quote'"},
    {"“Yes”", "\"yes\"", "\"yes\""},
    {"„Ja“", "\"ja\"", "\"ja\""},
    {"«non»", "\"non\"", "\"non\""},
    {"5′", "5'", "5'"},
    {"—", "-", "-"},
    {"–", "-", "-"},
    {"anti‑war", "anti-war", "anti-war"},
    {"−5", "-5", "-5"},
    {"1\u00a0250\u00a0000", "1 250 000", "1 250 000"},
    {"1\u2009250", "1 250", "1 250"},
    {"1\u202f250", "1 250", "1 250"},
    {"ＡＢＣ", "abc", "abc"},
    {"ﬁnance", "finance", "finance"},
    {"Straße", "strasse", "strasse"},
    {"…", "...", "..."},
    {"²", "2", "2"},
    {"Łódź", "łódź", "lodz"},
    {"Øresund", "øresund", "oresund"},
    {"Æsir", "æsir", "aesir"},
    {"Đoković", "đoković", "dokovic"},
    {"São Paulo", "são paulo", "sao paulo"},
    {"Ελλάδα", "ελλάδα", "ελλαδα"},
    {"МОСКВА", "москва", "москва"},
    {"Ğ", "ğ", "g"},
    {"İstanbul", "istanbul", "istanbul"}, /* not i + combining dot above */
    {"DİYARBAKIR", "diyarbakir", "diyarbakir"},
    {"soft\u00adhyphen", "softhyphen", "softhyphen"},
    {"中文", "中文", "中文"},
    {"𝐁𝐨𝐥𝐝", "bold", "bold"},
    {"Ⅻ", "xii", "xii"},
    {"€", "€", "€"},
    {"US$", "us$", "us$"},
    {"U.S.", "u.s.", "u.s."},
    {"naïve", "naïve", "naive"},
    {"Ångström", "ångström", "angstrom"},
    {"&#xa3;", "£", "£"},
    {"&quot;", "\"", "\""},
    {"&mdash;", "-", "-"},
    {"&AMP;", "&amp;", "&amp;"}, /* names are case-sensitive: not a reference */
    {"AT&amp;T", "at&t", "at&t"}, /* references inside a word: decoded, once */
    {"Z&#252;rich", "zürich", "zurich"},
    {"Zu&#776;rich", "zürich", "zurich"}, /* a combining mark: composed */
    {"&amp;lt;", "&lt;", "&lt;"},
    {"Gen&#232;ve", "genève", "geneve"},
    {"Gen&egrave;ve", "genève", "geneve"}, /* named: HTML 4 Latin-1 */
    {"S&Atilde;O", "são", "sao"},
    {"&eacute;", "é", "e"},
    {"&rsquo;", "'", "'"},
    {"x&sup2;", "x2", "x2"},
    {"soft&shy;ware", "software", "software"},
    {"don\xC2\x92t", "don't", "don't"},
    {"\xC2\x97", "-", "-"},
};

static void test_table(void **state) {
    (void)state;
    nm__normalizer *nz = nm__normalizer_create();
    assert_non_null(nz);
    nm__arena arena = {0};
    int failed = 0;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        nm_str norm, key;
        assert_int_equal(
            nm__normalize(nz, &arena, cases[c].in, strlen(cases[c].in), 0, &norm, &key), NM_OK);
        if (norm.len != strlen(cases[c].norm) || memcmp(norm.ptr, cases[c].norm, norm.len) ||
            key.len != strlen(cases[c].key) || memcmp(key.ptr, cases[c].key, key.len)) {
            fprintf(stderr, "case %zu \"%s\": expected %s / %s, got %.*s / %.*s\n", c, cases[c].in,
                    cases[c].norm, cases[c].key, (int)norm.len, norm.ptr, (int)key.len, key.ptr);
            failed++;
        }
    }
    assert_int_equal(failed, 0);
    nm__arena_free(&arena);
    nm__normalizer_destroy(nz);
}

static void test_borrowed(void **state) {
    (void)state;
    nm__normalizer *nz = nm__normalizer_create();
    nm__arena arena = {0};
    static const char s[] = "already lower é";
    nm_str norm, key;
    /* lower-case ASCII points into the input */
    assert_int_equal(nm__normalize(nz, &arena, s, 7, 0, &norm, &key), NM_OK);
    assert_ptr_equal(norm.ptr, s);
    assert_ptr_equal(key.ptr, s);
    assert_int_equal(norm.len, 7);
    /* unchanged non-ASCII too */
    assert_int_equal(nm__normalize(nz, &arena, s + 14, 2, 0, &norm, &key), NM_OK);
    assert_ptr_equal(norm.ptr, s + 14);
    assert_int_equal(key.len, 1);
    assert_memory_equal(key.ptr, "e", 1);
    /* emoji keep their ZWJ and variation selectors */
    static const char fam[] = "👨‍👩‍👧";
    assert_int_equal(nm__normalize(nz, &arena, fam, sizeof fam - 1, 1, &norm, &key), NM_OK);
    assert_int_equal(norm.len, sizeof fam - 1);
    assert_int_equal(key.len, sizeof fam - 1);
    /* a token of ignorables only (ZWJ, soft hyphen) normalizes to nothing, first call on a
     * fresh normalizer (no scratch yet) */
    nm__normalizer *fresh = nm__normalizer_create();
    assert_int_equal(nm__normalize(fresh, &arena, "\xE2\x80\x8D\xC2\xAD", 5, 0, &norm, &key),
                     NM_OK);
    assert_int_equal(norm.len, 0);
    assert_int_equal(key.len, 0);
    nm__normalizer_destroy(fresh);
    /* empty input */
    assert_int_equal(nm__normalize(nz, &arena, "", 0, 0, &norm, &key), NM_OK);
    assert_int_equal(norm.len, 0);
    /* a long run of combining marks grows the scratch buffers */
    size_t n = 1 + 2 * 50000;
    char *big = malloc(n);
    big[0] = 'a';
    for (size_t k = 1; k < n; k += 2) {
        big[k] = (char)0xCC;
        big[k + 1] = (char)0x81;
    }
    assert_int_equal(nm__normalize(nz, &arena, big, n, 0, &norm, &key), NM_OK);
    assert_int_equal(key.len, 1);
    assert_memory_equal(key.ptr, "a", 1);
    free(big);
    nm__arena_free(&arena);
    nm__normalizer_destroy(nz);
    nm__normalizer_destroy(NULL);
}

static void test_stopwords(void **state) {
    (void)state;
    static const char list[] = "# comment\nthe\nof\r\ndon't\n\nand";
    nm__stopwords *sw = nm__stopwords_create(list, sizeof list - 1);
    assert_non_null(sw);
    assert_true(nm__stopwords_has(sw, "the", 3));
    assert_true(nm__stopwords_has(sw, "of", 2));
    assert_true(nm__stopwords_has(sw, "don't", 5));
    assert_true(nm__stopwords_has(sw, "and", 3));
    assert_false(nm__stopwords_has(sw, "th", 2));
    assert_false(nm__stopwords_has(sw, "# comment", 9));
    assert_false(nm__stopwords_has(sw, "", 0));
    assert_false(nm__stopwords_has(NULL, "the", 3));
    nm__stopwords_destroy(sw);
    nm__stopwords_destroy(NULL);
}

/* tokenize + normalize stages on a stack record, with the embedded stop-word list. */
static void test_stage(void **state) {
    (void)state;
    void *shared = NULL, *st = NULL;
    nm_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(nm_test_stage_up(&nm__stage_normalize, NULL, &shared, &st), 0);
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    static const char text[] = "The Zélensky plan didn’t fail — It’s OK.";
    rec.text = (nm_str){text, sizeof text - 1};
    assert_int_equal(nm__stage_tokenize.process(NULL, NULL, &rec, &err), NM_OK);
    assert_int_equal(nm__stage_normalize.process(st, shared, &rec, &err), NM_OK);
    assert_int_equal(rec.tokens.n, 9);
    const nm_token *t = rec.tokens.v;
    assert_true(t[0].flags & NM_TF_STOP); /* The */
    assert_memory_equal(t[0].norm.ptr, "the", 3);
    assert_false(t[1].flags & NM_TF_STOP);
    assert_int_equal(t[1].key.len, 8);
    assert_memory_equal(t[1].key.ptr, "zelensky", 8);
    assert_false(t[2].flags & NM_TF_STOP);
    assert_true(t[3].flags & NM_TF_STOP); /* didn’t => didn't */
    assert_memory_equal(t[3].norm.ptr, "didn't", 6);
    assert_int_equal(t[5].norm.len, 1);
    assert_memory_equal(t[5].norm.ptr, "-", 1);
    assert_true(t[6].flags & NM_TF_STOP); /* It’s */
    for (size_t k = 0; k < rec.tokens.n; k++)
        assert_true(t[k].norm.len > 0 && t[k].key.len > 0);
    nm__record_free(&rec);
    /* process without init works too (makes its own scratch) */
    memset(&rec, 0, sizeof rec);
    rec.text = (nm_str){"ÉTÉ", 5};
    assert_int_equal(nm__stage_tokenize.process(NULL, NULL, &rec, &err), NM_OK);
    assert_int_equal(nm__stage_normalize.process(NULL, shared, &rec, &err), NM_OK);
    assert_int_equal(rec.tokens.v[0].key.len, 3);
    assert_memory_equal(rec.tokens.v[0].key.ptr, "ete", 3);
    nm__record_free(&rec);
    nm_test_stage_down(&nm__stage_normalize, shared, st);
}

/* Words with a reference inside ("AT&amp;T") take the stage's slow path: their norm is the
 * plain word's ("at&t"), and the tokenizer's internal flag is gone afterwards. */
static void test_stage_references(void **state) {
    (void)state;
    void *shared = NULL, *st = NULL;
    nm_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(nm_test_stage_up(&nm__stage_normalize, NULL, &shared, &st), 0);
    static const char text[] = "AT&amp;T S&amp;P Z&#252;rich Caf&#233; &amp; The";
    static const char *const norms[] = {"at&t", "s&p", "zürich", "café", "&", "the"};
    static const char *const keys[] = {"at&t", "s&p", "zurich", "cafe", "&", "the"};
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    rec.text = (nm_str){text, sizeof text - 1};
    assert_int_equal(nm__stage_tokenize.process(NULL, NULL, &rec, &err), NM_OK);
    assert_int_equal(nm__stage_normalize.process(st, shared, &rec, &err), NM_OK);
    assert_int_equal(rec.tokens.n, 6);
    for (size_t k = 0; k < rec.tokens.n; k++) {
        const nm_token *t = &rec.tokens.v[k];
        assert_int_equal(t->norm.len, strlen(norms[k]));
        assert_memory_equal(t->norm.ptr, norms[k], t->norm.len);
        assert_int_equal(t->key.len, strlen(keys[k]));
        assert_memory_equal(t->key.ptr, keys[k], t->key.len);
        assert_int_equal(t->flags & NM__TF_REF, 0);
    }
    assert_int_equal(rec.tokens.v[2].start, 17);
    assert_int_equal(rec.tokens.v[2].end, 28);
    assert_true(rec.tokens.v[5].flags & NM_TF_STOP);
    nm__record_free(&rec);
    /* in a URL too, as nm__normalize decodes it: the stage's ASCII path once kept "&#83;" in
     * "x.org/a?T&#83;" where nm__normalize gave "ts" (fuzz_tokenize) */
    static const char url[] = "see reuters.com/a?b=1&amp;c=2 now";
    memset(&rec, 0, sizeof rec);
    rec.text = (nm_str){url, sizeof url - 1};
    assert_int_equal(nm__stage_tokenize.process(NULL, NULL, &rec, &err), NM_OK);
    assert_int_equal(nm__stage_normalize.process(st, shared, &rec, &err), NM_OK);
    assert_int_equal(rec.tokens.n, 3);
    assert_int_equal(rec.tokens.v[1].type, NM_TOK_URL);
    assert_int_equal(rec.tokens.v[1].norm.len, strlen("reuters.com/a?b=1&c=2"));
    assert_memory_equal(rec.tokens.v[1].norm.ptr, "reuters.com/a?b=1&c=2", rec.tokens.v[1].norm.len);
    nm__record_free(&rec);
    nm_test_stage_down(&nm__stage_normalize, shared, st);
}

/* The stage's ASCII fast paths (8-byte packed words, SWAR case folding, the tokenizer's
 * HAS_UPPER flag) must agree with nm__normalize and nm__stopwords_has for every token: words of
 * 1-12 bytes in every casing, including the last bytes of the text where no 8-byte load fits,
 * and numbers, punctuation and symbols (which take the words' path). */
static void test_stage_fast_paths_agree(void **state) {
    (void)state;
    void *shared = NULL, *st = NULL;
    nm_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(nm_test_stage_up(&nm__stage_normalize, NULL, &shared, &st), 0);
    static const char text[] =
        "THE The the OF Of a A An AND ANd wHiCh WHICH Between BETWEEN between "
        "themselves THEMSELVES Themselves iPhone NATO U.S. Zebra xyzzyXYZZY Would could "
        "ABOUTNESS about@x \"Their\" (its) It's THEY'RE Ourselves z ZZ 1987 , 155,221 $ -- "
        "& && 123456789012 5.93 ... 7 The";
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    rec.text = (nm_str){text, sizeof text - 1};
    assert_int_equal(nm__stage_tokenize.process(NULL, NULL, &rec, &err), NM_OK);
    assert_int_equal(nm__stage_normalize.process(st, shared, &rec, &err), NM_OK);
    nm__normalizer *nz = nm__normalizer_create();
    nm__arena arena = {0};
    size_t stops = 0;
    for (size_t k = 0; k < rec.tokens.n; k++) {
        const nm_token *t = &rec.tokens.v[k];
        nm_str norm, key;
        assert_int_equal(nm__normalize(nz, &arena, text + t->start, t->end - t->start, 0, &norm,
                                       &key),
                         NM_OK);
        assert_int_equal(t->norm.len, norm.len);
        assert_memory_equal(t->norm.ptr, norm.ptr, norm.len);
        assert_int_equal(t->key.len, key.len);
        assert_memory_equal(t->key.ptr, key.ptr, key.len);
        int stop = (t->type == NM_TOK_WORD || t->type == NM_TOK_ABBREV) &&
                   nm__stopwords_has(shared, norm.ptr, norm.len);
        assert_int_equal((t->flags & NM_TF_STOP) != 0, stop);
        stops += stop;
    }
    assert_true(stops >= 15); /* the, of, a, an, and, which, between, themselves, ... */
    assert_true(rec.tokens.v[rec.tokens.n - 1].flags & NM_TF_STOP); /* final "The" */
    nm__arena_free(&arena);
    nm__normalizer_destroy(nz);
    nm__record_free(&rec);
    nm_test_stage_down(&nm__stage_normalize, shared, st);
}

/* ASCII case folding (8 bytes at a time, the tail as an overlapping last 8 bytes) against a
 * byte-at-a-time reference, for every length 1..40 and bytes around 'A', 'Z', 'a', 'z'. */
static void test_ascii_fold_lengths(void **state) {
    (void)state;
    static const char pool[] = "@AZ[`az{QmM09-_";
    nm__normalizer *nz = nm__normalizer_create();
    nm__arena arena = {0};
    char in[41], want[41];
    for (size_t len = 1; len <= 40; len++) {
        for (size_t off = 0; off < sizeof pool - 1; off++) {
            for (size_t k = 0; k < len; k++) {
                char c = pool[(off + k * 7) % (sizeof pool - 1)];
                in[k] = c;
                want[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            nm_str norm, key;
            assert_int_equal(nm__normalize(nz, &arena, in, len, 0, &norm, &key), NM_OK);
            assert_int_equal(norm.len, len);
            assert_memory_equal(norm.ptr, want, len);
            assert_memory_equal(key.ptr, want, len);
        }
    }
    nm__arena_free(&arena);
    nm__normalizer_destroy(nz);
}

/* More capitalised short words than one batch of folded slots (64) holds: each keeps its own
 * lower-cased norm. */
static void test_stage_many_folded_words(void **state) {
    (void)state;
    void *shared = NULL, *st = NULL;
    nm_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(nm_test_stage_up(&nm__stage_normalize, NULL, &shared, &st), 0);
    char text[200 * 6 + 1];
    size_t len = 0;
    for (int w = 0; w < 200; w++) { /* "Ab", "Bcd", "CdeF", ...: 2-5 letters, mixed case */
        int wl = 2 + w % 4;
        for (int k = 0; k < wl; k++)
            text[len++] = (char)((k == 0 || k == 3 ? 'A' : 'a') + (w + k) % 26);
        text[len++] = ' ';
    }
    text[len] = 0;
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    rec.text = (nm_str){text, len};
    assert_int_equal(nm__stage_tokenize.process(NULL, NULL, &rec, &err), NM_OK);
    assert_int_equal(nm__stage_normalize.process(st, shared, &rec, &err), NM_OK);
    assert_int_equal(rec.tokens.n, 200);
    for (size_t k = 0; k < rec.tokens.n; k++) {
        const nm_token *t = &rec.tokens.v[k];
        assert_int_equal(t->norm.len, t->end - t->start);
        for (size_t b = 0; b < t->norm.len; b++) {
            char c = text[t->start + b];
            assert_int_equal(t->norm.ptr[b], c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }
    nm__record_free(&rec);
    nm_test_stage_down(&nm__stage_normalize, shared, st);
}

/* Runs the tokenize and normalize stages over text with the stop-word set sw; checks that the
 * stage's STOP flags agree with nm__stopwords_has on every token's norm. Returns how many
 * tokens are stop words; *n gets the token count. */
static size_t stage_stops(nm__stopwords *sw, const char *text, size_t tl, size_t *n) {
    void *st = NULL;
    nm_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(nm__stage_normalize.init(&st, sw, NULL, &err), NM_OK);
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    rec.text = (nm_str){text, tl};
    assert_int_equal(nm__stage_tokenize.process(NULL, NULL, &rec, &err), NM_OK);
    assert_int_equal(nm__stage_normalize.process(st, sw, &rec, &err), NM_OK);
    size_t stops = 0;
    for (size_t k = 0; k < rec.tokens.n; k++) {
        const nm_token *t = &rec.tokens.v[k];
        int stop = nm__stopwords_has(sw, t->norm.ptr, t->norm.len);
        assert_int_equal((t->flags & NM_TF_STOP) != 0, stop);
        stops += (size_t)stop;
    }
    *n = rec.tokens.n;
    nm__record_free(&rec);
    nm__stage_normalize.destroy(st);
    return stops;
}

/* The stage's branch-free stop-word lookup (packed 8-byte words within a few slots of their
 * hash) against nm__stopwords_has: five words that share one hash slot of the first table
 * (which then has to grow, and still fills a whole probe window), and a list far larger than
 * the embedded one, each listed word in upper case next to a neighbour usually unlisted. */
static void test_stage_stoplists(void **state) {
    (void)state;
    /* one slot of 64; then four share one slot of 128, the last found in the window's end */
    static const char crowd[] = "adw\naen\nanv\napc\napd\n";
    nm__stopwords *sw = nm__stopwords_create(crowd, sizeof crowd - 1);
    assert_non_null(sw);
    static const char few[] = "ADW aen Anv APC apd aom adx";
    size_t n = 0;
    assert_int_equal(stage_stops(sw, few, sizeof few - 1, &n), 5);
    assert_int_equal(n, 7);
    nm__stopwords_destroy(sw);

    enum { NW = 3000 };
    char *list = malloc(NW * 10), *text = malloc(NW * 2 * 10 + 1);
    assert_non_null(list);
    assert_non_null(text);
    size_t ll = 0, tl = 0;
    uint32_t x = 12345;
    for (int w = 0; w < NW; w++) {
        char word[9];
        size_t wl = 1 + (size_t)w % 8;
        for (size_t k = 0; k < wl; k++) {
            x = x * 1103515245u + 12345u;
            word[k] = (char)('a' + (x >> 16) % 26);
        }
        memcpy(list + ll, word, wl);
        ll += wl;
        list[ll++] = '\n';
        for (size_t k = 0; k < wl; k++) /* listed, upper case: folded, then found */
            text[tl++] = (char)(word[k] - 32);
        text[tl++] = ' ';
        x = x * 1103515245u + 12345u; /* a neighbour, usually unlisted */
        word[(x >> 16) % wl] = (char)('a' + (x >> 8) % 26);
        memcpy(text + tl, word, wl);
        tl += wl;
        text[tl++] = ' ';
    }
    sw = nm__stopwords_create(list, ll);
    assert_non_null(sw);
    size_t stops = stage_stops(sw, text, tl, &n);
    assert_int_equal(n, 2 * NW);
    assert_true(stops >= NW && stops < 2 * NW);
    nm__stopwords_destroy(sw);
    free(list);
    free(text);
}

/* Without a stop-word list (the stage's shared state NULL: the short words then probe an empty
 * read-only table) no token is a stop word. */
static void test_stage_no_stoplist(void **state) {
    (void)state;
    static const char text[] = "The cat of THE a I and Of 1987 , x";
    size_t n = 0;
    assert_int_equal(stage_stops(NULL, text, sizeof text - 1, &n), 0);
    assert_int_equal(n, 11);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_borrowed),
        cmocka_unit_test(test_stopwords),
        cmocka_unit_test(test_stage),
        cmocka_unit_test(test_stage_fast_paths_agree),
        cmocka_unit_test(test_stage_references),
        cmocka_unit_test(test_ascii_fold_lengths),
        cmocka_unit_test(test_stage_many_folded_words),
        cmocka_unit_test(test_stage_stoplists),
        cmocka_unit_test(test_stage_no_stoplist),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
