/*
 * arena.h — per-record bump allocator.
 *
 * Every annotation string of a record (normalized keys, entity norms, error messages) lives in
 * the record's arena and is freed all at once by nm__arena_reset() when the record goes back to
 * the pool. Reset keeps the largest chunk, so a warmed-up pool allocates nothing per record.
 */
#ifndef NM_ARENA_H
#define NM_ARENA_H

#include <stddef.h>

typedef struct nm__arena_chunk nm__arena_chunk;

typedef struct nm__arena {
    nm__arena_chunk *head; /* newest chunk first */
} nm__arena;

/** Returns n bytes aligned to 8, owned by the arena; NULL when out of memory. */
void *nm__arena_alloc(nm__arena *a, size_t n);
/** Copies len bytes and a NUL into the arena; NULL when out of memory. */
char *nm__arena_strndup(nm__arena *a, const char *s, size_t len);
/** printf into the arena; NULL when out of memory. */
char *nm__arena_printf(nm__arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Frees everything allocated since the last reset, keeping one chunk for reuse. */
void nm__arena_reset(nm__arena *a);
/** Frees all chunks. Accepts NULL. */
void nm__arena_free(nm__arena *a);
/** Bytes of the chunk a reset arena keeps for reuse (0 when none). */
size_t nm__arena_kept(const nm__arena *a);

#endif
