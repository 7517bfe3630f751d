/*
 * error.c — status code texts, entity type names, exact decimal printing: the small shared
 * vocabulary of the public API.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "newsmine/annotation.h"
#include "newsmine/error.h"
#include "entity_types.h"
#include "fail.h"

const char *nm_strerror(int code) {
    switch (code) {
    case NM_OK: return "success";
    case NM_ERR_NOMEM: return "out of memory";
    case NM_ERR_INVALID: return "invalid argument";
    case NM_ERR_IO: return "input/output error";
    case NM_ERR_CLOSED: return "end of stream";
    case NM_ERR_CANCELLED: return "cancelled";
    case NM_ERR_TIMEOUT: return "timed out";
    case NM_ERR_JSON: return "not a JSON object";
    case NM_ERR_UTF8: return "invalid UTF-8";
    case NM_ERR_FIELD: return "missing or non-string text field";
    case NM_ERR_TOO_BIG: return "document too large";
    case NM_ERR_MODEL: return "malformed model or lexicon";
    case NM_ERR_REGEX: return "regular expression error";
    case NM_ERR_LIMIT: return "match limit reached";
    case NM_ERR_INTERNAL: return "internal error";
    default: return "unknown error";
    }
}

void nm_error_clear(nm_error *err) {
    if (err == NULL)
        return;
    err->code = NM_OK;
    err->msg[0] = '\0';
    err->doc = UINT64_MAX;
    err->pos = UINT64_MAX;
}

int nm__fail(nm_error *err, int code, const char *fmt, ...) {
    if (err != NULL) {
        nm_error_clear(err);
        err->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

const char *nm_entity_type_name(int type) {
    switch (type) {
#define NM__TYPE_CASE(name)                                                                        \
    case NM_ENT_##name:                                                                            \
        return #name;
        NM__ENTITY_TYPES(NM__TYPE_CASE)
#undef NM__TYPE_CASE
    default:
        return NULL;
    }
}

int nm_decimal_format(nm_decimal v, int negative, char *buf, size_t cap) {
    char digits[24];
    int nd = 0;
    uint64_t m = v.mant;
    int32_t exp = v.exp;
    /* Drop trailing zeros of a fractional value: {50, -2} prints as 0.5. */
    while (exp < 0 && m != 0 && m % 10 == 0) {
        m /= 10;
        exp++;
    }
    do {
        digits[nd++] = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (v.mant == 0)
        exp = 0, negative = 0;
    negative = negative != 0; /* any true value: one '-' (a flag such as 8, or -1) */
    if (exp > 400 || exp < -400) /* before -exp: INT32_MIN cannot be negated */
        return -1;
    size_t need = (size_t)negative + (size_t)nd + 1;
    if (exp > 0)
        need += (size_t)exp;
    else if (exp < 0)
        need += (size_t)(-exp) + 2;
    if (need > cap)
        return -1;
    size_t o = 0;
    if (negative)
        buf[o++] = '-';
    if (exp >= 0) {
        for (int i = nd - 1; i >= 0; i--)
            buf[o++] = digits[i];
        for (int32_t i = 0; i < exp; i++)
            buf[o++] = '0';
    } else {
        int frac = -exp;
        if (nd <= frac) {
            buf[o++] = '0';
            buf[o++] = '.';
            for (int i = 0; i < frac - nd; i++)
                buf[o++] = '0';
            for (int i = nd - 1; i >= 0; i--)
                buf[o++] = digits[i];
        } else {
            for (int i = nd - 1; i >= frac; i--)
                buf[o++] = digits[i];
            buf[o++] = '.';
            for (int i = frac - 1; i >= 0; i--)
                buf[o++] = digits[i];
        }
    }
    buf[o] = '\0';
    return (int)o;
}
