/*
 * fuzz_dfmodel.c — libFuzzer target: a df model image (NMDF v1 or v2, dfmodel.h) from untrusted
 * bytes, as `--df FILE`, `df dump` and `df merge` read it.
 *
 * The image either fails to open with NM_ERR_MODEL and a message, or opens into a model whose
 * every read stays inside the image (the bytes are the fuzzer's own heap copy: ASan stops any
 * read past them) and whose counts make sense: every df is between 1 and the document count,
 * a key found by nm__dfmodel_term() is found again by nm__dfmodel_df() with the same df, and a
 * merge of the model writes a v2 model that opens and holds the same keys and counts.
 */
#include <string.h>

#include "dfmodel.h"
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A key borrowed from the model lies inside the image. */
static void check_inside(const uint8_t *data, size_t size, nm_str k) {
    const uint8_t *p = (const uint8_t *)k.ptr;
    FUZZ_CHECK(k.len == 0 || (p >= data && k.len <= size && p <= data + size - k.len));
}

/* Merges m into a builder, writes it, and checks the written model against m: it opens, holds
 * m's document count, and each of its keys has the df m gives that key (m's keys are unique
 * when the merge succeeds). */
static void check_merge(const nm__dfmodel *m) {
    nm__df_builder *b = nm__df_builder_new();
    FUZZ_CHECK(b != NULL);
    nm_error err;
    if (nm__df_builder_merge(b, m, &err) == NM_OK) {
        nm__buf out = {0};
        FUZZ_CHECK(nm__df_builder_write(b, 1, &out, &err) == NM_OK);
        nm__dfmodel *w;
        FUZZ_CHECK(nm__dfmodel_from_bytes(out.ptr, out.len, "merged", &w, &err) == NM_OK);
        FUZZ_CHECK(nm__dfmodel_docs(w) == nm__dfmodel_docs(m));
        FUZZ_CHECK(nm__dfmodel_terms(w) == nm__dfmodel_terms(m));
        for (uint32_t i = 0; i < nm__dfmodel_terms(w); i++) {
            nm_str k;
            uint32_t df;
            FUZZ_CHECK(nm__dfmodel_term(w, i, &k, &df) == NM_OK);
            FUZZ_CHECK(df == nm__dfmodel_df(m, k.ptr, k.len));
        }
        nm__dfmodel_close(w);
        nm__buf_free(&out);
    } else {
        FUZZ_CHECK(err.code != NM_OK && err.msg[0] != '\0');
    }
    nm__df_builder_free(b);
}

/* One image: opens, or fails with a message; when it opens, every read-only call is checked. */
static void check_image(const uint8_t *data, size_t size) {
    nm__dfmodel *m = (nm__dfmodel *)1;
    nm_error err;
    memset(&err, 0, sizeof err);
    int rc = nm__dfmodel_from_bytes(data, size, "fuzz.df", &m, &err);
    if (rc != NM_OK) {
        FUZZ_CHECK(m == NULL);
        FUZZ_CHECK(rc == NM_ERR_MODEL && err.code == rc && strstr(err.msg, "fuzz.df") != NULL);
        return;
    }
    uint64_t docs = nm__dfmodel_docs(m);
    uint32_t n = nm__dfmodel_terms(m);
    /* The keys in sorted order (the first and last few hundred): inside the image, each found
     * by its lookup with the df the term gives. */
    for (uint32_t j = 0; j < n && j < 512; j++) {
        uint32_t i = j < 256 ? j : n - 1 - (j - 256);
        nm_str k;
        uint32_t df;
        if (nm__dfmodel_term(m, i, &k, &df) != NM_OK)
            continue;
        check_inside(data, size, k);
        FUZZ_CHECK(df >= 1 && df <= docs);
        nm__dfmodel_prefetch(m, k.ptr, k.len);
        FUZZ_CHECK(nm__dfmodel_df(m, k.ptr, k.len) == df);
    }
    FUZZ_CHECK(nm__dfmodel_term(m, n, &(nm_str){0}, &(uint32_t){0}) == NM_ERR_MODEL);
    /* Other keys: every slice of the image up to 40 bytes long at a few hundred places, and the
     * empty key. An absent key has df 0; none has more than the document count. */
    FUZZ_CHECK(nm__dfmodel_df(m, "", 0) <= docs);
    for (size_t at = 0, j = 0; at < size && j < 300; at += 1 + size / 300, j++) {
        size_t len = (at * 7 + j) % 41;
        if (len > size - at)
            len = size - at;
        nm__dfmodel_prefetch(m, (const char *)data + at, len);
        FUZZ_CHECK(nm__dfmodel_df(m, (const char *)data + at, len) <= docs);
    }
    check_merge(m);
    nm__dfmodel_close(m);
}

static void put32(uint8_t *p, uint64_t v) {
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The bytes as they are, then (most mutations break the exact length the header gives) a copy
 * of exactly the same size whose blob length and first and last key offsets are made to fit,
 * so that the table checks and the lookups see mutated tables. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    check_image(data, size);
    if (size < 32 || (get32(data + 4) != 1 && get32(data + 4) != 2))
        return 0;
    uint64_t nterms = get32(data + 16), nslots = get32(data + 20);
    uint64_t tables = 32 + 4 * (nterms + 1) + (get32(data + 4) == 1 ? 4 * nterms + 4 * nslots
                                                                     : 16 * nslots);
    if (tables > size)
        return 0;
    uint8_t *c = malloc(size);
    FUZZ_CHECK(c != NULL);
    memcpy(c, data, size);
    uint64_t blob = size - tables;
    put32(c + 24, blob);
    put32(c + 28, 0);
    uint8_t *off = c + (get32(data + 4) == 1 ? 32 : 32 + 16 * nslots);
    put32(off, 0);
    put32(off + 4 * nterms, blob);
    check_image(c, size);
    free(c);
    return 0;
}
