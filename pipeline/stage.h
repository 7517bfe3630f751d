/*
 * stage.h — the interface every stage implements.
 *
 * A stage has shared, read-only data loaded once per pipeline (compiled regexes, Judy lexicons,
 * the df model), and per-worker state (pcre2 match data, scratch buffers, a stemmer). process()
 * reads the record and appends its annotations (arena-owned); it never frees the record.
 * A record that process() rejects gets rec->error set (nm__record_fail) and stops the chain.
 * pipeline.c lists the stages; adding one touches no other stage.
 *
 * Stages run in this order: tokenize, normalize, money, entities, keywords — money before
 * entities so entities can leave money spans alone (SPEC: money is not repeated in entities).
 */
#ifndef NM_STAGE_H
#define NM_STAGE_H

#include <stdint.h>

#include "newsmine/error.h"
#include "newsmine/options.h"
#include "record.h"

typedef struct nm__stage {
    const char *name;  /* "tokenize", as in --stages */
    unsigned bit;      /* NM_STAGE_* */
    /** Loads shared read-only data into *shared (may stay NULL). NULL = nothing to load. */
    int (*load)(void **shared, const nm_options *opts, nm_error *err);
    /** Frees what load made. Accepts NULL. */
    void (*unload)(void *shared);
    /** Makes per-worker state in *state (may stay NULL). NULL = no state. */
    int (*init)(void **state, const void *shared, const nm_options *opts, nm_error *err);
    /** Annotates rec. Returns NM_OK, or an error that is fatal for the pipeline (NM_ERR_NOMEM). */
    int (*process)(void *state, const void *shared, nm_record *rec, nm_error *err);
    /** Frees what init made. Accepts NULL. */
    void (*destroy)(void *state);
    /** Regex matches this worker skipped at a match or depth limit so far. NULL = none. */
    uint64_t (*limit_hits)(const void *state);
} nm__stage;

extern const nm__stage nm__stage_tokenize;
extern const nm__stage nm__stage_normalize;
extern const nm__stage nm__stage_money;
extern const nm__stage nm__stage_entities;
extern const nm__stage nm__stage_keywords;

#endif
