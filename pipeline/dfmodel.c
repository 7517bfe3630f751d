/*
 * dfmodel.c — document-frequency models: the Judy-backed builder, the NMDF v2 writer and the
 * v2 and v1 readers.
 *
 * Building: a JudySL array maps each NUL-free key to its count; JudySL iterates in byte order,
 * so writing walks it once and the file depends only on the (key, df) set and the document
 * count: build(A + B) == merge(build(A), build(B)), byte for byte.
 * Reading: the bytes are used in place (embedded, or the file read into memory: not mmap'd).
 * Opening checks the header, that the sections add up to the length, and the tables in one
 * pass over the slots and offsets (check_tables: every key span inside the blob, every df
 * from 1 to the document count, exactly nterms slots taken, no run of them over 1024 slots,
 * so that an empty slot soon ends every probe), so lookups need no bounds checks; a merge
 * (and a dump) also finds each key by its lookup and checks the keys are sorted and unique,
 * so a model that merges is exact.
 *   v2: lookup("secur guarante") => df_hash -> slot (tag, df, key offset) -> key bytes on a tag
 *       match only: an absent key (most phrases a document has) costs one slot line.
 *   v1: FNV-1a-32 & (nslots-1) -> probe slots -> offsets -> compare key bytes -> df.
 * Format: see dfmodel.h.
 */
#include "dfmodel.h"
#include "fail.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <Judy.h>

#define HDR_BYTES 32u
#define SLOT2 16u /* bytes of a v2 slot: tag, df, key offset, key length */

struct nm__dfmodel {
    const uint8_t *base;
    size_t len;
    void *owned; /* the file's bytes read into memory; NULL over borrowed bytes */
    uint64_t docs;
    uint32_t version;
    uint32_t nterms, nslots;
    uint64_t blob_len;
    const uint8_t *off, *df, *slot, *blob; /* df: v1 only (v2 keeps dfs in the slots) */
};

struct nm__df_builder {
    Pvoid_t judy; /* JudySL: key -> count */
    uint64_t docs;
    size_t max_key; /* longest key, for the iteration buffer */
};

static uint32_t rd32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p) { return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32; }

static void wr32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static void wr64(uint8_t *p, uint64_t v) {
    wr32(p, (uint32_t)v);
    wr32(p + 4, (uint32_t)(v >> 32));
}

static uint32_t fnv1a(const char *s, size_t len) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (uint8_t)s[i];
        h *= 16777619u;
    }
    return h;
}

/* p[0, w) (w <= 8) as a little-endian value (one load on a little-endian host). */
static inline uint64_t le(const char *p, size_t w) {
    uint64_t v = 0;
    memcpy(&v, p, w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

/*
 * H of format v2: a 64-bit hash of k[0, n), the same on every host. Each 8-byte little-endian
 * word is mixed in by a multiply; the last 1-7 bytes are read as one value (bytes 0..n-1 of
 * the tail at their little-endian places) and the length is in the seed. A key of 16 bytes or
 * less costs three multiplies, not one per byte as FNV-1a (v1) did.
 */
static uint64_t df_hash(const char *k, size_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ ((uint64_t)n * 0xff51afd7ed558ccdull);
    for (; n >= 8; k += 8, n -= 8) {
        h = (h ^ le(k, 8)) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    uint64_t v = 0; /* the last 0-7 bytes, at their places: overlapping loads, no byte loop */
    if (n >= 4)
        v = le(k, 4) | le(k + n - 4, 4) << (8 * (n - 4));
    else if (n > 0)
        v = (uint64_t)(uint8_t)k[0] | (uint64_t)(uint8_t)k[n / 2] << (8 * (n / 2)) |
            (uint64_t)(uint8_t)k[n - 1] << (8 * (n - 1));
    h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

/* ---- reading ------------------------------------------------------------------------------ */

/* The longest run of taken hash slots a model may hold: the writer fills at most half of
 * them, where a run passes 1024 slots with a chance near e^-190, so only a hostile file holds
 * one, which would make each absent key's lookup read that many slots. */
#define MAX_RUN 1024u

/* Runs of taken slots, met in slot order (runs_add), the first and last joined (the probe
 * wraps): runs_longest() is the longest. */
typedef struct runs {
    uint32_t run, lead, longest; /* lead: the run before the first empty slot, or UINT32_MAX */
} runs;

static inline void runs_add(runs *r, int taken) {
    if (taken) {
        if (++r->run > r->longest)
            r->longest = r->run;
        return;
    }
    if (r->lead == UINT32_MAX)
        r->lead = r->run;
    r->run = 0;
}

static uint32_t runs_longest(const runs *r) {
    uint64_t wrap = (uint64_t)r->run + (r->lead == UINT32_MAX ? 0 : r->lead);
    return wrap > r->longest ? (uint32_t)(wrap < UINT32_MAX ? wrap : UINT32_MAX) : r->longest;
}

/*
 * The tables of m (laid out, sizes checked) in one pass: key offsets rising (keys non-empty),
 * each df from 1 to the document count, each slot's key span inside the blob (v1: a slot holds
 * a key index), exactly nterms slots taken, so an empty slot ends every probe (nslots >
 * nterms), and no run of taken slots longer than MAX_RUN, so a probe ends soon; a lookup reads
 * only what this checked. Returns NULL, or what is wrong.
 */
static const char *check_tables(const nm__dfmodel *m) {
    for (uint32_t i = 0; i < m->nterms; i++)
        if (rd32(m->off + 4u * (size_t)i) >= rd32(m->off + 4u * ((size_t)i + 1)))
            return "key offsets out of order";
    uint32_t taken = 0;
    runs r = {0, UINT32_MAX, 0};
    if (m->version == 1) {
        for (uint32_t i = 0; i < m->nterms; i++) {
            uint32_t df = rd32(m->df + 4u * (size_t)i);
            if (df == 0 || df > m->docs)
                return "a df of 0 or above the document count";
        }
        for (uint32_t i = 0; i < m->nslots; i++) {
            uint32_t s = rd32(m->slot + 4u * (size_t)i);
            if (s > m->nterms)
                return "a hash slot names no key";
            taken += s != 0;
            runs_add(&r, s != 0);
        }
    } else {
        for (uint32_t i = 0; i < m->nslots; i++) {
            const uint8_t *s = m->slot + (size_t)SLOT2 * i;
            uint32_t df = rd32(s + 4), koff = rd32(s + 8), klen = rd32(s + 12);
            runs_add(&r, klen != 0);
            if (klen == 0)
                continue;
            if ((uint64_t)koff + klen > m->blob_len)
                return "a hash slot's key lies outside the keys";
            if (df == 0 || df > m->docs)
                return "a df of 0 or above the document count";
            taken++;
        }
    }
    if (taken != m->nterms)
        return "hash slots taken do not match the key count";
    return runs_longest(&r) <= MAX_RUN ? NULL : "a run of more than 1024 taken hash slots";
}

/* The bytes header b (of a version read) gives the header and tables, the keys left out. 64-bit
 * sums of 32-bit counts cannot overflow. v1: offsets, dfs and 4-byte slots; v2: 16-byte slots
 * and offsets. */
static uint64_t tables_len(const uint8_t *b) {
    uint64_t nterms = rd32(b + 16), nslots = rd32(b + 20);
    return (uint64_t)HDR_BYTES + 4u * (nterms + 1) +
           (rd32(b + 4) == 1 ? 4u * nterms + 4u * nslots : (uint64_t)SLOT2 * nslots);
}

int nm__dfmodel_from_bytes(const void *p, size_t len, const char *name, nm__dfmodel **out,
                           nm_error *err) {
    const uint8_t *b = p;
    *out = NULL;
    if (!name)
        name = "df model";
    if (!b || len < HDR_BYTES || memcmp(b, "NMDF", 4) != 0)
        return nm__fail(err, NM_ERR_MODEL, "%s: not a newsmine df model (no NMDF header)", name);
    uint32_t version = rd32(b + 4);
    if (version < NM__DF_VERSION_MIN || version > NM__DF_VERSION)
        return nm__fail(err, NM_ERR_MODEL,
                        "%s: df model version %u, this build reads versions %u to %u", name,
                        version, NM__DF_VERSION_MIN, NM__DF_VERSION);
    uint64_t docs = rd64(b + 8);
    uint32_t nterms = rd32(b + 16), nslots = rd32(b + 20);
    uint64_t blob_len = rd64(b + 24);
    if (nslots == 0 || (nslots & (nslots - 1)) != 0 || nslots <= nterms)
        return nm__fail(err, NM_ERR_MODEL, "%s: bad hash table size %u for %u terms", name, nslots,
                    nterms);
    uint64_t need = tables_len(b);
    if (blob_len > UINT64_MAX / 2 || need + blob_len != (uint64_t)len)
        return nm__fail(err, NM_ERR_MODEL,
                    "%s: truncated or corrupt df model (%zu bytes, header says %llu)", name, len,
                    (unsigned long long)(need + (blob_len > UINT64_MAX / 2 ? 0 : blob_len)));
    nm__dfmodel *m = calloc(1, sizeof *m);
    if (!m)
        return nm__fail(err, NM_ERR_NOMEM, "out of memory opening %s", name);
    m->base = b;
    m->len = len;
    m->docs = docs;
    m->version = version;
    m->nterms = nterms;
    m->nslots = nslots;
    m->blob_len = blob_len;
    if (version == 1) {
        m->off = b + HDR_BYTES;
        m->df = m->off + 4u * ((size_t)nterms + 1);
        m->slot = m->df + 4u * (size_t)nterms;
        m->blob = m->slot + 4u * (size_t)nslots;
    } else {
        m->slot = b + HDR_BYTES;
        m->off = m->slot + (size_t)SLOT2 * nslots;
        m->blob = m->off + 4u * ((size_t)nterms + 1);
    }
    if (rd32(m->off + 4u * (size_t)nterms) != blob_len || rd32(m->off) != 0) {
        free(m);
        return nm__fail(err, NM_ERR_MODEL, "%s: corrupt df model (key offsets do not span the keys)",
                    name);
    }
    const char *bad = check_tables(m);
    if (bad) {
        free(m);
        return nm__fail(err, NM_ERR_MODEL, "%s: corrupt df model (%s)", name, bad);
    }
    *out = m;
    return NM_OK;
}

/* The most bytes of a model stream worth reading once its first n bytes b[0, n) are in: the
 * header; then the length it gives plus one (a longer stream is not that model, and
 * nm__dfmodel_from_bytes() says so), or the header alone when it is no model's. */
static uint64_t stream_limit(const uint8_t *b, size_t n) {
    if (n < HDR_BYTES || memcmp(b, "NMDF", 4) != 0 || rd32(b + 4) < NM__DF_VERSION_MIN ||
        rd32(b + 4) > NM__DF_VERSION || rd64(b + 24) > UINT64_MAX / 4)
        return HDR_BYTES;
    return tables_len(b) + rd64(b + 24) + 1;
}

/* Reads fd into a malloc'd buffer (caller frees *out), up to stream_limit(): `--df /dev/zero`
 * or an endless stream ends with an error, not by filling memory. hint: the expected size (a
 * regular file's), 0 when unknown; one more byte is room to see the file grew. */
static int read_all(int fd, size_t hint, uint8_t **out, size_t *len) {
    size_t cap = hint && hint < SIZE_MAX - 1 ? hint + 1 : 1 << 16, n = 0;
    uint8_t *b = malloc(cap);
    if (!b)
        return NM_ERR_NOMEM;
    for (uint64_t limit = HDR_BYTES; n < limit; limit = stream_limit(b, n)) {
        if (n == cap) {
            uint8_t *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                return NM_ERR_NOMEM;
            }
            b = nb;
            cap *= 2;
        }
        size_t want = cap - n < limit - n ? cap - n : (size_t)(limit - n);
        ssize_t r = read(fd, b + n, want);
        if (r == 0)
            break;
        if (r < 0) {
            if (errno == EINTR)
                continue;
            free(b);
            return NM_ERR_IO;
        }
        n += (size_t)r;
    }
    *out = b;
    *len = n;
    return NM_OK;
}

/* The model file is read into memory, not mmap'd: a file truncated while mapped (rewritten in
 * place by `df build > model.df` during a run) killed the run with SIGBUS at its next lookup.
 * Opening checks every slot and offset anyway, so the copy costs little over the mapping
 * (the bundled 1.5 MB model: one read), and the memory is the file's size. */
int nm__dfmodel_open(const char *path, nm__dfmodel **out, nm_error *err) {
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nm__fail(err, NM_ERR_IO, "cannot open df model %s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return nm__fail(err, NM_ERR_IO, "cannot read df model %s: %s", path, strerror(e));
    }
    size_t hint = S_ISREG(st.st_mode) && (uint64_t)st.st_size < SIZE_MAX / 2 ? (size_t)st.st_size
                                                                             : 0;
    uint8_t *buf;
    size_t n;
    int rc = read_all(fd, hint, &buf, &n);
    int e = errno;
    close(fd);
    if (rc != NM_OK)
        return nm__fail(err, rc, "cannot read df model %s: %s", path,
                        rc == NM_ERR_NOMEM ? "out of memory" : strerror(e));
    rc = nm__dfmodel_from_bytes(buf, n, path, out, err);
    if (rc != NM_OK) {
        free(buf);
        return rc;
    }
    (*out)->owned = buf;
    return NM_OK;
}

void nm__dfmodel_close(nm__dfmodel *m) {
    if (!m)
        return;
    free(m->owned);
    free(m);
}

uint64_t nm__dfmodel_docs(const nm__dfmodel *m) { return m ? m->docs : 0; }

uint32_t nm__dfmodel_terms(const nm__dfmodel *m) { return m ? m->nterms : 0; }

/* Key i's bytes, or 0 when its offsets are out of order or out of bounds (corrupt file). */
static int key_at(const nm__dfmodel *m, uint32_t i, const uint8_t **k, size_t *klen) {
    uint32_t a = rd32(m->off + 4u * (size_t)i), z = rd32(m->off + 4u * ((size_t)i + 1));
    if (a > z || z > m->blob_len)
        return 0;
    *k = m->blob + a;
    *klen = z - a;
    return 1;
}

/* v1: the df of key[0..len), 0 when absent. */
static uint32_t df_v1(const nm__dfmodel *m, const char *key, size_t len) {
    uint32_t mask = m->nslots - 1, h = fnv1a(key, len) & mask;
    /* nslots > nterms, so an empty slot ends every probe sequence. */
    for (uint32_t step = 0; step < m->nslots; step++, h = (h + 1) & mask) {
        uint32_t s = rd32(m->slot + 4u * (size_t)h);
        if (s == 0 || s > m->nterms)
            return 0;
        const uint8_t *k;
        size_t klen;
        if (key_at(m, s - 1, &k, &klen) && klen == len && memcmp(k, key, len) == 0)
            return rd32(m->df + 4u * (size_t)(s - 1));
    }
    return 0;
}

/* v2: the df of key[0..len) (hash h = df_hash), 0 when absent. The key bytes are read only for
 * a slot whose tag and length match (a 32-bit tag: nearly always the key itself). */
static uint32_t df_v2(const nm__dfmodel *m, uint64_t h, const char *key, size_t len) {
    uint32_t mask = m->nslots - 1, i = (uint32_t)h & mask, tag = (uint32_t)(h >> 32);
    for (uint32_t step = 0; step < m->nslots; step++, i = (i + 1) & mask) {
        const uint8_t *s = m->slot + (size_t)SLOT2 * i;
        uint32_t klen = rd32(s + 12);
        if (klen == 0)
            return 0; /* nslots > nterms: an empty slot ends every probe sequence */
        if (rd32(s) != tag || klen != len)
            continue;
        if (memcmp(m->blob + rd32(s + 8), key, len) == 0) /* inside the blob: check_tables */
            return rd32(s + 4);
    }
    return 0;
}

uint32_t nm__dfmodel_df(const nm__dfmodel *m, const char *key, size_t len) {
    if (!m || m->nterms == 0)
        return 0;
    if (m->version == 1)
        return df_v1(m, key, len);
    return df_v2(m, df_hash(key, len), key, len);
}

void nm__dfmodel_prefetch(const nm__dfmodel *m, const char *key, size_t len) {
    if (!m || !m->nterms)
        return;
    if (m->version == 1)
        __builtin_prefetch(m->slot + 4u * (size_t)(fnv1a(key, len) & (m->nslots - 1)));
    else
        __builtin_prefetch(m->slot +
                           (size_t)SLOT2 * ((uint32_t)df_hash(key, len) & (m->nslots - 1)));
}

int nm__dfmodel_term(const nm__dfmodel *m, uint32_t i, nm_str *key, uint32_t *df) {
    const uint8_t *k, *p;
    size_t klen, plen;
    if (!m || i >= m->nterms || !key_at(m, i, &k, &klen) || memchr(k, 0, klen))
        return NM_ERR_MODEL;
    /* sorted, unique and NUL-free, as written: a merge's builder would drop a NUL key and sum
     * a repeated one, so the merge would no longer be exact */
    if (i > 0) {
        if (!key_at(m, i - 1, &p, &plen))
            return NM_ERR_MODEL;
        int c = memcmp(p, k, plen < klen ? plen : klen);
        if (c > 0 || (c == 0 && plen >= klen))
            return NM_ERR_MODEL;
    }
    key->ptr = (const char *)k;
    key->len = klen;
    /* v2 keeps dfs in the slots: key i's is found by its lookup (every key has a df >= 1); a
     * v1 key's lookup must find its own df, or --df would count it otherwise than a dump. */
    *df = nm__dfmodel_df(m, key->ptr, klen);
    if (m->version == 1 && *df != rd32(m->df + 4u * (size_t)i))
        return NM_ERR_MODEL;
    return *df ? NM_OK : NM_ERR_MODEL;
}

/* ---- building ----------------------------------------------------------------------------- */

nm__df_builder *nm__df_builder_new(void) { return calloc(1, sizeof(nm__df_builder)); }

void nm__df_builder_free(nm__df_builder *b) {
    if (!b)
        return;
    JudySLFreeArray(&b->judy, PJE0);
    free(b);
}

void nm__df_builder_add_docs(nm__df_builder *b, uint64_t n) { b->docs += n; }

int nm__df_builder_add(nm__df_builder *b, const char *key, size_t len, uint32_t count) {
    if (len == 0 || memchr(key, 0, len) != NULL || count == 0)
        return NM_OK;
    /* JudySL wants a NUL-terminated key: copy short keys on the stack. */
    char small[256];
    char *k = len < sizeof small ? small : malloc(len + 1);
    if (!k)
        return NM_ERR_NOMEM;
    memcpy(k, key, len);
    k[len] = 0;
    JError_t je;
    PPvoid_t pv = JudySLIns(&b->judy, (const uint8_t *)k, &je);
    if (k != small)
        free(k);
    if (pv == PPJERR)
        return NM_ERR_NOMEM;
    Word_t *cnt = (Word_t *)pv;
    if (*cnt + count > UINT32_MAX)
        return NM_ERR_INVALID;
    *cnt += count;
    if (len > b->max_key)
        b->max_key = len;
    return NM_OK;
}

int nm__df_builder_absorb(nm__df_builder *b, const nm__df_builder *o) {
    uint8_t *idx = malloc(o->max_key + 1);
    if (!idx)
        return NM_ERR_NOMEM;
    idx[0] = 0;
    int rc = NM_OK;
    JError_t je;
    for (PPvoid_t pv = JudySLFirst(o->judy, idx, &je); rc == NM_OK && pv && pv != PPJERR;
         pv = JudySLNext(o->judy, idx, &je))
        rc = nm__df_builder_add(b, (const char *)idx, strlen((const char *)idx),
                                (uint32_t) * (Word_t *)pv);
    free(idx);
    b->docs += o->docs;
    return rc;
}

int nm__df_builder_merge(nm__df_builder *b, const nm__dfmodel *m, nm_error *err) {
    if (m->docs > UINT64_MAX - b->docs) /* the sum would wrap to fewer documents than a df */
        return nm__fail(err, NM_ERR_INVALID, "df models' document counts pass 2^64-1");
    for (uint32_t i = 0; i < m->nterms; i++) {
        nm_str k;
        uint32_t df;
        if (nm__dfmodel_term(m, i, &k, &df) != NM_OK)
            return nm__fail(err, NM_ERR_MODEL,
                            "corrupt df model at key %u (its offsets, hash slot or order)", i);
        int rc = nm__df_builder_add(b, k.ptr, k.len, df);
        if (rc == NM_ERR_INVALID)
            return nm__fail(err, rc, "df of \"%.*s\" passes 2^32-1 documents", (int)k.len, k.ptr);
        if (rc != NM_OK)
            return nm__fail(err, rc, "out of memory merging df models");
    }
    b->docs += m->docs;
    return NM_OK;
}

int nm__df_builder_write(const nm__df_builder *b, uint32_t min_df, nm__buf *out, nm_error *err) {
    int rc = NM_ERR_NOMEM;
    uint8_t *idx = malloc(b->max_key + 1);
    uint32_t *offs = NULL, *dfs = NULL;
    size_t n = 0, cap = 0;
    uint64_t blob_len = 0;
    nm__buf blob = {0};
    if (!idx)
        goto fail;
    /* Pass 1: collect kept keys in order into a temporary blob. */
    idx[0] = 0;
    JError_t je;
    for (PPvoid_t pv = JudySLFirst(b->judy, idx, &je); pv && pv != PPJERR;
         pv = JudySLNext(b->judy, idx, &je)) {
        Word_t c = *(Word_t *)pv;
        if (c < min_df)
            continue;
        size_t klen = strlen((const char *)idx);
        if (n + 1 >= cap) {
            size_t ncap = cap ? cap * 2 : 1024;
            uint32_t *o2 = realloc(offs, (ncap + 1) * sizeof *o2);
            if (!o2)
                goto fail;
            offs = o2;
            uint32_t *d2 = realloc(dfs, ncap * sizeof *d2);
            if (!d2)
                goto fail;
            dfs = d2;
            cap = ncap;
        }
        if (blob_len + klen > UINT32_MAX) {
            rc = nm__fail(err, NM_ERR_INVALID, "df model keys exceed 4 GiB");
            goto fail_quiet;
        }
        offs[n] = (uint32_t)blob_len;
        dfs[n] = (uint32_t)c;
        if (nm__buf_append(&blob, idx, klen) != 0)
            goto fail;
        blob_len += klen;
        n++;
    }
    if (n >= UINT32_MAX / 4) {
        rc = nm__fail(err, NM_ERR_INVALID, "df model has too many keys (%zu)", n);
        goto fail_quiet;
    }
    if (!offs && !(offs = malloc(sizeof *offs)))
        goto fail;
    offs[n] = (uint32_t)blob_len;
    uint32_t nslots = 1;
    while (nslots < 2 * n + 1)
        nslots <<= 1;
    size_t total = HDR_BYTES + (size_t)SLOT2 * nslots + 4 * (n + 1) + (size_t)blob_len;
    if (nm__buf_reserve(out, total) != 0)
        goto fail;
    uint8_t *p = (uint8_t *)out->ptr + out->len;
    memcpy(p, "NMDF", 4);
    wr32(p + 4, NM__DF_VERSION);
    wr64(p + 8, b->docs);
    wr32(p + 16, (uint32_t)n);
    wr32(p + 20, nslots);
    wr64(p + 24, blob_len);
    /* The slots, filled in key order (so the bytes depend on the key set alone), then the
     * offsets and the keys. */
    uint8_t *slot = p + HDR_BYTES;
    memset(slot, 0, (size_t)SLOT2 * nslots);
    for (size_t i = 0; i < n; i++) {
        uint32_t klen = offs[i + 1] - offs[i];
        uint64_t h = df_hash(blob.ptr + offs[i], klen);
        uint32_t at = (uint32_t)h & (nslots - 1);
        while (rd32(slot + (size_t)SLOT2 * at + 12) != 0) /* klen 0: empty (keys are not) */
            at = (at + 1) & (nslots - 1);
        uint8_t *e = slot + (size_t)SLOT2 * at;
        wr32(e, (uint32_t)(h >> 32));
        wr32(e + 4, dfs[i]);
        wr32(e + 8, offs[i]);
        wr32(e + 12, klen);
    }
    p = slot + (size_t)SLOT2 * nslots;
    for (size_t i = 0; i <= n; i++, p += 4)
        wr32(p, offs[i]);
    if (blob_len)
        memcpy(p, blob.ptr, (size_t)blob_len);
    out->len += total;
    rc = NM_OK;
    goto done;
fail:
    rc = nm__fail(err, NM_ERR_NOMEM, "out of memory writing the df model");
fail_quiet:
done:
    free(idx);
    free(offs);
    free(dfs);
    nm__buf_free(&blob);
    return rc;
}
