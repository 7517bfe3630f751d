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

int nm_cli_df(int argc, char **argv);
int nm_cli_stats(int argc, char **argv);

#endif
