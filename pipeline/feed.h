/*
 * feed.h — batched hand-off for the library's own feeder (reader.c).
 *
 * A feeder that pushes one record at a time wakes an idle worker per record. The reader knows
 * when more input is at hand (the rest of a chunk it has read), so it lets the pipeline hold the
 * records it submits and hand them over in batches (up to 32), flushing before it reads again:
 * a line from a pipe or terminal still reaches the workers as soon as it is read. Feeder only.
 */
#ifndef NM_FEED_H
#define NM_FEED_H

#include "newsmine/pipeline.h"

/** While on, records pushed are held and handed to the workers in batches: when 32 are held
 *  (the first batches of a pipeline: 1, 2, 4, 8, 16), when the feeder would wait (for free
 *  records or the in-flight byte budget), at
 *  nm__pipeline_flush() and at nm_pipeline_finish(). Turning it off does not flush. */
void nm__pipeline_hold(nm_pipeline *p, int on);
/** Hands the held records to the workers now. NM_OK, or the error the push would have given. */
int nm__pipeline_flush(nm_pipeline *p);
/** Stops the input from any thread (nm_pipeline_finish() is the feeder's): the records pushed
 *  so far are still processed and come out; later pushes fail with NM_ERR_CLOSED and records
 *  the feeder holds then are dropped (the reader holds none while it waits to read). */
void nm__pipeline_stop_input(nm_pipeline *p);
/** Asks the feeder to stop, from any thread: its next push fails with NM_ERR_CANCELLED, and its
 *  nm_pipeline_finish() then hands over the records it holds, so every record pushed before
 *  comes out. A feeder blocked in a read does not see it: nm__pipeline_stop_input() then. */
void nm__pipeline_ask_stop(nm_pipeline *p);

#endif
