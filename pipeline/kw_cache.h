/*
 * kw_cache.h — the word -> stem cache that every keywords worker of a pipeline shares.
 *
 * One table of NM__KWC_SLOTS 32-byte entries (4 MB, on 2 MB pages where the system grants
 * them), probed linearly from the word's hash. Each worker once kept a table of its own: a
 * second worker met the whole vocabulary cold again (on Reuters at -j2, 69K misses against
 * ~48K at -j1), paid for zeroing 4 MB more, and looked its misses up in a second, shared table
 * (a pointer chase across cores: 3% of the stage's time at -j2).
 *
 * The table only grows, and an entry never changes once published, so lookups take no lock:
 * an entry's klen is its state. 0: empty (a probe ends there); NM__KWC_CLAIMED: a worker is
 * writing it (others probe past it, as past any other word); else the word's length, stored
 * with release after the rest of the entry, so a reader that loads it with acquire sees the
 * whole entry. A word two workers miss at once may be published twice, in two slots: both say
 * the same, and a lookup finds the first. The table takes words until half its slots are
 * taken (nm__kw_cache_reserve hands out that budget in chunks, so workers do not contend on a
 * counter per word), then stays as it is: a cache, with the corpus' frequent words in it.
 */
#ifndef NM_KW_CACHE_H
#define NM_KW_CACHE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define NM__KWC_SLOTS (1u << 17) /* 64K words at half full, 4 MB */
#define NM__KWC_INLINE 16        /* the longest word (with its stem's own ending) cached */
#define NM__KWC_CLAIMED 0xFFu    /* klen of an entry a worker is writing */

/* A cached stem, stored inline: one cache line per word lookup. */
typedef struct nm__kwc_ent {
    uint32_t hash, shash;  /* hashes of the word and of its stem */
    uint32_t df;           /* the stem's df in the model (as the keywords stage defines it) */
    _Atomic(uint8_t) klen; /* word length once published; 0 empty; NM__KWC_CLAIMED */
    uint8_t plen, sfx;     /* stem = word[0, plen) + b[klen, klen + sfx) */
    uint8_t cls;           /* the keywords stage's word class bits */
    char b[NM__KWC_INLINE]; /* the word, then the stem's own ending */
} nm__kwc_ent;
_Static_assert(sizeof(nm__kwc_ent) == 32, "a cache entry is half a cache line");

typedef struct nm__kw_cache nm__kw_cache;

/** A new empty cache (its pages touched only as entries come). NULL when out of memory. */
nm__kw_cache *nm__kw_cache_new(void);
/** Frees the cache. Accepts NULL. No worker may use it any more. */
void nm__kw_cache_free(nm__kw_cache *c);
/** The cache's NM__KWC_SLOTS entries; valid until nm__kw_cache_free. */
nm__kwc_ent *nm__kw_cache_entries(nm__kw_cache *c);
/** Up to want more entries the calling worker may publish (0 once half the slots are given
 *  out, for good). Thread-safe. */
uint32_t nm__kw_cache_reserve(nm__kw_cache *c, uint32_t want);

/** Entry e's published word length, 0 when empty, NM__KWC_CLAIMED while being written. Once
 *  it returns a length, the rest of e may be read. */
static inline unsigned nm__kwc_klen(const nm__kwc_ent *e) {
    return atomic_load_explicit(&e->klen, memory_order_acquire);
}

/** Takes empty entry e for writing: 1, or 0 when another worker took it first. */
static inline int nm__kwc_claim(nm__kwc_ent *e) {
    uint8_t empty = 0;
    return atomic_compare_exchange_strong_explicit(&e->klen, &empty, (uint8_t)NM__KWC_CLAIMED,
                                                   memory_order_relaxed, memory_order_relaxed);
}

/** Publishes claimed entry e, written in full, as a word of n (1..NM__KWC_INLINE) bytes. */
static inline void nm__kwc_publish(nm__kwc_ent *e, size_t n) {
    atomic_store_explicit(&e->klen, (uint8_t)n, memory_order_release);
}

#endif
