/*
 * commands.h — the sub-commands of the newsmine program, one file each:
 *   newsmine [OPTIONS] [INPUT...]      main.c        annotate a corpus
 *   newsmine df build|merge ...        cmd_df.c      document-frequency models
 *   newsmine stats [merge] ...         cmd_stats.c   corpus aggregates
 * Each takes the arguments after its name (argv[0] is the sub-command) and returns the exit
 * status of SPEC.md (0 ok, 1 fatal, 2 usage, 3 some records rejected).
 */
#ifndef NM_CLI_COMMANDS_H
#define NM_CLI_COMMANDS_H

#include <stddef.h>

int nm_cli_df(int argc, char **argv);
int nm_cli_stats(int argc, char **argv);

/** The index in inputs[0..n) of an input that is the very file output names (the same device
 *  and inode, whatever the path: "./a.jsonl", a link), or -1. Opening the output empties it,
 *  so `newsmine a.jsonl -o a.jsonl` would lose the input before reading a byte of it; the
 *  commands refuse such a run (exit 2) before they touch anything. */
long nm_cli_output_clobbers(const char *output, char *const *inputs, size_t n);

#endif
