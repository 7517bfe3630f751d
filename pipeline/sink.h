/*
 * sink.h — records written by the workers themselves, in order (internal; the CLI's writer).
 *
 * When the workers use every CPU, a consumer thread that takes records out (nm_pipeline_next)
 * and writes them competes with them: each of its wake-ups preempts a worker and evicts its
 * caches (Reuters -j2 on 2 CPUs: ~500 wake-ups of the writer). With a sink there is no such
 * thread: a worker places its finished batch in the reorder window and, when no other worker
 * holds the writer role, takes it and passes every record that is next in order to the sink,
 * looking again before it gives the role up, so records placed meanwhile by the others are
 * written by it too ("combining"). One worker at a time calls the sink; records are released
 * after it returns.
 */
#ifndef NM_SINK_H
#define NM_SINK_H

#include "newsmine/pipeline.h"

/** Writes recs[0..n) (in input order, borrowed for the call) or, with n == 0, is told that
 *  time has passed (nm__pipeline_poke_sink): a sink that buffers may flush then. Returns 0,
 *  or -1 to stop: the pipeline is then aborted (nm_pipeline_abort) and calls it no more. */
typedef int (*nm__sink_fn)(void *user, nm_record *const *recs, size_t n);

/** Makes the workers write every record through fn. Call after nm_pipeline_create(), before
 *  the first push. nm_pipeline_next() then yields no record: it waits (as long as asked) and
 *  returns NM_ERR_CLOSED once every record has gone through the sink, or NM_ERR_CANCELLED. */
void nm__pipeline_set_sink(nm_pipeline *p, nm__sink_fn fn, void *user);

/** Calls the sink with n == 0 now, unless a worker is writing (then nothing is idle); records
 *  that become ready meanwhile are written before it returns. Any thread; NM_OK, or
 *  NM_ERR_CANCELLED when the sink failed (now or before). */
int nm__pipeline_poke_sink(nm_pipeline *p);

#endif
