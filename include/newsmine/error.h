/*
 * newsmine/error.h — status codes and the error report every call can fill.
 *
 * Library calls return an int status: NM_OK (0) or a negative NM_ERR_* code. Calls that can say
 * more take an optional nm_error *, filled with the code, a message and where it happened
 * (document sequence number and byte offset), e.g. {NM_ERR_UTF8, "invalid UTF-8 at byte 12", 3, 12}.
 * The library never prints, exits or aborts.
 */
#ifndef NEWSMINE_ERROR_H
#define NEWSMINE_ERROR_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#define NM_API __declspec(dllexport)
#elif defined(__GNUC__)
#define NM_API __attribute__((visibility("default")))
#else
#define NM_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes. Negative values are errors; families are spaced so new codes never renumber. */
enum {
    NM_OK = 0,
    NM_ERR_NOMEM = -1,       /* an allocation failed */
    NM_ERR_INVALID = -2,     /* a bad argument or option value */
    NM_ERR_IO = -10,         /* reading or writing failed (errno in the message) */
    NM_ERR_CLOSED = -11,     /* the queue or pipeline is closed and drained: end of stream */
    NM_ERR_CANCELLED = -12,  /* the pipeline was aborted */
    NM_ERR_TIMEOUT = -13,    /* nothing was ready within the time asked (nm_pipeline_next_within) */
    NM_ERR_JSON = -20,       /* an input line is not a JSON object */
    NM_ERR_UTF8 = -21,       /* invalid UTF-8 in a document */
    NM_ERR_FIELD = -22,      /* the text field is missing or not a string */
    NM_ERR_TOO_BIG = -23,    /* a document exceeds --max-doc-bytes */
    NM_ERR_MODEL = -30,      /* a lexicon or df model file is malformed */
    NM_ERR_REGEX = -31,      /* a regular expression failed to compile */
    NM_ERR_LIMIT = -32,      /* a regex match or depth limit was hit (skipped and counted) */
    NM_ERR_INTERNAL = -99    /* a bug: please report */
};

/** Where and why a call failed. Optional everywhere: pass NULL to ignore the detail. */
typedef struct nm_error {
    int code;       /* one of NM_ERR_* (NM_OK when nothing failed) */
    char msg[256];  /* human-readable, NUL-terminated, says what and where */
    uint64_t doc;   /* sequence number of the document concerned, or UINT64_MAX */
    uint64_t pos;   /* byte offset in the document or line, or UINT64_MAX */
} nm_error;

/** Static text for a status code; never NULL. Thread-safe. */
NM_API const char *nm_strerror(int code);

/** Clears an error report (code NM_OK, empty message). Accepts NULL. */
NM_API void nm_error_clear(nm_error *err);

#ifdef __cplusplus
}
#endif
#endif
