/*
 * money.c — the money stage (placeholder until its issue lands: annotates nothing).
 */
#include "stage.h"

static int money_process(void *state, const void *shared, nm_record *rec, nm_error *err) {
    (void)state;
    (void)shared;
    (void)rec;
    (void)err;
    return NM_OK;
}

const nm__stage nm__stage_money = {
    .name = "money",
    .bit = NM_STAGE_MONEY,
    .process = money_process,
};
