/*
 * test_dfmodel.c — document-frequency models: exact counts, round trip through the NMDF v2
 * bytes, merge of shards byte-identical to one build (in the library and through
 * `newsmine df build/merge`), pruning, v1 files still read (and converted by a merge), clear
 * NM_ERR_MODEL / NM_ERR_IO errors for bad files, and a document's keys whatever its sentence
 * list looks like.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data.h"
#include "dfmodel.h"
#include "newsmine/options.h"
#include "stage.h"

/* Documents as key lists (each key once per document, as nm__kw_doc_keys gives them). */
static const char *const DOCS[][4] = {
    {"ukrain", "secur guarante", "pari", NULL},
    {"ukrain", "pari", NULL, NULL},
    {"european union", "ukrain", NULL, NULL},
    {"zelenski", NULL, NULL, NULL},
    {"secur guarante", "ukrain", "bank of england", NULL},
};
enum { NDOCS = sizeof DOCS / sizeof DOCS[0] };

static nm__df_builder *build_range(int from, int to) {
    nm__df_builder *b = nm__df_builder_new();
    assert_non_null(b);
    for (int d = from; d < to; d++) {
        for (int k = 0; k < 4 && DOCS[d][k]; k++)
            assert_int_equal(nm__df_builder_add(b, DOCS[d][k], strlen(DOCS[d][k]), 1), NM_OK);
        nm__df_builder_add_docs(b, 1);
    }
    return b;
}

static void write_model(nm__df_builder *b, uint32_t min_df, nm__buf *out) {
    nm_error err;
    memset(out, 0, sizeof *out);
    assert_int_equal(nm__df_builder_write(b, min_df, out, &err), NM_OK);
}

/* b written (keys of df >= min_df) into *bytes and opened over them. */
static nm__dfmodel *model_of(nm__df_builder *b, uint32_t min_df, nm__buf *bytes) {
    nm__dfmodel *m;
    nm_error err;
    write_model(b, min_df, bytes);
    assert_int_equal(nm__dfmodel_from_bytes(bytes->ptr, bytes->len, "t", &m, &err), NM_OK);
    return m;
}

static uint32_t df_of(const nm__dfmodel *m, const char *k) {
    return nm__dfmodel_df(m, k, strlen(k));
}

static void test_counts_and_round_trip(void **state) {
    (void)state;
    nm__df_builder *b = build_range(0, NDOCS);
    nm__buf bytes;
    write_model(b, 1, &bytes);
    nm__dfmodel *m;
    nm_error err;
    assert_int_equal(nm__dfmodel_from_bytes(bytes.ptr, bytes.len, "t", &m, &err), NM_OK);
    assert_int_equal(nm__dfmodel_docs(m), NDOCS);
    assert_int_equal(nm__dfmodel_terms(m), 6);
    assert_int_equal(df_of(m, "ukrain"), 4);
    assert_int_equal(df_of(m, "secur guarante"), 2);
    assert_int_equal(df_of(m, "pari"), 2);
    assert_int_equal(df_of(m, "european union"), 1);
    assert_int_equal(df_of(m, "bank of england"), 1);
    assert_int_equal(df_of(m, "zelenski"), 1);
    assert_int_equal(df_of(m, "ukraine"), 0); /* absent, and no prefix matching */
    assert_int_equal(df_of(m, "ukrai"), 0);
    assert_int_equal(df_of(m, ""), 0);
    /* Sorted bytewise, each key with its df. */
    const char *order[] = {"bank of england", "european union", "pari",
                           "secur guarante",  "ukrain",         "zelenski"};
    for (uint32_t i = 0; i < 6; i++) {
        nm_str k;
        uint32_t df;
        assert_int_equal(nm__dfmodel_term(m, i, &k, &df), NM_OK);
        assert_int_equal(k.len, strlen(order[i]));
        assert_memory_equal(k.ptr, order[i], k.len);
        assert_int_equal(df, df_of(m, order[i]));
    }
    assert_int_equal(nm__dfmodel_term(m, 6, &(nm_str){0}, &(uint32_t){0}), NM_ERR_MODEL);
    /* Rewriting what was read gives the same bytes. */
    nm__df_builder *b2 = nm__df_builder_new();
    assert_int_equal(nm__df_builder_merge(b2, m, &err), NM_OK);
    nm__buf again;
    write_model(b2, 1, &again);
    assert_int_equal(again.len, bytes.len);
    assert_memory_equal(again.ptr, bytes.ptr, bytes.len);
    nm__dfmodel_close(m);
    nm__buf_free(&bytes);
    nm__buf_free(&again);
    nm__df_builder_free(b);
    nm__df_builder_free(b2);
}

static void test_merge_equals_whole(void **state) {
    (void)state;
    nm__df_builder *whole = build_range(0, NDOCS), *h1 = build_range(0, 2),
                   *h2 = build_range(2, NDOCS);
    nm__buf bw, b1, b2;
    write_model(whole, 1, &bw);
    write_model(h1, 1, &b1);
    write_model(h2, 1, &b2);
    nm__dfmodel *m1, *m2;
    nm_error err;
    assert_int_equal(nm__dfmodel_from_bytes(b1.ptr, b1.len, "h1", &m1, &err), NM_OK);
    assert_int_equal(nm__dfmodel_from_bytes(b2.ptr, b2.len, "h2", &m2, &err), NM_OK);
    /* In either order. */
    for (int order = 0; order < 2; order++) {
        nm__df_builder *mb = nm__df_builder_new();
        assert_int_equal(nm__df_builder_merge(mb, order ? m2 : m1, &err), NM_OK);
        assert_int_equal(nm__df_builder_merge(mb, order ? m1 : m2, &err), NM_OK);
        nm__buf bm;
        write_model(mb, 1, &bm);
        assert_int_equal(bm.len, bw.len);
        assert_memory_equal(bm.ptr, bw.ptr, bw.len);
        nm__buf_free(&bm);
        nm__df_builder_free(mb);
    }
    nm__dfmodel_close(m1);
    nm__dfmodel_close(m2);
    nm__buf_free(&bw);
    nm__buf_free(&b1);
    nm__buf_free(&b2);
    nm__df_builder_free(whole);
    nm__df_builder_free(h1);
    nm__df_builder_free(h2);
}

static void test_prune_and_empty(void **state) {
    (void)state;
    nm__df_builder *b = build_range(0, NDOCS);
    nm__buf bytes;
    nm__dfmodel *m = model_of(b, 2, &bytes);
    assert_int_equal(nm__dfmodel_terms(m), 3);
    assert_int_equal(nm__dfmodel_docs(m), NDOCS);
    assert_int_equal(df_of(m, "pari"), 2);
    assert_int_equal(df_of(m, "zelenski"), 0);
    nm__dfmodel_close(m);
    nm__buf_free(&bytes);
    nm__df_builder_free(b);

    /* An empty model is valid and answers 0; keys with NUL bytes or empty are ignored. */
    b = nm__df_builder_new();
    assert_int_equal(nm__df_builder_add(b, "a\0b", 3, 1), NM_OK);
    assert_int_equal(nm__df_builder_add(b, "", 0, 1), NM_OK);
    m = model_of(b, 1, &bytes);
    assert_int_equal(nm__dfmodel_terms(m), 0);
    assert_int_equal(df_of(m, "a"), 0);
    nm__dfmodel_close(m);
    nm__buf_free(&bytes);
    nm__df_builder_free(b);
}

static void put32(uint8_t *p, uint32_t v) {
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* The NMDF v1 bytes (dfmodel.h) of sorted keys k[0, n) with dfs df[] and docs documents, as
 * the writer before v2 laid them out (caller frees). */
static uint8_t *v1_bytes(const char *const *k, const uint32_t *df, uint32_t n, uint64_t docs,
                         size_t *len) {
    uint32_t nslots = 1, blob = 0;
    while (nslots < 2 * n + 1)
        nslots <<= 1;
    for (uint32_t i = 0; i < n; i++)
        blob += (uint32_t)strlen(k[i]);
    *len = 32 + 4 * (n + 1) + 4 * n + 4 * (size_t)nslots + blob;
    uint8_t *b = calloc(1, *len), *off = b + 32, *dfs = off + 4 * (n + 1), *slot = dfs + 4 * n,
            *keys = slot + 4 * nslots;
    assert_non_null(b);
    memcpy(b, "NMDF", 4);
    put32(b + 4, 1);
    put32(b + 8, (uint32_t)docs);
    put32(b + 16, n);
    put32(b + 20, nslots);
    put32(b + 24, blob);
    uint32_t at = 0;
    for (uint32_t i = 0; i < n; i++) {
        size_t l = strlen(k[i]);
        put32(off + 4 * i, at);
        put32(dfs + 4 * i, df[i]);
        memcpy(keys + at, k[i], l);
        at += (uint32_t)l;
        uint32_t h = 2166136261u; /* FNV-1a-32 */
        for (size_t j = 0; j < l; j++)
            h = (h ^ (uint8_t)k[i][j]) * 16777619u;
        h &= nslots - 1;
        while (slot[4 * h] | slot[4 * h + 1] | slot[4 * h + 2] | slot[4 * h + 3])
            h = (h + 1) & (nslots - 1);
        put32(slot + 4 * h, i + 1);
    }
    put32(off + 4 * n, at);
    return b;
}

/* A v1 file reads as before (lookups, sorted terms), and a merge of it writes the v2 file a
 * build of the same counts writes. */
static void test_reads_v1(void **state) {
    (void)state;
    static const char *const keys[] = {"bank of england", "european union", "pari",
                                       "secur guarante",  "ukrain",         "zelenski"};
    static const uint32_t dfs[] = {1, 1, 2, 2, 4, 1};
    size_t len;
    uint8_t *v1 = v1_bytes(keys, dfs, 6, NDOCS, &len);
    nm__dfmodel *m;
    nm_error err;
    assert_int_equal(nm__dfmodel_from_bytes(v1, len, "v1", &m, &err), NM_OK);
    assert_int_equal(nm__dfmodel_docs(m), NDOCS);
    assert_int_equal(nm__dfmodel_terms(m), 6);
    for (uint32_t i = 0; i < 6; i++) {
        assert_int_equal(df_of(m, keys[i]), dfs[i]);
        nm_str k;
        uint32_t df;
        assert_int_equal(nm__dfmodel_term(m, i, &k, &df), NM_OK);
        assert_int_equal(k.len, strlen(keys[i]));
        assert_memory_equal(k.ptr, keys[i], k.len);
        assert_int_equal(df, dfs[i]);
    }
    assert_int_equal(df_of(m, "ukrai"), 0);
    nm__df_builder *conv = nm__df_builder_new(), *b = build_range(0, NDOCS);
    assert_int_equal(nm__df_builder_merge(conv, m, &err), NM_OK);
    nm__buf from_v1, built;
    write_model(conv, 1, &from_v1);
    write_model(b, 1, &built);
    assert_int_equal(from_v1.len, built.len);
    assert_memory_equal(from_v1.ptr, built.ptr, built.len);
    assert_int_equal(((const uint8_t *)built.ptr)[4], 2); /* written as v2 */
    nm__dfmodel_close(m);
    nm__buf_free(&from_v1);
    nm__buf_free(&built);
    nm__df_builder_free(conv);
    nm__df_builder_free(b);
    free(v1);
}

/* Key i of test_many_keys into k (64 bytes): "k<i>" and letters up to 1 + i % 40 bytes. */
static size_t many_key(char *k, uint32_t i) {
    size_t l = (size_t)snprintf(k, 64, "k%u", i);
    for (; l < 1 + i % 40; l++)
        k[l] = (char)('a' + (i + l) % 26);
    return l;
}

/* Many keys (long probe runs, keys of every length 2-40, shared prefixes): each found with its
 * df, and near misses absent; every key of the bundled model is found, in sorted order. */
static void test_many_keys(void **state) {
    (void)state;
    nm__df_builder *b = nm__df_builder_new();
    char k[64];
    for (uint32_t i = 0; i < 5000; i++) {
        size_t l = many_key(k, i);
        assert_int_equal(nm__df_builder_add(b, k, l, 1 + i % 7), NM_OK);
    }
    nm__df_builder_add_docs(b, 10);
    nm__buf bytes;
    nm__dfmodel *m = model_of(b, 1, &bytes);
    nm_error err;
    assert_int_equal(nm__dfmodel_terms(m), 5000);
    for (uint32_t i = 0; i < 5000; i++) {
        size_t l = many_key(k, i);
        assert_int_equal(nm__dfmodel_df(m, k, l), 1 + i % 7);
        k[l] = 'x';
        assert_int_equal(nm__dfmodel_df(m, k, l + 1), 0);
    }
    nm__dfmodel_close(m);
    nm__buf_free(&bytes);
    nm__df_builder_free(b);

    size_t len = 0;
    const char *p = nm__data_get("models/background.df", &len);
    assert_non_null(p);
    assert_int_equal((uint8_t)p[4], NM__DF_VERSION);
    assert_int_equal(nm__dfmodel_from_bytes(p, len, "bundled", &m, &err), NM_OK);
    assert_true(nm__dfmodel_terms(m) > 10000);
    nm_str prev = {"", 0};
    for (uint32_t i = 0; i < nm__dfmodel_terms(m); i++) {
        nm_str key;
        uint32_t df;
        assert_int_equal(nm__dfmodel_term(m, i, &key, &df), NM_OK); /* found by its lookup */
        assert_true(df >= 2); /* built with --min-df 2 */
        size_t l = prev.len < key.len ? prev.len : key.len;
        int c = memcmp(prev.ptr, key.ptr, l);
        assert_true(c < 0 || (c == 0 && prev.len < key.len));
        prev = key;
    }
    nm__dfmodel_close(m);
}

static void expect_model_error(const void *p, size_t len, const char *needle) {
    nm__dfmodel *m = (nm__dfmodel *)1;
    nm_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(nm__dfmodel_from_bytes(p, len, "bad.df", &m, &err), NM_ERR_MODEL);
    assert_null(m);
    assert_int_equal(err.code, NM_ERR_MODEL);
    assert_non_null(strstr(err.msg, "bad.df"));
    if (!strstr(err.msg, needle))
        fail_msg("message \"%s\" lacks \"%s\"", err.msg, needle);
}

/* A model file truncated while open (rewritten in place by `df build > model.df` as a run
 * uses it): lookups go on with the model as it was opened. Its pages used to be mmap'd, and
 * the first lookup after the truncation died of SIGBUS. */
static void test_file_truncated_while_open(void **state) {
    (void)state;
    nm__df_builder *b = nm__df_builder_new();
    char k[64];
    for (uint32_t i = 0; i < 5000; i++)
        assert_int_equal(nm__df_builder_add(b, k, many_key(k, i), 1 + i % 7), NM_OK);
    nm__df_builder_add_docs(b, 10);
    nm__buf good;
    write_model(b, 1, &good);
    const char *path = NM_BINARY_DIR "/test_dfmodel_shrinks.df";
    assert_int_equal(nm_test_write_file(path, good.ptr, good.len), 0);
    nm__dfmodel *m;
    nm_error err;
    assert_int_equal(nm__dfmodel_open(path, &m, &err), NM_OK);
    assert_int_equal(truncate(path, 0), 0);
    for (uint32_t i = 0; i < 5000; i++)
        assert_int_equal(nm__dfmodel_df(m, k, many_key(k, i)), 1 + i % 7);
    nm_str key;
    uint32_t df;
    assert_int_equal(nm__dfmodel_term(m, 4999, &key, &df), NM_OK);
    nm__dfmodel_close(m);
    /* Truncated before it is opened: an error naming the file, no signal. */
    assert_int_equal(nm_test_write_file(path, good.ptr, good.len / 2), 0);
    assert_int_equal(nm__dfmodel_open(path, &m, &err), NM_ERR_MODEL);
    assert_non_null(strstr(err.msg, "truncated or corrupt"));
    assert_non_null(strstr(err.msg, path));
    remove(path);
    nm__buf_free(&good);
    nm__df_builder_free(b);
}

static void test_bad_models(void **state) {
    (void)state;
    nm__df_builder *b = build_range(0, NDOCS);
    nm__buf good;
    write_model(b, 1, &good);
    expect_model_error("hello world, this is not a model at all", 39, "not a newsmine df model");
    expect_model_error(good.ptr, 10, "not a newsmine df model");
    expect_model_error(good.ptr, good.len - 1, "truncated or corrupt");
    char *copy = malloc(good.len + 1);
    memcpy(copy, good.ptr, good.len);
    copy[4] = 7; /* version 7 */
    expect_model_error(copy, good.len, "version 7");
    memcpy(copy, good.ptr, good.len);
    copy[good.len] = 'x'; /* trailing garbage */
    expect_model_error(copy, good.len + 1, "truncated or corrupt");
    memcpy(copy, good.ptr, good.len);
    copy[20] = 3; /* hash table size not a power of two */
    expect_model_error(copy, good.len, "hash table");
    free(copy);

    /* Files: missing -> NM_ERR_IO naming the path; garbage -> NM_ERR_MODEL. */
    nm__dfmodel *m;
    nm_error err;
    assert_int_equal(nm__dfmodel_open("/nonexistent/model.df", &m, &err), NM_ERR_IO);
    assert_non_null(strstr(err.msg, "/nonexistent/model.df"));
    const char *path = NM_BINARY_DIR "/test_dfmodel_bad.df";
    assert_int_equal(nm_test_write_file(path, "NMDF\1\0\0\0garbage", 15), 0);
    assert_int_equal(nm__dfmodel_open(path, &m, &err), NM_ERR_MODEL);
    assert_non_null(strstr(err.msg, "not a newsmine df model"));
    assert_int_equal(nm_test_write_file(path, good.ptr, good.len), 0);
    assert_int_equal(nm__dfmodel_open(path, &m, &err), NM_OK);
    assert_int_equal(df_of(m, "ukrain"), 4);
    nm__dfmodel_close(m);
    remove(path);
    nm__buf_free(&good);
    nm__df_builder_free(b);
}

static uint32_t get32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The v2 model {"a": 1, "b": 2} of 2 documents into *out (174 bytes: 8 slots, keys "ab");
 * *sa and *sb get the offsets of the slots of "a" and "b". */
static void ab_model(nm__buf *out, size_t *sa, size_t *sb) {
    nm__df_builder *b = nm__df_builder_new();
    assert_int_equal(nm__df_builder_add(b, "a", 1, 1), NM_OK);
    assert_int_equal(nm__df_builder_add(b, "b", 1, 2), NM_OK);
    nm__df_builder_add_docs(b, 2);
    write_model(b, 1, out);
    nm__df_builder_free(b);
    const uint8_t *p = (const uint8_t *)out->ptr;
    assert_int_equal(out->len, 174);
    for (size_t at = 32; at < 32 + 16 * 8; at += 16)
        if (get32(p + at + 12) != 0)
            *(get32(p + at + 8) == 0 ? sa : sb) = at;
}

/* Hostile tables (fuzz_dfmodel): each used to open, giving a model with counts above its
 * document count, no free slot to end an absent key's probe, key spans each lookup had to
 * bounds-check, or keys a merge summed; now each is refused when opened, so lookups need no
 * checks. */
static void test_hostile_tables(void **state) {
    (void)state;
    nm__buf good;
    size_t sa = 0, sb = 0;
    ab_model(&good, &sa, &sb);
    uint8_t *c = malloc(good.len);
    assert_non_null(c);
#define RESET() memcpy(c, good.ptr, good.len)
    RESET();
    put32(c + sb + 4, 3); /* df 3 of 2 documents: an idf below 0 */
    expect_model_error(c, good.len, "above the document count");
    RESET();
    put32(c + sa + 4, 0); /* df 0 */
    expect_model_error(c, good.len, "above the document count");
    RESET();
    put32(c + sa + 8, 2); /* "a" at blob[2, 3): past the 2 bytes of keys */
    expect_model_error(c, good.len, "outside the keys");
    RESET();
    put32(c + sa + 8, 0xfffffff0u); /* koff + klen wraps in 32 bits */
    put32(c + sa + 12, 0x20u);
    expect_model_error(c, good.len, "outside the keys");
    RESET();
    for (size_t at = 32; at < 32 + 16 * 8; at += 16) /* every slot taken: no probe ends */
        if (get32(c + at + 12) == 0)
            memcpy(c + at, c + sa, 16);
    expect_model_error(c, good.len, "slots taken");
    RESET();
    put32(c + 32 + 16 * 8 + 4, 2); /* offsets 0, 2, 2: an empty key "" then "ab" */
    expect_model_error(c, good.len, "out of order");

    /* Keys "a", "a" (blob "aa": b's slot now holds "a"): opens (slots are in bounds), but a
     * dump or a merge would count "a" twice: merged, "a" had df 1 + 1. */
    RESET();
    c[good.len - 1] = 'a';
    nm__dfmodel *m;
    nm_error err;
    assert_int_equal(nm__dfmodel_from_bytes(c, good.len, "aa", &m, &err), NM_OK);
    nm_str k;
    uint32_t df;
    assert_int_equal(nm__dfmodel_term(m, 0, &k, &df), NM_OK);
    assert_int_equal(nm__dfmodel_term(m, 1, &k, &df), NM_ERR_MODEL);
    nm__df_builder *b = nm__df_builder_new();
    assert_int_equal(nm__df_builder_merge(b, m, &err), NM_ERR_MODEL);
    assert_non_null(strstr(err.msg, "at key 1"));
    nm__df_builder_free(b);
    nm__dfmodel_close(m);
#undef RESET
    free(c);
    nm__buf_free(&good);

    /* v1: both slots name "b": "a"'s lookup misses it, so --df counted "a" 0 while a dump and
     * a merge said 1; now its term is an error. A df above the document count and a slot past
     * the keys are refused when opened. */
    static const char *const keys[] = {"a", "b"};
    static const uint32_t dfs[] = {1, 2};
    size_t len;
    uint8_t *v1 = v1_bytes(keys, dfs, 2, 2, &len);
    uint8_t *slot = v1 + 32 + 4 * 3 + 4 * 2;
    for (int i = 0; i < 8; i++)
        if (get32(slot + 4 * i) != 0)
            put32(slot + 4 * i, 2);
    assert_int_equal(nm__dfmodel_from_bytes(v1, len, "v1", &m, &err), NM_OK);
    assert_int_equal(nm__dfmodel_term(m, 0, &k, &df), NM_ERR_MODEL);
    nm__dfmodel_close(m);
    free(v1);
    v1 = v1_bytes(keys, dfs, 2, 1, &len); /* 1 document, df 2 */
    expect_model_error(v1, len, "above the document count");
    free(v1);
    v1 = v1_bytes(keys, dfs, 2, 2, &len);
    slot = v1 + 32 + 4 * 3 + 4 * 2;
    for (int i = 0; i < 8; i++)
        if (get32(slot + 4 * i) == 0) {
            put32(slot + 4 * i, 3); /* key index 3 of 2 */
            break;
        }
    expect_model_error(v1, len, "names no key");
    free(v1);
}

/* A v2 image of n one-byte keys in 2048 slots, taken at slots first, first + 1, ... (wrapping):
 * one run of n taken slots (caller frees). Tags are 0, so lookups find nothing; the run is what
 * matters. */
static uint8_t *run_image(uint32_t n, uint32_t first, size_t *len) {
    enum { NS = 2048 };
    *len = 32 + 16 * NS + 4 * ((size_t)n + 1) + n;
    uint8_t *b = calloc(1, *len), *off = b + 32 + 16 * NS, *blob = off + 4 * ((size_t)n + 1);
    assert_non_null(b);
    memcpy(b, "NMDF", 4);
    put32(b + 4, 2);
    put32(b + 8, 1);
    put32(b + 16, n);
    put32(b + 20, NS);
    put32(b + 24, n);
    for (uint32_t i = 0; i <= n; i++)
        put32(off + 4 * i, i);
    for (uint32_t i = 0; i < n; i++) {
        uint8_t *sl = b + 32 + 16 * ((first + i) % NS);
        put32(sl + 4, 1);
        put32(sl + 8, i);
        put32(sl + 12, 1);
        blob[i] = (uint8_t)('a' + i % 26);
    }
    return b;
}

/* A run of more than 1024 taken slots (the writer fills at most half the slots: the bundled
 * model's longest run is 45) is refused: it used to open, and each absent key's lookup read
 * the whole run (a file of a million taken slots and one free: a million reads per lookup). */
static void test_long_probe_run(void **state) {
    (void)state;
    size_t len;
    nm__dfmodel *m;
    nm_error err;
    uint8_t *b = run_image(1024, 100, &len);
    assert_int_equal(nm__dfmodel_from_bytes(b, len, "ok", &m, &err), NM_OK);
    assert_int_equal(df_of(m, "zz"), 0);
    nm__dfmodel_close(m);
    free(b);
    b = run_image(1025, 100, &len);
    expect_model_error(b, len, "more than 1024");
    free(b);
    b = run_image(1025, 2048 - 500, &len); /* the run wraps past the last slot */
    expect_model_error(b, len, "more than 1024");
    free(b);
}

/* Merging models whose document counts sum past 2^64-1 is an error: it used to wrap, writing a
 * model of fewer documents than its dfs (which no longer opens). */
static void test_merge_docs_overflow(void **state) {
    (void)state;
    nm__buf big;
    size_t sa, sb;
    ab_model(&big, &sa, &sb);
    for (int i = 8; i < 16; i++) /* docs 2^64 - 1 */
        ((uint8_t *)big.ptr)[i] = 0xff;
    nm__dfmodel *m;
    nm_error err;
    assert_int_equal(nm__dfmodel_from_bytes(big.ptr, big.len, "big", &m, &err), NM_OK);
    nm__df_builder *b = build_range(0, 1);
    assert_int_equal(nm__df_builder_merge(b, m, &err), NM_ERR_INVALID);
    assert_non_null(strstr(err.msg, "document counts"));
    nm__df_builder_free(b);
    nm__dfmodel_close(m);
    nm__buf_free(&big);
}

/* A model read from a device or pipe stops at the length its header gives: `--df /dev/zero`
 * used to read until memory ran out; now it is "not a newsmine df model" at once. */
static void test_stream_bounded(void **state) {
    (void)state;
    nm__dfmodel *m;
    nm_error err;
    assert_int_equal(nm__dfmodel_open("/dev/zero", &m, &err), NM_ERR_MODEL);
    assert_null(m);
    assert_non_null(strstr(err.msg, "not a newsmine df model"));
}

/* `newsmine df build` over two halves, merged, equals one build over both (byte for byte). */
static void test_cli_build_merge(void **state) {
    (void)state;
    const char *dir = NM_BINARY_DIR;
    char a[512], bpath[512], cmd[4096];
    snprintf(a, sizeof a, "%s/test_df_a.jsonl", dir);
    snprintf(bpath, sizeof bpath, "%s/test_df_b.jsonl", dir);
    const char *da =
        "{\"id\":1,\"text\":\"Ukraine wants security guarantees. Paris hosts talks.\"}\n"
        "{\"id\":2,\"text\":\"The European Union met in Paris on Monday.\"}\n";
    const char *db =
        "{\"id\":3,\"text\":\"Security guarantees for Ukraine dominate the summit.\"}\n";
    assert_int_equal(nm_test_write_file(a, da, strlen(da)), 0);
    assert_int_equal(nm_test_write_file(bpath, db, strlen(db)), 0);
    snprintf(cmd, sizeof cmd,
             "cd %s && %s df build test_df_a.jsonl > test_df_a.df && "
             "%s df build -j 3 test_df_b.jsonl > test_df_b.df && "
             "%s df merge test_df_a.df test_df_b.df > test_df_m.df && "
             "%s df build -j 1 test_df_a.jsonl test_df_b.jsonl > test_df_w.df && "
             "cmp test_df_m.df test_df_w.df && cat test_df_w.df | %s df dump /dev/stdin",
             dir, NM_CLI, NM_CLI, NM_CLI, NM_CLI, NM_CLI);
    char *out = NULL;
    size_t len = 0;
    int rc = nm_test_run(cmd, NULL, 0, &out, &len);
    if (rc != 0)
        fail_msg("df build/merge failed (%d): %s", rc, out ? out : "");
    assert_non_null(strstr(out, "docs\t3\n"));
    assert_non_null(strstr(out, "\nukrain\t2\n"));
    assert_non_null(strstr(out, "\nsecur guarante\t2\n"));
    assert_non_null(strstr(out, "\npari\t2\n"));
    free(out);
    /* A bad model file given to merge: exit 1 and a message naming it. */
    snprintf(cmd, sizeof cmd, "cd %s && %s df merge test_df_a.jsonl > /dev/null 2>&1", dir, NM_CLI);
    assert_int_equal(nm_test_run(cmd, NULL, 0, &out, &len), 1);
    free(out);
    const char *names[] = {"test_df_a.jsonl", "test_df_b.jsonl", "test_df_a.df",
                           "test_df_b.df",    "test_df_m.df",    "test_df_w.df"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(cmd, sizeof cmd, "%s/%s", dir, names[i]);
        remove(cmd);
    }
}

/* The candidate keys of rec as one string, "key|key|...", sorted when sort (caller frees). */
static char *doc_keys(nm__kw_extractor *x, const nm_record *rec, int sort) {
    const nm_str *k;
    size_t n;
    assert_int_equal(nm__kw_doc_keys(x, rec, &k, &n), NM_OK);
    assert_true(n > 10);
    char **v = calloc(n, sizeof *v);
    assert_non_null(v);
    size_t len = 1;
    for (size_t i = 0; i < n; i++) {
        v[i] = strndup(k[i].ptr, k[i].len);
        assert_non_null(v[i]);
        len += k[i].len + 1;
    }
    for (size_t i = 1; sort && i < n; i++) /* insertion sort: a few dozen keys */
        for (size_t j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
            char *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    char *out = calloc(len, 1);
    assert_non_null(out);
    for (size_t i = 0; i < n; i++) {
        strcat(out, v[i]);
        strcat(out, "|");
        free(v[i]);
    }
    free(v);
    return out;
}

/* Keys come per sentence; sentences that do not cover the tokens in order (not the tokenizer's:
 * an end past the last token, or out of order) give the same keys as the tokenizer's. */
static void test_doc_keys_any_sentences(void **state) {
    (void)state;
    const nm__stage *chain[] = {&nm__stage_tokenize, &nm__stage_normalize, &nm__stage_money,
                                &nm__stage_entities};
    void *shared[4] = {0}, *st[4] = {0};
    for (int i = 0; i < 4; i++)
        assert_int_equal(nm_test_stage_up(chain[i], NULL, &shared[i], &st[i]), 0);
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    const char *text = "Bank of England raises rates\n\n"
                       "The Bank of England raised interest rates on Thursday. Interest rates "
                       "rose to 5 pct, the bank said. Analysts expect interest rates to stay "
                       "high as inflation stays high. Sterling rose against the dollar.";
    rec.text = (nm_str){text, strlen(text)};
    nm_error err;
    memset(&err, 0, sizeof err);
    for (int i = 0; i < 4; i++)
        assert_int_equal(chain[i]->process(st[i], shared[i], &rec, &err), NM_OK);
    assert_true(rec.sentences.n >= 4);
    nm__kw_extractor *x = nm__kw_extractor_new();
    assert_non_null(x);
    char *base = doc_keys(x, &rec, 0), *base_sorted = doc_keys(x, &rec, 1);
    assert_non_null(strstr(base, "|interest rate|"));
    /* The last sentence ends past the last token: read as ending there. */
    nm_sentence *sv = rec.sentences.v;
    size_t ns = rec.sentences.n;
    sv[ns - 1].tok_end += 3;
    char *past = doc_keys(x, &rec, 0);
    assert_string_equal(past, base);
    sv[ns - 1].tok_end -= 3;
    /* Sentences in reverse order: the same keys, found in another order. */
    for (size_t i = 0; i < ns / 2; i++) {
        nm_sentence t = sv[i];
        sv[i] = sv[ns - 1 - i];
        sv[ns - 1 - i] = t;
    }
    char *rev = doc_keys(x, &rec, 1);
    assert_string_equal(rev, base_sorted);
    free(base);
    free(base_sorted);
    free(past);
    free(rev);
    nm__kw_extractor_free(x);
    nm__record_free(&rec);
    for (int i = 3; i >= 0; i--)
        nm_test_stage_down(chain[i], shared[i], st[i]);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_and_round_trip), cmocka_unit_test(test_merge_equals_whole),
        cmocka_unit_test(test_prune_and_empty),       cmocka_unit_test(test_bad_models),
        cmocka_unit_test(test_cli_build_merge),       cmocka_unit_test(test_doc_keys_any_sentences),
        cmocka_unit_test(test_reads_v1),              cmocka_unit_test(test_many_keys),
        cmocka_unit_test(test_hostile_tables),        cmocka_unit_test(test_stream_bounded),
        cmocka_unit_test(test_merge_docs_overflow),   cmocka_unit_test(test_long_probe_run),
        cmocka_unit_test(test_file_truncated_while_open),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
