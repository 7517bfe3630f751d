/*
 * decode.h — turning a record's raw input into its document: id, text, meta, or an error.
 *
 * jsonl lines are parsed with simdjson On-Demand (decode_json.cpp: ~2.5 GB/s with UTF-8
 * validation); text documents are validated with utf8.c. Every way an input can be bad ends as
 * rec->error with what and where: `line 7 is not a JSON object`, `invalid UTF-8 at byte 1234`,
 * `missing text field "text"`, `document of 20000000 bytes exceeds --max-doc-bytes 16777216`.
 */
#ifndef NM_DECODE_H
#define NM_DECODE_H

#include "newsmine/options.h"
#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nm__decoder nm__decoder;

/** Per-worker decoder (holds the JSON parser). NULL when out of memory. */
nm__decoder *nm__decoder_create(void);
/** Accepts NULL. */
void nm__decoder_destroy(nm__decoder *d);

/**
 * Decodes rec (any input kind) per opts: sets id, text, meta_raw, title, date, or rec->error.
 * Returns NM_OK (also when the record was rejected) or NM_ERR_NOMEM.
 */
int nm__decode(nm__decoder *d, nm_record *rec, const nm_options *opts);

/** The jsonl part of nm__decode (decode_json.cpp). Same contract; rec->kind is NM__IN_LINE. */
int nm__decode_json(nm__decoder *d, nm_record *rec, const nm_options *opts);

#ifdef __cplusplus
}
#endif
#endif
