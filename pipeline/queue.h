/*
 * queue.h — bounded, blocking, closable multi-producer/multi-consumer queue of pointers.
 *
 * push blocks while the queue is full (backpressure), pop blocks while it is empty; after
 * nm__queue_close() pushes fail with NM_ERR_CLOSED and pops drain what is left, then return
 * NM_ERR_CLOSED. nm__queue_cancel() wakes everybody at once with NM_ERR_CANCELLED. Batch calls
 * move several items per lock hand-off. A mutex and two condition variables: simple and, at
 * news-document granularity (~1 µs of locking per ~20 µs of work), not the bottleneck.
 */
#ifndef NM_QUEUE_H
#define NM_QUEUE_H

#include <stddef.h>
#include <time.h>

typedef struct nm__queue nm__queue;

/** Makes a queue holding at most capacity (>= 1) items. Caller frees with nm__queue_destroy(). */
nm__queue *nm__queue_create(size_t capacity);
/** Frees the queue (items still in it are not freed). Accepts NULL. */
void nm__queue_destroy(nm__queue *q);

/** Pushes one item, blocking while full. NM_OK, NM_ERR_CLOSED or NM_ERR_CANCELLED. */
int nm__queue_push(nm__queue *q, void *item);
/** Pushes items[0..n) in order, blocking as needed; ownership passes item by item.
 *  Returns NM_OK or the error of nm__queue_push (items before it were pushed). */
int nm__queue_push_many(nm__queue *q, void *const *items, size_t n);
/** nm__queue_push_many() that also says how many items it pushed (*pushed; on an error, the
 *  items from items[*pushed] on are still the caller's). */
int nm__queue_push_counted(nm__queue *q, void *const *items, size_t n, size_t *pushed);
/** Pops one item into *item, blocking while empty. NM_OK, NM_ERR_CLOSED or NM_ERR_CANCELLED. */
int nm__queue_pop(nm__queue *q, void **item);
/** Pops between 1 and max items into items, blocking while empty; *n receives the count.
 *  NM_OK, NM_ERR_CLOSED (closed and drained) or NM_ERR_CANCELLED. */
int nm__queue_pop_many(nm__queue *q, void **items, size_t max, size_t *n);
/** Like nm__queue_pop_many, but sleeps until at least min items are queued (or the queue is
 *  closed or cancelled): one wake-up per batch instead of per item. min > 1 only when one
 *  thread alone pops this queue. */
int nm__queue_pop_range(nm__queue *q, void **items, size_t min, size_t max, size_t *n);
/** nm__queue_pop_range() that gives up at deadline (CLOCK_REALTIME; NULL: never) with
 *  NM_ERR_TIMEOUT and nothing popped. A deadline already past polls: no wait, no futex call. */
int nm__queue_pop_until(nm__queue *q, void **items, size_t min, size_t max, size_t *n,
                        const struct timespec *deadline);
/** No more pushes; pops drain then report NM_ERR_CLOSED. Idempotent. */
void nm__queue_close(nm__queue *q);
/** Wakes all waiters; every later call returns NM_ERR_CANCELLED. Idempotent. */
void nm__queue_cancel(nm__queue *q);
/** Items currently queued (a snapshot). */
size_t nm__queue_size(nm__queue *q);

#endif
