/*
 * regex.c — PCRE2 (8-bit, JIT) behind regex.h; the only file that includes pcre2.h.
 *
 * Ownership follows PCRE2's own split: nm__regex holds the compiled pcre2_code array (compiled
 * with PCRE2_UTF | PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, then pcre2_jit_compile COMPLETE), shared
 * read-only; nm__regex_worker holds the per-thread pcre2_match_data, JIT stack and match context
 * with its limits. Anchoring is a compile option because PCRE2 10.42's JIT does not support
 * PCRE2_ANCHORED at match time (pcre2_match would silently fall back to the interpreter).
 *   nm__regex_match(w, re, 0, "10:30 a.m. GMT", 14, 0, ov, 1) => 1, ov = {0, 14}
 */
#define PCRE2_CODE_UNIT_WIDTH 8 /* the one place it is defined (STYLE.md) */
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>

#include "regex.h"

struct nm__regex {
    size_t n;
    pcre2_code **code;
    unsigned char *jit; /* per pattern: JIT-compiled */
};

struct nm__regex_worker {
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *stack;
    uint64_t limit_hits;
};

int nm__regex_compile(nm__regex **out, const char *const *patterns, const unsigned *flags,
                      size_t n, nm_error *err) {
    *out = NULL;
    int rc = NM_ERR_NOMEM;
    nm__regex *re = calloc(1, sizeof *re);
    if (re == NULL)
        goto fail;
    re->code = calloc(n ? n : 1, sizeof *re->code);
    re->jit = calloc(n ? n : 1, 1);
    if (re->code == NULL || re->jit == NULL)
        goto fail;
    re->n = n;
    for (size_t k = 0; k < n; k++) {
        uint32_t opt = PCRE2_UTF | PCRE2_NO_UTF_CHECK | PCRE2_ANCHORED;
        if (flags && (flags[k] & NM__RE_CASELESS))
            opt |= PCRE2_CASELESS;
        int ec;
        PCRE2_SIZE eo;
        re->code[k] = pcre2_compile((PCRE2_SPTR)patterns[k], PCRE2_ZERO_TERMINATED, opt, &ec, &eo,
                                    NULL);
        if (re->code[k] == NULL) {
            rc = ec == PCRE2_ERROR_NOMEMORY ? NM_ERR_NOMEM : NM_ERR_REGEX;
            if (err) {
                PCRE2_UCHAR m[160];
                if (pcre2_get_error_message(ec, m, sizeof m) < 0)
                    snprintf((char *)m, sizeof m, "error %d", ec);
                err->code = rc;
                err->pos = (uint64_t)eo;
                snprintf(err->msg, sizeof err->msg, "regex %zu does not compile at offset %zu: %s",
                         k, (size_t)eo, (const char *)m);
            }
            goto fail;
        }
        uint32_t caps = 0;
        pcre2_pattern_info(re->code[k], PCRE2_INFO_CAPTURECOUNT, &caps);
        if (caps + 1 > NM__RE_MAX_GROUPS) {
            rc = NM_ERR_REGEX;
            if (err) {
                err->code = rc;
                err->pos = UINT64_MAX;
                snprintf(err->msg, sizeof err->msg, "regex %zu has %u groups (most %d)", k,
                         (unsigned)caps, NM__RE_MAX_GROUPS - 1);
            }
            goto fail;
        }
        /* no JIT support on this CPU or build: the interpreter gives the same results */
        re->jit[k] = pcre2_jit_compile(re->code[k], PCRE2_JIT_COMPLETE) == 0;
    }
    *out = re;
    return NM_OK;
fail:
    if (rc == NM_ERR_NOMEM && err) {
        err->code = rc;
        err->pos = UINT64_MAX;
        snprintf(err->msg, sizeof err->msg, "out of memory compiling regular expressions");
    }
    nm__regex_free(re);
    return rc;
}

void nm__regex_free(nm__regex *re) {
    if (re == NULL)
        return;
    for (size_t k = 0; re->code && k < re->n; k++)
        pcre2_code_free(re->code[k]);
    free(re->code);
    free(re->jit);
    free(re);
}

int nm__regex_is_jit(const nm__regex *re, size_t k) { return k < re->n && re->jit[k]; }

int nm__regex_worker_create(nm__regex_worker **out, const nm__regex *re, uint32_t match_limit,
                            uint32_t depth_limit) {
    (void)re;
    *out = NULL;
    nm__regex_worker *w = calloc(1, sizeof *w);
    if (w == NULL)
        goto fail;
    w->md = pcre2_match_data_create(NM__RE_MAX_GROUPS, NULL);
    w->mctx = pcre2_match_context_create(NULL);
    /* 32 KiB grows to 256 KiB: ample for short anchored patterns */
    w->stack = pcre2_jit_stack_create(32 * 1024, 256 * 1024, NULL);
    if (w->md == NULL || w->mctx == NULL || w->stack == NULL)
        goto fail;
    pcre2_jit_stack_assign(w->mctx, NULL, w->stack);
    pcre2_set_match_limit(w->mctx, match_limit ? match_limit : 100000);
    pcre2_set_depth_limit(w->mctx, depth_limit ? depth_limit : 1000);
    *out = w;
    return NM_OK;
fail:
    nm__regex_worker_free(w);
    return NM_ERR_NOMEM;
}

void nm__regex_worker_free(nm__regex_worker *w) {
    if (w == NULL)
        return;
    pcre2_match_data_free(w->md);
    pcre2_match_context_free(w->mctx);
    pcre2_jit_stack_free(w->stack);
    free(w);
}

int nm__regex_match(nm__regex_worker *w, const nm__regex *re, size_t k, const char *text,
                    size_t len, size_t off, size_t *ov, size_t ngroups) {
    if (k >= re->n || off > len)
        return NM_ERR_INTERNAL;
    int rc = pcre2_match(re->code[k], (PCRE2_SPTR)text, len, off, PCRE2_NO_UTF_CHECK, w->md,
                         w->mctx);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
        rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT) {
        w->limit_hits++;
        return NM_ERR_LIMIT;
    }
    if (rc == PCRE2_ERROR_NOMEMORY)
        return NM_ERR_NOMEM;
    if (rc < 0)
        return NM_ERR_INTERNAL;
    const PCRE2_SIZE *o = pcre2_get_ovector_pointer(w->md);
    uint32_t pairs = pcre2_get_ovector_count(w->md);
    for (size_t g = 0; g < ngroups && g < NM__RE_MAX_GROUPS; g++) {
        int set = g < pairs && (int)g < rc && o[2 * g] != PCRE2_UNSET;
        ov[2 * g] = set ? (size_t)o[2 * g] : SIZE_MAX;
        ov[2 * g + 1] = set ? (size_t)o[2 * g + 1] : SIZE_MAX;
    }
    return 1;
}

uint64_t nm__regex_limit_hits(const nm__regex_worker *w) { return w->limit_hits; }
