/*
 * render.h — turning an annotated record into output bytes, in the worker threads.
 *
 * nm__render() appends the record in the pipeline's format to rec->out (with final newline):
 *   jsonl    {"id":"x","meta":{...},"stats":{...},"entities":[...],"money":[...],"keywords":[...]}
 *   es-bulk  {"index":{"_index":"news","_id":"x"}}\n + the jsonl record
 *   tsv      one row per annotation (render_tsv.c)
 * An error record renders as {"id":...,"error":"..."} (tsv: one row of kind "error").
 */
#ifndef NM_RENDER_H
#define NM_RENDER_H

#include "buf.h"
#include "newsmine/options.h"
#include "record.h"

/** Appends rec rendered per opts->format to rec->out. NM_OK or NM_ERR_NOMEM. */
int nm__render(nm_record *rec, const nm_options *opts);

/** Appends s as a JSON string (quotes included): escapes ", \, control bytes; UTF-8 passes. */
int nm__json_put_str(nm__buf *b, const char *s, size_t len);

/** Writes x exactly as printf's "%.4g" does into out (32 bytes at least), without printf for
 *  the keyword-score range; returns the length written (no NUL is promised). */
int nm__format_score(double x, char *out);

/** Writes x exactly as printf's "%.*g" with precision prec does into out (32 bytes at least),
 *  without printf in [1e-4, 10) for prec 1..6; returns the length written (no NUL). */
int nm__format_g(double x, int prec, char *out);

/** The index of the first byte of d[0, len) that mask_of (which returns a bit per byte of the
 *  16 at its argument) flags, or len: 16 bytes at a time, reading up to 15 bytes past len,
 *  which the caller's buffer must hold (their bits are masked off). Inline, so mask_of is too. */
static inline size_t nm__first_flagged(const char *d, size_t len,
                                       unsigned (*mask_of)(const char *)) {
    for (size_t i = 0; i < len; i += 16) {
        unsigned mask = mask_of(d + i);
        if (len - i < 16)
            mask &= (1u << (len - i)) - 1u;
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
    }
    return len;
}

/** Appends the jsonl record (no newline). */
int nm__render_jsonl(const nm_record *rec, const nm_options *opts, nm__buf *b);

/** Appends the tsv rows of rec (each ending in a newline). Implemented in render_tsv.c. */
int nm__render_tsv(const nm_record *rec, nm__buf *b);

#endif
