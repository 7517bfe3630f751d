/*
 * fail.h — the one way library code reports an error with a message:
 *   return nm__fail(err, NM_ERR_MODEL, "%s: bad header", path);
 * fills err (when not NULL) with the code and the formatted message, and returns the code.
 */
#ifndef NM_FAIL_H
#define NM_FAIL_H

#include "newsmine/error.h"

/** Fills err (may be NULL) with code and a printf message (no position); returns code. */
int nm__fail(nm_error *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
