/*
 * buf.c — growable byte buffers, vector growth and aligned zeroed blocks, on huge pages too
 * (see buf.h).
 * Doubling growth; allocation failure is reported, never fatal.
 */
#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "newsmine/error.h"

int nm__buf_reserve(nm__buf *b, size_t extra) {
    if (b->len + extra < b->len)
        return NM_ERR_NOMEM;
    size_t need = b->len + extra;
    if (need <= b->cap)
        return NM_OK;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return NM_ERR_NOMEM;
        cap *= 2;
    }
    char *p = realloc(b->ptr, cap);
    if (p == NULL)
        return NM_ERR_NOMEM;
    b->ptr = p;
    b->cap = cap;
    return NM_OK;
}

void nm__buf_free(nm__buf *b) {
    if (b == NULL)
        return;
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

void *nm__zalloc_aligned(size_t align, size_t bytes) {
    void *p = aligned_alloc(align, bytes);
    if (p != NULL)
        memset(p, 0, bytes);
    return p;
}

void *nm__zalloc_huge(size_t bytes) {
#if defined(__linux__) && defined(MAP_ANONYMOUS)
    /* Over-ask by one huge page, then give back the unaligned head and the tail. */
    size_t span = bytes + NM__HUGE_PAGE;
    char *m = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return NULL;
    size_t head = -(uintptr_t)m & (NM__HUGE_PAGE - 1);
    if (head)
        munmap(m, head);
    if (span - head - bytes)
        munmap(m + head + bytes, span - head - bytes);
#if defined(MADV_HUGEPAGE)
    (void)madvise(m + head, bytes, MADV_HUGEPAGE); /* a hint: refused, the pages stay 4 KB */
#endif
    return m + head; /* fresh anonymous pages read as zero: no memset, no page touched yet */
#else
    return nm__zalloc_aligned(NM__HUGE_PAGE, bytes);
#endif
}

void nm__free_huge(void *p, size_t bytes) {
    if (p == NULL)
        return;
#if defined(__linux__) && defined(MAP_ANONYMOUS)
    munmap(p, bytes);
#else
    (void)bytes;
    free(p);
#endif
}

int nm__vec_grow(void **v, size_t *cap, size_t need, size_t elem) {
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > SIZE_MAX / 2 / elem)
            return NM_ERR_NOMEM;
        c *= 2;
    }
    void *p = realloc(*v, c * elem);
    if (p == NULL)
        return NM_ERR_NOMEM;
    *v = p;
    *cap = c;
    return NM_OK;
}
