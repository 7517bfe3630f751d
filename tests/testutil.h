/*
 * testutil.h — small helpers shared by the cmocka tests: read a file, run a shell command and
 * capture its stdout and exit status, and include cmocka with its required headers.
 */
#ifndef NM_TESTUTIL_H
#define NM_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka.h needs the three headers above first. */
#include <cmocka.h>

/** Reads a whole file; returns a malloc'd NUL-terminated buffer (caller frees) or NULL. */
char *nm_test_read_file(const char *path, size_t *len);

/**
 * Runs cmd with /bin/sh, feeding stdin_data (may be NULL) and capturing stdout into a malloc'd
 * NUL-terminated buffer (*out, caller frees; *out_len its length). Returns the exit status, or
 * 128+signal when killed by a signal, or -1 when the command could not run.
 */
int nm_test_run(const char *cmd, const char *stdin_data, size_t stdin_len, char **out,
                size_t *out_len);

/** Writes len bytes to path, replacing it. Returns 0 or -1. */
int nm_test_write_file(const char *path, const char *data, size_t len);

#include "record.h"

struct nm__stage;
struct nm_options;

/** Loads a stage's shared data and makes one worker state, as the pipeline does: 0 or -1.
 *  Either hook may be absent (the pointer then stays NULL). */
int nm_test_stage_up(const struct nm__stage *s, const struct nm_options *o, void **shared,
                     void **state);

/** Undoes nm_test_stage_up (NULL-safe, as the stage hooks are). */
void nm_test_stage_down(const struct nm__stage *s, void *shared, void *state);

/** The normalize and entities stages up as a worker has them, and a record to run them on:
 *  the fixture of test_entities and test_ent_numex (nm_test_ent_setup / _teardown as the cmocka
 *  group setup and teardown; *state is the fixture). */
typedef struct nm_test_ent_fixture {
    void *norm_shared, *norm_state;
    void *ent_shared, *ent_state;
    nm_record rec;
} nm_test_ent_fixture;
int nm_test_ent_setup(void **state);
int nm_test_ent_teardown(void **state);

/** Counts the lines (newline bytes) in s. */
size_t nm_test_count_lines(const char *s, size_t len);

#endif
