/*
 * newsmine/options.h — how a pipeline is configured.
 *
 * Fill an nm_options with nm_options_default(), change what you need, pass it to
 * nm_pipeline_create(). Strings in it are borrowed for the duration of the create call only.
 */
#ifndef NEWSMINE_OPTIONS_H
#define NEWSMINE_OPTIONS_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Stages, as bits; tokenize is implied by every other stage. */
enum {
    NM_STAGE_TOKENIZE = 1u << 0,
    NM_STAGE_NORMALIZE = 1u << 1,
    NM_STAGE_ENTITIES = 1u << 2,
    NM_STAGE_MONEY = 1u << 3,
    NM_STAGE_KEYWORDS = 1u << 4,
    NM_STAGE_ALL = 0x1f
};

/** How rendered output records are shaped (rendered by the workers, in parallel). */
typedef enum nm_output_format {
    NM_OUTPUT_JSONL = 1,    /* SPEC.md record, one a line */
    NM_OUTPUT_TSV = 2,      /* one row per annotation */
    NM_OUTPUT_ES_BULK = 3,  /* Elasticsearch _bulk action line + record */
    NM_OUTPUT_NONE = 9      /* nothing rendered: the caller reads the annotations itself */
} nm_output_format;

/** What to do with invalid UTF-8 in a document. */
typedef enum nm_utf8_policy {
    NM_UTF8_REJECT = 1,  /* an error record naming the byte offset */
    NM_UTF8_REPLACE = 2  /* each invalid sequence becomes U+FFFD; offsets refer to the repaired text */
} nm_utf8_policy;

typedef struct nm_options {
    unsigned threads;           /* worker threads; 0 = the CPUs this process may use */
    unsigned queue_depth;       /* records each bounded queue holds; 0 = 32 x threads up to 8
                                   threads, 64 x threads past 8, at most 1024 */
    unsigned stages;            /* NM_STAGE_* bits */
    unsigned top_k;             /* keywords per document */
    int emit_tokens;            /* render tokens in output records */
    nm_utf8_policy invalid_utf8;
    size_t max_doc_bytes;       /* larger documents become error records */
    nm_output_format format;
    const char *text_field;     /* jsonl field holding the text ("text") */
    const char *id_field;       /* jsonl field holding the id ("id") */
    const char *index_name;     /* es-bulk _index ("news") */
    const char *df_path;        /* document-frequency model; NULL = the bundled one */
} nm_options;

/** Fills opts with the defaults of SPEC.md. Thread-safe; opts must not be NULL. */
NM_API void nm_options_default(nm_options *opts);

/**
 * Parses a comma list of stage names ("tokenize,money") into NM_STAGE_* bits, adding tokenize
 * (and normalize, which every extractor needs). Returns NM_OK, or NM_ERR_INVALID with the bad
 * name in err, or when the list names no stage ("", ",", NULL).
 */
NM_API int nm_stages_parse(const char *list, unsigned *stages, nm_error *err);

#ifdef __cplusplus
}
#endif
#endif
