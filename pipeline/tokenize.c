/*
 * tokenize.c — the tokenize stage (placeholder until its issue lands: annotates nothing).
 */
#include "stage.h"

static int tokenize_process(void *state, const void *shared, nm_record *rec, nm_error *err) {
    (void)state;
    (void)shared;
    (void)rec;
    (void)err;
    return NM_OK;
}

const nm__stage nm__stage_tokenize = {
    .name = "tokenize",
    .bit = NM_STAGE_TOKENIZE,
    .process = tokenize_process,
};
