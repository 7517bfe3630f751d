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
#include <stdio.h>
#include <sys/stat.h>

#include "newsmine.h"

int nm_cli_df(int argc, char **argv);
int nm_cli_stats(int argc, char **argv);

/** 2 after saying why on stderr (cmd names the command: "newsmine stats") when output is the
 *  very file of one of inputs[0..n) or of df_path (may be NULL): the same device and inode,
 *  whatever the path ("./a.jsonl", a link), and standard input when it is read (an input "-",
 *  or n == 0: `newsmine -o a.jsonl < a.jsonl`); else 0. Opening the output empties it, so
 *  `newsmine a.jsonl -o a.jsonl` would lose the input before reading a byte of it; the
 *  commands refuse such a run before they touch anything. */
int nm_cli_refuse_clobber(const char *cmd, const char *output, char *const *inputs, size_t n,
                          const char *df_path);

/** When st is a regular file (the output), has the reader skip it wherever a directory walk
 *  meets it (written into the directory being read), and returns 1; else 0. */
int nm_cli_skip_output(nm_reader_options *ro, const struct stat *st);

/** Opens path for writing, created if need be, without emptying it: a run that fails to start
 *  (no readable input, a --df model that does not load) leaves the last good output as it
 *  was. The FILE, or NULL with errno set. */
FILE *nm_cli_output_open(const char *path);

/** Empties output f, when it is a regular file with something in it, once the run has
 *  started. 0, or -1 with errno set. */
int nm_cli_output_empty(FILE *f);

/** Parses an option's count s, a decimal of at most max, into *out: 0, or -1 when s is no such
 *  number (empty, signed, trailing bytes). With suffixes, K, M or G (powers of 1024, any case)
 *  may follow, then i and/or B: 16M, 16MB, 16MiB. */
int nm_cli_parse_count(const char *s, int suffixes, unsigned long long max,
                       unsigned long long *out);

/** The option getopt_long (with optstring) just refused with '?', as written: "--bogus",
 *  "--help=x", or "-z" out of a group such as "-zj2", where argv[optind - 1] is still the
 *  word before the group ("newsmine"). buf: 3 bytes the caller owns; returns buf or an
 *  argv string. */
const char *nm_cli_refused_option(const char *optstring, char **argv, char buf[3]);

#endif
