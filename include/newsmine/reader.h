/*
 * newsmine/reader.h — turning inputs (files, directories, stdin, .gz) into pipeline documents.
 *
 * nm_reader_feed() walks the inputs in order — a directory recursively in sorted name order,
 * "-" for stdin — and feeds each jsonl line or text file into a pipeline, streaming: a file is
 * never held whole in memory in jsonl mode. A line longer than max_doc_bytes plus slack is
 * skipped to its end and fed as an error record, never buffered.
 */
#ifndef NEWSMINE_READER_H
#define NEWSMINE_READER_H

#include <stddef.h>

#include "error.h"
#include "pipeline.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How inputs are read. */
typedef enum nm_input_format {
    NM_INPUT_AUTO = 0,   /* by extension: .jsonl .json .ndjson (and .gz of them) jsonl, else text; stdin jsonl */
    NM_INPUT_JSONL = 1,
    NM_INPUT_TEXT = 2
} nm_input_format;

/** Called for an input that cannot be read (the others go on). msg says what and where. */
typedef void (*nm_reader_error_fn)(void *user, const char *input, const char *msg);

typedef struct nm_reader_options {
    nm_input_format format;
    size_t max_doc_bytes;        /* as nm_options.max_doc_bytes */
    nm_reader_error_fn on_error; /* may be NULL */
    void *user;
    /* With skip_ino != 0: the file of this device and inode number (the output being written,
     * say in the directory being read) is reported through on_error and not read. */
    unsigned long long skip_dev, skip_ino;
    /* May be NULL. Called (with user) after each read of an input with the bytes read, as
     * stored: compressed for a .gz, so their sum can be set against the inputs' sizes. Runs
     * on the thread in nm_reader_feed(): a total read elsewhere (a progress line) needs an
     * atomic, as the CLI's is. */
    void (*on_read)(void *user, size_t bytes);
} nm_reader_options;

/** Reader totals. */
typedef struct nm_reader_stats {
    unsigned long long inputs, docs, bytes, input_errors;
} nm_reader_stats;

/**
 * Feeds every document of inputs[0..n) (n == 0: stdin) into p. Does not call
 * nm_pipeline_finish(). Returns NM_OK (even when some inputs could not be read: they are
 * counted in st->input_errors and reported through on_error), or NM_ERR_CANCELLED / NM_ERR_NOMEM.
 */
NM_API int nm_reader_feed(nm_pipeline *p, const char *const *inputs, size_t n,
                          const nm_reader_options *opts, nm_reader_stats *st);

#ifdef __cplusplus
}
#endif
#endif
