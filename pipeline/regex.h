/*
 * regex.h — the one PCRE2 wrapper (regex.c is the only file that includes pcre2.h).
 *
 * A pattern set is compiled once at stage load (UTF, JIT complete, anchored) and shared read-only
 * by every worker; each worker owns a nm__regex_worker (match data, JIT stack, a match context
 * with match and depth limits). Matches are anchored at a byte offset a token rule picked:
 *   set {"(\\d+)\\s*(km|miles)\\b"}, "40 km away" at 0 => 1 match, group 0 = [0,5), 2 = [3,5)
 * A limit hit is not an error for the caller: it is skipped and counted in the worker.
 * See pcre2api(3), pcre2jit(3) ("Controlling the JIT stack", multithreading rules).
 */
#ifndef NM_REGEX_H
#define NM_REGEX_H

#include <stddef.h>
#include <stdint.h>

#include "newsmine/error.h"

typedef struct nm__regex nm__regex;               /* compiled patterns, read-only once built */
typedef struct nm__regex_worker nm__regex_worker; /* one worker's match state */

/** Compile flags of one pattern (PCRE2_UTF and PCRE2_ANCHORED are always set). */
enum { NM__RE_CASELESS = 1 };

/** Most capture groups a pattern may have (ovector pairs the worker keeps). */
#define NM__RE_MAX_GROUPS 16

/**
 * Compiles n patterns (flags[k] = NM__RE_* bits, or flags NULL) and JIT-compiles each one
 * (the interpreter is used where JIT is unavailable). On a bad pattern returns NM_ERR_REGEX with
 * err->msg naming the pattern number, PCRE2's message and err->pos the offset in the pattern;
 * NM_ERR_NOMEM on allocation failure. Caller frees *out with nm__regex_free().
 */
int nm__regex_compile(nm__regex **out, const char *const *patterns, const unsigned *flags,
                      size_t n, nm_error *err);

/** Frees a pattern set. Accepts NULL. */
void nm__regex_free(nm__regex *re);

/** Whether pattern k was JIT-compiled (1) or runs in the interpreter (0). */
int nm__regex_is_jit(const nm__regex *re, size_t k);

/**
 * Creates one worker's match state for re with the given match limit and depth limit
 * (0 = defaults: 100000 and 1000). Caller frees with nm__regex_worker_free(). Not shareable
 * between threads; re may be shared by any number of workers.
 */
int nm__regex_worker_create(nm__regex_worker **out, const nm__regex *re, uint32_t match_limit,
                            uint32_t depth_limit);

/** Frees a worker state. Accepts NULL. */
void nm__regex_worker_free(nm__regex_worker *w);

/**
 * Matches pattern k anchored at text[off] (text[0, len) is valid UTF-8, not re-checked; off at a
 * character start). Returns 1 on a match, with group g's span in ov[2g], ov[2g+1] (byte offsets
 * into text; both SIZE_MAX for an unset group) for g < ngroups (at most NM__RE_MAX_GROUPS);
 * 0 when the pattern does not match; NM_ERR_LIMIT when the match, depth, heap or JIT stack limit
 * was hit (also counted, see nm__regex_limit_hits); NM_ERR_NOMEM when PCRE2 ran out of memory;
 * NM_ERR_INTERNAL for any other PCRE2 error or a bad k / off.
 */
int nm__regex_match(nm__regex_worker *w, const nm__regex *re, size_t k, const char *text,
                    size_t len, size_t off, size_t *ov, size_t ngroups);

/** Matches that hit a limit and were skipped since the worker was created. */
uint64_t nm__regex_limit_hits(const nm__regex_worker *w);

#endif
