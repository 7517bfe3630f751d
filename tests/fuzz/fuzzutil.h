/*
 * fuzzutil.h — shared pieces of the libFuzzer targets: a stage chain built once per process,
 * valid-UTF-8 text from arbitrary bytes (the stages' contract: decode has already checked the
 * text), and span invariants checked after every run. A violated invariant aborts, which
 * libFuzzer reports as a crash with the input saved.
 */
#ifndef NM_FUZZUTIL_H
#define NM_FUZZUTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "newsmine.h"
#include "record.h"
#include "stage.h"
#include "utf8.h"

#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);     \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* Stages 0..n of a chain, loaded once (the harness keeps them for the life of the process). */
typedef struct fuzz_chain {
    const nm__stage *stage[5];
    void *shared[5], *state[5];
    size_t n;
} fuzz_chain;

static inline void fuzz_chain_init(fuzz_chain *c, const nm__stage *const *stages, size_t n) {
    nm_options o;
    nm_error err;
    nm_options_default(&o);
    c->n = n;
    for (size_t i = 0; i < n; i++) {
        c->stage[i] = stages[i];
        c->shared[i] = c->state[i] = NULL;
        if (stages[i]->load && stages[i]->load(&c->shared[i], &o, &err) != NM_OK) {
            fprintf(stderr, "load %s: %s\n", stages[i]->name, err.msg);
            abort();
        }
        if (stages[i]->init && stages[i]->init(&c->state[i], c->shared[i], &o, &err) != NM_OK) {
            fprintf(stderr, "init %s: %s\n", stages[i]->name, err.msg);
            abort();
        }
    }
}

/* Makes text valid UTF-8 in *fixed (repairing when needed) and points rec->text at it. */
static inline void fuzz_set_text(nm_record *rec, nm__buf *fixed, const uint8_t *data, size_t size) {
    fixed->len = 0;
    if (nm__utf8_check((const char *)data, size) == size) {
        FUZZ_CHECK(nm__buf_append(fixed, data, size) == NM_OK);
    } else {
        FUZZ_CHECK(nm__utf8_repair((const char *)data, size, fixed) == NM_OK);
    }
    rec->text = (nm_str){fixed->ptr, fixed->len};
}

/* Runs the chain; stops at the first stage that rejects the record. Returns the last status. */
static inline int fuzz_chain_run(fuzz_chain *c, nm_record *rec) {
    nm_error err;
    int rc = NM_OK;
    for (size_t i = 0; i < c->n && rc == NM_OK && rec->error.len == 0; i++)
        rc = c->stage[i]->process(c->state[i], c->shared[i], rec, &err);
    return rc;
}

/* Every annotation span lies inside the text; tokens are ordered and never overlap. */
static inline void fuzz_check_spans(const nm_record *rec) {
    size_t len = rec->text.len;
    uint32_t prev_end = 0;
    for (size_t i = 0; i < rec->tokens.n; i++) {
        const nm_token *t = &rec->tokens.v[i];
        FUZZ_CHECK(t->start < t->end && t->end <= len);
        FUZZ_CHECK(t->start >= prev_end);
        prev_end = t->end;
    }
    for (size_t i = 0; i < rec->sentences.n; i++) {
        const nm_sentence *s = &rec->sentences.v[i];
        FUZZ_CHECK(s->start <= s->end && s->end <= len);
        FUZZ_CHECK(s->tok_begin <= s->tok_end && s->tok_end <= rec->tokens.n);
    }
    for (size_t i = 0; i < rec->money.n; i++) {
        const nm_money *m = &rec->money.v[i];
        FUZZ_CHECK(m->start < m->end && m->end <= len);
    }
    for (size_t i = 0; i < rec->entities.n; i++) {
        const nm_entity *e = &rec->entities.v[i];
        FUZZ_CHECK(e->start < e->end && e->end <= len);
        FUZZ_CHECK(nm_entity_type_name(e->type) != NULL);
    }
    for (size_t i = 0; i < rec->keywords.n; i++) {
        const nm_keyword *k = &rec->keywords.v[i];
        FUZZ_CHECK(k->score > 0 && k->score <= 1);
        FUZZ_CHECK(i == 0 || k->score <= rec->keywords.v[i - 1].score);
    }
}

#endif
