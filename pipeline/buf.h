/*
 * buf.h — growable byte buffer and typed vectors.
 *
 * nm__buf holds raw input lines and rendered output; it keeps its capacity across records.
 * NM__VEC(T) is a growable array of T used for a record's tokens, entities, money, keywords.
 */
#ifndef NM_BUF_H
#define NM_BUF_H

#include <stddef.h>
#include <string.h>

#include "newsmine/error.h"

typedef struct nm__buf {
    char *ptr;
    size_t len, cap;
} nm__buf;

/** Ensures room for extra more bytes (plus pad zeroed bytes after len). 0 or NM_ERR_NOMEM. */
int nm__buf_reserve(nm__buf *b, size_t extra);
/** Appends len bytes. NM_OK or NM_ERR_NOMEM. Inline: rendering calls it a few times per field. */
static inline int nm__buf_append(nm__buf *b, const void *p, size_t len) {
    if (len == 0)
        return NM_OK;
    if (b->cap - b->len < len && nm__buf_reserve(b, len) != 0)
        return NM_ERR_NOMEM;
    memcpy(b->ptr + b->len, p, len);
    b->len += len;
    return NM_OK;
}
/** Appends a NUL-terminated string (a literal's length folds to a constant when inlined). */
static inline int nm__buf_puts(nm__buf *b, const char *s) {
    return nm__buf_append(b, s, strlen(s));
}
/** Appends one byte. NM_OK or NM_ERR_NOMEM. */
static inline int nm__buf_putc(nm__buf *b, char c) {
    if (b->len == b->cap && nm__buf_reserve(b, 1) != 0)
        return NM_ERR_NOMEM;
    b->ptr[b->len++] = c;
    return NM_OK;
}
/** Frees the storage. Accepts NULL. */
void nm__buf_free(nm__buf *b);

/** bytes zeroed bytes at an address that is a multiple of align (a power of two dividing
 *  bytes; 64 puts each line-sized item on a cache line of its own), for free(); NULL when out of
 *  memory. Every page is touched now, by the zeroing. */
void *nm__zalloc_aligned(size_t align, size_t bytes);

/** Bytes of a huge page (Linux, x86-64): the unit of nm__zalloc_huge. */
#define NM__HUGE_PAGE ((size_t)2 << 20)

/** bytes (a multiple of NM__HUGE_PAGE) zeroed, aligned to a huge page and asked for on huge
 *  pages (madvise MADV_HUGEPAGE) where the system has the hint; where it refuses, ordinary
 *  pages. For a large table read at random, whose 4 KB pages would each cost a TLB miss and a
 *  page fault. Fresh mmap'd memory, zero already: no page is touched until used (a 4 MB memset
 *  per worker at start-up was the keywords stage's whole init). Free it with nm__free_huge(p,
 *  bytes), never free(); NULL when out of memory. */
void *nm__zalloc_huge(size_t bytes);
/** Frees what nm__zalloc_huge(bytes) returned. Accepts NULL. */
void nm__free_huge(void *p, size_t bytes);

/** A growable array of T: v[0..n), capacity cap. Zero-initialise to start empty. */
#define NM__VEC(T)                                                                                 \
    struct {                                                                                       \
        T *v;                                                                                      \
        size_t n, cap;                                                                             \
    }

/** nm__vec_reserve's growth (out of line): *v to hold need > *cap items. 0 or NM_ERR_NOMEM. */
int nm__vec_grow(void **v, size_t *cap, size_t need, size_t elem);

/** Grows *v (of elem-sized items, capacity *cap) to hold need items. 0 or NM_ERR_NOMEM. The
 *  capacity test is inline: stages reserve many vectors a document, nearly always with room. */
static inline int nm__vec_reserve(void **v, size_t *cap, size_t need, size_t elem) {
    return need <= *cap ? NM_OK : nm__vec_grow(v, cap, need, elem);
}

/** Pointer to a new zeroed slot at the end of vec, or NULL when out of memory. */
#define NM__VEC_PUSH(vec)                                                                          \
    (((vec).n < (vec).cap ||                                                                       \
      nm__vec_reserve((void **)&(vec).v, &(vec).cap, (vec).n + 1, sizeof *(vec).v) == 0)          \
         ? memset(&(vec).v[(vec).n++], 0, sizeof *(vec).v)                                         \
         : NULL)

#endif
