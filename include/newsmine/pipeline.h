/*
 * newsmine/pipeline.h — the streaming pipeline: documents in, annotated records out, in order.
 *
 * A pipeline owns N worker threads, two bounded queues and a fixed pool of records. One thread
 * feeds it (nm_pipeline_push_line / _push_text), another takes records out in input order
 * (nm_pipeline_next), renders or reads them, and gives them back (nm_pipeline_release). Feeding
 * blocks while every pooled record is in flight: memory is bounded by the pool, not the corpus.
 *
 *   nm_pipeline *p = nm_pipeline_create(&opts, &err);
 *   feeder thread:   nm_pipeline_push_line(p, "in.jsonl", 1, line, len); ... nm_pipeline_finish(p);
 *   consumer thread: while (nm_pipeline_next(p, &rec) == NM_OK) { write(rec); nm_pipeline_release(p, rec); }
 *   nm_pipeline_destroy(p);
 */
#ifndef NEWSMINE_PIPELINE_H
#define NEWSMINE_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "annotation.h"
#include "error.h"
#include "options.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nm_pipeline nm_pipeline;
typedef struct nm_record nm_record;

/**
 * Loads the resources (lexicons, patterns, df model) and starts the workers.
 * Returns the pipeline (caller frees with nm_pipeline_destroy()) or NULL with err filled.
 */
NM_API nm_pipeline *nm_pipeline_create(const nm_options *opts, nm_error *err);

/**
 * Feeds one jsonl line (without its newline; copied). source and line_no name it for ids of
 * records without one ("in.jsonl:12") and for error messages. Blocks while the pool is empty
 * or while the records in flight (pushed, not yet released) hold more than max(16 MiB, 4 MiB x
 * threads) of input; a document alone always passes, as does one whose only company in flight
 * is records the consumer holds (taken, not yet released), so the consumer must keep calling
 * nm_pipeline_next() and nm_pipeline_release() from another thread. Returns NM_OK, NM_ERR_CANCELLED after nm_pipeline_abort(), or NM_ERR_NOMEM.
 * Call from one feeding thread at a time.
 */
NM_API int nm_pipeline_push_line(nm_pipeline *p, const char *source, uint64_t line_no,
                                 const char *line, size_t len);

/** Feeds one whole text document with the given id (both copied). As nm_pipeline_push_line(). */
NM_API int nm_pipeline_push_text(nm_pipeline *p, const char *id, const char *text, size_t len);

/**
 * Feeds a record that is already an error (e.g. a line too long to buffer): it comes out in
 * order as {"id": id, "error": msg}. As nm_pipeline_push_line().
 */
NM_API int nm_pipeline_push_error(nm_pipeline *p, const char *id, const char *msg);

/** Says no more input will come; nm_pipeline_next() returns NM_ERR_CLOSED once all are out. */
NM_API int nm_pipeline_finish(nm_pipeline *p);

/**
 * Takes the next record in input order, blocking until it is ready. Returns NM_OK with *out set
 * (borrowed; valid until nm_pipeline_release()), NM_ERR_CLOSED at the end of the stream, or
 * NM_ERR_CANCELLED. Call from one consuming thread.
 */
NM_API int nm_pipeline_next(nm_pipeline *p, nm_record **out);

/**
 * As nm_pipeline_next(), but waits at most ms milliseconds for the next record: then returns
 * NM_ERR_TIMEOUT and the stream goes on (call again); ms 0 only polls. A consumer that
 * buffers its output can flush it then, so that records of a slow stream do not sit in its
 * buffer.
 */
NM_API int nm_pipeline_next_within(nm_pipeline *p, nm_record **out, unsigned ms);

/** Gives a record taken with nm_pipeline_next() back to the pool (and its input bytes back to
 *  the in-flight budget). Thread-safe. Accepts NULL, and ignores a record it does not hold for
 *  the consumer (released already, or another pipeline's). */
NM_API void nm_pipeline_release(nm_pipeline *p, nm_record *rec);

/** Cancels: blocked pushes and nexts return NM_ERR_CANCELLED. Thread- and signal-context safe
 *  apart from the signal part: call it from a normal thread. */
NM_API void nm_pipeline_abort(nm_pipeline *p);

/** Stops and joins the workers and frees everything. Accepts NULL. */
NM_API void nm_pipeline_destroy(nm_pipeline *p);

/** Per-stage totals, valid after the stream ended. */
typedef struct nm_pipeline_stats {
    uint64_t docs, errors, bytes, tokens;
    uint64_t limit_hits;          /* regex match limits hit (matches skipped) */
    double stage_seconds[8];      /* CPU-side wall time summed over workers, by stage index */
    const char *stage_names[8];   /* static names, NULL after the last stage */
} nm_pipeline_stats;

/** Fills st with the totals so far. */
NM_API void nm_pipeline_get_stats(const nm_pipeline *p, nm_pipeline_stats *st);

/** The worker threads p runs: opts.threads, or when that was 0 the CPUs the process may use
 *  (its affinity mask and cgroup CPU quota, not merely the CPUs online). */
NM_API unsigned nm_pipeline_workers(const nm_pipeline *p);

/* ---- reading a record ---------------------------------------------------------------------- */

/** Sequence number of the record in the stream (0-based input order). */
NM_API uint64_t nm_record_seq(const nm_record *rec);
/** The record id as text (a number id as its JSON text). Borrowed; valid until release. */
NM_API nm_str nm_record_id(const nm_record *rec);
/** The document text as read (or repaired). Borrowed; valid until release. */
NM_API nm_str nm_record_text(const nm_record *rec);
/** The error message, or an empty nm_str when the record was processed normally. */
NM_API nm_str nm_record_error(const nm_record *rec);
/** Arrays of annotations; *n receives the count. Borrowed; valid until release. */
NM_API const nm_token *nm_record_tokens(const nm_record *rec, size_t *n);
NM_API const nm_sentence *nm_record_sentences(const nm_record *rec, size_t *n);
NM_API const nm_entity *nm_record_entities(const nm_record *rec, size_t *n);
NM_API const nm_money *nm_record_money(const nm_record *rec, size_t *n);
NM_API const nm_keyword *nm_record_keywords(const nm_record *rec, size_t *n);
/** The record rendered in the pipeline's output format (with its final newline). */
NM_API nm_str nm_record_rendered(const nm_record *rec);

#ifdef __cplusplus
}
#endif
#endif
