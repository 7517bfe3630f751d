/*
 * ent_lexicon.c — loads the entity gazetteers into one hash table (see ent_lexicon.h).
 *
 * A TSV line "U.S.\tGPE\tUnited States" becomes the key "u.s." (utf8proc NFKC + case fold +
 * strip marks, the same transform the normalizer gives token keys) with entry {GPE, "United
 * States"}; "Prime Minister\tTITLE" (cues.tsv) sets the TITLE cue on "prime minister" and marks
 * "prime" as a prefix. Entries live in malloc'd blocks owned by the lexicon; norms point into the
 * embedded file bytes, which live as long as the program. The table is open addressing with
 * linear probing; each slot holds the key's 32-bit hash tag and its item index, so a probe that
 * misses (most tokens) reads one cache line and compares no key bytes.
 */
#include "ent_lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "data.h"

enum { LEX_BLOCK = 1024, KEY_BLOCK = 1 << 16 };

typedef struct lex_block {
    struct lex_block *next;
    size_t used;
    nm__lex_entry e[LEX_BLOCK];
} lex_block;

/* Key bytes, in blocks that never move. */
typedef struct key_block {
    struct key_block *next;
    size_t used, cap;
    char b[];
} key_block;

typedef struct lex_item {
    const char *key;
    size_t klen;
    nm__lex_entry *e;
} lex_item;

struct nm__lexicon {
    uint64_t *slot;    /* (hash >> 32) << 32 | (item index + 1); 0: empty */
    size_t nslots;     /* a power of two, at least twice the items */
    lex_item *items;
    size_t nitems, itemcap;
    uint8_t lower_first[256]; /* first key bytes of names written in lower case */
    uint64_t lower_len[256];  /* per first byte: bit min(length, 63) of such first words */
    lex_block *blocks; /* newest first */
    key_block *keys;   /* newest first */
    size_t entries;
};

/* 64-bit hash of a short key, 8 bytes at a time: low bits pick the slot, high bits are the tag. */
static uint64_t key_hash(const char *s, size_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ ((uint64_t)n * 0xff51afd7ed558ccdull);
    while (n >= 8) {
        uint64_t v;
        memcpy(&v, s, 8);
        h = (h ^ v) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
        s += 8;
        n -= 8;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)(uint8_t)s[i] << (8 * i);
    h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 32;
    return h;
}

static void set_err(nm_error *err, int code, const char *msg, const char *what) {
    if (err == NULL)
        return;
    err->code = code;
    snprintf(err->msg, sizeof err->msg, "%s%s%s", msg, what ? ": " : "", what ? what : "");
    err->doc = UINT64_MAX;
    err->pos = UINT64_MAX;
}

nm__lexicon *nm__lexicon_new(void) { return calloc(1, sizeof(nm__lexicon)); }

void nm__lexicon_free(nm__lexicon *lx) {
    if (lx == NULL)
        return;
    free(lx->slot);
    free(lx->items);
    while (lx->keys) {
        key_block *k = lx->keys;
        lx->keys = k->next;
        free(k);
    }
    while (lx->blocks) {
        lex_block *b = lx->blocks;
        lx->blocks = b->next;
        free(b);
    }
    free(lx);
}

static nm__lex_entry *new_entry(nm__lexicon *lx) {
    if (lx->blocks == NULL || lx->blocks->used == LEX_BLOCK) {
        lex_block *b = calloc(1, sizeof *b);
        if (b == NULL)
            return NULL;
        b->next = lx->blocks;
        lx->blocks = b;
    }
    lx->entries++;
    return &lx->blocks->e[lx->blocks->used++];
}

/* Byte equality of short keys: 8 bytes at a time, the tail by overlapping loads (no libc call). */
static int same(const char *a, const char *b, size_t n) {
    if (n >= 8) {
        uint64_t x, y;
        for (size_t i = 0; i + 8 <= n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y)
                return 0;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        uint32_t x1, y1, x2, y2;
        memcpy(&x1, a, 4);
        memcpy(&y1, b, 4);
        memcpy(&x2, a + n - 4, 4);
        memcpy(&y2, b + n - 4, 4);
        return ((x1 ^ y1) | (x2 ^ y2)) == 0;
    }
    if (n == 0)
        return 1;
    return a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1];
}

/* The slot holding key, or the empty slot where it would go. */
static size_t find(const nm__lexicon *lx, const char *key, size_t n, uint64_t h) {
    size_t mask = lx->nslots - 1, i = (size_t)h & mask;
    uint64_t tag = h >> 32 << 32;
    for (;; i = (i + 1) & mask) {
        uint64_t s = lx->slot[i];
        if (s == 0)
            return i;
        if ((s >> 32 << 32) == tag) {
            const lex_item *it = &lx->items[(uint32_t)s - 1];
            if (it->klen == n && same(it->key, key, n))
                return i;
        }
    }
}

/* Doubles the table (rehashing every item); NM_ERR_NOMEM leaves it as it was. */
static int grow(nm__lexicon *lx) {
    size_t ns = lx->nslots ? lx->nslots * 2 : 1024;
    uint64_t *t = calloc(ns, sizeof *t);
    if (t == NULL)
        return NM_ERR_NOMEM;
    for (size_t k = 0; k < lx->nitems; k++) {
        uint64_t h = key_hash(lx->items[k].key, lx->items[k].klen);
        size_t i = (size_t)h & (ns - 1);
        while (t[i])
            i = (i + 1) & (ns - 1);
        t[i] = (h >> 32 << 32) | (uint64_t)(k + 1);
    }
    free(lx->slot);
    lx->slot = t;
    lx->nslots = ns;
    return NM_OK;
}

/* A stable copy of key[0..n) in the key blocks. */
static const char *keep_key(nm__lexicon *lx, const char *key, size_t n) {
    if (lx->keys == NULL || lx->keys->cap - lx->keys->used < n) {
        size_t cap = n > KEY_BLOCK ? n : KEY_BLOCK;
        key_block *b = malloc(sizeof *b + cap);
        if (b == NULL)
            return NULL;
        b->next = lx->keys;
        b->used = 0;
        b->cap = cap;
        lx->keys = b;
    }
    char *p = lx->keys->b + lx->keys->used;
    memcpy(p, key, n);
    lx->keys->used += n;
    return p;
}

/* Finds or creates the entry for key (NUL-terminated); NULL when out of memory. */
static nm__lex_entry *slot(nm__lexicon *lx, const uint8_t *key) {
    const char *k = (const char *)key;
    size_t n = strlen(k);
    if ((lx->nitems + 1) * 2 > lx->nslots && grow(lx) != NM_OK)
        return NULL;
    uint64_t h = key_hash(k, n);
    size_t i = find(lx, k, n, h);
    if (lx->slot[i])
        return lx->items[(uint32_t)lx->slot[i] - 1].e;
    if (lx->nitems == lx->itemcap) {
        size_t cap = lx->itemcap ? lx->itemcap * 2 : 1024;
        lex_item *it = realloc(lx->items, cap * sizeof *it);
        if (it == NULL)
            return NULL;
        lx->items = it;
        lx->itemcap = cap;
    }
    const char *kk = keep_key(lx, k, n);
    nm__lex_entry *e = kk ? new_entry(lx) : NULL;
    if (e == NULL)
        return NULL;
    lx->items[lx->nitems] = (lex_item){kk, n, e};
    lx->nitems++;
    lx->slot[i] = (h >> 32 << 32) | (uint64_t)lx->nitems;
    return e;
}

int nm__lexicon_add(nm__lexicon *lx, const char *name, size_t name_len, int type, unsigned cues,
                    unsigned flags, nm_str norm) {
    utf8proc_uint8_t *key = NULL, small[256];
    utf8proc_ssize_t n;
    size_t a = 0;
    while (a < name_len && (uint8_t)name[a] < 0x80)
        a++;
    if (a == name_len && name_len < sizeof small) {
        /* ASCII (nearly all names): NFKC + case fold + strip marks only lower-cases A-Z, so
         * the start-up skips utf8proc's per-character work */
        for (size_t i = 0; i < name_len; i++)
            small[i] = (utf8proc_uint8_t)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
        small[name_len] = 0;
        key = small;
        n = (utf8proc_ssize_t)name_len;
    } else {
        n = utf8proc_map((const utf8proc_uint8_t *)name, (utf8proc_ssize_t)name_len, &key,
                         UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                             UTF8PROC_STRIPMARK);
        if (n < 0)
            return n == UTF8PROC_ERROR_NOMEM ? NM_ERR_NOMEM : NM_ERR_MODEL;
    }
    /* collapse whitespace runs into one space, trim */
    size_t w = 0;
    for (utf8proc_ssize_t r = 0; r < n; r++) {
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
    int rc = NM_OK;
    if (w == 0)
        goto done;
    /* every proper prefix ending before a space gets the PREFIX flag */
    for (size_t i = 0; i < w; i++) {
        if (key[i] != ' ')
            continue;
        key[i] = 0;
        nm__lex_entry *p = slot(lx, key);
        key[i] = ' ';
        if (p == NULL) {
            rc = NM_ERR_NOMEM;
            goto done;
        }
        p->flags |= NM__LEX_PREFIX;
    }
    nm__lex_entry *e = slot(lx, key);
    if (e == NULL) {
        rc = NM_ERR_NOMEM;
        goto done;
    }
    if (type != 0 && name[0] >= 'a' && name[0] <= 'z') {
        uint8_t *sp = (uint8_t *)memchr(key, ' ', w);
        if (sp)
            *sp = 0;
        nm__lex_entry *f = slot(lx, key);
        if (sp)
            *sp = ' ';
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
    if (key != small)
        free(key);
    return rc;
}

const nm__lex_entry *nm__lexicon_getn(const nm__lexicon *lx, const char *key, size_t len) {
    if (lx->nitems == 0)
        return NULL;
    uint64_t s = lx->slot[find(lx, key, len, key_hash(key, len))];
    return s ? lx->items[(uint32_t)s - 1].e : NULL;
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

void nm__lexicon_stats(const nm__lexicon *lx, size_t *entries, size_t *bytes) {
    size_t nb = 0;
    for (const lex_block *b = lx->blocks; b; b = b->next)
        nb += sizeof *b;
    for (const key_block *k = lx->keys; k; k = k->next)
        nb += sizeof *k + k->cap;
    *entries = lx->entries;
    *bytes = nb + lx->nslots * sizeof *lx->slot + lx->itemcap * sizeof *lx->items;
}

static int type_by_name(const char *s, size_t len) {
    static const struct {
        const char *name;
        int type;
    } map[] = {{"PERSON", NM_ENT_PERSON}, {"NORP", NM_ENT_NORP},   {"FAC", NM_ENT_FAC},
               {"ORG", NM_ENT_ORG},       {"GPE", NM_ENT_GPE},     {"LOC", NM_ENT_LOC},
               {"PRODUCT", NM_ENT_PRODUCT}, {"EVENT", NM_ENT_EVENT},
               {"WORK_OF_ART", NM_ENT_WORK_OF_ART}, {"LAW", NM_ENT_LAW},
               {"LANGUAGE", NM_ENT_LANGUAGE}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strlen(map[i].name) == len && memcmp(map[i].name, s, len) == 0)
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
                if (strstr(file, "places") != NULL)
                    flags |= NM__LEX_MINOR;
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

int nm__lexicon_load(nm__lexicon **out, const char *const *files, nm_error *err) {
    *out = NULL;
    nm__lexicon *lx = nm__lexicon_new();
    if (lx == NULL) {
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
