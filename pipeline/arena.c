/*
 * arena.c — chunked bump allocator for per-record data (see arena.h).
 * Chunks grow geometrically (16 KiB, then at least the request); reset keeps the biggest one
 * when it is at most 1 MiB.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct nm__arena_chunk {
    nm__arena_chunk *next;
    size_t cap, used;
    _Alignas(16) unsigned char data[];
};

enum { NM_ARENA_MIN_CHUNK = 16 * 1024, NM_ARENA_KEEP = 1024 * 1024 };

void *nm__arena_alloc(nm__arena *a, size_t n) {
    size_t need = (n + 7) & ~(size_t)7;
    if (need < n)
        return NULL;
    nm__arena_chunk *c = a->head;
    if (c == NULL || c->cap - c->used < need) {
        size_t cap = c ? c->cap * 2 : NM_ARENA_MIN_CHUNK;
        if (cap < need)
            cap = need;
        if (cap > SIZE_MAX - sizeof *c)
            return NULL;
        nm__arena_chunk *fresh = malloc(sizeof *fresh + cap);
        if (fresh == NULL)
            return NULL;
        fresh->cap = cap;
        fresh->used = 0;
        fresh->next = c;
        a->head = c = fresh;
    }
    void *p = c->data + c->used;
    c->used += need;
    return p;
}

char *nm__arena_strndup(nm__arena *a, const char *s, size_t len) {
    char *p = nm__arena_alloc(a, len + 1);
    if (p == NULL)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *nm__arena_printf(nm__arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = nm__arena_alloc(a, (size_t)n + 1);
    if (p == NULL)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void nm__arena_reset(nm__arena *a) {
    /* The head is the newest and therefore the biggest chunk: keep it, free the rest — unless
     * one enormous document made it big, so a pooled record does not hold its peak forever. */
    nm__arena_chunk *c = a->head;
    if (c == NULL)
        return;
    if (c->cap > NM_ARENA_KEEP) {
        nm__arena_free(a);
        return;
    }
    nm__arena_chunk *rest = c->next;
    while (rest) {
        nm__arena_chunk *next = rest->next;
        free(rest);
        rest = next;
    }
    c->next = NULL;
    c->used = 0;
}

void nm__arena_free(nm__arena *a) {
    if (a == NULL)
        return;
    nm__arena_chunk *c = a->head;
    while (c) {
        nm__arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}

size_t nm__arena_kept(const nm__arena *a) { return a->head ? a->head->cap : 0; }
