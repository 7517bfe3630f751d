/*
 * utf8.h — UTF-8 validation and repair at ingest, so later stages can trust their input.
 *
 * Strict RFC 3629: no overlong forms, no surrogates (ED A0..BF), nothing above U+10FFFF.
 * nm__utf8_check("a\xffb", 3) == 1; repair turns each maximal invalid subpart into U+FFFD
 * (Unicode's "substitution of maximal subparts"): "a\xe2\x82b" -> "a\xef\xbf\xbdb".
 */
#ifndef NM_UTF8_H
#define NM_UTF8_H

#include <stddef.h>

#include "buf.h"

/** Offset of the first invalid byte in p[0..len), or len when all of it is valid UTF-8. */
size_t nm__utf8_check(const char *p, size_t len);

/** Appends p[0..len) to out with every invalid subpart replaced by U+FFFD. NM_OK or NOMEM. */
int nm__utf8_repair(const char *p, size_t len, nm__buf *out);

#endif
