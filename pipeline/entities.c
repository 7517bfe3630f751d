/*
 * entities.c — the entities stage (placeholder until its issue lands: annotates nothing).
 */
#include "stage.h"

static int entities_process(void *state, const void *shared, nm_record *rec, nm_error *err) {
    (void)state;
    (void)shared;
    (void)rec;
    (void)err;
    return NM_OK;
}

const nm__stage nm__stage_entities = {
    .name = "entities",
    .bit = NM_STAGE_ENTITIES,
    .process = entities_process,
};
