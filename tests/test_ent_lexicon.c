/*
 * test_ent_lexicon.c — the entity lexicon's prebuilt index (pipeline/ent_lexicon.c,
 * ent_lexidx.c, tools/lexgen.c).
 *
 * The index embedded at build time must answer exactly as one built at run time from the same
 * lexicon files: every key of each is in the other with the same type, flags, cues and norm, and
 * written back as an image it is byte for byte the image of nm__lexicon_load. A read-only view
 * of any image answers as the lexicon it was written from; a malformed image is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "buf.h"
#include "ent_lexicon.h"

/* Every entry of a is in b, the same. Returns the number of entries of a. */
static size_t same_entries(const nm__lexicon *a, const nm__lexicon *b) {
    size_t i = 0, n = 0;
    nm_str key;
    char buf[8];
    for (const nm__lex_entry *e; (e = nm__lexicon_next(a, &i, &key, buf)) != NULL; n++) {
        const nm__lex_entry *f = nm__lexicon_getn(b, key.ptr, key.len);
        if (f == NULL)
            fail_msg("key '%.*s' missing", (int)key.len, key.ptr);
        assert_int_equal(e->type, f->type);
        assert_int_equal(e->flags, f->flags);
        assert_int_equal(e->cues, f->cues);
        nm_str na = nm__lexicon_norm(a, e), nb = nm__lexicon_norm(b, f);
        assert_int_equal(na.len, nb.len);
        assert_true((na.ptr == NULL) == (nb.ptr == NULL));
        if (na.len)
            assert_memory_equal(na.ptr, nb.ptr, na.len);
    }
    return n;
}

/* a and b hold the same entries and the same filter of lower-case first words. */
static void assert_same_lexicon(const nm__lexicon *a, const nm__lexicon *b) {
    size_t na, nb, bytes;
    nm__lexicon_stats(a, &na, &bytes);
    nm__lexicon_stats(b, &nb, &bytes);
    assert_int_equal(na, nb);
    assert_int_equal(same_entries(a, b), na);
    assert_int_equal(same_entries(b, a), nb);
    assert_memory_equal(nm__lexicon_lower_sigs(a), nm__lexicon_lower_sigs(b),
                        NM__LEX_LSIG_WORDS * sizeof(uint64_t));
}

/* The embedded index against one built now from the lexicon files of the source tree, read
   from disk: what the generator would build from them today. */
static void test_prebuilt_matches_files(void **state) {
    (void)state;
    nm__lexicon *pre = NULL, *lx = nm__lexicon_new();
    nm_error err;
    assert_int_equal(nm__lexicon_prebuilt(&pre, &err), NM_OK);
    assert_non_null(lx);
    for (size_t i = 0; nm__lexicon_files[i]; i++) {
        char path[512];
        size_t len;
        snprintf(path, sizeof path, "%s/corpora/%s", NM_SOURCE_DIR, nm__lexicon_files[i]);
        char *text = nm_test_read_file(path, &len);
        assert_non_null(text);
        assert_int_equal(nm__lexicon_load_text(lx, nm__lexicon_files[i], text, len, &err), NM_OK);
        free(text); /* keys and norms are copies */
    }
    size_t entries, bytes;
    nm__lexicon_stats(pre, &entries, &bytes);
    assert_true(entries > 50000);
    assert_same_lexicon(pre, lx);
    /* a prebuilt index takes no key */
    assert_int_equal(nm__lexicon_add(pre, "Atlantis", 8, NM_ENT_GPE, 0, 0, (nm_str){NULL, 0}),
                     NM_ERR_INVALID);
    nm__lexicon_free(lx);
    nm__lexicon_free(pre);
}

/* The embedded image is byte for byte the image of nm__lexicon_load over the embedded files,
   as the generator ran it (the same slots, filters, norms and key bytes). */
static void test_prebuilt_image_bytes(void **state) {
    (void)state;
    nm__lexicon *pre = NULL, *lx = NULL;
    nm_error err;
    assert_int_equal(nm__lexicon_prebuilt(&pre, &err), NM_OK);
    assert_int_equal(nm__lexicon_load(&lx, nm__lexicon_files, &err), NM_OK);
    nm__buf a = {NULL, 0, 0}, b = {NULL, 0, 0};
    assert_int_equal(nm__lexicon_write_image(pre, &a), NM_OK);
    assert_int_equal(nm__lexicon_write_image(lx, &b), NM_OK);
    assert_int_equal(a.len, b.len);
    assert_true(memcmp(a.ptr, b.ptr, a.len) == 0);
    assert_same_lexicon(pre, lx);
    nm__buf_free(&a);
    nm__buf_free(&b);
    nm__lexicon_free(lx);
    nm__lexicon_free(pre);
}

/* A view of a small lexicon's image answers as the lexicon: short and longer keys, prefixes,
   norms, cues, lower-case first words, absent keys; a bad image is refused with NM_ERR_MODEL. */
static void test_view_roundtrip(void **state) {
    (void)state;
    nm__lexicon *lx = nm__lexicon_new(), *v = NULL;
    assert_non_null(lx);
    static const char norm[] = "United States";
    static const char names[] = "United States of America\tGPE\tUnited States\n"
                                "Z\u00e9lensky\tPERSON\nal Qaida\tORG\n";
    static const char cues[] = "Bank\tORG\n";
    nm_error err;
    assert_int_equal(nm__lexicon_load_text(lx, "lexicons/orgs.tsv", names, sizeof names - 1, &err),
                     NM_OK);
    assert_int_equal(nm__lexicon_load_text(lx, "lexicons/cues.tsv", cues, sizeof cues - 1, &err),
                     NM_OK);
    nm__buf img = {NULL, 0, 0};
    assert_int_equal(nm__lexicon_write_image(lx, &img), NM_OK);
    char *al = nm__zalloc_aligned(64, (img.len + 63) / 64 * 64 + 64);
    assert_non_null(al);
    memcpy(al, img.ptr, img.len);
    assert_int_equal(nm__lexicon_view(&v, al, img.len, &err), NM_OK);
    assert_same_lexicon(lx, v);
    const nm__lex_entry *e = nm__lexicon_get(v, "united states of america");
    assert_non_null(e);
    assert_int_equal(nm__lexicon_norm(v, e).len, sizeof norm - 1);
    assert_memory_equal(nm__lexicon_norm(v, e).ptr, norm, sizeof norm - 1);
    assert_true(nm__lexicon_get(v, "united")->flags & NM__LEX_PREFIX);
    assert_int_equal(nm__lexicon_get(v, "zelensky")->type, NM_ENT_PERSON);
    assert_true(nm__lexicon_get(v, "bank")->cues & NM__CUE_ORG);
    assert_null(nm__lexicon_norm(v, nm__lexicon_get(v, "bank")).ptr);
    assert_true(nm__lexicon_get(v, "al")->flags & NM__LEX_LOWER);
    assert_null(nm__lexicon_get(v, "united kingdom"));
    nm__lexicon_free(v);
    /* refused: a wrong length, a wrong magic, a place off the 64-byte line, no image */
    v = (nm__lexicon *)1;
    assert_int_equal(nm__lexicon_view(&v, al, img.len - 64, &err), NM_ERR_MODEL);
    assert_null(v);
    assert_int_equal(err.code, NM_ERR_MODEL);
    memmove(al + 64, al, img.len);
    assert_int_equal(nm__lexicon_view(&v, al + 1, img.len, &err), NM_ERR_MODEL);
    al[64] ^= 1;
    assert_int_equal(nm__lexicon_view(&v, al + 64, img.len, &err), NM_ERR_MODEL);
    assert_int_equal(nm__lexicon_view(&v, NULL, 0, &err), NM_ERR_MODEL);
    free(al);
    nm__buf_free(&img);
    nm__lexicon_free(lx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prebuilt_matches_files),
        cmocka_unit_test(test_prebuilt_image_bytes),
        cmocka_unit_test(test_view_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
