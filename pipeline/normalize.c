/*
 * normalize.c — the normalize stage (placeholder until its issue lands: annotates nothing).
 */
#include "stage.h"

static int normalize_process(void *state, const void *shared, nm_record *rec, nm_error *err) {
    (void)state;
    (void)shared;
    (void)rec;
    (void)err;
    return NM_OK;
}

const nm__stage nm__stage_normalize = {
    .name = "normalize",
    .bit = NM_STAGE_NORMALIZE,
    .process = normalize_process,
};
