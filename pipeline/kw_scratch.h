/*
 * kw_scratch.h — what a keywords worker keeps between documents.
 *
 * An extractor's per-document buffers (token facts, candidates and their table, stems and
 * keys, the lists that rank and select) grow to the longest document it met. A worker gives
 * them all back after a document once together they hold more than NM__KW_KEEP_BYTES, as a
 * pooled record does (record.h): what it keeps is what ordinary documents need (KPCrowd's
 * longest article, 37 KB: ~1 MB), not the peak of the rarest long one (2 MB of text: ~33 MB).
 */
#ifndef NM_KW_SCRATCH_H
#define NM_KW_SCRATCH_H

#include <stddef.h>

#include "dfmodel.h"

#define NM__KW_KEEP_BYTES ((size_t)2 << 20) /* documents up to ~70 KB of text; per worker */

/** Bytes x's per-document buffers hold now (their capacity), for tests and trimming. */
size_t nm__kw_scratch_bytes(const nm__kw_extractor *x);

#endif
