/*
 * ent_lexicon.c — loads the entity gazetteers into one hash table (see ent_lexicon.h).
 *
 * A TSV line "U.S.\tGPE\tUnited States" becomes the key "u.s." (utf8proc NFKC + case fold +
 * strip marks, the same transform the normalizer gives token keys) with entry {GPE, "United
 * States"}; "Prime Minister\tTITLE" (cues.tsv) sets the TITLE cue on "prime minister" and marks
 * "prime" as a prefix. Entries live in malloc'd blocks owned by the lexicon; norms point into the
 * embedded file bytes, which live as long as the program. Keys are indexed in a flat
 * open-addressing table (linear probing, at most half full) of {hash, entry and key length, key
 * or key offset}: a lookup by (pointer, length) straight from token keys hashes once, asks a
 * 64 KB bloom filter (most absent keys stop there), then reads one or two slots; a key of at
 * most 7 bytes is compared in the slot. The table, the filter and the key bytes are built at
 * load time and never change afterwards, so every worker reads them without locks.
 */
#include "ent_lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "bytes.h"
#include "data.h"

enum { LEX_BLOCK = 1024 };

typedef struct lex_block {
    nm__lex_entry e[LEX_BLOCK];
} lex_block;

/* One slot of the index: hash 0 = empty. Its entry is entry number eidx >> 8 and its key is
   klen = eidx & 255 bytes long (255: 255 or more, then the length is checked on the bytes). A
   key of at most 7 bytes is in the slot itself (key = lex_short of it, which holds every
   byte of a key of that length), so a hit reads no key bytes elsewhere; a longer key's bytes
   are keys[key, key + length). A lookup compares hash and length, then the key, then reads the
   entry. */
typedef struct lex_slot {
    uint32_t hash;
    uint32_t eidx;
    uint64_t key;
} lex_slot;

/* The bloom filter in front of the index: BLOOM_WORDS 64-bit words (64 KB, in a core's L2 where
   the 2 MB index is not), three bits of one word per key. An absent key (two in five lookups)
   usually stops there without touching the index. */
enum { BLOOM_WORDS = 8192 };

struct nm__lexicon {
    uint64_t *bloom;   /* BLOOM_WORDS words: bloom_bits of every key */
    lex_slot *slot;    /* open addressing, cap a power of two, at most half full */
    size_t cap, used;
    nm__buf keys;      /* the indexed keys' bytes, back to back */
    uint8_t lower_first[256]; /* first key bytes of names written in lower case */
    uint64_t lower_len[256];  /* per first byte: bit min(length, 63) of such first words */
    uint8_t latin1[64];       /* U+00C0 + i -> its key, one ASCII byte ("e" for É), or 0 */
    lex_block **blocks; /* entry i is blocks[i / LEX_BLOCK]->e[i % LEX_BLOCK] */
    size_t nblocks, blockcap;
    size_t entries;
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

nm__lexicon *nm__lexicon_new(void) {
    nm__lexicon *lx = calloc(1, sizeof(nm__lexicon));
    if (lx == NULL)
        return NULL;
    lx->slot = calloc(LEX_SLOTS0, sizeof *lx->slot);
    lx->bloom = calloc(BLOOM_WORDS, sizeof *lx->bloom);
    if (lx->slot == NULL || lx->bloom == NULL) {
        free(lx->slot);
        free(lx->bloom);
        free(lx);
        return NULL;
    }
    lx->cap = LEX_SLOTS0;
    /* the keys of the accented Latin-1 letters (U+00C0..U+00FF, UTF-8 C3 80..C3 BF), from
       utf8proc itself: most non-ASCII names have only these, and ascii_key folds them */
    for (unsigned i = 0; i < 64; i++) {
        const utf8proc_uint8_t ch[2] = {0xC3, (utf8proc_uint8_t)(0x80 + i)};
        utf8proc_uint8_t *k = NULL;
        utf8proc_ssize_t n = utf8proc_map(ch, 2, &k, UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                         UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
        if (n == 1 && k[0] > ' ' && k[0] < 0x80)
            lx->latin1[i] = k[0];
        free(k); /* n < 0 (out of memory): no entry, utf8proc does that letter's names */
    }
    return lx;
}

/* p[0..n) for n < 8 as one value holding every byte (the first and last 4 from 4 bytes, the
   first, middle and last below; 0 for n = 0); for n >= 8 its first and last 4 bytes. Without a
   branch on n (a key's length is no pattern the branch predictor learns): a short key reads a
   zero buffer in place of the bytes it has not. */
static inline uint64_t lex_short(const char *p, size_t n) {
    static const char zero[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    uintptr_t m4 = -(uintptr_t)(n >= 4), m1 = -(uintptr_t)(n >= 1) & ~m4;
    const char *q4 = (const char *)((uintptr_t)zero + (((uintptr_t)p - (uintptr_t)zero) & m4));
    const char *q1 = (const char *)((uintptr_t)zero + (((uintptr_t)p - (uintptr_t)zero) & m1));
    uint32_t lo, hi;
    memcpy(&lo, q4, 4);
    memcpy(&hi, q4 + ((n - 4) & m4), 4);
    return ((uint64_t)lo | (uint64_t)hi << 32) |
           ((uint64_t)(uint8_t)q1[0] | (uint64_t)(uint8_t)q1[(n / 2) & m1] << 8 |
            (uint64_t)(uint8_t)q1[(n - 1) & m1] << 16);
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
    uint64_t h = 0x9E3779B97F4A7C15ull ^ ((uint64_t)n * 0xff51afd7ed558ccdull);
    h = (h ^ a) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
    h = (h ^ b) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    for (size_t k = 8; k + 8 < n; k += 8) { /* the middle of a key of 17+ bytes */
        uint64_t v;
        memcpy(&v, p + k, 8);
        h = (h ^ v) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    h = (h ^ kv) * 0xff51afd7ed558ccdull;
    return h ^ (h >> 29);
}

/* The 32-bit slot hash of a key of 64-bit hash h (never 0: 0 marks an empty slot). */
static inline uint32_t slot_hash(uint64_t h) { return ((uint32_t)h ^ (uint32_t)(h >> 32)) | 1u; }

/* The bloom word of a key of 64-bit hash h (its top 13 bits) and its three bits in it (from
   bits 33-50, the hash's well-mixed high half). */
static inline size_t bloom_word(uint64_t h) { return (size_t)(h >> 51); }
static inline uint64_t bloom_bits(uint64_t h) {
    return 1ull << ((h >> 45) & 63) | 1ull << ((h >> 39) & 63) | 1ull << ((h >> 33) & 63);
}

void nm__lexicon_free(nm__lexicon *lx) {
    if (lx == NULL)
        return;
    free(lx->slot);
    free(lx->bloom);
    nm__buf_free(&lx->keys);
    for (size_t i = 0; i < lx->nblocks; i++)
        free(lx->blocks[i]);
    free(lx->blocks);
    free(lx);
}

/* Entry number i (i < lx->entries). */
static inline nm__lex_entry *entry_at(const nm__lexicon *lx, uint32_t i) {
    return &lx->blocks[i / LEX_BLOCK]->e[i % LEX_BLOCK];
}

/* A new zeroed entry (number lx->entries - 1 after the call), or NULL when out of memory. */
static nm__lex_entry *new_entry(nm__lexicon *lx) {
    if (lx->entries == lx->nblocks * LEX_BLOCK) {
        if (lx->nblocks == lx->blockcap) {
            size_t cap = lx->blockcap ? 2 * lx->blockcap : 16;
            lex_block **v = realloc(lx->blocks, cap * sizeof *v);
            if (v == NULL)
                return NULL;
            lx->blocks = v;
            lx->blockcap = cap;
        }
        lex_block *b = calloc(1, sizeof *b);
        if (b == NULL)
            return NULL;
        lx->blocks[lx->nblocks++] = b;
    }
    return entry_at(lx, (uint32_t)lx->entries++);
}

/* Doubles the index (when half full), re-placing every slot by its stored hash. */
static int grow(nm__lexicon *lx) {
    size_t cap = lx->cap * 2;
    lex_slot *v = calloc(cap, sizeof *v);
    if (v == NULL)
        return NM_ERR_NOMEM;
    for (size_t i = 0; i < lx->cap; i++) {
        const lex_slot *s = &lx->slot[i];
        if (s->hash == 0)
            continue;
        size_t x = s->hash & (cap - 1);
        while (v[x].hash)
            x = (x + 1) & (cap - 1);
        v[x] = *s;
    }
    free(lx->slot);
    lx->slot = v;
    lx->cap = cap;
    return NM_OK;
}

/* The length of a slot's key of 8+ bytes (kept before its bytes when 255 or more). */
static inline size_t slot_key_len(const nm__lexicon *lx, const lex_slot *s) {
    if ((s->eidx & 255) < 255)
        return s->eidx & 255;
    uint32_t n;
    memcpy(&n, lx->keys.ptr + s->key - 4, 4);
    return n;
}

/* The slot of key[0..n) (lex_short kv, slot hash h): the one holding it, or the empty one
   where it would go. */
static inline const lex_slot *find(const nm__lexicon *lx, const char *key, size_t n, uint64_t kv,
                                   uint32_t h) {
    size_t mask = lx->cap - 1;
    uint32_t kl = n < 255 ? (uint32_t)n : 255;
    for (size_t x = h & mask;; x = (x + 1) & mask) {
        const lex_slot *s = &lx->slot[x];
        if (s->hash == 0)
            return s;
        if (s->hash == h && (s->eidx & 255) == kl &&
            (n < 8 ? s->key == kv
                   : slot_key_len(lx, s) == n && nm__bytes_eq(lx->keys.ptr + s->key, key, n)))
            return s;
    }
}

/* Finds or creates the entry for key[0..n); NULL when out of memory. */
static nm__lex_entry *slot(nm__lexicon *lx, const uint8_t *key, size_t n) {
    if (n > UINT32_MAX / 2 || lx->keys.len + n + 4 > UINT32_MAX || lx->entries >= (1u << 24))
        return NULL; /* no such key in any lexicon: treated as out of memory */
    uint64_t kv = lex_short((const char *)key, n), h64 = lex_hash((const char *)key, n, kv);
    uint32_t h = slot_hash(h64);
    const lex_slot *s = find(lx, (const char *)key, n, kv, h);
    if (s->hash != 0)
        return entry_at(lx, s->eidx >> 8);
    if ((lx->used + 1) * 2 > lx->cap) {
        if (grow(lx) != NM_OK)
            return NULL;
        s = find(lx, (const char *)key, n, kv, h);
    }
    if (lx->keys.cap - lx->keys.len < n + 4 && nm__buf_reserve(&lx->keys, n + 4) != NM_OK)
        return NULL;
    nm__lex_entry *e = new_entry(lx);
    if (e == NULL)
        return NULL;
    lex_slot *w = (lex_slot *)s; /* the empty slot found for the key */
    w->hash = h;
    w->eidx = (uint32_t)(lx->entries - 1) << 8 | (n < 255 ? (uint32_t)n : 255);
    if (n < 8) {
        w->key = kv;
    } else {
        if (n >= 255) { /* the length before the bytes */
            uint32_t n32 = (uint32_t)n;
            memcpy(lx->keys.ptr + lx->keys.len, &n32, 4);
            lx->keys.len += 4;
        }
        w->key = lx->keys.len;
        memcpy(lx->keys.ptr + lx->keys.len, key, n);
        lx->keys.len += n;
    }
    lx->used++;
    lx->bloom[bloom_word(h64)] |= bloom_bits(h64);
    return e;
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

/* The key of an ASCII name (nearly all names) in out[0..cap), in one pass: NFKC + case fold +
   strip marks only lower-case A-Z there and turn an accented Latin-1 letter into its ASCII
   letter (lx->latin1: "é" => "e"; no composition crosses such a letter, as it is a starter whose
   marks are stripped), and runs of spaces and tabs become one space, trimmed (what
   collapse_spaces does). Returns its length (out[length] = 0), or SIZE_MAX when the name has
   another non-ASCII byte or does not fit: then utf8proc makes the key. */
static size_t ascii_key(const nm__lexicon *lx, const char *name, size_t len, uint8_t *out,
                        size_t cap) {
    if (len >= cap)
        return SIZE_MAX;
    size_t w = 0;
    int gap = 0; /* a space or tab is pending */
    for (size_t i = 0; i < len; i++) {
        uint8_t c = (uint8_t)name[i];
        if (c >= 0x80) {
            uint8_t c2 = i + 1 < len ? (uint8_t)name[i + 1] : 0;
            if (c != 0xC3 || c2 < 0x80 || c2 > 0xBF || lx->latin1[c2 - 0x80] == 0)
                return SIZE_MAX;
            c = lx->latin1[c2 - 0x80];
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

int nm__lexicon_add(nm__lexicon *lx, const char *name, size_t name_len, int type, unsigned cues,
                    unsigned flags, nm_str norm) {
    utf8proc_uint8_t small_key[256], *key = small_key;
    size_t w = ascii_key(lx, name, name_len, small_key, sizeof small_key);
    if (w == SIZE_MAX) {
        utf8proc_ssize_t n =
            utf8proc_map((const utf8proc_uint8_t *)name, (utf8proc_ssize_t)name_len, &key,
                         UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                             UTF8PROC_STRIPMARK);
        if (n < 0)
            return n == UTF8PROC_ERROR_NOMEM ? NM_ERR_NOMEM : NM_ERR_MODEL;
        w = collapse_spaces(key, (size_t)n);
    }
    int rc = NM_OK;
    if (w == 0)
        goto done;
    /* every proper prefix ending before a space gets the PREFIX flag */
    for (const uint8_t *sp = memchr(key, ' ', w); sp != NULL;
         sp = memchr(sp + 1, ' ', w - (size_t)(sp + 1 - key))) {
        nm__lex_entry *p = slot(lx, key, (size_t)(sp - key));
        if (p == NULL) {
            rc = NM_ERR_NOMEM;
            goto done;
        }
        p->flags |= NM__LEX_PREFIX;
    }
    nm__lex_entry *e = slot(lx, key, w);
    if (e == NULL) {
        rc = NM_ERR_NOMEM;
        goto done;
    }
    if (type != 0 && name[0] >= 'a' && name[0] <= 'z') {
        uint8_t *sp = (uint8_t *)memchr(key, ' ', w);
        nm__lex_entry *f = slot(lx, key, sp ? (size_t)(sp - key) : w);
        if (f == NULL) {
            rc = NM_ERR_NOMEM;
            goto done;
        }
        f->flags |= NM__LEX_LOWER;
        lx->lower_first[key[0]] = 1;
        size_t fl = sp ? (size_t)(sp - key) : w;
        lx->lower_len[key[0]] |= 1ull << (fl < 63 ? fl : 63);
    }
    e->cues |= (uint16_t)cues;
    e->flags |= (uint16_t)(flags & (NM__LEX_FIRSTNAME | NM__LEX_NAMEPART));
    if (type != 0 && !(e->flags & NM__LEX_GAZ)) {
        e->type = (uint16_t)type;
        e->flags |= NM__LEX_GAZ | (uint16_t)(flags & (NM__LEX_CASE | NM__LEX_MINOR));
        e->norm = norm.len ? norm : (nm_str){name, name_len};
    }
done:
    if (key != small_key)
        free(key);
    return rc;
}

const nm__lex_entry *nm__lexicon_getn(const nm__lexicon *lx, const char *key, size_t len) {
    uint64_t kv = lex_short(key, len), h = lex_hash(key, len, kv), m = bloom_bits(h);
    if ((lx->bloom[bloom_word(h)] & m) != m)
        return NULL; /* surely absent */
    const lex_slot *s = find(lx, key, len, kv, slot_hash(h));
    return s->hash ? entry_at(lx, s->eidx >> 8) : NULL;
}

const nm__lex_entry *nm__lexicon_get(const nm__lexicon *lx, const char *key) {
    return nm__lexicon_getn(lx, key, strlen(key));
}

int nm__lexicon_lower_start(const nm__lexicon *lx, uint8_t first) { return lx->lower_first[first]; }

int nm__lexicon_lower_maybe(const nm__lexicon *lx, const char *key, size_t len) {
    if (len == 0)
        return 0;
    return (lx->lower_len[(uint8_t)key[0]] >> (len < 63 ? len : 63)) & 1;
}

const uint64_t *nm__lexicon_lower_table(const nm__lexicon *lx) { return lx->lower_len; }

void nm__lexicon_stats(const nm__lexicon *lx, size_t *entries, size_t *bytes) {
    size_t nb = lx->nblocks * sizeof(lex_block);
    *entries = lx->entries;
    *bytes = nb + lx->keys.cap + lx->cap * sizeof *lx->slot;
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
                                        "GEOPREFIX", "COMMON", "OPENER", "EVENTPREFIX"};
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

static int load_file(nm__lexicon *lx, const char *file, nm_error *err) {
    size_t len;
    const char *p = nm__data_get(file, &len);
    if (p == NULL) {
        set_err(err, NM_ERR_INVALID, "lexicon not embedded", file);
        return NM_ERR_INVALID;
    }
    int is_first = strstr(file, "first_names") != NULL;
    int is_cue = strstr(file, "cues") != NULL;
    int is_part = strstr(file, "name_parts") != NULL;
    unsigned minor = strstr(file, "places") != NULL ? NM__LEX_MINOR : 0;
    const char *end = p + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *f[3] = {p, NULL, NULL};
        size_t fl[3] = {0, 0, 0};
        int nf = 0;
        const char *q = p;
        while (nf < 3) {
            const char *t = memchr(q, '\t', (size_t)(le - q));
            const char *fe = t ? t : le;
            f[nf] = q;
            fl[nf] = (size_t)(fe - q);
            nf++;
            if (t == NULL)
                break;
            q = t + 1;
        }
        if (is_part && fl[0] > 0) {
            int rc = nm__lexicon_add(lx, f[0], fl[0], 0, 0, NM__LEX_NAMEPART, (nm_str){NULL, 0});
            if (rc != NM_OK) {
                set_err(err, rc, "cannot load lexicon", file);
                return rc;
            }
        } else if (nf >= 2 && fl[0] > 0) {
            int rc;
            if (is_cue) {
                unsigned bit = nm__lexicon_cue_bit(f[1], fl[1]);
                rc = bit ? nm__lexicon_add(lx, f[0], fl[0], 0, bit, 0, (nm_str){NULL, 0}) : NM_OK;
            } else {
                int type = type_by_name(f[1], fl[1]);
                unsigned flags = is_acronym(f[0], fl[0]) ? NM__LEX_CASE : 0;
                if (is_first) {
                    type = 0;
                    flags = NM__LEX_FIRSTNAME;
                }
                flags |= minor;
                rc = nm__lexicon_add(lx, f[0], fl[0], type, 0, flags,
                                     (nm_str){nf > 2 ? f[2] : NULL, nf > 2 ? fl[2] : 0});
            }
            if (rc != NM_OK) {
                set_err(err, rc, "cannot load lexicon", file);
                return rc;
            }
        }
        p = nl ? nl + 1 : end;
    }
    return NM_OK;
}

/* Sizes the empty index of lx for n keys at once (a line is about one key), so loading does
   not double and re-place it seven times on the way. */
static int reserve(nm__lexicon *lx, size_t n) {
    size_t cap = lx->cap;
    while ((n + 1) * 2 > cap)
        cap *= 2;
    if (cap == lx->cap || lx->used != 0)
        return NM_OK;
    lex_slot *v = calloc(cap, sizeof *v);
    if (v == NULL)
        return NM_ERR_NOMEM;
    free(lx->slot);
    lx->slot = v;
    lx->cap = cap;
    return NM_OK;
}

int nm__lexicon_load(nm__lexicon **out, const char *const *files, nm_error *err) {
    *out = NULL;
    nm__lexicon *lx = nm__lexicon_new();
    size_t lines = 0;
    for (size_t i = 0; lx != NULL && files[i]; i++) {
        size_t len;
        const char *p = nm__data_get(files[i], &len);
        for (size_t k = 0; p != NULL && k < len; k++) /* a loop the compiler vectorizes */
            lines += p[k] == '\n';
    }
    if (lx == NULL || reserve(lx, lines) != NM_OK) {
        nm__lexicon_free(lx);
        set_err(err, NM_ERR_NOMEM, "out of memory loading lexicons", NULL);
        return NM_ERR_NOMEM;
    }
    for (size_t i = 0; files[i]; i++) {
        int rc = load_file(lx, files[i], err);
        if (rc != NM_OK) {
            nm__lexicon_free(lx);
            return rc;
        }
    }
    *out = lx;
    return NM_OK;
}
