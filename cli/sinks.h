/*
 * sinks.h — outputs that are not a byte stream: the SQLite database (sink_sqlite.c).
 * The CLI's consumer thread opens a sink, writes every record in input order, then closes it.
 */
#ifndef NM_CLI_SINKS_H
#define NM_CLI_SINKS_H

#include <stddef.h>

#include "newsmine.h"

typedef struct nm_cli_sqlite nm_cli_sqlite;

/** Opens (or appends to) the database at path, creating tables and indexes, and the tokens table
 *  when tokens (--tokens). NULL + errbuf on failure. */
nm_cli_sqlite *nm_cli_sqlite_open(const char *path, int tokens, char *errbuf, size_t errlen);
/** Writes one record (error records go to documents with their error). 0 or -1 + errbuf. */
int nm_cli_sqlite_write(nm_cli_sqlite *db, const nm_record *rec, char *errbuf, size_t errlen);
/** Commits and closes. 0 or -1 + errbuf. Accepts NULL. */
int nm_cli_sqlite_close(nm_cli_sqlite *db, char *errbuf, size_t errlen);

#endif
