/*
 * ent_lexicon.c — loads the entity gazetteers into one hash table (see ent_lexicon.h).
 *
 * A TSV line "U.S.\tGPE\tUnited States" becomes the key "u.s." (NFKC + case fold + strip
 * marks: nm__normalize's token key, "Łódź" => "lodz", made by it for names beyond Latin-1 and
 * Latin Extended-A letters that are one ASCII letter plus marks) with entry {GPE, "United
 * States"}; "Prime Minister\tTITLE" (cues.tsv) sets the TITLE cue on "prime minister" and marks
 * "prime" as a prefix. Entries live in the index owned by the lexicon, norms in its text
 * pool. Keys are indexed in a flat open-addressing table (linear probing, at most half full) of
 * 16-byte slots {key word, entry}:
 * a lookup by (pointer, length) straight from token keys hashes once, asks a 64 KB bloom filter
 * (most absent keys stop there), then reads one or two slots, whose cache line holds the entry
 * too; a key of at most 7 bytes is compared in the slot. The table, the filter and the key
 * bytes are built once and never change afterwards, so every worker reads them without locks.
 * The build runs at build time (tools/lexgen.c): nm__lexicon_write_image writes these arrays as
 * one image, embedded in the library, and nm__lexicon_view reads them there in place.
 */
#include "ent_lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buf.h"
#include "bytes.h"
#include "data.h"
#include "normalize.h"

/* One slot of the index, 16 bytes (four to a cache line: the table is 64-byte aligned), holding
   its entry itself, so a hit reads one line and no entry array elsewhere. word = 0 marks an
   empty slot. A key of at most 7 bytes is all in word (lex_short: its bytes, byte k at bits
   8k, and its length in the top byte); a longer key's word is 0xFF in the top byte, 24 bits of
   its hash (bits 32-55) and the offset of its bytes in keys (bits 0-31), its length as 4 bytes
   just before them. A lookup compares the whole word (a short key) or its top half, then the
   length and the bytes (a longer key). */
typedef struct lex_slot {
    uint64_t word;
    nm__lex_entry e;
} lex_slot;

enum { LEX_LINE = 64 }; /* the slot table's alignment */
#define LEX_LONG (0xFFull << 56) /* the top byte of a longer key's word */

/* The bloom filter in front of the index: BLOOM_WORDS 64-bit words (64 KB, in a core's L2 where
   the 2 MB index is not), three bits of one word per key. An absent key (two in five lookups)
   usually stops there without touching the index. */
enum { BLOOM_WORDS = 8192 };

/* An entry's canonical name: normtext[off..off + len). */
typedef struct lex_norm {
    uint32_t off, len;
} lex_norm;

/* A lexicon built at run time owns every array below; a prebuilt one (nm__lexicon_view) points
   them into its image, read-only (image is set, nothing is freed and nm__lexicon_add refuses). */
struct nm__lexicon {
    uint64_t *bloom;   /* BLOOM_WORDS words: bloom_bits of every key */
    lex_slot *slot;    /* open addressing, cap a power of two, at most half full */
    void *slot_mem;    /* the block slot lies in */
    size_t slot_huge;  /* its bytes when from nm__zalloc_huge (see slots_new), else 0 */
    size_t cap, used;  /* used: slots holding a key, i.e. entries */
    nm__buf keys;      /* the longer keys' lengths and bytes, back to back */
    lex_norm *norms;   /* entry norm -> canonical name; norms[0] = {0, 0}: none */
    size_t nnorms, normcap;
    nm__buf normtext;  /* the canonical names' bytes, back to back */
    const void *image; /* the prebuilt image read in place, or NULL */
    uint64_t lower_sig[NM__LEX_LSIG_WORDS]; /* nm__lexicon_lower_sigs */
    uint8_t latin[192];       /* U+00C0 + i -> its key, one ASCII byte ("e" for É, "a" for Ā),
                                 or 0 (no one ASCII byte: nm__normalize does that name) */
};

static void set_err(nm_error *err, int code, const char *msg, const char *what) {
    if (err == NULL)
        return;
    err->code = code;
    snprintf(err->msg, sizeof err->msg, "%s%s%s", msg, what ? ": " : "", what ? what : "");
    err->doc = UINT64_MAX;
    err->pos = UINT64_MAX;
}

enum { LEX_SLOTS0 = 1024 };

/* cap empty slots (cap a power of two >= 2), 64-byte aligned, in *mem (to free), or NULL.
   The loaded lexicons' index is 2 MB: an index of whole huge pages is asked for on them
   (nm__zalloc_huge), since its first touch at start-up otherwise costs 512 page faults (~0.6
   ms of the ~4.5 ms load, measured); one huge page takes ~0.1 ms (its fault; fresh pages need
   no memset). A smaller one is calloc'd (fresh zero pages). *huge: the bytes of a huge block,
   else 0; free *mem with slots_free. */
static lex_slot *slots_new(size_t cap, void **mem, size_t *huge) {
    size_t bytes = cap * sizeof(lex_slot);
    *huge = 0;
    if (bytes >= NM__HUGE_PAGE && bytes % NM__HUGE_PAGE == 0) {
        void *h = nm__zalloc_huge(bytes);
        if (h != NULL) {
            *mem = h;
            *huge = bytes;
            return h;
        }
    }
    char *m = calloc(cap + LEX_LINE / sizeof(lex_slot), sizeof(lex_slot));
    *mem = m;
    if (m == NULL)
        return NULL;
    return (lex_slot *)(m + (-(uintptr_t)m & (LEX_LINE - 1)));
}

/* Frees a block of slots_new (huge: the bytes it set). */
static void slots_free(void *mem, size_t huge) {
    if (huge)
        nm__free_huge(mem, huge);
    else
        free(mem);
}

nm__lexicon *nm__lexicon_new(void) {
    nm__lexicon *lx = calloc(1, sizeof(nm__lexicon));
    if (lx == NULL)
        return NULL;
    lx->slot = slots_new(LEX_SLOTS0, &lx->slot_mem, &lx->slot_huge);
    lx->bloom = calloc(BLOOM_WORDS, sizeof *lx->bloom);
    lx->norms = calloc(16, sizeof *lx->norms); /* norms[0]: none */
    if (lx->slot == NULL || lx->bloom == NULL || lx->norms == NULL) {
        slots_free(lx->slot_mem, lx->slot_huge);
        free(lx->bloom);
        free(lx->norms);
        free(lx);
        return NULL;
    }
    lx->nnorms = 1;
    lx->normcap = 16;
    lx->cap = LEX_SLOTS0;
    /* the keys of the accented Latin-1 and Latin Extended-A letters (U+00C0..U+017F, UTF-8
       C3 80..C5 BF), from utf8proc itself (a letter's key is one ASCII letter when its
       decomposition is, as no letter composes with an ASCII one): most non-ASCII names have
       only these (Ā, ī, ş: the transliterated names), and ascii_key folds them */
    for (unsigned i = 0; i < 192; i++) {
        utf8proc_int32_t k[4]; /* the letter decomposed, folded, marks stripped: no malloc */
        int last = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(
            (utf8proc_int32_t)(0xC0 + i), k, 4,
            UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &last);
        if (n == 1 && k[0] > ' ' && k[0] < 0x80) /* one ASCII letter: composing keeps it */
            lx->latin[i] = (uint8_t)k[0];
    }
    return lx;
}

/* Bytes p[0..4) as a little-endian value (one load where the host is little-endian). */
static inline uint64_t le32(const char *p) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
#else
    const uint8_t *q = (const uint8_t *)p;
    return (uint64_t)q[0] | (uint64_t)q[1] << 8 | (uint64_t)q[2] << 16 | (uint64_t)q[3] << 24;
#endif
}

/* p[0..n) as one value with n << 56: for n < 8 every byte, byte k at bits 8k (the first and last
   4 for n of 4-7, the first, middle and last for n of 1-3; 0 for n = 0), which is a short key's
   slot word; for n >= 8 its first and last 4 bytes, a hash input only. Without a branch on n
   (a key's length is no pattern the branch predictor learns): a short key reads a zero buffer
   in place of the bytes it has not. */
static inline uint64_t lex_short(const char *p, size_t n) {
    static const char zero[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    uintptr_t m4 = -(uintptr_t)(n >= 4), m1 = -(uintptr_t)(n >= 1) & ~m4;
    const char *q4 = (const char *)((uintptr_t)zero + (((uintptr_t)p - (uintptr_t)zero) & m4));
    const char *q1 = (const char *)((uintptr_t)zero + (((uintptr_t)p - (uintptr_t)zero) & m1));
    size_t d4 = (n - 4) & m4, i1 = (n / 2) & m1, i2 = (n - 1) & m1;
    return (le32(q4) | le32(q4 + d4) << ((d4 & 3) * 8)) |
           ((uint64_t)(uint8_t)q1[0] | (uint64_t)(uint8_t)q1[i1] << (i1 * 8) |
            (uint64_t)(uint8_t)q1[i2] << (i2 * 8)) |
           (uint64_t)n << 56;
}

/* lex_hash's first steps: a key of n bytes whose first and last 8 are a and b (0 and 0 for
   n < 8). */
static inline uint64_t hash_ends(size_t n, uint64_t a, uint64_t b) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ ((uint64_t)n * 0xff51afd7ed558ccdull);
    h = (h ^ a) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
    h = (h ^ b) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

/* lex_hash's last step, the key's lex_short kv into h. */
static inline uint64_t hash_last(uint64_t h, uint64_t kv) {
    h = (h ^ kv) * 0xff51afd7ed558ccdull;
    return h ^ (h >> 29);
}

/* A 64-bit hash of key p[0..n) (every byte counts) whose lex_short is kv: a key of up to 16
   bytes (nearly all) is hashed without a branch on its length. */
static inline uint64_t lex_hash(const char *p, size_t n, uint64_t kv) {
    static const char zero[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    uintptr_t m8 = -(uintptr_t)(n >= 8);
    const char *q8 = (const char *)((uintptr_t)zero + (((uintptr_t)p - (uintptr_t)zero) & m8));
    uint64_t a, b;
    memcpy(&a, q8, 8);
    memcpy(&b, q8 + ((n - 8) & m8), 8);
    uint64_t h = hash_ends(n, a, b);
    for (size_t k = 8; k + 8 < n; k += 8) { /* the middle of a key of 17+ bytes */
        uint64_t v;
        memcpy(&v, p + k, 8);
        h = (h ^ v) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    return hash_last(h, kv);
}

/* The top half of a longer key's slot word, by its 64-bit hash h (bits 8-31 of it: the slot
   place takes the lowest, the bloom filter bits 33-63). */
static inline uint64_t long_tag(uint64_t h) { return LEX_LONG | (h >> 8 & 0xFFFFFFull) << 32; }

/* The bloom word of a key of 64-bit hash h (its top 13 bits) and its three bits in it (from
   bits 33-50, the hash's well-mixed high half). */
static inline size_t bloom_word(uint64_t h) { return (size_t)(h >> 51); }
static inline uint64_t bloom_bits(uint64_t h) {
    return 1ull << ((h >> 45) & 63) | 1ull << ((h >> 39) & 63) | 1ull << ((h >> 33) & 63);
}

void nm__lexicon_free(nm__lexicon *lx) {
    if (lx == NULL)
        return;
    if (lx->image != NULL) { /* its arrays are the image's, but for the slots' copy */
        slots_free(lx->slot_mem, lx->slot_huge);
        free(lx);
        return;
    }
    nm__buf_free(&lx->normtext);
    slots_free(lx->slot_mem, lx->slot_huge);
    free(lx->bloom);
    nm__buf_free(&lx->keys);
    free(lx->norms);
    free(lx);
}

/* The 64-bit hash of the key a used slot holds (its bytes rebuilt from the word, or read from
   keys), for re-placing it. */
static uint64_t slot_hash_of(const nm__lexicon *lx, const lex_slot *s) {
    uint64_t w = s->word;
    if ((w & LEX_LONG) == LEX_LONG) {
        uint32_t off = (uint32_t)w, n;
        memcpy(&n, lx->keys.ptr + off - 4, 4);
        const char *k = lx->keys.ptr + off;
        return lex_hash(k, n, lex_short(k, n));
    }
    char k[8];
    size_t n = (size_t)(w >> 56);
    for (size_t i = 0; i < n; i++)
        k[i] = (char)(w >> (8 * i));
    return lex_hash(k, n, w);
}

/* Doubles the index (when half full), re-placing every slot by its key's hash. */
static int grow(nm__lexicon *lx) {
    size_t cap = lx->cap * 2;
    void *mem;
    size_t huge;
    lex_slot *v = slots_new(cap, &mem, &huge);
    if (v == NULL)
        return NM_ERR_NOMEM;
    for (size_t i = 0; i < lx->cap; i++) {
        const lex_slot *s = &lx->slot[i];
        if (s->word == 0)
            continue;
        size_t x = slot_hash_of(lx, s) & (cap - 1);
        while (v[x].word)
            x = (x + 1) & (cap - 1);
        v[x] = *s;
    }
    slots_free(lx->slot_mem, lx->slot_huge);
    lx->slot_mem = mem;
    lx->slot_huge = huge;
    lx->slot = v;
    lx->cap = cap;
    return NM_OK;
}

/* Does the longer key of slot word w (LEX_LONG) equal key[0..n)? */
static inline int long_eq(const nm__lexicon *lx, uint64_t w, const char *key, size_t n) {
    uint32_t off = (uint32_t)w, kn;
    memcpy(&kn, lx->keys.ptr + off - 4, 4);
    return kn == n && nm__bytes_eq(lx->keys.ptr + off, key, n);
}

/* The slot of key[0..n) (lex_short kv, 64-bit hash h): the one holding it, or the empty one
   where it would go. */
static inline const lex_slot *find(const nm__lexicon *lx, const char *key, size_t n, uint64_t kv,
                                   uint64_t h) {
    size_t mask = lx->cap - 1;
    uint64_t shortm = -(uint64_t)(n < 8); /* masks, not ?: (compilers branch on that) */
    uint64_t want = (kv & shortm) | (long_tag(h) & ~shortm);
    uint64_t cmp = shortm | 0xFFFFFFFF00000000ull; /* a short key: the whole word */
    for (size_t x = h & mask;; x = (x + 1) & mask) {
        const lex_slot *s = &lx->slot[x];
        uint64_t w = s->word;
        if (w == 0)
            return s;
        if ((w & cmp) == want && (n < 8 || long_eq(lx, w, key, n)))
            return s;
    }
}

/* Stores norm as entry e's canonical name (its bytes copied to normtext, so that the index
   needs no lexicon text: nm__lexicon_write_image). NM_OK or NM_ERR_NOMEM. */
static int set_norm(nm__lexicon *lx, nm__lex_entry *e, nm_str norm) {
    if (lx->nnorms == lx->normcap) {
        if (lx->normcap >= UINT32_MAX / 2)
            return NM_ERR_NOMEM;
        lex_norm *v = realloc(lx->norms, 2 * lx->normcap * sizeof *v);
        if (v == NULL)
            return NM_ERR_NOMEM;
        lx->norms = v;
        lx->normcap *= 2;
    }
    if (norm.len > UINT32_MAX || lx->normtext.len + norm.len > UINT32_MAX ||
        nm__buf_append(&lx->normtext, norm.ptr, norm.len) != NM_OK)
        return NM_ERR_NOMEM;
    lx->norms[lx->nnorms] = (lex_norm){(uint32_t)(lx->normtext.len - norm.len), (uint32_t)norm.len};
    e->norm = (uint32_t)lx->nnorms++;
    if (norm.len && norm.ptr != NULL && norm.ptr[0] >= 'a' && norm.ptr[0] <= 'z')
        e->flags |= NM__LEX_NORM_LOWER;
    return NM_OK;
}

nm_str nm__lexicon_norm(const nm__lexicon *lx, const nm__lex_entry *e) {
    lex_norm n = lx->norms[e->norm];
    return e->norm ? (nm_str){lx->normtext.ptr + n.off, n.len} : (nm_str){NULL, 0};
}

/* The empty slot for a new key[0..n) (lex_short kv, hash h) once the index has doubled (it
   was half full), or NULL when out of memory. Out of line: loading sizes the index at once. */
__attribute__((noinline, cold)) static lex_slot *grow_place(nm__lexicon *lx, const uint8_t *key,
                                                            size_t n, uint64_t kv, uint64_t h) {
    if (grow(lx) != NM_OK)
        return NULL;
    return (lex_slot *)find(lx, (const char *)key, n, kv, h);
}

/* Finds or creates the entry for key[0..n); NULL when out of memory. The entry lives in its
   slot: a later call may move it (when the index grows). Inline in line_insert, its caller
   for each line. */
static inline nm__lex_entry *slot_h(nm__lexicon *lx, const uint8_t *key, size_t n, uint64_t kv,
                                    uint64_t h) {
    if (n == 0 || n > UINT32_MAX / 2 || lx->keys.len + n + 4 > UINT32_MAX)
        return NULL; /* no such key in any lexicon: treated as out of memory */
    lex_slot *s = (lex_slot *)find(lx, (const char *)key, n, kv, h);
    if (s->word != 0)
        return &s->e;
    if (__builtin_expect((lx->used + 1) * 2 > lx->cap, 0) &&
        (s = grow_place(lx, key, n, kv, h)) == NULL)
        return NULL;
    if (n < 8) {
        s->word = kv;
    } else { /* the length, then the bytes */
        if (lx->keys.cap - lx->keys.len < n + 4 && nm__buf_reserve(&lx->keys, n + 4) != NM_OK)
            return NULL;
        uint32_t n32 = (uint32_t)n;
        memcpy(lx->keys.ptr + lx->keys.len, &n32, 4);
        lx->keys.len += 4;
        s->word = long_tag(h) | (uint64_t)lx->keys.len;
        memcpy(lx->keys.ptr + lx->keys.len, key, n);
        lx->keys.len += n;
    }
    lx->used++;
    lx->bloom[bloom_word(h)] |= bloom_bits(h);
    return &s->e;
}

/* slot_h for key[0..n), its lex_short and hash computed here. */
static nm__lex_entry *slot(nm__lexicon *lx, const uint8_t *key, size_t n) {
    uint64_t kv = lex_short((const char *)key, n);
    return slot_h(lx, key, n, kv, lex_hash((const char *)key, n, kv));
}

/* Collapses runs of spaces and tabs in key[0..n) into one space and trims them at both ends, in
   place; returns the new length (key[length] = 0). */
static size_t collapse_spaces(uint8_t *key, size_t n) {
    size_t w = 0;
    for (size_t r = 0; r < n; r++) {
        uint8_t c = key[r];
        if (c == ' ' || c == '\t') {
            if (w > 0 && key[w - 1] != ' ')
                key[w++] = ' ';
        } else {
            key[w++] = c;
        }
    }
    while (w > 0 && key[w - 1] == ' ')
        w--;
    key[w] = 0;
    return w;
}

/* Lower-cases word v (8 ASCII bytes, or 4 and zeros) with SWAR, or returns UINT64_MAX when a
   byte of it is a space, a tab or non-ASCII. */
static inline uint64_t swar_lower(uint64_t v) {
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t sp = v ^ (ones * ' '), tab = v ^ (ones * '\t');
    uint64_t bad = (v | ((sp - ones) & ~sp) | ((tab - ones) & ~tab)) & high;
    if (bad != 0)
        return UINT64_MAX;
    /* bytes < 0x80: the high bit of v + (0x80 - 'A') says c >= 'A', of v + (0x80 - '[') c > 'Z' */
    uint64_t upper = (v + ones * (0x80 - 'A')) & ~(v + ones * (0x80 - '[')) & high;
    return v | upper >> 2;
}

/* The plain prefix of name[0..len) lower-cased into out, eight bytes (or four) at a time: the
   length i of the longest run of whole words (the last one may overlap the one before) with no
   space, tab or non-ASCII byte, out[0..i) = name[0..i) with A-Z lowered. i is len for a plain
   name of 4 bytes or more; a shorter one, or the rest, is ascii_key's byte loop. */
static inline size_t word_lower(const char *name, size_t len, uint8_t *out) {
    if (len >= 8) {
        size_t i = 0;
        for (;;) {
            size_t at = i + 8 <= len ? i : len - 8; /* the last word overlaps */
            uint64_t v;
            memcpy(&v, name + at, 8);
            v = swar_lower(v);
            if (v == UINT64_MAX)
                return at;
            memcpy(out + at, &v, 8);
            if (at + 8 == len)
                return len;
            i = at + 8;
        }
    }
    if (len >= 4) {
        uint32_t a32, b32;
        memcpy(&a32, name, 4);
        memcpy(&b32, name + len - 4, 4);
        uint64_t a = swar_lower(a32), b = swar_lower(b32);
        if (a == UINT64_MAX || b == UINT64_MAX)
            return 0;
        a32 = (uint32_t)a;
        b32 = (uint32_t)b;
        memcpy(out, &a32, 4);
        memcpy(out + len - 4, &b32, 4);
        return len;
    }
    return 0;
}

/* The key of an ASCII name (nearly all names) in out[0..cap), in one pass: NFKC + case fold +
   strip marks only lower-case A-Z there and turn an accented Latin letter into its ASCII
   letter (lx->latin: "é" => "e", "ā" => "a"; no composition crosses such a letter, as it is a starter whose
   marks are stripped), and runs of spaces and tabs become one space, trimmed (what
   collapse_spaces does). Returns its length (out[length] = 0), or SIZE_MAX when the name has
   another non-ASCII byte or does not fit: then nm__normalize makes the key. */
static size_t ascii_key(const nm__lexicon *lx, const char *name, size_t len, uint8_t *out,
                        size_t cap) {
    if (len >= cap)
        return SIZE_MAX;
    size_t i = word_lower(name, len, out);
    size_t w = i; /* name[0..i) had no space, tab or non-ASCII byte: out holds its key */
    int gap = 0;  /* a space or tab is pending */
    for (; i < len; i++) {
        uint8_t c = (uint8_t)name[i];
        if (c >= 0x80) {
            uint8_t c2 = i + 1 < len ? (uint8_t)name[i + 1] : 0;
            if (c < 0xC3 || c > 0xC5 || c2 < 0x80 || c2 > 0xBF ||
                lx->latin[(c - 0xC3) * 64 + (c2 - 0x80)] == 0)
                return SIZE_MAX;
            c = lx->latin[(c - 0xC3) * 64 + (c2 - 0x80)];
            i++;
        }
        if (c == ' ' || c == '\t') {
            gap = 1;
            continue;
        }
        if (gap && w > 0)
            out[w++] = ' ';
        gap = 0;
        out[w++] = (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[w] = 0;
    return w;
}

/* One lexicon line on its way in: the name and what it adds, and its key, made (and its slot
   asked for) a few lines before it is inserted. */
typedef struct lex_line {
    const char *name;
    size_t name_len;
    int type;
    unsigned cues, flags;
    nm_str norm;
    uint8_t *key; /* small, or a malloc'd block the line owns */
    size_t w;     /* key length */
    uint64_t kv, h; /* lex_short and lex_hash of the key (w > 0) */
    int spaces;     /* 0: the key has no space (no prefixes, its first word is all of it) */
    uint8_t small[256];
} lex_line;

/* Makes ln's key from its name (ascii_key, else nm__normalize), its hash, and asks for the cache
   line of its slot. NM_OK, NM_ERR_NOMEM or NM_ERR_MODEL (ln->key is then ln->small). */
static int line_key(const nm__lexicon *lx, lex_line *ln) {
    ln->key = ln->small;
    ln->spaces = 1; /* not known: line_insert looks */
    ln->w = ascii_key(lx, ln->name, ln->name_len, ln->small, sizeof ln->small);
    if (ln->w == SIZE_MAX) {
        /* the token key's own transform (nm__normalize), so that letters it spells out
           ("Łódź" => "lodz", "Sjælland" => "sjaelland") and quotes it unifies match */
        nm__normalizer *nz = nm__normalizer_create();
        nm__arena arena = {NULL};
        nm_str k = {NULL, 0};
        uint8_t *key = NULL;
        int rc = nz == NULL ? NM_ERR_NOMEM
                            : nm__normalize(nz, &arena, ln->name, ln->name_len, 0, NULL, &k);
        if (rc == NM_OK && (key = malloc(k.len + 1)) == NULL)
            rc = NM_ERR_NOMEM;
        if (rc == NM_OK)
            memcpy(key, k.ptr, k.len);
        nm__arena_free(&arena);
        nm__normalizer_destroy(nz);
        if (rc != NM_OK) {
            ln->w = 0;
            return rc;
        }
        ln->key = key;
        ln->w = collapse_spaces(key, k.len);
    }
    ln->kv = lex_short((const char *)ln->key, ln->w);
    ln->h = lex_hash((const char *)ln->key, ln->w, ln->kv);
#if defined(__GNUC__)
    __builtin_prefetch(&lx->slot[ln->h & (lx->cap - 1)], 1);
#endif
    return NM_OK;
}

/* Frees what line_key made for ln. */
static void line_free(lex_line *ln) {
    if (ln->key != ln->small)
        free(ln->key);
    ln->key = ln->small;
}

/* Inserts line ln (its key made): its prefixes, its first word's LOWER flag, its entry. Always
   inline: a call a line (its frame of six saved registers) cost ~15 instructions of ~370. */
static inline __attribute__((always_inline)) int line_insert(nm__lexicon *lx,
                                                            const lex_line *ln) {
    uint8_t *key = ln->key;
    size_t w = ln->w;
    const char *name = ln->name;
    int type = ln->type;
    if (w == 0)
        return NM_OK;
    int rc = NM_OK;
    /* every proper prefix ending before a space gets the PREFIX flag */
    for (const uint8_t *sp = ln->spaces ? memchr(key, ' ', w) : NULL; sp != NULL;
         sp = memchr(sp + 1, ' ', w - (size_t)(sp + 1 - key))) {
        nm__lex_entry *p = slot(lx, key, (size_t)(sp - key));
        if (p == NULL) {
            rc = NM_ERR_NOMEM;
            goto done;
        }
        p->flags |= NM__LEX_PREFIX;
    }
    if (type != 0 && name[0] >= 'a' && name[0] <= 'z') {
        uint8_t *sp = ln->spaces ? (uint8_t *)memchr(key, ' ', w) : NULL;
        nm__lex_entry *f = slot(lx, key, sp ? (size_t)(sp - key) : w);
        if (f == NULL) {
            rc = NM_ERR_NOMEM;
            goto done;
        }
        f->flags |= NM__LEX_LOWER;
        size_t fl = sp ? (size_t)(sp - key) : w;
        uint32_t sg = nm__lexicon_sig32((const char *)key, fl) >> NM__LEX_LSIG_SHIFT;
        lx->lower_sig[sg >> 6] |= 1ull << (sg & 63);
    }
    /* the entry last: an earlier slot call may have moved it (entries live in the index) */
    nm__lex_entry *e = slot_h(lx, key, w, ln->kv, ln->h);
    if (e == NULL) {
        rc = NM_ERR_NOMEM;
        goto done;
    }
    e->cues |= (uint16_t)ln->cues;
    e->flags |= (uint8_t)(ln->flags & (NM__LEX_FIRSTNAME | NM__LEX_NAMEPART));
    if (type != 0 && !(e->flags & NM__LEX_GAZ)) {
        e->type = (uint8_t)type;
        e->flags |= (uint8_t)(NM__LEX_GAZ | (ln->flags & (NM__LEX_CASE | NM__LEX_MINOR)));
        rc = set_norm(lx, e, ln->norm.len ? ln->norm : (nm_str){name, ln->name_len});
    }
done:
    return rc;
}

int nm__lexicon_add(nm__lexicon *lx, const char *name, size_t name_len, int type, unsigned cues,
                    unsigned flags, nm_str norm) {
    if (lx->image != NULL)
        return NM_ERR_INVALID; /* a prebuilt index is read-only */
    lex_line ln;
    ln.name = name;
    ln.name_len = name_len;
    ln.type = type;
    ln.cues = cues;
    ln.flags = flags;
    ln.norm = norm;
    int rc = line_key(lx, &ln);
    if (rc == NM_OK)
        rc = line_insert(lx, &ln);
    line_free(&ln);
    return rc;
}

/* The entry of key[0..len) (lex_short kv, 64-bit hash h), or NULL. */
static inline const nm__lex_entry *get_h(const nm__lexicon *lx, const char *key, size_t len,
                                         uint64_t kv, uint64_t h) {
    uint64_t m = bloom_bits(h);
    if ((lx->bloom[bloom_word(h)] & m) != m)
        return NULL; /* surely absent */
    const lex_slot *s = find(lx, key, len, kv, h);
    /* the entry's norm, which a found name reads next (nm__lexicon_norm): norms[0] for an
       empty slot or no norm, in cache */
    __builtin_prefetch(&lx->norms[s->e.norm]);
    return s->word ? &s->e : NULL;
}

const nm__lex_entry *nm__lexicon_getn_h(const nm__lexicon *lx, const char *key, size_t len,
                                        uint64_t h) {
    return get_h(lx, key, len, lex_short(key, len), h);
}

const nm__lex_entry *nm__lexicon_getn(const nm__lexicon *lx, const char *key, size_t len) {
    uint64_t kv = lex_short(key, len), h = lex_hash(key, len, kv);
    /* the first slot on its way while the filter word comes (both cold in a document's few
       lookups): a hit waits for one miss, not two in a row */
    __builtin_prefetch(&lx->slot[h & (lx->cap - 1)]);
    return get_h(lx, key, len, kv, h);
}

void nm__lexicon_prefetch_tokens(const nm__lexicon *lx, const nm_token *tok, const uint64_t *idx,
                                 size_t n, uint64_t *lhash) {
    size_t mask = lx->cap - 1;
    for (size_t c = 0; c < n; c++) {
        size_t i = idx[c];
        const nm_token *t = &tok[i];
        size_t kl = t->key.len;
        const char *k = t->key.ptr;
        if (__builtin_expect((t->flags & NM_TF_POSSESSIVE) != 0, 0)) /* "reuters'": "reuters" */
            kl = nm__lexicon_poss_stem(k, kl);
        uint64_t h = lex_hash(k, kl, lex_short(k, kl));
        lhash[i] = h;
        /* the filter word and the first slot without waiting for them (a load of the filter
           word here would stall on it as the lookup does); the longer key's bytes come
           later, by nm__lexicon_prefetch_keys */
        __builtin_prefetch(&lx->bloom[bloom_word(h)]);
        __builtin_prefetch(&lx->slot[h & mask]);
    }
}

void nm__lexicon_prefetch_keys(const nm__lexicon *lx, const uint64_t *idx, size_t n,
                               const uint64_t *lhash) {
    size_t mask = lx->cap - 1;
    /* where a slot holds a longer key of its key's tag, that key's length and bytes are what
       the lookup compares next (else the slot again: no branch on that) */
    for (size_t c = 0; c < n; c++) {
        uint64_t h = lhash[idx[c]];
        const lex_slot *s = &lx->slot[h & mask];
        uint64_t w = s->word;
        uintptr_t hit = -(uintptr_t)((w & 0xFFFFFFFF00000000ull) == long_tag(h));
        uintptr_t kp = (uintptr_t)lx->keys.ptr + (uint32_t)w - 4; /* used only for a long key */
        __builtin_prefetch((const void *)((uintptr_t)s + ((kp - (uintptr_t)s) & hit)));
    }
}

const nm__lex_entry *nm__lexicon_get(const nm__lexicon *lx, const char *key) {
    return nm__lexicon_getn(lx, key, strlen(key));
}

const uint64_t *nm__lexicon_lower_sigs(const nm__lexicon *lx) { return lx->lower_sig; }

void nm__lexicon_stats(const nm__lexicon *lx, size_t *entries, size_t *bytes) {
    *entries = lx->used;
    *bytes = lx->keys.len + lx->cap * sizeof *lx->slot + lx->nnorms * sizeof *lx->norms +
             lx->normtext.len;
}

static int type_by_name(const char *s, size_t len) {
#define TYPE_NAME(n, t) {n, sizeof n - 1, t}
    static const struct {
        const char *name;
        size_t len; /* of name: no strlen per lexicon line */
        int type;
    } map[] = {TYPE_NAME("PERSON", NM_ENT_PERSON), TYPE_NAME("NORP", NM_ENT_NORP),
               TYPE_NAME("FAC", NM_ENT_FAC),       TYPE_NAME("ORG", NM_ENT_ORG),
               TYPE_NAME("GPE", NM_ENT_GPE),       TYPE_NAME("LOC", NM_ENT_LOC),
               TYPE_NAME("PRODUCT", NM_ENT_PRODUCT), TYPE_NAME("EVENT", NM_ENT_EVENT),
               TYPE_NAME("WORK_OF_ART", NM_ENT_WORK_OF_ART), TYPE_NAME("LAW", NM_ENT_LAW),
               TYPE_NAME("LANGUAGE", NM_ENT_LANGUAGE)};
#undef TYPE_NAME
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].len == len && memcmp(map[i].name, s, len) == 0)
            return map[i].type;
    return 0;
}

unsigned nm__lexicon_cue_bit(const char *s, size_t len) {
    static const char *const names[] = {"TITLE", "ORG", "LAW", "EVENT",
                                        "FAC",   "LOC", "GPE", "LANGUAGE",
                                        "GEOPREFIX", "COMMON", "OPENER", "EVENTPREFIX",
                                        "FIRMOPENER"};
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
            return 1u << i;
    return 0;
}

/* An acronym: 2-5 bytes, letters all upper case (dots allowed), so it must match all-caps text. */
static int is_acronym(const char *s, size_t len) {
    if (len < 2 || len > 6)
        return 0;
    int letters = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] >= 'A' && s[i] <= 'Z')
            letters++;
        else if (s[i] != '.' && s[i] != '&' && !(s[i] >= '0' && s[i] <= '9'))
            return 0;
    }
    return letters >= 2;
}

/* line_key for a name of n = 1-15 bytes with 16 bytes readable at it, in one 16-byte pass when
   it is plain (ASCII, no space at its ends, no two in a row: its key is the name with A-Z
   lowered, what ascii_key makes of it), its lex_short and hash from the zero-padded key without
   lex_short's byte picks. Returns 0 (ln untouched) for another name: line_key does it. */
static inline int line_key16(const nm__lexicon *lx, lex_line *ln, size_t n) {
#ifdef __SSE2__
    static const uint8_t keep[32] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                     0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    __m128i v = _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)ln->name),
                              _mm_loadu_si128((const __m128i *)(const void *)(keep + 16 - n)));
    unsigned hi = (unsigned)_mm_movemask_epi8(v);
    unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
    if ((hi | (sp & (sp >> 1 | 1u | 1u << (n - 1)))) != 0)
        return 0;
    __m128i up = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                               _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
    v = _mm_add_epi8(v, _mm_and_si128(up, _mm_set1_epi8(0x20)));
    _mm_storeu_si128((__m128i *)(void *)ln->small, v);
    ln->key = ln->small;
    ln->w = n;
    ln->spaces = sp != 0;
    /* n < 8: lex_short is the bytes (zeros above), the hash's ends 0; else lex_short's first
       and last 4 bytes, the hash's first and last 8 */
    const uint8_t *k = ln->small;
    uint64_t m8 = -(uint64_t)(n >= 8), lo, b;
    uint32_t l4;
    size_t o8 = (n - 8) & m8, o4 = (n - 4) & m8;
    memcpy(&lo, k, 8);
    memcpy(&b, k + o8, 8);
    memcpy(&l4, k + o4, 4);
    uint64_t kl = (uint32_t)lo | (uint64_t)l4 << ((o4 & 3) * 8);
    ln->kv = (lo & ~m8) | (kl & m8) | (uint64_t)n << 56;
    ln->h = hash_last(hash_ends(n, lo & m8, b & m8), ln->kv);
#if defined(__GNUC__)
    __builtin_prefetch(&lx->slot[ln->h & (lx->cap - 1)], 1);
#endif
    return 1;
#else
    (void)lx, (void)ln, (void)n;
    return 0;
#endif
}

/* The line and field ends of a lexicon file p[0..len): bit i of word i / 64 is set where p[i]
   is a newline or a tab (len / 64 + 1 words, the caller frees them), so that a line's fields
   are found by bit scans, not by a memchr call a field. NULL when out of memory. */
static uint64_t *stop_bits(const char *p, size_t len) {
    size_t nw = len / 64 + 1, k = 0;
    uint64_t *bm = malloc(nw * sizeof *bm);
    if (bm == NULL)
        return NULL;
#ifdef __SSE2__
    const __m128i nl = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
    for (; (k + 1) * 64 <= len; k++) {
        uint64_t m = 0;
        for (unsigned j = 0; j < 4; j++) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + k * 64 + j * 16));
            __m128i e = _mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, tab));
            m |= (uint64_t)(uint32_t)_mm_movemask_epi8(e) << (j * 16);
        }
        bm[k] = m;
    }
#endif
    for (; k < nw; k++) {
        uint64_t m = 0;
        for (size_t j = 0; j < 64 && k * 64 + j < len; j++)
            m |= (uint64_t)(p[k * 64 + j] == '\n' || p[k * 64 + j] == '\t') << j;
        bm[k] = m;
    }
    return bm;
}

/* The first newline or tab at or after i in a file of len bytes whose stop_bits are bm, or
   len. */
static inline size_t next_stop(const uint64_t *bm, size_t i, size_t len) {
    size_t wi = i / 64;
    uint64_t w = bm[wi] & (~0ull << (i % 64));
    while (w == 0) {
        if (++wi * 64 >= len)
            return len;
        w = bm[wi];
    }
    return wi * 64 + (size_t)__builtin_ctzll(w);
}

/* Lines whose keys are made before the line LEX_AHEAD earlier is inserted: the cache lines of
   their slots (a random place in 2 MB each, fresh pages that no cache holds yet at start-up)
   are fetched meanwhile, not one after another. 16 lines ahead is no faster. */
enum { LEX_AHEAD = 8 };

int nm__lexicon_load_text(nm__lexicon *lx, const char *file, const char *p, size_t len,
                          nm_error *err) {
    lex_line ring[LEX_AHEAD];
    size_t made = 0, done = 0; /* lines whose keys are made; of them, lines inserted */
    int rc = NM_OK;
    int is_first = strstr(file, "first_names") != NULL;
    int is_cue = strstr(file, "cues") != NULL;
    int is_part = strstr(file, "name_parts") != NULL;
    unsigned minor = strstr(file, "places") != NULL ? NM__LEX_MINOR : 0;
    uint64_t *bm = stop_bits(p, len);
    if (bm == NULL) {
        rc = NM_ERR_NOMEM;
        goto fail;
    }
    for (size_t i = 0; i < len;) {
        /* the line's first three tab-separated fields (the third up to its tab, if any) */
        size_t s0 = next_stop(bm, i, len), le = s0;
        const char *f[3] = {p + i, NULL, NULL};
        size_t fl[3] = {s0 - i, 0, 0};
        int nf = 1;
        if (s0 < len && p[s0] == '\t') {
            size_t s1 = next_stop(bm, s0 + 1, len);
            f[1] = p + s0 + 1;
            fl[1] = s1 - s0 - 1;
            nf = 2;
            le = s1;
            if (s1 < len && p[s1] == '\t') {
                size_t s2 = next_stop(bm, s1 + 1, len);
                f[2] = p + s1 + 1;
                fl[2] = s2 - s1 - 1;
                nf = 3;
                for (le = s2; le < len && p[le] == '\t';)
                    le = next_stop(bm, le + 1, len);
            }
        }
        size_t at = i; /* the name's offset */
        i = le + 1;
        lex_line *ln = &ring[made % LEX_AHEAD];
        ln->name = f[0]; /* field by field: ln->small is not cleared */
        ln->name_len = fl[0];
        ln->type = 0;
        ln->cues = ln->flags = 0;
        ln->norm = (nm_str){NULL, 0};
        if (is_part && fl[0] > 0) {
            ln->flags = NM__LEX_NAMEPART;
        } else if (nf >= 2 && fl[0] > 0) {
            if (is_cue) {
                if ((ln->cues = nm__lexicon_cue_bit(f[1], fl[1])) == 0)
                    continue;
            } else {
                ln->type = type_by_name(f[1], fl[1]);
                ln->flags = is_acronym(f[0], fl[0]) ? NM__LEX_CASE : 0;
                if (is_first) {
                    ln->type = 0;
                    ln->flags = NM__LEX_FIRSTNAME;
                }
                ln->flags |= minor;
                ln->norm = (nm_str){nf > 2 ? f[2] : NULL, nf > 2 ? fl[2] : 0};
            }
        } else {
            continue;
        }
        made++;
        if (!(fl[0] < 16 && len - at >= 16 && line_key16(lx, ln, fl[0])) &&
            (rc = line_key(lx, ln)) != NM_OK)
            goto fail;
        if (made - done == LEX_AHEAD) { /* the oldest line goes in */
            lex_line *old = &ring[done++ % LEX_AHEAD];
            rc = line_insert(lx, old);
            line_free(old);
            if (rc != NM_OK)
                goto fail;
        }
    }
    for (; done < made; done++) {
        lex_line *old = &ring[done % LEX_AHEAD];
        rc = line_insert(lx, old);
        line_free(old);
        if (rc != NM_OK)
            goto fail;
    }
    free(bm);
    return NM_OK;
fail:
    for (; done < made; done++)
        line_free(&ring[done % LEX_AHEAD]);
    free(bm);
    set_err(err, rc, "cannot load lexicon", file);
    return rc;
}

/* Sizes the empty index of lx for n keys at once (a line is about one key), so loading does
   not double and re-place it seven times on the way. */
static int reserve(nm__lexicon *lx, size_t n) {
    size_t cap = lx->cap;
    while ((n + 1) * 2 > cap)
        cap *= 2;
    if (cap == lx->cap || lx->used != 0)
        return NM_OK;
    void *mem;
    size_t huge;
    lex_slot *v = slots_new(cap, &mem, &huge);
    if (v == NULL)
        return NM_ERR_NOMEM;
    slots_free(lx->slot_mem, lx->slot_huge);
    lx->slot_mem = mem;
    lx->slot_huge = huge;
    lx->slot = v;
    lx->cap = cap;
    return NM_OK;
}

int nm__lexicon_load(nm__lexicon **out, const char *const *files, nm_error *err) {
    *out = NULL;
    nm__lexicon *lx = nm__lexicon_new();
    size_t lines = 0, bytes = 0;
    for (size_t i = 0; lx != NULL && files[i]; i++) {
        size_t len = 0;
        const char *p = nm__data_get(files[i], &len);
        for (size_t k = 0; p != NULL && k < len;) { /* byte counters: loops that vectorize */
            size_t m = len - k < 255 ? len - k : 255;
            uint8_t c = 0;
            for (size_t j = 0; j < m; j++)
                c += p[k + j] == '\n';
            lines += c;
            k += m;
        }
        bytes += p != NULL ? len : 0;
    }
    /* room for the longer keys at once (about 2/5 of the files' bytes here; more still grows
       it): no doubling copies while loading */
    if (lx == NULL || reserve(lx, lines) != NM_OK ||
        nm__buf_reserve(&lx->keys, bytes / 2) != NM_OK) {
        nm__lexicon_free(lx);
        set_err(err, NM_ERR_NOMEM, "out of memory loading lexicons", NULL);
        return NM_ERR_NOMEM;
    }
    for (size_t i = 0; files[i]; i++) {
        size_t len;
        const char *p = nm__data_get(files[i], &len);
        if (p == NULL) {
            nm__lexicon_free(lx);
            set_err(err, NM_ERR_INVALID, "lexicon not embedded", files[i]);
            return NM_ERR_INVALID;
        }
        int rc = nm__lexicon_load_text(lx, files[i], p, len, err);
        if (rc != NM_OK) {
            nm__lexicon_free(lx);
            return rc;
        }
    }
    *out = lx;
    return NM_OK;
}

const char *const nm__lexicon_files[] = {
    "lexicons/countries.tsv", "lexicons/nationalities.tsv", "lexicons/orgs.tsv",
    "lexicons/regions.tsv",   "lexicons/places.tsv",        "lexicons/first_names.tsv",
    "lexicons/name_parts.tsv", "lexicons/cues.tsv",         "lexicons/products.tsv", NULL};

/* The prebuilt index image (nm__lexicon_write_image): this head, then at 64-byte aligned
   offsets (image_layout) the slots, the bloom filter, the lower-case signatures, the norms, the
   longer keys and the norms' text, each as the lexicon holds them. All in the host's byte order:
   check, the hash of LEX_CHECK_KEY, tells an image hashed elsewhere. */
typedef struct lex_image_head {
    char magic[8];
    uint64_t check;
    uint64_t cap, used, nnorms, keys_len, text_len, size; /* size: the image's bytes */
} lex_image_head;

static const char LEX_MAGIC[8] = {'N', 'M', 'L', 'E', 'X', 'I', 'X', '1'};
#define LEX_CHECK_KEY "newsmine lexicon index: the same hash"

/* Rounds n up to the image's alignment (LEX_LINE). */
static size_t line_up(size_t n) { return (n + LEX_LINE - 1) & ~(size_t)(LEX_LINE - 1); }

/* The offsets of the parts of an image of head h in off[0..6) (slots, bloom, signatures, norms,
   keys, text) and off[6], its size; 0 when the counts overflow. */
static size_t image_layout(const lex_image_head *h, size_t off[7]) {
    const size_t max = SIZE_MAX / 4;
    if (h->cap > max / sizeof(lex_slot) || h->nnorms > max / sizeof(lex_norm) ||
        h->keys_len > max || h->text_len > max)
        return 0;
    off[0] = line_up(sizeof *h);
    off[1] = off[0] + line_up((size_t)h->cap * sizeof(lex_slot));
    off[2] = off[1] + line_up(BLOOM_WORDS * sizeof(uint64_t));
    off[3] = off[2] + line_up(NM__LEX_LSIG_WORDS * sizeof(uint64_t));
    off[4] = off[3] + line_up((size_t)h->nnorms * sizeof(lex_norm));
    off[5] = off[4] + line_up((size_t)h->keys_len);
    off[6] = off[5] + line_up((size_t)h->text_len);
    return off[6];
}

int nm__lexicon_write_image(const nm__lexicon *lx, nm__buf *out) {
    lex_image_head h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, LEX_MAGIC, sizeof h.magic);
    h.check = lex_hash(LEX_CHECK_KEY, sizeof LEX_CHECK_KEY - 1,
                       lex_short(LEX_CHECK_KEY, sizeof LEX_CHECK_KEY - 1));
    h.cap = lx->cap;
    h.used = lx->used;
    h.nnorms = lx->nnorms;
    h.keys_len = lx->keys.len;
    h.text_len = lx->normtext.len;
    size_t off[7];
    if ((h.size = image_layout(&h, off)) == 0 || nm__buf_reserve(out, h.size) != NM_OK)
        return NM_ERR_NOMEM;
    char *p = out->ptr + out->len;
    memset(p, 0, h.size); /* the padding too: the same lexicon, the same bytes */
    memcpy(p, &h, sizeof h);
    memcpy(p + off[0], lx->slot, lx->cap * sizeof *lx->slot);
    memcpy(p + off[1], lx->bloom, BLOOM_WORDS * sizeof *lx->bloom);
    memcpy(p + off[2], lx->lower_sig, sizeof lx->lower_sig);
    memcpy(p + off[3], lx->norms, lx->nnorms * sizeof *lx->norms);
    if (lx->keys.len)
        memcpy(p + off[4], lx->keys.ptr, lx->keys.len);
    if (lx->normtext.len)
        memcpy(p + off[5], lx->normtext.ptr, lx->normtext.len);
    out->len += h.size;
    return NM_OK;
}

int nm__lexicon_view(nm__lexicon **out, const void *img, size_t len, nm_error *err) {
    *out = NULL;
    lex_image_head h;
    size_t off[7];
    if (img == NULL || len < sizeof h || ((uintptr_t)img & (LEX_LINE - 1)) != 0)
        goto bad;
    memcpy(&h, img, sizeof h);
    if (memcmp(h.magic, LEX_MAGIC, sizeof h.magic) != 0 || h.size != len ||
        image_layout(&h, off) != len || h.cap < 2 || (h.cap & (h.cap - 1)) != 0 ||
        h.used * 2 > h.cap || h.nnorms == 0 || h.keys_len > UINT32_MAX ||
        h.check != lex_hash(LEX_CHECK_KEY, sizeof LEX_CHECK_KEY - 1,
                            lex_short(LEX_CHECK_KEY, sizeof LEX_CHECK_KEY - 1)))
        goto bad;
    nm__lexicon *lx = calloc(1, sizeof *lx);
    if (lx == NULL) {
        set_err(err, NM_ERR_NOMEM, "out of memory loading lexicons", NULL);
        return NM_ERR_NOMEM;
    }
    /* the image's arrays, read in place: lookups never write, nm__lexicon_add refuses (the
       casts drop a const that every use keeps). But for the slots: 2 MB probed at random, on
       the library's 4 KB pages they cost a TLB miss a lookup, so they are copied to a huge
       page (slots_new; ~0.2 ms). Reuters, 11 idle-gated rounds: -j1 0.3968 -> 0.3886 s,
       -j2 0.2205 -> 0.2162 s. */
    const char *p = img;
    lx->image = img;
    lx->slot = slots_new((size_t)h.cap, &lx->slot_mem, &lx->slot_huge);
    if (lx->slot == NULL) {
        free(lx);
        set_err(err, NM_ERR_NOMEM, "out of memory loading lexicons", NULL);
        return NM_ERR_NOMEM;
    }
    memcpy(lx->slot, p + off[0], (size_t)h.cap * sizeof(lex_slot));
    lx->bloom = (uint64_t *)(uintptr_t)(p + off[1]);
    memcpy(lx->lower_sig, p + off[2], sizeof lx->lower_sig);
    lx->norms = (lex_norm *)(uintptr_t)(p + off[3]);
    lx->keys.ptr = (char *)(uintptr_t)(p + off[4]);
    lx->normtext.ptr = (char *)(uintptr_t)(p + off[5]);
    lx->cap = (size_t)h.cap;
    lx->used = (size_t)h.used;
    lx->nnorms = (size_t)h.nnorms;
    lx->keys.len = (size_t)h.keys_len;
    lx->normtext.len = (size_t)h.text_len;
    *out = lx;
    return NM_OK;
bad:
    set_err(err, NM_ERR_MODEL, "prebuilt lexicon index is malformed or built for another machine",
            NULL);
    return NM_ERR_MODEL;
}

const nm__lex_entry *nm__lexicon_next(const nm__lexicon *lx, size_t *i, nm_str *key,
                                      char buf[8]) {
    for (size_t x = *i; x < lx->cap; x++) {
        uint64_t w = lx->slot[x].word;
        if (w == 0)
            continue;
        *i = x + 1;
        if ((w & LEX_LONG) == LEX_LONG) {
            uint32_t n;
            memcpy(&n, lx->keys.ptr + (uint32_t)w - 4, 4);
            *key = (nm_str){lx->keys.ptr + (uint32_t)w, n};
        } else {
            size_t n = (size_t)(w >> 56);
            for (size_t k = 0; k < n; k++)
                buf[k] = (char)(w >> (8 * k));
            *key = (nm_str){buf, n};
        }
        return &lx->slot[x].e;
    }
    *i = lx->cap;
    return NULL;
}
