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
    void *p = aligned_alloc(NM__HUGE_PAGE, bytes);
    if (p == NULL)
        return NULL;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    (void)madvise(p, bytes, MADV_HUGEPAGE); /* a hint: refused, the pages stay 4 KB */
#endif
    memset(p, 0, bytes);
    return p;
}

int nm__vec_reserve(void **v, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap)
        return NM_OK;
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
