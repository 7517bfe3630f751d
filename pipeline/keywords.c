/*
 * keywords.c — the keywords stage (placeholder until its issue lands: annotates nothing).
 */
#include "stage.h"

static int keywords_process(void *state, const void *shared, nm_record *rec, nm_error *err) {
    (void)state;
    (void)shared;
    (void)rec;
    (void)err;
    return NM_OK;
}

const nm__stage nm__stage_keywords = {
    .name = "keywords",
    .bit = NM_STAGE_KEYWORDS,
    .process = keywords_process,
};
