/*
 * record.h — the record a document becomes as it flows through the stages (internal layout).
 *
 * A record is pooled: the feeder fills its input (a raw jsonl line, a text document, or a
 * ready error), a worker decodes it (decode.c) and runs the stages over it, each appending
 * annotations; the worker renders it (render.c); the consumer writes it and releases it, which
 * resets it in O(1) for the next document. All strings hang off the record arena.
 */
#ifndef NM_RECORD_H
#define NM_RECORD_H

#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "newsmine/annotation.h"
#include "newsmine/pipeline.h"

/** What the feeder put into the record. */
typedef enum nm__input_kind {
    NM__IN_LINE = 1,  /* raw holds one jsonl line */
    NM__IN_TEXT = 2,  /* raw holds a whole text document; id is set */
    NM__IN_ERROR = 3  /* error and id are set already */
} nm__input_kind;

/** Pass-through meta fields, in output order. */
enum { NM__META_TITLE, NM__META_DATE, NM__META_URL, NM__META_SOURCE, NM__META_COUNT };

/** Bytes of zero padding kept after raw input (simdjson reads up to 64 bytes past the end). */
#define NM__INPUT_PADDING 64

struct nm_record {
    uint64_t seq;              /* input order, 0-based */
    nm__arena arena;           /* owns every string below that is not in raw */

    /* input, set by the feeder */
    nm__input_kind kind;
    nm__buf raw;               /* line or text bytes, followed by NM__INPUT_PADDING zero bytes */
    const char *source;        /* input name (arena) */
    uint64_t line_no;          /* 1-based line in source (jsonl) */
    size_t charged;            /* input bytes counted against the pipeline's in-flight budget */
    int with_consumer;         /* handed out by nm_pipeline_next(), not yet released */

    /* the decoded document */
    nm_str id;                 /* id as text: a number id as its JSON text */
    int id_is_string;          /* 1: render id quoted; 0: render as a JSON number */
    nm_str text;               /* the document text (raw bytes or arena copy) */
    int text_repaired;         /* invalid UTF-8 was replaced: render text in the record */
    nm_str meta_raw[NM__META_COUNT]; /* each meta field as JSON text (escaped), or empty */
    nm_str meta[NM__META_COUNT];     /* each meta field decoded when a string, else empty */
    nm_str title;              /* = meta[NM__META_TITLE]: the decoded title, empty when none */
    nm_str date;               /* = meta[NM__META_DATE]: the decoded date, empty when none */
    int32_t date_ymd;          /* date read (nm__record_date_ymd): 0 not yet, -1 none, yyyymmdd */
    nm_str error;              /* set when the record is rejected: rendered as {"id","error"} */

    /* annotations, appended by the stages in order */
    NM__VEC(nm_token) tokens;
    NM__VEC(nm_sentence) sentences;
    NM__VEC(nm_money) money;
    NM__VEC(nm_entity) entities;
    NM__VEC(nm_keyword) keywords;

    nm__buf out;               /* the rendered record, with its newline */
};

/** Marks rec rejected with a printf message (arena-owned). Returns NM_OK or NM_ERR_NOMEM. */
int nm__record_fail(nm_record *rec, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A pooled record keeps its buffers between documents (its arena's chunk, input and output
 * bytes, annotation arrays) only while together they hold at most NM__RECORD_KEEP_BYTES, and
 * else gives them all back. A cap on the sum, not on each buffer, so that what a pool holds
 * between documents is what ordinary documents need, not the peak of the rarest long one it met:
 * with each buffer kept up to 1 MiB, peak RSS at -j16 grew with the corpus (generated 100 MB ->
 * 1 GB: 315 -> 394 MB; benchmarks/README.md, eleventh session). */
#define NM__RECORD_KEEP_BYTES ((size_t)128 << 10)

/** Empties rec for reuse, keeping its buffers' capacity while their sum is at most
 *  NM__RECORD_KEEP_BYTES, else freeing them all. */
void nm__record_reset(nm_record *rec);
/** Frees rec's storage (not rec itself). Accepts NULL. */
void nm__record_free(nm_record *rec);

#endif
